/**
 * The one way to read a file that a user or a repository supplies: regular files only, never more
 * than a cap, never blocking. A repository can commit a symbolic link to /dev/zero or swap a file for
 * a FIFO, so "is it a regular file?" is answered by fstat on the descriptor actually opened (a
 * stat before the open is only a shortcut that spares opening devices; it decides nothing), the open
 * is non-blocking (a FIFO with no writer would otherwise block it forever), and reading stops at the
 * cap even if the file grows while it is read. Every refusal is a value with a typed reason, never an
 * exception, so each caller turns it into what it does with bad input (an unreadable-source item, an
 * input error naming the file).
 * Files shipped with the package (catalogs, schemas, templates, fonts) do not need this.
 */
import fs from 'node:fs';

const MiB = 1024 * 1024;

/** Caps by kind of file, in bytes: far above any honest file of the kind, far below memory trouble. */
export const READ_CAPS = {
  /** MCP client configurations: none comes near it. */
  mcpConfig: 5 * MiB,
  /** mcp-comply.yaml, exceptions, attestations, catalogs. */
  yaml: 5 * MiB,
  /** Tool snapshots (tools/list results) and mcp-tools.lock. */
  toolSnapshot: 5 * MiB,
  /** Repository text files (CI workflows, SECURITY.md, .gitignore, ...). */
  repositoryText: 2 * MiB,
  /** `.git/index`: about 100 bytes per tracked file, so some 2.5 million files. */
  gitIndex: 256 * MiB,
  /** A `.git` file of a worktree or submodule: one `gitdir:` line. */
  gitdirFile: 4 * 1024,
  /** assessment.json, a baseline, --previous: 50,000 findings are about 50 MiB. */
  assessment: 64 * MiB,
  /** The evidence bundle's manifest.json. */
  bundleManifest: 64 * MiB,
  /** The evidence bundle's items.jsonl (log summaries, inventories, configs of a large estate). */
  bundleItems: 256 * MiB,
  /** A file an attestation names as its evidence (a signed policy, a scan export, a screenshot). */
  attestationEvidence: 32 * MiB,
  /** The user's report templates (`--templates DIR`). */
  template: 2 * MiB,
  /** One cached GitHub answer (a page of at most 100 items). */
  githubCache: 16 * MiB,
} as const;

/** What a path turned out to be when it is not a regular file. */
export type FileType = 'FIFO' | 'socket' | 'character device' | 'block device' | 'folder' | 'symbolic link' | 'unknown file type';

export type ReadRefusal =
  | { code: 'missing'; reason: string }
  | { code: 'not-a-file'; fileType: FileType; reason: string }
  | { code: 'too-large'; size: number; cap: number; reason: string }
  | { code: 'permission-denied'; reason: string }
  | { code: 'symlink-loop'; reason: string }
  | { code: 'read-error'; errno: string; reason: string };

export type RefusalCode = ReadRefusal['code'];

export interface BoundedReadOptions {
  /** Bytes; a larger file (or one that grows past it while read) is refused as too-large. */
  cap: number;
  /**
   * Whether a symbolic link as the last part of the path is followed (default true: a link to a
   * regular file is read like the file; a link to a device or FIFO is still refused by the fstat
   * check). False refuses any link, as `not-a-file` of type `symbolic link`.
   */
  followSymlinks?: boolean;
}

export type BoundedRead = { ok: true; bytes: Buffer } | { ok: false; refusal: ReadRefusal };

/** An opened regular file: the caller reads it (up to `size`) and closes `fd`. */
export type OpenedFile = { ok: true; fd: number; size: number } | { ok: false; refusal: ReadRefusal };

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer. O_NOCTTY:
// opening a terminal never makes it ours. Neither exists on Windows, where FIFOs cannot be opened this way.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** Opens a regular file for reading, checked on the descriptor; `cap` refuses a larger one (Infinity for none). */
export function openRegularFile(file: string, options: BoundedReadOptions): OpenedFile {
  const follow = options.followSymlinks ?? true;
  // A shortcut only: most special files are refused here without opening them (opening a device can
  // have effects). The fstat below is what decides, since the path may change between the two calls.
  try {
    const before = follow ? fs.statSync(file) : fs.lstatSync(file);
    if (!before.isFile()) return { ok: false, refusal: notAFile(fileTypeOf(before) as FileType) };
  } catch (error) {
    return { ok: false, refusal: fromErrno(error, file, follow) };
  }
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS | (follow ? 0 : NO_FOLLOW));
  } catch (error) {
    return { ok: false, refusal: fromErrno(error, file, follow) };
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) { fs.closeSync(fd); return { ok: false, refusal: notAFile(fileTypeOf(stats) as FileType) }; }
    if (stats.size > options.cap) { fs.closeSync(fd); return { ok: false, refusal: tooLarge(stats.size, options.cap) }; }
    return { ok: true, fd, size: stats.size };
  } catch (error) {
    fs.closeSync(fd);
    return { ok: false, refusal: fromErrno(error, file, follow) };
  }
}

/** Reads a whole regular file of at most `cap` bytes; never reads more than cap + 1 bytes, whatever the file does. */
export function readRegularFile(file: string, options: BoundedReadOptions): BoundedRead {
  const opened = openRegularFile(file, options);
  if (!opened.ok) return opened;
  const { fd, size } = opened;
  try {
    // One byte past the cap tells a file that grew past it from one that reached it exactly.
    const limit = options.cap + 1;
    let buffer = Buffer.allocUnsafe(Math.min(limit, Math.max(size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (buffer.length >= limit) break;
        const grown = Buffer.allocUnsafe(Math.min(limit, buffer.length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const n = fs.readSync(fd, buffer, length, buffer.length - length, length);
      if (n === 0) break;
      length += n;
    }
    if (length > options.cap) return { ok: false, refusal: tooLarge(length, options.cap, true) };
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, refusal: fromErrno(error, file, true) };
  } finally {
    fs.closeSync(fd);
  }
}

/** UTF-8 text of a regular file (a BOM kept: callers that parse decide), or the refusal. */
export function readRegularText(file: string, options: BoundedReadOptions): { ok: true; text: string } | { ok: false; refusal: ReadRefusal } {
  const read = readRegularFile(file, options);
  return read.ok ? { ok: true, text: read.bytes.toString('utf8') } : read;
}

/** `1.5 MiB`, `512 bytes`: sizes as a person reads them in a refusal. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MiB) return `${trim(bytes / 1024)} KiB`;
  return `${trim(bytes / MiB)} MiB`;
}

const trim = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function notAFile(fileType: FileType): ReadRefusal {
  return { code: 'not-a-file', fileType, reason: `not a regular file: ${fileType}` };
}

function tooLarge(size: number, cap: number, grew = false): ReadRefusal {
  const what = grew ? `grew past ${formatBytes(cap)} while being read` : size < 1024 ? `is ${size} bytes` : `is ${formatBytes(size)} (${size} bytes)`;
  return { code: 'too-large', size, cap, reason: `too large: ${what}; the limit for this kind of file is ${formatBytes(cap)}` };
}

/** What a path is, in the words of a refusal: `FIFO`, `folder`, ... (`file` for a regular one). */
export function fileTypeOf(stats: fs.Stats): FileType | 'file' {
  if (stats.isFile()) return 'file';
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isDirectory()) return 'folder';
  if (stats.isSymbolicLink()) return 'symbolic link';
  return 'unknown file type';
}

function fromErrno(error: unknown, file: string, follow: boolean): ReadRefusal {
  const errno = (error as NodeJS.ErrnoException)?.code ?? 'EUNKNOWN';
  switch (errno) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { code: 'missing', reason: 'does not exist' };
    case 'EACCES':
    case 'EPERM':
      return { code: 'permission-denied', reason: `permission denied (${errno})` };
    case 'ELOOP':
      // With O_NOFOLLOW, ELOOP means the last part is a link; otherwise the links go round in a circle.
      return follow ? { code: 'symlink-loop', reason: 'symbolic link loop (ELOOP)' } : notAFile('symbolic link');
    case 'EISDIR':
      return notAFile('folder');
    case 'ENXIO': {
      // Opening a socket fails with ENXIO: say what it is.
      let stats: fs.Stats | undefined;
      try { stats = fs.statSync(file); } catch { /* gone meanwhile */ }
      if (stats && !stats.isFile()) return notAFile(fileTypeOf(stats) as FileType);
      return { code: 'read-error', errno, reason: `cannot be read (${errno})` };
    }
    default:
      return { code: 'read-error', errno, reason: `cannot be read (${errno})` };
  }
}
