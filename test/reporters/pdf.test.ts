/**
 * The PDF report, printed by a real Chromium and read back with pdf.js (test/helpers/pdf.ts). Without
 * Chrome or Chromium these tests fail, saying how to get one: `npm test` finds or installs it first
 * (scripts/provision.mjs), and a skip would hide a broken setup.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { largeAssessment } from '../../bench/lib/large-assessment.mjs';
import type { Assessment } from '../../src/engine/assessment.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { validateValue } from '../../src/lib/schemas.js';
import { findBrowser } from '../../src/reporters/pdf/browser.js';
import { BrowserNotFoundError, pdfReporter } from '../../src/reporters/pdf/index.js';
import { chromiumArgs, launchFailure, printPdf, type PrintPdfOptions } from '../../src/reporters/pdf/print-pdf.js';
import { BIN, CLI_ENV } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';
import { demoAssessment, sampleAssessment } from '../helpers/sample-assessment.js';
import type { ReportProfile } from '../../src/reporters/profiles.js';
import { tempDir } from '../helpers/temp-catalog.js';

// Looked for once, for every test of this file.
const browser = (() => {
  try {
    return findBrowser();
  } catch (error) {
    if (error instanceof BrowserNotFoundError) return error;
    throw error;
  }
})();
function chromium(): string {
  if (browser instanceof Error) {
    throw new Error(`The PDF tests need Chrome or Chromium (npm test installs it as root on Debian: node scripts/provision.mjs test).\n${browser.message}`);
  }
  return browser.path;
}

// Every Chromium this file starts inherits this variable, so that its processes can be told apart from
// any other Chromium on the machine.
const RUN_MARK = `MCP_COMPLY_PDF_TEST=${process.pid}`;
process.env.MCP_COMPLY_PDF_TEST = String(process.pid);

const HEADER = 'Northwind Health · MCP controls assessment · 2026-11-23';
const DATE = '2026-11-23T00:00:00.000Z';

const print = (html: string, options: Partial<PrintPdfOptions> = {}) =>
  printPdf(html, { executablePath: chromium(), paper: 'A4', header: HEADER, ...options });

const page = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test report</title><style>body { font-family: sans-serif; }</style>${head}</head><body>${body}</body></html>`;

/** The text of each page, in the order Chromium drew it: a table cell's lines stay together. */
const pageTexts = async (pdf: Uint8Array) => (await readPdf(pdf)).texts;

const squeeze = (text: string) => text.replace(/\s+/g, '');

function ourChromiumProcesses(): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      // The marker, on a process that is not Node (a CLI this file starts carries the marker too).
      const ours = fs.readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(RUN_MARK);
      if (ours && fs.readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0')[0] !== process.execPath) found.push(Number(entry));
    } catch {
      // Gone meanwhile, or another user's.
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (up to 15 s) for the browser's processes to exit after close; returns those still running. */
async function leftOver(): Promise<number[]> {
  for (let i = 0; i < 150 && ourChromiumProcesses().length; i++) await sleep(100);
  return ourChromiumProcesses();
}

describe('printPdf', () => {
  const papers = [
    { paper: 'A4', css: 'Letter', size: [595, 842], name: 'A4' },
    { paper: 'Letter', css: 'A4', size: [612, 792], name: 'letter' },
  ] as const;
  for (const p of papers) {
    it(`prints on ${p.paper} even when the HTML's @page asks for ${p.css}`, async () => {
      const pdf = await print(page('<h1>Paper</h1>', `<style>@page { size: ${p.css}; }</style>`), { paper: p.paper });
      assert.equal(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
      const { width, height, paperName } = await readPdf(pdf);
      assert.equal(paperName, p.name);
      assert.ok(Math.abs(width - p.size[0]) < 1 && Math.abs(height - p.size[1]) < 1, `${width} x ${height}`);
    });
  }

  it('puts the running header on every page and "Page N of M" in the footer', async () => {
    const body = Array.from({ length: 150 }, (_, i) => `<p>Paragraph ${i} of the report.</p>`).join('');
    const pdf = await print(page(`<h1>Long report</h1>${body}`));
    const { pages, texts } = await readPdf(pdf);
    assert.ok(pages > 2, `${pages} pages`);
    assert.equal(texts.length, pages);
    for (const [i, text] of texts.entries()) {
      assert.ok(text.includes(HEADER), `page ${i + 1} has the header`);
      assert.ok(text.includes(`Page ${i + 1} of ${pages}`), `page ${i + 1}: ${text.slice(-80)}`);
    }
  });

  it('prints the header as text, never as HTML', async () => {
    const header = `Acme <b>bold</b> </div><img src="x"> & "quoted" 'single' · 2026-11-23`;
    const texts = await pageTexts(await print(page('<p>Body</p>'), { header }));
    assert.ok(texts[0]!.includes(header), texts[0]);
  });

  it('turns the headings into the outline (bookmarks) and tags the PDF', async () => {
    const pdf = await print(page('<h1>Executive summary</h1><p>a</p><h2>Findings overview</h2><p>b</p><h2>Control detail</h2><p>c</p>'));
    const raw = Buffer.from(pdf).toString('latin1');
    assert.match(raw, /\/Type \/Outlines/);
    for (const heading of ['Executive summary', 'Findings overview', 'Control detail']) assert.ok(raw.includes(`/Title (${heading})`), heading);
    const { tagged, outline } = await readPdf(pdf);
    assert.equal(tagged, true);
    assert.deepEqual(outline, ['Executive summary', 'Findings overview', 'Control detail']);
  });

  it('runs no JavaScript in the report', async () => {
    const text = (await pageTexts(await print(page(
      `<p id="original">ORIGINAL-TEXT</p><script>document.body.innerHTML = '<p>SCRIPT-RAN</p>';</script>`
      + `<img src="data:," onerror="document.body.append('ONERROR-RAN')">`,
    )))).join('');
    assert.ok(text.includes('ORIGINAL-TEXT'), text);
    assert.ok(!text.includes('SCRIPT-RAN') && !text.includes('ONERROR-RAN'), text);
  });

  describe('with a web server on 127.0.0.1', () => {
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', req.url?.endsWith('.css') ? 'text/css' : 'text/html');
      res.end(req.url?.endsWith('.css') ? 'body::after { content: "REMOTE-CSS-LOADED" }' : '<p>REMOTE-FRAME-LOADED</p>');
    });
    before(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('sends it no request (stylesheets, images, CSS url(), fonts, frames, by address or by name), and still prints, data: fonts included', async () => {
      const { port } = server.address() as AddressInfo;
      const font = fs.readFileSync(path.join(PACKAGE_ROOT, 'node_modules/@fontsource/jetbrains-mono/files/jetbrains-mono-latin-400-normal.woff2')).toString('base64');
      const remote = (base: string) => `
        <link rel="stylesheet" href="${base}/style.css"><link rel="prefetch" href="${base}/prefetch">
        <style>@import url(${base}/import.css); .bg { background: url(${base}/background.png); }
          @font-face { font-family: Remote; src: url(${base}/font.woff2) format('woff2'); } .remote { font-family: Remote; }</style>
        <p class="bg remote">STILL-PRINTED</p><img src="${base}/image.png" alt="">
        <iframe src="${base}/frame.html"></iframe><object data="${base}/object.html"></object>`;
      const html = page(
        `${remote(`http://127.0.0.1:${port}`)}${remote(`http://localhost:${port}`)}<p class="mono">Monospaced 0123</p>`,
        `<style>@font-face { font-family: Mono; src: url(data:font/woff2;base64,${font}) format('woff2'); } .mono { font-family: Mono; }</style>`,
      );
      const pdf = await print(html);
      assert.deepEqual(requests, []);
      const { texts, fonts } = await readPdf(pdf, { fonts: true });
      const text = texts.join('');
      assert.ok(text.includes('STILL-PRINTED') && text.includes('Monospaced 0123'), text);
      assert.ok(!text.includes('REMOTE-'), text);
      assert.ok(fonts.some((font) => /^[A-Z]{6}\+JetBrainsMono-Regular$/.test(font)), fonts.join(', '));
    });
  });

  it('keeps each table row on one page, however tall', async () => {
    const rows = Array.from({ length: 40 }, (_, i) =>
      `<tr><td>ROW-START-${i}<br>${'A row of the findings table. '.repeat(i % 5 === 0 ? 40 : 2)}<br>ROW-END-${i}</td></tr>`).join('');
    const css = '<style>thead { display: table-header-group; } tr { break-inside: avoid; } td { border: 1px solid #999; }</style>';
    const texts = await pageTexts(await print(page(`<table><thead><tr><th>Finding</th></tr></thead><tbody>${rows}</tbody></table>`, css)));
    assert.ok(texts.length > 2, `${texts.length} pages`);
    for (let i = 0; i < 40; i++) {
      const start = texts.findIndex((t) => t.includes(`ROW-START-${i}\n`));
      const end = texts.findIndex((t) => t.includes(`ROW-END-${i}\n`));
      assert.ok(start >= 0 && start === end, `row ${i}: starts on page ${start + 1}, ends on page ${end + 1}`);
    }
  });

  it('prints the same HTML to the same bytes, dated as asked', async () => {
    const html = page('<h1>Same</h1><p>Twice</p>');
    const [first, second] = [await print(html, { documentDate: DATE }), await print(html, { documentDate: DATE })];
    assert.ok(Buffer.from(first).equals(Buffer.from(second)), 'identical bytes');
    assert.equal((await readPdf(first)).creationDate, '2026-11-23T00:00:00Z');
  });

  it('leaves no Chromium process behind, after a print and after a failure', { skip: process.platform === 'linux' ? false : 'counts processes through /proc' }, async () => {
    assert.deepEqual(await leftOver(), [], 'no Chromium of this test file before');
    let printing = true;
    let seen = 0;
    const done = print(page('<p>Counted</p>')).finally(() => { printing = false; });
    while (printing) {
      seen = Math.max(seen, ourChromiumProcesses().length);
      await sleep(20);
    }
    await done;
    assert.ok(seen > 0, 'the browser was seen running');
    assert.deepEqual(await leftOver(), [], 'after a print');

    // Too little time to load the page: printPdf fails after the browser started.
    await assert.rejects(print(page('<p>Too slow</p>'), { timeoutMs: 1 }), /time/i);
    assert.deepEqual(await leftOver(), [], 'after a failure');
  });

  it('a run killed (SIGKILL) while printing leaves no Chromium behind, and the next print removes its profile', { skip: process.platform === 'linux' ? false : 'counts processes through /proc' }, async () => {
    assert.deepEqual(await leftOver(), [], 'no Chromium of this test file before');
    const dir = tempDir('killed-while-printing-');
    const input = path.join(dir, 'assessment.json');
    fs.writeFileSync(input, JSON.stringify(largeAssessment({ controls: 500, findings: 5000 })));
    const cli = spawn(process.execPath, [BIN, 'report', input, '--format', 'pdf', '--output', path.join(dir, 'report.pdf'), '--browser', chromium()],
      { env: { ...process.env, ...CLI_ENV }, stdio: 'ignore' });
    const profiles = () => fs.readdirSync(os.tmpdir()).filter((entry) => entry.startsWith(`mcp-comply-chromium-${cli.pid}-`));
    for (let i = 0; i < 600 && ourChromiumProcesses().length === 0; i++) await sleep(100);
    assert.ok(ourChromiumProcesses().length > 0, 'the browser started');
    assert.equal(profiles().length, 1, 'its profile is named after the run');

    cli.kill('SIGKILL');
    await once(cli, 'exit');
    assert.deepEqual(await leftOver(), [], 'Chromium quit when its parent died');
    assert.equal(profiles().length, 1, 'a killed run cannot remove its profile');
    await print(page('<p>The next report</p>'));
    assert.deepEqual(profiles(), [], 'the next print removed it');
  });
});

describe('starting Chromium', () => {
  const table: Array<[string, { sandbox?: boolean; root: boolean }, boolean]> = [
    ['not root: with its sandbox', { root: false }, false],
    ['not root, --no-sandbox: without', { root: false, sandbox: false }, true],
    ['root: without (Chromium refuses to start as root with it)', { root: true }, true],
    ['root, --no-sandbox: without', { root: true, sandbox: false }, true],
  ];
  for (const [name, options, noSandbox] of table) {
    it(name, () => {
      const args = chromiumArgs(options);
      assert.equal(args.includes('--no-sandbox'), noSandbox);
      // The network stays closed either way.
      assert.ok(args.includes('--host-resolver-rules=MAP * ~NOTFOUND') && args.includes('--proxy-server=http://proxy.invalid:9'));
    });
  }

  /** A "browser" that fails as Chromium does on a host that forbids its sandbox. */
  function brokenBrowser(stderr: string): string {
    const file = path.join(tempDir('broken-browser-'), 'chrome');
    fs.writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' ${JSON.stringify(stderr)} >&2\nexit 1\n`, { mode: 0o755 });
    return file;
  }

  it('a host that forbids the sandbox: says so in one message, with the ways out, not puppeteer\'s dump', async () => {
    const file = brokenBrowser('[0109/235031.343250:FATAL:zygote_host_impl_linux.cc(128)] No usable sandbox! If you are running on Ubuntu 23.10+ ...');
    await assert.rejects(printPdf('<p>x</p>', { executablePath: file, paper: 'A4', header: 'h' }), (error: Error) => {
      assert.match(error.message, /did not start: this host forbids its sandbox .*--browser \/usr\/bin\/google-chrome.*--no-sandbox/);
      assert.doesNotMatch(error.message, /zygote/);
      return true;
    });
  });

  it('any other failure to start: the browser and the first lines of why', () => {
    assert.equal(launchFailure('/x/chrome', 'Failed to launch the browser process!\n\nerror while loading shared libraries: libnss3.so\n\nTROUBLESHOOTING: https://pptr.dev/troubleshooting\nmore'),
      '/x/chrome did not start: Failed to launch the browser process! error while loading shared libraries: libnss3.so TROUBLESHOOTING: https://pptr.dev/troubleshooting');
  });
});

describe('pdfReporter', () => {
  // The full profile: these tests look for every finding in the PDF.
  const render = (assessment: Assessment) => pdfReporter.render(assessment, { paper: 'A4', profile: 'full', browserPath: chromium(), log: () => {} });

  it('is the pdf format, writing report.pdf', () => {
    assert.equal(pdfReporter.format, 'pdf');
    assert.deepEqual(pdfReporter.files, ['report.pdf']);
  });

  it('fails before any work when the browser named does not exist', async () => {
    await assert.rejects(pdfReporter.render(largeAssessment({ controls: 2, findings: 2 }), { paper: 'A4', browserPath: '/nonexistent/chrome', log: () => {} }), BrowserNotFoundError);
  });

  it('prints the sample assessment: every framework, the evidence root hash, hostile text as text, the same bytes twice', async () => {
    const assessment = sampleAssessment();
    const hostile = '<b>bold</b> & "quotes" </td></tr><script>alert(1)</script>';
    const target = assessment.findings[0]!;
    target.message = hostile;
    for (const check of assessment.checks) for (const result of check.results) if (result.fingerprint === target.fingerprint) result.message = hostile;

    const files = await render(assessment);
    assert.deepEqual(files.map((f) => f.name), ['report.pdf']);
    const pdf = files[0]!.content as Uint8Array;
    const { texts, pages, creationDate } = await readPdf(pdf);
    assert.equal(texts.length, pages);
    const all = squeeze(texts.join(''));
    for (const framework of assessment.frameworks) assert.ok(all.includes(squeeze(framework.name)), framework.name);
    assert.ok(all.includes(squeeze(assessment.evidence.rootHash)), 'root hash');
    assert.ok(all.includes(squeeze(hostile)), 'hostile message printed literally');
    for (const [i, text] of texts.entries()) {
      assert.ok(text.includes('Northwind Health · MCP controls assessment · 2026-11-23'), `header on page ${i + 1}`);
      assert.ok(text.includes(`Page ${i + 1} of ${pages}`), `footer on page ${i + 1}`);
    }
    assert.equal(creationDate, assessment.generatedAt.replace('.000', ''));

    const again = (await render(assessment))[0]!.content as Uint8Array;
    assert.ok(Buffer.from(again).equals(Buffer.from(pdf)), 'same assessment, same bytes');
  });

  it('prints a large assessment (500 controls, 5,000 findings) to the end', async () => {
    const assessment = largeAssessment({ controls: 500, findings: 5000 });
    const pdf = (await render(assessment))[0]!.content as Uint8Array;
    const { pages, texts } = await readPdf(pdf);
    // A findings table holds a few dozen rows a page at most; 5,000 findings cannot fit in fewer than 100 pages.
    assert.ok(pages >= 100 && pages <= 5000, `${pages} pages`);
    const all = squeeze(texts.join(''));
    assert.ok(all.includes(squeeze(assessment.findings.at(-1)!.message)), 'the last finding is printed');
  });
});

describe('report profiles and document control in the PDF', () => {
  const render = async (assessment: Assessment, profile: ReportProfile) =>
    (await pdfReporter.render(assessment, { paper: 'A4', profile, browserPath: chromium(), log: () => {} }))[0]!.content as Uint8Array;

  it('the executive report of the demo estate fits in 12 A4 pages', async () => {
    const { pages, paperName, outline } = await readPdf(await render(demoAssessment(), 'executive'));
    assert.ok(pages <= 12, `${pages} pages`);
    assert.equal(paperName, 'A4');
    assert.deepEqual(outline.filter((title) => /^(Document control|Top risks and actions|Remediation plan: first actions|Since the previous assessment)$/.test(title)),
      ['Document control', 'Top risks and actions', 'Remediation plan: first actions', 'Since the previous assessment']);
  });

  const table: Array<{ status: 'draft' | 'final'; draftPages: 'every' | 'none' }> = [
    { status: 'draft', draftPages: 'every' },
    { status: 'final', draftPages: 'none' },
  ];
  for (const row of table) {
    it(`a ${row.status} report: DRAFT on ${row.draftPages} page, the classification in every page's header and footer`, async () => {
      const { texts, pages } = await readPdf(await render(demoAssessment({ status: row.status, classification: 'Confidential <Board> & "auditors"' }), 'executive'));
      assert.ok(pages > 1);
      for (const [i, text] of texts.entries()) {
        assert.equal(/\bDRAFT\b/.test(text), row.draftPages === 'every', `DRAFT on page ${i + 1}`);
        // Header and footer: the marking twice on every page, escaped into the templates and read back as text.
        assert.equal(squeeze(text).split(squeeze('Confidential <Board> & "auditors"')).length - 1, 2 + (i === 0 ? 1 : 0) + (i === 1 ? 1 : 0), `marking on page ${i + 1}`);
      }
    });
  }
});

describe('largeAssessment (bench/lib)', () => {
  it('is a valid assessment.json, the same on every call, at any size', () => {
    for (const size of [{}, { controls: 1, findings: 0, frameworks: 1 }, { controls: 7, findings: 40, frameworks: 8 }]) {
      const assessment = largeAssessment(size);
      assert.deepEqual(validateValue('assessment', assessment), [], JSON.stringify(size));
      assert.deepEqual(largeAssessment(size), assessment);
    }
    const big = largeAssessment({ controls: 500, findings: 5000, frameworks: 6 });
    assert.deepEqual([big.controls.length, big.findings.length, big.frameworks.length], [500, 5000, 6]);
    assert.equal(big.summary.findings.total, 5000);
    assert.equal(new Set(big.findings.map((f) => f.fingerprint)).size, 5000);
  });
});
