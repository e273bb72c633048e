#!/usr/bin/env node
// Precision and recall of mcp.tools.poisoning-pattern on the real-world tool corpus
// (test/fixtures/real-world/tools/: tool lists of well-known servers, and published poisoning examples).
// Prints the benign units (tools, prompts, resources, instructions), how many are flagged and by which
// family, and which published examples are detected by which family.
// Usage: npm run build && node bench/poisoning-precision.mjs [--list]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCorpusPart } from './lib/poisoning-corpus.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = (p) => path.join(root, 'dist', p);
if (!fs.existsSync(dist('checks/mcp/mcp.tools.poisoning-pattern.js'))) {
  console.error('bench/poisoning-precision.mjs runs the built check: npm run build first');
  process.exit(2);
}
const { parseToolSnapshot } = await import(dist('collectors/tool-snapshot/parse.js'));
const { check } = await import(dist('checks/mcp/mcp.tools.poisoning-pattern.js'));
const list = process.argv.includes('--list');

const count = (units, key) => {
  const out = new Map();
  for (const u of units) for (const k of key(u)) out.set(k, (out.get(k) ?? 0) + 1);
  return [...out.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
};

const benign = runCorpusPart({ parseToolSnapshot, check }, 'benign');
const flagged = benign.filter((u) => u.families.length > 0);
const servers = new Set(benign.map((u) => `${u.file.split('/')[1]}/${u.server}`));
const tools = benign.filter((u) => !u.unit.includes(':') && u.unit !== '(instructions)').length;
console.log(`benign: ${benign.length} units (${tools} tools) of ${servers.size} servers from ${new Set(benign.map((u) => u.file.split('/')[1])).size} repositories`);
console.log(`benign flagged: ${flagged.length} (${(100 * flagged.length / benign.length).toFixed(2)}%); by family: ${count(flagged, (u) => u.families)}`);
if (list) for (const u of flagged) console.log(`  ${u.file} ${u.unit}: ${u.families.join(', ')} (${u.severities.join(', ')})`);

const poisoned = runCorpusPart({ parseToolSnapshot, check }, 'poisoned');
const examples = new Map();
for (const u of poisoned) {
  const entry = examples.get(u.file) ?? new Set();
  u.families.forEach((f) => entry.add(f));
  examples.set(u.file, entry);
}
const detected = [...examples.values()].filter((f) => f.size > 0).length;
console.log(`published poisoning examples: ${examples.size}, detected: ${detected}; by family: ${count([...examples.values()].map((f) => ({ families: [...f] })), (u) => u.families)}`);
if (list) for (const [file, families] of examples) console.log(`  ${file}: ${[...families].sort().join(', ') || 'MISSED'}`);
