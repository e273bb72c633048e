/**
 * The remediation plan (POA&M) of an assessment: its findings grouped by root cause (one check at one
 * subject: the same server, or the same file when the finding names no server), each item with the
 * controls it restores, the requirements it could move, an owner, a due date by severity, when it was
 * first seen and its status. Pure: the assessment's parts, the config's rules, the previous assessment
 * and the run's date are passed in.
 */
import { SEVERITIES, type Severity } from '../catalog/model.js';
import type { OwnerRule, ResponseEntry } from '../config/project-config.js';
import { sha256Hex } from '../lib/canonical-json.js';
import { globToRegExp } from '../lib/glob.js';
import type {
  Assessment, AssessmentCheck, AssessmentFramework, Finding, InventoryServer, PlanIndicator, PlanItem, RemediationPlan, ScopeSystem,
} from './assessment.js';
import { runDate } from './attestations.js';
import { pathMatches } from './exceptions.js';
import { systemOfPath } from './inventory.js';

export type { OwnerRule, ResponseEntry };

/** Days from first seen to due, by severity, unless `report.slaDays` says otherwise. */
export const DEFAULT_SLA_DAYS: Readonly<Record<Severity, number>> = { critical: 7, high: 30, medium: 90, low: 180 };

/** What a plan is built from. `findings` carry their exception notes; `previous` is `assess --previous` (or a baseline). */
export interface PlanInput {
  findings: Finding[];
  /** With their status this run when the plan is of this run: a previous item is resolved only where its check decided. */
  checks: Array<Pick<AssessmentCheck, 'id' | 'title' | 'remediation'> & Partial<Pick<AssessmentCheck, 'status'>>>;
  frameworks: Array<Pick<AssessmentFramework, 'id' | 'applicability' | 'requirements'>>;
  servers: InventoryServer[];
  systems?: ScopeSystem[];
  owners?: OwnerRule[];
  slaDays?: Partial<Record<Severity, number>>;
  previous?: PreviousAssessment;
  responses?: ResponseEntry[];
  /** The run's time (generatedAt): its date is "today". */
  now: string;
}

/**
 * What the plan needs of the previous assessment. A baseline keeps findings without checks or
 * frameworks, and of its plan only each item's id and first-seen date.
 */
export interface PreviousAssessment {
  generatedAt: string;
  findings: Array<Pick<Finding, 'checkId' | 'severity' | 'message' | 'location' | 'fingerprint' | 'controlIds'> & Partial<Finding>>;
  checks?: PlanInput['checks'];
  frameworks?: PlanInput['frameworks'];
  inventory?: { servers?: InventoryServer[] };
  scope?: { systems?: ScopeSystem[] };
  plan?: { items: Array<Pick<PlanItem, 'id' | 'firstSeen'> & Partial<PlanItem>> };
}

/** Outcomes a fixed finding could move: the requirement is tested and not (fully) effective. */
const MOVABLE: ReadonlySet<string> = new Set(['deficient', 'partly_effective']);
const STATUS_ORDER: Record<PlanItem['status'], number> = { open: 0, accepted: 1, resolved: 2 };
const DAY_MS = 24 * 60 * 60 * 1000;

/** `<checkId>|<server>` when the finding names a server, else `<checkId>|<file>`. */
export function rootCauseOf(finding: Pick<Finding, 'checkId' | 'location'> & { server?: string }): string {
  return `${finding.checkId}|${finding.server ?? finding.location.path}`;
}

/** `RP-` and the first 8 hex digits of the root cause's sha256: the same root cause keeps its id across runs. */
export function planItemId(rootCause: string): string {
  return `RP-${sha256Hex(rootCause).slice(0, 8)}`;
}

export function slaDaysOf(overrides: Partial<Record<Severity, number>> = {}): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, overrides[s] ?? DEFAULT_SLA_DAYS[s]])) as Record<Severity, number>;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const priorityOf = (severity: Severity) => (4 - SEVERITIES.indexOf(severity)) as PlanItem['priority'];
const highest = (severities: Severity[]) => severities.reduce((a, b) => (SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a));
const globMatches = (patterns: string[] | undefined, value: string | undefined) =>
  patterns === undefined || (value !== undefined && patterns.some((p) => globToRegExp(p).test(value)));

export function buildRemediationPlan(input: PlanInput): RemediationPlan {
  const today = runDate(input.now);
  const slaDays = slaDaysOf(input.slaDays);
  const previous = input.previous;
  // Previous items that were open or accepted: a first-seen date to carry, or, when gone now, a resolved item.
  const previousItems = previous ? previousPlanItems(previous, input) : [];
  const previousDates = [...previousItems, ...(previous?.plan?.items ?? []).filter((i) => i.status !== 'resolved')];
  const firstSeenById = new Map(previousDates.map((i) => [i.id, i.firstSeen]));
  const previousFingerprints = new Set(previous?.findings.map((f) => f.fingerprint) ?? []);
  const previousDate = previous ? runDate(previous.generatedAt) : today;
  const current = groupItems(input, slaDays, today, (id, indicators) =>
    firstSeenById.get(id) ?? (indicators.some((i) => previousFingerprints.has(i.fingerprint)) ? previousDate : today));
  const currentIds = new Set(current.map((i) => i.id));
  const currentFingerprints = new Set(input.findings.map((f) => f.fingerprint));
  const checkStatus = new Map(input.checks.map((c) => [c.id, c.status]));
  // Gone from this run's findings is not fixed: only a check that decided this run (pass, fail, or no
  // population) shows it. An item whose finding is still here under another id (a previous file that
  // grouped it by path) is that current item, not a second one.
  const gone = previousItems.filter((i) => !currentIds.has(i.id) && !i.indicators.some((x) => currentFingerprints.has(x.fingerprint)));
  const carried = gone.map((i): PlanItem => {
    const { exception: _exception, response: _response, ...rest } = i;
    const status = checkStatus.get(i.checkId);
    if (status === 'pass' || status === 'fail' || status === 'not_applicable') return { ...rest, status: 'resolved', overdue: false, resolvedOn: today };
    const due = addDays(i.firstSeen, slaDays[i.severity]);
    return {
      ...rest, status: 'open', slaDays: slaDays[i.severity], due, overdue: due < today,
      notRetested: `${i.checkId} ${status === undefined ? 'did not run' : `was ${status}`} in this assessment, so it cannot be shown resolved; the indicators are the previous assessment's`,
    };
  });
  return answerPlan({ slaDays, items: [...current, ...carried].sort(planOrder) }, input.responses ?? []);
}

/**
 * The plan of an assessment written before plans existed (schema 2.0 and 1.x), derived when it is
 * read: every item first seen on its own date, default due dates, owners from its systems, no responses.
 */
export function derivePlan(a: Pick<Assessment, 'generatedAt' | 'findings' | 'checks' | 'frameworks' | 'inventory' | 'scope'>): RemediationPlan {
  return buildRemediationPlan({
    findings: a.findings, checks: a.checks ?? [], frameworks: a.frameworks ?? [], servers: a.inventory?.servers ?? [],
    ...(a.scope?.systems ? { systems: a.scope.systems } : {}), now: a.generatedAt,
  });
}

/**
 * The plan with the management responses given now in place of those it carried (`report --config`:
 * responses usually arrive after the draft, and answering them needs no new assessment).
 */
export function answerPlan(plan: RemediationPlan, responses: ResponseEntry[]): RemediationPlan {
  const { items, unmatched } = withResponses(plan.items.map(({ response: _response, ...item }) => item), responses);
  const { unmatchedResponses: _unmatched, ...rest } = plan;
  return { ...rest, items, ...(unmatched.length > 0 ? { unmatchedResponses: unmatched.map((r) => ({ target: responseTarget(r), by: r.by })) } : {}) };
}

/** How a response names what it answers: the item id, or `fingerprint:<hex>`. */
export function responseTarget(r: Pick<ResponseEntry, 'item' | 'fingerprint'>): string {
  return r.item ?? `fingerprint:${r.fingerprint}`;
}

function groupItems(input: PlanInput, slaDays: Record<Severity, number>, today: string,
  firstSeenOf: (id: string, indicators: PlanIndicator[]) => string): PlanItem[] {
  const systems = input.systems ?? [];
  const systemOf = (f: Finding) => (f.server !== undefined ? systemOfServer(f.server, f.location.path, input.servers) : undefined)
    ?? systemOfPath(f.location.path, systems);
  // A server name used in several systems is several root causes, each with its system's owner.
  const systemsByServer = new Map<string, Set<string | undefined>>();
  for (const s of input.servers) systemsByServer.set(s.name, (systemsByServer.get(s.name) ?? new Set()).add(s.system));
  const groups = new Map<string, { system: string | undefined; findings: Finding[] }>();
  for (const finding of input.findings) {
    const system = systemOf(finding);
    const shared = finding.server !== undefined && (systemsByServer.get(finding.server)?.size ?? 0) > 1;
    const key = shared ? `${rootCauseOf(finding)}|${system ?? ''}` : rootCauseOf(finding);
    const group = groups.get(key);
    if (group) group.findings.push(finding); else groups.set(key, { system, findings: [finding] });
  }
  const checks = new Map(input.checks.map((c) => [c.id, c]));
  return [...groups].map(([rootCause, { system, findings }]): PlanItem => {
    const first = findings[0]!;
    const { checkId, server } = first;
    const check = checks.get(checkId);
    const id = planItemId(rootCause);
    const severity = highest(findings.map((f) => f.severity));
    const controlIds = [...new Set(findings.flatMap((f) => f.controlIds))].sort();
    const paths = [...new Set(findings.map((f) => f.location.path))];
    const rule = (input.owners ?? []).find((r) => globMatches(r.servers, server) && globMatches(r.checks, checkId)
      && globMatches(r.systems, system) && (r.paths === undefined || paths.some((p) => r.paths!.some((pattern) => pathMatches(pattern, p)))));
    const systemOwner = system !== undefined ? systems.find((s) => s.name === system)?.owner : undefined;
    const indicators = findings.map((f): PlanIndicator => ({
      checkId: f.checkId, ...(f.messageId !== undefined ? { messageId: f.messageId } : {}), message: f.message, location: f.location,
      fingerprint: f.fingerprint, ...(f.server !== undefined ? { server: f.server } : {}),
    }));
    const accepted = findings.every((f) => f.exception !== undefined);
    const firstSeen = firstSeenOf(id, indicators);
    const due = addDays(firstSeen, slaDays[severity]);
    return {
      id, rootCause, title: `${check?.title ?? checkId} (${server !== undefined ? `server ${server}` : first.location.path})`, checkId, severity,
      priority: priorityOf(severity), indicators, controlIds, requirements: movableRequirements(input.frameworks, controlIds),
      ...(check?.remediation ? { remediation: check.remediation } : {}),
      ...(server !== undefined ? { server } : {}), ...(system !== undefined ? { system } : {}),
      ...(rule ? { owner: rule.owner, ownerSource: 'rule' as const } : systemOwner ? { owner: systemOwner, ownerSource: 'system' as const } : {}),
      firstSeen, slaDays: slaDays[severity], due, overdue: !accepted && due < today,
      status: accepted ? 'accepted' : 'open', ...(accepted ? { exception: first.exception! } : {}),
    };
  });
}

/** The system of the server's entry in the inventory, preferring the entry in the finding's own file. */
function systemOfServer(server: string, path: string, servers: InventoryServer[]): string | undefined {
  const named = servers.filter((s) => s.name === server);
  return (named.find((s) => s.path === path) ?? named.find((s) => s.system !== undefined))?.system;
}

function movableRequirements(frameworks: PlanInput['frameworks'], controlIds: string[]): PlanItem['requirements'] {
  const controls = new Set(controlIds);
  return frameworks.filter((f) => f.applicability?.applies !== false).flatMap((f) => f.requirements
    .filter((r) => MOVABLE.has(r.status) && r.controlIds.some((c) => controls.has(c)))
    .map((r) => ({ frameworkId: f.id, id: r.id })));
}

/**
 * The open and accepted items of the previous assessment: its plan when it has full items, else its
 * findings grouped the same way (a file of schema 2.0 or 1.x, or a baseline, which keeps of its plan
 * only the first-seen dates), with today's rules for owners and due dates.
 */
function previousPlanItems(previous: PreviousAssessment, input: PlanInput): PlanItem[] {
  const kept = (previous.plan?.items ?? []).filter((i) => i.status !== 'resolved');
  if (previous.plan && kept.every((i) => i.indicators !== undefined && i.rootCause !== undefined)) return kept as PlanItem[];
  const firstSeen = new Map(kept.map((i) => [i.id, i.firstSeen]));
  const date = runDate(previous.generatedAt);
  return groupItems({
    findings: previous.findings as Finding[], checks: previous.checks ?? input.checks, frameworks: previous.frameworks ?? [],
    servers: previous.inventory?.servers ?? [], systems: previous.scope?.systems ?? input.systems ?? [],
    ...(input.owners ? { owners: input.owners } : {}), now: previous.generatedAt,
  }, slaDaysOf(input.slaDays), date, (id) => firstSeen.get(id) ?? date);
}

/**
 * Each item gets the latest response (by date, then the later entry of the file) that names it or one
 * of its indicators; responses that name nothing in the plan are returned so they can be reported.
 */
function withResponses(items: PlanItem[], responses: ResponseEntry[]): { items: PlanItem[]; unmatched: ResponseEntry[] } {
  const used = new Set<number>();
  const answered = items.map((item) => {
    const fingerprints = new Set(item.indicators.map((i) => i.fingerprint));
    let best: number | undefined;
    responses.forEach((r, n) => {
      if (!(r.item === item.id || (r.fingerprint !== undefined && fingerprints.has(r.fingerprint)))) return;
      used.add(n);
      if (best === undefined || r.date >= responses[best]!.date) best = n;
    });
    if (best === undefined) return item;
    const { item: _item, fingerprint: _fingerprint, ...response } = responses[best]!;
    return { ...item, response };
  });
  return { items: answered, unmatched: responses.filter((_, n) => !used.has(n)) };
}

/** Open, then accepted, then resolved; within each by priority, overdue first, earliest due, then id. */
export function planOrder(a: PlanItem, b: PlanItem): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.priority - b.priority || Number(b.overdue) - Number(a.overdue)
    || (a.due < b.due ? -1 : a.due > b.due ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
