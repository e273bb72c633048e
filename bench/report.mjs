#!/usr/bin/env node
// Benchmark: `mcp-comply report` of a large synthetic assessment (default 500 controls, 5,000 findings,
// 6 frameworks), or of an assessment.json given with --assessment (the demo's: out/assessment.json), to
// HTML and to PDF in each profile (executive, auditor, full), against a bare Chromium printing the same
// HTML in the same run (`chromium --headless --print-to-pdf`, no header or footer, no request blocking).
// Prints seconds, pages, file sizes and peak memory of each, and each PDF's time as a multiple of the
// bare print of its own HTML.
// Peak RSS: "node" is our process alone (bench/report-rss.mjs); "largest" is the largest process of the
// run, Chromium's included (/usr/bin/time -v; left out where there is none).
// Usage: npm run build && node bench/report.mjs [--controls 500] [--findings 5000] [--frameworks 6] [--assessment FILE]
//        [--profiles executive,auditor,full] [--browser PATH] [--keep]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { largeAssessment } from './lib/large-assessment.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values: flags } = parseArgs({
  options: {
    controls: { type: 'string', default: '500' },
    findings: { type: 'string', default: '5000' },
    frameworks: { type: 'string', default: '6' },
    browser: { type: 'string' },
    assessment: { type: 'string' },
    profiles: { type: 'string', default: 'executive,auditor,full' },
    keep: { type: 'boolean', default: false },
  },
});
const size = { controls: Number(flags.controls), findings: Number(flags.findings), frameworks: Number(flags.frameworks) };

const { findBrowser } = await import(pathToFileURL(path.join(root, 'dist/reporters/pdf/browser.js')).href).catch(() => {
  console.error('bench/report.mjs runs the built CLI: npm run build first');
  process.exit(2);
});
const browser = findBrowser({ explicit: flags.browser }).path;
const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const asRoot = process.getuid?.() === 0;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-comply-report-bench-'));
const file = (name) => path.join(dir, name);
if (flags.assessment) fs.copyFileSync(path.resolve(flags.assessment), file('big.json'));
else fs.writeFileSync(file('big.json'), JSON.stringify(largeAssessment(size), null, 2));
const profiles = flags.profiles.split(',').map((p) => p.trim()).filter(Boolean);

async function timed(label, command, args, output) {
  const wrapped = timeBin ? [timeBin, ['-v', command, ...args]] : [command, args];
  const start = performance.now();
  const run = spawnSync(wrapped[0], wrapped[1], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, CI: '1', NO_COLOR: '1' } });
  const seconds = (performance.now() - start) / 1000;
  if (run.status !== 0) throw new Error(`${label} exited ${run.status}: ${run.stderr}`);
  const kb = (pattern) => Number(pattern.exec(run.stderr)?.[1] ?? NaN) / 1024;
  return {
    label, seconds, output, bytes: fs.statSync(file(output)).size, pages: await pdfPages(file(output)),
    nodeRssMb: kb(/BENCH_MAX_RSS_KB=(\d+)/), largestRssMb: kb(/Maximum resident set size \(kbytes\): (\d+)/),
  };
}

/** Pages of a PDF, read with pdf.js (a dev dependency), as the tests read them. */
async function pdfPages(pdf) {
  if (!pdf.endsWith('.pdf')) return undefined;
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await getDocument({ data: new Uint8Array(fs.readFileSync(pdf)), verbosity: 0, isEvalSupported: false }).promise;
  const pages = document.numPages;
  await document.destroy();
  return pages;
}

const cli = (format, profile, output) => [process.execPath, ['--import', path.join(root, 'bench/report-rss.mjs'), path.join(root, 'dist/cli/index.js'),
  'report', 'big.json', '--format', format, '--profile', profile, '--output', output, ...(format === 'pdf' ? ['--browser', browser] : [])]];
const barePrint = (html, pdf) => timed(`bare chromium --print-to-pdf of ${html}`, browser, [
  '--headless', ...(asRoot ? ['--no-sandbox'] : []), '--disable-gpu', '--no-pdf-header-footer',
  `--print-to-pdf=${file(pdf)}`, pathToFileURL(file(html)).href,
], pdf);

try {
  const runs = [];
  const ratios = [];
  for (const profile of profiles) {
    const html = await timed(`report --format html --profile ${profile}`, ...cli('html', profile, `${profile}.html`), `${profile}.html`);
    const pdf = await timed(`report --format pdf --profile ${profile}`, ...cli('pdf', profile, `${profile}.pdf`), `${profile}.pdf`);
    const bare = await barePrint(`${profile}.html`, `${profile}-bare.pdf`);
    runs.push(html, pdf, bare);
    ratios.push(`${profile} ${(pdf.seconds / bare.seconds).toFixed(2)}x`);
  }

  const version = spawnSync(browser, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const assessment = JSON.parse(fs.readFileSync(file('big.json'), 'utf8'));
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${version || browser}`);
  console.log(`assessment: ${flags.assessment ?? 'synthetic'}: ${assessment.controls.length} controls, ${assessment.findings.length} findings, ${assessment.frameworks.length} frameworks (${mib(fs.statSync(file('big.json')).size)})`);
  console.log(`${'run'.padEnd(52)} ${'seconds'.padStart(8)} ${'pages'.padStart(6)} ${'size'.padStart(10)} ${'RSS node'.padStart(10)} ${'RSS largest'.padStart(12)}`);
  const rss = (mb) => (Number.isNaN(mb) ? '-' : `${mb.toFixed(0)} MiB`);
  for (const r of runs) {
    console.log(`${r.label.padEnd(52)} ${r.seconds.toFixed(2).padStart(8)} ${String(r.pages ?? '-').padStart(6)} ${mib(r.bytes).padStart(10)} ${rss(r.nodeRssMb).padStart(10)} ${rss(r.largestRssMb).padStart(12)}`);
  }
  console.log(`PDF / bare print of the same HTML: ${ratios.join(', ')}${timeBin ? '' : ' (no /usr/bin/time: largest-process RSS not measured)'}`);
} finally {
  if (flags.keep) console.log(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
