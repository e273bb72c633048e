/**
 * Frameworks with every requirement outcome and their own vocabulary (mapping `outcomeLabels` and
 * `figureLabels`), for reporter tests: known counts, so figures can be asserted exactly.
 *
 * - PCI DSS (In Place ...): 1 met, 2 effective, 1 partly effective, 1 deficient, 3 untested, 1 not addressed,
 *   1 not applicable: 9 in scope, 5 tested, testing coverage 0.556, effectiveness 0.6;
 * - NIST AI RMF (outcomes achieved): 1 effective, 1 partly effective, 2 untested: 4 in scope, 2 tested, 0.5 and 0.5;
 * - EU AI Act, not applying: 2 not applicable, figures null.
 * Pooled over the two that apply: 13 in scope, 7 tested, testing coverage 7/13 (54%), effectiveness 4/7 (57%).
 */
import type { AssessmentFramework, RequirementStatus } from '../../src/engine/assessment.js';
import { countOutcomes, figuresOf } from '../../src/engine/roll-up.js';

export const PCI_WORDS: Partial<Record<RequirementStatus, string>> = {
  met: 'In Place', effective: 'In Place for MCP components', partly_effective: 'Partly in place for MCP components', deficient: 'Not in Place',
  untested: 'Not Tested', not_addressed: 'Not Tested (no MCP control)', not_applicable: 'Not Applicable',
};
export const NIST_WORDS: Partial<Record<RequirementStatus, string>> = {
  met: 'outcome achieved', effective: 'outcome achieved for MCP', partly_effective: 'outcome partially achieved', deficient: 'outcome not achieved',
  untested: 'not evidenced', not_addressed: 'not in this profile', not_applicable: 'not in the target profile',
};

function framework(
  id: string, name: string, statuses: RequirementStatus[], controlId: string, extra: Partial<AssessmentFramework> = {},
): AssessmentFramework {
  const requirements = statuses.map((status, i) => ({
    id: `${id.toUpperCase()}-${i + 1}`,
    title: `${name} requirement ${i + 1}`,
    status,
    reason: `reason of ${status}`,
    controlIds: status === 'not_addressed' ? [] : [controlId],
    controls: status === 'not_addressed' ? [] : [{ id: controlId, relationship: 'subset', property: 'integral' as const, status: 'pass' as const, rationale: 'why' }],
  }));
  const counts = countOutcomes(statuses);
  return {
    id, name, version: '1.0',
    applicability: { applies: true, inScope: statuses.length - counts.not_applicable, assumed: [] },
    summary: figuresOf(counts),
    requirements,
    ...extra,
  };
}

/** Three frameworks as described above; `controlId` is linked from every requirement a control reaches. */
export function vocabularyFrameworks(controlId: string): AssessmentFramework[] {
  return [
    framework('pci-dss', 'PCI DSS', ['met', 'effective', 'effective', 'partly_effective', 'deficient', 'untested', 'untested', 'untested', 'not_addressed', 'not_applicable'], controlId, {
      outcomeLabels: PCI_WORDS, figureLabels: { testingCoverage: 'Requirements tested', effectiveness: 'Tested requirements in place' },
    }),
    framework('nist-ai-rmf', 'NIST AI RMF', ['effective', 'partly_effective', 'untested', 'untested'], controlId, {
      outcomeLabels: NIST_WORDS, figureLabels: { testingCoverage: 'Outcomes evidenced', effectiveness: 'Outcomes achieved' },
    }),
    framework('eu-ai-act', 'EU AI Act', ['not_applicable', 'not_applicable'], controlId, {
      applicability: { applies: false, reason: 'not a deployer of a high-risk system', inScope: 0, assumed: [] },
    }),
  ];
}

/**
 * Phrases that contain the word without claiming a figure: the shipped catalog's own prose (a GDPR
 * requirement title, a log storage mode), printed as written, and the boundary's disclaimer that the
 * report is not an attestation of compliance (templates/boundary.yaml).
 */
const CATALOG_PHRASES = [/demonstrating\s+compliance/gi, /compliance\s+mode/gi, /attestation\s+of\s+compliance\s+with\s+any\s+framework/gi];

/** Every "compliance" a report says of its own, with 30 characters around it: none is expected, there is no such figure. */
export function complianceWords(report: string): string[] {
  const text = CATALOG_PHRASES.reduce((t, phrase) => t.replace(phrase, ''), report);
  return [...text.matchAll(/.{0,30}compliance.{0,30}/gis)].map((m) => m[0]);
}
