/** The evidence bundle: hashes, root hash, and verify naming exactly what was altered. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ITEMS, MANIFEST, manifestRootHash, readBundle, rootHashOf, verifyBundle, writeBundle, type Manifest } from '../../src/evidence/bundle.js';
import { canonicalJson, sha256Hex } from '../../src/lib/canonical-json.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { tempDir } from '../helpers/temp-catalog.js';

const NOW = '2026-11-23T10:00:00.000Z';
const items: EvidenceItem[] = ['a', 'b', 'c'].map((name) => ({
  id: `unreadable-source:${name}.json`, kind: 'unreadable-source', collector: 'mcp-config', source: `${name}.json`, collectedAt: NOW,
  data: { path: `${name}.json`, code: 'parse-error', reason: 'comma expected', line: 2, column: 3 },
}));
const linesOf = (dir: string) => fs.readFileSync(path.join(dir, ITEMS), 'utf8').replace(/\n$/, '').split('\n');

describe('evidence bundle', () => {
  it('writes one line per item and a manifest whose root hash is the sha256 of the manifest less its root, as canonical JSON', () => {
    const dir = tempDir();
    const manifest = writeBundle(dir, items, NOW);
    assert.equal(manifest.items.length, 3);
    assert.equal(manifest.schemaVersion, '1.1');
    const lines = linesOf(dir);
    for (const entry of manifest.items) assert.equal(sha256Hex(lines[entry.line - 1]!), entry.sha256);
    const { rootHash, ...rest } = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
    assert.equal(rootHash, `sha256:${sha256Hex(canonicalJson(rest))}`);
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
    // The planted entry also names line 9 as entry 4, and its id breaks the order.
    assert.deepEqual(reasons, ['altered', 'inconsistent', 'inconsistent', 'missing', 'root-hash-mismatch']);
    const dir2 = tempDir();
    writeBundle(dir2, items, NOW);
    fs.appendFileSync(path.join(dir2, ITEMS), '{"id":"planted"}\n');
    assert.deepEqual(verifyBundle(dir2).problems.map((p) => [p.reason, p.file]), [['unlisted', `${ITEMS}:4`]]);
  });

  /** A bundle of the three items, its manifest changed by `tamper` and its root hash recomputed to match, as a forger would. */
  const forged = (tamper: (manifest: Manifest, lines: string[]) => void) => {
    const dir = tempDir();
    const manifest = writeBundle(dir, items, NOW);
    const lines = linesOf(dir);
    tamper(manifest, lines);
    manifest.rootHash = manifestRootHash(manifest);
    fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify(manifest));
    fs.writeFileSync(path.join(dir, ITEMS), `${lines.join('\n')}\n`);
    return verifyBundle(dir).problems.map((p) => [p.reason, p.file, p.detail]);
  };
  const planted = JSON.stringify({ ...items[0]!, id: 'unreadable-source:z.json', source: 'z.json' });

  it('a forged line vouched for by a second entry of a genuine line is found, though every hash and the root agree', () => {
    assert.deepEqual(forged((manifest, lines) => {
      lines.push(planted);
      manifest.items.push({ ...manifest.items[0]! });
    }), [
      ['inconsistent', MANIFEST, 'entry 4 of the manifest names line 1'],
      ['inconsistent', MANIFEST, 'entry 4 of the manifest repeats an id or breaks their order'],
    ]);
  });

  it('an entry whose metadata differs from its line is found (the metadata is no longer outside every hash)', () => {
    assert.deepEqual(forged((manifest) => { manifest.items[1]!.source = 'elsewhere.json'; }), [
      ['inconsistent', `${ITEMS}:2`, 'the manifest records source "elsewhere.json", the item "b.json"'],
    ]);
  });

  it('a changed generation time or tool breaks the root hash unless the forger recomputes it, and then differs from the assessment', () => {
    const dir = tempDir();
    const manifest = writeBundle(dir, items, NOW);
    fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify({ ...manifest, generatedAt: '2027-01-01T00:00:00.000Z' }));
    assert.deepEqual(verifyBundle(dir).problems.map((p) => p.reason), ['root-hash-mismatch']);
  });

  it('a manifest with a null entry or an unknown schema is unreadable, not a crash', () => {
    const dir = tempDir();
    const manifest = writeBundle(dir, items, NOW);
    fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify({ ...manifest, items: [null, ...manifest.items] }));
    assert.deepEqual(verifyBundle(dir).problems.map((p) => [p.reason, p.detail]),
      [['unreadable', 'entry 1 of the manifest is not an evidence entry (id, kind, collector, source, collectedAt, sha256, line)']]);
    fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify({ ...manifest, schemaVersion: '9.0' }));
    assert.deepEqual(verifyBundle(dir).problems.map((p) => p.detail), ['schema version "9.0" is not one this version reads (1.0 or 1.1)']);
  });

  it('a bundle of schema 1.0 (root over the item hashes) still verifies, and a tampered one still fails', () => {
    const dir = tempDir();
    const manifest = writeBundle(dir, items, NOW);
    const legacy = { ...manifest, schemaVersion: '1.0', rootHash: rootHashOf(manifest.items.map((e) => e.sha256)) };
    fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify(legacy));
    assert.deepEqual(verifyBundle(dir).problems, []);
    assert.equal(verifyBundle(dir).rootHash, legacy.rootHash);
    fs.appendFileSync(path.join(dir, ITEMS), `${planted}\n`);
    assert.deepEqual(verifyBundle(dir).problems.map((p) => p.reason), ['unlisted']);
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
