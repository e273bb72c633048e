/**
 * The committed baseline (`mcp-comply baseline update`): of an assessment, only what drift compares,
 * in a stable order, so that a pull request that updates it shows a readable diff. Reasons, evidence
 * items, check results and timings are left out: they change on every run without anything changing.
 */
import type { Assessment, AssessmentControl, AssessmentFramework, AssessmentRisk, ExceptionEntry, Finding, PlanItem } from './assessment.js';
import { byText, serverKey, toolKey } from './compare.js';

const BASELINE_KIND = 'mcp-comply-baseline';

/** Whether a file read as an assessment is a baseline, which lacks what reports and the check's current state need. */
export function isBaseline(value: Assessment | Baseline): boolean {
  return (value as { kind?: string }).kind === BASELINE_KIND;
}

/** What a baseline keeps: `readAssessmentFile` and `compareAssessments` need no more. */
export interface Baseline {
  kind: typeof BASELINE_KIND;
  schemaVersion: string;
  tool: Assessment['tool'];
  generatedAt: string;
  scope: { organization?: string; frameworks: string[] };
  evidence: { rootHash: string };
  controls: Array<Pick<AssessmentControl, 'id' | 'title' | 'status' | 'attestation'>>;
  /** `server` groups them by root cause as the plan does (absent before schema 2.1). */
  findings: Array<Pick<Finding, 'checkId' | 'severity' | 'message' | 'location' | 'fingerprint' | 'controlIds' | 'exception' | 'server'>>;
  frameworks: Array<Pick<AssessmentFramework, 'id' | 'name' | 'version'> & {
    summary: Pick<AssessmentFramework['summary'], 'testingCoverage' | 'effectiveness'>;
    requirements: Array<{ id: string; title: string; status: AssessmentFramework['requirements'][number]['status'] }>;
  }>;
  risks: Array<Pick<AssessmentRisk, 'threatId' | 'title' | 'residual'>>;
  inventory: Assessment['inventory'];
  exceptions?: Array<Pick<ExceptionEntry, 'id' | 'target' | 'status' | 'expires'>>;
  /**
   * When each open or accepted plan item was first seen, so that due dates survive a CI that assesses
   * against the baseline (`assess --previous baseline.json`) and then updates it. Absent before schema 2.1.
   */
  plan?: { items: Array<Pick<PlanItem, 'id' | 'firstSeen'>> };
}

/** Code-point order by a key, as in compare.ts: the file must not depend on the machine's locale. */
const byKey = <T>(key: (item: T) => string) => (a: T, b: T) => byText(key(a), key(b));

export function baselineOf(a: Assessment): Baseline {
  return {
    kind: BASELINE_KIND,
    schemaVersion: a.schemaVersion,
    tool: a.tool,
    generatedAt: a.generatedAt,
    scope: { ...(a.scope.organization ? { organization: a.scope.organization } : {}), frameworks: [...a.scope.frameworks].sort() },
    evidence: { rootHash: a.evidence.rootHash },
    controls: a.controls.map((c) => ({ id: c.id, title: c.title, status: c.status, ...(c.attestation ? { attestation: c.attestation } : {}) }))
      .sort(byKey((c) => c.id)),
    findings: a.findings.map((f) => ({
      checkId: f.checkId, severity: f.severity, message: f.message, location: f.location, fingerprint: f.fingerprint,
      controlIds: f.controlIds, ...(f.server !== undefined ? { server: f.server } : {}), ...(f.exception ? { exception: f.exception } : {}),
    })).sort(byKey((f) => f.fingerprint)),
    frameworks: a.frameworks.map((f) => ({
      id: f.id, name: f.name, version: f.version,
      summary: { testingCoverage: f.summary.testingCoverage, effectiveness: f.summary.effectiveness },
      requirements: f.requirements.map((r) => ({ id: r.id, title: r.title, status: r.status })),
    })).sort(byKey((f) => f.id)),
    risks: a.risks.map((r) => ({ threatId: r.threatId, title: r.title, residual: r.residual })).sort(byKey((r) => r.threatId)),
    inventory: {
      servers: [...(a.inventory?.servers ?? [])].sort(byKey(serverKey)),
      tools: [...(a.inventory?.tools ?? [])].sort(byKey(toolKey)),
    },
    ...(a.exceptions ? { exceptions: a.exceptions.map((e) => ({ id: e.id, target: e.target, status: e.status, expires: e.expires })).sort(byKey((e) => e.id)) } : {}),
    ...(a.plan ? {
      plan: { items: a.plan.items.filter((i) => i.status !== 'resolved').map((i) => ({ id: i.id, firstSeen: i.firstSeen })).sort(byKey((i) => i.id)) },
    } : {}),
  };
}
