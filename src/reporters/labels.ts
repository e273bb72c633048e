/**
 * Words and figures every human-readable report uses alike (HTML, PDF, Markdown, CSV), so one status
 * reads the same in every format.
 */
import type { Severity } from '../catalog/model.js';
import type { ChangeDirection, ControlAttestation, ControlStatus, ExceptionStatus, RequirementStatus, RiskBand } from '../engine/assessment.js';
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

/** A requirement outcome in the framework's own words (PCI DSS "In Place"), else ours. */
export function outcomeLabel(framework: { outcomeLabels?: Partial<Record<RequirementStatus, string>> }, status: RequirementStatus): string {
  return framework.outcomeLabels?.[status] ?? REQUIREMENT_STATUS_LABEL[status];
}

/** Severities of findings and bands of risk share their words. */
export const LEVEL_LABEL: Record<Severity | RiskBand, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

export const EXCEPTION_STATE_LABEL: Record<ExceptionStatus, string> = { live: 'Live', expired: 'Expired', 'not-yet-approved': 'Not yet approved' };

export const ATTESTATION_STATE_LABEL: Record<ControlAttestation['state'], string> = { fresh: 'Fresh', stale: 'Stale', future: 'Dated after the run' };

export const DIRECTION_LABEL: Record<ChangeDirection, string> = { regressed: 'Regressed', improved: 'Improved', changed: 'Changed' };

/** Report order of requirement statuses: the gaps first. */
export const REQUIREMENT_STATUSES: readonly RequirementStatus[] = ['deficient', 'partly_effective', 'untested', 'not_addressed', 'effective', 'met', 'not_applicable'];

/** Report order of control statuses: the gaps first. */
export const CONTROL_STATUSES: readonly ControlStatus[] = ['fail', 'error', 'stale', 'not_observed', 'manual', 'partial', 'attested', 'pass', 'not_applicable'];

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
