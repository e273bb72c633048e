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
 * The attestation that speaks for each control: a fresh one over a stale one over a future one,
 * then the one valid longest, so a renewed attestation wins over the one it renews.
 */
export function attestationsByControl(attestations: AttestationEvidence[], now: string): Map<string, ControlAttestationState> {
  const today = runDate(now);
  const best = new Map<string, { state: AttestationState; a: AttestationEvidence }>();
  for (const a of attestations) {
    const state = attestationState(a, today);
    const seen = best.get(a.control);
    const better = !seen || STATE_RANK[state] > STATE_RANK[seen.state]
      || (STATE_RANK[state] === STATE_RANK[seen.state] && a.validUntil > seen.a.validUntil);
    if (better) best.set(a.control, { state, a });
  }
  return new Map([...best].map(([control, { state, a }]) => [control, {
    state,
    attestation: { attestedBy: a.attestedBy, date: a.date, validUntil: a.validUntil, evidence: a.evidence, sha256: a.sha256 },
  }]));
}
