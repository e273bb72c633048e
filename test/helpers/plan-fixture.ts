/**
 * A remediation plan built by hand for reporter tests, following the PlanItem type exactly: the
 * findings grouped by root cause (check and server, else path), one item accepted under an exception,
 * one resolved since the previous run and one with a management response. Reporters are views, so
 * they are tested against a plan whose every value the test knows.
 */
import { createHash } from 'node:crypto';
import type { Assessment, Finding, PlanItem, RemediationPlan } from '../../src/engine/assessment.js';

export const SLA_DAYS: RemediationPlan['slaDays'] = { critical: 7, high: 30, medium: 90, low: 180 };
const PRIORITY = { critical: 1, high: 2, medium: 3, low: 4 } as const;

/** The date `days` after YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const planId = (key: string) => `RP-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;

/** The plan of `assessment`'s findings, first seen 30 days before the run, plus the resolved item `resolved`. */
export function planOf(assessment: Assessment): RemediationPlan {
  const runDate = assessment.generatedAt.slice(0, 10);
  const firstSeen = addDays(runDate, -30);
  const groups = new Map<string, Finding[]>();
  for (const finding of assessment.findings) {
    const key = `${finding.checkId}|${finding.server ?? finding.location.path}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  const systemOf = (server: string | undefined) => assessment.inventory.servers.find((s) => s.name === server)?.system;
  const ownerOf = (system: string | undefined) => assessment.scope.systems?.find((s) => s.name === system)?.owner;
  const checks = new Map(assessment.checks.map((check) => [check.id, check]));
  const items: PlanItem[] = [...groups].map(([key, findings]) => {
    const first = findings[0]!;
    const system = systemOf(first.server);
    const owner = ownerOf(system);
    const due = addDays(firstSeen, SLA_DAYS[first.severity]);
    const accepted = findings.every((f) => f.exception);
    const controlIds = [...new Set(findings.flatMap((f) => f.controlIds))];
    return {
      id: planId(key),
      rootCause: key,
      title: `${checks.get(first.checkId)?.title ?? first.checkId}: ${first.server ?? first.location.path}`,
      checkId: first.checkId,
      severity: first.severity,
      priority: PRIORITY[first.severity],
      indicators: findings.map((f) => ({
        checkId: f.checkId, messageId: f.messageId, message: f.message, location: f.location, fingerprint: f.fingerprint,
        ...(f.server !== undefined ? { server: f.server } : {}),
      })),
      controlIds,
      requirements: assessment.frameworks.flatMap((fw) => fw.requirements
        .filter((r) => r.status !== 'not_applicable' && r.controlIds.some((id) => controlIds.includes(id)))
        .map((r) => ({ frameworkId: fw.id, id: r.id }))),
      ...(checks.get(first.checkId)?.remediation ? { remediation: checks.get(first.checkId)!.remediation! } : {}),
      ...(first.server !== undefined ? { server: first.server } : {}),
      ...(system ? { system } : {}),
      ...(owner ? { owner, ownerSource: 'system' as const } : {}),
      firstSeen,
      slaDays: SLA_DAYS[first.severity],
      due,
      overdue: due < runDate,
      status: accepted ? 'accepted' as const : 'open' as const,
      ...(accepted ? { exception: first.exception! } : {}),
    };
  });
  items.push({
    id: planId('mcp.transport.plaintext-http|old-server'),
    rootCause: 'mcp.transport.plaintext-http|old-server',
    title: 'MCP servers use TLS: old-server',
    checkId: 'mcp.transport.plaintext-http',
    severity: 'high',
    priority: 2,
    indicators: [{
      checkId: 'mcp.transport.plaintext-http', message: 'old-server is reached over plain HTTP',
      location: { path: 'clinical-assistant/.cursor/mcp.json', line: 30, column: 7 }, fingerprint: 'old0', server: 'old-server',
    }],
    controlIds: ['MCP-EN-01'],
    requirements: [],
    server: 'old-server',
    firstSeen: addDays(runDate, -120),
    slaDays: 30,
    due: addDays(runDate, -90),
    overdue: false,
    status: 'resolved',
    resolvedOn: runDate,
  });
  items.sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
  return { slaDays: SLA_DAYS, items };
}

/** The assessment with its hand-made plan; `response` goes to the first open item with an owner (else the first open one). */
export function withPlan(assessment: Assessment, response?: PlanItem['response']): Assessment {
  const plan = planOf(assessment);
  const open = plan.items.filter((item) => item.status === 'open');
  if (response) (open.find((item) => item.owner) ?? open[0]!).response = response;
  return { ...assessment, plan };
}
