/**
 * Reads a schema 1.x assessment (or baseline) as the current model, so that drift, baseline update,
 * report and assess --previous keep working across the upgrade to schema 2.0, and says how each old
 * status was mapped. Pure: the document in, the mapped document and its notes out.
 *
 * What 1.x could not know is not invented: its controls recorded no automation, so a 1.x `pass` stays
 * `pass` (automation `full`); its links recorded no supportive property, so each is `integral` (the
 * default of unreviewed links); requirement outcomes map one to one, and the figures are recomputed
 * from the mapped counts.
 */
import type { Automation, RequirementStatus } from '../catalog/model.js';
import type { Assessment, HistoryPoint } from './assessment.js';
import { ASSESSMENT_SCHEMA_VERSION } from './assessment.js';
import { isBaseline } from './baseline.js';
import { derivePlan } from './remediation-plan.js';
import { countOutcomes, figuresOf, pooledFigures, share } from './roll-up.js';

type OldRequirementStatus = 'met' | 'partially_met' | 'not_met' | 'not_assessed' | 'not_applicable';

/** 1.x requirement statuses in the 2.0 vocabulary; `not_assessed` of a requirement no control reaches is `not_addressed`. */
const REQUIREMENT_MAP: Record<Exclude<OldRequirementStatus, 'not_assessed'>, RequirementStatus> = {
  met: 'met', partially_met: 'partly_effective', not_met: 'deficient', not_applicable: 'not_applicable',
};

export const UPGRADE_NOTES = [
  'requirement outcomes mapped: met -> met, partially_met -> partly_effective, not_met -> deficient, not_assessed -> untested (not_addressed where no control is linked), not_applicable -> not_applicable',
  'figures recomputed from the mapped outcomes: coverage -> testing coverage; compliance dropped; effectiveness = met over tested requirements (for history points: compliance / coverage)',
  'controls keep their status: schema 1.x recorded no automation, so a control with checks is read as automation full and a pass stays a pass; mapping links are read as integral',
  'remediation plan derived from the findings (schema 1.x had none): every item first seen on the assessment\'s date, default due dates by severity, owners from its systems, no management responses',
  'because the model changed, requirement changes and control pass -> partial against this file are listed as changed, neither regressions nor improvements; write a new baseline with `mcp-comply baseline update` to compare like with like',
] as const;

export const isSchema1 = (version: unknown) => /^1\.\d+$/.test(String(version));

/** `controlCount` is unknown in a baseline, which keeps only the status: then `not_assessed` is `untested`. */
function requirementOutcome(status: string, controlCount?: number): RequirementStatus {
  if (status === 'not_assessed') return controlCount === 0 ? 'not_addressed' : 'untested';
  return REQUIREMENT_MAP[status as Exclude<OldRequirementStatus, 'not_assessed'>] ?? 'untested';
}

interface OldFigures { coverage?: number | null; compliance?: number | null }

/** compliance / coverage is met over tested requirements, the mapped effectiveness, when the counts are gone. */
function figuresFromOld(old: OldFigures): { testingCoverage: number | null; effectiveness: number | null } {
  const coverage = old.coverage ?? null;
  const compliance = old.compliance ?? null;
  return { testingCoverage: coverage, effectiveness: coverage === null || compliance === null ? null : share(compliance, coverage) };
}

// `any`: a 1.x document, already validated against schemas/v1, rewritten field by field.
export function upgradeAssessment(old: any): Assessment {
  const frameworks = (old.frameworks ?? []).map((f: any) => {
    const requirements = (f.requirements ?? []).map((r: any) => ({
      ...r,
      status: requirementOutcome(r.status, (r.controlIds ?? r.controls)?.length),
      ...(r.controls ? { controls: r.controls.map((l: any) => ({ ...l, property: l.property ?? 'integral' })) } : {}),
    }));
    const { coverage: _coverage, compliance: _compliance, counts: _counts, ...rest } = f.summary ?? {};
    const summary = f.requirements ? { ...rest, ...figuresOf(countOutcomes(requirements.map((r: any) => r.status))) } : { ...rest, ...figuresFromOld(f.summary ?? {}) };
    return { ...f, summary, requirements };
  });
  const controls = (old.controls ?? []).map((c: any) => ({
    ...c, ...(c.automation ? {} : { automation: (c.checks?.length ?? 1) > 0 ? 'full' : 'none' as Automation }),
  }));
  const upgraded: any = {
    ...old,
    schemaVersion: ASSESSMENT_SCHEMA_VERSION,
    controls,
    frameworks,
    upgradedFrom: { schemaVersion: String(old.schemaVersion), notes: [...UPGRADE_NOTES] },
  };
  if (old.summary) {
    upgraded.summary = {
      ...old.summary,
      ...(old.summary.checks ? { checks: { not_applicable: 0, ...old.summary.checks } } : {}),
      ...(old.summary.controls ? { controls: { partial: 0, ...old.summary.controls } } : {}),
      requirements: pooledFigures(frameworks),
    };
  }
  if (old.riskMethod?.credit) upgraded.riskMethod = { ...old.riskMethod, credit: { partial: 0, ...old.riskMethod.credit } };
  if (old.history) {
    upgraded.history = old.history.map((h: any): HistoryPoint => ({
      ...h, frameworks: h.frameworks.map((f: any) => ({ id: f.id, ...figuresFromOld(f) })), controls: { partial: 0, ...h.controls },
    }));
  }
  if (old.changes) {
    upgraded.changes = {
      ...old.changes,
      requirements: old.changes.requirements.map((r: any) => ({ ...r, from: requirementOutcome(r.from), to: requirementOutcome(r.to) })),
      frameworks: old.changes.frameworks.map(({ coverage, compliance, ...f }: any) => ({
        ...f,
        testingCoverage: coverage,
        effectiveness: {
          from: figuresFromOld({ coverage: coverage.from, compliance: compliance.from }).effectiveness,
          to: figuresFromOld({ coverage: coverage.to, compliance: compliance.to }).effectiveness,
        },
      })),
    };
  }
  // A baseline keeps too little to make a plan of; the next assessment groups its findings itself.
  if (!isBaseline(upgraded)) upgraded.plan = derivePlan(upgraded);
  return upgraded as Assessment;
}
