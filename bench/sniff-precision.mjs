#!/usr/bin/env node
// How many files of a real tree the MCP content sniffer accepts, and which: every JSON, JSONC, YAML
// and TOML file under the given folders (dependency folders included, since they hold thousands of
// real non-MCP files: schemas, i18n, fixtures, manifests) goes through the same stages as discovery
// (name filter, 1 MiB bound, byte pre-filter, parse, shape test). Every accepted file is printed, so a
// false accept is seen by name. Usage: npm run build && node bench/sniff-precision.mjs <folder>...
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isSniffable, mayHoldMcp, sniffShape, SNIFF_MAX_BYTES } from '../dist/collectors/mcp-config/sniff.js';
import { parseJsonDoc, parseTomlDoc, parseYamlDoc } from '../dist/collectors/mcp-config/source-doc.js';

const roots = process.argv.slice(2);
if (roots.length === 0) { console.error('usage: node bench/sniff-precision.mjs <folder>...'); process.exit(2); }
const counts = { files: 0, sniffable: 0, tooLarge: 0, passedPrefilter: 0, parsed: 0, accepted: 0 };
const accepted = [];
const start = performance.now();
const formatOf = (name) => (/\.toml$/i.test(name) ? 'toml' : /\.ya?ml$/i.test(name) ? 'yaml' : 'json');

function walk(dir) {
  let entries;
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) { if (entry.name !== '.git') walk(full); continue; }
    if (!entry.isFile()) continue;
    counts.files++;
    if (!isSniffable(entry.name)) continue;
    counts.sniffable++;
    const size = fs.statSync(full).size;
    if (size > SNIFF_MAX_BYTES) { counts.tooLarge++; continue; }
    const bytes = fs.readFileSync(full);
    if (!mayHoldMcp(bytes)) continue;
    counts.passedPrefilter++;
    let text;
    try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { continue; }
    const format = formatOf(entry.name);
    const parsed = format === 'toml' ? parseTomlDoc(text) : format === 'yaml' ? parseYamlDoc(text) : parseJsonDoc(text);
    if (!parsed.ok) continue;
    counts.parsed++;
    const shape = sniffShape(parsed.doc.value, format);
    if (shape.mcp) { counts.accepted++; accepted.push(`${full} (${shape.parser}, ${shape.client})`); }
  }
}
for (const root of roots) walk(path.resolve(root));
const seconds = (performance.now() - start) / 1000;
console.log(`${counts.files} files, ${counts.sniffable} sniffable by name, ${counts.tooLarge} over ${SNIFF_MAX_BYTES / 1024 / 1024} MiB, `
  + `${counts.passedPrefilter} passed the byte pre-filter, ${counts.parsed} parsed, ${counts.accepted} accepted as MCP (${seconds.toFixed(2)} s)`);
for (const file of accepted) console.log(`  accepted: ${file}`);
