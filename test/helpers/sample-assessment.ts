/**
 * A real assessment.json for reporter tests: the built CLI (`npm test` builds first) assessing the
 * bundled examples/ estate, as `npm run demo` does, once per test process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Severity } from '../../src/catalog/model.js';
import type { Assessment, DocumentControl, Finding, PlanItem, RemediationPlan } from '../../src/engine/assessment.js';
import { runCli } from './cli.js';
import { tempDir } from './temp-catalog.js';

let cached: string | undefined;

/** A fresh deep copy each call, so a test may change it freely. */
export function sampleAssessment(): Assessment {
  if (!cached) {
    const out = path.join(tempDir('sample-assessment-'), 'out');
    const run = runCli(['assess', '--config', 'examples/mcp-comply.yaml', '--out', out]);
    if (run.code !== 0 && run.code !== 1) throw new Error(`assess of examples/ exited ${run.code}: ${run.stderr}`);
    cached = fs.readFileSync(path.join(out, 'assessment.json'), 'utf8');
  }
  return JSON.parse(cached) as Assessment;
}

/**
 * Document control as `report:` in mcp-comply.yaml gives it (hand-made until the engine writes it into
 * the sample's assessment.json).
 */
export function sampleDocument(overrides: Partial<DocumentControl> = {}): DocumentControl {
  return {
    status: 'draft', classification: 'Confidential - <Board> & auditors', preparedBy: 'A. Assessor', reviewedBy: 'R. Reviewer', approvedBy: 'C. CISO',
    version: '0.3', distribution: ['Board', 'External auditor'], period: { from: '2026-09-01', to: '2026-11-30' }, ...overrides,
  };
}

const SLA_DAYS: Record<Severity, number> = { critical: 7, high: 30, medium: 90, low: 180 };
const PRIORITY: Record<Severity, 1 | 2 | 3 | 4> = { critical: 1, high: 2, medium: 3, low: 4 };

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A remediation plan over the assessment's findings, grouped by root cause (check and server, else
 * check and file) as the engine groups them; hand-made so reporter tests need not wait for the engine.
 * The first item carries a management response; items with an exception on every finding are accepted.
 */
export function samplePlan(a: Assessment): RemediationPlan {
  const groups = new Map<string, Finding[]>();
  for (const f of a.findings) {
    const key = `${f.checkId}|${f.server ?? f.location.path}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const today = a.generatedAt.slice(0, 10);
  const items = [...groups].map(([rootCause, findings], n): PlanItem => {
    const first = findings[0]!;
    const firstSeen = addDays(today, -(n % 3) * 20);
    const due = addDays(firstSeen, SLA_DAYS[first.severity]);
    const accepted = findings.every((f) => f.exception);
    return {
      id: `RP-${(n + 1).toString(16).padStart(8, '0')}`, rootCause, title: `Fix ${first.checkId}${first.server ? ` on ${first.server}` : ` in ${first.location.path}`}`,
      checkId: first.checkId, severity: first.severity, priority: PRIORITY[first.severity],
      indicators: findings.map((f) => ({ checkId: f.checkId, message: f.message, location: f.location, fingerprint: f.fingerprint, ...(f.server ? { server: f.server } : {}) })),
      controlIds: [...first.controlIds], requirements: [],
      remediation: a.checks.find((c) => c.id === first.checkId)?.remediation,
      ...(first.server ? { server: first.server, owner: 'Platform team', ownerSource: 'rule' as const } : {}),
      firstSeen, slaDays: SLA_DAYS[first.severity], due, overdue: due < today,
      status: accepted ? 'accepted' : 'open', ...(accepted ? { exception: first.exception! } : {}),
      ...(n === 0 ? { response: { response: 'Agreed; the <tool> is being replaced.', by: 'Head of Platform', date: today, targetDate: addDays(today, 14), ticket: 'SEC-42' } } : {}),
    };
  });
  return { slaDays: { ...SLA_DAYS }, items };
}

/** The sample assessment with a hand-made plan and document control, as schema 2.1 carries them. */
export function sampleAssessmentWithPlan(document: Partial<DocumentControl> = {}): Assessment {
  const a = sampleAssessment();
  return { ...a, plan: samplePlan(a), document: sampleDocument(document) };
}

let demo: string | undefined;

/**
 * The demo's assessment, generated as `npm run demo` does (examples/ against last quarter's assessment),
 * once per test process, with document control and a plan: the engine's own plan once it writes one,
 * else the hand-made one of samplePlan.
 */
export function demoAssessment(document: Partial<DocumentControl> = {}): Assessment {
  if (!demo) {
    const out = path.join(tempDir('demo-assessment-'), 'out');
    const run = runCli(['assess', '--config', 'examples/mcp-comply.yaml', '--previous', 'examples/previous/2026-Q3/assessment.json', '--out', out]);
    if (run.code !== 0 && run.code !== 1) throw new Error(`assess of examples/ exited ${run.code}: ${run.stderr}`);
    demo = fs.readFileSync(path.join(out, 'assessment.json'), 'utf8');
  }
  const a = JSON.parse(demo) as Assessment;
  return { ...a, plan: a.plan ?? samplePlan(a), document: { ...(a.document ?? sampleDocument()), ...document } };
}
