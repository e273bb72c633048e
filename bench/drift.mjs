#!/usr/bin/env node
// Benchmark: `mcp-comply baseline update` and `mcp-comply drift` on large synthetic assessments (default
// 5,000 and 50,000 findings, 500 controls), against jq, sort and comm making the same comparison of the
// same files in the same run: findings new and resolved by fingerprint, and controls whose status
// changed. The current assessment is the baseline with 5% of its findings
// resolved, as many new ones, and every 20th passing control failing.
// Prints seconds and peak RSS of each, and our time as a multiple of the shell's.
// Usage: npm run build && node bench/drift.mjs [--findings 5000,50000] [--controls 500] [--keep]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { largeAssessment } from './lib/large-assessment.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cliPath = path.join(root, 'dist/cli/index.js');
const { values: flags } = parseArgs({
  options: {
    findings: { type: 'string', default: '5000,50000' },
    controls: { type: 'string', default: '500' },
    keep: { type: 'boolean', default: false },
  },
});
if (!fs.existsSync(cliPath)) {
  console.error('bench/drift.mjs runs the built CLI: npm run build first');
  process.exit(2);
}
const jq = spawnSync('jq', ['--version'], { encoding: 'utf8' });
if (jq.status !== 0) {
  console.error('bench/drift.mjs compares with jq: install it (apt-get install jq)');
  process.exit(2);
}
const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** The baseline's findings, 5% resolved and as many new; every 20th passing control now failing. */
function changed(baseline) {
  const current = structuredClone(baseline);
  const step = 20;
  const resolved = new Set(current.findings.filter((_, i) => i % step === 0).map((f) => f.fingerprint));
  const added = current.findings.filter((_, i) => i % step === 1)
    .map((f, i) => ({ ...f, fingerprint: `new${String(i).padStart(29, '0')}`, message: `${f.message} (new)` }));
  current.findings = [...current.findings.filter((f) => !resolved.has(f.fingerprint)), ...added];
  current.controls.filter((c) => c.status === 'pass').forEach((c, i) => { if (i % step === 0) c.status = 'fail'; });
  current.generatedAt = '2026-11-24T09:00:00.000Z';
  return current;
}

// The same comparison with jq, sort, comm and join: new and resolved fingerprints, and controls whose
// status changed. (jq alone joins through INDEX, which jq 1.6 builds in quadratic time: 14 minutes at
// 50,000 findings, no fair baseline.)
const SHELL_DRIFT = `set -e
jq -r '.findings[].fingerprint' baseline.json | LC_ALL=C sort > b.fp
jq -r '.findings[].fingerprint' current.json | LC_ALL=C sort > c.fp
jq -r '.controls[] | [.id, .status] | @tsv' baseline.json | LC_ALL=C sort > b.controls
jq -r '.controls[] | [.id, .status] | @tsv' current.json | LC_ALL=C sort > c.controls
echo "new $(LC_ALL=C comm -13 b.fp c.fp | wc -l)"
echo "resolved $(LC_ALL=C comm -23 b.fp c.fp | wc -l)"
echo "controls $(LC_ALL=C join -t "$(printf '\t')" b.controls c.controls | awk -F '\t' '$2 != $3' | wc -l)"`;

function timed(dir, label, command, args, expectedCodes = [0]) {
  const wrapped = timeBin ? [timeBin, ['-v', command, ...args]] : [command, args];
  const start = performance.now();
  const run = spawnSync(wrapped[0], wrapped[1], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  const seconds = (performance.now() - start) / 1000;
  if (!expectedCodes.includes(run.status)) throw new Error(`${label} exited ${run.status}: ${run.stderr.slice(-2000)}`);
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] ?? NaN);
  return { label, seconds, rssMb: rssKb / 1024, stdout: run.stdout };
}

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const rss = (mb) => (Number.isNaN(mb) ? '-' : `${mb.toFixed(0)} MiB`);
console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${jq.stdout.trim()}`);
const count = (text, key) => Number(new RegExp(`^${key} (\\d+)$`, 'm').exec(text)?.[1]);

for (const findings of flags.findings.split(',').map(Number)) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-comply-drift-bench-'));
  try {
    const baseline = largeAssessment({ controls: Number(flags.controls), findings, frameworks: 6 });
    fs.writeFileSync(path.join(dir, 'baseline-assessment.json'), JSON.stringify(baseline));
    fs.writeFileSync(path.join(dir, 'current.json'), JSON.stringify(changed(baseline)));

    const node = (label, args, codes) => timed(dir, label, process.execPath, [cliPath, ...args], codes);
    const update = node('mcp-comply baseline update', ['baseline', 'update', '--assessment', 'baseline-assessment.json', '--output', 'baseline.json']);
    const drift = node('mcp-comply drift --format json', ['drift', 'baseline.json', 'current.json', '--format', 'json'], [0, 1]);
    const shell = timed(dir, 'jq | sort | comm, the same', 'bash', ['-c', SHELL_DRIFT]);

    // Both must have found the same thing, or the times mean nothing.
    const ours = JSON.parse(drift.stdout);
    const theirs = { new: count(shell.stdout, 'new'), resolved: count(shell.stdout, 'resolved'), controls: count(shell.stdout, 'controls') };
    const mine = { new: ours.changes.findings.new.length, resolved: ours.changes.findings.resolved.length, controls: ours.changes.controls.length };
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) throw new Error(`drift and the shell disagree: ${JSON.stringify(mine)} vs ${JSON.stringify(theirs)}`);

    console.log(`\n${findings} findings, ${flags.controls} controls: assessment ${mib(fs.statSync(path.join(dir, 'baseline-assessment.json')).size)}, `
      + `baseline ${mib(fs.statSync(path.join(dir, 'baseline.json')).size)}; ${theirs.new} new, ${theirs.resolved} resolved, `
      + `${ours.regressions.controls.length} controls regressed`);
    console.log(`${'run'.padEnd(34)} ${'seconds'.padStart(8)} ${'peak RSS'.padStart(10)}`);
    for (const r of [update, drift, shell]) console.log(`${r.label.padEnd(34)} ${r.seconds.toFixed(2).padStart(8)} ${rss(r.rssMb).padStart(10)}`);
    console.log(`drift / shell: ${(drift.seconds / shell.seconds).toFixed(2)}x the time`);
  } finally {
    if (flags.keep) console.log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
