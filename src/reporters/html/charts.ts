/**
 * Inline SVG charts for the HTML and PDF reports. Static markup only (no script, no event attribute, no
 * external reference), every text escaped (names and dates come from files the user edits), numbers
 * rounded to 0.1 so the same input always draws the same bytes. Each chart carries a <title> and an
 * aria-label that state its figures in words, and prints those figures as text, so it reads (and
 * pdftotext finds them) without the picture.
 */
import { createHash } from 'node:crypto';
import { SEVERITIES, type Severity } from '../../catalog/model.js';
import type { RequirementStatus, RiskBand, RiskHeatMap } from '../../engine/assessment.js';
import { escapeXml } from '../../lib/escape-xml.js';
import { REQUIREMENT_STATUS_LABEL, dateOf, percent } from '../labels.js';

/**
 * Risk bands. Okabe-Ito hues (bluish green, amber, vermillion) plus a dark red that differs from the
 * vermillion in lightness, so all four stay apart with any colour-vision deficiency; every cell and bar
 * names its band or severity in words as well.
 */
export const BAND_COLOURS: Readonly<Record<RiskBand, string>> = {
  low: '#009E73', medium: '#E69F00', high: '#D55E00', critical: '#B2182B',
};

/** Text drawn on a band's colour: at least 4.5:1 contrast (WCAG AA) on each. */
export const BAND_TEXT_COLOURS: Readonly<Record<RiskBand, string>> = {
  low: '#000000', medium: '#000000', high: '#000000', critical: '#FFFFFF',
};

/** Severities share the bands' colours, so "critical" looks the same everywhere in the report. */
export const SEVERITY_COLOURS: Readonly<Record<Severity, string>> = BAND_COLOURS;

const FONT_FAMILY = "Inter, 'DejaVu Sans', sans-serif";
const INK = '#1A1A1A';
/** Secondary text (axis labels, "not applicable"): 6:1 on white. */
const MUTED = '#5F6368';
const TRACK = '#EEEEEE';
const GRID = '#D0D0D0';
/** Okabe-Ito, without its yellow (too pale for a line on white). */
const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00', '#000000'] as const;
/** Line styles and markers vary with the colour, so series also differ in shape. */
const SERIES_DASHES = [undefined, '6 3', '2 3', '8 3 2 3'] as const;
const MARKERS = ['circle', 'square', 'diamond', 'triangle'] as const;

const WIDTH = 640;
const PAD = 12;
/** Average glyph width of Inter / DejaVu Sans as a share of the font size, to fit text without measuring it. */
const GLYPH = 0.62;

/** Rounded to 0.1, without a trailing ".0" or a "-0". */
function num(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A whole count with thousands separators, the same in every locale. */
function count(n: number): string {
  return String(whole(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A count as a whole number; anything that is not one (undefined, NaN, negative) counts as none. */
function whole(n: number | undefined): number {
  return typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0;
}

/** One line of user text, cut to `max` characters (code points, so no emoji is split) with an ellipsis. */
function fit(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

function charsThatFit(width: number, fontSize: number): number {
  return Math.max(1, Math.floor(width / (fontSize * GLYPH)));
}

/** A share 0-1 for drawing; null when there is none to draw (null, or not a number). */
function share(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : null;
}

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`)
    .join('');
}

/** An element; `children` is markup already built (escaped), absent for an empty element. */
function el(name: string, a: Attrs, children?: string): string {
  return children === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${children}</${name}>`;
}

function text(x: number, y: number, content: string, a: Attrs = {}): string {
  return el('text', { x, y, ...a }, escapeXml(content));
}

/** `label` becomes both the <title> and the aria-label, on one line (an attribute would fold line breaks anyway). */
function svg(height: number, label: string, body: string): string {
  label = label.replace(/\s+/g, ' ');
  const root: Attrs = {
    xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${WIDTH} ${num(height)}`, width: '100%',
    role: 'img', 'aria-label': label, 'font-size': 12, fill: INK,
  };
  // The font list is a constant with no character to escape; written as is, it reads as CSS does.
  return `<svg${attrs(root)} font-family="${FONT_FAMILY}"><title>${escapeXml(label)}</title>${body}</svg>`;
}

/** A chart with nothing to draw still says so, in words. */
function emptyChart(label: string, message: string): string {
  return svg(40, label, text(WIDTH / 2, 24, message, { 'text-anchor': 'middle', fill: MUTED }));
}

// ---------------------------------------------------------------------------------------------------
// Requirement outcomes

/** In-scope outcomes in drawing order, left to right: effective first, then the gaps, the unevidenced last. */
const OUTCOME_ORDER = ['met', 'effective', 'partly_effective', 'deficient', 'untested', 'not_addressed'] as const satisfies readonly RequirementStatus[];
type InScopeOutcome = (typeof OUTCOME_ORDER)[number];

/**
 * Outcome colours, as the report's status badges: met and effective green (met darker), partly
 * effective amber, deficient red, untested and not addressed grey (not addressed lighter). Lightness
 * differs between neighbours, and every segment wide enough is labelled with its count.
 */
export const OUTCOME_COLOURS: Readonly<Record<InScopeOutcome, string>> = {
  met: '#0B5D34', effective: '#5AAE61', partly_effective: '#E69F00', deficient: '#B2182B', untested: '#7B8494', not_addressed: '#D5DAE3',
};
/** Text drawn on an outcome's colour: at least 4.5:1 contrast (WCAG AA) on each. */
export const OUTCOME_TEXT_COLOURS: Readonly<Record<InScopeOutcome, string>> = {
  met: '#FFFFFF', effective: '#000000', partly_effective: '#000000', deficient: '#FFFFFF', untested: '#000000', not_addressed: '#000000',
};
/** Our outcome words, lower case for running text. */
const outcomeWords = (outcome: InScopeOutcome) => REQUIREMENT_STATUS_LABEL[outcome].toLowerCase();

const OUTCOME_ROW_H = 46;
const OUTCOME_BAR_H = 16;

export interface OutcomeChartRow {
  id: string;
  name: string;
  applies: boolean;
  testingCoverage: number | null;
  effectiveness: number | null;
  counts: Partial<Record<RequirementStatus, number>>;
}

/**
 * One stacked bar per framework (and first, when given, all applicable frameworks pooled): its in-scope
 * requirements by outcome, with testing coverage and effectiveness beside the name. A framework that
 * does not apply is drawn greyed with "not applicable"; requirements scoped out are counted in words.
 */
export function frameworkOutcomesChart(rows: OutcomeChartRow[]): string {
  const caption = 'Requirement outcomes per framework';
  if (rows.length === 0) return emptyChart(`${caption}: no frameworks.`, 'No frameworks in scope.');
  const barW = WIDTH - 2 * PAD;
  const parts: string[] = [];
  const described: string[] = [];
  rows.forEach((row, i) => {
    const top = PAD + i * OUTCOME_ROW_H;
    const name = row.name.trim() || row.id;
    const counts = OUTCOME_ORDER.map((outcome) => ({ outcome, n: whole(row.counts[outcome]) }));
    const inScope = counts.reduce((total, c) => total + c.n, 0);
    const scopedOut = whole(row.counts.not_applicable);
    const figures = `testing coverage ${percent(share(row.testingCoverage))} · effectiveness ${percent(share(row.effectiveness))}`;
    const figuresWidth = Array.from(figures).length * 11 * GLYPH;
    parts.push(text(PAD, top + 12, fit(name, charsThatFit(barW - figuresWidth - 12, 12)), { 'font-weight': 600, fill: row.applies ? INK : MUTED }));
    const barY = top + 18;
    if (!row.applies || inScope === 0) {
      parts.push(el('rect', { x: PAD, y: barY, width: barW, height: OUTCOME_BAR_H, fill: TRACK, stroke: GRID, 'stroke-dasharray': '4 3' }));
      const why = row.applies ? 'no requirement in scope' : 'not applicable';
      parts.push(text(PAD + barW / 2, barY + 12, why, { 'text-anchor': 'middle', 'font-size': 11, fill: MUTED }));
      described.push(`${name} ${why}`);
      return;
    }
    parts.push(text(WIDTH - PAD, top + 12, figures, { 'text-anchor': 'end', 'font-size': 11 }));
    let x = PAD;
    for (const { outcome, n } of counts) {
      if (n === 0) continue;
      const width = (n / inScope) * barW;
      parts.push(el('rect', { x, y: barY, width, height: OUTCOME_BAR_H, fill: OUTCOME_COLOURS[outcome], stroke: '#FFFFFF', 'stroke-width': 0.5, 'data-outcome': outcome }));
      if (width >= String(n).length * 10 * GLYPH + 6) {
        parts.push(text(x + width / 2, barY + 12, String(n), { 'text-anchor': 'middle', 'font-size': 10, fill: OUTCOME_TEXT_COLOURS[outcome] }));
      }
      x += width;
    }
    const scoped = scopedOut ? `; ${count(scopedOut)} not applicable` : '';
    described.push(`${name}: ${count(inScope)} in scope, ${figures}; ${counts.map(({ outcome, n }) => `${count(n)} ${outcomeWords(outcome)}`).join(', ')}${scoped}`);
  });
  // Legend, wrapped to the width.
  let lx = PAD;
  let ly = PAD + rows.length * OUTCOME_ROW_H + 4;
  for (const outcome of OUTCOME_ORDER) {
    const words = outcomeWords(outcome);
    const itemWidth = 18 + Array.from(words).length * 11 * GLYPH + 14;
    if (lx > PAD && lx + itemWidth > WIDTH - PAD) { lx = PAD; ly += LEGEND_ROW_H; }
    parts.push(el('rect', { x: lx, y: ly, width: 12, height: 12, fill: OUTCOME_COLOURS[outcome], stroke: GRID, 'stroke-width': 0.5 }));
    parts.push(text(lx + 18, ly + 10, words, { 'font-size': 11 }));
    lx += itemWidth;
  }
  return svg(ly + LEGEND_ROW_H + 4, `${caption}: ${described.join('; ')}.`, parts.join(''));
}

// ---------------------------------------------------------------------------------------------------
// Risk heat map

const CELL_X = 64;
const CELL_Y = 8;
const CELL_W = 112;
const CELL_H = 76;
const IDS_FONT = 11;
const IDS_LINES = 3;

/**
 * Threat ids packed into at most `maxLines` lines of `maxChars`; what does not fit is counted at the end
 * ("T01, T02 +10"), so a crowded cell still says how many threats sit in it.
 */
function packIds(ids: string[], maxChars: number, maxLines: number): string[] {
  const short = ids.map((id) => fit(id, maxChars - 1));
  for (let shown = short.length; shown >= 0; shown--) {
    const tokens = short.slice(0, shown).map((id, i) => (i < shown - 1 ? `${id},` : id));
    if (shown < short.length) tokens.push(`+${short.length - shown}`);
    const lines: string[] = [];
    for (const token of tokens) {
      const last = lines[lines.length - 1];
      if (last !== undefined && Array.from(last).length + 1 + Array.from(token).length <= maxChars) lines[lines.length - 1] = `${last} ${token}`;
      else lines.push(token);
    }
    if (lines.length <= maxLines) return lines;
  }
  return [];
}

/**
 * Whether every threat sits in the same cell before and after controls: then the two heat maps are one
 * picture, and the report shows it once.
 */
export function heatMapsAlike(heatMap: RiskHeatMap): boolean {
  const key = (ids: string[]) => JSON.stringify([...ids].sort());
  return heatMap.cells.every((cell) => key(cell.inherent) === key(cell.residual));
}

const HEAT_MAP_CAPTION = {
  inherent: 'Inherent risk heat map (before controls)',
  residual: 'Residual risk heat map (after controls)',
  both: 'Risk heat map, the same before and after controls (inherent and residual)',
} as const;

/**
 * The 5x5 risk matrix (likelihood 5..1 top to bottom, impact 1..5 left to right), cells coloured by band,
 * each cell listing the threat ids in it for `which` (`both`: the inherent ones, for maps that are alike).
 */
export function riskHeatMapChart(heatMap: RiskHeatMap, which: 'inherent' | 'residual' | 'both'): string {
  const caption = HEAT_MAP_CAPTION[which];
  const side = which === 'both' ? 'inherent' : which;
  const cellAt = new Map<string, RiskHeatMap['cells'][number]>();
  for (const cell of heatMap.cells) {
    const key = `${cell.likelihood}x${cell.impact}`;
    if (!cellAt.has(key)) cellAt.set(key, cell);
  }
  const idChars = charsThatFit(CELL_W - 12, IDS_FONT);
  const parts: string[] = [];
  const described: string[] = [];
  for (let likelihood = 5; likelihood >= 1; likelihood--) {
    const y = CELL_Y + (5 - likelihood) * CELL_H;
    parts.push(text(CELL_X - 10, y + CELL_H / 2 + 4, String(likelihood), { 'text-anchor': 'end', fill: MUTED }));
    for (let impact = 1; impact <= 5; impact++) {
      const x = CELL_X + (impact - 1) * CELL_W;
      const cell = cellAt.get(`${likelihood}x${impact}`);
      const ids = cell?.[side] ?? [];
      const band: RiskBand | undefined = cell && Object.hasOwn(BAND_COLOURS, cell.band) ? cell.band : undefined;
      const fill = band ? BAND_COLOURS[band] : TRACK;
      const ink = band ? BAND_TEXT_COLOURS[band] : INK;
      const score = cell?.score ?? likelihood * impact;
      const inner = [
        el('rect', { x, y, width: CELL_W, height: CELL_H, fill, stroke: '#FFFFFF', 'stroke-width': 2 }),
        text(x + 6, y + 14, `${num(score)} ${band ?? 'no band'}`, { 'font-size': 10, fill: ink }),
        ...packIds(ids, idChars, IDS_LINES).map((line, i) => text(x + 6, y + 32 + i * 14, line, { 'font-size': IDS_FONT, 'font-weight': 600, fill: ink })),
      ];
      parts.push(el('g', { 'data-likelihood': likelihood, 'data-impact': impact }, inner.join('')));
      if (ids.length > 0) described.push(`likelihood ${likelihood}, impact ${impact} (score ${num(score)}, ${band ?? 'no band'}): ${ids.join(', ')}`);
    }
  }
  const gridBottom = CELL_Y + 5 * CELL_H;
  for (let impact = 1; impact <= 5; impact++) {
    parts.push(text(CELL_X + (impact - 0.5) * CELL_W, gridBottom + 16, String(impact), { 'text-anchor': 'middle', fill: MUTED }));
  }
  parts.push(text(CELL_X + 2.5 * CELL_W, gridBottom + 34, 'Impact', { 'text-anchor': 'middle', 'font-weight': 600 }));
  const midY = CELL_Y + 2.5 * CELL_H;
  parts.push(text(20, midY, 'Likelihood', { 'text-anchor': 'middle', 'font-weight': 600, transform: `rotate(-90 20 ${num(midY)})` }));
  const empty = 25 - described.length;
  const figures = described.length === 0 ? 'no threats' : `${described.join('; ')}; ${empty} of 25 cells empty`;
  return svg(gridBottom + 44, `${caption}, likelihood 5 to 1 by impact 1 to 5: ${figures}.`, parts.join(''));
}

// ---------------------------------------------------------------------------------------------------
// Findings by severity

const SEVERITY_ORDER: readonly Severity[] = [...SEVERITIES].reverse();
const SEVERITY_LABEL_W = 78;
const SEVERITY_BAR_W = 340;
const SEVERITY_ROW_H = 28;

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** Findings by severity (critical, high, medium, low) as bars with counts; `excepted` (accepted under a live exception) shown as a hatched, lighter part of each bar when given. */
export function severityChart(bySeverity: Record<Severity, number>, excepted?: Record<Severity, number>): string {
  const counts = SEVERITY_ORDER.map((severity) => {
    const total = whole(bySeverity[severity]);
    const accepted = Math.min(total, whole(excepted?.[severity]));
    return { severity, total, accepted };
  });
  const max = Math.max(0, ...counts.map((c) => c.total));
  const anyAccepted = counts.some((c) => c.accepted > 0);
  // Patterns need ids; derived from the figures, two charts in one page never clash unless they are identical.
  const idBase = `sev-${createHash('sha256').update(counts.map((c) => `${c.severity}:${c.total}:${c.accepted}`).join(',')).digest('hex').slice(0, 10)}`;
  const defs: string[] = [];
  const parts: string[] = [];
  const barX = PAD + SEVERITY_LABEL_W;
  counts.forEach(({ severity, total, accepted }, i) => {
    const y = PAD + i * SEVERITY_ROW_H;
    const colour = SEVERITY_COLOURS[severity];
    // A single finding among 100,000 still gets a visible sliver.
    const length = total === 0 ? 0 : Math.max(2, (total / max) * SEVERITY_BAR_W);
    const acceptedLength = accepted === 0 ? 0 : Math.min(length, Math.max(2, (accepted / max) * SEVERITY_BAR_W));
    parts.push(text(PAD, y + 14, capitalised(severity), { 'font-weight': 600 }));
    parts.push(el('rect', { x: barX, y, width: SEVERITY_BAR_W, height: 18, fill: TRACK }));
    if (length > acceptedLength) parts.push(el('rect', { x: barX, y, width: length - acceptedLength, height: 18, fill: colour }));
    if (acceptedLength > 0) {
      const id = `${idBase}-${severity}`;
      defs.push(el('pattern', { id, patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' },
        el('rect', { width: 6, height: 6, fill: colour, 'fill-opacity': 0.3 }) + el('rect', { width: 2, height: 6, fill: colour })));
      parts.push(el('rect', { x: barX + length - acceptedLength, y, width: acceptedLength, height: 18, fill: `url(#${id})`, stroke: colour, 'stroke-width': 1 }));
    }
    const label = accepted > 0 ? `${count(total)} (${count(accepted)} excepted)` : count(total);
    parts.push(text(barX + length + 6, y + 14, label));
  });
  let height = PAD + counts.length * SEVERITY_ROW_H;
  if (anyAccepted) {
    const swatch = `${idBase}-legend`;
    defs.push(el('pattern', { id: swatch, patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' },
      el('rect', { width: 6, height: 6, fill: MUTED, 'fill-opacity': 0.3 }) + el('rect', { width: 2, height: 6, fill: MUTED })));
    parts.push(el('rect', { x: barX, y: height, width: 18, height: 12, fill: `url(#${swatch})`, stroke: MUTED, 'stroke-width': 1 }));
    parts.push(text(barX + 24, height + 10, 'excepted: accepted under a live exception', { 'font-size': 11, fill: MUTED }));
    height += 22;
  }
  const described = counts.map(({ severity, total, accepted }) =>
    `${severity} ${count(total)}${accepted > 0 ? ` (${count(accepted)} accepted under a live exception)` : ''}`);
  const total = counts.reduce((sum, c) => sum + c.total, 0);
  const label = `Findings by severity: ${described.join(', ')}; ${count(total)} in total.`;
  return svg(height + 4, label, (defs.length > 0 ? el('defs', {}, defs.join('')) : '') + parts.join(''));
}

// ---------------------------------------------------------------------------------------------------
// Trend

const PLOT_X = 60;
const PLOT_RIGHT = WIDTH - 24;
const PLOT_H = 200;
const LEGEND_ROW_H = 18;

/** Axis top and tick step for counts: steps of 1, 2 or 5 x 10^k, at most five of them. */
function countAxis(max: number): { top: number; step: number } {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const base of [1, 2, 5]) {
      const step = base * magnitude;
      const steps = Math.ceil(max / step);
      if (steps <= 5) return { top: step * Math.max(1, steps), step };
    }
  }
}

function marker(shape: (typeof MARKERS)[number], x: number, y: number, colour: string): string {
  switch (shape) {
    case 'circle': return el('circle', { cx: x, cy: y, r: 3.5, fill: colour });
    case 'square': return el('rect', { x: x - 3.5, y: y - 3.5, width: 7, height: 7, fill: colour });
    case 'diamond': return el('path', { d: `M${num(x)} ${num(y - 4.5)}L${num(x + 4.5)} ${num(y)}L${num(x)} ${num(y + 4.5)}L${num(x - 4.5)} ${num(y)}Z`, fill: colour });
    case 'triangle': return el('path', { d: `M${num(x)} ${num(y - 4.5)}L${num(x + 4.5)} ${num(y + 3.5)}L${num(x - 4.5)} ${num(y + 3.5)}Z`, fill: colour });
  }
}

/** An ISO time shows as its date; any other date text as given. */
const dateLabel = (date: string): string => (/^\d{4}-\d{2}-\d{2}T/.test(date) ? dateOf(date) : date);

/** A line chart over dates (oldest first, 1..12 points): one line per series; unit `percent` (values 0-1, axis 0-100%) or `count` (axis from 0 to a rounded max). null values break the line. One point: draw a dot, no line. */
export function trendChart(points: Array<{ date: string; values: Record<string, number | null> }>, series: Array<{ key: string; label: string }>, unit: 'percent' | 'count'): string {
  if (points.length === 0 || series.length === 0) return emptyChart('Trend: no assessments to compare.', 'No earlier assessments to compare.');
  const valueOf = (point: (typeof points)[number], key: string): number | null => {
    const value = Object.hasOwn(point.values, key) ? point.values[key] : undefined;
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : null;
  };
  const show = (value: number | null): string => (value === null ? 'n/a' : unit === 'percent' ? percent(value) : count(value));
  const dates = points.map((p) => fit(dateLabel(p.date), 24));

  // Legend: one item per series, wrapped to the width, each naming the latest figure.
  const legend: string[] = [];
  let lx = PAD;
  let ly = PAD;
  series.forEach((s, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length] as string;
    const words = `${fit(s.label, 48)}, latest ${show(valueOf(points[points.length - 1]!, s.key))}`;
    const itemWidth = 30 + Array.from(words).length * 11 * GLYPH + 16;
    if (lx > PAD && lx + itemWidth > WIDTH - PAD) { lx = PAD; ly += LEGEND_ROW_H; }
    legend.push(el('line', { x1: lx, y1: ly + 6, x2: lx + 24, y2: ly + 6, stroke: colour, 'stroke-width': 2, 'stroke-dasharray': SERIES_DASHES[i % SERIES_DASHES.length] }));
    legend.push(marker(MARKERS[i % MARKERS.length]!, lx + 12, ly + 6, colour));
    legend.push(text(lx + 30, ly + 10, words, { 'font-size': 11 }));
    lx += itemWidth;
  });
  const plotTop = ly + LEGEND_ROW_H + 8;
  const plotBottom = plotTop + PLOT_H;

  const max = Math.max(0, ...points.flatMap((p) => series.map((s) => valueOf(p, s.key) ?? 0)));
  const axis = unit === 'percent' ? { top: 1, step: 0.25 } : countAxis(max);
  const yOf = (value: number): number => plotBottom - (Math.min(value, axis.top) / axis.top) * PLOT_H;
  const inner = 16;
  const xOf = (i: number): number => (points.length === 1 ? (PLOT_X + PLOT_RIGHT) / 2 : PLOT_X + inner + (i * (PLOT_RIGHT - PLOT_X - 2 * inner)) / (points.length - 1));

  const parts: string[] = [...legend];
  for (let tick = 0; tick <= axis.top + axis.step / 2; tick += axis.step) {
    const y = yOf(tick);
    parts.push(el('line', { x1: PLOT_X, y1: y, x2: PLOT_RIGHT, y2: y, stroke: GRID, 'stroke-width': tick === 0 ? 1 : 0.5 }));
    parts.push(text(PLOT_X - 6, y + 4, unit === 'percent' ? percent(tick) : count(tick), { 'text-anchor': 'end', 'font-size': 10, fill: MUTED }));
  }
  // Twelve dates side by side would overlap: from seven on they are slanted.
  const slanted = points.length > 6;
  dates.forEach((date, i) => {
    const x = xOf(i);
    const y = plotBottom + 16;
    parts.push(slanted
      ? text(x, y, date, { 'text-anchor': 'end', 'font-size': 10, fill: MUTED, transform: `rotate(-40 ${num(x)} ${num(y)})` })
      : text(x, y, date, { 'text-anchor': 'middle', 'font-size': 10, fill: MUTED }));
  });

  series.forEach((s, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length] as string;
    const shape = MARKERS[i % MARKERS.length]!;
    // Consecutive non-null points make a segment; a null ends it, so a gap in the data is a gap in the line.
    const segments: Array<Array<[number, number]>> = [[]];
    points.forEach((p, j) => {
      const value = valueOf(p, s.key);
      if (value === null) { if (segments[segments.length - 1]!.length > 0) segments.push([]); return; }
      segments[segments.length - 1]!.push([xOf(j), yOf(value)]);
    });
    const d = segments.filter((seg) => seg.length > 1)
      .map((seg) => seg.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${num(x)} ${num(y)}`).join('')).join('');
    const drawn: string[] = [];
    if (d !== '') drawn.push(el('path', { d, fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-dasharray': SERIES_DASHES[i % SERIES_DASHES.length], 'stroke-linejoin': 'round' }));
    points.forEach((p, j) => {
      const value = valueOf(p, s.key);
      // With one series there is room to print every figure, n/a included; with more, the legend gives the latest.
      if (value === null) {
        if (series.length === 1) drawn.push(text(xOf(j), plotBottom - 8, 'n/a', { 'text-anchor': 'middle', 'font-size': 10, fill: MUTED }));
        return;
      }
      drawn.push(marker(shape, xOf(j), yOf(value), colour));
      if (series.length === 1) drawn.push(text(xOf(j), yOf(value) - 8, show(value), { 'text-anchor': 'middle', 'font-size': 10 }));
    });
    parts.push(el('g', { 'data-series': s.key }, drawn.join('')));
  });

  const height = plotBottom + (slanted ? 70 : 28);
  const span = points.length === 1 ? `1 assessment (${dates[0]})` : `${points.length} assessments from ${dates[0]} to ${dates[dates.length - 1]}`;
  const described = series.map((s) => `${s.label.replace(/\s+/g, ' ').trim()} ${points.map((p) => show(valueOf(p, s.key))).join(', ')}`);
  return svg(height, `Trend over ${span}: ${described.join('; ')}.`, parts.join(''));
}
