/**
 * Views of the sections that report profiles added (src/reporters/profiles.ts): the profile's sections
 * in order, document control, the top risks and actions in words, the remediation plan and its first
 * items, the requirements needing attention, the one-line requirement matrix and the changes in brief.
 * Plain, JSON-safe data like the rest of ReportView (view-model.ts), read by the HTML templates and by
 * every other reporter that renders a profile (Markdown, DOCX), so they all say the same things.
 */
import type { Assessment, AssessmentRisk, DocumentControl, ExceptionNote, PlanItem, PlanItemStatus } from '../../engine/assessment.js';
import { byText } from '../../engine/compare.js';
import { planOrder } from '../../engine/remediation-plan.js';
import type { Severity } from '../../catalog/model.js';
import { APPENDIX_SECTIONS, PROFILE_SECTIONS, type ReportProfile, type ReportSection } from '../profiles.js';
import { SEVERITY_REPORT_ORDER, locationText } from '../labels.js';
import { badge, type Badge } from './badge.js';
import { plural } from './helpers.js';
import type { ChangesView, ControlRef, ExceptionNoteView, Figure, FindingRefView, FrameworkView, RequirementView } from './view-types.js';

/** One section of the report, in the profile's order. */
export interface SectionView {
  id: ReportSection;
  /** The id of the section's element (fixed: links elsewhere in the report point at it). */
  anchor: string;
  /** Its heading, `Appendix A. Requirement matrix` for an appendix. */
  title: string;
  /** The letter of an appendix, null for the body. */
  appendix: string | null;
  /** The template partial that renders it. */
  partial: string;
}

export interface DocumentControlView {
  /** False when the assessment carries no document control (no `report:` block, or before schema 2.1). */
  recorded: boolean;
  /** Draft or final; null when not recorded. */
  status: Badge | null;
  /** True prints the DRAFT watermark on every page. */
  draft: boolean;
  classification: string | null;
  version: string | null;
  preparedBy: string | null;
  reviewedBy: string | null;
  approvedBy: string | null;
  distribution: string[];
  /** `2026-09-01 to 2026-11-30`, null when not given. */
  period: string | null;
  /** The document-control table, every row present (`not recorded` where the config says nothing). */
  rows: Array<{ label: string; value: string }>;
  /** What is printed at the top and bottom of every page: the classification (null when there is none). */
  marking: string | null;
}

/** `respondedOn`, not `date`: a view field must not share a helper's name (a bare {{date}} would call the helper). */
export interface ManagementResponseView { response: string; by: string; respondedOn: string; targetDate: string | null; ticket: string | null }

/** One item of the remediation plan: the findings of one root cause and what to do about them. */
export interface PlanItemView {
  id: string;
  /** The id of its row in the plan section; null when the profile has no plan section to link to. */
  anchor: string | null;
  title: string;
  checkId: string;
  severity: Badge;
  priority: number;
  /** `P1` .. `P4`. */
  priorityLabel: string;
  status: Badge;
  indicators: Array<{ where: string; message: string; server: string | null; checkId: string }>;
  controls: ControlRef[];
  requirements: Array<{ frameworkId: string; framework: string; frameworkAnchor: string | null; id: string }>;
  /** The requirements as one line, by framework id (the names are long): `gdpr Art. 32(1)(b); pci-dss 8.3.2, 8.6.2`. */
  requirementsText: string;
  remediation: string | null;
  /** Why an item no finding shows any more is still open (its check did not decide this run); null otherwise. */
  notRetested: string | null;
  server: string | null;
  system: string | null;
  owner: string | null;
  /** Where the owner comes from, in words (`owners: rule`, `owner of system Clinical assistant`); null without one. */
  ownerSource: string | null;
  firstSeen: string;
  slaDays: number;
  due: string;
  overdue: boolean;
  /** `2026-12-14`, `2026-12-14 (overdue)`. */
  dueText: string;
  exception: ExceptionNoteView | null;
  resolvedOn: string | null;
  response: ManagementResponseView | null;
  /** The item in one sentence, for the executive pages. */
  sentence: string;
}

export interface PlanView {
  /** False for an assessment without a plan (before schema 2.1). */
  present: boolean;
  slaDays: Array<{ severity: Badge; days: number }>;
  /** `Due dates count from first seen: Critical 7 days, ...` */
  slaSentence: string;
  /** What a report says where a plan would be, for an assessment without one (built by hand: files read get theirs derived). */
  absentText: string;
  /** Open first, then accepted, then resolved; each by priority, overdue first, then due date. */
  items: PlanItemView[];
  counts: { total: number; open: number; overdue: number; accepted: number; resolved: number };
  /** The counts in one sentence. */
  sentence: string;
  unmatchedResponses: Array<{ target: string; by: string }>;
}

/** The plan's first items (open ones first), for the executive part. */
export interface PlanSummaryView {
  items: PlanItemView[];
  /** Items of the plan not shown here. */
  more: number;
  /** `12 more items are in the remediation plan (remediation-plan.csv).`, null when none are left out. */
  moreText: string | null;
}

export interface TopRiskView {
  threatId: string;
  title: string;
  residual: number;
  residualBand: Badge;
  inherent: number;
  /** Mitigating controls that fail. */
  failing: Array<ControlRef & { title: string }>;
  /** Mitigating controls without current evidence (not observed, manual, stale, error). */
  unevidenced: number;
  sentence: string;
}

export interface TopRisksView {
  /** The highest residual risks (at most TOP_RISKS), highest first. */
  risks: TopRiskView[];
  /** The most severe open plan items (at most TOP_ACTIONS), in words. */
  actions: Array<{ severity: Badge; priorityLabel: string; anchor: string | null; sentence: string }>;
}

/** A requirement needing attention, with the linked controls that are not shown to work (fail, partial, no evidence). */
export type AttentionRequirementView = RequirementView & { attentionControls: Array<ControlRef & { status: Badge }> };

export interface AttentionFrameworkView {
  id: string;
  /** The id of its part of the requirements-attention section. */
  anchor: string;
  name: string;
  version: string;
  /** The name with the version unless the name says it (FrameworkView.title). */
  title: string;
  counts: Array<{ status: Badge; count: number }>;
  requirements: AttentionRequirementView[];
}

export interface RequirementsAttentionView {
  total: number;
  /** Applicable frameworks with at least one deficient, partly effective or untested requirement. */
  frameworks: AttentionFrameworkView[];
}

export interface MatrixFrameworkView {
  id: string;
  anchor: string;
  name: string;
  version: string;
  /** The name with the version unless the name says it (FrameworkView.title). */
  title: string;
  rows: Array<{ id: string; title: string; status: Badge; controls: ControlRef[]; attested: boolean }>;
  /** Out-of-scope requirements, one line per shared reason. */
  outOfScope: Array<{ reason: string; count: number; ids: string }>;
}

export interface RequirementMatrixView { frameworks: MatrixFrameworkView[] }

export interface ChangesSummaryView {
  previousOn: string;
  sentence: string;
  figures: Figure[];
  /** Controls that regressed, the first CHANGES_SHOWN. */
  regressed: Array<ControlRef & { title: string; from: Badge; to: Badge }>;
  regressedMore: number;
  /** New findings, most severe first, the first CHANGES_SHOWN. */
  newFindings: FindingRefView[];
  newFindingsMore: number;
  frameworks: ChangesView['frameworks'];
}

/** How many of each list the executive part shows. */
export const TOP_RISKS = 5;
export const TOP_ACTIONS = 5;
export const PLAN_SUMMARY_ITEMS = 10;
export const CHANGES_SHOWN = 5;
/** Failing controls named in a top risk's sentence. */
const NAMED_CONTROLS = 3;

const SECTION_TITLE: Record<ReportSection, string> = {
  cover: 'Cover',
  'document-control': 'Document control',
  contents: 'Contents',
  'executive-summary': 'Executive summary',
  boundary: 'Assessment boundary',
  'top-risks': 'Top risks and actions',
  'plan-summary': 'Remediation plan: first actions',
  exceptions: 'Exceptions',
  'changes-summary': 'Since the previous assessment',
  'scope-and-method': 'Scope and method',
  'requirements-attention': 'Requirements needing attention',
  plan: 'Remediation plan',
  frameworks: 'Frameworks',
  controls: 'Controls',
  findings: 'Findings',
  attestations: 'Attestations',
  'risk-register': 'Risk register',
  changes: 'Changes since the previous assessment',
  'requirement-matrix': 'Requirement matrix',
  'catalog-cards': 'Control catalog',
  'evidence-index': 'Evidence index',
};

/** Sections whose element id or partial differs from the section id (kept for links and user templates). */
const SECTION_ANCHOR: Partial<Record<ReportSection, string>> = { 'evidence-index': 'evidence-appendix' };
const SECTION_PARTIAL: Partial<Record<ReportSection, string>> = { boundary: 'boundary-section', 'evidence-index': 'evidence-appendix' };

/** The ids every section's element takes, whatever the profile (reserved before any other anchor is made). */
export const SECTION_ANCHORS: readonly string[] = (Object.keys(SECTION_TITLE) as ReportSection[]).map((id) => SECTION_ANCHOR[id] ?? id);

/** The sections of a profile in order, appendices lettered A, B, ... */
export function sectionsView(profile: ReportProfile): SectionView[] {
  let letter = 0;
  return PROFILE_SECTIONS[profile].map((id) => {
    const appendix = APPENDIX_SECTIONS.has(id) ? String.fromCharCode(65 + letter++) : null;
    return {
      id,
      anchor: SECTION_ANCHOR[id] ?? id,
      title: appendix ? `Appendix ${appendix}. ${SECTION_TITLE[id]}` : SECTION_TITLE[id],
      appendix,
      partial: SECTION_PARTIAL[id] ?? id,
    };
  });
}

/** Which sections the profile holds, every section id a key (templates compiled in strict mode read any of them). */
export function presentSections(profile: ReportProfile): Record<ReportSection, boolean> {
  const present = new Set(PROFILE_SECTIONS[profile]);
  return Object.fromEntries((Object.keys(SECTION_TITLE) as ReportSection[]).map((id) => [id, present.has(id)])) as Record<ReportSection, boolean>;
}

const NOT_RECORDED = 'not recorded';

export function documentControlView(doc: DocumentControl | undefined): DocumentControlView {
  const period = doc?.period ? `${doc.period.from} to ${doc.period.to}` : null;
  const distribution = [...(doc?.distribution ?? [])];
  const value = (text: string | null | undefined) => text || NOT_RECORDED;
  return {
    recorded: doc !== undefined,
    status: doc ? badge(doc.status) : null,
    draft: doc?.status === 'draft',
    classification: doc?.classification ?? null,
    version: doc?.version ?? null,
    preparedBy: doc?.preparedBy ?? null,
    reviewedBy: doc?.reviewedBy ?? null,
    approvedBy: doc?.approvedBy ?? null,
    distribution,
    period,
    rows: [
      { label: 'Status', value: doc ? badge(doc.status).label : NOT_RECORDED },
      { label: 'Classification', value: value(doc?.classification) },
      { label: 'Version', value: value(doc?.version) },
      { label: 'Assessment period', value: value(period) },
      { label: 'Prepared by', value: value(doc?.preparedBy) },
      { label: 'Reviewed by', value: value(doc?.reviewedBy) },
      { label: 'Approved by', value: value(doc?.approvedBy) },
      { label: 'Distribution', value: distribution.length ? distribution.join('; ') : NOT_RECORDED },
    ],
    marking: doc?.classification || null,
  };
}

/** What the plan and top-risk views need from the rest of the view (anchors and names, made once in buildView). */
export interface SectionContext {
  present: Record<ReportSection, boolean>;
  controlRef: (id: string) => ControlRef;
  controlTitle: (id: string) => string;
  frameworkName: (id: string) => string;
  frameworkAnchor: (id: string) => string | null;
  makeAnchor: (prefix: string, id: string) => string;
  exceptionNote: (note: ExceptionNote | undefined) => ExceptionNoteView | null;
}

const rank = <T>(order: readonly T[], value: T) => (order.includes(value) ? order.indexOf(value) : order.length);


function planItemView(item: PlanItem, ctx: SectionContext): PlanItemView {
  const requirements = item.requirements.map((r) => ({
    frameworkId: r.frameworkId, framework: ctx.frameworkName(r.frameworkId), frameworkAnchor: ctx.frameworkAnchor(r.frameworkId), id: r.id,
  }));
  const byFramework = new Map<string, string[]>();
  for (const r of requirements) byFramework.set(r.frameworkId, [...(byFramework.get(r.frameworkId) ?? []), r.id]);
  const owner = item.owner ?? null;
  const dueText = item.status === 'open' && item.overdue ? `${item.due} (overdue)` : item.due;
  const severity = badge(item.severity);
  const accepted = item.exception ? `accepted under exception ${item.exception.id} until ${item.exception.expires}` : 'accepted under an exception';
  const what = item.status === 'resolved' ? `resolved on ${item.resolvedOn ?? 'the last run'}`
    : item.status === 'accepted' ? accepted : `owner ${owner ?? 'not assigned'}, due ${dueText}`;
  return {
    id: item.id,
    anchor: ctx.present.plan ? ctx.makeAnchor('rp-', item.id) : null,
    title: item.title,
    checkId: item.checkId,
    severity,
    priority: item.priority,
    priorityLabel: `P${item.priority}`,
    status: badge(item.status),
    indicators: item.indicators.map((i) => ({ where: locationText(i.location), message: i.message, server: i.server ?? null, checkId: i.checkId })),
    controls: item.controlIds.map(ctx.controlRef),
    requirements,
    requirementsText: [...byFramework].map(([framework, ids]) => `${framework} ${ids.join(', ')}`).join('; '),
    remediation: item.remediation ?? null,
    notRetested: item.notRetested ?? null,
    server: item.server ?? null,
    system: item.system ?? null,
    owner,
    ownerSource: item.ownerSource === 'rule' ? 'owners: rule' : item.ownerSource === 'system' ? `owner of system ${item.system ?? ''}`.trimEnd() : null,
    firstSeen: item.firstSeen,
    slaDays: item.slaDays,
    due: item.due,
    overdue: item.status === 'open' && item.overdue,
    dueText,
    exception: ctx.exceptionNote(item.exception),
    resolvedOn: item.resolvedOn ?? null,
    response: item.response ? {
      response: item.response.response, by: item.response.by, respondedOn: item.response.date,
      targetDate: item.response.targetDate ?? null, ticket: item.response.ticket ?? null,
    } : null,
    sentence: `${item.title} (${severity.label.toLowerCase()}, ${plural(item.indicators.length, 'indicator')}`
      + `${item.controlIds.length ? `, restores ${item.controlIds.join(', ')}` : ''}): ${what}.`,
  };
}

export function planView(plan: Assessment['plan'], ctx: SectionContext): PlanView {
  const items = [...(plan?.items ?? [])].sort(planOrder).map((i) => planItemView(i, ctx));
  const count = (status: PlanItemStatus) => items.filter((i) => i.status.value === status).length;
  const counts = { total: items.length, open: count('open'), overdue: items.filter((i) => i.overdue).length, accepted: count('accepted'), resolved: count('resolved') };
  return {
    present: plan !== undefined,
    slaDays: SEVERITY_REPORT_ORDER.map((s) => ({ severity: badge(s), days: plan?.slaDays[s] ?? 0 })),
    slaSentence: `Due dates count from first seen: ${SEVERITY_REPORT_ORDER.map((s) => `${badge(s).label} ${plural(plan?.slaDays[s] ?? 0, 'day')}`).join(', ')}.`,
    absentText: 'This assessment has no remediation plan.',
    items,
    counts,
    sentence: counts.total === 0 ? 'The plan has no item: no check reported a finding.'
      : `${plural(counts.total, 'item')}: ${counts.open} open (${counts.overdue} overdue), ${counts.accepted} accepted under a live exception and ${counts.resolved} resolved since the previous assessment.`,
    unmatchedResponses: (plan?.unmatchedResponses ?? []).map((r) => ({ target: r.target, by: r.by })),
  };
}

export function planSummaryView(plan: PlanView, planPrinted: boolean): PlanSummaryView {
  const unresolved = plan.items.filter((i) => i.status.value !== 'resolved');
  const items = unresolved.slice(0, PLAN_SUMMARY_ITEMS);
  const more = unresolved.length - items.length;
  const where = planPrinted ? 'in the remediation plan below and in remediation-plan.csv' : 'in remediation-plan.csv and the auditor report';
  return {
    items,
    more,
    moreText: more ? `${plural(more, 'more open or accepted item')} ${more === 1 ? 'is' : 'are'} ${where}.` : null,
  };
}

const UNEVIDENCED = new Set(['not_observed', 'manual', 'stale', 'error']);

function topRiskView(risk: AssessmentRisk, ctx: SectionContext): TopRiskView {
  const controls = risk.controls ?? risk.controlIds.map((id) => ({ id, status: 'not_observed' as const, credit: 0 }));
  const failing = controls.filter((c) => c.status === 'fail').map((c) => ({ ...ctx.controlRef(c.id), title: ctx.controlTitle(c.id) }));
  const unevidenced = controls.filter((c) => UNEVIDENCED.has(c.status)).length;
  const band = badge(risk.band?.residual ?? 'low');
  // The first few failing controls by name keep the sentence readable; the table beside it lists them all.
  const named = failing.slice(0, NAMED_CONTROLS).map((c) => `${c.id} (${c.title})`).join(', ');
  const why = failing.length === 0 ? 'no mitigating control fails'
    : `${plural(failing.length, 'mitigating control')} ${failing.length === 1 ? 'fails' : 'fail'}: ${named}${failing.length > NAMED_CONTROLS ? ` and ${failing.length - NAMED_CONTROLS} more` : ''}`;
  return {
    threatId: risk.threatId,
    title: risk.title,
    residual: risk.residual,
    residualBand: band,
    inherent: risk.inherent,
    failing,
    unevidenced,
    sentence: `${risk.threatId} ${risk.title}: residual risk ${risk.residual} (${band.label.toLowerCase()}) of ${risk.inherent} inherent; ${why}`
      + `${unevidenced ? `; ${plural(unevidenced, 'control')} without current evidence` : ''}.`,
  };
}

export function topRisksView(assessment: Assessment, plan: PlanView, ctx: SectionContext): TopRisksView {
  const risks = assessment.risks.filter((r) => r.residual > 0)
    .sort((a, b) => b.residual - a.residual || b.inherent - a.inherent || byText(a.threatId, b.threatId))
    .slice(0, TOP_RISKS).map((r) => topRiskView(r, ctx));
  const actions = plan.items.filter((i) => i.status.value === 'open').slice(0, TOP_ACTIONS)
    .map((i) => ({ severity: i.severity, priorityLabel: i.priorityLabel, anchor: i.anchor, sentence: i.sentence }));
  return { risks, actions };
}

const ATTENTION = ['deficient', 'partly_effective', 'untested'];
/** Control statuses that show a control works, or that it has nothing to work on. */
const WORKING = new Set(['pass', 'attested', 'not_applicable']);

export function requirementsAttentionView(frameworks: readonly FrameworkView[], ctx: SectionContext): RequirementsAttentionView {
  const views = frameworks.filter((f) => f.applies).map((f): AttentionFrameworkView => {
    const requirements = f.requirements.filter((r) => ATTENTION.includes(r.status.value)).map((r) => ({
      ...r, attentionControls: r.controls.filter((c) => !WORKING.has(c.status.value)).map((c) => ({ id: c.id, anchor: c.anchor, status: c.status })),
    }));
    return {
      id: f.id, anchor: ctx.makeAnchor('attn-', f.id), name: f.name, version: f.version, title: f.title,
      counts: f.counts.filter((c) => ATTENTION.includes(c.status.value)).map((c) => ({ status: c.status, count: c.count })),
      requirements,
    };
  }).filter((f) => f.requirements.length > 0);
  return { total: views.reduce((n, f) => n + f.requirements.length, 0), frameworks: views };
}

export function requirementMatrixView(frameworks: readonly FrameworkView[]): RequirementMatrixView {
  return {
    frameworks: frameworks.map((f) => ({
      id: f.id, anchor: f.anchor, name: f.name, version: f.version, title: f.title,
      rows: f.requirements.map((r) => ({
        id: r.id, title: r.title, status: r.status, controls: r.controls.map((c) => ({ id: c.id, anchor: c.anchor })), attested: r.attestation !== null,
      })),
      outOfScope: f.outOfScope.map((g) => ({ reason: g.reason, count: g.requirements.length, ids: g.requirements.map((r) => r.id).join(', ') })),
    })),
  };
}

export function changesSummaryView(changes: ChangesView | null): ChangesSummaryView | null {
  if (!changes) return null;
  const regressed = changes.controls.filter((c) => c.direction.value === 'regressed');
  const newFindings = [...changes.newFindings].sort((a, b) => rank(SEVERITY_REPORT_ORDER, a.severity.value as Severity) - rank(SEVERITY_REPORT_ORDER, b.severity.value as Severity));
  return {
    previousOn: changes.previous.assessedOn,
    sentence: changes.sentence,
    figures: changes.figures,
    regressed: regressed.slice(0, CHANGES_SHOWN).map((c) => ({ id: c.id, anchor: c.anchor, title: c.title, from: c.from, to: c.to })),
    regressedMore: Math.max(0, regressed.length - CHANGES_SHOWN),
    newFindings: newFindings.slice(0, CHANGES_SHOWN),
    newFindingsMore: Math.max(0, newFindings.length - CHANGES_SHOWN),
    frameworks: changes.frameworks,
  };
}
