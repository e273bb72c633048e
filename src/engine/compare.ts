/**
 * What changed between two assessments (`assess --previous`, later `drift`): a pure function of the two
 * documents, so the same pair always gives the same changes, whatever the clock or the catalog on disk.
 */
import { SEVERITIES, type Severity } from '../catalog/model.js';
import type {
  Assessment, AssessmentChanges, ChangeDirection, ControlAttestation, ControlStatus, Finding, FindingRef, HistoryPoint, Inventory,
  RequirementStatus,
} from './assessment.js';

/** How close to passing a control is: fail < no evidence or needs a person < partly shown < passing. `not_applicable` has no rank. */
export const CONTROL_STATUS_RANK: Record<Exclude<ControlStatus, 'not_applicable'>, number> = {
  fail: 0, error: 1, not_observed: 1, manual: 1, stale: 1, partial: 2, pass: 3, attested: 3,
};

/**
 * Untested sits above deficient: missing evidence is not a known failure. Not addressed ranks with
 * untested (no evidence either way). `not_applicable` has no rank.
 */
export const REQUIREMENT_STATUS_RANK: Record<Exclude<RequirementStatus, 'not_applicable'>, number> = {
  deficient: 0, untested: 1, not_addressed: 1, partly_effective: 2, effective: 3, met: 4,
};

/** Direction of a status change, or undefined when the status did not change. Into or out of `not_applicable` is only `changed`. */
function direction<S extends string>(rank: Partial<Record<S, number>>, from: S, to: S): ChangeDirection | undefined {
  if (from === to) return undefined;
  const a = rank[from];
  const b = rank[to];
  if (a === undefined || b === undefined || a === b) return 'changed';
  return b < a ? 'regressed' : 'improved';
}

/**
 * A control is `not_applicable` when its checks found no population: a population that appears failing
 * is a regression (a first container, started privileged), and one that goes away while failing is an
 * improvement. Other moves into or out of `not_applicable` are only `changed`.
 */
export function controlDirection(from: ControlStatus, to: ControlStatus): ChangeDirection | undefined {
  if (from === 'not_applicable' && to === 'fail') return 'regressed';
  if (from === 'fail' && to === 'not_applicable') return 'improved';
  return direction(CONTROL_STATUS_RANK, from, to);
}
/**
 * Into or out of `not_applicable` is only `changed` for a requirement, unlike a control: a requirement
 * also enters scope when the config declares a new data class or AI Act role, which is a change of scope,
 * not of the estate. A population that appears failing already regresses its control.
 */
export const requirementDirection = (from: RequirementStatus, to: RequirementStatus) => direction(REQUIREMENT_STATUS_RANK, from, to);

const DIRECTION_ORDER: Record<ChangeDirection, number> = { regressed: 0, improved: 1, changed: 2 };

/** Code-point order, not localeCompare: the result must not depend on the machine's locale. */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** First entry per key: duplicates (the same problem reported twice, a server listed twice) count once. */
function firstBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(key(item))) map.set(key(item), item);
  return map;
}

export function findingRef(f: Finding): FindingRef {
  const ref: FindingRef = { checkId: f.checkId, severity: f.severity, message: f.message, location: f.location, fingerprint: f.fingerprint };
  if (f.exception) ref.exception = f.exception.id;
  return ref;
}

/** Worst first, then by place, so a report reads top-down; the fingerprint only breaks ties. */
const byFindingOrder = (a: FindingRef, b: FindingRef) =>
  SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || byText(a.location.path, b.location.path)
  || (a.location.line ?? 0) - (b.location.line ?? 0) || byText(a.fingerprint, b.fingerprint);

/** Files written before `state` existed lack it: then stale means the run's date is past validUntil. */
function isStale(attestation: ControlAttestation | undefined, generatedAt: string): boolean {
  if (!attestation) return false;
  const state = (attestation as Partial<ControlAttestation>).state;
  return state !== undefined ? state === 'stale' : generatedAt.slice(0, 10) > attestation.validUntil;
}

export const serverKey = (s: { path: string; name: string }) => `${s.path}\u0000${s.name}`;
export const toolKey = (t: { server: string; name: string }) => `${t.server}\u0000${t.name}`;

/** Items only after (added), only before (removed), and on both sides (kept, as [before, after]), by key. */
function diffBy<T>(before: readonly T[], after: readonly T[], key: (item: T) => string) {
  const a = firstBy(before, key);
  const b = firstBy(after, key);
  return {
    added: [...b].filter(([k]) => !a.has(k)).map(([, item]) => item),
    removed: [...a].filter(([k]) => !b.has(k)).map(([, item]) => item),
    kept: [...b].filter(([k]) => a.has(k)).map(([k, item]): [T, T] => [a.get(k)!, item]),
  };
}

export function compareAssessments(previous: Assessment, current: Assessment): AssessmentChanges {
  // Controls and requirements on one side only are a catalog change, not a change of the estate: left out.
  const previousControls = firstBy(previous.controls, (c) => c.id);
  const controls: AssessmentChanges['controls'] = [];
  // Across the 1.x -> 2.0 model change, statuses move without the estate changing: pass -> partial (the
  // catalog now says which checks decide only part of a control), requirement outcomes recomputed (a 1.x
  // partially_met of subset links is effective now). Such a move is neither a regression nor an improvement.
  const acrossModels = previous.upgradedFrom !== undefined;
  const modelMove = (dir: ChangeDirection | undefined): ChangeDirection | undefined => (acrossModels && dir ? 'changed' : dir);
  for (const c of current.controls) {
    const before = previousControls.get(c.id);
    const dir = before && (before.status === 'pass' && c.status === 'partial' ? modelMove(controlDirection(before.status, c.status)) : controlDirection(before.status, c.status));
    if (before && dir) controls.push({ id: c.id, title: c.title, from: before.status, to: c.status, direction: dir });
  }
  controls.sort((a, b) => DIRECTION_ORDER[a.direction] - DIRECTION_ORDER[b.direction] || byText(a.id, b.id));

  const previousFrameworks = firstBy(previous.frameworks, (f) => f.id);
  const currentFrameworks = firstBy(current.frameworks, (f) => f.id);
  const requirements: AssessmentChanges['requirements'] = [];
  for (const framework of currentFrameworks.values()) {
    const before = previousFrameworks.get(framework.id);
    if (!before) continue;
    const previousRequirements = firstBy(before.requirements, (r) => r.id);
    for (const r of firstBy(framework.requirements, (r) => r.id).values()) {
      const from = previousRequirements.get(r.id)?.status;
      const dir = from && modelMove(requirementDirection(from, r.status));
      if (from && dir) requirements.push({ frameworkId: framework.id, id: r.id, title: r.title, from, to: r.status, direction: dir });
    }
  }
  requirements.sort((a, b) => byText(a.frameworkId, b.frameworkId) || DIRECTION_ORDER[a.direction] - DIRECTION_ORDER[b.direction] || byText(a.id, b.id));

  const previousFindings = firstBy(previous.findings, (f) => f.fingerprint);
  const currentFindings = firstBy(current.findings, (f) => f.fingerprint);
  const newFindings = [...currentFindings.values()].filter((f) => !previousFindings.has(f.fingerprint)).map(findingRef).sort(byFindingOrder);
  const resolvedFindings = [...previousFindings.values()].filter((f) => !currentFindings.has(f.fingerprint)).map(findingRef).sort(byFindingOrder);
  const unchanged = [...currentFindings.keys()].filter((fp) => previousFindings.has(fp)).length;

  // Assessments written before the inventory existed have none: everything in the current one is then new.
  const empty: Inventory = { servers: [], tools: [] };
  const previousInventory = (previous.inventory as Inventory | undefined) ?? empty;
  const currentInventory = (current.inventory as Inventory | undefined) ?? empty;
  const servers = diffBy(previousInventory.servers, currentInventory.servers, serverKey);
  const tools = diffBy(previousInventory.tools, currentInventory.tools, toolKey);
  const toolsChanged = tools.kept.filter(([before, after]) => before.sha256 !== after.sha256)
    .map(([before, t]) => ({ server: t.server, name: t.name, path: t.path, from: before.sha256, to: t.sha256 }));

  const previousExceptions = firstBy(previous.exceptions ?? [], (e) => e.id);
  const expired = (current.exceptions ?? [])
    .filter((e) => e.status === 'expired' && previousExceptions.get(e.id)?.status !== 'expired')
    .map((e) => ({ id: e.id, target: e.target, expires: e.expires }));

  // A control new to the catalog had no attestation before, so its stale attestation is news too.
  const stale: AssessmentChanges['attestations']['stale'] = [];
  for (const c of current.controls) {
    if (!c.attestation || !isStale(c.attestation, current.generatedAt)) continue;
    if (isStale(previousControls.get(c.id)?.attestation, previous.generatedAt)) continue;
    stale.push({ control: c.id, attestedBy: c.attestation.attestedBy, validUntil: c.attestation.validUntil });
  }

  const frameworks: AssessmentChanges['frameworks'] = [];
  for (const f of currentFrameworks.values()) {
    const before = previousFrameworks.get(f.id);
    frameworks.push({
      id: f.id, name: f.name,
      testingCoverage: { from: before?.summary.testingCoverage ?? null, to: f.summary.testingCoverage },
      effectiveness: { from: before?.summary.effectiveness ?? null, to: f.summary.effectiveness },
      ...(before ? {} : { status: 'added' as const }),
    });
  }
  for (const f of previousFrameworks.values()) {
    if (currentFrameworks.has(f.id)) continue;
    frameworks.push({
      id: f.id, name: f.name,
      testingCoverage: { from: f.summary.testingCoverage, to: null }, effectiveness: { from: f.summary.effectiveness, to: null }, status: 'removed',
    });
  }

  // A threat on one side only has no residual to compare with: left out, like one-sided controls.
  const previousRisks = firstBy(previous.risks, (r) => r.threatId);
  const risks: AssessmentChanges['risks'] = [];
  for (const r of firstBy(current.risks, (r) => r.threatId).values()) {
    const before = previousRisks.get(r.threatId);
    if (before && before.residual !== r.residual) risks.push({ threatId: r.threatId, title: r.title, residual: { from: before.residual, to: r.residual } });
  }

  return {
    previous: { generatedAt: previous.generatedAt, rootHash: previous.evidence.rootHash, toolVersion: previous.tool.version },
    controls,
    requirements,
    findings: { new: newFindings, resolved: resolvedFindings, unchanged },
    servers: { added: servers.added, removed: servers.removed },
    tools: { added: tools.added, removed: tools.removed, changed: toolsChanged },
    exceptions: { expired },
    attestations: { stale },
    frameworks,
    risks,
    summary: {
      regressedControls: controls.filter((c) => c.direction === 'regressed').length,
      improvedControls: controls.filter((c) => c.direction === 'improved').length,
      newFindings: newFindings.length,
      resolvedFindings: resolvedFindings.length,
      addedServers: servers.added.length,
      addedTools: tools.added.length,
      changedTools: toolsChanged.length,
      expiredExceptions: expired.length,
      staleAttestations: stale.length,
    },
  };
}

/** Earlier points kept in an assessment: enough for three years of quarterly reviews. */
export const HISTORY_LIMIT = 11;

/** The figures of one assessment for a trend line. */
export function historyPoint(a: Assessment): HistoryPoint {
  const controls = Object.fromEntries(Object.keys(CONTROL_STATUS_RANK).concat('not_applicable')
    .map((s) => [s, a.controls.filter((c) => c.status === s).length])) as Record<ControlStatus, number>;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, a.findings.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  return {
    generatedAt: a.generatedAt,
    rootHash: a.evidence.rootHash,
    frameworks: a.frameworks.map((f) => ({ id: f.id, testingCoverage: f.summary.testingCoverage, effectiveness: f.summary.effectiveness })),
    findings: { total: a.findings.length, bySeverity },
    controls,
    residualRisk: a.risks.reduce((sum, r) => sum + r.residual, 0),
  };
}

/** The history a new assessment carries: the previous one's, then the previous one itself, oldest first. */
export function historyAfter(previous: Assessment): HistoryPoint[] {
  return [...(previous.history ?? []), historyPoint(previous)]
    .sort((a, b) => byText(a.generatedAt, b.generatedAt)).slice(-HISTORY_LIMIT);
}
