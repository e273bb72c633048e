/**
 * The risk register (README "Risk register"): per threat of the taxonomy, inherent risk from the worst
 * case the catalog records among its mitigating controls, and residual risk after the credit those
 * controls earn by their status. Pure functions: the method comes in, nothing is read or written.
 */
import type { Catalog } from '../catalog/model.js';
import { THREATS } from '../catalog/taxonomy.js';
import { listed } from '../lib/listed.js';
import type { AssessmentControl, AssessmentRisk, ControlStatus, RiskBand, RiskHeatMap, RiskMethod } from './assessment.js';

/**
 * A control shown to work (pass, or a fresh attestation) earns full credit by default; one whose checks
 * pass but decide only part of it (partial) earns half; nothing else earns any.
 */
export const DEFAULT_RISK_METHOD: RiskMethod = {
  credit: { pass: 1, attested: 1, partial: 0.5, fail: 0, not_observed: 0, manual: 0, stale: 0, error: 0 },
  minimumLikelihood: 1,
  bands: { medium: 5, high: 10, critical: 20 },
};

/** mcp-comply.yaml `risk:`; whatever is omitted keeps its default. */
export interface ConfiguredRiskMethod {
  credit?: Partial<RiskMethod['credit']>;
  minimumLikelihood?: number;
  bands?: Partial<RiskMethod['bands']>;
}

/** Likelihood and impact of a threat no control in the catalog mitigates: unmitigated is the honest reading. */
const UNMITIGATED = 5;
/** Order in which a reason lists statuses: strongest evidence first. */
const STATUS_ORDER: ControlStatus[] = ['pass', 'attested', 'partial', 'stale', 'manual', 'not_observed', 'error', 'fail', 'not_applicable'];

export function riskBand(score: number, method: RiskMethod): RiskBand {
  if (score >= method.bands.critical) return 'critical';
  if (score >= method.bands.high) return 'high';
  if (score >= method.bands.medium) return 'medium';
  return 'low';
}

/**
 * Likelihood after mitigation (0-1): full mitigation brings it down to the floor, none leaves it as is.
 * The floor is capped at the likelihood itself, so a likelihood already below it is never raised.
 */
export function residualLikelihood(likelihood: number, mitigation: number, method: RiskMethod): number {
  const floor = Math.min(method.minimumLikelihood, likelihood);
  const share = Number.isFinite(mitigation) ? Math.min(1, Math.max(0, mitigation)) : 0;
  const residual = likelihood - Math.round((likelihood - floor) * share);
  return Math.min(likelihood, Math.max(floor, residual));
}

/** Credit a status earns; a control without population earns none. */
function creditOf(status: ControlStatus, method: RiskMethod): number {
  return status === 'not_applicable' ? 0 : method.credit[status];
}

/** One control's own risk: its status mitigates likelihood, never impact. */
export function controlRisk(
  control: { likelihood: number; impact: number }, status: ControlStatus, method: RiskMethod,
): { likelihood: number; impact: number; inherent: number; residual: number } {
  const { likelihood, impact } = control;
  return {
    likelihood,
    impact,
    inherent: likelihood * impact,
    residual: residualLikelihood(likelihood, creditOf(status, method), method) * impact,
  };
}

type RegisterControl = AssessmentRisk['controls'][number];

/** "MCP-AC-01, MCP-AC-02 pass; MCP-IR-01 attested at 0.5 credit", statuses in STATUS_ORDER. */
function describeControls(controls: RegisterControl[]): string {
  const groups: string[] = [];
  for (const status of STATUS_ORDER) {
    const group = controls.filter((c) => c.status === status);
    if (group.length === 0) continue;
    // Partial credit is a configured choice; say so rather than let "effective" overstate it.
    const credit = group[0]!.credit;
    const partial = credit > 0 && credit < 1 ? ` at ${credit} credit` : '';
    groups.push(`${listed(group.map((c) => c.id))} ${status}${partial}`);
  }
  return groups.join('; ');
}

function reasonFor(controls: RegisterControl[], likelihood: number, residual: number): string {
  const credited = controls.filter((c) => c.credit > 0);
  const others = controls.filter((c) => c.credit === 0);
  if (credited.length === 0) return `no mitigating control is credited (${describeControls(others)}): residual equals inherent`;
  const rest = others.length > 0 ? `; not credited: ${describeControls(others)}` : '';
  const change = residual < likelihood ? `likelihood ${likelihood} -> ${residual}` : `likelihood stays ${likelihood}`;
  return `${credited.length} of ${controls.length} mitigating controls credited (${describeControls(credited)})${rest}; ${change}`;
}

/** Register rows for every threat of the taxonomy (all of them, always) and the heat map they fill. */
export function buildRiskRegister(
  catalog: Catalog, controls: AssessmentControl[], method: RiskMethod,
): { risks: AssessmentRisk[]; heatMap: RiskHeatMap } {
  const statusOf = new Map(controls.map((c) => [c.id, c.status]));
  const risks = Object.entries(THREATS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([threatId, title]): AssessmentRisk => {
      const mitigating = catalog.controls.filter((c) => c.threats.includes(threatId));
      const rows = mitigating.map((c) => {
        // A catalog control the assessment does not report has no evidence: not_observed, as in rollUpFrameworks.
        const status = statusOf.get(c.id) ?? 'not_observed';
        return { id: c.id, status, credit: creditOf(status, method) };
      });
      const unmitigated = mitigating.length === 0;
      const likelihood = unmitigated ? UNMITIGATED : Math.max(...mitigating.map((c) => c.likelihood));
      const impact = unmitigated ? UNMITIGATED : Math.max(...mitigating.map((c) => c.impact));
      // A control without population stays in the mean at no credit: the threat's inherent risk counts its
      // likelihood and impact, so leaving it out would let an empty check lower the residual.
      const mitigation = rows.length === 0 ? 0 : Math.round((rows.reduce((sum, c) => sum + c.credit, 0) / rows.length) * 1000) / 1000;
      const residualL = residualLikelihood(likelihood, mitigation, method);
      // These controls make the threat less likely to succeed; none of them softens what it does when it does.
      const residual = residualL * impact;
      const inherent = likelihood * impact;
      return {
        threatId,
        title,
        likelihood,
        impact,
        inherent,
        residualLikelihood: residualL,
        residual,
        band: { inherent: riskBand(inherent, method), residual: riskBand(residual, method) },
        mitigation,
        controlIds: rows.map((c) => c.id),
        controls: rows,
        reason: unmitigated
          ? `no control in the catalog mitigates this threat: taken as unmitigated, likelihood ${UNMITIGATED} and impact ${UNMITIGATED}`
          : reasonFor(rows, likelihood, residualL),
      };
    });
  return { risks, heatMap: heatMapOf(risks, method) };
}

function heatMapOf(risks: AssessmentRisk[], method: RiskMethod): RiskHeatMap {
  const cells: RiskHeatMap['cells'] = [];
  for (let likelihood = 5; likelihood >= 1; likelihood--) {
    for (let impact = 1; impact <= 5; impact++) {
      const score = likelihood * impact;
      cells.push({
        likelihood,
        impact,
        score,
        band: riskBand(score, method),
        inherent: risks.filter((r) => r.likelihood === likelihood && r.impact === impact).map((r) => r.threatId),
        residual: risks.filter((r) => r.residualLikelihood === likelihood && r.impact === impact).map((r) => r.threatId),
      });
    }
  }
  return { cells };
}

/** The configured method merged over the defaults; throws when it cannot be used (the caller reports a config error). */
export function resolveRiskMethod(configured: ConfiguredRiskMethod = {}): RiskMethod {
  const method: RiskMethod = {
    credit: { ...DEFAULT_RISK_METHOD.credit, ...configured.credit },
    minimumLikelihood: configured.minimumLikelihood ?? DEFAULT_RISK_METHOD.minimumLikelihood,
    bands: { ...DEFAULT_RISK_METHOD.bands, ...configured.bands },
  };
  for (const [status, credit] of Object.entries(method.credit)) {
    if (!(Number.isFinite(credit) && credit >= 0 && credit <= 1)) throw new Error(`risk.credit.${status} must be a number from 0 to 1, got ${credit}`);
  }
  // Checks that decide part of a control never earn more than checks that decide all of it.
  if (method.credit.partial > method.credit.pass) {
    throw new Error(`risk.credit.partial must not exceed risk.credit.pass, got partial ${method.credit.partial} and pass ${method.credit.pass} once merged over the defaults`);
  }
  const floor = method.minimumLikelihood;
  if (!(Number.isInteger(floor) && floor >= 1 && floor <= 5)) throw new Error(`risk.minimumLikelihood must be an integer from 1 to 5, got ${floor}`);
  const { medium, high, critical } = method.bands;
  if (!(medium < high && high < critical)) {
    throw new Error(`risk.bands must increase strictly (medium < high < critical), got medium ${medium}, high ${high}, critical ${critical} once merged over the defaults`);
  }
  return method;
}
