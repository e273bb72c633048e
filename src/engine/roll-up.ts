/**
 * Rolls check results up to controls, controls up to framework requirements, and controls up to the
 * threats they answer (DESIGN §5). The order of precedence keeps statuses honest: a failure is never
 * hidden by a pass, and missing evidence is never read as compliance.
 */
import type { Catalog, Control, Framework } from '../catalog/model.js';
import { THREATS } from '../catalog/taxonomy.js';
import type { CheckStatus } from '../checks/types.js';
import type { AssessmentControl, AssessmentFramework, AssessmentRisk, ControlStatus, RequirementStatus } from './assessment.js';
import type { AttestationState, ControlAttestationState } from './attestations.js';

/** What an attestation makes of a control no check can decide. */
const MANUAL_STATUS: Record<AttestationState, ControlStatus> = { fresh: 'attested', stale: 'stale', future: 'manual' };

/**
 * Control status from its checks: fail > error > not_observed > pass. With no checks, an attestation
 * decides (fresh: attested, expired: stale), else manual. Checks always outrank an attestation.
 */
export function controlStatus(control: Control, checkStatus: (id: string) => CheckStatus, attestation?: AttestationState): ControlStatus {
  if (control.checks.length === 0) return attestation ? MANUAL_STATUS[attestation] : 'manual';
  const statuses = control.checks.map(checkStatus);
  for (const status of ['fail', 'error', 'not_observed'] as const) if (statuses.includes(status)) return status;
  return 'pass';
}

/**
 * Residual risk: a control shown to work (pass, attested) brings likelihood down to 1; any other status
 * (stale included) leaves the inherent risk standing, because nothing shows the control works now.
 * An attestation is recorded beside the control whether or not it decided its status.
 */
export function rollUpControls(
  catalog: Catalog, checkStatus: (id: string) => CheckStatus, attestations: ReadonlyMap<string, ControlAttestationState> = new Map(),
): AssessmentControl[] {
  return catalog.controls.map((control) => {
    const attested = attestations.get(control.id);
    const status = controlStatus(control, checkStatus, attested?.state);
    const inherent = control.likelihood * control.impact;
    const effective = status === 'pass' || status === 'attested';
    return {
      id: control.id,
      title: control.title,
      ...(control.family ? { family: control.family.id } : {}),
      status,
      severity: control.severity,
      checks: control.checks.map((id) => ({ id, status: checkStatus(id) })),
      risk: { likelihood: control.likelihood, impact: control.impact, inherent, residual: effective ? control.impact : inherent },
      ...(attested ? { attestation: attested.attestation } : {}),
    };
  });
}

const DECIDED_POSITIVE: ReadonlySet<ControlStatus> = new Set(['pass', 'attested']);

/** Requirement status from its controls' statuses. */
export function requirementStatus(statuses: ControlStatus[]): RequirementStatus {
  const inScope = statuses.filter((s) => s !== 'not_applicable');
  if (statuses.length > 0 && inScope.length === 0) return 'not_applicable';
  const positive = inScope.filter((s) => DECIDED_POSITIVE.has(s)).length;
  const failed = inScope.filter((s) => s === 'fail').length;
  if (positive === 0 && failed === 0) return 'not_assessed';
  if (failed > 0) return positive > 0 ? 'partially_met' : 'not_met';
  return positive === inScope.length ? 'met' : 'partially_met';
}

export function rollUpFrameworks(frameworks: Framework[], controls: AssessmentControl[]): AssessmentFramework[] {
  const statusOf = new Map(controls.map((c) => [c.id, c.status]));
  return frameworks.map((framework) => {
    const requirements = framework.requirements.map((requirement) => {
      const linked = requirement.controls.map((l) => ({ id: l.control, relationship: l.relationship, status: statusOf.get(l.control) ?? 'not_observed' }));
      return {
        id: requirement.id,
        title: requirement.title,
        status: requirementStatus(linked.map((l) => l.status)),
        controlIds: linked.map((l) => l.id),
        controls: linked,
      };
    });
    const counts: Record<RequirementStatus, number> = { met: 0, partially_met: 0, not_met: 0, not_assessed: 0, not_applicable: 0 };
    for (const r of requirements) counts[r.status]++;
    const inScope = requirements.length - counts.not_applicable;
    const share = (n: number) => (inScope === 0 ? 0 : Math.round((n / inScope) * 1000) / 1000);
    return {
      id: framework.id,
      name: framework.name,
      version: framework.version,
      summary: { coverage: share(inScope - counts.not_assessed), compliance: share(counts.met), counts },
      requirements,
    };
  });
}

/** Per threat: the worst inherent and residual risk among the controls that answer it. */
export function rollUpRisks(catalog: Catalog, controls: AssessmentControl[]): AssessmentRisk[] {
  const byId = new Map(controls.map((c) => [c.id, c]));
  return Object.entries(THREATS).map(([threatId, title]) => {
    const answering = catalog.controls.filter((c) => c.threats.includes(threatId)).map((c) => byId.get(c.id)!).filter(Boolean);
    return {
      threatId,
      title,
      inherent: Math.max(0, ...answering.map((c) => c.risk.inherent)),
      residual: Math.max(0, ...answering.map((c) => c.risk.residual)),
      controlIds: answering.map((c) => c.id),
    };
  });
}
