/**
 * The tracked files of a git repository, read from its index file directly. Git itself is never
 * run: a repository's own .git/config can make git execute commands (core.fsmonitor, hooks), and
 * git refuses repositories owned by another user.
 *
 * Index format (gitformat-index): "DIRC", version (2, 3 or 4), entry count, entries, extensions,
 * then a checksum of everything before it. An entry is ctime, mtime, dev, ino, mode, uid, gid, size
 * (4 bytes each, times 8 bytes), the object id (20 bytes SHA-1, 32 bytes SHA-256), 16-bit flags,
 * 16 more flag bits in v3+ when the extended bit is set, then the path: NUL-terminated and padded to
 * a multiple of 8 bytes in v2/v3; in v4 a varint of bytes to drop from the previous path, then the
 * NUL-terminated rest, unpadded. Nothing in the file is trusted: every read is bounds-checked.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { READ_CAPS, readRegularFile } from '../../lib/bounded-read.js';
import { errorCode } from '../mcp-config/discovery.js';

export interface IndexEntry {
  path: string;
  /** Git mode: 0o100644 / 0o100755 file, 0o120000 symlink, 0o160000 submodule, 0o040000 sparse directory. */
  mode: number;
}

export type IndexResult = { ok: true; version: number; entries: IndexEntry[] } | { ok: false; reason: string };

export const MAX_INDEX_BYTES = READ_CAPS.gitIndex;

const SIGNATURE = 'DIRC';
const HEADER_BYTES = 12;
/** ctime, mtime (8 bytes each) and dev, ino, mode, uid, gid, size (4 bytes each). */
const STAT_BYTES = 40;
const EXTENDED_FLAG = 0x4000;

export const MODE_TYPE = 0o170000;
export const MODE_FILE = 0o100000;
export const MODE_SYMLINK = 0o120000;
export const MODE_SUBMODULE = 0o160000;

/** Parses an index file's bytes; one entry per path (conflict stages collapse), in index order. */
export function parseGitIndex(buffer: Buffer): IndexResult {
  if (buffer.length < HEADER_BYTES || buffer.toString('latin1', 0, 4) !== SIGNATURE) return { ok: false, reason: 'not a git index (no DIRC signature)' };
  const version = buffer.readUInt32BE(4);
  if (version < 2 || version > 4) return { ok: false, reason: `unsupported index version ${version}` };
  const hashBytes = checksumLength(buffer);
  if (hashBytes === undefined) return { ok: false, reason: 'checksum does not match the content (the index is corrupt or truncated)' };

  const count = buffer.readUInt32BE(8);
  const end = buffer.length - hashBytes;
  const entries: IndexEntry[] = [];
  const seen = new Set<string>();
  let offset = HEADER_BYTES;
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const fixed = offset + STAT_BYTES + hashBytes + 2;
    if (fixed > end) return truncated(i, count);
    const mode = buffer.readUInt32BE(offset + 24);
    const flags = buffer.readUInt16BE(fixed - 2);
    let at = fixed;
    if (flags & EXTENDED_FLAG) {
      if (version < 3) return { ok: false, reason: `entry ${i + 1} sets the extended flag, which version 2 does not have` };
      at += 2;
    }
    let name: Buffer;
    if (version === 4) {
      const strip = readVarint(buffer, at, end);
      if (!strip || strip.value > previous.length) return { ok: false, reason: `entry ${i + 1} has a bad path prefix` };
      const nul = buffer.indexOf(0, strip.next);
      if (nul < 0 || nul >= end) return truncated(i, count);
      name = Buffer.concat([previous.subarray(0, previous.length - strip.value), buffer.subarray(strip.next, nul)]);
      offset = nul + 1;
    } else {
      const nul = buffer.indexOf(0, at);
      if (nul < 0 || nul >= end) return truncated(i, count);
      name = buffer.subarray(at, nul);
      // 1 to 8 NUL bytes end the entry at a multiple of 8 from its start.
      offset += (at - offset + name.length + 8) & ~7;
      if (offset > end) return truncated(i, count);
    }
    previous = name;
    const file = name.toString('utf8');
    if (!seen.has(file)) {
      seen.add(file);
      entries.push({ path: file, mode });
    }
  }
  if (hasExtension(buffer, offset, end, 'link')) {
    return { ok: false, reason: 'a split index (core.splitIndex): most entries are in a shared index file, which is not read' };
  }
  return { ok: true, version, entries };
}

/** Whether the extensions after the entries (4-byte signature, 4-byte size, data) include `signature`. */
function hasExtension(buffer: Buffer, offset: number, end: number, signature: string): boolean {
  while (offset + 8 <= end) {
    if (buffer.toString('latin1', offset, offset + 4) === signature) return true;
    offset += 8 + buffer.readUInt32BE(offset + 4);
  }
  return false;
}

/**
 * Length of the trailing checksum, verified: 20 (SHA-1) or 32 (SHA-256 repositories). An all-zero
 * trailer means git skipped the hash (index.skipHash); the repository is then taken to be SHA-1.
 */
function checksumLength(buffer: Buffer): number | undefined {
  for (const [algorithm, bytes] of [['sha1', 20], ['sha256', 32]] as const) {
    if (buffer.length < HEADER_BYTES + bytes) continue;
    const trailer = buffer.subarray(buffer.length - bytes);
    if (createHash(algorithm).update(buffer.subarray(0, buffer.length - bytes)).digest().equals(trailer)) return bytes;
  }
  const zeros = buffer.length >= HEADER_BYTES + 20 && buffer.subarray(buffer.length - 20).every((b) => b === 0);
  return zeros ? 20 : undefined;
}

/** Git's offset varint (varint.c): 7 bits a byte, high bit continues, each continuation adds one. */
function readVarint(buffer: Buffer, at: number, end: number): { value: number; next: number } | undefined {
  if (at >= end) return undefined;
  let byte = buffer[at++]!;
  let value = byte & 0x7f;
  while (byte & 0x80) {
    if (at >= end || value > 0xffffff) return undefined;
    byte = buffer[at++]!;
    value = ((value + 1) * 128) + (byte & 0x7f);
  }
  return { value, next: at };
}

function truncated(index: number, count: number): IndexResult {
  return { ok: false, reason: `entry ${index + 1} of ${count} runs past the end of the file` };
}

/** A tracked path that is safe to join to the work tree: relative, no `.`/`..`/empty parts, nothing inside `.git`. */
export function isSafeTrackedPath(file: string): boolean {
  if (file === '' || file.startsWith('/') || file.includes('\\') || file.includes('\0')) return false;
  return file.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && part.toLowerCase() !== '.git');
}

export type GitDirResult = { gitDir: string } | { problem: string };

/**
 * The git directory of a work tree: `.git` itself, or where a `.git` file (worktrees, submodules)
 * points with `gitdir: <path>` (relative to the work tree).
 */
export function resolveGitDir(root: string): GitDirResult {
  const dotGit = path.join(root, '.git');
  let stats: fs.Stats;
  try { stats = fs.statSync(dotGit); } catch (error) { return { problem: `.git cannot be read (${errorCode(error)})` }; }
  if (stats.isDirectory()) return { gitDir: dotGit };
  const read = readRegularFile(dotGit, { cap: READ_CAPS.gitdirFile });
  if (!read.ok) {
    return { problem: read.refusal.code === 'not-a-file' || read.refusal.code === 'too-large' ? `.git is neither a folder nor a gitdir file (${read.refusal.reason})` : `.git cannot be read (${read.refusal.reason})` };
  }
  const target = /^gitdir:\s*(.+?)\s*$/m.exec(read.bytes.toString('utf8'))?.[1];
  return target ? { gitDir: path.resolve(root, target) } : { problem: '.git file has no "gitdir:" line' };
}

export type IndexRead = { file: string } & (
  | { ok: true; version: number; entries: IndexEntry[] }
  /** `code` as in UnreadableSource: `missing`, `too-large`, `parse-error`, `permission-denied`, `not-a-file`, `symlink-loop`, `read-error`. */
  | { ok: false; code: string; reason: string }
);

/** Reads and parses `<gitDir>/index` with a size cap; a FIFO or a link to a device is refused, never waited on. */
export function readGitIndex(gitDir: string): IndexRead {
  const file = path.join(gitDir, 'index');
  const read = readRegularFile(file, { cap: MAX_INDEX_BYTES });
  if (!read.ok) {
    const { code, reason } = read.refusal;
    if (code === 'missing') return { file, ok: false, code, reason: 'the repository has no index file (nothing staged or committed yet)' };
    return { file, ok: false, code, reason };
  }
  const parsed = parseGitIndex(read.bytes);
  return parsed.ok ? { file, ...parsed } : { file, ok: false, code: 'parse-error', reason: parsed.reason };
}
