/**
 * Attestations (DESIGN §2, §5): manual evidence for controls no check can decide. Pure: the
 * attestations arrive as evidence data (with their file's sha256) and the clock as the run's `now`.
 */
import type { AttestationEvidence } from '../evidence/types.js';
import type { ControlAttestation } from './assessment.js';

/** `fresh`: date <= today <= validUntil; `stale`: past validUntil; `future`: dated after today, so it attests nothing yet. */
export type AttestationState = 'fresh' | 'stale' | 'future';

export interface ControlAttestationState {
  state: AttestationState;
  attestation: ControlAttestation;
}

/** The run's date (YYYY-MM-DD, UTC), which the YAML dates are compared with. */
export function runDate(now: string): string {
  return now.slice(0, 10);
}

export function attestationState(a: Pick<AttestationEvidence, 'date' | 'validUntil'>, today: string): AttestationState {
  if (today < a.date) return 'future';
  return today <= a.validUntil ? 'fresh' : 'stale';
}

const STATE_RANK: Record<AttestationState, number> = { fresh: 2, stale: 1, future: 0 };

/**
 * The attestation that speaks for each target (a control, or a framework requirement): a fresh one over
 * a stale one over a future one, then the one valid longest, so a renewal wins over what it renews.
 */
function bestByTarget(attestations: AttestationEvidence[], now: string, targetOf: (a: AttestationEvidence) => string | undefined): Map<string, ControlAttestationState> {
  const today = runDate(now);
  const best = new Map<string, { state: AttestationState; a: AttestationEvidence }>();
  for (const a of attestations) {
    const target = targetOf(a);
    if (target === undefined) continue;
    const state = attestationState(a, today);
    const seen = best.get(target);
    const better = !seen || STATE_RANK[state] > STATE_RANK[seen.state]
      || (STATE_RANK[state] === STATE_RANK[seen.state] && a.validUntil > seen.a.validUntil);
    if (better) best.set(target, { state, a });
  }
  return new Map([...best].map(([target, { state, a }]) => [target, {
    state,
    attestation: { attestedBy: a.attestedBy, date: a.date, validUntil: a.validUntil, evidence: a.evidence, sha256: a.sha256, state },
  }]));
}

export function attestationsByControl(attestations: AttestationEvidence[], now: string): Map<string, ControlAttestationState> {
  return bestByTarget(attestations, now, (a) => a.control);
}

export const requirementKey = (framework: string, requirement: string) => `${framework}\u0000${requirement}`;

/** Attestations of the part of a requirement that its mapped controls do not cover, keyed by requirementKey. */
export function attestationsByRequirement(attestations: AttestationEvidence[], now: string): Map<string, ControlAttestationState> {
  return bestByTarget(attestations, now, (a) => (a.framework && a.requirement ? requirementKey(a.framework, a.requirement) : undefined));
}
