/** The report's inline SVG charts: well-formed, static, escaped, stating their figures in words, deterministic. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Severity } from '../../src/catalog/model.js';
import type { Assessment, RiskBand, RiskHeatMap } from '../../src/engine/assessment.js';
import {
  BAND_COLOURS, BAND_TEXT_COLOURS, frameworkOutcomesChart, OUTCOME_COLOURS, OUTCOME_TEXT_COLOURS, riskHeatMapChart, SEVERITY_COLOURS, severityChart, trendChart,
} from '../../src/reporters/html/charts.js';
import { percent } from '../../src/reporters/labels.js';
import { escapeXml } from '../../src/lib/escape-xml.js';
import { sampleAssessment } from '../helpers/sample-assessment.js';

// ---------------------------------------------------------------------------------------------------
// A strict little XML reader, enough for what the charts emit: elements, attributes, text and the five
// named entities (plus numeric ones). It throws on anything else, so "parses" means "well-formed".

interface XmlElement { name: string; attrs: Record<string, string>; children: Array<XmlElement | string> }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME_CHAR = /^[A-Za-z0-9_:.-]$/;

function decode(raw: string, where: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '<') throw new Error(`raw < in ${where}`);
    if (c !== '&') { out += c; continue; }
    const end = raw.indexOf(';', i);
    const entity = end < 0 ? '' : raw.slice(i + 1, end);
    if (Object.hasOwn(ENTITIES, entity)) out += ENTITIES[entity];
    else if (/^#[0-9]+$/.test(entity)) out += String.fromCodePoint(Number(entity.slice(1)));
    else if (/^#x[0-9a-fA-F]+$/.test(entity)) out += String.fromCodePoint(parseInt(entity.slice(2), 16));
    else throw new Error(`bare & in ${where}: ${raw.slice(i, i + 12)}`);
    i = end;
  }
  return out;
}

function parseXml(xml: string): XmlElement {
  const doc: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack = [doc];
  let pos = 0;
  const readName = (): string => {
    let name = '';
    while (pos < xml.length && NAME_CHAR.test(xml[pos]!)) name += xml[pos++];
    return name;
  };
  while (pos < xml.length) {
    const parent = stack[stack.length - 1]!;
    if (xml[pos] !== '<') {
      const next = xml.indexOf('<', pos);
      const stop = next < 0 ? xml.length : next;
      const raw = xml.slice(pos, stop);
      if (stack.length === 1 && raw.trim() !== '') throw new Error('text outside the root element');
      parent.children.push(decode(raw, `<${parent.name}> text`));
      pos = stop;
      continue;
    }
    if (xml.startsWith('</', pos)) {
      pos += 2;
      const name = readName();
      if (xml[pos] !== '>') throw new Error(`malformed </${name}`);
      if (stack.length === 1 || parent.name !== name) throw new Error(`</${name}> closes <${parent.name}>`);
      stack.pop();
      pos++;
      continue;
    }
    if (xml[pos + 1] === '!' || xml[pos + 1] === '?') throw new Error('no comment, CDATA, doctype or declaration expected');
    pos++;
    const element: XmlElement = { name: readName(), attrs: {}, children: [] };
    if (element.name === '') throw new Error(`element without a name at ${pos}`);
    parent.children.push(element);
    for (;;) {
      const before = pos;
      while (/\s/.test(xml[pos] ?? '')) pos++;
      if (xml.startsWith('/>', pos)) { pos += 2; break; }
      if (xml[pos] === '>') { pos++; stack.push(element); break; }
      if (pos === before) throw new Error(`no space before an attribute of <${element.name}> at ${pos}`);
      const attr = readName();
      const quote = xml[pos + 1];
      if (attr === '' || xml[pos] !== '=' || (quote !== '"' && quote !== "'")) throw new Error(`malformed attribute of <${element.name}> at ${pos}`);
      const end = xml.indexOf(quote, pos + 2);
      if (end < 0) throw new Error(`unterminated attribute ${attr}`);
      if (Object.hasOwn(element.attrs, attr)) throw new Error(`duplicate attribute ${attr} on <${element.name}>`);
      element.attrs[attr] = decode(xml.slice(pos + 2, end), `${element.name} ${attr}`);
      pos = end + 1;
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  const roots = doc.children.filter((c): c is XmlElement => typeof c !== 'string');
  if (roots.length !== 1) throw new Error(`${roots.length} root elements`);
  return roots[0]!;
}

const elements = (root: XmlElement): XmlElement[] =>
  [root, ...root.children.flatMap((c) => (typeof c === 'string' ? [] : elements(c)))];
const textOf = (e: XmlElement): string => e.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
const named = (root: XmlElement, name: string): XmlElement[] => elements(root).filter((e) => e.name === name);
/** The texts drawn (not the <title>), in document order. */
const drawnTexts = (root: XmlElement): string[] => named(root, 'text').map(textOf);
const titleOf = (root: XmlElement): string => textOf(named(root, 'title')[0]!);

/** Parses one chart and checks what every chart must be; returns the tree for the chart's own assertions. */
function checked(svg: string): XmlElement {
  const root = parseXml(svg);
  assert.equal(root.name, 'svg');
  assert.equal(root.attrs.xmlns, 'http://www.w3.org/2000/svg');
  assert.match(root.attrs.viewBox ?? '', /^0 0 640 \d+(\.\d)?$/);
  assert.equal(root.attrs.width, '100%');
  assert.equal(root.attrs.role, 'img');
  assert.equal(root.attrs['font-family'], "Inter, 'DejaVu Sans', sans-serif");
  const first = root.children[0];
  assert.ok(typeof first !== 'string' && first?.name === 'title', 'the <title> comes first');
  assert.equal(root.attrs['aria-label'], textOf(first));
  assert.doesNotMatch(svg, /<script|@import|javascript:/i);
  const ids = new Set(elements(root).map((e) => e.attrs.id).filter((id) => id !== undefined));
  for (const e of elements(root)) {
    assert.ok(!['script', 'foreignObject', 'style', 'image', 'iframe', 'a'].includes(e.name), `no <${e.name}>`);
    for (const [name, value] of Object.entries(e.attrs)) {
      assert.doesNotMatch(name, /^on/i, `no event attribute (${name} on <${e.name}>)`);
      if (/href$/i.test(name)) assert.ok(value.startsWith('#'), `${name}="${value}" points inside the chart`);
      for (const ref of value.matchAll(/url\(([^)]*)\)/g)) {
        assert.ok(ref[1]!.startsWith('#') && ids.has(ref[1]!.slice(1)), `url(${ref[1]}) is an id of this chart`);
      }
      // Coordinates are rounded to 0.1: no long decimals anywhere (path data, transforms, viewBox).
      if (name !== 'aria-label') assert.doesNotMatch(value, /\d\.\d{2}/, `${name}="${value}" is rounded`);
    }
  }
  return root;
}

// ---------------------------------------------------------------------------------------------------

const HOSTILE = `<script>alert(1)</script>"onload="x & R&D's`;

describe('escapeXml', () => {
  const cases: Array<[string, string]> = [
    ['plain', 'plain'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"onload="x', '&quot;onload=&quot;x'],
    ["R&D's", 'R&amp;D&apos;s'],
    ['&amp;', '&amp;amp;'],
    ['nul\u0000 and \uD800 lone surrogate', 'nul\uFFFD and \uFFFD lone surrogate'],
    ['tab\tand 😀 stay', 'tab\tand 😀 stay'],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => assert.equal(escapeXml(input), expected));
});

describe('palette', () => {
  const luminance = (hex: string): number => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (a: string, b: string): number => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };
  for (const band of ['low', 'medium', 'high', 'critical'] as const) {
    it(`text on ${band} meets WCAG AA (4.5:1)`, () => assert.ok(contrast(BAND_COLOURS[band], BAND_TEXT_COLOURS[band]) >= 4.5));
  }
  it('severities use the bands\' colours', () => assert.deepEqual({ ...SEVERITY_COLOURS }, { ...BAND_COLOURS }));
  it('the four bands are four colours', () => assert.equal(new Set(Object.values(BAND_COLOURS)).size, 4));
  for (const outcome of Object.keys(OUTCOME_COLOURS) as Array<keyof typeof OUTCOME_COLOURS>) {
    it(`a count on ${outcome} meets WCAG AA (4.5:1)`, () => assert.ok(contrast(OUTCOME_COLOURS[outcome], OUTCOME_TEXT_COLOURS[outcome]) >= 4.5));
  }
  it('the six in-scope outcomes are six colours', () => assert.equal(new Set(Object.values(OUTCOME_COLOURS)).size, 6));
});

// ---------------------------------------------------------------------------------------------------

type OutcomeRow = Parameters<typeof frameworkOutcomesChart>[0][number];
const row = (name: string, counts: OutcomeRow['counts'], testingCoverage: number | null, effectiveness: number | null, applies = true): OutcomeRow =>
  ({ id: name.toLowerCase(), name, counts, testingCoverage, effectiveness, applies });
/** The segments drawn: outcome and width, left to right. */
const segmentsOf = (root: XmlElement): string[] => named(root, 'rect').filter((r) => r.attrs['data-outcome']).map((r) => `${r.attrs['data-outcome']} ${r.attrs.width}`);
const LEGEND = ['met', 'effective', 'partly effective', 'deficient', 'untested', 'not addressed'];

describe('frameworkOutcomesChart', () => {
  const cases: Array<{ name: string; rows: OutcomeRow[]; title: string; texts: string[]; segments: string[]; height: number }> = [
    {
      name: 'in-scope requirements as one stacked bar to scale (616 wide), counts on the segments, figures beside the name',
      rows: [row('GDPR', { met: 1, effective: 2, partly_effective: 1, deficient: 2, untested: 3, not_addressed: 1, not_applicable: 4 }, 0.6, 0.5)],
      title: 'Requirement outcomes per framework: GDPR: 10 in scope, testing coverage 60% · effectiveness 50%; 1 met, 2 effective, 1 partly effective, '
        + '2 deficient, 3 untested, 1 not addressed; 4 not applicable.',
      texts: ['GDPR', 'testing coverage 60% · effectiveness 50%', '1', '2', '1', '2', '3', '1', ...LEGEND],
      segments: ['met 61.6', 'effective 123.2', 'partly_effective 61.6', 'deficient 123.2', 'untested 184.8', 'not_addressed 61.6'],
      height: 84,
    },
    {
      name: 'no segment for an outcome with no requirement; a segment too narrow for its count draws none',
      rows: [row('PCI DSS', { deficient: 1, untested: 199 }, 1 / 200, 0)],
      title: 'Requirement outcomes per framework: PCI DSS: 200 in scope, testing coverage 1% · effectiveness 0%; 0 met, 0 effective, '
        + '0 partly effective, 1 deficient, 199 untested, 0 not addressed.',
      texts: ['PCI DSS', 'testing coverage 1% · effectiveness 0%', '199', ...LEGEND],
      segments: ['deficient 3.1', 'untested 612.9'],
      height: 84,
    },
    {
      name: 'null figures print n/a',
      rows: [row('HIPAA', { untested: 4 }, 0, null)],
      title: 'Requirement outcomes per framework: HIPAA: 4 in scope, testing coverage 0% · effectiveness n/a; 0 met, 0 effective, '
        + '0 partly effective, 0 deficient, 4 untested, 0 not addressed.',
      texts: ['HIPAA', 'testing coverage 0% · effectiveness n/a', '4', ...LEGEND],
      segments: ['untested 616'],
      height: 84,
    },
    {
      name: 'a framework that does not apply is greyed and says so, whatever its counts; one with nothing in scope says that',
      rows: [row('EU AI Act', { not_applicable: 35, met: 3 }, 1, 1, false), row('NIS2', { not_applicable: 2 }, null, null)],
      title: 'Requirement outcomes per framework: EU AI Act not applicable; NIS2 no requirement in scope.',
      texts: ['EU AI Act', 'not applicable', 'NIS2', 'no requirement in scope', ...LEGEND],
      segments: [],
      height: 130,
    },
    {
      name: 'no frameworks',
      rows: [],
      title: 'Requirement outcomes per framework: no frameworks.',
      texts: ['No frameworks in scope.'],
      segments: [],
      height: 40,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const root = checked(frameworkOutcomesChart(c.rows));
      assert.equal(titleOf(root), c.title);
      assert.deepEqual(drawnTexts(root), c.texts);
      assert.deepEqual(segmentsOf(root), c.segments);
      assert.equal(root.attrs.viewBox, `0 0 640 ${c.height}`);
    });
  }

  it('a long name is cut on the chart, before the figures, and whole in the title', () => {
    const name = `HIPAA Security Rule and Breach Notification Rule (45 CFR Part 164, Subparts C and D) ${'x'.repeat(40)}`;
    const root = checked(frameworkOutcomesChart([row(name, { effective: 1 }, 1, 1)]));
    assert.equal(drawnTexts(root)[0], `${name.slice(0, 41)}…`);
    assert.ok(titleOf(root).startsWith(`Requirement outcomes per framework: ${name}: 1 in scope, `));
  });

  for (const count of [1, 20]) {
    it(`${count} framework(s): one bar each, the height grows with them`, () => {
      const rows = Array.from({ length: count }, (_, i) => row(`Framework ${i + 1}`, { met: i, untested: 20 - i }, 1 - i / 20, i / 20));
      const root = checked(frameworkOutcomesChart(rows));
      assert.equal(root.attrs.viewBox, `0 0 640 ${12 + count * 46 + 4 + 18 + 4}`);
      assert.deepEqual(drawnTexts(root).filter((t) => t.startsWith('Framework ')), rows.map((r) => r.name));
    });
  }
});

// ---------------------------------------------------------------------------------------------------

const BANDS: Record<number, RiskBand> = {};
for (let score = 1; score <= 25; score++) BANDS[score] = score >= 20 ? 'critical' : score >= 10 ? 'high' : score >= 5 ? 'medium' : 'low';

/** A full heat map, cells in reverse order (the chart must place them by likelihood and impact, not by position). */
function heatMap(ids: (likelihood: number, impact: number, which: 'inherent' | 'residual') => string[]): RiskHeatMap {
  const cells: RiskHeatMap['cells'] = [];
  for (let likelihood = 1; likelihood <= 5; likelihood++) {
    for (let impact = 5; impact >= 1; impact--) {
      const score = likelihood * impact;
      cells.push({ likelihood, impact, score, band: BANDS[score]!, inherent: ids(likelihood, impact, 'inherent'), residual: ids(likelihood, impact, 'residual') });
    }
  }
  return { cells };
}

describe('riskHeatMapChart', () => {
  // Every cell holds its own ids: I53 = inherent at likelihood 5, impact 3.
  const everyCell = heatMap((l, i, which) => [`${which === 'inherent' ? 'I' : 'R'}${l}${i}`]);

  for (const which of ['inherent', 'residual'] as const) {
    it(`25 cells, likelihood 5..1 down, impact 1..5 across, each with its own ${which} ids and band`, () => {
      const root = checked(riskHeatMapChart(everyCell, which));
      const cells = named(root, 'g').filter((g) => g.attrs['data-likelihood'] !== undefined);
      const expectedOrder = [5, 4, 3, 2, 1].flatMap((l) => [1, 2, 3, 4, 5].map((i) => `${l}x${i}`));
      assert.deepEqual(cells.map((g) => `${g.attrs['data-likelihood']}x${g.attrs['data-impact']}`), expectedOrder);
      for (const g of cells) {
        const l = Number(g.attrs['data-likelihood']);
        const i = Number(g.attrs['data-impact']);
        const rect = named(g, 'rect')[0]!;
        assert.deepEqual([rect.attrs.x, rect.attrs.y], [String(64 + (i - 1) * 112), String(8 + (5 - l) * 76)], `cell ${l}x${i} position`);
        assert.equal(rect.attrs.fill, BAND_COLOURS[BANDS[l * i]!]);
        assert.deepEqual(drawnTexts(g), [`${l * i} ${BANDS[l * i]}`, `${which === 'inherent' ? 'I' : 'R'}${l}${i}`]);
      }
    });
  }

  it('a cell with 12 threats shows what fits and counts the rest; the title lists all 12', () => {
    const twelve = Array.from({ length: 12 }, (_, n) => `T${String(n + 1).padStart(2, '0')}`);
    const map = heatMap((l, i) => (l === 4 && i === 5 ? twelve : []));
    const root = checked(riskHeatMapChart(map, 'residual'));
    const cell = named(root, 'g').find((g) => g.attrs['data-likelihood'] === '4' && g.attrs['data-impact'] === '5')!;
    assert.deepEqual(drawnTexts(cell), ['20 critical', 'T01, T02, T03,', 'T04, T05, T06,', 'T07, T08 +4']);
    assert.equal(titleOf(root),
      'Residual risk heat map (after controls), likelihood 5 to 1 by impact 1 to 5: likelihood 4, impact 5 (score 20, critical): '
      + 'T01, T02, T03, T04, T05, T06, T07, T08, T09, T10, T11, T12; 24 of 25 cells empty.');
  });

  it('the title names each occupied cell in drawing order', () => {
    const map = heatMap((l, i, which) => (which === 'inherent' && l * i >= 20 ? [`T${l}${i}`] : []));
    const root = checked(riskHeatMapChart(map, 'inherent'));
    assert.equal(titleOf(root),
      'Inherent risk heat map (before controls), likelihood 5 to 1 by impact 1 to 5: likelihood 5, impact 4 (score 20, critical): T54; '
      + 'likelihood 5, impact 5 (score 25, critical): T55; likelihood 4, impact 5 (score 20, critical): T45; 22 of 25 cells empty.');
  });

  it('no threats, and no cells at all (an older file): 25 empty cells, and the title says so', () => {
    for (const map of [heatMap(() => []), { cells: [] }]) {
      const root = checked(riskHeatMapChart(map, 'residual'));
      assert.equal(named(root, 'g').filter((g) => g.attrs['data-likelihood'] !== undefined).length, 25);
      assert.equal(titleOf(root), 'Residual risk heat map (after controls), likelihood 5 to 1 by impact 1 to 5: no threats.');
    }
    const bare = checked(riskHeatMapChart({ cells: [] }, 'residual'));
    assert.deepEqual(drawnTexts(named(bare, 'g')[0]!), ['5 no band']);
  });
});

// ---------------------------------------------------------------------------------------------------

const sev = (critical: number, high: number, medium: number, low: number): Record<Severity, number> => ({ critical, high, medium, low });

describe('severityChart', () => {
  const cases: Array<{ name: string; counts: Record<Severity, number>; excepted?: Record<Severity, number>; title: string; texts: string[]; bars: Record<string, string[]> }> = [
    {
      name: 'zero counts: empty bars labelled 0',
      counts: sev(0, 0, 0, 0),
      title: 'Findings by severity: critical 0, high 0, medium 0, low 0; 0 in total.',
      texts: ['Critical', '0', 'High', '0', 'Medium', '0', 'Low', '0'],
      bars: { critical: [], high: [], medium: [], low: [] },
    },
    {
      name: 'bars scaled to the largest count (340 wide)',
      counts: sev(16, 18, 24, 3),
      title: 'Findings by severity: critical 16, high 18, medium 24, low 3; 61 in total.',
      texts: ['Critical', '16', 'High', '18', 'Medium', '24', 'Low', '3'],
      bars: { critical: ['226.7'], high: ['255'], medium: ['340'], low: ['42.5'] },
    },
    {
      name: 'excepted findings: a hatched part at the end of the bar, counted in the label and the legend',
      counts: sev(16, 18, 24, 3), excepted: sev(1, 0, 6, 0),
      title: 'Findings by severity: critical 16 (1 accepted under a live exception), high 18, medium 24 (6 accepted under a live exception), low 3; 61 in total.',
      texts: ['Critical', '16 (1 excepted)', 'High', '18', 'Medium', '24 (6 excepted)', 'Low', '3', 'excepted: accepted under a live exception'],
      bars: { critical: ['212.5', '14.2'], high: ['255'], medium: ['255', '85'], low: ['42.5'] },
    },
    {
      name: 'more excepted than found is capped at the count',
      counts: sev(2, 0, 0, 0), excepted: sev(5, 3, 0, 0),
      title: 'Findings by severity: critical 2 (2 accepted under a live exception), high 0, medium 0, low 0; 2 in total.',
      texts: ['Critical', '2 (2 excepted)', 'High', '0', 'Medium', '0', 'Low', '0', 'excepted: accepted under a live exception'],
      bars: { critical: ['340'], high: [], medium: [], low: [] },
    },
    {
      name: 'counts up to 100,000, and a single finding still shows',
      counts: sev(100000, 1, 0, 0),
      title: 'Findings by severity: critical 100,000, high 1, medium 0, low 0; 100,001 in total.',
      texts: ['Critical', '100,000', 'High', '1', 'Medium', '0', 'Low', '0'],
      bars: { critical: ['340'], high: ['2'], medium: [], low: [] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const root = checked(severityChart(c.counts, c.excepted));
      assert.equal(titleOf(root), c.title);
      assert.deepEqual(drawnTexts(root), c.texts);
      const patterns = new Map(named(root, 'pattern').map((p) => [p.attrs.id!, named(p, 'rect')[0]!.attrs.fill!]));
      for (const severity of ['critical', 'high', 'medium', 'low'] as const) {
        // Bars are the rects in the severity's colour, solid or hatched with it (patterns excluded).
        const bars = named(root, 'rect').filter((r) => r.attrs.y !== undefined && (r.attrs.fill === SEVERITY_COLOURS[severity]
          || patterns.get(/^url\(#(.*)\)$/.exec(r.attrs.fill ?? '')?.[1] ?? '') === SEVERITY_COLOURS[severity]));
        assert.deepEqual(bars.map((b) => b.attrs.width), c.bars[severity], severity);
      }
    });
  }

  it('two different charts on one page do not share pattern ids', () => {
    const ids = (svg: string) => named(parseXml(svg), 'pattern').map((p) => p.attrs.id);
    const a = ids(severityChart(sev(3, 0, 0, 0), sev(1, 0, 0, 0)));
    const b = ids(severityChart(sev(4, 0, 0, 0), sev(1, 0, 0, 0)));
    assert.equal(a.length, 2);
    assert.deepEqual(a.filter((id) => b.includes(id)), []);
  });
});

// ---------------------------------------------------------------------------------------------------

type TrendPoint = Parameters<typeof trendChart>[0][number];
const QUARTERS = ['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31', '2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'];
const points = (key: string, values: Array<number | null>): TrendPoint[] =>
  values.map((value, i) => ({ date: `${QUARTERS[i]}T09:00:00.000Z`, values: { [key]: value } }));
const pathsOf = (root: XmlElement): string[] => named(root, 'g').filter((g) => g.attrs['data-series'] !== undefined).flatMap((g) => named(g, 'path').map((p) => p.attrs.d!));
const markersOf = (root: XmlElement): number => named(root, 'g').filter((g) => g.attrs['data-series'] !== undefined)
  .reduce((n, g) => n + g.children.filter((c) => typeof c !== 'string' && c.name !== 'text' && c.name !== 'path').length
    + named(g, 'path').filter((p) => p.attrs.fill !== 'none').length, 0);

describe('trendChart', () => {
  const gdpr = [{ key: 'gdpr', label: 'GDPR effectiveness' }];
  const findings = [{ key: 'findings', label: 'Findings' }];
  const cases: Array<{ name: string; points: TrendPoint[]; series: typeof gdpr; unit: 'percent' | 'count'; title: string; paths: string[]; markers: number; axis: string[] }> = [
    {
      name: 'one point: a dot, no line',
      points: points('findings', [61]), series: findings, unit: 'count',
      title: 'Trend over 1 assessment (2024-03-31): Findings 61.',
      paths: [], markers: 1, axis: ['0', '20', '40', '60', '80'],
    },
    {
      name: 'a null breaks the line into two',
      points: points('gdpr', [0.1, 0.2, null, 0.4, 0.5]), series: gdpr, unit: 'percent',
      title: 'Trend over 5 assessments from 2024-03-31 to 2025-03-31: GDPR effectiveness 10%, 20%, n/a, 40%, 50%.',
      paths: ['M76 218L207 198M469 158L600 138'], markers: 4, axis: ['0%', '25%', '50%', '75%', '100%'],
    },
    {
      name: 'points alone between nulls are dots, with no line',
      points: points('gdpr', [0.1, null, 0.3]), series: gdpr, unit: 'percent',
      title: 'Trend over 3 assessments from 2024-03-31 to 2024-09-30: GDPR effectiveness 10%, n/a, 30%.',
      paths: [], markers: 2, axis: ['0%', '25%', '50%', '75%', '100%'],
    },
    {
      name: 'twelve points: one unbroken line',
      points: points('findings', [12, 100000, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377]), series: findings, unit: 'count',
      title: 'Trend over 12 assessments from 2024-03-31 to 2026-12-31: Findings 12, 100,000, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377.',
      paths: ['M76 238L123.6 38L171.3 238L218.9 238L266.5 238L314.2 238L361.8 237.9L409.5 237.9L457.1 237.8L504.7 237.7L552.4 237.5L600 237.2'],
      markers: 12, axis: ['0', '20,000', '40,000', '60,000', '80,000', '100,000'],
    },
    {
      name: 'all zero: an axis of 0 to 1, not a division by zero',
      points: points('findings', [0, 0]), series: findings, unit: 'count',
      title: 'Trend over 2 assessments from 2024-03-31 to 2024-06-30: Findings 0, 0.',
      paths: ['M76 238L600 238'], markers: 2, axis: ['0', '1'],
    },
    {
      name: 'small counts keep whole ticks',
      points: points('findings', [3, 1]), series: findings, unit: 'count',
      title: 'Trend over 2 assessments from 2024-03-31 to 2024-06-30: Findings 3, 1.',
      paths: ['M76 38L600 171.3'], markers: 2, axis: ['0', '1', '2', '3'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const root = checked(trendChart(c.points, c.series, c.unit));
      assert.equal(titleOf(root), c.title);
      assert.deepEqual(pathsOf(root), c.paths);
      assert.equal(markersOf(root), c.markers);
      const axis = named(root, 'text').filter((t) => t.attrs['text-anchor'] === 'end' && t.attrs.transform === undefined).map(textOf);
      assert.deepEqual(axis, c.axis);
    });
  }

  it('one series prints every figure, n/a where there is none; the legend names the latest', () => {
    const root = checked(trendChart(points('gdpr', [0.1, null, 0.3]), gdpr, 'percent'));
    const figures = drawnTexts(named(root, 'g').find((g) => g.attrs['data-series'] === 'gdpr')!);
    assert.deepEqual(figures, ['10%', 'n/a', '30%']);
    assert.equal(drawnTexts(root)[0], 'GDPR effectiveness, latest 30%');
  });

  it('several series: one line each, told apart by colour, dash and marker; a missing key is n/a', () => {
    const pts: TrendPoint[] = [
      { date: '2026-03-31', values: { gdpr: 0.2, hipaa: 0.5 } },
      { date: '2026-06-30', values: { gdpr: 0.4 } },
    ];
    const series = [{ key: 'gdpr', label: 'GDPR effectiveness' }, { key: 'hipaa', label: 'HIPAA effectiveness' }];
    const root = checked(trendChart(pts, series, 'percent'));
    assert.equal(titleOf(root), 'Trend over 2 assessments from 2026-03-31 to 2026-06-30: GDPR effectiveness 20%, 40%; HIPAA effectiveness 50%, n/a.');
    assert.deepEqual(drawnTexts(root).slice(0, 2), ['GDPR effectiveness, latest 40%', 'HIPAA effectiveness, latest n/a']);
    const groups = named(root, 'g').filter((g) => g.attrs['data-series'] !== undefined);
    assert.deepEqual(groups.map((g) => named(g, 'path').filter((p) => p.attrs.fill === 'none').length), [1, 0]);
    const legendLines = named(root, 'line').filter((l) => l.attrs['stroke-width'] === '2');
    assert.deepEqual(legendLines.map((l) => [l.attrs.stroke, l.attrs['stroke-dasharray']]), [['#0072B2', undefined], ['#D55E00', '6 3']]);
  });

  it('dates: an ISO time shows as its date, other text as given; from seven points on they are slanted', () => {
    const few = checked(trendChart([{ date: '2026-09-30T09:00:00.000Z', values: {} }, { date: 'Q4 2026', values: {} }], findings, 'count'));
    assert.deepEqual(named(few, 'text').filter((t) => t.attrs['text-anchor'] === 'middle').map(textOf), ['2026-09-30', 'Q4 2026', 'n/a', 'n/a']);
    const many = checked(trendChart(points('findings', Array(12).fill(1)), findings, 'count'));
    assert.deepEqual(named(many, 'text').filter((t) => t.attrs.transform?.startsWith('rotate(-40 ')).map(textOf), QUARTERS);
  });

  it('nothing to draw: says so', () => {
    for (const svg of [trendChart([], findings, 'count'), trendChart(points('findings', [1]), [], 'count')]) {
      const root = checked(svg);
      assert.equal(titleOf(root), 'Trend: no assessments to compare.');
      assert.deepEqual(drawnTexts(root), ['No earlier assessments to compare.']);
    }
  });
});

// ---------------------------------------------------------------------------------------------------

describe('untrusted text is escaped in every chart', () => {
  const charts: Array<[string, () => string]> = [
    ['frameworkOutcomesChart', () => frameworkOutcomesChart([row(HOSTILE, { effective: 1 }, null, 0.5)])],
    ['frameworkOutcomesChart (empty name falls back to the id)', () => frameworkOutcomesChart([{ ...row(' ', {}, null, 0.5, false), id: HOSTILE }])],
    ['riskHeatMapChart', () => riskHeatMapChart(heatMap((l, i) => (l === 1 && i === 1 ? [HOSTILE] : [])), 'inherent')],
    ['trendChart', () => trendChart([{ date: HOSTILE, values: { [HOSTILE]: 0.5 } }], [{ key: HOSTILE, label: HOSTILE }], 'percent')],
  ];
  for (const [name, draw] of charts) {
    it(name, () => {
      const svg = draw();
      const root = checked(svg);
      assert.ok(root.attrs['aria-label']!.includes(HOSTILE), 'the label carries the text, decoded back exactly');
      assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;onload=&quot;x &amp; R&amp;D&apos;s'));
      assert.ok(!svg.includes(HOSTILE), 'never raw');
      for (const e of elements(root)) assert.deepEqual(Object.keys(e.attrs).filter((a) => /^on/i.test(a)), []);
    });
  }

  it('a heat-map id too long for the cell is cut, then escaped (no half entity)', () => {
    const root = checked(riskHeatMapChart(heatMap((l, i) => (l === 1 && i === 1 ? [`&&&&&&&&&&&&&&&&&&&&`] : [])), 'inherent'));
    const cell = named(root, 'g').find((g) => g.attrs['data-likelihood'] === '1' && g.attrs['data-impact'] === '1')!;
    assert.deepEqual(drawnTexts(cell), ['1 low', '&&&&&&&&&&&&…']);
  });
});

describe('determinism', () => {
  // Each call builds its input afresh: the output depends on the data alone, awkward fractions included.
  const draws: Array<[string, () => string]> = [
    ['frameworkOutcomesChart', () => frameworkOutcomesChart([row('GDPR', { met: 1, untested: 2 }, 1 / 3, 2 / 3), row('HIPAA', { partly_effective: 7, deficient: 3 }, null, 0.123456), row('EU AI Act', {}, 0, 0, false)])],
    ['riskHeatMapChart', () => riskHeatMapChart(heatMap((l, i) => ((l + i) % 3 === 0 ? ['T01', 'T02'] : [])), 'inherent')],
    ['severityChart', () => severityChart(sev(7, 3, 1, 0), sev(2, 0, 1, 0))],
    ['trendChart', () => trendChart(points('gdpr', [1 / 3, null, 2 / 3, 0.5]), [{ key: 'gdpr', label: 'GDPR effectiveness' }], 'percent')],
  ];
  for (const [name, draw] of draws) {
    it(`${name}: same input, same bytes`, () => {
      const first = draw();
      checked(first);
      assert.equal(draw(), first);
    });
  }
});

describe('the sample estate', () => {
  const draw = (a: Assessment) => ({
    outcomes: frameworkOutcomesChart(a.frameworks.map((f) => ({ id: f.id, name: f.name, applies: f.applicability.applies, ...f.summary }))),
    inherent: riskHeatMapChart(a.riskHeatMap, 'inherent'),
    residual: riskHeatMapChart(a.riskHeatMap, 'residual'),
    severity: severityChart(a.summary.findings.bySeverity, sev(1, 0, 0, 0)),
    trend: trendChart(
      [{ date: '2026-06-30T09:00:00.000Z', values: {} }, { date: a.generatedAt, values: Object.fromEntries(a.frameworks.map((f) => [f.id, f.summary.testingCoverage])) }],
      a.frameworks.map((f) => ({ key: f.id, label: `${f.name} testing coverage` })), 'percent'),
  });

  it('every chart of the real assessment is well-formed, states its figures, and draws the same bytes twice', () => {
    const a = sampleAssessment();
    const charts = draw(a);
    for (const svg of Object.values(charts)) checked(svg);
    assert.deepEqual(draw(sampleAssessment()), charts);
    const outcomes = titleOf(parseXml(charts.outcomes));
    for (const f of a.frameworks) {
      const figures = f.applicability.applies
        ? `: ${f.applicability.inScope} in scope, testing coverage ${percent(f.summary.testingCoverage)} · effectiveness ${percent(f.summary.effectiveness)}; ${f.summary.counts.met} met, `
        : ' not applicable';
      assert.ok(outcomes.includes(`${f.name}${figures}`), f.id);
    }
    const inherent = titleOf(parseXml(charts.inherent));
    const residual = titleOf(parseXml(charts.residual));
    for (const r of a.risks) {
      assert.ok(inherent.includes(`likelihood ${r.likelihood}, impact ${r.impact} (score ${r.inherent}, ${r.band.inherent}): `), r.threatId);
      assert.ok(residual.includes(`likelihood ${r.residualLikelihood}, impact ${r.impact} (score ${r.residual}, ${r.band.residual}): `), r.threatId);
      assert.ok(residual.includes(r.threatId), r.threatId);
    }
    const { critical, high, medium, low } = a.summary.findings.bySeverity;
    assert.equal(titleOf(parseXml(charts.severity)),
      `Findings by severity: critical ${critical} (1 accepted under a live exception), high ${high}, medium ${medium}, low ${low}; ${a.summary.findings.total} in total.`);
  });
});
