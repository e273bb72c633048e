/**
 * report.docx, opened and read back: unzipped, every XML part parsed, and its headings, table cells,
 * headers, footers, pictures and properties checked against the demo estate's assessment.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Assessment, DocumentControl } from '../../src/engine/assessment.js';
import { renderDocx } from '../../src/reporters/docx/index.js';
import { pngSize, rasterise } from '../../src/reporters/docx/raster.js';
import { buildView } from '../../src/reporters/html/view-model.js';
import type { ReportProfile } from '../../src/reporters/profiles.js';
import { runCli } from '../helpers/cli.js';
import { byTag, headings, paragraphsOfStyle, readDocx, rowProperties, tableWithHeader, textOf, type DocxParts } from '../helpers/docx.js';
import { demoAssessment, sampleDocument } from '../helpers/sample-assessment.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

/** The demo's assessment (against last quarter's) with a remediation plan and document control (draft, classified), or the document control given (null: none). */
const assessmentWith = (document: DocumentControl | null = sampleDocument()): Assessment => {
  const a = demoAssessment();
  if (document) a.document = document;
  else delete a.document;
  return a;
};
const CLASSIFICATION = sampleDocument().classification!;

const render = async (a: Assessment, profile: ReportProfile = 'auditor') => renderDocx(a, { paper: 'A4', profile });

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('report.docx of the demo estate', () => {
  const parts = new Map<ReportProfile, DocxParts>();
  let auditorBytes: Buffer;

  before(async () => {
    for (const profile of ['executive', 'auditor', 'full'] as const) {
      const bytes = await render(assessmentWith(), profile);
      if (profile === 'auditor') auditorBytes = bytes;
      parts.set(profile, await readDocx(bytes));
    }
  });

  const EXECUTIVE = [
    'Document control', 'Executive summary', 'Assessment boundary', 'Top risks and actions', 'Remediation plan: first actions', 'Exceptions',
    'Since the previous assessment',
  ];
  const SECTIONS: Array<[ReportProfile, string[]]> = [
    ['executive', EXECUTIVE],
    ['auditor', [
      ...EXECUTIVE, 'Scope and method', 'Requirements needing attention', 'Remediation plan', 'Attestations', 'Risk register',
      'Changes since the previous assessment', 'Appendix A. Requirement matrix', 'Appendix B. Control catalog', 'Appendix C. Evidence index',
    ]],
    ['full', [
      'Document control', 'Executive summary', 'Assessment boundary', 'Top risks and actions', 'Scope and method', 'Frameworks', 'Controls',
      'Remediation plan', 'Findings', 'Exceptions', 'Attestations', 'Risk register', 'Changes since the previous assessment', 'Appendix A. Evidence index',
    ]],
  ];
  for (const [profile, expected] of SECTIONS) {
    it(`${profile}: its Heading 1 entries are the profile's sections in order, under a table of contents field`, () => {
      const doc = parts.get(profile)!.document;
      assert.deepEqual(headings(doc).filter((h) => h.level === 1).map((h) => h.text), expected);
      assert.deepEqual(paragraphsOfStyle(doc, 'TOCHeading'), ['Contents']);
      assert.deepEqual(byTag(doc, 'instrText').map((i) => i.textContent).filter((t) => t?.includes('TOC')), [' TOC \\o "1-2" \\h \\z \\u ']);
      assert.deepEqual(paragraphsOfStyle(doc, 'TOC1'), expected, 'the contents list the sections until Word updates the field');
    });
  }

  it('heading styles carry outline levels (the navigation pane) and the document asks Word to update its fields', () => {
    const { xml } = parts.get('auditor')!;
    const styles = xml.get('word/styles.xml')!;
    for (const [id, level] of [['Heading1', 0], ['Heading2', 1], ['Heading3', 2]] as const) {
      assert.match(styles, new RegExp(`<w:style [^>]*w:styleId="${id}"[^]*?<w:outlineLvl w:val="${level}"/>`), id);
    }
    assert.match(xml.get('word/settings.xml')!, /<w:updateFields\/>/);
  });

  it('puts document control on the cover and in its own table, exactly as configured', () => {
    const doc = parts.get('auditor')!.document;
    assert.deepEqual(tableWithHeader(doc, ['Status', 'Draft']), [
      ['Status', 'Draft'], ['Classification', CLASSIFICATION], ['Version', '0.3'], ['Assessment period', '2026-09-01 to 2026-11-30'],
      ['Prepared by', 'A. Assessor'], ['Reviewed by', 'R. Reviewer'], ['Approved by', 'C. CISO'], ['Distribution', 'Board; External auditor'],
    ]);
    const meta = buildView(assessmentWith(), 'A4').meta;
    const cover = tableWithHeader(doc, ['Date of assessment', `${meta.assessedOn} (${meta.assessedAt})`])!;
    assert.deepEqual(cover.slice(1, 8), [
      ['Document status', 'Draft'], ['Classification', CLASSIFICATION], ['Version', '0.3'], ['Assessment period', '2026-09-01 to 2026-11-30'],
      ['Prepared by', 'A. Assessor'], ['Reviewed by', 'R. Reviewer'], ['Approved by', 'C. CISO'],
    ]);
  });

  it('lists the remediation plan with owner, dates, management response and an empty Auditor comment cell per item', () => {
    const doc = parts.get('auditor')!.document;
    const view = buildView(assessmentWith(), 'A4', 'auditor');
    const table = tableWithHeader(doc, ['Item', 'Indicators and remediation', 'Owner and dates', 'Auditor comment'])!;
    assert.equal(table.length - 1, view.plan.items.length);
    assert.ok(table.slice(1).every((r) => r[3] === ''), 'comment cells are empty');
    const first = view.plan.items[0]!;
    assert.equal(table[1]![0], `${first.id}\n${first.priorityLabel} ${first.severity.label}\n${first.status.label}`);
    const owner = first.owner ? [first.owner, ...(first.ownerSource ? [first.ownerSource] : [])] : ['no owner'];
    assert.equal(table[1]![2], [...owner, `First seen ${first.firstSeen}`, `Due ${first.dueText}`].join('\n'));
    const responded = view.plan.items.find((i) => i.response)!;
    const row = table.find((r) => r[0]!.startsWith(responded.id))!;
    const r = responded.response!;
    assert.ok(row[1]!.includes(`Management response (${r.by}, ${r.respondedOn}${r.targetDate ? `, target ${r.targetDate}` : ''}${r.ticket ? `, ${r.ticket}` : ''}): ${r.response}`), row[1]);
    const summary = tableWithHeader(parts.get('executive')!.document, ['Priority', 'Action', 'Owner', 'Due'])!;
    assert.deepEqual(summary.slice(1).map((r) => r[3]), buildView(assessmentWith(), 'A4', 'executive').planSummary.items.map((i) => i.dueText));
  });

  it('states the same figures as the PDF (the HTML report\'s view), cell by cell', () => {
    const view = buildView(assessmentWith(), 'A4', 'executive');
    const doc = parts.get('executive')!.document;
    assert.deepEqual(tableWithHeader(doc, ['Figure', 'Value', 'What it counts'])!.slice(1), view.summary.figures.map((f) => [f.label, f.value, f.note ?? '']));
    assert.deepEqual(
      tableWithHeader(doc, ['Severity', 'Findings', 'Accepted by a live exception'])!.slice(1),
      view.summary.findingsBySeverity.map((s) => [s.severity.label, String(s.count), String(s.excepted)]),
    );
    const exceptions = tableWithHeader(doc, ['Exception', 'Target', 'State', 'Approved', 'Expires', 'Ticket', 'Findings matched', 'Justification'])!;
    assert.deepEqual(exceptions.slice(1).map((r) => [r[0], r[1], r[6]]), view.exceptions.rows.map((r) => [r.id, r.target, String(r.matchedFindings)]));
    assert.ok(exceptions.length > 1, 'the demo has exceptions');
  });

  it('lists the MCP server inventory in the auditor and full reports, and only its size in the executive one', () => {
    const header = ['Client', 'Configuration', 'Server', 'Transport', 'Endpoint host', 'System (owner)', 'Findings'];
    const servers = buildView(assessmentWith(), 'A4').boundary.servers;
    for (const profile of ['auditor', 'full'] as const) {
      const inventory = tableWithHeader(parts.get(profile)!.document, header)!;
      assert.deepEqual(inventory.slice(1).map((r) => [r[1], r[2]]), servers.map((s) => [s.config, s.disabled ? `${s.name} (disabled)` : s.name]), profile);
    }
    const executive = parts.get('executive')!.document;
    assert.equal(tableWithHeader(executive, header), undefined);
    assert.ok(textOf(executive).includes(`The inventory of the ${servers.length} MCP servers found, with client, transport, endpoint and owner, is in the auditor and full reports.`));
  });

  it('says what changed since the previous assessment, in brief and in full', () => {
    const view = buildView(assessmentWith(), 'A4', 'full');
    assert.ok(view.changes && view.changesSummary, 'the demo is assessed against last quarter');
    assert.ok(textOf(parts.get('executive')!.document).includes(view.changesSummary.sentence));
    const scores = tableWithHeader(parts.get('full')!.document, ['Framework', 'Testing coverage', 'Move', 'Effectiveness', 'Move'])!;
    assert.deepEqual(scores.slice(1), view.changes.frameworks.map((f) => [f.status ? `${f.name} ${f.status.label}` : f.name, f.coverage, f.coverageMove, f.effectiveness, f.effectivenessMove]));
    const added = tableWithHeader(parts.get('full')!.document, ['Severity', 'Location', 'Check', 'Message', 'Exception'])!;
    assert.deepEqual(added.slice(1).map((r) => r[1]), view.changes.newFindings.map((f) => f.where));
  });

  it('gives every finding an empty Auditor comment cell', () => {
    const doc = parts.get('full')!.document;
    const header = ['Location and evidence', 'Check', 'Message', 'Controls', 'Exception', 'Auditor comment'];
    const rows = byTag(doc, 'tbl').map((t) => byTag(t, 'tr').map((tr) => byTag(tr, 'tc').map(textOf))).filter((t) => JSON.stringify(t[0]) === JSON.stringify(header));
    const findings = rows.flatMap((t) => t.slice(1));
    assert.equal(findings.length, assessmentWith().findings.length);
    assert.ok(findings.every((r) => r[5] === ''), 'comment cells are empty');
  });

  it('repeats every table\'s header row and keeps short rows whole', () => {
    const rows = rowProperties(parts.get('auditor')!.document);
    const headers = rows.filter((r) => r.header);
    assert.ok(headers.length > 10);
    assert.ok(headers.every((r) => r.cantSplit));
    assert.ok(rows.filter((r) => !r.header && r.text.length < 200).every((r) => r.cantSplit), 'rows under 200 characters never split');
  });

  it('lets a row too long for a third of a page split across pages', async () => {
    const a = assessmentWith();
    a.findings[0]!.message = `Very long message ${'word '.repeat(1200)}end`;
    const rows = rowProperties((await readDocx(await render(a, 'full'))).document);
    const long = rows.find((r) => r.text.includes('Very long message'))!;
    assert.equal(long.cantSplit, false);
  });

  it('marks every page\'s header and footer with the classification, and numbers the pages', () => {
    const { headers, footers } = parts.get('auditor')!;
    assert.equal(headers.length, 1);
    assert.equal(footers.length, 1);
    assert.equal(textOf(headers[0]!), `${CLASSIFICATION} · DRAFT  ${buildView(assessmentWith(), 'A4').title}`);
    assert.equal(textOf(footers[0]!), `${CLASSIFICATION}\tPage  of `);
    assert.deepEqual(byTag(footers[0]!, 'instrText').map((i) => i.textContent?.trim()), ['PAGE', 'NUMPAGES']);
  });

  it('draws the charts as PNG pictures, each with alt text that states its figures', () => {
    const { document, media, xml } = parts.get('auditor')!;
    const drawings = byTag(document, 'drawing');
    assert.ok(drawings.length >= 3, `charts in the auditor report: ${drawings.length}`);
    const docPrs = Array.from(document.getElementsByTagNameNS('http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing', 'docPr'));
    assert.equal(docPrs.length, drawings.length);
    for (const p of docPrs) assert.ok((p.getAttribute('descr') ?? '').length > 20, `alt text of ${p.getAttribute('name')}`);
    assert.equal(new Set(docPrs.map((p) => p.getAttribute('id'))).size, docPrs.length, 'drawing ids are unique');
    assert.match(docPrs[0]!.getAttribute('descr')!, /^Requirement outcomes per framework/);
    // Each picture's relationship names a PNG of word/media (the same chart shown twice is stored once).
    const rels = xml.get('word/_rels/document.xml.rels')!;
    const blips = Array.from(document.getElementsByTagNameNS('http://schemas.openxmlformats.org/drawingml/2006/main', 'blip'));
    assert.equal(blips.length, drawings.length);
    for (const blip of blips) {
      const id = blip.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'embed');
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
      assert.ok(target && media.some((m) => m.name === `word/${target}`), `picture ${id} -> ${target}`);
    }
    for (const m of media) assert.deepEqual([...m.bytes.subarray(0, 8)], PNG_SIGNATURE, m.name);
    assert.match(xml.get('[Content_Types].xml')!, /Extension="png"/);
  });

  it('sets the core properties from the assessment and document control', () => {
    const core = parts.get('auditor')!.xml.get('docProps/core.xml')!;
    const generatedAt = new Date(assessmentWith().generatedAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
    assert.ok(core.includes(`<dc:title>${buildView(assessmentWith(), 'A4').title}</dc:title>`));
    assert.ok(core.includes('<dc:creator>A. Assessor</dc:creator>'));
    assert.ok(core.includes('<cp:contentStatus>Draft</cp:contentStatus>'));
    assert.ok(core.includes(`<dcterms:created xsi:type="dcterms:W3CDTF">${generatedAt}</dcterms:created>`));
    assert.ok(core.includes(`<dcterms:modified xsi:type="dcterms:W3CDTF">${generatedAt}</dcterms:modified>`));
  });

  it('lays the pages out on the paper asked for', async () => {
    const pageSize = (parts: DocxParts) => /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(parts.xml.get('word/document.xml')!)!.slice(1).map(Number);
    assert.deepEqual(pageSize(parts.get('auditor')!), [11906, 16838]);
    assert.deepEqual(pageSize(await readDocx(await renderDocx(assessmentWith(), { paper: 'Letter', profile: 'executive' }))), [12240, 15840]);
  });

  it('is the same bytes for the same assessment (reproducible)', async () => {
    const again = await render(assessmentWith(), 'auditor');
    assert.equal(Buffer.compare(again, auditorBytes), 0);
  });
});

describe('chart pictures', () => {
  it('draw their text in Inter, read from @fontsource/inter, with no system font', () => {
    const svg = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40"><text x="10" y="28" font-family="Inter, 'DejaVu Sans', sans-serif" font-size="20">${text}</text></svg>`;
    const [blank, inter, bold] = rasterise([
      { svg: svg(''), width: 400 }, { svg: svg('Critical 15'), width: 400 },
      { svg: svg('Critical 15').replace('font-size', 'font-weight="700" font-size'), width: 400 },
    ]);
    assert.deepEqual(pngSize(inter!), { width: 400, height: 80 });
    assert.notDeepEqual(inter, blank, 'the text is drawn (a missing font draws nothing)');
    assert.notDeepEqual(bold, inter, 'the bold face is there too');
    assert.deepEqual(rasterise([{ svg: svg('Critical 15'), width: 400 }])[0], inter, 'the same SVG gives the same PNG');
  });
});

describe('report.docx watermark', () => {
  const WATERMARK = /<wp:anchor [^>]*behindDoc="1"[^]*?<wp:docPr [^>]*name="Watermark"[^>]*title="DRAFT"/;

  const cases: Array<[string, DocumentControl | null, boolean, string]> = [
    ['draft', { status: 'draft', classification: 'Internal' }, true, 'Internal · DRAFT'],
    ['final', { status: 'final', classification: 'Internal' }, false, 'Internal'],
    ['no document control', null, false, ''],
  ];
  for (const [name, document, watermark, marking] of cases) {
    it(`${name}: ${watermark ? 'a DRAFT picture behind the text of every page' : 'no watermark'}, header marked "${marking}"`, async () => {
      const { headers, xml } = await readDocx(await render(assessmentWith(document), 'executive'));
      const header = xml.get('word/header1.xml')!;
      assert.equal(WATERMARK.test(header), watermark);
      const title = buildView(assessmentWith(), 'A4').title;
      assert.equal(textOf(headers[0]!), marking ? `${marking}  ${title}` : title);
    });
  }
});

describe('report.docx with hostile text', () => {
  it('drops characters XML cannot carry and prints markup as text, so the file opens', async () => {
    const a = assessmentWith({ status: 'final', classification: 'Secret\u0001\u0008 <b>&amp;' });
    a.scope.organization = 'Evil\u0000 Corp <w:t>&\uD800';
    const finding = a.findings[0]!;
    finding.message = 'injected </w:t></w:r><w:r><w:t>pwned\u001B[31m \uDFFF & "quotes" \'apos\'';
    const parts = await readDocx(await render(a, 'full'));
    const text = textOf(parts.document);
    assert.ok(text.includes('Evil Corp <w:t>&'));
    assert.ok(text.includes('injected </w:t></w:r><w:r><w:t>pwned[31m  & "quotes" \'apos\''));
    assert.ok(textOf(parts.footers[0]!).startsWith('Secret <b>&amp;'));
    for (const [name, xml] of parts.xml) assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml), `${name} has no control character`);
    assert.ok(parts.xml.get('docProps/core.xml')!.includes('<dc:title>MCP controls assessment of Evil Corp &lt;w:t&gt;&amp;,'));
  });
});

describe('mcp-comply report --format docx (built CLI)', () => {
  const SECRET = 'ghp_' + 'Zq8vR2mK7xT4nB9cW1yL5pD3hF6jS0aE8uGi';
  const project = tempDir('docx-cli-');
  const out = path.join(project, 'out');

  before(() => {
    write(project, '.cursor/mcp.json', JSON.stringify({
      mcpServers: { '<files & "co">': { command: 'npx', args: ['-y', '@acme/files-mcp@latest'], env: { GITHUB_TOKEN: SECRET } } },
    }, null, 2));
    const run = runCli(['assess', project, '--out', out, '--format', 'md,docx']);
    assert.equal(run.code, 1, run.stderr);
  });

  it('assess --format docx writes report.docx beside assessment.json, in the default (auditor) profile', async () => {
    const parts = await readDocx(fs.readFileSync(path.join(out, 'report.docx')));
    assert.ok(headings(parts.document).some((h) => h.text === 'Appendix A. Requirement matrix'));
  });

  it('writes report.docx from a saved assessment, without the planted secret', async () => {
    const dir = path.join(project, 'docx');
    const run = runCli(['report', path.join(out, 'assessment.json'), '--format', 'docx', '--profile', 'full', '--out', dir]);
    assert.equal(run.code, 0, run.stderr);
    const bytes = fs.readFileSync(path.join(dir, 'report.docx'));
    const parts = await readDocx(bytes);
    assert.ok(headings(parts.document).some((h) => h.text === 'Findings'));
    assert.ok(textOf(parts.document).includes('<files & "co">'), 'the hostile server name prints as text');
    for (const [name, xml] of parts.xml) assert.ok(!xml.includes(SECRET) && !xml.includes(SECRET.slice(4, 20)), `${name} holds the secret`);
    assert.ok(!bytes.includes(Buffer.from(SECRET.slice(4, 20))), 'nor any stored part');
  });

  it('refuses to write a DOCX to stdout', () => {
    const run = runCli(['report', path.join(out, 'assessment.json'), '--format', 'docx', '--output', '-']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /a DOCX cannot go to stdout: give --output FILE or --out DIR/);
  });
});
