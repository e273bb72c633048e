/**
 * Control drift (`mcp-comply drift`, later the GitHub check): what changed between a committed baseline
 * and the current assessment, and whether that fails the gate. Pure: the same pair, the same verdict.
 *
 * A change fails when a control or requirement regressed (pass -> fail, attested -> stale,
 * not_applicable -> fail, effective -> partly_effective, ...) or a new finding reaches --fail-on and no
 * live exception accepts it. New findings below the threshold are listed, never failed (Lula's threshold
 * comparison, with Scorecard's honesty: a control that lost its evidence is a regression, not a pass).
 */
import { reachesFailOn, type Severity } from '../catalog/model.js';
import type { Assessment, AssessmentChanges, FindingRef } from './assessment.js';
import { compareAssessments } from './compare.js';

export interface Drift {
  failOn: Severity | 'none';
  /** Whether the gate fails (exit 1). */
  failed: boolean;
  /** Controls and requirements further from passing than in the baseline. */
  regressions: { controls: AssessmentChanges['controls']; requirements: AssessmentChanges['requirements'] };
  /** New findings at or above --fail-on and not under a live exception: they fail the gate. */
  failing: FindingRef[];
  /** New findings below --fail-on, or accepted by a live exception: listed, not failed. */
  listed: FindingRef[];
  changes: AssessmentChanges;
}

export function driftOf(baseline: Assessment, current: Assessment, failOn: Severity | 'none'): Drift {
  const changes = compareAssessments(baseline, current);
  const reaches = (f: FindingRef) => !f.exception && reachesFailOn(f.severity, failOn);
  const regressions = {
    controls: changes.controls.filter((c) => c.direction === 'regressed'),
    requirements: changes.requirements.filter((r) => r.direction === 'regressed'),
  };
  const failing = changes.findings.new.filter(reaches);
  return {
    failOn,
    failed: regressions.controls.length + regressions.requirements.length + failing.length > 0,
    regressions,
    failing,
    listed: changes.findings.new.filter((f) => !reaches(f)),
    changes,
  };
}
