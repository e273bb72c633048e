#!/usr/bin/env node
// Benchmark: `validate` on a generated catalog far larger than any real one (default 10,000 controls
// in 100 files, one mapping with 10,000 requirements and 30,000 links), against a baseline run on the
// same files in the same run: plain `yaml.parse` with no positions, no schema and no cross-references.
// Best of three runs each, alternating. Usage: npm run build && node bench/catalog-validate.mjs [controls=10000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { loadCatalog } from '../dist/catalog/load-catalog.js';
import { CHECK_IDS } from '../dist/checks/ids.js';

const total = Number(process.argv[2] ?? 10_000);
const perFile = 100;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-comply-bench-'));
fs.mkdirSync(path.join(dir, 'controls'));
fs.mkdirSync(path.join(dir, 'mappings'));

const id = (i) => `BENCH-${String(i).padStart(5, '0')}`;
for (let f = 0; f < total / perFile; f++) {
  const lines = ['family: { id: BN, title: Bench }', 'controls:'];
  for (let i = f * perFile; i < (f + 1) * perFile; i++) {
    lines.push(
      `  - id: ${id(i)}`, `    title: Generated control ${i}`, '    objective: Something testable holds for every MCP server.',
      `    practices: [P${String((i % 24) + 1).padStart(2, '0')}]`, `    threats: [T${String((i % 12) + 1).padStart(2, '0')}]`,
      '    severity: high', '    likelihood: 3', '    impact: 4', `    checks: [${CHECK_IDS[i % CHECK_IDS.length]}]`,
      '    evidence:', '      - A signed export of the configuration, dated within 90 days', '    remediation: Fix the configuration.',
    );
  }
  fs.writeFileSync(path.join(dir, 'controls', `f${f}.yaml`), `${lines.join('\n')}\n`);
}
const mapping = ['framework: { id: bench, name: Bench, version: "1", publisher: Bench, source: "https://example.org/" }', 'requirements:'];
for (let r = 0; r < total; r++) {
  mapping.push(`  - id: R-${r}`, `    title: Requirement ${r}`, '    controls:');
  for (const c of [r, (r + 1) % total, (r + 7) % total]) mapping.push(`      - { control: ${id(c)}, relationship: subset, rationale: Generated link. }`);
}
fs.writeFileSync(path.join(dir, 'mappings', 'bench.yaml'), `${mapping.join('\n')}\n`);

const files = ['controls', 'mappings'].flatMap((d) => fs.readdirSync(path.join(dir, d)).map((f) => path.join(dir, d, f)));
const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);

/** Best of three, alternating, so JIT warm-up favours neither side. */
const runs = { baseline: [], ours: [] };
let result;
for (let i = 0; i < 3; i++) {
  let start = performance.now();
  files.map((f) => parse(fs.readFileSync(f, 'utf8')));
  runs.baseline.push(performance.now() - start);
  start = performance.now();
  result = loadCatalog([dir]);
  runs.ours.push(performance.now() - start);
}
const baseline = { ms: Math.min(...runs.baseline) };
const ours = { ms: Math.min(...runs.ours), result };
const errors = ours.result.problems.filter((p) => p.severity === 'error');
fs.rmSync(dir, { recursive: true, force: true });

const mb = (n) => (n / 1024 / 1024).toFixed(1);
console.log(`catalog: ${total} controls, ${total} requirements, ${total * 3} links, ${files.length} files, ${mb(bytes)} MiB`);
console.log(`baseline yaml.parse:      ${baseline.ms.toFixed(0)} ms`);
console.log(`mcp-comply loadCatalog:   ${ours.ms.toFixed(0)} ms (${(ours.ms / baseline.ms).toFixed(2)}x baseline; positions, schemas, cross-references)`);
console.log(`controls per second:      ${Math.round(total / (ours.ms / 1000))}`);
console.log(`peak RSS:                 ${mb(process.resourceUsage().maxRSS * 1024)} MiB`);
console.log(`problems: ${errors.length} error(s) (expected 0), ${ours.result.problems.length - errors.length} warning(s)`);
if (errors.length) { console.error(errors.slice(0, 5)); process.exitCode = 1; }
