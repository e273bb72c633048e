/**
 * The evidence bundle (DESIGN §8): `items.jsonl` holds one evidence item per line as canonical JSON,
 * sorted by id, and `manifest.json` lists each item's sha256 (of its line, without the newline),
 * line number, collector, source and collectedAt. The root hash is the sha256 of the items' hex hashes,
 * sorted and joined with newlines; it is printed on the report's cover, so anyone can recompute it with
 * `mcp-comply verify` (or a few lines of shell). One file, not thousands: writing and verifying stream.
 */
import path from 'node:path';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { READ_CAPS, readRegularText } from '../lib/bounded-read.js';
import { canonicalJson, sha256Hex } from '../lib/canonical-json.js';
import { PACKAGE_VERSION } from '../lib/package-root.js';
import type { EvidenceItem } from './types.js';

export const MANIFEST = 'manifest.json';
export const ITEMS = 'items.jsonl';
export const BUNDLE_SCHEMA_VERSION = '1.0';

export interface ManifestEntry {
  id: string;
  kind: string;
  collector: string;
  source: string;
  collectedAt: string;
  /** sha256 (hex) of the item's line in items.jsonl, without its newline. */
  sha256: string;
  /** 1-based line of the item in items.jsonl. */
  line: number;
}

export interface Manifest {
  schemaVersion: string;
  tool: { name: string; version: string };
  generatedAt: string;
  rootHash: string;
  items: ManifestEntry[];
}

export function rootHashOf(hashes: string[]): string {
  return `sha256:${sha256Hex([...hashes].sort().join('\n'))}`;
}

/** The manifest for a set of items and their lines, sorted by id, without writing anything. */
export function buildManifest(items: EvidenceItem[], generatedAt: string): { manifest: Manifest; lines: string[] } {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines: string[] = [];
  const entries = sorted.map((item, index): ManifestEntry => {
    if (index > 0 && sorted[index - 1]!.id === item.id) throw new Error(`two evidence items share the id ${item.id}`);
    const line = canonicalJson(item);
    lines.push(line);
    return {
      id: item.id, kind: item.kind, collector: item.collector, source: item.source,
      collectedAt: item.collectedAt, sha256: sha256Hex(line), line: index + 1,
    };
  });
  return {
    manifest: {
      schemaVersion: BUNDLE_SCHEMA_VERSION,
      tool: { name: 'mcp-comply', version: PACKAGE_VERSION },
      generatedAt,
      rootHash: rootHashOf(entries.map((e) => e.sha256)),
      items: entries,
    },
    lines,
  };
}

/** Writes the bundle into `dir` (created if needed): the items, then the manifest, each atomically. */
export function writeBundle(dir: string, items: EvidenceItem[], generatedAt: string): Manifest {
  const { manifest, lines } = buildManifest(items, generatedAt);
  writeFileAtomic(path.join(dir, ITEMS), lines.length ? `${lines.join('\n')}\n` : '');
  writeFileAtomic(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export interface VerifyProblem {
  /** Evidence id, or what else is wrong (the manifest, a line the manifest does not list). */
  subject: string;
  /** Where: `items.jsonl:12`, or `manifest.json`. */
  file: string;
  reason: 'altered' | 'missing' | 'unlisted' | 'root-hash-mismatch' | 'unreadable';
  detail: string;
}

export interface VerifyResult {
  manifest?: Manifest;
  /** Root hash recomputed from the lines as they are now. */
  rootHash?: string;
  /** The verified lines, for readBundle. */
  lines?: string[];
  problems: VerifyProblem[];
}

/** Recomputes every item hash and the root hash; names each item that was altered, removed or added. */
export function verifyBundle(dir: string): VerifyResult {
  let manifest: Manifest;
  // A bundle handed over for verification is not trusted: either file may be a FIFO or a link to a device.
  const manifestRead = readRegularText(path.join(dir, MANIFEST), { cap: READ_CAPS.bundleManifest });
  if (!manifestRead.ok) return { problems: [{ subject: MANIFEST, file: MANIFEST, reason: 'unreadable', detail: manifestRead.refusal.reason }] };
  try {
    manifest = JSON.parse(manifestRead.text) as Manifest;
    if (!Array.isArray(manifest.items) || typeof manifest.rootHash !== 'string') throw new Error('not an mcp-comply evidence manifest');
  } catch (error) {
    return { problems: [{ subject: MANIFEST, file: MANIFEST, reason: 'unreadable', detail: (error as Error).message }] };
  }
  const itemsRead = readRegularText(path.join(dir, ITEMS), { cap: READ_CAPS.bundleItems });
  if (!itemsRead.ok) return { manifest, problems: [{ subject: ITEMS, file: ITEMS, reason: 'unreadable', detail: itemsRead.refusal.reason }] };
  const text = itemsRead.text;
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const problems: VerifyProblem[] = [];
  const actual: string[] = [];
  for (const entry of manifest.items) {
    const line = lines[entry.line - 1];
    if (line === undefined) {
      problems.push({ subject: entry.id, file: `${ITEMS}:${entry.line}`, reason: 'missing', detail: 'listed in the manifest but not in the bundle' });
      continue;
    }
    const hash = sha256Hex(line);
    actual.push(hash);
    if (hash !== entry.sha256) {
      problems.push({ subject: entry.id, file: `${ITEMS}:${entry.line}`, reason: 'altered', detail: `sha256 is ${hash}, the manifest records ${entry.sha256}` });
    }
  }
  for (let n = manifest.items.length + 1; n <= lines.length; n++) {
    problems.push({ subject: `line ${n}`, file: `${ITEMS}:${n}`, reason: 'unlisted', detail: 'in the bundle but not listed in the manifest' });
  }
  const listedRoot = rootHashOf(manifest.items.map((e) => e.sha256));
  if (listedRoot !== manifest.rootHash) {
    problems.push({ subject: MANIFEST, file: MANIFEST, reason: 'root-hash-mismatch', detail: `the manifest's root hash ${manifest.rootHash} does not match its items (${listedRoot})` });
  }
  return { manifest, rootHash: rootHashOf(actual), lines, problems };
}

/** Loads a verified bundle's items; refuses a bundle that does not verify. */
export function readBundle(dir: string): { items: EvidenceItem[]; manifest?: Manifest; problems: VerifyProblem[] } {
  const verified = verifyBundle(dir);
  if (verified.problems.length > 0 || !verified.manifest || !verified.lines) return { items: [], manifest: verified.manifest, problems: verified.problems };
  return { items: verified.lines.map((line) => JSON.parse(line) as EvidenceItem), manifest: verified.manifest, problems: [] };
}
