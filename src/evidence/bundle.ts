/**
 * The evidence bundle (DESIGN §8): one canonical-JSON file per evidence item under `items/`, and
 * `manifest.json` listing each item's sha256, collector, source and collectedAt. The root hash is the
 * sha256 of the items' hex hashes, sorted and joined with newlines; it is printed on the report's cover,
 * so anyone can recompute it with `mcp-comply verify` (or sha256sum and sort).
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { canonicalJson, sha256Hex } from '../lib/canonical-json.js';
import { PACKAGE_VERSION } from '../lib/package-root.js';
import type { EvidenceItem } from './types.js';

export const MANIFEST = 'manifest.json';
export const BUNDLE_SCHEMA_VERSION = '1.0';

export interface ManifestEntry {
  id: string;
  kind: string;
  collector: string;
  source: string;
  collectedAt: string;
  /** sha256 (hex) of the item file's bytes. */
  sha256: string;
  /** Item file, relative to the bundle folder. */
  file: string;
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

/** The bytes an item is stored as; its sha256 is the item's hash everywhere. */
function itemBytes(item: EvidenceItem): string {
  return `${canonicalJson(item)}\n`;
}

/** The manifest for a set of items, sorted by id, without writing anything. */
export function buildManifest(items: EvidenceItem[], generatedAt: string): Manifest {
  const entries: ManifestEntry[] = [];
  const used = new Set<string>();
  for (const item of [...items].sort((a, b) => a.id.localeCompare(b.id))) {
    if (used.has(item.id)) throw new Error(`two evidence items share the id ${item.id}`);
    used.add(item.id);
    entries.push({
      id: item.id, kind: item.kind, collector: item.collector, source: item.source,
      collectedAt: item.collectedAt, sha256: sha256Hex(itemBytes(item)), file: `items/${itemFileName(item.id)}`,
    });
  }
  return {
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    tool: { name: 'mcp-comply', version: PACKAGE_VERSION },
    generatedAt,
    rootHash: rootHashOf(entries.map((e) => e.sha256)),
    items: entries,
  };
}

/** Writes the bundle into `dir` (created if needed): items first, the manifest last, each atomically. */
export function writeBundle(dir: string, items: EvidenceItem[], generatedAt: string): Manifest {
  const manifest = buildManifest(items, generatedAt);
  const byId = new Map(items.map((i) => [i.id, i]));
  fs.rmSync(path.join(dir, 'items'), { recursive: true, force: true });
  for (const entry of manifest.items) writeFileAtomic(path.join(dir, entry.file), itemBytes(byId.get(entry.id)!));
  writeFileAtomic(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** A readable, collision-free file name for an evidence id. */
function itemFileName(id: string): string {
  const slug = id.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 80);
  return `${slug}.${sha256Hex(id).slice(0, 12)}.json`;
}

export interface VerifyProblem {
  /** Evidence id, or the file name for files the manifest does not list. */
  subject: string;
  file: string;
  reason: 'altered' | 'missing' | 'unlisted' | 'root-hash-mismatch' | 'unreadable';
  detail: string;
}

export interface VerifyResult {
  manifest?: Manifest;
  /** Root hash recomputed from the files as they are now. */
  rootHash?: string;
  problems: VerifyProblem[];
}

/** Recomputes every hash and the root hash; names each item that was altered, removed or added. */
export function verifyBundle(dir: string): VerifyResult {
  const manifestFile = path.join(dir, MANIFEST);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    if (!Array.isArray(manifest.items) || typeof manifest.rootHash !== 'string') throw new Error('not an mcp-comply evidence manifest');
  } catch (error) {
    return { problems: [{ subject: MANIFEST, file: MANIFEST, reason: 'unreadable', detail: (error as Error).message }] };
  }
  const problems: VerifyProblem[] = [];
  const actual: string[] = [];
  for (const entry of manifest.items) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(dir, entry.file));
    } catch {
      problems.push({ subject: entry.id, file: entry.file, reason: 'missing', detail: 'listed in the manifest but not in the bundle' });
      continue;
    }
    const hash = sha256Hex(bytes);
    actual.push(hash);
    if (hash !== entry.sha256) {
      problems.push({ subject: entry.id, file: entry.file, reason: 'altered', detail: `sha256 is ${hash}, the manifest records ${entry.sha256}` });
    }
  }
  const listed = new Set(manifest.items.map((e) => e.file));
  const itemsDir = path.join(dir, 'items');
  for (const name of fs.existsSync(itemsDir) ? fs.readdirSync(itemsDir) : []) {
    if (!listed.has(`items/${name}`)) {
      problems.push({ subject: name, file: `items/${name}`, reason: 'unlisted', detail: 'in the bundle but not listed in the manifest' });
    }
  }
  const listedRoot = rootHashOf(manifest.items.map((e) => e.sha256));
  if (listedRoot !== manifest.rootHash) {
    problems.push({ subject: MANIFEST, file: MANIFEST, reason: 'root-hash-mismatch', detail: `the manifest's root hash ${manifest.rootHash} does not match its items (${listedRoot})` });
  }
  return { manifest, rootHash: rootHashOf(actual), problems };
}

/** Loads a verified bundle's items; refuses a bundle that does not verify. */
export function readBundle(dir: string): { items: EvidenceItem[]; manifest?: Manifest; problems: VerifyProblem[] } {
  const verified = verifyBundle(dir);
  if (verified.problems.length > 0 || !verified.manifest) return { items: [], manifest: verified.manifest, problems: verified.problems };
  const items = verified.manifest.items.map((entry) => JSON.parse(fs.readFileSync(path.join(dir, entry.file), 'utf8')) as EvidenceItem);
  return { items, manifest: verified.manifest, problems: [] };
}
