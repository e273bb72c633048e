/**
 * mcp.tools.poisoning-pattern on real material (test/fixtures/real-world/tools/): tool lists of
 * well-known servers must stay clean but for the labelled findings, and every published poisoning
 * example must stay detected by exactly its labelled families. A regression either way fails here.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { CORPUS, runCorpusPart } from '../../../bench/lib/poisoning-corpus.mjs';
import { check } from '../../../src/checks/mcp/mcp.tools.poisoning-pattern.js';
import { parseToolSnapshot } from '../../../src/collectors/tool-snapshot/parse.js';

interface Labelled { file: string; unit: string; families: string[]; label?: 'true' | 'false' | 'debatable' | boolean; why?: string }
const labels = parse(fs.readFileSync(path.join(CORPUS, 'labels.yaml'), 'utf8')) as { benign: Labelled[]; poisoned: Labelled[] };
const sources = parse(fs.readFileSync(path.join(CORPUS, 'sources.yaml'), 'utf8')) as Array<{ file: string; licence?: string; commit?: string; url?: string }>;
const row = (u: { file: string; unit: string; families: string[] }) => `${u.file} ${u.unit}: ${u.families.join(', ')}`;

describe('mcp.tools.poisoning-pattern: real-world tool corpus', () => {
  const benign = runCorpusPart({ parseToolSnapshot, check }, 'benign');
  const poisoned = runCorpusPart({ parseToolSnapshot, check }, 'poisoned');

  it('has 300+ benign tools of 30+ servers, and every file has its provenance and licence', () => {
    const tools = benign.filter((u) => !u.unit.includes(':') && u.unit !== '(instructions)');
    assert.equal(tools.length, 973);
    assert.equal(new Set(benign.map((u) => `${u.file.split('/')[1]}/${u.server}`)).size, 40);
    const listed = new Set(sources.map((s) => s.file));
    const onDisk = new Set([...benign, ...poisoned].map((u) => u.file));
    assert.deepEqual([...onDisk].filter((f) => !listed.has(f)), []);
    for (const source of sources) {
      assert.ok(source.licence, `${source.file} has no licence`);
      assert.ok(source.commit ?? source.url, `${source.file} has neither commit nor url`);
    }
  });

  it('flags exactly the labelled benign units, each judged with a reason, at most 1 in 100', () => {
    const flagged = benign.filter((u) => u.families.length > 0).map(row).sort();
    assert.deepEqual(flagged, labels.benign.map(row).sort());
    for (const l of labels.benign) {
      assert.ok(['true', 'false', 'debatable'].includes(String(l.label)), `${row(l)}: label must be true, false or debatable`);
      assert.ok(l.why && l.why.length > 20, `${row(l)}: needs a one-line justification`);
    }
    assert.ok(flagged.length * 100 <= benign.length, `${flagged.length} of ${benign.length} benign units flagged`);
  });

  it('detects every published poisoning example, by exactly its labelled families', () => {
    assert.deepEqual(poisoned.map(row).sort(), labels.poisoned.map(row).sort());
    assert.deepEqual(poisoned.filter((u) => u.families.length === 0).map(row), []);
    assert.equal(new Set(poisoned.map((u) => u.file)).size, 13);
  });
});
