/**
 * Rolls check results up to controls and controls up to framework requirements (DESIGN §5), each
 * status with the reason for it. The order of precedence keeps statuses honest: a failure is never
 * hidden by a pass, missing evidence is never read as compliance, and a control that covers only part
 * of a requirement never makes it met.
 */
import type { Catalog, Control, Framework, Relationship } from '../catalog/model.js';
import type { CheckStatus } from '../checks/types.js';
import type { AssessmentControl, AssessmentFramework, ControlStatus, RequirementStatus, RiskMethod } from './assessment.js';
import { requirementKey, type AttestationState, type ControlAttestationState } from './attestations.js';
import { listed } from '../lib/listed.js';
import { plural } from '../lib/plural.js';
import { controlRisk } from './risk-register.js';
import { requirementApplicability, type ScopeFacts } from './scoping.js';

/** What a control needs to know of one of its checks. */
export interface CheckOutcome {
  status: CheckStatus;
  /** Why it is not_observed or error. */
  reason?: string;
  /** Failing results (findings). */
  failures: number;
}

export type CheckLookup = (id: string) => CheckOutcome;

/** What an attestation makes of a control no check can decide. */
const MANUAL_STATUS: Record<AttestationState, ControlStatus> = { fresh: 'attested', stale: 'stale', future: 'manual' };

/**
 * Control status from its checks: fail > error > not_observed > pass. With no checks, an attestation
 * decides (fresh: attested, expired: stale), else manual. Checks always outrank an attestation.
 */
export function controlStatus(control: Control, checkOf: CheckLookup, attested?: ControlAttestationState): { status: ControlStatus; reason: string } {
  if (control.checks.length === 0) {
    if (!attested) return { status: 'manual', reason: 'no check can decide this control and no attestation covers it' };
    const { attestedBy, date, validUntil } = attested.attestation;
    const status = MANUAL_STATUS[attested.state];
    const reason = attested.state === 'fresh' ? `attested by ${attestedBy} on ${date}, valid until ${validUntil}`
      : attested.state === 'stale' ? `the attestation by ${attestedBy} expired on ${validUntil}`
        : `the attestation by ${attestedBy} is dated ${date}, after this run, so it attests nothing yet`;
    return { status, reason };
  }
  const outcomes = control.checks.map((id) => ({ id, ...checkOf(id) }));
  const withStatus = (s: CheckStatus) => outcomes.filter((o) => o.status === s);
  const parts: string[] = [];
  const failed = withStatus('fail');
  if (failed.length) parts.push(`failed: ${listed(failed.map((o) => `${o.id} (${plural(o.failures, 'finding')})`))}`);
  const errored = withStatus('error');
  if (errored.length) parts.push(`error: ${listed(errored.map((o) => `${o.id} (${o.reason ?? 'unknown error'})`))}`);
  const unseen = withStatus('not_observed');
  if (unseen.length) parts.push(`not observed: ${listed(unseen.map((o) => `${o.id} (${o.reason ?? 'no evidence'})`))}`);
  const passed = withStatus('pass');
  const status: ControlStatus = failed.length ? 'fail' : errored.length ? 'error' : unseen.length ? 'not_observed' : 'pass';
  if (status === 'pass') parts.push(`${passed.length === 1 ? 'its check passes' : `all ${passed.length} checks pass`}: ${listed(passed.map((o) => o.id))}`);
  else if (passed.length) parts.push(`passed: ${listed(passed.map((o) => o.id))}`);
  if (attested) parts.push('its checks decide; the attestation is recorded beside them');
  return { status, reason: parts.join('; ') };
}

/** Controls with their status, reason and risk. An attestation is recorded beside a control whether or not it decided its status. */
export function rollUpControls(
  catalog: Catalog, checkOf: CheckLookup, attestations: ReadonlyMap<string, ControlAttestationState>, riskMethod: RiskMethod,
): AssessmentControl[] {
  return catalog.controls.map((control) => {
    const attested = attestations.get(control.id);
    const { status, reason } = controlStatus(control, checkOf, attested);
    return {
      id: control.id,
      title: control.title,
      ...(control.family ? { family: control.family.id } : {}),
      status,
      reason,
      severity: control.severity,
      checks: control.checks.map((id) => ({ id, status: checkOf(id).status })),
      risk: controlRisk(control, status, riskMethod),
      ...(attested ? { attestation: attested.attestation } : {}),
    };
  });
}

const POSITIVE: ReadonlySet<ControlStatus> = new Set(['pass', 'attested']);
/** Relationships in which the control covers the whole requirement (NIST IR 8477: equal, superset). */
const WHOLE: ReadonlySet<Relationship> = new Set(['equal', 'superset']);

export interface LinkedControl { id: string; relationship: Relationship; status: ControlStatus }

/**
 * Requirement status from its in-scope linked controls, and an attestation of the rest of it if any:
 * - any control failing: `partially_met` if another is shown to work, else `not_met`;
 * - none shown to work (pass, attested): `not_assessed`, or `partially_met` when the rest is attested;
 * - some shown to work, others without evidence: `partially_met`;
 * - all shown to work: `met` if one of them covers the requirement whole (`equal`, `superset`) or a fresh
 *   attestation covers the rest; controls that cover only part of it (`subset`, `intersects`) alone
 *   leave it `partially_met`.
 * A requirement no control addresses is `met` only on a fresh attestation, else `not_assessed`.
 */
export function requirementStatus(links: LinkedControl[], rest?: ControlAttestationState): { status: RequirementStatus; reason: string } {
  const fresh = rest?.state === 'fresh';
  const by = rest ? `${rest.attestation.attestedBy}` : '';
  const restNote = !rest ? '' : fresh ? `; the rest attested by ${by}, valid until ${rest.attestation.validUntil}`
    : rest.state === 'stale' ? `; the attestation of the rest by ${by} expired on ${rest.attestation.validUntil}`
      : `; the attestation of the rest by ${by} is dated ${rest.attestation.date}, after this run`;
  const result = (status: RequirementStatus, reason: string) => ({ status, reason: `${reason}${restNote}` });
  if (links.length === 0) {
    return fresh ? { status: 'met', reason: `no control of the catalog addresses it; attested by ${by}, valid until ${rest!.attestation.validUntil}` }
      : result('not_assessed', 'no control of the catalog addresses this requirement');
  }
  const inScope = links.filter((l) => l.status !== 'not_applicable');
  if (inScope.length === 0) return { status: 'not_applicable', reason: 'every control mapped to it is not applicable' };
  const describe = (ls: LinkedControl[]) => listed(ls.map((l) => `${l.id} ${l.status} (${l.relationship})`));
  const positive = inScope.filter((l) => POSITIVE.has(l.status));
  const failed = inScope.filter((l) => l.status === 'fail');
  const undecided = inScope.filter((l) => !POSITIVE.has(l.status) && l.status !== 'fail');
  if (failed.length) {
    return positive.length
      ? result('partially_met', `${describe(failed)} failing; ${describe(positive)} shown to work`)
      : result('not_met', `${describe(failed)} failing${undecided.length ? `; ${describe(undecided)} without evidence` : ''}`);
  }
  if (positive.length === 0) return result(fresh ? 'partially_met' : 'not_assessed', `no mapped control is shown to work: ${describe(undecided)}`);
  if (undecided.length) return result('partially_met', `${describe(positive)} shown to work; ${describe(undecided)} without evidence`);
  if (positive.some((l) => WHOLE.has(l.relationship))) return result('met', `${describe(positive)} shown to work`);
  return fresh ? result('met', `${describe(positive)} shown to work, covering part of the requirement`)
    : result('partially_met', `${describe(positive)} shown to work, but they cover only part of the requirement (subset or intersects); the rest needs evidence beyond MCP, such as an attestation`);
}

const share = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 1000);

/** Requirements of each framework, scoped by the facts the config declares, with coverage beside compliance. */
export function rollUpFrameworks(
  frameworks: Framework[], controls: AssessmentControl[], facts: ScopeFacts, attestations: ReadonlyMap<string, ControlAttestationState> = new Map(),
): AssessmentFramework[] {
  const statusOf = new Map(controls.map((c) => [c.id, c.status]));
  return frameworks.map((framework) => {
    const assumed = new Set<string>();
    const requirements = framework.requirements.map((requirement) => {
      const linked = requirement.controls.map((l) => ({ id: l.control, relationship: l.relationship, status: statusOf.get(l.control) ?? 'not_observed', rationale: l.rationale }));
      const scope = requirementApplicability(framework, requirement.appliesTo, facts);
      scope.assumed.forEach((a) => assumed.add(a));
      const rest = attestations.get(requirementKey(framework.id, requirement.id));
      const { status, reason } = scope.applies ? requirementStatus(linked, rest) : { status: 'not_applicable' as const, reason: scope.reason! };
      return {
        id: requirement.id, title: requirement.title, status, reason, controlIds: linked.map((l) => l.id), controls: linked,
        ...(rest ? { attestation: rest.attestation } : {}),
      };
    });
    const counts: Record<RequirementStatus, number> = { met: 0, partially_met: 0, not_met: 0, not_assessed: 0, not_applicable: 0 };
    for (const r of requirements) counts[r.status]++;
    const inScope = requirements.length - counts.not_applicable;
    const whole = requirementApplicability(framework, undefined, facts);
    return {
      id: framework.id,
      name: framework.name,
      version: framework.version,
      publisher: framework.publisher,
      source: framework.source,
      applicability: {
        applies: whole.applies,
        ...(whole.reason ? { reason: whole.reason } : {}),
        inScope,
        // Facts the mapping needed that the config does not declare: requirements were assessed, not scoped out.
        assumed: [...assumed].sort(),
      },
      summary: { coverage: share(inScope - counts.not_assessed, inScope), compliance: share(counts.met, inScope), counts },
      requirements,
    };
  });
}
