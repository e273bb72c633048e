/**
 * `mcp-comply github check`, the pure half: an assessment (and a baseline) -> what a GitHub check run
 * says: its conclusion, title, Markdown summary and annotations, and the requests that carry them
 * (a create and updates of at most 50 annotations each, GitHub's limit per request; see
 * reference/library-notes.md §B2). No I/O and no clock: the same input gives the same requests.
 *
 * Untrusted text (finding messages and paths, check ids, framework names) goes into the summary only
 * through escapeMarkdown(); annotation messages and titles are plain text that GitHub shows as such,
 * after printable(), so no control, bidi or invisible character disguises what they say.
 */
import { reachesFailOn, type Severity } from '../catalog/model.js';
import type { Assessment, FindingRef } from '../engine/assessment.js';
import type { Drift } from '../engine/drift.js';
import { sha256Hex } from '../lib/canonical-json.js';
import { clip } from '../lib/clip.js';
import { plural } from '../lib/plural.js';
import { printable } from '../lib/printable.js';
import { repositoryPath } from '../lib/repository-path.js';
import { CONTROL_STATUS_LABEL, FIGURE_LABEL, LEVEL_LABEL, REQUIREMENT_STATUS_LABEL, locationText, percent } from '../reporters/labels.js';
import { findingRef } from '../engine/compare.js';
import { driftVerdict, escapeMarkdown, httpUrl, labelOf, table } from '../reporters/markdown.js';

/** GitHub takes at most 50 annotations per create or update request; updates append them. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub's limit on `output.summary` (and on a comment body, 65,536). */
export const MAX_SUMMARY_CHARS = 65_535;
/** GitHub's limit on a commit status' `description`. */
export const MAX_STATUS_DESCRIPTION_CHARS = 140;
/** GitHub's limits on an annotation's `title` and `message`. */
const MAX_ANNOTATION_TITLE_CHARS = 255;
const MAX_ANNOTATION_MESSAGE_CHARS = 65_535;
/** Rows per findings table in the summary: the annotations carry every finding, the summary the gist. */
const MAX_SUMMARY_ROWS = 100;

export type Conclusion = 'success' | 'failure' | 'neutral';

/** One annotation as the Checks API takes it (`output.annotations[]`). */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  /** Only on a one-line annotation (start_line === end_line), as GitHub requires. */
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning';
  message: string;
  title: string;
}

export interface FrameworkScore {
  id: string;
  name: string;
  testingCoverage: { from?: number | null; to: number | null };
  effectiveness: { from?: number | null; to: number | null };
  /** Only in the drift: the framework is new since the baseline (one that was removed is not listed). */
  added?: boolean;
}

/**
 * What the check reports. `drift`: the change against a baseline (new findings only); `assessment`:
 * the assessment alone, its open findings (not under a live exception).
 */
export interface CheckGate {
  basis: 'drift' | 'assessment';
  failOn: Severity | 'none';
  failed: boolean;
  regressions: Drift['regressions'];
  /** Findings that fail the gate: annotated as `failure`. */
  failing: FindingRef[];
  /** Findings listed, not failing (below --fail-on, or accepted by a live exception in a drift): `warning`. */
  listed: FindingRef[];
  /** Findings of the baseline gone now (drift only). */
  resolved: number;
  frameworks: FrameworkScore[];
  baseline?: { generatedAt: string; rootHash: string };
}

export interface CheckRunOptions {
  /** The check run's name, also the commit status' context in the fallback. */
  name: string;
  /** `--report-only`: a failing gate concludes `neutral`. */
  reportOnly?: boolean;
  /** http(s) only; checked by the caller. */
  detailsUrl?: string;
  /** Prepended to every annotation path: where the assessed root sits in the repository. */
  pathPrefix?: string;
}

export interface CheckRunPlan {
  name: string;
  conclusion: Conclusion;
  title: string;
  /** Markdown, at most MAX_SUMMARY_CHARS. */
  summary: string;
  annotations: CheckAnnotation[];
  /** Findings of the gate with no file line in the repository to point at (`github:` subjects, folders, no line): in the summary only. */
  unannotated: FindingRef[];
  detailsUrl?: string;
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  annotations?: CheckAnnotation[];
}

export interface CreateCheckRunBody {
  name: string;
  head_sha: string;
  status: 'in_progress';
  details_url?: string;
  output: CheckRunOutput;
}

export interface UpdateCheckRunBody {
  status?: 'completed';
  conclusion?: Conclusion;
  output: CheckRunOutput;
}

/** The gate of a drift: new findings and regressions since the baseline, scores from -> to. */
export function gateOfDrift(drift: Drift): CheckGate {
  const { changes } = drift;
  return {
    basis: 'drift', failOn: drift.failOn, failed: drift.failed, regressions: drift.regressions,
    failing: drift.failing, listed: drift.listed, resolved: changes.findings.resolved.length,
    frameworks: changes.frameworks.filter((f) => f.status !== 'removed').map((f) => ({
      id: f.id, name: f.name, testingCoverage: f.testingCoverage, effectiveness: f.effectiveness, ...(f.status === 'added' ? { added: true } : {}),
    })),
    baseline: { generatedAt: changes.previous.generatedAt, rootHash: changes.previous.rootHash },
  };
}

/**
 * The gate of an assessment alone: its own verdict (`summary.failed` at its own failOn) unless
 * `failOn` is given, which decides anew over the findings not under a live exception.
 */
export function gateOfAssessment(a: Assessment, failOn?: Severity | 'none'): CheckGate {
  const threshold = failOn ?? a.summary.failOn;
  const open = a.findings.filter((f) => !f.exception).map(findingRef);
  const failing = open.filter((f) => reachesFailOn(f.severity, threshold));
  return {
    basis: 'assessment', failOn: threshold,
    failed: failOn === undefined ? a.summary.failed : failing.length > 0,
    regressions: { controls: [], requirements: [] },
    failing, listed: open.filter((f) => !reachesFailOn(f.severity, threshold)), resolved: 0,
    frameworks: a.frameworks.map((f) => ({
      id: f.id, name: f.name, testingCoverage: { to: f.summary.testingCoverage }, effectiveness: { to: f.summary.effectiveness },
    })),
  };
}

export function conclusionOf(gate: CheckGate, reportOnly = false): Conclusion {
  return !gate.failed ? 'success' : reportOnly ? 'neutral' : 'failure';
}

export function planCheckRun(gate: CheckGate, options: CheckRunOptions): CheckRunPlan {
  const annotations: CheckAnnotation[] = [];
  const unannotated: FindingRef[] = [];
  for (const [level, refs] of [['failure', gate.failing], ['warning', gate.listed]] as const) {
    for (const ref of refs) {
      const annotation = annotationOf(ref, level, options.pathPrefix);
      if (annotation) annotations.push(annotation);
      else unannotated.push(ref);
    }
  }
  const conclusion = conclusionOf(gate, options.reportOnly);
  return {
    // The threshold in the title may come from the assessment file (its own failOn).
    name: options.name, conclusion, title: printable(titleOf(gate, conclusion)),
    summary: summaryOf(gate, conclusion, unannotated, options.detailsUrl),
    annotations, unannotated,
    ...(options.detailsUrl ? { detailsUrl: options.detailsUrl } : {}),
  };
}

function annotationOf(ref: FindingRef, level: CheckAnnotation['annotation_level'], prefix: string | undefined): CheckAnnotation | undefined {
  const { line, column } = ref.location;
  const file = repositoryPath(ref.location.path, prefix);
  if (!file || !isPositiveInteger(line)) return undefined;
  const accepted = ref.exception ? ` (accepted: exception ${ref.exception})` : '';
  return {
    path: file, start_line: line, end_line: line,
    // Columns are allowed because the annotation is one line; GitHub highlights from the column.
    ...(isPositiveInteger(column) ? { start_column: column, end_column: column } : {}),
    annotation_level: level,
    message: clip(printable(`${ref.message}${accepted}`), MAX_ANNOTATION_MESSAGE_CHARS),
    title: clip(printable(ref.checkId), MAX_ANNOTATION_TITLE_CHARS),
  };
}

const isPositiveInteger = (n: number | undefined): n is number => Number.isInteger(n) && (n as number) >= 1;

export function titleOf(gate: CheckGate, conclusion: Conclusion): string {
  const suffix = conclusion === 'neutral' ? ' (report only)' : '';
  const threshold = gate.failOn;
  if (gate.basis === 'assessment') {
    const total = gate.failing.length + gate.listed.length;
    if (gate.failOn === 'none') return `No gate (--fail-on none): ${plural(total, 'open finding')}`;
    const listed = gate.listed.length ? `; ${plural(gate.listed.length, 'finding')} below it` : '';
    return gate.failed
      ? `Gate fails: ${plural(gate.failing.length, 'finding')} at or above ${threshold}${listed}${suffix}`
      : `Gate passes: no finding at or above ${threshold}${listed}`;
  }
  const parts = [
    gate.regressions.controls.length ? `${plural(gate.regressions.controls.length, 'control')} regressed` : '',
    gate.regressions.requirements.length ? `${plural(gate.regressions.requirements.length, 'requirement')} regressed` : '',
    gate.failing.length ? `${plural(gate.failing.length, 'new finding')} at or above ${threshold}` : '',
    gate.listed.length ? `${plural(gate.listed.length, 'new finding')} listed` : '',
  ].filter(Boolean);
  return parts.length === 0 ? 'No drift' : `Drift: ${parts.join(', ')}${suffix}`;
}

/** The check run's summary, also the body of the pull-request comment of the fallback. */
export function summaryOf(gate: CheckGate, conclusion: Conclusion, unannotated: readonly FindingRef[], detailsUrl?: string): string {
  const { controls, requirements } = gate.regressions;
  const threshold = escapeMarkdown(gate.failOn);
  const lines: string[] = [];
  if (gate.basis === 'drift') {
    lines.push(driftVerdict(gate));
    lines.push('', `Compared with the baseline of ${escapeMarkdown(gate.baseline!.generatedAt)} (root hash ${escapeMarkdown(gate.baseline!.rootHash)}): `
      + `${plural(gate.failing.length + gate.listed.length, 'new finding')}, ${gate.resolved} resolved.`);
  } else {
    lines.push(gate.failOn === 'none'
      ? `**No gate** (--fail-on none): ${plural(gate.failing.length + gate.listed.length, 'finding')} not under a live exception.`
      : gate.failed
        ? `**The assessment fails the gate:** ${plural(gate.failing.length, 'finding')} at or above ${threshold} not under a live exception.`
        : `**The assessment passes the gate:** no finding at or above ${threshold} outside a live exception.`);
  }
  if (conclusion === 'neutral') lines.push('', 'Report only (`--report-only`): the check concludes neutral instead of failing.');

  const section = (title: string, body: string[]) => { if (body.length > 0) lines.push('', `### ${title}`, '', ...body); };
  section(`Regressed controls (${controls.length})`, cappedTable(['Control', 'Title', 'Status'], controls.map((c) => [
    escapeMarkdown(c.id), escapeMarkdown(c.title), `${labelOf(CONTROL_STATUS_LABEL, c.from)} → ${labelOf(CONTROL_STATUS_LABEL, c.to)}`,
  ]), 'more'));
  section(`Regressed requirements (${requirements.length})`, cappedTable(['Framework', 'Requirement', 'Title', 'Status'], requirements.map((r) => [
    escapeMarkdown(r.frameworkId), escapeMarkdown(r.id), escapeMarkdown(r.title), `${labelOf(REQUIREMENT_STATUS_LABEL, r.from)} → ${labelOf(REQUIREMENT_STATUS_LABEL, r.to)}`,
  ]), 'more'));
  const fresh = gate.basis === 'drift' ? 'New findings' : 'Findings';
  section(`${fresh} that fail (${gate.failing.length})`, findingTable(gate.failing));
  section(`${fresh} listed (${gate.listed.length}): ${gate.basis === 'drift' ? 'below the threshold or accepted by a live exception' : 'below the threshold'}`, findingTable(gate.listed));
  if (unannotated.length > 0) {
    lines.push('', `${plural(unannotated.length, 'finding')} above ${unannotated.length === 1 ? 'has' : 'have'} no file line in the repository `
      + '(a GitHub setting, a folder, or a path outside the repository), so only this summary shows them.');
  }
  section('Frameworks', gate.frameworks.length === 0 ? [] : table(['Framework', FIGURE_LABEL.testingCoverage, FIGURE_LABEL.effectiveness], gate.frameworks.map((f) => [
    `${escapeMarkdown(f.name)} (${escapeMarkdown(f.id)})${f.added ? ', new' : ''}`, move(f.testingCoverage), move(f.effectiveness),
  ])));
  const link = detailsUrl === undefined ? undefined : httpUrl(detailsUrl);
  const more = link ? `[the full report](${link})` : 'the full drift: `mcp-comply drift --format md`';
  return truncateMarkdown(`${lines.join('\n')}\n`, MAX_SUMMARY_CHARS, `_The summary was cut at GitHub's limit of ${MAX_SUMMARY_CHARS.toLocaleString('en')} characters; ${more}._\n`);
}

const move = (share: { from?: number | null; to: number | null }) =>
  share.from === undefined || percent(share.from) === percent(share.to) ? percent(share.to) : `${percent(share.from)} → ${percent(share.to)}`;

function findingTable(refs: readonly FindingRef[]): string[] {
  return cappedTable(['Severity', 'Location', 'Check', 'Message', 'Exception'], refs.map((f) => [
    labelOf(LEVEL_LABEL, f.severity), escapeMarkdown(locationText(f.location)), escapeMarkdown(f.checkId), escapeMarkdown(f.message),
    f.exception ? `Accepted: exception ${escapeMarkdown(f.exception)}` : '',
  ]), 'more (each is an annotation where it has a file line)');
}

/** A table of at most MAX_SUMMARY_ROWS rows, then how many were left out; nothing for no rows. */
function cappedTable(header: readonly string[], rows: readonly string[][], more: string): string[] {
  if (rows.length === 0) return [];
  const rest = rows.length > MAX_SUMMARY_ROWS ? ['', `… and ${rows.length - MAX_SUMMARY_ROWS} ${more}.`] : [];
  return [...table(header, rows.slice(0, MAX_SUMMARY_ROWS)), ...rest];
}

/**
 * Markdown of at most `max` characters: whole lines only (an escape, a table row or a link is never
 * cut in half), then `note`.
 */
export function truncateMarkdown(markdown: string, max: number, note: string): string {
  if (markdown.length <= max) return markdown;
  const room = max - note.length - 1;
  const cut = markdown.lastIndexOf('\n', room);
  return `${markdown.slice(0, Math.max(0, cut))}\n\n${note}`.slice(0, max);
}

/** Annotations in requests of at most ANNOTATIONS_PER_REQUEST. */
export function batches<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The requests of one check run: a create (in progress, the first batch of annotations), an update
 * per further batch, then a last update that completes it with the conclusion and the summary. The
 * in-progress requests carry a short summary; the full one is sent once.
 */
export function checkRunRequests(plan: CheckRunPlan, headSha: string): { create: CreateCheckRunBody; updates: UpdateCheckRunBody[] } {
  const [first = [], ...rest] = batches(plan.annotations);
  const progress = (sent: number): CheckRunOutput => ({
    title: plan.title, summary: `Adding annotations: ${sent} of ${plan.annotations.length}.`,
  });
  let sent = first.length;
  return {
    create: {
      name: plan.name, head_sha: headSha, status: 'in_progress',
      ...(plan.detailsUrl ? { details_url: plan.detailsUrl } : {}),
      output: { ...progress(sent), ...(first.length ? { annotations: first } : {}) },
    },
    updates: [
      ...rest.map((batch) => ({ output: { ...progress((sent += batch.length)), annotations: batch } })),
      { status: 'completed', conclusion: plan.conclusion, output: { title: plan.title, summary: plan.summary } },
    ],
  };
}

/** The commit status of the fallback: `success` unless the check would fail (report-only passes). */
export function commitStatusOf(plan: CheckRunPlan): { state: 'success' | 'failure'; context: string; description: string; target_url?: string } {
  return {
    state: plan.conclusion === 'failure' ? 'failure' : 'success',
    context: plan.name,
    description: clip(plan.title, MAX_STATUS_DESCRIPTION_CHARS),
    ...(plan.detailsUrl ? { target_url: plan.detailsUrl } : {}),
  };
}

/**
 * The hidden marker that finds our earlier comment on a pull request, one per check name (hashed: the
 * name is the user's and must not end the HTML comment).
 */
export function commentMarker(name: string): string {
  return `<!-- mcp-comply github check ${sha256Hex(name).slice(0, 16)} -->`;
}

/** The pull-request comment of the fallback: the marker, a heading, the summary (within GitHub's 65,536). */
export function commentBodyOf(plan: CheckRunPlan): string {
  const head = `${commentMarker(plan.name)}\n## ${escapeMarkdown(plan.name)}: ${escapeMarkdown(plan.title)}\n\n`;
  return head + truncateMarkdown(plan.summary, MAX_SUMMARY_CHARS - head.length, '_The summary was cut at GitHub\'s limit for a comment._\n');
}
