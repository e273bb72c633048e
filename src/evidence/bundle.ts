/**
 * The evidence bundle (DESIGN §8): `items.jsonl` holds one evidence item per line as canonical JSON,
 * sorted by id, and `manifest.json` lists each item's sha256 (of its line, without the newline),
 * line number, id, kind, collector, source and collectedAt. The root hash is the sha256 of the
 * manifest itself, less its rootHash, as canonical JSON: one hash over every item (through its hash)
 * and every field of the manifest, printed on the report's cover and recorded in assessment.json, so
 * anyone can check the whole bundle against it with `mcp-comply verify`. Bundles of schema 1.0 (root
 * over the item hashes alone) still verify. One file, not thousands: writing and verifying stream.
 */
import path from 'node:path';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { READ_CAPS, readRegularText } from '../lib/bounded-read.js';
import { canonicalJson, sha256Hex } from '../lib/canonical-json.js';
import { PACKAGE_VERSION } from '../lib/package-root.js';
import type { EvidenceItem } from './types.js';

export const MANIFEST = 'manifest.json';
export const ITEMS = 'items.jsonl';
export const BUNDLE_SCHEMA_VERSION = '1.1';
/** Schema 1.0's root hash covered the item hashes only. */
const LEGACY_SCHEMA_VERSION = '1.0';

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

/** Schema 1.0's root hash: the sha256 of the item hashes, sorted and joined with newlines. */
export function rootHashOf(hashes: string[]): string {
  return `sha256:${sha256Hex([...hashes].sort().join('\n'))}`;
}

/** The root hash of a manifest: the sha256 of the manifest less its rootHash, as canonical JSON. */
export function manifestRootHash(manifest: Omit<Manifest, 'rootHash'> & { rootHash?: string }): string {
  const { rootHash: _rootHash, ...rest } = manifest;
  return `sha256:${sha256Hex(canonicalJson(rest))}`;
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
  const unrooted = { schemaVersion: BUNDLE_SCHEMA_VERSION, tool: { name: 'mcp-comply', version: PACKAGE_VERSION }, generatedAt, items: entries };
  return { manifest: { ...unrooted, rootHash: manifestRootHash(unrooted) }, lines };
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
  /** `inconsistent`: the manifest's entry does not describe its line (another id or source, another place). */
  reason: 'altered' | 'missing' | 'unlisted' | 'inconsistent' | 'root-hash-mismatch' | 'unreadable' | 'unsigned' | 'signature-mismatch';
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

/**
 * Recomputes every item hash and the root hash; names each item that was altered, removed or added,
 * and each entry of the manifest that does not describe its line. Every line must be listed exactly
 * once, in order: entry n is line n, ids strictly increasing, so no entry can vouch for a line twice.
 */
export function verifyBundle(dir: string): VerifyResult {
  // A bundle handed over for verification is not trusted: either file may be a FIFO or a link to a device.
  const manifestRead = readRegularText(path.join(dir, MANIFEST), { cap: READ_CAPS.bundleManifest });
  if (!manifestRead.ok) return { problems: [{ subject: MANIFEST, file: MANIFEST, reason: 'unreadable', detail: manifestRead.refusal.reason }] };
  let manifest: Manifest;
  try {
    manifest = parseManifest(manifestRead.text);
  } catch (error) {
    return { problems: [{ subject: MANIFEST, file: MANIFEST, reason: 'unreadable', detail: (error as Error).message }] };
  }
  const itemsRead = readRegularText(path.join(dir, ITEMS), { cap: READ_CAPS.bundleItems });
  if (!itemsRead.ok) return { manifest, problems: [{ subject: ITEMS, file: ITEMS, reason: 'unreadable', detail: itemsRead.refusal.reason }] };
  const text = itemsRead.text;
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const problems: VerifyProblem[] = [];
  manifest.items.forEach((entry, index) => {
    const where = `${ITEMS}:${entry.line}`;
    if (entry.line !== index + 1) {
      problems.push({ subject: entry.id, file: MANIFEST, reason: 'inconsistent', detail: `entry ${index + 1} of the manifest names line ${entry.line}` });
    }
    if (index > 0 && !(manifest.items[index - 1]!.id < entry.id)) {
      problems.push({ subject: entry.id, file: MANIFEST, reason: 'inconsistent', detail: `entry ${index + 1} of the manifest repeats an id or breaks their order` });
    }
    const line = lines[entry.line - 1];
    if (line === undefined) {
      problems.push({ subject: entry.id, file: where, reason: 'missing', detail: 'listed in the manifest but not in the bundle' });
      return;
    }
    const hash = sha256Hex(line);
    if (hash !== entry.sha256) {
      problems.push({ subject: entry.id, file: where, reason: 'altered', detail: `sha256 is ${hash}, the manifest records ${entry.sha256}` });
      return;
    }
    const differs = differentField(entry, line);
    if (differs) problems.push({ subject: entry.id, file: where, reason: 'inconsistent', detail: differs });
  });
  for (let n = manifest.items.length + 1; n <= lines.length; n++) {
    problems.push({ subject: `line ${n}`, file: `${ITEMS}:${n}`, reason: 'unlisted', detail: 'in the bundle but not listed in the manifest' });
  }
  const legacy = manifest.schemaVersion === LEGACY_SCHEMA_VERSION;
  const rootOf = (entries: ManifestEntry[]) => (legacy ? rootHashOf(entries.map((e) => e.sha256)) : manifestRootHash({ ...manifest, items: entries }));
  const listedRoot = rootOf(manifest.items);
  if (listedRoot !== manifest.rootHash) {
    problems.push({ subject: MANIFEST, file: MANIFEST, reason: 'root-hash-mismatch', detail: `the manifest's root hash ${manifest.rootHash} does not match ${legacy ? 'its items' : 'the manifest'} (${listedRoot})` });
  }
  // The root hash of the bundle as it is now: the manifest's entries with the hashes of the lines there.
  const now = manifest.items.map((entry) => {
    const line = lines[entry.line - 1];
    return line === undefined ? entry : { ...entry, sha256: sha256Hex(line) };
  });
  return { manifest, rootHash: rootOf(now), lines, problems };
}

/** The manifest, checked to be one before anything trusts its fields. */
function parseManifest(text: string): Manifest {
  const manifest = JSON.parse(text) as Manifest;
  if (!manifest || typeof manifest !== 'object' || !Array.isArray(manifest.items) || typeof manifest.rootHash !== 'string') {
    throw new Error('not an mcp-comply evidence manifest');
  }
  if (manifest.schemaVersion !== BUNDLE_SCHEMA_VERSION && manifest.schemaVersion !== LEGACY_SCHEMA_VERSION) {
    throw new Error(`schema version ${JSON.stringify(manifest.schemaVersion)} is not one this version reads (${LEGACY_SCHEMA_VERSION} or ${BUNDLE_SCHEMA_VERSION})`);
  }
  manifest.items.forEach((entry: unknown, index) => {
    const fields = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : undefined;
    const wellFormed = fields !== undefined && Number.isSafeInteger(fields.line) && /^[0-9a-f]{64}$/.test(String(fields.sha256))
      && ['id', 'kind', 'collector', 'source', 'collectedAt'].every((key) => typeof fields[key] === 'string');
    if (!wellFormed) throw new Error(`entry ${index + 1} of the manifest is not an evidence entry (id, kind, collector, source, collectedAt, sha256, line)`);
  });
  return manifest;
}

/** Which field of the manifest's entry says something else than its line, if any. */
function differentField(entry: ManifestEntry, line: string): string | undefined {
  let item: Partial<EvidenceItem> | null;
  try {
    item = JSON.parse(line) as Partial<EvidenceItem> | null;
  } catch {
    return 'the line is not JSON';
  }
  for (const key of ['id', 'kind', 'collector', 'source', 'collectedAt'] as const) {
    if (item?.[key] !== entry[key]) return `the manifest records ${key} ${JSON.stringify(entry[key])}, the item ${JSON.stringify(item?.[key])}`;
  }
  return undefined;
}

/** Loads a verified bundle's items; refuses a bundle that does not verify. */
export function readBundle(dir: string): { items: EvidenceItem[]; manifest?: Manifest; problems: VerifyProblem[] } {
  const verified = verifyBundle(dir);
  if (verified.problems.length > 0 || !verified.manifest || !verified.lines) return { items: [], manifest: verified.manifest, problems: verified.problems };
  return { items: verified.lines.map((line) => JSON.parse(line) as EvidenceItem), manifest: verified.manifest, problems: [] };
}
