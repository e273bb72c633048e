/** The evidence bundle: hashes, root hash, and verify naming exactly what was altered. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ITEMS, readBundle, rootHashOf, verifyBundle, writeBundle } from '../../src/evidence/bundle.js';
import { sha256Hex } from '../../src/lib/canonical-json.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { tempDir } from '../helpers/temp-catalog.js';

const NOW = '2026-11-23T10:00:00.000Z';
const items: EvidenceItem[] = ['a', 'b', 'c'].map((name) => ({
  id: `unreadable-source:${name}.json`, kind: 'unreadable-source', collector: 'mcp-config', source: `${name}.json`, collectedAt: NOW,
  data: { path: `${name}.json`, code: 'parse-error', reason: 'comma expected', line: 2, column: 3 },
}));
const linesOf = (dir: string) => fs.readFileSync(path.join(dir, ITEMS), 'utf8').replace(/\n$/, '').split('\n');

describe('evidence bundle', () => {
  it('writes one line per item and a manifest whose root hash is the sha256 of the sorted item hashes', () => {
    const dir = tempDir();
    const manifest = writeBundle(dir, items, NOW);
    assert.equal(manifest.items.length, 3);
    const lines = linesOf(dir);
    for (const entry of manifest.items) assert.equal(sha256Hex(lines[entry.line - 1]!), entry.sha256);
    assert.equal(manifest.rootHash, `sha256:${sha256Hex(manifest.items.map((e) => e.sha256).sort().join('\n'))}`);
    assert.deepEqual(verifyBundle(dir).problems, []);
  });

  it('gives the same hashes for the same evidence in any order', () => {
    const a = writeBundle(tempDir(), items, NOW);
    const b = writeBundle(tempDir(), [...items].reverse(), NOW);
    assert.equal(a.rootHash, b.rootHash);
  });

  it('names the item whose line changed by one byte', () => {
    const dir = tempDir();
    const manifest = writeBundle(dir, items, NOW);
    const target = manifest.items[1]!;
    const file = path.join(dir, ITEMS);
    const bytes = fs.readFileSync(file);
    const offset = linesOf(dir).slice(0, target.line - 1).join('\n').length + 12;
    bytes[offset] = bytes[offset]! ^ 0x01;
    fs.writeFileSync(file, bytes);
    const { problems, rootHash } = verifyBundle(dir);
    assert.deepEqual(problems.map((p) => [p.subject, p.reason, p.file]), [[target.id, 'altered', `${ITEMS}:${target.line}`]]);
    assert.notEqual(rootHash, manifest.rootHash);
    assert.equal(readBundle(dir).items.length, 0, 'an altered bundle is not loaded');
  });

  it('names missing and unlisted items and a tampered manifest', () => {
    const dir = tempDir();
    const manifest = writeBundle(dir, items, NOW);
    fs.appendFileSync(path.join(dir, ITEMS), '{"id":"planted"}\n');
    const tampered = { ...manifest, items: [...manifest.items.map((e, i) => (i === 2 ? { ...e, sha256: '0'.repeat(64) } : e))] };
    tampered.items.push({ ...manifest.items[0]!, id: 'gone', line: 9 });
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(tampered));
    const reasons = verifyBundle(dir).problems.map((p) => p.reason).sort();
    assert.deepEqual(reasons, ['altered', 'missing', 'root-hash-mismatch']);
    const dir2 = tempDir();
    writeBundle(dir2, items, NOW);
    fs.appendFileSync(path.join(dir2, ITEMS), '{"id":"planted"}\n');
    assert.deepEqual(verifyBundle(dir2).problems.map((p) => [p.reason, p.file]), [['unlisted', `${ITEMS}:4`]]);
  });

  it('refuses a folder that is not a bundle', () => {
    assert.deepEqual(verifyBundle(tempDir()).problems.map((p) => p.reason), ['unreadable']);
  });

  it('round-trips items through readBundle, including an empty bundle', () => {
    const dir = tempDir();
    writeBundle(dir, items, NOW);
    const { items: read, problems } = readBundle(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(read, [...items].sort((a, b) => a.id.localeCompare(b.id)));
    const empty = tempDir();
    writeBundle(empty, [], NOW);
    assert.deepEqual(readBundle(empty), { items: [], manifest: readBundle(empty).manifest, problems: [] });
    assert.equal(rootHashOf([]), `sha256:${sha256Hex('')}`);
  });
});
