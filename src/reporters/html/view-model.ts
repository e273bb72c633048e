/**
 * The HTML report's view of an assessment: plain, JSON-safe data, already sorted, grouped, counted and
 * labelled, so templates only loop and print, and a user's own partial gets the same data. Every field
 * is always present (null or [] when the assessment has nothing for it, e.g. a 1.1 file without the
 * optional 1.2 fields), so templates compiled in strict mode never meet a missing one.
 *
 * Every string that comes from the assessment is untrusted text: templates print it with `{{ }}` only,
 * and links go through `href` fields that are http(s) or null.
 */
import type {
  Assessment, AssessmentControl, AssessmentFramework, ControlAttestation, ControlStatus, ExceptionNote, Finding, FindingRef, InventoryServer,
  RequirementStatus, RiskBand,
} from '../../engine/assessment.js';
import { AUTOMATION_MEANING, type Automation, type Severity } from '../../catalog/model.js';
import type { CheckStatus } from '../../checks/types.js';
import { byText, historyPoint } from '../../engine/compare.js';
import type { PaperSize } from '../types.js';
import { DEFAULT_PROFILE, type ReportProfile, type ReportSection } from '../profiles.js';
import {
  SECTION_ANCHORS, changesSummaryView, documentControlView, planSummaryView, planView, presentSections, requirementMatrixView, requirementsAttentionView,
  sectionsView, topRisksView, type ChangesSummaryView, type DocumentControlView, type PlanSummaryView, type PlanView, type RequirementMatrixView,
  type RequirementsAttentionView, type SectionView, type TopRisksView,
} from './section-views.js';
import {
  CONTROL_REPORT_ORDER, FIGURE_LABEL, FIGURE_MEANING, REQUIREMENT_REPORT_ORDER, REQUIREMENT_STATUS_LABEL, SEVERITY_REPORT_ORDER, dateOf, figureLabel, frameworkTitle, locationText, outcomeLabel, percent,
} from '../labels.js';
import { boundaryView, type BoundaryView } from './boundary-view.js';
import { badge, type Badge, type Tone } from './badge.js';
import { dateTime, daysLeft, plural, safeUrl, statusLabel } from './helpers.js';
import { pooledFigures } from '../../engine/roll-up.js';

export { badge, type Badge, type Tone } from './badge.js';
export type {
  AttestationNoteView, ChangesView, ControlRef, ExceptionNoteView, Figure, FindingRefView, FrameworkView, LinkView, OutcomeCount, RequirementControlView, RequirementView,
  ServerView,
} from './view-types.js';
import type {
  AttestationNoteView, ChangesView, ControlRef, ExceptionNoteView, Figure, FindingRefView, FrameworkView, LinkView, RequirementControlView, RequirementView,
  ServerView,
} from './view-types.js';

/** A row of the outcome overview: a framework, or all applicable frameworks pooled (`id` null). */
export interface OutcomeRow {
  id: string | null;
  anchor: string | null;
  name: string;
  applies: boolean;
  inScope: number;
  tested: number;
  coverageText: string;
  effectivenessText: string;
  /** Counts of every outcome, in report order, as our outcomes (columns shared by every framework). */
  counts: Array<{ status: Badge; count: number }>;
}

/**
 * A requirement's controls in runs that each fit a third of an A4 page's body as one printed row: such a
 * row stays on one page without leaving much of the page blank, and a requirement that maps many
 * controls (GDPR Art. 32(1)(b) maps about 30) takes several rows, each naming it. The height is
 * estimated in lines of the controls column: one for the control, and its rationale at about 50
 * characters a line; ROW_LINES of them make about 300 CSS pixels, a third of A4's 994.
 */
function controlRuns(controls: RequirementControlView[]): RequirementControlView[][] {
  const runs: RequirementControlView[][] = [[]];
  let lines = 0;
  for (const control of controls) {
    const height = 1 + Math.ceil((control.rationale?.length ?? 0) / RATIONALE_CHARS_PER_LINE);
    if (lines + height > ROW_LINES && runs[runs.length - 1]!.length > 0) {
      runs.push([]);
      lines = 0;
    }
    runs[runs.length - 1]!.push(control);
    lines += height;
  }
  return runs;
}
const ROW_LINES = 18;
const RATIONALE_CHARS_PER_LINE = 50;

/**
 * A path, an evidence id or a location cut into pieces that each end at a place where it may break on a
 * printed line: after each `/` (and after the `:` of a scheme such as `github:`), and after the points of
 * a piece longer than LONG_PIECE. The template keeps each piece whole, so `mcp.json:17:22` never breaks
 * as `mcp.jso` / `n:17:22`, nor `clinical-assistant` at its hyphen.
 */
export function pathPieces(text: string): string[] {
  return text.split(/(?<=\/|[A-Za-z]:(?!\d))/).flatMap((piece) => (piece.length > LONG_PIECE ? piece.split(/(?<=\.)/) : [piece])).filter(Boolean);
}
const LONG_PIECE = 32;

export interface ControlView {
  id: string;
  anchor: string;
  title: string;
  family: string | null;
  status: Badge;
  reason: string;
  severity: Badge;
  /** How much of it its checks decide, in words. */
  automation: { value: Automation; text: string };
  /** A `partial` control: its reason (automated part effective, manual evidence outstanding) is set apart on the card. */
  partial: boolean;
  risk: { likelihood: number; impact: number; inherent: number; residual: number };
  objective: string | null;
  remediation: string | null;
  /** What an auditor expects to see; shown for controls whose status rests on manual evidence. */
  expectedEvidence: string[];
  showExpectedEvidence: boolean;
  checks: Array<{ id: string; title: string | null; status: Badge; reason: string | null; findings: number; remediation: string | null }>;
  exception: ExceptionNoteView | null;
  attestation: AttestationNoteView | null;
  threats: string[];
  practices: string[];
  references: LinkView[];
}

export interface FindingView {
  /** `path:line:column` (named so as not to shadow the `location` helper, as no field of the view shadows one). */
  where: string;
  /** `where` and the evidence id in pieces that may each end a printed line (pathPieces). */
  whereParts: string[];
  evidenceParts: string[];
  server: string | null;
  checkId: string;
  message: string;
  controls: ControlRef[];
  evidenceId: string;
  evidenceAnchor: string | null;
  fingerprint: string;
  exception: ExceptionNoteView | null;
  expiredException: ExceptionNoteView | null;
}

export interface TrendSeries { key: string; label: string; values: Array<number | null>; texts: string[] }

export interface TrendView {
  /** Dates of the points, oldest first; the last is this assessment. */
  dates: string[];
  /** One series per framework of this assessment: testing coverage 0-1 at each date (null: no point, e.g. none in scope). */
  coverage: TrendSeries[];
  /** The same for effectiveness (tested requirements whose MCP part is effective); null where nothing was tested. */
  effectiveness: TrendSeries[];
  /** Findings by severity and total at each date. */
  findings: Array<{ key: string; label: string; values: number[] }>;
}

/** The whole report as templates see it (the root context of `report.hbs`, and of every partial through `@root`). */
export interface ReportView {
  title: string;
  /** The report profile and its sections in order (src/reporters/profiles.ts); `present` says for every section id whether it is one of them. */
  profile: ReportProfile;
  sections: SectionView[];
  present: Record<ReportSection, boolean>;
  /** Document control (`report:` in mcp-comply.yaml): cover, document-control table, watermark and page marking. */
  document: DocumentControlView;
  /** The highest residual risks and the most severe open plan items, in words. */
  topRisks: TopRisksView;
  /** The remediation plan (POA&M), and its first items for the executive part. */
  plan: PlanView;
  planSummary: PlanSummaryView;
  /** Deficient, partly effective and untested requirements with their controls, per applicable framework. */
  requirementsAttention: RequirementsAttentionView;
  /** One line per requirement, out-of-scope requirements one line per shared reason. */
  requirementMatrix: RequirementMatrixView;
  /** The changes since the previous assessment in brief; null without a previous assessment. */
  changesSummary: ChangesSummaryView | null;
  meta: {
    organization: string | null;
    generatedAt: string;
    assessedOn: string;
    assessedAt: string;
    tool: { name: string; version: string };
    schemaVersion: string;
    rootHash: string;
    /** The command that checks the evidence bundle against this report's root hash. */
    verifyCommand: string;
    paper: PaperSize;
    frameworkNames: string[];
  };
  /** The table of contents: the profile's sections after the contents, as in the document, with the frameworks under theirs. */
  contents: Array<{ id: string; title: string; children: Array<{ id: string; title: string }> }>;
  summary: {
    failed: boolean;
    verdict: { headline: string; tone: Tone; sentences: string[] };
    figures: Figure[];
    findingsBySeverity: Array<{ severity: Badge; count: number; excepted: number }>;
    changes: string | null;
  };
  scope: {
    organization: string | null;
    dataClasses: string[];
    dataClassesDeclared: boolean;
    aiActRole: string | null;
    aiActRiskLevel: string | null;
    paths: string[];
    includeUser: boolean;
    frameworks: FrameworkView[];
  };
  /** The assessment boundary and the MCP server inventory. */
  boundary: BoundaryView;
  vocabulary: {
    checks: Array<{ status: Badge; meaning: string }>;
    controls: Array<{ status: Badge; meaning: string }>;
    /** `words`: each framework that has its own word for the outcome, as "PCI DSS: In Place". */
    requirements: Array<{ status: Badge; meaning: string; words: string[] }>;
    figures: Array<{ label: string; meaning: string }>;
  };
  riskMethod: {
    credit: Array<{ status: Badge; credit: number }>;
    minimumLikelihood: number;
    bands: Array<{ band: Badge; range: string }>;
  } | null;
  frameworks: FrameworkView[];
  /** Every framework's figures and outcome counts, then all applicable frameworks pooled (the overall figures). */
  outcomes: { rows: OutcomeRow[]; overall: OutcomeRow };
  controls: {
    list: ControlView[];
    counts: Array<{ status: Badge; count: number }>;
  };
  findings: {
    total: number;
    excepted: number;
    groups: Array<{ severity: Badge; anchor: string; count: number; rows: FindingView[] }>;
  };
  exceptions: {
    /** False for an assessment without a register (before schema 1.2). */
    present: boolean;
    rows: Array<{
      id: string; target: string; status: Badge; approver: string; approved: string; expires: string; daysToExpiry: number;
      daysText: string; ticket: string | null; matchedFindings: number; unused: boolean; justification: string | null;
    }>;
  };
  attestations: Array<{
    subject: string; subjectAnchor: string | null; kind: 'control' | 'requirement'; attestedBy: string; attestedOn: string; validUntil: string;
    state: Badge; evidence: string; sha256: string; effect: Badge;
  }>;
  risks: Array<{
    threatId: string; title: string; likelihood: number; impact: number; inherent: number; inherentBand: Badge;
    residualLikelihood: number; residual: number; residualBand: Badge; mitigation: string;
    controls: Array<ControlRef & { status: Badge; credit: number }>; reason: string;
  }>;
  changes: ChangesView | null;
  trend: TrendView | null;
  evidence: {
    rootHash: string;
    items: Array<{ id: string; anchor: string; kind: string; collector: string; source: string; collectedAt: string; sha256: string }>;
    unreadable: Array<{ where: string; code: string; reason: string }>;
    collectorFailures: Array<{ collector: string; message: string }>;
  };
}

const CHECK_STATUSES: readonly CheckStatus[] = ['fail', 'error', 'not_observed', 'pass', 'not_applicable'];
const BANDS: readonly RiskBand[] = ['critical', 'high', 'medium', 'low'];

/** A requirement outcome in the framework's own words (its mapping's `outcomeLabels`), coloured as ours. */
function outcomeBadge(framework: Pick<AssessmentFramework, 'outcomeLabels'>, status: RequirementStatus): Badge {
  return { ...badge(status), label: outcomeLabel(framework, status) };
}

/** Meanings of the statuses, in the words of DESIGN §5 and the README, for the method section. */
const CHECK_MEANING: Record<CheckStatus, string> = {
  fail: 'The check found at least one problem; each is a finding.',
  error: 'The collector or the check failed; the run went on without its result.',
  not_observed: 'The evidence the check needs was not collected, or the API denied access. Never a pass.',
  pass: 'The check ran on the evidence it needs and found nothing wrong.',
  not_applicable: 'No population: nothing the check applies to was found (no container, no gateway, no remote server). Never a pass.',
};
const CONTROL_MEANING: Record<ControlStatus, string> = {
  fail: 'At least one of its checks failed.',
  error: 'None of its checks failed, but at least one could not run.',
  stale: 'No check can decide it, and its attestation has expired.',
  not_observed: 'None of its checks failed, but at least one lacked the evidence it needs.',
  manual: 'No check can decide it and no attestation covers it: the expected evidence has to be shown to the auditor.',
  attested: 'No check can decide it; a current attestation does.',
  partial: 'Its checks ran over a population and passed, but they decide only part of it: the automated part is effective, the manual evidence named on the control is outstanding.',
  pass: 'Its checks ran over a population and passed, and either they decide it fully or a current attestation covers the manual part.',
  not_applicable: 'None of its checks found a population (nothing to evaluate). It earns no risk credit.',
};
const REQUIREMENT_MEANING: Record<RequirementStatus, string> = {
  deficient: 'An integral linked control fails: a nonconformity candidate.',
  partly_effective: 'Some evidence, not all of it effective: a linked control is partial, untested, or fails while only an example of the requirement.',
  untested: 'No linked control has evidence either way. Never counted as effective.',
  not_addressed: 'No control of the catalog reaches it: it lies outside the MCP boundary and is listed as a gap.',
  effective: 'Every linked control passes or is attested: the MCP part is effective; the part outside MCP awaits evidence.',
  met: 'The MCP part is effective and the rest is covered, by a linked control that covers the whole requirement (equal or superset) or by a current attestation of the rest.',
  not_applicable: 'Scoped out for the declared data classes or AI Act role and risk level, or no linked control found a population, with the reason.',
};

/** Ids for in-document links, unique across the report; anything outside [A-Za-z0-9_-] becomes `-`. */
function anchorMaker(reserved: Iterable<string>): (prefix: string, id: string) => string {
  const used = new Set(reserved);
  return (prefix, id) => {
    const base = `${prefix}${id.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
    let anchor = base;
    for (let n = 2; used.has(anchor); n++) anchor = `${base}-${n}`;
    used.add(anchor);
    return anchor;
  };
}

/** Code-point order: the same on every machine, whatever its locale. */

const compareFindings = (a: Finding, b: Finding) =>
  byText(a.location.path, b.location.path) || (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0)
  || byText(a.checkId, b.checkId) || byText(a.fingerprint, b.fingerprint);

const exceptionNote = (note: ExceptionNote | undefined): ExceptionNoteView | null => (note
  ? { id: note.id, approver: note.approver, expires: note.expires, ticket: note.ticket ?? null, justification: note.justification }
  : null);

const attestationNote = (a: ControlAttestation | undefined): AttestationNoteView | null => (a
  ? { attestedBy: a.attestedBy, attestedOn: a.date, validUntil: a.validUntil, evidence: a.evidence, sha256: a.sha256, state: badge(a.state) }
  : null);

const link = (text: string, url: string): LinkView => ({ text, url, href: safeUrl(url) || null });

/** `+5 pts`, `-3 pts`, `no change`, or `n/a` when either side has nothing in scope. */
function pointsMove(from: number | null, to: number | null): string {
  if (from === null || to === null) return 'n/a';
  const pts = Math.round(to * 100) - Math.round(from * 100);
  return pts === 0 ? 'no change' : `${pts > 0 ? '+' : ''}${pts} pts`;
}

function scoreMove(from: number, to: number): string {
  return from === to ? 'no change' : `${to > from ? '+' : ''}${to - from}`;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function frameworkView(framework: AssessmentFramework, anchor: string, controlAnchor: (id: string) => string | null): FrameworkView {
  const applicability = framework.applicability ?? { applies: true, inScope: framework.requirements.length, assumed: [] };
  const counts = framework.summary.counts;
  const requirements = framework.requirements.map((r): RequirementView => {
    const controls = (r.controls ?? r.controlIds.map((id) => ({ id, relationship: '', status: 'not_observed' as ControlStatus }))).map((c) => ({
      id: c.id, anchor: controlAnchor(c.id), relationship: c.relationship, property: ('property' in c ? c.property : undefined) ?? '',
      status: badge(c.status), rationale: ('rationale' in c ? c.rationale : undefined) ?? null,
    }));
    return {
      id: r.id,
      title: r.title,
      status: outcomeBadge(framework, r.status),
      reason: r.reason,
      controls,
      parts: controlRuns(controls).map((run, i) => ({ continued: i > 0, controls: run })),
      attestation: attestationNote(r.attestation),
    };
  });
  const outOfScope = new Map<string, RequirementView[]>();
  for (const r of requirements) {
    if (r.status.value !== 'not_applicable') continue;
    const group = outOfScope.get(r.reason);
    if (group) group.push(r);
    else outOfScope.set(r.reason, [r]);
  }
  return {
    id: framework.id,
    anchor,
    name: framework.name,
    version: framework.version,
    title: frameworkTitle(framework.name, framework.version),
    publisher: framework.publisher ?? null,
    source: framework.source ? link(framework.source, framework.source) : null,
    applies: applicability.applies,
    applicability: applicability.applies ? { value: 'applies', label: 'Applies', tone: 'ok' } : { value: 'out-of-scope', label: 'Out of scope', tone: 'na' },
    applicabilityReason: applicability.reason ?? null,
    assumed: [...(applicability.assumed ?? [])],
    inScope: applicability.inScope,
    total: framework.requirements.length,
    tested: pooledFigures([framework]).tested,
    testingCoverage: framework.summary.testingCoverage,
    effectiveness: framework.summary.effectiveness,
    coverageText: percent(framework.summary.testingCoverage),
    effectivenessText: percent(framework.summary.effectiveness),
    coverageLabel: figureLabel(framework, 'testingCoverage'),
    effectivenessLabel: figureLabel(framework, 'effectiveness'),
    counts: REQUIREMENT_REPORT_ORDER.map((status) => {
      const own = outcomeBadge(framework, status);
      return { status: own, ours: own.label === REQUIREMENT_STATUS_LABEL[status] ? null : REQUIREMENT_STATUS_LABEL[status], count: counts[status] ?? 0 };
    }),
    requirements: requirements.filter((r) => r.status.value !== 'not_applicable'),
    outOfScope: [...outOfScope].map(([reason, list]) => ({ reason, requirements: list })),
  };
}

/** The overview row of one framework, or of all applicable frameworks pooled. */
function outcomeRow(row: Omit<OutcomeRow, 'counts' | 'coverageText' | 'effectivenessText'>, figures: AssessmentFramework['summary']): OutcomeRow {
  return {
    ...row,
    coverageText: percent(figures.testingCoverage), effectivenessText: percent(figures.effectiveness),
    counts: REQUIREMENT_REPORT_ORDER.map((status) => ({ status: badge(status), count: figures.counts[status] ?? 0 })),
  };
}

/** Statuses whose control rests, at least in part, on evidence a person has to show, so the expected evidence is printed. */
const MANUAL_EVIDENCE: ReadonlySet<ControlStatus> = new Set(['manual', 'stale', 'attested', 'partial']);

function controlView(
  control: AssessmentControl, anchor: string, checkOf: (id: string) => Assessment['checks'][number] | undefined,
): ControlView {
  const expected = control.expectedEvidence ?? [];
  // A 1.x file has no automation: a control with checks was then read as decided by them.
  const automation: Automation = control.automation ?? (control.checks.length ? 'full' : 'none');
  return {
    id: control.id,
    anchor,
    title: control.title,
    family: control.family ?? null,
    status: badge(control.status),
    reason: control.reason,
    severity: badge(control.severity),
    automation: { value: automation, text: Object.hasOwn(AUTOMATION_MEANING, automation) ? `${automation[0]!.toUpperCase()}${automation.slice(1)}: ${AUTOMATION_MEANING[automation]}` : automation },
    partial: control.status === 'partial',
    risk: { likelihood: control.risk.likelihood, impact: control.risk.impact, inherent: control.risk.inherent, residual: control.risk.residual },
    objective: control.objective ?? null,
    remediation: control.remediation ?? null,
    expectedEvidence: [...expected],
    showExpectedEvidence: expected.length > 0 && (control.checks.length === 0 || automation === 'partial' || MANUAL_EVIDENCE.has(control.status)),
    checks: control.checks.map((c) => {
      const check = checkOf(c.id);
      return {
        id: c.id,
        title: check?.title ?? null,
        status: badge(c.status),
        reason: check?.reason ?? null,
        findings: check ? check.results.filter((r) => r.status === 'fail').length : 0,
        // What to do is worth printing only where something is to be done.
        remediation: c.status === 'fail' ? check?.remediation ?? null : null,
      };
    }),
    exception: exceptionNote(control.exception),
    attestation: attestationNote(control.attestation),
    threats: [...(control.threats ?? [])],
    practices: [...(control.practices ?? [])],
    references: (control.references ?? []).map((r) => link(r.title, r.url)),
  };
}

const findingRefView = (f: FindingRef): FindingRefView => ({
  severity: badge(f.severity), where: locationText(f.location), whereParts: pathPieces(locationText(f.location)), checkId: f.checkId, message: f.message, exception: f.exception ?? null,
});

const serverView = (s: InventoryServer): ServerView => ({
  name: s.name, client: s.client, transport: s.transport, where: `${s.path}:${s.line}`, disabled: s.disabled,
});

function changesView(
  changes: NonNullable<Assessment['changes']>, controlAnchor: (id: string) => string | null, frameworkAnchor: (id: string) => string | null,
): ChangesView {
  const s = changes.summary;
  const parts = [
    s.regressedControls || s.improvedControls ? `${plural(s.regressedControls, 'control')} regressed and ${s.improvedControls} improved` : 'no control regressed or improved',
    `${plural(s.newFindings, 'new finding')} and ${s.resolvedFindings} resolved`,
    s.addedServers || s.addedTools || s.changedTools
      ? `${plural(s.addedServers, 'MCP server')} and ${plural(s.addedTools, 'tool')} added, ${plural(s.changedTools, 'tool definition')} changed` : '',
    s.expiredExceptions ? `${plural(s.expiredExceptions, 'exception')} expired` : '',
    s.staleAttestations ? `${plural(s.staleAttestations, 'attestation')} went stale` : '',
  ].filter(Boolean);
  return {
    previous: {
      generatedAt: changes.previous.generatedAt, assessedOn: dateOf(changes.previous.generatedAt),
      rootHash: changes.previous.rootHash, toolVersion: changes.previous.toolVersion,
    },
    figures: [
      { label: 'Controls regressed', value: String(s.regressedControls), note: `${s.improvedControls} improved`, tone: s.regressedControls ? 'bad' : 'ok' },
      { label: 'New findings', value: String(s.newFindings), note: `${s.resolvedFindings} resolved`, tone: s.newFindings ? 'bad' : 'ok' },
      { label: 'Servers and tools added', value: String(s.addedServers + s.addedTools), note: `${plural(s.changedTools, 'tool definition')} changed`, tone: s.addedServers + s.addedTools + s.changedTools ? 'warn' : 'ok' },
      { label: 'Exceptions expired', value: String(s.expiredExceptions), note: `${plural(s.staleAttestations, 'attestation')} went stale`, tone: s.expiredExceptions + s.staleAttestations ? 'warn' : 'ok' },
    ],
    sentence: `Since the assessment of ${dateOf(changes.previous.generatedAt)}: ${parts.join('; ')}.`,
    controls: changes.controls.map((c) => ({
      id: c.id, anchor: controlAnchor(c.id), title: c.title, from: badge(c.from), to: badge(c.to), direction: badge(c.direction),
    })),
    requirements: changes.requirements.map((r) => ({
      framework: r.frameworkId, frameworkAnchor: frameworkAnchor(r.frameworkId), id: r.id, title: r.title,
      from: badge(r.from), to: badge(r.to), direction: badge(r.direction),
    })),
    newFindings: changes.findings.new.map(findingRefView),
    resolvedFindings: changes.findings.resolved.map(findingRefView),
    unchangedFindings: changes.findings.unchanged,
    serversAdded: changes.servers.added.map(serverView),
    serversRemoved: changes.servers.removed.map(serverView),
    toolsAdded: changes.tools.added.map((t) => ({ server: t.server, name: t.name, path: t.path, sha256: t.sha256 })),
    toolsRemoved: changes.tools.removed.map((t) => ({ server: t.server, name: t.name, path: t.path, sha256: t.sha256 })),
    toolsChanged: changes.tools.changed.map((t) => ({ server: t.server, name: t.name, path: t.path, from: t.from, to: t.to })),
    exceptionsExpired: changes.exceptions.expired.map((e) => ({ id: e.id, target: e.target, expires: e.expires })),
    attestationsStale: changes.attestations.stale.map((a) => ({ control: a.control, anchor: controlAnchor(a.control), attestedBy: a.attestedBy, validUntil: a.validUntil })),
    frameworks: changes.frameworks.map((f) => ({
      id: f.id, name: f.name,
      coverage: `${percent(f.testingCoverage.from)} → ${percent(f.testingCoverage.to)}`,
      effectiveness: `${percent(f.effectiveness.from)} → ${percent(f.effectiveness.to)}`,
      coverageMove: pointsMove(f.testingCoverage.from, f.testingCoverage.to),
      effectivenessMove: pointsMove(f.effectiveness.from, f.effectiveness.to),
      status: f.status ? badge(f.status) : null,
    })),
    risks: changes.risks.map((r) => ({ threatId: r.threatId, title: r.title, from: r.residual.from, to: r.residual.to, move: scoreMove(r.residual.from, r.residual.to) })),
  };
}

/** History points plus this assessment, oldest first; null without history (nothing to draw a trend from). */
function trendView(assessment: Assessment): TrendView | null {
  const history = assessment.history ?? [];
  if (history.length === 0) return null;
  const points = [...history, historyPoint(assessment)];
  const perFramework = (figure: 'testingCoverage' | 'effectiveness'): TrendSeries[] => assessment.frameworks.map((f) => {
    const values = points.map((p) => p.frameworks.find((x) => x.id === f.id)?.[figure] ?? null);
    return { key: f.id, label: f.name, values, texts: values.map(percent) };
  });
  return {
    dates: points.map((p) => dateOf(p.generatedAt)),
    coverage: perFramework('testingCoverage'),
    effectiveness: perFramework('effectiveness'),
    findings: [
      { key: 'total', label: 'All findings', values: points.map((p) => p.findings.total) },
      ...SEVERITY_REPORT_ORDER.map((sev) => ({ key: sev, label: statusLabel(sev), values: points.map((p) => p.findings.bySeverity[sev] ?? 0) })),
    ],
  };
}

function verdict(assessment: Assessment): ReportView['summary']['verdict'] {
  const { findings, controls, failOn, failed } = assessment.summary;
  const excepted = findings.excepted ?? 0;
  const sentences: string[] = [];
  const bySeverity = SEVERITY_REPORT_ORDER.map((s) => `${findings.bySeverity[s] ?? 0} ${s}`).join(', ');
  sentences.push(findings.total === 0 ? 'No check reported a finding.'
    : `${plural(findings.total, 'finding')} (${bySeverity})${excepted ? `, of which ${excepted} ${excepted === 1 ? 'is' : 'are'} accepted by a live exception` : ''}.`);
  const inScopeControls = sum(Object.values(controls)) - (controls.not_applicable ?? 0);
  const working = (controls.pass ?? 0) + (controls.attested ?? 0);
  const noEvidence = (controls.not_observed ?? 0) + (controls.manual ?? 0) + (controls.stale ?? 0);
  sentences.push(`Of ${plural(inScopeControls, 'control')} in scope, ${working} ${working === 1 ? 'is' : 'are'} shown to work (pass or attested), `
    + `${controls.partial ?? 0} partly (automated part effective, manual evidence outstanding), `
    + `${controls.fail ?? 0} fail${controls.error ? `, ${controls.error} could not be checked (error)` : ''} and ${noEvidence} have no current evidence (not observed, manual or stale).`);
  const pooled = pooledFigures(assessment.frameworks);
  const c = pooled.counts;
  sentences.push(pooled.frameworks === 0 ? 'No framework applies to the declared scope.'
    : `Across ${plural(pooled.frameworks, 'applicable framework')} (${plural(pooled.inScope, 'in-scope requirement')} pooled), testing coverage is ${percent(pooled.testingCoverage)} `
      + `(${pooled.tested} with evidence) and effectiveness ${percent(pooled.effectiveness)} (${c.met + c.effective} of the tested met or effective): `
      + `${c.deficient} deficient, ${c.partly_effective} partly effective, ${c.untested} untested and ${c.not_addressed} not addressed by any MCP control.`);
  if (assessment.risks.length) {
    const residual = BANDS.map((b) => `${assessment.risks.filter((r) => r.band?.residual === b).length} ${b}`).join(', ');
    sentences.push(`Residual risk across ${plural(assessment.risks.length, 'threat')}: ${residual}.`);
  }
  if (failOn === 'none') {
    return { headline: 'No failure threshold was set (--fail-on none)', tone: 'info', sentences };
  }
  if (failed) {
    return { headline: `Action required: findings at or above ${failOn} severity that no live exception accepts`, tone: 'bad', sentences };
  }
  sentences.push('Meeting the threshold is no conclusion on any framework: untested requirements are gaps in evidence, not passes.');
  return { headline: `No finding at or above ${failOn} severity is left unaccepted`, tone: 'ok', sentences };
}

/** The view of one assessment. Pure: the same assessment, paper and profile give the same view. */
export function buildView(assessment: Assessment, paper: PaperSize, profile: ReportProfile = DEFAULT_PROFILE): ReportView {
  const makeAnchor = anchorMaker(['cover', 'contents', ...SECTION_ANCHORS]);
  const sections = sectionsView(profile);
  const present = presentSections(profile);

  // Links go only to what the profile prints: a framework's requirements (in detail or in the matrix),
  // a control's card (in the controls section or the catalog appendix), an evidence item (in the index).
  const frameworkAnchors = new Map(assessment.frameworks.map((f) => [f.id, makeAnchor('fw-', f.id)]));
  const frameworkAnchor = (id: string) => (present.frameworks || present['requirement-matrix'] ? frameworkAnchors.get(id) ?? null : null);
  const sortedControls = [...assessment.controls].sort((a, b) => byText(a.id, b.id));
  const controlAnchors = new Map(sortedControls.map((c) => [c.id, makeAnchor('c-', c.id)]));
  const controlAnchor = (id: string) => (present.controls || present['catalog-cards'] ? controlAnchors.get(id) ?? null : null);
  const items = [...assessment.evidence.items].sort((a, b) => byText(a.id, b.id));
  const evidenceAnchors = new Map(items.map((i) => [i.id, makeAnchor('ev-', i.id)]));
  const evidenceAnchor = (id: string) => (present['evidence-index'] ? evidenceAnchors.get(id) ?? null : null);
  const checks = new Map(assessment.checks.map((c) => [c.id, c]));
  const controlRef = (id: string): ControlRef => ({ id, anchor: controlAnchor(id) });

  const frameworks = assessment.frameworks.map((f) => frameworkView(f, frameworkAnchors.get(f.id)!, controlAnchor));
  const controls = sortedControls.map((c) => controlView(c, controlAnchors.get(c.id)!, (id) => checks.get(id)));

  const findingView = (f: Finding): FindingView => ({
    where: locationText(f.location),
    whereParts: pathPieces(locationText(f.location)),
    evidenceParts: pathPieces(f.evidenceId),
    server: f.server ?? null,
    checkId: f.checkId,
    message: f.message,
    controls: f.controlIds.map(controlRef),
    evidenceId: f.evidenceId,
    evidenceAnchor: evidenceAnchor(f.evidenceId),
    fingerprint: f.fingerprint,
    exception: exceptionNote(f.exception),
    expiredException: exceptionNote(f.expiredException),
  });
  // A severity outside the four (a hand-edited file) gets a group of its own: no finding is dropped silently.
  const severities = [...SEVERITY_REPORT_ORDER, ...new Set(assessment.findings.map((f) => f.severity).filter((s) => !SEVERITY_REPORT_ORDER.includes(s)).sort(byText))];
  const groups = severities.map((severity) => {
    const rows = assessment.findings.filter((f) => f.severity === severity).sort(compareFindings).map(findingView);
    return { severity: badge(severity), anchor: makeAnchor('findings-', severity), count: rows.length, rows };
  });

  const attestations: ReportView['attestations'] = [
    ...sortedControls.filter((c) => c.attestation).map((c) => ({
      subject: `${c.id} ${c.title}`, subjectAnchor: controlAnchor(c.id), kind: 'control' as const, ...attestationFields(c.attestation!), effect: badge(c.status),
    })),
    ...assessment.frameworks.flatMap((f) => f.requirements.filter((r) => r.attestation).map((r) => ({
      subject: `${f.name} ${r.id} ${r.title}`, subjectAnchor: frameworkAnchor(f.id), kind: 'requirement' as const,
      ...attestationFields(r.attestation!), effect: badge(r.status),
    }))),
  ];

  const findingsSummary = assessment.summary.findings;
  const controlCounts = assessment.summary.controls;
  const excepted = SEVERITY_REPORT_ORDER.map((s) => assessment.findings.filter((f) => f.severity === s && f.exception).length);
  const pooled = pooledFigures(assessment.frameworks);
  const inScopeControls = sum(Object.values(controlCounts)) - (controlCounts.not_applicable ?? 0);
  const noEvidence = (controlCounts.not_observed ?? 0) + (controlCounts.manual ?? 0) + (controlCounts.stale ?? 0);
  const severe = (findingsSummary.bySeverity.critical ?? 0) + (findingsSummary.bySeverity.high ?? 0);
  const residualSevere = assessment.risks.filter((r) => r.band?.residual === 'critical' || r.band?.residual === 'high').length;
  const exceptionCounts = assessment.summary.exceptions;
  const changes = assessment.changes ? changesView(assessment.changes, controlAnchor, frameworkAnchor) : null;

  const effectiveRequirements = pooled.counts.met + pooled.counts.effective;
  const across = plural(pooled.frameworks, 'applicable framework');
  const figures: Figure[] = [
    {
      label: FIGURE_LABEL.testingCoverage, value: percent(pooled.testingCoverage), note: `${pooled.tested} of ${plural(pooled.inScope, 'in-scope requirement')} have evidence, ${across}`,
      tone: pooled.testingCoverage === null ? 'na' : pooled.testingCoverage === 1 ? 'ok' : 'gap',
    },
    {
      label: FIGURE_LABEL.effectiveness, value: percent(pooled.effectiveness), note: `${effectiveRequirements} of ${pooled.tested} tested met or effective`,
      // All effective reads green only when everything was tested: 100% of 1 tested requirement is not a clean bill.
      tone: pooled.effectiveness === null ? 'na' : pooled.effectiveness === 1 && pooled.testingCoverage === 1 ? 'ok' : 'warn',
    },
    {
      label: 'Requirements deficient', value: String(pooled.counts.deficient), note: 'an integral control fails: nonconformity candidates',
      tone: pooled.counts.deficient ? 'bad' : 'ok',
    },
    { label: 'Findings', value: String(findingsSummary.total), note: `${findingsSummary.bySeverity.critical ?? 0} critical, ${findingsSummary.bySeverity.high ?? 0} high`, tone: severe ? 'bad' : findingsSummary.total ? 'warn' : 'ok' },
    { label: 'Controls failing', value: String(controlCounts.fail ?? 0), note: `of ${inScopeControls} in scope`, tone: controlCounts.fail ? 'bad' : 'ok' },
    { label: 'High or critical residual risks', value: String(residualSevere), note: `of ${plural(assessment.risks.length, 'threat')}`, tone: residualSevere ? 'bad' : 'ok' },
    { label: 'Controls partial', value: String(controlCounts.partial ?? 0), note: 'automated part effective, manual evidence outstanding', tone: controlCounts.partial ? 'warn' : 'ok' },
    { label: 'Controls without evidence', value: String(noEvidence), note: 'not observed, manual or stale', tone: noEvidence ? 'gap' : 'ok' },
    { label: 'Live exceptions', value: String(exceptionCounts?.live ?? 0), note: exceptionCounts ? `${exceptionCounts.expired} expired, ${exceptionCounts.unused} unused` : null, tone: 'info' },
  ];

  const frameworkNameById = new Map(assessment.frameworks.map((f) => [f.id, f.name]));
  const controlTitles = new Map(assessment.controls.map((c) => [c.id, c.title]));
  const context = {
    present, controlRef, makeAnchor, exceptionNote, frameworkAnchor,
    controlTitle: (id: string) => controlTitles.get(id) ?? '',
    frameworkName: (id: string) => frameworkNameById.get(id) ?? id,
  };
  const plan = planView(assessment.plan, context);

  const organization = assessment.scope.organization ?? null;
  const frameworkNames = frameworks.map((f) => f.title);
  const date = dateOf(assessment.generatedAt);
  const method = assessment.riskMethod;

  return {
    title: `MCP controls assessment${organization ? ` of ${organization}` : ''}, ${date}`,
    meta: {
      organization,
      generatedAt: assessment.generatedAt,
      assessedOn: date,
      assessedAt: dateTime(assessment.generatedAt),
      tool: { name: assessment.tool.name, version: assessment.tool.version },
      schemaVersion: assessment.schemaVersion,
      rootHash: assessment.evidence.rootHash,
      verifyCommand: 'mcp-comply verify <dir>',
      paper,
      frameworkNames,
    },
    profile,
    sections,
    present,
    document: documentControlView(assessment.document),
    topRisks: topRisksView(assessment, plan, context),
    plan,
    planSummary: planSummaryView(plan, present.plan === true),
    requirementsAttention: requirementsAttentionView(frameworks, context),
    requirementMatrix: requirementMatrixView(frameworks),
    changesSummary: changesSummaryView(changes),
    contents: sections.filter((s) => s.id !== 'cover' && s.id !== 'contents').map((s) => ({
      id: s.anchor, title: s.title,
      children: s.id === 'frameworks' || s.id === 'requirement-matrix' ? frameworks.map((f) => ({ id: f.anchor, title: f.title })) : [],
    })),
    summary: {
      failed: assessment.summary.failed,
      verdict: verdict(assessment),
      figures,
      findingsBySeverity: SEVERITY_REPORT_ORDER.map((s, i) => ({ severity: badge(s), count: findingsSummary.bySeverity[s] ?? 0, excepted: excepted[i]! })),
      changes: changes?.sentence ?? null,
    },
    scope: {
      organization,
      dataClasses: [...assessment.scope.dataClasses],
      dataClassesDeclared: assessment.scope.dataClassesDeclared ?? true,
      aiActRole: assessment.scope.aiAct?.role ?? null,
      aiActRiskLevel: assessment.scope.aiAct?.riskLevel ?? null,
      paths: [...(assessment.scope.paths ?? [])],
      includeUser: assessment.scope.includeUser ?? false,
      frameworks,
    },
    boundary: boundaryView(assessment),
    vocabulary: {
      checks: CHECK_STATUSES.map((s) => ({ status: badge(s), meaning: CHECK_MEANING[s] })),
      controls: CONTROL_REPORT_ORDER.map((s) => ({ status: badge(s), meaning: CONTROL_MEANING[s] })),
      requirements: REQUIREMENT_REPORT_ORDER.map((s) => ({
        status: badge(s), meaning: REQUIREMENT_MEANING[s],
        words: assessment.frameworks.filter((f) => f.outcomeLabels?.[s]).map((f) => `${f.name}: ${outcomeLabel(f, s)}`),
      })),
      figures: (['testingCoverage', 'effectiveness'] as const).map((f) => ({ label: FIGURE_LABEL[f], meaning: FIGURE_MEANING[f] })),
    },
    riskMethod: method ? {
      credit: CONTROL_REPORT_ORDER.filter((s): s is Exclude<ControlStatus, 'not_applicable'> => s !== 'not_applicable')
        .map((s) => ({ status: badge(s), credit: method.credit[s] ?? 0 })),
      minimumLikelihood: method.minimumLikelihood,
      bands: [
        { band: badge('critical'), range: `${method.bands.critical} and above` },
        { band: badge('high'), range: `${method.bands.high} to ${method.bands.critical - 1}` },
        { band: badge('medium'), range: `${method.bands.medium} to ${method.bands.high - 1}` },
        { band: badge('low'), range: `below ${method.bands.medium}` },
      ],
    } : null,
    frameworks,
    outcomes: {
      rows: frameworks.map((f, i) => outcomeRow(
        { id: f.id, anchor: f.anchor, name: f.name, applies: f.applies, inScope: f.inScope, tested: f.tested }, assessment.frameworks[i]!.summary,
      )),
      overall: outcomeRow({ id: null, anchor: null, name: 'All applicable frameworks (pooled)', applies: pooled.frameworks > 0, inScope: pooled.inScope, tested: pooled.tested }, pooled),
    },
    controls: {
      list: controls,
      counts: CONTROL_REPORT_ORDER.map((s) => ({ status: badge(s), count: controlCounts[s] ?? 0 })),
    },
    findings: { total: assessment.findings.length, excepted: assessment.findings.filter((f) => f.exception).length, groups },
    exceptions: {
      present: assessment.exceptions !== undefined,
      rows: [...(assessment.exceptions ?? [])].sort((a, b) => byText(a.id, b.id)).map((e) => ({
        id: e.id, target: e.target, status: badge(e.status), approver: e.approver, approved: e.approved, expires: e.expires,
        daysToExpiry: e.daysToExpiry, daysText: daysLeft(e.daysToExpiry), ticket: e.ticket ?? null, matchedFindings: e.matchedFindings,
        unused: e.unused, justification: e.justification ?? null,
      })),
    },
    attestations,
    risks: assessment.risks.map((r) => ({
      threatId: r.threatId, title: r.title, likelihood: r.likelihood, impact: r.impact,
      inherent: r.inherent, inherentBand: badge(r.band?.inherent ?? 'low'),
      residualLikelihood: r.residualLikelihood, residual: r.residual, residualBand: badge(r.band?.residual ?? 'low'),
      mitigation: percent(r.mitigation),
      controls: (r.controls ?? r.controlIds.map((id) => ({ id, status: 'not_observed' as ControlStatus, credit: 0 })))
        .map((c) => ({ ...controlRef(c.id), status: badge(c.status), credit: c.credit })),
      reason: r.reason,
    })),
    changes,
    trend: trendView(assessment),
    evidence: {
      rootHash: assessment.evidence.rootHash,
      items: items.map((i) => ({
        id: i.id, anchor: evidenceAnchors.get(i.id)!, kind: i.kind, collector: i.collector ?? '', source: i.source, collectedAt: i.collectedAt, sha256: i.sha256,
      })),
      unreadable: (assessment.evidence.unreadable ?? []).map((u) => ({ where: locationText(u), code: u.code, reason: u.reason })),
      collectorFailures: (assessment.evidence.collectorFailures ?? []).map((f) => ({ collector: f.collector, message: f.message })),
    },
  };
}

function attestationFields(a: ControlAttestation) {
  return { attestedBy: a.attestedBy, attestedOn: a.date, validUntil: a.validUntil, state: badge(a.state), evidence: a.evidence, sha256: a.sha256 };
}
