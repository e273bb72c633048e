#!/usr/bin/env node
// Precision of the checks on the real-world configuration corpus (test/fixtures/real-world/configs/):
// a fresh run of the collectors and checks over it, each finding looked up in labels.yaml. Prints per
// check id the findings, how many are labelled true, false, debatable or not yet, and the precision
// true / (true + false); then the totals, the files discovery cannot read yet (sources.yaml
// `known-gap`), the false findings no longer reported, and the known misses (labels.yaml `missed`).
// Usage: node --import tsx bench/real-world-precision.mjs [--json]
import { parseArgs } from 'node:util';
import { assessCorpus, compare, findingId, readLabels, readMisses, readSources } from '../test/real-world/corpus.ts';

const { values: flags } = parseArgs({ options: { json: { type: 'boolean', default: false } } });

const run = await assessCorpus();
const labels = readLabels();
const { verdictOf, fixedFalse } = compare(run, labels);
const found = new Set(run.findings.map(findingId));
const fixedSince = labels.filter((l) => l.verdict === 'false' && !l['still-reported'] && !found.has(findingId(l))).length;

const rows = new Map();
const tally = (id) => rows.get(id) ?? rows.set(id, { check: id, findings: 0, true: 0, false: 0, debatable: 0, unlabelled: 0 }).get(id);
const total = { check: 'all checks', findings: 0, true: 0, false: 0, debatable: 0, unlabelled: 0 };
for (const f of run.findings) {
  const verdict = verdictOf.get(findingId(f));
  for (const row of [tally(f.check), total]) { row.findings++; row[verdict]++; }
}
const precision = (r) => (r.true + r.false === 0 ? null : r.true / (r.true + r.false));
const table = [...[...rows.values()].sort((a, b) => a.check.localeCompare(b.check)), total].map((r) => ({ ...r, precision: precision(r) }));
const sources = readSources();
const gaps = sources.filter((s) => s['known-gap']).length;

if (flags.json) {
  console.log(JSON.stringify({ files: sources.length, repositories: new Set(sources.map((s) => s.repo)).size, knownGaps: gaps, crashes: run.crashes, checks: table, missed: readMisses() }, null, 2));
} else {
  // One decimal: 200 of 201 is 99.5 %, not "100 %".
  const pct = (p) => (p === null ? '-' : `${(Math.floor(p * 1000) / 10).toFixed(1)}%`);
  const cols = ['findings', 'true', 'false', 'debatable', 'unlabelled'];
  const width = Math.max(...table.map((r) => r.check.length));
  console.log(`${'check'.padEnd(width)}  ${cols.map((c) => c.padStart(11)).join('')}  precision`);
  for (const r of table) {
    if (r === total) console.log('-'.repeat(width + 2 + cols.length * 11 + 11));
    console.log(`${r.check.padEnd(width)}  ${cols.map((c) => String(r[c]).padStart(11)).join('')}  ${pct(r.precision).padStart(9)}`);
  }
  console.log(`\n${sources.length} files from ${new Set(sources.map((s) => s.repo)).size} repositories; ${sources.length - gaps} read, ${gaps} not yet (known gaps of discovery).`);
  console.log(`False findings no longer reported: ${fixedSince + fixedFalse.length} (labels marked still-reported but gone: ${fixedFalse.length}).`);
  const misses = readMisses();
  console.log(`Known misses (labels.yaml missed:, no check reports them yet): ${misses.length}`);
  for (const m of misses) console.log(`  ${m.expect} ${m.path} ${m.pointer}: ${m.reason}`);
  if (run.crashes.length) console.log(`Crashes: ${run.crashes.join('; ')}`);
}
