/**
 * Words and figures every human-readable report uses alike (HTML, PDF, Markdown, CSV), so one status
 * reads the same in every format.
 */
import { REQUIREMENT_STATUSES as REQUIREMENT_OUTCOMES, type FigureLabels, type Severity } from '../catalog/model.js';
import type {
  AssessmentFramework, ChangeDirection, ControlAttestation, ControlStatus, DocumentControl, ExceptionStatus, FrameworkFigures, PlanItemStatus, RequirementStatus,
  RiskBand,
} from '../engine/assessment.js';
import type { Location } from '../evidence/types.js';

export const CONTROL_STATUS_LABEL: Record<ControlStatus, string> = {
  pass: 'Pass', partial: 'Partial', fail: 'Fail', not_observed: 'Not observed', manual: 'Manual', attested: 'Attested',
  stale: 'Stale', not_applicable: 'Not applicable', error: 'Error',
};

/** Our words for requirement outcomes (DESIGN §5); a framework's own words, when its mapping gives them, come first. */
export const REQUIREMENT_STATUS_LABEL: Record<RequirementStatus, string> = {
  met: 'Met', effective: 'Effective', partly_effective: 'Partly effective', deficient: 'Deficient', untested: 'Untested',
  not_addressed: 'Not addressed', not_applicable: 'Not applicable',
};

/**
 * A requirement outcome in the framework's own words (PCI DSS "In Place", ISO/IEC 42001 "conforming"),
 * first letter capitalised as a label; else ours; a status this version does not know reads as itself.
 */
export function outcomeLabel(framework: { outcomeLabels?: Partial<Record<RequirementStatus, string>> }, status: RequirementStatus): string {
  const own = Object.hasOwn(framework.outcomeLabels ?? {}, status) ? framework.outcomeLabels![status]?.trim() : undefined;
  if (own) return own.charAt(0).toUpperCase() + own.slice(1);
  return Object.hasOwn(REQUIREMENT_STATUS_LABEL, status) ? REQUIREMENT_STATUS_LABEL[status] : String(status);
}

export type Figure = keyof FigureLabels;

/** Our names for the two figures of DESIGN §5. There is no "compliance" figure. */
export const FIGURE_LABEL: Record<Figure, string> = { testingCoverage: 'Testing coverage', effectiveness: 'Effectiveness' };

/** What each figure is the share of, for captions and method text. */
export const FIGURE_MEANING: Record<Figure, string> = {
  testingCoverage: 'in-scope requirements with evidence either way (not untested, not not addressed)',
  effectiveness: 'tested requirements whose MCP part is effective (met or effective)',
};

/** A figure in the framework's own words (NIST AI RMF "Outcomes achieved"), else ours. */
export function figureLabel(framework: { figureLabels?: FigureLabels }, figure: Figure): string {
  const own = framework.figureLabels?.[figure]?.trim();
  return own || FIGURE_LABEL[figure];
}

/** Severities of findings and bands of risk share their words. */
export const LEVEL_LABEL: Record<Severity | RiskBand, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

export const EXCEPTION_STATE_LABEL: Record<ExceptionStatus, string> = { live: 'Live', expired: 'Expired', 'not-yet-approved': 'Not yet approved' };

export const ATTESTATION_STATE_LABEL: Record<ControlAttestation['state'], string> = { fresh: 'Fresh', stale: 'Stale', future: 'Dated after the run' };

/** A remediation plan item's status, in the reader's words. */
export const PLAN_STATUS_LABEL: Record<PlanItemStatus, string> = { open: 'Open', accepted: 'Accepted (exception)', resolved: 'Resolved' };

/** A report's document status (`report.status`). */
export const DOCUMENT_STATUS_LABEL: Record<DocumentControl['status'], string> = { draft: 'Draft', final: 'Final' };

export const DIRECTION_LABEL: Record<ChangeDirection, string> = { regressed: 'Regressed', improved: 'Improved', changed: 'Changed' };

/** Report order of requirement statuses: the gaps first. */
export const REQUIREMENT_REPORT_ORDER: readonly RequirementStatus[] = ['deficient', 'partly_effective', 'untested', 'not_addressed', 'effective', 'met', 'not_applicable'];

/** Report order of severities: the worst first. */
export const SEVERITY_REPORT_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Report order of control statuses: the gaps first. */
export const CONTROL_REPORT_ORDER: readonly ControlStatus[] = ['fail', 'error', 'stale', 'not_observed', 'manual', 'partial', 'attested', 'pass', 'not_applicable'];

/** A share as a whole percentage; `n/a` when nothing was in scope (never 0%). */
export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? 'n/a' : `${Math.round(share * 100)}%`;
}

/** `path:line:column`, as editors and CI logs link them. */
export function locationText(location: Location): string {
  if (location.line === undefined) return location.path;
  return `${location.path}:${location.line}${location.column !== undefined ? `:${location.column}` : ''}`;
}

/** The calendar date of an ISO time (UTC), e.g. for the report's running header. */
export function dateOf(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * A framework's name with its version, the version left out where the name already says it
 * ("ISO/IEC 42001:2023 …" is not followed by "2023"). A version that begins with what the name already
 * says adds only the rest ("… (45 CFR Part 164, Subparts C and D), as amended by the 2013 Omnibus Rule").
 */
export function frameworkTitle(name: string, version: string): string {
  const trimmedName = name.trim();
  const trimmedVersion = version.trim();
  if (!trimmedVersion) return trimmedName;
  if (containsToken(trimmedName, trimmedVersion)) return trimmedName;
  // The longest leading run of the version's words that the name already holds is dropped, when it
  // names something (has a digit): a common word shared by both is no repetition.
  const words = trimmedVersion.split(/\s+/);
  for (let n = words.length - 1; n > 0; n--) {
    const lead = words.slice(0, n).join(' ');
    if (!/\p{N}/u.test(lead) || !containsToken(trimmedName, lead)) continue;
    const rest = words.slice(n).join(' ');
    const inParentheses = /^\((.*)\)$/.exec(rest);
    return inParentheses ? `${trimmedName}, ${inParentheses[1]!.trim()}` : `${trimmedName} ${rest}`;
  }
  return `${trimmedName} ${trimmedVersion}`;
}

/**
 * Whether `text` holds `token` as a whole: "2023" in "42001:2023", not "1.0" in "11.0" or "1.0.2"
 * (no letter or digit, nor a point and a digit, right before or after it).
 */
function containsToken(text: string, token: string): boolean {
  for (let at = text.indexOf(token); at !== -1; at = text.indexOf(token, at + 1)) {
    const before = text.slice(Math.max(0, at - 2), at);
    const after = text.slice(at + token.length, at + token.length + 2);
    if (!/(?:[\p{L}\p{N}]|\p{N}\.)$/u.test(before) && !/^(?:[\p{L}\p{N}]|\.\p{N})/u.test(after)) return true;
  }
  return false;
}
