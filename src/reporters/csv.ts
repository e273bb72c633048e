/**
 * CSV reporter: findings.csv (one row per finding), requirements.csv (one row per framework
 * requirement) and remediation-plan.csv (one row per item of the remediation plan), for the GRC person
 * who filters, pivots and tracks in a spreadsheet. One header row, a stable column order and one value
 * per cell (lists joined with `;`), so columns can be filtered.
 */
import type { Assessment, AssessmentFramework, PlanItem } from '../engine/assessment.js';
import { locationText, outcomeLabel } from './labels.js';
import type { Reporter } from './types.js';

/** Excel opens a CSV without a byte order mark in the legacy code page and garbles accents; with it, as UTF-8. */
const BOM = '\uFEFF';
/** RFC 4180 ends every record with CRLF. */
const EOL = '\r\n';

/**
 * Spreadsheets run a cell that starts with one of these as a formula (CSV injection). Finding
 * messages, paths and attestation fields are attacker-controlled, so such a cell gets a leading `'`
 * (OWASP "CSV Injection"): shown as text, the value still readable.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** RFC 4180: a field holding a quote, comma, CR or LF is quoted, its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | undefined;

/** One field as written: defused against formulas, then quoted where RFC 4180 needs it. Absent is empty. */
export function csvField(value: CsvValue): string {
  if (value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvDocument(header: readonly string[], rows: CsvValue[][]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvField).join(',') + EOL).join('');
}

const FINDING_COLUMNS = [
  'severity', 'check_id', 'check_title', 'message', 'path', 'line', 'column', 'controls', 'requirements',
  'fingerprint', 'evidence_id', 'server', 'exception_id', 'exception_approver', 'exception_expires',
  'expired_exception_id', 'remediation',
  // Added with the remediation plan, after the first columns so that their positions stay.
  'status', 'first_seen', 'owner', 'due', 'plan_item',
] as const;

/**
 * The in-scope requirements of every framework as `framework:requirement`, with the controls they map
 * to. Requirements scoped out (not_applicable) are left out: a finding does not bear on them.
 */
function inScopeRequirements(frameworks: AssessmentFramework[]): Array<{ key: string; controlIds: Set<string> }> {
  return frameworks.flatMap((framework) => framework.requirements
    .filter((requirement) => requirement.status !== 'not_applicable')
    .map((requirement) => ({ key: `${framework.id}:${requirement.id}`, controlIds: new Set(requirement.controlIds) })));
}

/** findings.csv: exactly one row per finding of the assessment, in its order (most severe first). */
export function findingsCsv(assessment: Assessment): string {
  const checks = new Map(assessment.checks.map((check) => [check.id, check]));
  const requirements = inScopeRequirements(assessment.frameworks);
  const planItems = planItemsByFinding(assessment.plan?.items ?? []);
  const rows = assessment.findings.map((finding): CsvValue[] => {
    const check = checks.get(finding.checkId);
    const item = planItems.get(findingKey(finding));
    return [
      finding.severity, finding.checkId, check?.title, finding.message,
      finding.location.path, finding.location.line, finding.location.column,
      finding.controlIds.join(';'),
      requirements.filter((requirement) => finding.controlIds.some((id) => requirement.controlIds.has(id))).map((r) => r.key).join(';'),
      finding.fingerprint, finding.evidenceId, finding.server,
      finding.exception?.id, finding.exception?.approver, finding.exception?.expires,
      finding.expiredException?.id, check?.remediation,
      // A finding's own status: accepted when a live exception covers it, even where its plan item is still open for the others.
      finding.exception ? 'accepted' : 'open', item?.firstSeen, item?.owner, item?.due, item?.id,
    ];
  });
  return csvDocument(FINDING_COLUMNS, rows);
}

/** A finding is one indicator of a plan item: the same check and fingerprint. */
const findingKey = (finding: { checkId: string; fingerprint: string }) => `${finding.checkId}\u0000${finding.fingerprint}`;

/** The plan item each finding is an indicator of (resolved items hold findings of the previous run, which match none). */
function planItemsByFinding(items: readonly PlanItem[]): Map<string, PlanItem> {
  const byFinding = new Map<string, PlanItem>();
  for (const item of items) {
    if (item.status === 'resolved') continue;
    for (const indicator of item.indicators) if (!byFinding.has(findingKey(indicator))) byFinding.set(findingKey(indicator), item);
  }
  return byFinding;
}

const REQUIREMENT_COLUMNS = [
  'framework_id', 'framework_name', 'framework_version', 'requirement_id', 'requirement_title', 'status',
  'status_label', 'reason', 'controls', 'attested_by', 'attestation_valid_until', 'attestation_state',
] as const;

/**
 * requirements.csv: one row per requirement of every framework, frameworks and requirements in assessment
 * order. `status` is the outcome of DESIGN §5 (met, effective, partly_effective, deficient, untested,
 * not_addressed, not_applicable), the same in every framework; `status_label` says it in the framework's
 * own words where its mapping gives them (PCI DSS "In Place"). `controls` gives each linked control as
 * `id (relationship, property, status)`.
 */
export function requirementsCsv(assessment: Assessment): string {
  const rows = assessment.frameworks.flatMap((framework) =>
    framework.requirements.map((requirement): CsvValue[] => [
      framework.id, framework.name, framework.version, requirement.id, requirement.title, requirement.status,
      outcomeLabel(framework, requirement.status), requirement.reason,
      requirement.controls.map((control) => `${control.id} (${[control.relationship, control.property, control.status].filter(Boolean).join(', ')})`).join(';'),
      requirement.attestation?.attestedBy, requirement.attestation?.validUntil, requirement.attestation?.state,
    ]));
  return csvDocument(REQUIREMENT_COLUMNS, rows);
}

const PLAN_COLUMNS = [
  'id', 'priority', 'status', 'severity', 'title', 'check_id', 'server', 'system', 'owner', 'first_seen', 'due', 'sla_days',
  'overdue', 'indicators', 'locations', 'controls', 'requirements', 'remediation', 'exception_id', 'exception_expires',
  'response', 'response_by', 'response_date', 'target_date', 'ticket', 'resolved_on', 'not_retested',
] as const;

/**
 * remediation-plan.csv: one row per item of the remediation plan (POA&M), in plan order (priority
 * first). `indicators` counts the findings of the root cause, `locations` lists where they are (each
 * place once). An assessment without a plan (one built by hand: files read from disk get theirs
 * derived) gives the header alone.
 */
export function remediationPlanCsv(assessment: Assessment): string {
  const rows = (assessment.plan?.items ?? []).map((item): CsvValue[] => [
    item.id, item.priority, item.status, item.severity, item.title, item.checkId, item.server, item.system, item.owner,
    item.firstSeen, item.due, item.slaDays, String(item.overdue), item.indicators.length,
    [...new Set(item.indicators.map((indicator) => locationText(indicator.location)))].join('; '),
    item.controlIds.join(';'), item.requirements.map((r) => `${r.frameworkId}:${r.id}`).join(';'), item.remediation,
    item.exception?.id, item.exception?.expires,
    item.response?.response, item.response?.by, item.response?.date, item.response?.targetDate,
    item.response?.ticket, item.resolvedOn, item.notRetested,
  ]);
  return csvDocument(PLAN_COLUMNS, rows);
}

export const csvReporter: Reporter = {
  format: 'csv',
  files: ['findings.csv', 'requirements.csv', 'remediation-plan.csv'],
  async render(assessment) {
    return [
      { name: 'findings.csv', content: findingsCsv(assessment) },
      { name: 'requirements.csv', content: requirementsCsv(assessment) },
      { name: 'remediation-plan.csv', content: remediationPlanCsv(assessment) },
    ];
  },
};
