/**
 * The report's layout, measured: the demo estate's HTML in Chromium at a phone's width and as print,
 * and its PDF read back with pdf.js (text positions, bookmarks, each page rendered to pixels). Each test
 * is one defect a reader of the demo report met (docs/reference report review §1.2, §4.5): a header cut
 * at the margin, a requirement row without its id on its second page, half-blank pages, paths and check
 * ids broken mid-token, titles repeating their version, a bookmark without its space, the same heat map
 * twice, a page that scrolls sideways on a phone. One HTML and one printed PDF serve every browser test.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { parse } from 'yaml';
import type { Assessment } from '../../src/engine/assessment.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { heatMapsAlike } from '../../src/reporters/html/charts.js';
import { renderHtml } from '../../src/reporters/html/render-html.js';
import { buildView, pathPieces } from '../../src/reporters/html/view-model.js';
import { frameworkTitle } from '../../src/reporters/labels.js';
import { findBrowser } from '../../src/reporters/pdf/browser.js';
import { printPdf } from '../../src/reporters/pdf/print-pdf.js';
import { runCli } from '../helpers/cli.js';
import {
  A4_BODY_PX, badgeOverlaps, brokenIds, documentScrollWidth, headings, openBrowser, overflowingCells, show, tableHeaderTexts, unbreakableHeights,
} from '../helpers/html-layout.js';
import { readLayout, type PdfLayout, type TextBox } from '../helpers/pdf-layout.js';
import { tempDir } from '../helpers/temp-catalog.js';

/** The demo estate's assessment (as `npm run demo` makes it, with last quarter's changes) and its HTML, made once. */
let demoCache: { assessment: Assessment; html: string } | undefined;
function demo(): { assessment: Assessment; html: string } {
  if (!demoCache) {
    const out = path.join(tempDir('layout-demo-'), 'out');
    const run = runCli(['assess', '--config', 'examples/mcp-comply.yaml', '--previous', 'examples/previous/2026-Q3/assessment.json', '--out', out]);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
    demoCache = { assessment, html: renderHtml(assessment, { paper: 'A4', profile: 'full' }) };
  }
  return demoCache;
}

describe('frameworkTitle', () => {
  const mapping = (file: string) => (parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'mappings', file), 'utf8')) as { framework: { name: string; version: string } }).framework;
  const shipped: Array<[string, string]> = [
    ['eu-ai-act.yaml', 'EU Artificial Intelligence Act 2024/1689'],
    ['gdpr.yaml', 'General Data Protection Regulation 2016/679'],
    ['hipaa.yaml', 'HIPAA Security Rule and Breach Notification Rule (45 CFR Part 164, Subparts C and D), as amended by the 2013 Omnibus Rule'],
    ['iso-42001.yaml', 'ISO/IEC 42001:2023 Information technology - Artificial intelligence - Management system'],
    ['nist-ai-rmf.yaml', 'Artificial Intelligence Risk Management Framework (AI RMF 1.0), NIST AI 100-1'],
    ['pci-dss.yaml', 'Payment Card Industry Data Security Standard 4.0.1'],
  ];
  it('covers every shipped mapping', () => {
    assert.deepEqual(fs.readdirSync(path.join(PACKAGE_ROOT, 'mappings')).filter((f) => f.endsWith('.yaml')).sort(), shipped.map(([file]) => file));
  });
  for (const [file, title] of shipped) {
    it(`${file}: ${title}`, () => {
      const { name, version } = mapping(file);
      assert.equal(frameworkTitle(name, version), title);
    });
  }
  const cases: Array<[string, string, string, string]> = [
    ['a version the name does not hold is appended', 'SOC 2', '2017', 'SOC 2 2017'],
    ['no version', 'Internal policy', '  ', 'Internal policy'],
    ['a version inside a longer number is no repetition', 'Standard 11.0', '1.0', 'Standard 11.0 1.0'],
    ['nor one followed by a further point release', 'Standard 1.0.2', '1.0', 'Standard 1.0.2 1.0'],
    ['a shared word without a digit is no repetition', 'Framework Revision', 'Revision 4', 'Framework Revision Revision 4'],
    ['the rest after a shared lead, unparenthesised', 'Rule (Part 164)', 'Part 164 (2013 amendment)', 'Rule (Part 164), 2013 amendment'],
    ['the rest after a shared lead, as it is', 'Rule Part 164', 'Part 164 rev. 2', 'Rule Part 164 rev. 2'],
  ];
  for (const [name, frameworkName, version, title] of cases) {
    it(name, () => assert.equal(frameworkTitle(frameworkName, version), title));
  }
});

describe('pathPieces', () => {
  const cases: Array<[string, string[]]> = [
    ['clinical-assistant/mcp-tools/scheduling.tools.json:27:24', ['clinical-assistant/', 'mcp-tools/', 'scheduling.tools.json:27:24']],
    ['github:northwind-health/billing-service', ['github:', 'northwind-health/', 'billing-service']],
    ['logs/gateway-audit.jsonl:38:283', ['logs/', 'gateway-audit.jsonl:38:283']],
    ['mcp.json', ['mcp.json']],
    ['a/a-file-name-far-longer-than-most.tools.json:1:2', ['a/', 'a-file-name-far-longer-than-most.', 'tools.', 'json:1:2']],
  ];
  for (const [text, pieces] of cases) {
    it(text, () => {
      assert.deepEqual(pathPieces(text), pieces);
      assert.equal(pieces.join(''), text);
    });
  }
});

describe('requirement rows', () => {
  it('split a requirement with many controls into rows that each name it; one row for few or none', () => {
    const a = structuredClone(demo().assessment);
    const requirement = a.frameworks[0]!.requirements[0]!;
    const control = { id: 'MCP-AC-01', relationship: 'subset', status: 'fail' as const, rationale: 'x'.repeat(120) };
    const cases: Array<[number, boolean[]]> = [[0, [false]], [1, [false]], [4, [false]], [5, [false, true]], [30, [false, true, true, true, true, true, true, true]]];
    for (const [count, continued] of cases) {
      requirement.controls = Array.from({ length: count }, () => ({ ...control }));
      const view = buildView(a, 'A4').frameworks[0]!.requirements[0]!;
      assert.deepEqual(view.parts.map((p) => p.continued), continued, `${count} controls`);
      assert.equal(view.parts.reduce((n, p) => n + p.controls.length, 0), count);
    }
  });
});

describe('risk heat maps', () => {
  const riskRegister = (html: string) => html.slice(html.indexOf('id="risk-register"'), html.indexOf('id="changes"'));
  it('are shown once, saying so, when inherent and residual are alike', () => {
    const a = structuredClone(demo().assessment);
    a.riskHeatMap.cells = a.riskHeatMap.cells.map((c) => ({ ...c, residual: [...c.inherent] }));
    assert.equal(heatMapsAlike(a.riskHeatMap), true);
    const section = riskRegister(renderHtml(a, { paper: 'A4', profile: 'full' }));
    assert.equal([...section.matchAll(/<svg[\s>]/g)].length, 1);
    assert.match(section, /<h2>Inherent and residual risk<\/h2>/);
    assert.match(section, /Inherent and residual risk are the same/);
    assert.match(section, /aria-label="Risk heat map, the same before and after controls/);
  });
  it('are both shown when a threat moves', () => {
    const a = structuredClone(demo().assessment);
    const from = a.riskHeatMap.cells.find((c) => c.inherent.length > 0)!;
    const to = a.riskHeatMap.cells.find((c) => c !== from && c.likelihood < from.likelihood && c.impact === from.impact)!;
    a.riskHeatMap.cells = a.riskHeatMap.cells.map((c) => ({ ...c, residual: c === to ? [...c.inherent, ...from.inherent] : c === from ? [] : [...c.inherent] }));
    assert.equal(heatMapsAlike(a.riskHeatMap), false);
    const section = riskRegister(renderHtml(a, { paper: 'A4', profile: 'full' }));
    assert.equal([...section.matchAll(/<svg[\s>]/g)].length, 2);
    assert.match(section, /<h2>Inherent risk<\/h2>/);
    assert.match(section, /<h2>Residual risk<\/h2>/);
    assert.doesNotMatch(section, /are the same/);
  });
});

describe('the findings table', () => {
  it('has no exception column: an exception is a line under its finding', () => {
    const a = structuredClone(demo().assessment);
    const html = renderHtml(a, { paper: 'A4', profile: 'full' });
    const findings = html.slice(html.indexOf('id="findings"'), html.indexOf('id="exceptions"'));
    assert.doesNotMatch(findings, /<th>Exception<\/th>/);
    const excepted = a.findings.filter((f) => f.exception).length;
    assert.ok(excepted > 0);
    assert.equal([...findings.matchAll(/<div class="exc"><span class="st info">Accepted<\/span>/g)].length, excepted);
  });
});

// ---------------------------------------------------------------------------------------------------
// In Chromium: the demo estate's report.

const browserPath = () => {
  try {
    return findBrowser().path;
  } catch (error) {
    throw new Error(`The layout tests need Chrome or Chromium (npm test installs it as root on Debian: node scripts/provision.mjs test).\n${(error as Error).message}`);
  }
};

/** The height of A4's body between the PDF's top and bottom margins (297 - 18 - 16 mm), in CSS pixels. */
const A4_BODY_HEIGHT_PX = ((297 - 18 - 16) / 25.4) * 96;

describe('the demo report in Chromium', () => {
  let browser: Browser;
  let phone: Page;
  let print: Page;
  before(async () => {
    browser = await openBrowser(browserPath());
    phone = await show(browser, demo().html, 390, 'screen');
    print = await show(browser, demo().html, A4_BODY_PX, 'print');
  });
  after(async () => browser?.close());

  it('at 390 px, does not scroll sideways', async () => {
    assert.ok(await documentScrollWidth(phone) <= 390, `scrollWidth ${await documentScrollWidth(phone)}`);
  });

  it('at 390 px, lays no badge over other text', async () => {
    assert.deepEqual(await badgeOverlaps(phone), []);
  });

  it('at 390 px, never breaks a requirement id inside a word', async () => {
    assert.deepEqual(await brokenIds(phone), []);
  });

  it('as print on A4, overflows no table, header or cell (a page too wide would also be printed shrunk)', async () => {
    assert.deepEqual(await overflowingCells(print), []);
    assert.ok(await documentScrollWidth(print) <= A4_BODY_PX);
  });

  it('as print on A4, keeps no row taller than a third of a page together (taller ones would leave pages blank)', async () => {
    const rows = (await unbreakableHeights(print)).filter((e) => e.element === 'tr');
    assert.ok(rows.length > 0);
    assert.ok(rows[0]!.height <= A4_BODY_HEIGHT_PX / 3, `${rows[0]!.text}: ${rows[0]!.height} px`);
  });
});

describe('the demo report printed to PDF', () => {
  let layout: PdfLayout;
  let headingTexts: { all: string[]; pageStarts: string[] };
  let headerTexts: string[];
  before(async () => {
    const browser = await openBrowser(browserPath());
    try {
      const page = await show(browser, demo().html, A4_BODY_PX, 'print');
      headingTexts = await headings(page);
      headerTexts = await tableHeaderTexts(page);
    } finally {
      await browser.close();
    }
    const pdf = await printPdf(demo().html, { executablePath: browserPath(), paper: 'A4', header: 'Layout test' });
    layout = await readLayout(pdf);
  });

  /** Pages where a section or framework starts on a new page (break-before: page), from the bookmarks. */
  const sectionStarts = () => new Set(headingTexts.pageStarts.map((title) => {
    const bookmark = layout.outline.find((b) => b.title === title);
    assert.ok(bookmark, `no bookmark for "${title}"`);
    return bookmark.page;
  }));

  it('has a bookmark for every heading, titled with its text and its spaces', () => {
    assert.deepEqual(layout.outline.map((b) => b.title), headingTexts.all);
    for (const title of ['ISO/IEC 42001:2023 Information technology - Artificial intelligence - Management system', 'Findings']) {
      assert.ok(layout.outline.some((b) => b.title === title), title);
    }
  });

  it('prints every table header whole: none is cut at the right margin', () => {
    // Chromium cuts what runs past the page's right edge, so the PDF holds only the visible part of such a header.
    const words = new Set(layout.pages.flatMap((p) => p.texts.flatMap((t) => t.str.split(/\s+/))));
    const cut = headerTexts.flatMap((header) => header.split(' ').filter((word) => !words.has(word)).map((word) => `${header}: ${word}`));
    assert.deepEqual(cut, []);
    assert.ok(headerTexts.includes('Risk (inherent / residual)'));
  });

  it('fills at least 60 % of every page that does not end a section', () => {
    // A row kept together is at most a third of a page (tested above), so a row pushed to the next page
    // leaves at most a third blank, and its heading a little more: 60 % leaves that room and no more.
    const starts = sectionStarts();
    const underFilled = layout.pages
      .filter((p) => p.number < layout.pages.length && !starts.has(p.number + 1) && p.fill < 0.6)
      .map((p) => `page ${p.number}: ${Math.round(p.fill * 100)} %`);
    assert.deepEqual(underFilled, []);
  });

  it('shows a requirement id at the top of every page a requirement table continues on', () => {
    const ids = new Set(demo().assessment.frameworks.flatMap((f) => f.requirements.map((r) => r.id)));
    let pages = 0;
    for (const page of layout.pages) {
      // The header of a requirement table (in scope: Outcome next; out of scope: Title next), and the
      // column right of the id column.
      const header = page.texts.find((t) => t.str === 'Requirement'
        && page.texts.some((n) => Math.abs(n.top - t.top) < 1 && (n.str === 'Outcome' || n.str === 'Title')));
      if (!header) continue;
      const nextColumn = Math.min(...page.texts.filter((t) => Math.abs(t.top - header.top) < 1 && t.x > header.x + 1).map((t) => t.x));
      const below = page.texts.filter((t) => t.top > header.top + header.height + 2);
      const first = below.reduce((a, b) => (b.top < a.top ? b : a));
      const firstId = below.filter((t) => t.x < nextColumn).reduce((a, b) => (b.top < a.top ? b : a));
      assert.ok(firstId.top <= first.top + 2, `page ${page.number}: "${first.str}" comes before any requirement id`);
      assert.ok(ids.has(firstId.str.trim()), `page ${page.number}: "${firstId.str}" is not a requirement id`);
      pages++;
    }
    assert.ok(pages > 20, `${pages} pages with a requirement table`);
  });

  it('prints each finding\'s check id whole on one line, and breaks its path only after a separator', () => {
    const { assessment } = demo();
    // The pages of findings tables: those with their header.
    const pages = layout.pages.filter((p) => p.texts.some((t) => t.str === 'Check and finding'));
    assert.ok(pages.length > 0);
    const texts = pages.flatMap((p) => p.texts.map((t) => t.str.trim()));
    const byCheck = new Map<string, number>();
    for (const f of assessment.findings) byCheck.set(f.checkId, (byCheck.get(f.checkId) ?? 0) + 1);
    for (const [checkId, count] of byCheck) {
      assert.ok(texts.filter((t) => t === checkId).length >= count, `${checkId}: ${count} findings, not each whole on a line`);
    }
    const paths = assessment.findings.flatMap((f) => [`${f.location.path}${f.location.line ? `:${f.location.line}` : ''}${f.location.column ? `:${f.location.column}` : ''}`, f.evidenceId]);
    let lines = 0;
    for (const page of pages) {
      const header = page.texts.find((t) => t.str === 'Location and evidence');
      const nextColumn = page.texts.find((t) => t.str === 'Check and finding');
      if (!header || !nextColumn) continue;
      // Under the header, in the location column, in the small text of the table (not a heading or a header).
      for (const line of linesOf(page.texts.filter((t) => t.top > header.top + 2 && t.x < nextColumn.x && t.height < 8))) {
        if (line.startsWith('MCP server:')) continue;
        const text = line.replace(/^evidence /, '');
        assert.ok(/[/:.]$/.test(text) || paths.some((p) => p.endsWith(text)), `page ${page.number}: "${line}" ends inside a name`);
        lines++;
      }
    }
    assert.ok(lines > assessment.findings.length, `${lines} location lines`);
  });
});

/** Text runs joined into lines (same top), top to bottom, left to right. */
function linesOf(texts: TextBox[]): string[] {
  const lines = new Map<number, TextBox[]>();
  for (const t of texts) {
    const key = [...lines.keys()].find((top) => Math.abs(top - t.top) < 1) ?? t.top;
    lines.set(key, [...(lines.get(key) ?? []), t]);
  }
  // Runs that touch are one word ("clinical-assistant/" and ".mcp.json"); a gap between them is a space.
  return [...lines.entries()].sort(([a], [b]) => a - b).map(([, runs]) => runs.sort((a, b) => a.x - b.x)
    .map((r, i) => (i > 0 && r.x - (runs[i - 1]!.x + runs[i - 1]!.width) > 1 ? ` ${r.str}` : r.str)).join('').replace(/\s+/g, ' ').trim());
}
