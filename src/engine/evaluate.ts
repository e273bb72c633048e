/**
 * From evidence to assessment.json: run the checks, roll up controls, frameworks and risks, and
 * summarise. Pure: the clock, the catalog and the evidence are all passed in.
 */
import type { Catalog, Severity } from '../catalog/model.js';
import { reachesFailOn, SEVERITIES } from '../catalog/model.js';
import { CHECK_IDS } from '../checks/ids.js';
import type { Check } from '../checks/types.js';
import { resolveCheckOptions, type CheckOptions } from '../config/check-options.js';
import type { Manifest } from '../evidence/bundle.js';
import type { RiskException } from '../config/project-config.js';
import type { DiscoverySummary, EvidenceItem, EvidenceKind } from '../evidence/types.js';
import { PACKAGE_VERSION } from '../lib/package-root.js';
import {
  ASSESSMENT_SCHEMA_VERSION, CONTROL_STATUSES, type Assessment, type AssessmentCheck, type AssessmentControl, type DocumentControl, type Finding, type RiskMethod,
} from './assessment.js';
import { buildBoundary, shippedExclusions } from './boundary.js';
import { attestationsByControl, attestationsByRequirement } from './attestations.js';
import { compareAssessments, historyAfter } from './compare.js';
import { applyExceptions } from './exceptions.js';
import { inventoryOf } from './inventory.js';
import { buildRemediationPlan, type OwnerRule, type ResponseEntry } from './remediation-plan.js';
import { buildRiskRegister, DEFAULT_RISK_METHOD } from './risk-register.js';
import { pooledFigures, rollUpControls, rollUpFrameworks, type CheckOutcome } from './roll-up.js';
import type { CollectorFailure } from './run-collectors.js';
import { runChecks } from './run-checks.js';

export interface EvaluateInput {
  catalog: Catalog;
  checks: Check[];
  items: EvidenceItem[];
  manifest: Manifest;
  collectorFailures: CollectorFailure[];
  now: string;
  scope: Assessment['scope'];
  failOn: Severity | 'none';
  /** Thresholds from mcp-comply.yaml's `checks:`; defaults when absent. */
  checkOptions?: CheckOptions;
  /** exceptions.yaml, already checked: recorded beside findings and controls, and in the register. */
  exceptions?: RiskException[];
  /** mcp-comply.yaml `risk:` resolved over the defaults. */
  riskMethod?: RiskMethod;
  /** The previous assessment (`--previous`): what changed since is added as `changes`. */
  previous?: Assessment;
  /** What the remediation plan takes from mcp-comply.yaml (`owners:`, `report.slaDays`) and responses.yaml. */
  plan?: { owners?: OwnerRule[]; slaDays?: Partial<Record<Severity, number>>; responses?: ResponseEntry[] };
  /** Document control from `report:` (see documentControlOf). */
  document?: DocumentControl;
}

export function evaluate(input: EvaluateInput): Assessment {
  const { catalog, items, now } = input;
  const failedKinds = new Set<EvidenceKind>(input.collectorFailures.flatMap((f) => f.kinds));
  const evaluated = runChecks(input.checks, items, { now, frameworks: input.scope.frameworks, options: withRetention(input) }, failedKinds);
  const controlsOf = (checkId: string) => catalog.controls.filter((c) => c.checks.includes(checkId)).map((c) => c.id);

  // Check ids of the catalog that no implementation evaluates yet stay visible, as not observed.
  const implemented = new Set(evaluated.map((c) => c.id));
  const severityRank = (s: Severity) => SEVERITIES.indexOf(s);
  const pending: AssessmentCheck[] = CHECK_IDS.filter((id) => !implemented.has(id)).map((id) => ({
    id, title: id, status: 'not_observed' as const,
    severity: catalog.controls.filter((c) => c.checks.includes(id)).map((c) => c.severity).sort((a, b) => severityRank(b) - severityRank(a))[0] ?? 'medium',
    reason: 'mcp-comply does not collect the evidence for this check yet',
    controlIds: controlsOf(id), results: [],
  }));
  const checks: AssessmentCheck[] = [
    ...evaluated.map((c) => ({ ...c, controlIds: controlsOf(c.id) })),
    ...pending,
  ];
  const outcomes = new Map(checks.map((c): [string, CheckOutcome] => [c.id, {
    status: c.status, ...(c.reason ? { reason: c.reason } : {}), failures: c.results.filter((r) => r.status === 'fail').length,
  }]));
  const checkOf = (id: string): CheckOutcome => outcomes.get(id) ?? { status: 'not_observed', reason: 'no implementation of this check ran', failures: 0 };

  const checkFindings: Finding[] = checks.flatMap((c) => c.results.filter((r) => r.status === 'fail').map((r) => ({
    checkId: c.id, severity: r.severity, messageId: r.messageId, message: r.message, location: r.location,
    fingerprint: r.fingerprint, controlIds: c.controlIds, evidenceId: r.evidenceId, ...(r.server !== undefined ? { server: r.server } : {}),
  }))).sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.location.path.localeCompare(b.location.path)
    || (a.location.line ?? 0) - (b.location.line ?? 0));

  // Attestations are evidence: those of attestations.yaml and those of a saved bundle (`--evidence`) alike.
  const attestations = items.filter((i): i is EvidenceItem<'attestation'> => i.kind === 'attestation').map((i) => i.data);
  const riskMethod = input.riskMethod ?? DEFAULT_RISK_METHOD;
  const rolledUp = rollUpControls(catalog, checkOf, attestationsByControl(attestations, now), riskMethod);
  const { findings, controls, register } = applyExceptions(input.exceptions ?? [], checkFindings, rolledUp, now);
  const { scope } = input;
  const frameworks = rollUpFrameworks(catalog.frameworks.filter((f) => scope.frameworks.includes(f.id)), controls, {
    ...(scope.dataClassesDeclared ? { dataClasses: scope.dataClasses } : {}),
    ...(scope.aiAct?.role ? { aiActRole: scope.aiAct.role } : {}),
    ...(scope.aiAct?.riskLevel ? { aiActRiskLevel: scope.aiAct.riskLevel } : {}),
  }, attestationsByRequirement(attestations, now));
  const { risks, heatMap } = buildRiskRegister(catalog, controls, riskMethod);

  const count = <T extends string>(keys: readonly T[], values: T[]) =>
    Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<T, number>;
  const bySeverity = count(SEVERITIES, findings.map((f) => f.severity));
  // A finding under a live exception is accepted risk: it stays a finding but no longer fails the run.
  const open = findings.filter((f) => !f.exception);
  const failed = open.some((f) => reachesFailOn(f.severity, input.failOn));
  const registerCount = (pick: (e: typeof register[number]) => boolean) => register.filter(pick).length;

  const inventory = inventoryOf(items, { systems: input.scope.systems, findings });
  const assessment: Assessment = {
    schemaVersion: ASSESSMENT_SCHEMA_VERSION,
    tool: { name: 'mcp-comply', version: PACKAGE_VERSION },
    generatedAt: now,
    scope: { ...input.scope, boundary: buildBoundary({ items, inventory, systems: input.scope.systems, now, exclusions: shippedExclusions() }) },
    evidence: {
      rootHash: input.manifest.rootHash,
      items: input.manifest.items.map(({ line: _line, ...entry }) => entry),
      unreadable: items.filter((i): i is EvidenceItem<'unreadable-source'> => i.kind === 'unreadable-source').map((i) => i.data),
      collectorFailures: input.collectorFailures.map(({ collector, message }) => ({ collector, message })),
      ...discoveryOf(items),
    },
    checks,
    findings,
    controls: controls.map((c) => withCatalogText(c, catalog)),
    frameworks,
    risks,
    riskMethod,
    riskHeatMap: heatMap,
    inventory,
    ...(input.exceptions ? { exceptions: register } : {}),
    plan: buildRemediationPlan({
      findings, checks, frameworks, servers: inventory.servers, ...(scope.systems ? { systems: scope.systems } : {}),
      ...input.plan, ...(input.previous ? { previous: input.previous } : {}), now,
    }),
    ...(input.document ? { document: input.document } : {}),
    summary: {
      checks: count(['pass', 'fail', 'not_observed', 'not_applicable', 'error'] as const, checks.map((c) => c.status)),
      findings: { total: findings.length, bySeverity, excepted: findings.length - open.length },
      ...(input.exceptions ? {
        exceptions: {
          live: registerCount((e) => e.status === 'live'), expired: registerCount((e) => e.status === 'expired'),
          notYetApproved: registerCount((e) => e.status === 'not-yet-approved'), unused: registerCount((e) => e.unused),
        },
      } : {}),
      controls: count(CONTROL_STATUSES, controls.map((c) => c.status)),
      requirements: pooledFigures(frameworks),
      failOn: input.failOn,
      failed,
    },
  };
  return input.previous ? { ...assessment, changes: compareAssessments(input.previous, assessment), history: historyAfter(input.previous) } : assessment;
}

/** A control with the catalog's text beside its status, so that reports need nothing but assessment.json. */
function withCatalogText(control: AssessmentControl, catalog: Catalog): AssessmentControl {
  const entry = catalog.controls.find((c) => c.id === control.id);
  if (!entry) return control;
  return {
    ...control, objective: entry.objective, remediation: entry.remediation, expectedEvidence: entry.evidence,
    threats: entry.threats, practices: entry.practices, ...(entry.references ? { references: entry.references } : {}),
  };
}

/** The log retention minimums of the frameworks in scope (mapping data), beside the user's override. */
function withRetention(input: EvaluateInput): CheckOptions {
  const options = input.checkOptions ?? resolveCheckOptions();
  const requirements = input.catalog.frameworks
    .filter((f) => input.scope.frameworks.includes(f.id) && f.logRetention)
    .map((f) => ({ framework: f.name, ...f.logRetention! }));
  return { ...options, 'logs.retention.insufficient': { ...options['logs.retention.insufficient'], requirements } };
}

/** The MCP configuration discovery summary (what was examined, parsed and skipped, with why), when it ran. */
function discoveryOf(items: EvidenceItem[]): { discovery?: DiscoverySummary } {
  const found = items.find((i): i is EvidenceItem<'discovery'> => i.kind === 'discovery');
  return found ? { discovery: found.data } : {};
}
