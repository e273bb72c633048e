/**
 * Rolls check results up to controls and controls up to framework requirements (DESIGN §5), each
 * status with the reason for it. The order of precedence keeps statuses honest: a failure is never
 * hidden by a pass, missing evidence or an empty population is never read as a pass, checks that decide
 * part of a control never make the whole control pass, and a control that covers only part of a
 * requirement never makes it met.
 */
import { REQUIREMENT_STATUSES, type Catalog, type Control, type Framework, type Relationship, type SupportiveProperty } from '../catalog/model.js';
import type { CheckStatus } from '../checks/types.js';
import type { AssessmentControl, AssessmentFramework, ControlStatus, FrameworkFigures, PooledFigures, RequirementStatus, RiskMethod } from './assessment.js';
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

function attestationNote(attested: ControlAttestationState): string {
  const { attestedBy, date, validUntil } = attested.attestation;
  return attested.state === 'fresh' ? `attested by ${attestedBy} on ${date}, valid until ${validUntil}`
    : attested.state === 'stale' ? `the attestation by ${attestedBy} expired on ${validUntil}`
      : `the attestation by ${attestedBy} is dated ${date}, after this run, so it attests nothing yet`;
}

/**
 * Control status (DESIGN §5). With no checks, an attestation decides (fresh: attested, expired: stale),
 * else manual. With checks: fail > error > not_observed; then, when no check found a population,
 * not_applicable; otherwise the checks passed, which is `pass` only if they decide the whole control
 * (`automation: full`) or a fresh attestation covers the manual part, and `partial` while that part is
 * outstanding. An attestation never outranks a check.
 */
export function controlStatus(control: Control, checkOf: CheckLookup, attested?: ControlAttestationState): { status: ControlStatus; reason: string } {
  if (control.checks.length === 0) {
    if (!attested) return { status: 'manual', reason: 'no check can decide this control and no attestation covers it' };
    return { status: MANUAL_STATUS[attested.state], reason: attestationNote(attested) };
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
  const empty = withStatus('not_applicable');
  const undecided = failed.length ? 'fail' : errored.length ? 'error' : unseen.length ? 'not_observed' : undefined;
  if (undecided) {
    if (passed.length) parts.push(`passed: ${listed(passed.map((o) => o.id))}`);
    if (attested) parts.push('its checks decide; the attestation is recorded beside them');
    return { status: undecided, reason: parts.join('; ') };
  }
  const noPopulation = empty.length ? `no population for ${listed(empty.map((o) => o.id))}` : '';
  if (passed.length === 0) {
    return { status: 'not_applicable', reason: `no population: none of its checks found anything to evaluate (${listed(empty.map((o) => o.id))}); it earns no risk credit` };
  }
  parts.push(`${passed.length === 1 ? 'its check passes' : `all ${passed.length} checks that found a population pass`}: ${listed(passed.map((o) => o.id))}`);
  if (noPopulation) parts.push(noPopulation);
  if (control.automation !== 'partial') return { status: 'pass', reason: parts.join('; ') };
  if (attested?.state === 'fresh') {
    parts.push(`the manual part is ${attestationNote(attested)}`);
    return { status: 'pass', reason: parts.join('; ') };
  }
  const outstanding = `manual evidence outstanding: ${control.manualPart ?? 'what its checks do not decide'}`;
  const note = attested ? ` (${attestationNote(attested)})` : '';
  return { status: 'partial', reason: `automated part effective (${parts.join('; ')}); ${outstanding}${note}` };
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
      automation: control.automation,
      ...(control.automation === 'partial' && control.manualPart ? { manualPart: control.manualPart } : {}),
      checks: control.checks.map((id) => ({ id, status: checkOf(id).status })),
      risk: controlRisk(control, status, riskMethod),
      ...(attested ? { attestation: attested.attestation } : {}),
    };
  });
}

/** Control statuses that show the control works. */
const EFFECTIVE: ReadonlySet<ControlStatus> = new Set(['pass', 'attested']);
/** Control statuses backed by evidence either way (effective, partly effective, failing). */
const TESTED: ReadonlySet<ControlStatus> = new Set(['pass', 'attested', 'partial', 'fail']);

/**
 * Whether a control has evidence either way: its status says so, or one of its checks passed while
 * another could not be seen (status not_observed or error). Without the second clause, fixing a
 * control's only failing check beside an unseen one would turn a tested requirement untested.
 */
export function hasEvidence(control: Pick<AssessmentControl, 'status' | 'checks'>): boolean {
  return TESTED.has(control.status) || control.checks.some((c) => c.status === 'pass');
}

/** Relationships in which the control covers the whole requirement (NIST IR 8477: equal, superset). */
const WHOLE: ReadonlySet<Relationship> = new Set(['equal', 'superset']);

export interface LinkedControl {
  id: string; relationship: Relationship; property: SupportiveProperty; status: ControlStatus;
  /** Evidence either way (hasEvidence); by default, what the status says. */
  evidence?: boolean;
}

/**
 * Requirement outcome (DESIGN §5) from its in-scope linked controls and an attestation of the rest:
 * - `deficient`: an `integral` linked control fails (a nonconformity candidate);
 * - `met`: every linked control is effective (pass, attested) and the requirement is covered whole, by a
 *   linked control that covers all of it (`equal`, `superset`) or by a fresh attestation of the rest;
 * - `effective`: every linked control is effective; the part outside MCP awaits evidence;
 * - `partly_effective`: some evidence, but not all of it effective (a control partial, untested, or
 *   failing while only an `example` of the requirement);
 * - `untested`: no linked control has evidence either way, not even one passing check (`partly_effective`
 *   when the rest is attested);
 * - `not_addressed`: no control of the catalog reaches it (`met` only on a fresh attestation);
 * - `not_applicable`: no linked control found a population (or, in rollUpFrameworks, the config scopes it out).
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
      : result('not_addressed', 'no control of the catalog addresses this requirement: it lies outside the MCP boundary');
  }
  const inScope = links.filter((l) => l.status !== 'not_applicable');
  if (inScope.length === 0) return { status: 'not_applicable', reason: `no population: no linked control found anything to evaluate (${listed(links.map((l) => l.id))})` };
  const describe = (ls: LinkedControl[]) => listed(ls.map((l) => `${l.id} ${l.status} (${l.relationship}, ${l.property})`));
  const effective = inScope.filter((l) => EFFECTIVE.has(l.status));
  const others = inScope.filter((l) => !EFFECTIVE.has(l.status));
  const integralFailures = inScope.filter((l) => l.status === 'fail' && l.property === 'integral');
  if (integralFailures.length) {
    return result('deficient', `${describe(integralFailures)} failing${effective.length ? `; ${describe(effective)} effective` : ''}`);
  }
  if (others.length === 0) {
    if (inScope.some((l) => WHOLE.has(l.relationship))) return result('met', `${describe(effective)} effective, covering the whole requirement`);
    return fresh ? result('met', `${describe(effective)} effective for the MCP part`)
      : result('effective', `${describe(effective)} effective for the MCP part; the rest of the requirement, beyond MCP, awaits evidence such as an attestation`);
  }
  // A fresh attestation of the rest is evidence too: the part outside MCP shown, the MCP part untested.
  if (!inScope.some((l) => l.evidence ?? TESTED.has(l.status))) return result(fresh ? 'partly_effective' : 'untested', `no linked control has evidence either way: ${describe(inScope)}`);
  return result('partly_effective', `${effective.length ? `${describe(effective)} effective; ` : ''}${describe(others)} not effective`);
}

/** n over `of`, to three decimals; null when there is nothing to divide by (never 0%). */
export const share = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 1000);

/** In-scope requirements (all but not_applicable) and tested ones (with evidence either way) of outcome counts. */
function populations(counts: Record<RequirementStatus, number>): { inScope: number; tested: number } {
  const inScope = REQUIREMENT_STATUSES.reduce((sum, s) => sum + counts[s], 0) - counts.not_applicable;
  return { inScope, tested: inScope - counts.untested - counts.not_addressed };
}

/** DESIGN §5 figures from the outcome counts: testing coverage over in-scope requirements, effectiveness over tested ones. */
export function figuresOf(counts: Record<RequirementStatus, number>): FrameworkFigures {
  const { inScope, tested } = populations(counts);
  return { testingCoverage: share(tested, inScope), effectiveness: share(counts.met + counts.effective, tested), counts };
}

/**
 * The overall figures: the requirements of every applicable framework pooled, as if one framework,
 * so each figure is a share of requirements (a framework with many requirements weighs more than one
 * with few), never an average of percentages. Frameworks that do not apply are left out.
 */
export function pooledFigures(frameworks: ReadonlyArray<Pick<AssessmentFramework, 'summary'> & { applicability?: { applies: boolean } }>): PooledFigures {
  const applying = frameworks.filter((f) => f.applicability?.applies ?? true);
  const counts = countOutcomes([]);
  for (const f of applying) for (const s of REQUIREMENT_STATUSES) counts[s] += f.summary.counts[s] ?? 0;
  return { frameworks: applying.length, ...populations(counts), ...figuresOf(counts) };
}

export function countOutcomes(statuses: Iterable<RequirementStatus>): Record<RequirementStatus, number> {
  const counts = Object.fromEntries(REQUIREMENT_STATUSES.map((s) => [s, 0])) as Record<RequirementStatus, number>;
  for (const s of statuses) counts[s]++;
  return counts;
}

/** Requirements of each framework, scoped by the facts the config declares, with testing coverage beside effectiveness. */
export function rollUpFrameworks(
  frameworks: Framework[], controls: AssessmentControl[], facts: ScopeFacts, attestations: ReadonlyMap<string, ControlAttestationState> = new Map(),
): AssessmentFramework[] {
  const byId = new Map(controls.map((c) => [c.id, c]));
  return frameworks.map((framework) => {
    const assumed = new Set<string>();
    const requirements = framework.requirements.map((requirement) => {
      const linked = requirement.controls.map((l) => ({
        id: l.control, relationship: l.relationship, property: l.property, status: byId.get(l.control)?.status ?? 'not_observed', rationale: l.rationale,
      }));
      const evidenced = (l: (typeof linked)[number]) => { const c = byId.get(l.id); return c !== undefined && hasEvidence(c); };
      const scope = requirementApplicability(framework, requirement.appliesTo, facts);
      scope.assumed.forEach((a) => assumed.add(a));
      const rest = attestations.get(requirementKey(framework.id, requirement.id));
      const { status, reason } = scope.applies ? requirementStatus(linked.map((l) => ({ ...l, evidence: evidenced(l) })), rest)
        : { status: 'not_applicable' as const, reason: scope.reason! };
      return {
        id: requirement.id, title: requirement.title, status, reason, controlIds: linked.map((l) => l.id), controls: linked,
        ...(rest ? { attestation: rest.attestation } : {}),
      };
    });
    const summary = figuresOf(countOutcomes(requirements.map((r) => r.status)));
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
        inScope: requirements.length - summary.counts.not_applicable,
        // Facts the mapping needed that the config does not declare: requirements were assessed, not scoped out.
        assumed: [...assumed].sort(),
      },
      summary,
      ...(framework.outcomeLabels ? { outcomeLabels: framework.outcomeLabels } : {}),
      ...(framework.figureLabels ? { figureLabels: framework.figureLabels } : {}),
      requirements,
    };
  });
}
