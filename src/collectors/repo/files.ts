/**
 * Reading a repository's files safely: size-capped, never through a symbolic link, never outside
 * the repository (a tracked path under a folder that was swapped for a link is refused), binary and
 * non-UTF-8 files passed over with a reason. Nothing here throws on what it finds on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { READ_CAPS, readRegularFile, type ReadRefusal } from '../../lib/bounded-read.js';
import { inside } from '../mcp-config/discovery.js';

/** Files over this size are not read (recorded as skipped). */
export const MAX_TEXT_BYTES = READ_CAPS.repositoryText;
/** A NUL byte in this many leading bytes makes a file binary (as git decides). */
const BINARY_SNIFF_BYTES = 8 * 1024;

/** A source that could not be used, before its path becomes a display path. */
export interface RepoProblem {
  /** Absolute path. */
  file: string;
  code: string;
  reason: string;
  line?: number;
  column?: number;
}

/** Counts by reason, reported sorted so the evidence is stable. */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(reason: string, count = 1): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + count);
  }

  entries(): Array<{ reason: string; count: number }> {
    return [...this.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([reason, count]) => ({ reason, count }));
  }
}

export type TextRead = { text: string } | { skip: string };

/** Reads text files of one repository (`rel` is POSIX, relative to the root). */
export class RepoReader {
  private readonly rootReal: string;
  private readonly folderInside = new Map<string, boolean>();

  constructor(readonly root: string) {
    this.rootReal = realpathOr(root);
  }

  abs(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  read(rel: string): TextRead {
    const file = this.abs(rel);
    if (!this.inRepository(path.dirname(file))) return { skip: 'outside-repository' };
    // Never through a link (O_NOFOLLOW), and checked on the opened file: a FIFO or device is passed over, not waited on.
    const read = readRegularFile(file, { cap: MAX_TEXT_BYTES, followSymlinks: false });
    if (!read.ok) return { skip: skipReason(read.refusal) };
    const bytes = read.bytes;
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { skip: 'binary' };
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      return { skip: 'not-utf8' };
    }
  }

  /** Whether a folder's real path is inside the repository's (cached per folder). */
  private inRepository(folder: string): boolean {
    let known = this.folderInside.get(folder);
    if (known === undefined) {
      known = inside(this.rootReal, realpathOr(folder));
      this.folderInside.set(folder, known);
    }
    return known;
  }
}

export function realpathOr(file: string): string {
  try { return fs.realpathSync(file); } catch { return path.resolve(file); }
}

function skipReason(refusal: ReadRefusal): string {
  switch (refusal.code) {
    case 'missing': return 'not-in-work-tree';
    case 'not-a-file': return refusal.fileType === 'symbolic link' ? 'symlink' : 'not-a-file';
    case 'too-large': return 'too-large';
    case 'permission-denied': return 'permission-denied';
    default: return 'unreadable';
  }
}
