/**
 * Reports end to end through the built CLI: the demo's estate to every format with the same counts
 * in each, the PDF read back with pdf.js, `report` from a saved assessment, planted secrets and
 * hostile names in every output, user templates, and a missing browser.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Assessment } from '../../src/engine/assessment.js';
import { runCli } from '../helpers/cli.js';
import { parseCsv } from '../helpers/csv.js';
import { readPdf } from '../helpers/pdf.js';
import { outcomeLabel, percent } from '../../src/reporters/labels.js';
import { pooledFigures } from '../../src/engine/roll-up.js';
import { complianceWords } from '../helpers/framework-fixtures.js';
import { tempDir, write } from '../helpers/temp-catalog.js';
import { sectionsView } from '../../src/reporters/html/section-views.js';
import type { ReportProfile } from '../../src/reporters/profiles.js';

const REPORT_FILES = [
  'report.pdf', 'report.html', 'report.md', 'findings.csv', 'requirements.csv', 'remediation-plan.csv', 'results.sarif', 'assessment-results.oscal.json',
  'poam.oscal.json',
];
const ALL = 'pdf,html,md,csv,sarif,oscal';

/** The PDF's text, page after page. */
const pdfText = async (file: string) => (await readPdf(fs.readFileSync(file))).texts.join('\n');
const squash = (text: string) => text.replace(/\s+/g, '');
const readJson = <T>(file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

describe('reports of the demo estate (built CLI, real Chromium)', () => {
  const out = path.join(tempDir('reports-'), 'out');
  let run: ReturnType<typeof runCli>;
  let assessment: Assessment;

  before(() => {
    // The full profile, so every finding and requirement is in every format to be counted.
    run = runCli(['assess', '--config', 'examples/mcp-comply.yaml', '--previous', 'examples/previous/2026-Q3/assessment.json', '--format', ALL, '--profile', 'full', '--out', out]);
    assessment = readJson<Assessment>(path.join(out, 'assessment.json'));
  });

  it('writes every format under its fixed name and says so', () => {
    assert.equal(run.code, 1, run.stderr);
    for (const name of REPORT_FILES) assert.ok(fs.statSync(path.join(out, name)).size > 0, name);
    assert.match(run.stdout, /^Reports: .*report\.html, .*report\.pdf, .*report\.md, .*findings\.csv, .*requirements\.csv, .*remediation-plan\.csv, .*results\.sarif, .*assessment-results\.oscal\.json, .*poam\.oscal\.json$/m);
    assert.deepEqual(fs.readdirSync(out).filter((f) => f.endsWith('.tmp')), [], 'no temp file left behind');
  });

  it('counts the same findings, controls and requirements in every format', () => {
    const findings = assessment.findings.length;
    const requirements = assessment.frameworks.reduce((n, f) => n + f.requirements.length, 0);
    assert.ok(findings > 0 && requirements > 0);

    const sarif = readJson<{ runs: Array<{ results: unknown[] }> }>(path.join(out, 'results.sarif'));
    assert.equal(sarif.runs[0]!.results.length, findings, 'SARIF results');
    assert.equal(parseCsv(fs.readFileSync(path.join(out, 'findings.csv'), 'utf8')).length - 1, findings, 'findings.csv rows');
    assert.equal(parseCsv(fs.readFileSync(path.join(out, 'requirements.csv'), 'utf8')).length - 1, requirements, 'requirements.csv rows');
    const oscal = readJson<{ 'assessment-results': { results: Array<{ findings: unknown[]; observations: Array<{ types?: string[] }> }> } }>(
      path.join(out, 'assessment-results.oscal.json'));
    const result = oscal['assessment-results'].results[0]!;
    // A finding per control objective decided (pass, attested, fail, the automated part of partial); every other control is an observation.
    const decided = assessment.controls.filter((c) => ['pass', 'attested', 'fail', 'partial'].includes(c.status)).length;
    const undecided = assessment.controls.filter((c) => !['pass', 'attested', 'fail'].includes(c.status)).length;
    assert.equal(result.findings.length, decided, 'OSCAL: one finding per control objective decided');
    assert.equal(result.observations.filter((o) => o.types?.includes('control-objective')).length, undecided, 'OSCAL: one observation per undecided objective');
    assert.equal(result.observations.filter((o) => o.types?.includes('finding')).length, findings, 'OSCAL: one observation per finding');
    assert.match(fs.readFileSync(path.join(out, 'report.md'), 'utf8'), new RegExp(`^## Findings \\(${findings}\\)$`, 'm'));
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    const findingsSection = html.slice(html.indexOf('<section id="findings"'), html.indexOf('<section id="exceptions"'));
    assert.equal(findingsSection.match(/<tr><td class="m">/g)?.length, findings, 'HTML findings rows');
  });

  it('prints a PDF an auditor can read: every framework, the root hash, page numbers, the changes since last quarter', async () => {
    const pdf = fs.readFileSync(path.join(out, 'report.pdf'));
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const { texts, pages, width, height, paperName } = await readPdf(pdf);
    const text = texts.join('\n');
    assert.ok(pages > 10, `${pages} pages`);
    for (const framework of assessment.frameworks) assert.ok(squash(text).includes(squash(framework.name)), framework.name);
    assert.ok(squash(text).includes(assessment.evidence.rootHash), 'root hash');
    assert.match(text, new RegExp(`Page 1 of ${pages}\\b`));
    assert.match(text, new RegExp(`Page ${pages} of ${pages}\\b`));
    assert.match(text, /Northwind Health · MCP controls assessment/);
    // The headline figures, pooled over the applicable frameworks, as the executive summary states them.
    const pooled = assessment.summary.requirements;
    assert.deepEqual(pooled, pooledFigures(assessment.frameworks), 'assessment.json states the overall figures the reports print');
    assert.ok(squash(text).includes(squash(`testing coverage is ${percent(pooled.testingCoverage)} (${pooled.tested} with evidence) and effectiveness ${percent(pooled.effectiveness)}`)));
    assert.deepEqual(complianceWords(text), []);
    assert.match(text, /2026-08-24/, 'the previous assessment is named');
    assert.equal(paperName, 'A4');
    assert.ok(Math.floor(width) === 595 && Math.floor(height) === 841, `${width} x ${height} pts`);
  });

  it('states no compliance figure in any human-readable report, and gives every framework its own words', () => {
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    const md = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    assert.deepEqual(complianceWords(html), [], 'report.html');
    assert.deepEqual(complianceWords(md), [], 'report.md');
    assert.deepEqual(complianceWords(fs.readFileSync(path.join(out, 'requirements.csv'), 'utf8')), [], 'requirements.csv');
    const escapeHtml = (t: string) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#x27;');
    for (const f of assessment.frameworks.filter((x) => x.applicability.applies)) {
      const start = html.indexOf(`<section id="fw-${f.id}"`);
      const section = html.slice(start, html.indexOf('</section>', start));
      for (const r of f.requirements.filter((x) => x.status !== 'not_applicable')) {
        assert.ok(section.includes(`<strong>${escapeHtml(r.id)}</strong><br>${escapeHtml(r.title)}</td><td><span class="st `), `${f.id} ${r.id}`);
        assert.ok(section.includes(`">${escapeHtml(outcomeLabel(f, r.status))}</span></td><td>${escapeHtml(r.reason)}`), `${f.id} ${r.id} reads ${outcomeLabel(f, r.status)}`);
      }
    }
  });

  it('report re-renders a saved assessment: one format to a file, to stdout, or several into a folder', () => {
    const assessmentFile = path.join(out, 'assessment.json');
    const dir = tempDir('report-');
    const md = runCli(['report', assessmentFile, '--format', 'md', '--profile', 'full', '--output', path.join(dir, 'gap.md')]);
    assert.equal(md.code, 0, md.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'gap.md'), 'utf8'), fs.readFileSync(path.join(out, 'report.md'), 'utf8'), 'the same bytes as assess wrote');
    const stdout = runCli(['report', assessmentFile, '--format', 'sarif', '--output', '-']);
    assert.equal(stdout.code, 0, stdout.stderr);
    assert.equal(stdout.stdout, fs.readFileSync(path.join(out, 'results.sarif'), 'utf8'));
    const several = runCli(['report', assessmentFile, '--format', 'csv,oscal', '--out', dir]);
    assert.equal(several.code, 0, several.stderr);
    assert.deepEqual(['findings.csv', 'requirements.csv', 'assessment-results.oscal.json'].map((f) => fs.existsSync(path.join(dir, f))), [true, true, true]);
  });
});

describe('report profiles through the CLI', () => {
  const dir = tempDir('report-profiles-');
  const file = path.join(dir, 'assessment.json');
  /** Ids of the top-level sections of an HTML report, in order. */
  const sectionIds = (html: string) => [...html.matchAll(/<(?:section|header|nav) id="([^"]+)" class="(?:sec|cover)[ "]/g)].map((m) => m[1]!);
  before(() => {
    const run = runCli(['assess', '--config', 'examples/mcp-comply.yaml', '--previous', 'examples/previous/2026-Q3/assessment.json', '--out', dir]);
    assert.equal(run.code, 1, run.stderr);
  });

  it('writes the auditor profile by default and the one --profile names, in HTML and Markdown', () => {
    const table: Array<[string[], ReportProfile]> = [[[], 'auditor'], [['--profile', 'executive'], 'executive'], [['--profile', 'full'], 'full']];
    for (const [flags, profile] of table) {
      const out = path.join(dir, profile);
      const run = runCli(['report', file, '--format', 'html,md', ...flags, '--out', out]);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(sectionIds(fs.readFileSync(path.join(out, 'report.html'), 'utf8')), sectionsView(profile).map((s) => s.anchor), profile);
      const md = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
      assert.equal(md.includes('## Appendix A. Requirement matrix'), profile === 'auditor', profile);
      assert.equal(/^## Findings \(\d+\)$/m.test(md), profile === 'full', profile);
    }
  });

  it('prints the executive PDF in at most 12 pages and the auditor PDF with its appendices', async () => {
    const table: Array<[ReportProfile, (pages: number) => boolean, string[]]> = [
      ['executive', (pages) => pages <= 12, ['Top risks and actions', 'Remediation plan: first actions']],
      ['auditor', (pages) => pages > 12, ['Requirements needing attention', 'Remediation plan', 'Appendix A. Requirement matrix', 'Appendix B. Control catalog', 'Appendix C. Evidence index']],
    ];
    for (const [profile, pagesOk, bookmarks] of table) {
      const output = path.join(dir, `report-${profile}.pdf`);
      const run = runCli(['report', file, '--format', 'pdf', '--profile', profile, '--output', output]);
      assert.equal(run.code, 0, run.stderr);
      const { pages, outline } = await readPdf(fs.readFileSync(output));
      assert.ok(pagesOk(pages), `${profile}: ${pages} pages`);
      for (const title of bookmarks) assert.ok(outline.includes(title), `${profile}: ${title}`);
    }
  });
});

describe('mcp-comply report: bad input and options', () => {
  const dir = tempDir('report-usage-');
  const good = path.join(dir, 'assessment.json');
  before(() => {
    const run = runCli(['assess', '--config', 'examples/mcp-comply.yaml', '--out', dir]);
    assert.ok(run.code === 1, run.stderr);
  });

  const cases: Array<[string, () => string[], RegExp]> = [
    ['an unknown format, with a suggestion', () => ['report', good, '--format', 'sarf'], /unknown format "sarf" \(did you mean "sarif"\?\)/],
    ['no format at all', () => ['report', good], /no format asked for/],
    ['--output with two formats', () => ['report', good, '--format', 'md,sarif', '--output', path.join(dir, 'x')], /--output names one file/],
    ['--output for csv, which makes three files', () => ['report', good, '--format', 'csv', '--output', path.join(dir, 'x.csv')],
      /the csv format writes 3 files \(findings\.csv, requirements\.csv, remediation-plan\.csv\): use --out DIR instead of --output/],
    ['--output for oscal, which makes two files', () => ['report', good, '--format', 'oscal', '--output', '-'],
      /the oscal format writes 2 files \(assessment-results\.oscal\.json, poam\.oscal\.json\): use --out DIR instead of --output/],
    ['a PDF to stdout', () => ['report', good, '--format', 'pdf', '--output', '-'], /PDF cannot go to stdout/],
    ['a --path-prefix out of the repository', () => ['report', good, '--format', 'sarif', '--path-prefix', '../up'], /--path-prefix "\.\.\/up" must be a folder inside the repository/],
    ['a missing assessment', () => ['report', path.join(dir, 'missing.json'), '--format', 'md'], /missing\.json: cannot read the assessment: does not exist/],
    ['an assessment that is not JSON, with its line', () => ['report', write(dir, 'broken.json', '{\n  "schemaVersion": "1.2",\n  oops\n}'), '--format', 'md'], /broken\.json:3:3: not valid JSON/],
    ['JSON that is not an assessment', () => ['report', write(dir, 'other.json', '{"hello": 1}'), '--format', 'md'], /other\.json: not an mcp-comply assessment \(missing schemaVersion/],
  ];
  for (const [name, args, message] of cases) {
    it(`exits 2 for ${name}`, () => {
      const result = runCli(args());
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    });
  }

  it('without a browser: exits 2, says how to fix it, and still writes the HTML report', () => {
    const target = tempDir('no-browser-');
    const result = runCli(['report', good, '--format', 'pdf', '--out', target, '--browser', path.join(target, 'no-such-chrome')]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /pdf report not written: .*no-such-chrome/);
    assert.match(result.stderr, /apt-get install chromium/);
    assert.match(result.stderr, /wrote the HTML report instead/);
    assert.ok(fs.existsSync(path.join(target, 'report.html')));
    assert.ok(!fs.existsSync(path.join(target, 'report.pdf')));
  });

  it('a broken template: exits 2 naming its file and line, and still writes the other formats', () => {
    const templates = tempDir('broken-templates-');
    write(templates, 'partials/cover.hbs', '<h1>\n{{#if meta.organization}}never closed\n');
    const target = tempDir('broken-out-');
    const result = runCli(['report', good, '--format', 'pdf,md', '--templates', templates, '--out', target]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /pdf report not written: .*partials\/cover\.hbs:\d+/);
    assert.doesNotMatch(result.stderr, /internal error/);
    assert.deepEqual(fs.readdirSync(target), ['SHA256SUMS', 'report.md'], 'the reports written are listed in SHA256SUMS');
  });

  it('uses the config\'s report section: formats and paper, with templates relative to the config', () => {
    const project = tempDir('report-config-');
    write(project, 'mine/partials/cover.hbs', '<section id="cover"><h1>Prepared for the {{meta.organization}} audit committee</h1></section>');
    const config = write(project, 'mcp-comply.yaml', 'organization: Contoso\nreport:\n  formats: [html, md]\n  paper: Letter\n  templates: mine\n');
    const result = runCli(['report', good, '--config', config, '--out', project]);
    assert.equal(result.code, 0, result.stderr);
    const html = fs.readFileSync(path.join(project, 'report.html'), 'utf8');
    assert.match(html, /Prepared for the Northwind Health audit committee/);
    assert.match(html, /@page\s*\{\s*size:\s*letter/);
    assert.ok(fs.existsSync(path.join(project, 'report.md')));
  });
});

describe('untrusted names and planted secrets in every report', () => {
  const SECRET = 'ghp_' + 'Zq8vR2mK7xT4nB9cW1yL5pD3hF6jS0aE8uGi';
  const HOSTILE = '<img src=x onerror=alert(1)>"&<script>document.title="pwned"</script>';
  const project = tempDir('hostile-');
  const out = path.join(project, 'out');
  let run: ReturnType<typeof runCli>;

  before(() => {
    write(project, '.cursor/mcp.json', JSON.stringify({
      mcpServers: {
        [HOSTILE]: { command: 'npx', args: ['-y', '@acme/files-mcp@latest'], env: { GITHUB_TOKEN: SECRET } },
      },
    }, null, 2));
    run = runCli(['assess', project, '--out', out, '--format', ALL]);
  });

  it('assesses and writes every report', () => {
    assert.equal(run.code, 1, run.stderr);
    for (const name of REPORT_FILES) assert.ok(fs.existsSync(path.join(out, name)), name);
  });

  it('never writes the secret: not in any report, not in the PDF\'s text, not on stdout or stderr', async () => {
    const texts = await Promise.all(REPORT_FILES.map(async (name) =>
      [name, name.endsWith('.pdf') ? await pdfText(path.join(out, name)) : fs.readFileSync(path.join(out, name), 'utf8')]));
    for (const [name, text] of [...texts, ['stdout', run.stdout], ['stderr', run.stderr]]) {
      assert.ok(!text!.includes(SECRET) && !text!.includes(SECRET.slice(4, 20)), `${name} holds the secret`);
    }
    const assessment = readJson<Assessment>(path.join(out, 'assessment.json'));
    assert.ok(assessment.findings.some((f) => f.checkId === 'mcp.secrets.inline-credential'), 'the secret is reported, by kind and place');
  });

  it('prints the hostile server name as text: inert in HTML, literal in the PDF', async () => {
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    assert.ok(!/<script|<img|onerror=/i.test(html.replace(/<img src="data:[^"]*"/g, '')), 'no live markup');
    assert.ok(html.includes('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;'), 'escaped as text');
    const text = await pdfText(path.join(out, 'report.pdf'));
    assert.ok(squash(text).includes(squash('<img src=x onerror=alert(1)>')), 'the name prints literally in the PDF');
    assert.ok(!text.includes('pwned') || text.includes('document.title="pwned"'), 'the script did not run');
  });
});
