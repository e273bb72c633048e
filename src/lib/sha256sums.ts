/**
 * SHA256SUMS beside the reports (DESIGN §7): the format `sha256sum` writes and `sha256sum -c` checks,
 * one `<64 lower-case hex>  <name>` line per file, sorted by name, LF line ends. Its names are read
 * back from a folder someone may have tampered with, so a name is only ever a plain file name in that
 * folder: no path separator, no `..`, nothing that would make `verify` read outside it.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { openRegularFile, readRegularText, type ReadRefusal } from './bounded-read.js';

export const SUMS_FILE = 'SHA256SUMS';

/** Reports are at most a few hundred MiB (a PDF of a 50,000-finding estate); the checksum file is a line per report. */
const REPORT_CAP = 1024 * 1024 * 1024;
const SUMS_CAP = 1024 * 1024;

const HEX = /^[0-9a-f]{64}$/;
// `sha256sum` writes two spaces (text mode) or space-star (binary mode) between digest and name.
const LINE = /^([0-9A-Fa-f]{64}) [ *](.*)$/;

/** Why `name` cannot be a file of the folder, or undefined when it is a plain name. */
export function unsafeName(name: string): string | undefined {
  if (name === '') return 'the name is empty';
  if (name === '.' || name === '..' || name.split(/[/\\]/).includes('..')) return 'the name leads out of the folder (..)';
  if (/[/\\]/.test(name)) return 'the name has a path separator: only files of the folder itself are listed';
  // Control characters (a NUL, a line break `sha256sum` would have escaped) never belong in a report's name.
  if (/\p{Cc}/u.test(name)) return 'the name has a control character';
  return undefined;
}

/** The file's text: one line per entry, sorted by name in byte order (as `LC_ALL=C sort` would). */
export function formatSums(entries: ReadonlyMap<string, string>): string {
  const names = [...entries.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const reason = unsafeName(name);
    if (reason) throw new Error(`cannot list "${name}" in ${SUMS_FILE}: ${reason}`);
    if (!HEX.test(entries.get(name)!)) throw new Error(`cannot list "${name}" in ${SUMS_FILE}: not a sha256 digest`);
  }
  return names.map((name) => `${entries.get(name)}  ${name}\n`).join('');
}

export interface SumsLineProblem {
  /** 1-based line of SHA256SUMS. */
  line: number;
  reason: string;
}

/** The entries of a SHA256SUMS text, name to digest; each line that is not a safe entry is a problem, and the rest still count. */
export function parseSums(text: string): { entries: Map<string, string>; problems: SumsLineProblem[] } {
  const entries = new Map<string, string>();
  const problems: SumsLineProblem[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const match = LINE.exec(text);
    if (!match) {
      problems.push({ line, reason: 'not a "<64 hex digits>  <file name>" line' });
      return;
    }
    const [, digest, name] = match as unknown as [string, string, string];
    const unsafe = unsafeName(name);
    if (unsafe) problems.push({ line, reason: unsafe });
    else if (entries.has(name)) problems.push({ line, reason: 'the file is listed twice' });
    else entries.set(name, digest.toLowerCase());
  });
  return { entries, problems };
}

/**
 * The sha256 of a regular file, read in pieces (a large PDF is not held whole). A symbolic link is
 * refused, never followed: a name in the folder must not lead to a file outside it.
 */
export function sha256OfFile(file: string): { ok: true; sha256: string } | { ok: false; refusal: ReadRefusal } {
  const opened = openRegularFile(file, { cap: REPORT_CAP, followSymlinks: false });
  if (!opened.ok) return opened;
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  try {
    for (let n; (n = fs.readSync(opened.fd, buffer, 0, buffer.length, null)) > 0;) hash.update(buffer.subarray(0, n));
  } catch (error) {
    return { ok: false, refusal: { code: 'read-error', errno: (error as NodeJS.ErrnoException).code ?? 'EIO', reason: (error as Error).message } };
  } finally {
    fs.closeSync(opened.fd);
  }
  return { ok: true, sha256: hash.digest('hex') };
}

/** The text of a folder's SHA256SUMS (never through a link), or why it cannot be read; undefined when there is none. */
export function readSumsFile(file: string): { ok: true; text: string } | { ok: false; refusal: ReadRefusal } | undefined {
  const read = readRegularText(file, { cap: SUMS_CAP, followSymlinks: false });
  return !read.ok && read.refusal.code === 'missing' ? undefined : read;
}
