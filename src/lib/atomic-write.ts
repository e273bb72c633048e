/**
 * The one writer of every file mcp-comply makes (assessment.json, reports, the evidence bundle, the
 * baseline, the tool lock): never half a file, never a device or folder replaced, and every failure an
 * input error that names the path and says why.
 *
 * - No file there, or a regular file: write a temp file beside it, then rename it over the target, so
 *   a reader sees the old file or the new one. A temp file is removed on any failure.
 * - A character device (/dev/null, a terminal, /dev/stdout) or a FIFO: written in place, with no
 *   rename: replacing it would destroy it (as root, `--output /dev/null` would leave a regular file
 *   where the null device was), and streaming into it is what a user who names one wants. A FIFO that
 *   nobody reads is refused rather than waited on, and a reader that stops reading (EPIPE) ends the
 *   write quietly, as for stdout (src/cli/text.ts).
 * - A symbolic link to a device or FIFO is written through only when it lies under /dev or /proc
 *   (/dev/stdout, /proc/self/fd/1), which the user named. Anywhere else it is a link a repository may
 *   have committed where an output goes (`mcp-comply-out/assessment.json` -> /dev/kmsg): the link
 *   itself is replaced by the file, and the device is never written.
 * - A folder, a block device, a socket: refused, never replaced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileTypeOf } from './bounded-read.js';
import { displayPath } from './problem.js';

/** A file that could not be written; the CLI reports it as an input error (exit 2). */
export class WriteError extends Error {
  override name = 'WriteError';
  constructor(readonly file: string, readonly reason: string) {
    super(`cannot write ${displayPath(file)}: ${reason}`);
  }
}

/** The file-system calls the writer makes: tests pass one that fails (ENOSPC) to prove the clean-up. */
export type WriterFs = Pick<typeof fs,
  'statSync' | 'lstatSync' | 'mkdirSync' | 'openSync' | 'writeFileSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'rmSync'>;

export interface WriteOptions {
  /**
   * False skips the fsync: for many small files whose index (written last, durably) is what makes
   * them count, like evidence items under a manifest. A torn item is then caught by verify.
   */
  durable?: boolean;
  fs?: WriterFs;
}

// O_NOCTTY: opening a terminal never makes it ours. O_NONBLOCK: a FIFO with no reader fails at once (ENXIO).
const NO_CTTY = fs.constants.O_NOCTTY ?? 0;
const NON_BLOCK = fs.constants.O_NONBLOCK ?? 0;

export function writeFileAtomic(file: string, data: string | Uint8Array, { durable = true, fs: io = fs }: WriteOptions = {}): void {
  const target = existing(file, io);
  if (target && !target.isFile()) {
    const stream = target.isCharacterDevice() || target.isFIFO();
    if (stream && (!isLink(file, io) || SYSTEM_PATHS.test(path.resolve(file)))) return writeInPlace(file, data, target.isFIFO(), io);
    if (!stream) throw new WriteError(file, `it is a ${fileTypeOf(target)}, not a file; it is left as it is`);
  }
  try {
    io.mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new WriteError(file, folderProblem(path.dirname(file), io) ?? reasonOf(error));
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = io.openSync(temp, 'wx', 0o644);
    try {
      io.writeFileSync(fd, data);
      if (durable) io.fsyncSync(fd);
    } finally {
      io.closeSync(fd);
    }
    io.renameSync(temp, file);
  } catch (error) {
    io.rmSync(temp, { force: true });
    throw new WriteError(file, reasonOf(error));
  }
}

/** Where a link to a device or FIFO is the user's own naming of one, not a planted file. */
const SYSTEM_PATHS = /^\/(?:dev|proc)\//;

function isLink(file: string, io: WriterFs): boolean {
  try {
    return io.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** What is at `file` now (links followed), or undefined when nothing is. */
function existing(file: string, io: WriterFs): fs.Stats | undefined {
  try {
    return io.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Nothing there (or a dangling link, which the rename replaces): a new file is written.
    if (code === 'ENOENT') return undefined;
    throw new WriteError(file, (code === 'ENOTDIR' && folderProblem(path.dirname(file), io)) || reasonOf(error));
  }
}

function writeInPlace(file: string, data: string | Uint8Array, fifo: boolean, io: WriterFs): void {
  let fd: number | undefined;
  try {
    if (fifo) {
      // Opened without blocking first: with no reader that fails (ENXIO) instead of waiting forever.
      // Writes then go through a blocking descriptor, since a full pipe would fail them with EAGAIN.
      const probe = io.openSync(file, fs.constants.O_WRONLY | NON_BLOCK | NO_CTTY);
      try { fd = io.openSync(file, fs.constants.O_WRONLY | NO_CTTY); } finally { io.closeSync(probe); }
    } else {
      fd = io.openSync(file, fs.constants.O_WRONLY | NO_CTTY);
    }
    io.writeFileSync(fd, data);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return; // the reader has gone: nothing of ours went wrong
    if (fifo && code === 'ENXIO') throw new WriteError(file, 'it is a FIFO that nobody is reading');
    throw new WriteError(file, reasonOf(error));
  } finally {
    if (fd !== undefined) io.closeSync(fd);
  }
}

/** When a folder cannot be made: the nearest part of its path that exists and is not a folder. */
function folderProblem(dir: string, io: WriterFs): string | undefined {
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      const stats = io.statSync(at);
      return stats.isDirectory() ? undefined : `${displayPath(at)} is a ${fileTypeOf(stats)}, not a folder`;
    } catch {
      if (path.dirname(at) === at) return undefined;
    }
  }
}

/** Why a write failed, in words and with its code; never the data being written. */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const words: Record<string, string> = {
    EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device', EDQUOT: 'disk quota exceeded', EISDIR: 'it is a folder',
    ENOTDIR: 'part of its path is not a folder', EEXIST: 'part of its path is not a folder',
    ENAMETOOLONG: 'the name is too long', EIO: 'input/output error', ELOOP: 'too many symbolic links',
    EFBIG: 'the file is too large for the file system', ENXIO: 'no such device', EMFILE: 'too many open files',
  };
  if (code) return `${words[code] ?? 'the system refused'} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
