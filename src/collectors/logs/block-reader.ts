/**
 * Reads a log file once, in blocks of whole lines, in bounded memory: plain or gzip (by magic
 * bytes), the sha256 of the bytes as stored taken on the way, and a line longer than MAX_LINE_BYTES
 * passed over without being held. Blocks are cut at a newline so that each can be analysed alone.
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { openRegularFile } from '../../lib/bounded-read.js';

export const MAX_LINE_BYTES = 8 * 1024 * 1024;
const BLOCK_BYTES = 4 * 1024 * 1024;
const MiB = 1024 * 1024;

/**
 * How far a gzip log may inflate before reading stops: a few kilobytes of gzip can stand for
 * gigabytes of zeros (a decompression bomb), and a log that a pull request may add is read in CI.
 */
export interface InflateLimits {
  /** Inflated bytes; `maxInflatedBytes` in sources.logs. */
  maxInflatedBytes: number;
  /** Inflated bytes per compressed byte; `maxInflationRatio` in sources.logs. */
  maxInflationRatio: number;
}

/**
 * Far above honest logs: real logs gzip 1:5 to 1:50 (deflate's ceiling is about 1:1032, reached by
 * runs of one byte), and 4 GiB is more than a day of a busy gateway. Plain logs have no such cap: a
 * plain file's size is what it is, read up to the size it had when opened.
 */
export const DEFAULT_INFLATE_LIMITS: InflateLimits = { maxInflatedBytes: 4 * 1024 * MiB, maxInflationRatio: 500 };
/** The ratio is judged from here on: a small file of repeated lines may compress past any ratio and is harmless. */
const RATIO_FROM_BYTES = 16 * MiB;

export type Block =
  /**
   * Whole lines; the last one lacks its newline only in the file's final block. Nothing else refers
   * to the memory of `buf`, so it may be transferred to another thread.
   */
  | { kind: 'lines'; buf: Buffer; lines: number; unterminatedLast: boolean }
  /** One line too long to hold, skipped. */
  | { kind: 'too-long' };

export interface ReadStats {
  sha256: string;
  bytes: number;
  gzip: boolean;
  /** Set when reading stopped early (corrupt gzip, I/O error): what was read is still analysed. */
  error?: string;
  /** Set when a gzip log passed an InflateLimits limit: the whole lines before it are analysed, the rest is not read. */
  stopped?: { code: 'inflated-too-large' | 'inflation-ratio'; reason: string };
}

/**
 * A log file opened and checked by openRegularFile (a regular file: a FIFO or a link to /dev/zero
 * was refused there). `size` is its size when opened: reading stops there, so a log that is still
 * being written is read as it was, not chased forever. readBlocks owns `fd` and closes it.
 */
export interface OpenedLog {
  path: string;
  fd: number;
  size: number;
}

export async function* readBlocks(log: OpenedLog, stats: ReadStats, limits: InflateLimits = DEFAULT_INFLATE_LIMITS): AsyncGenerator<Block> {
  let raw: fs.ReadStream | undefined;
  try {
    yield* readOpened(log, stats, limits, (stream) => { raw = stream; });
  } finally {
    // The stream closes the descriptor when it ends or is destroyed; without one it is closed here.
    if (raw) raw.destroy(); else fs.closeSync(log.fd);
  }
}

async function* readOpened(log: OpenedLog, stats: ReadStats, limits: InflateLimits, started: (raw: fs.ReadStream) => void): AsyncGenerator<Block> {
  stats.gzip = startsWithGzipMagic(log.fd);
  const hash = createHash('sha256');
  if (log.size === 0) { stats.sha256 = hash.digest('hex'); return; }
  const raw = fs.createReadStream(log.path, { fd: log.fd, start: 0, end: log.size - 1, autoClose: true, highWaterMark: 1 << 20 });
  started(raw);
  raw.on('data', (chunk) => { hash.update(chunk as Buffer); stats.bytes += chunk.length; });
  const source: Readable = stats.gzip ? pipeline(raw, createGunzip({ chunkSize: 1 << 20 }), () => {}) : raw;

  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let discarding = false;
  let first = true;
  let inflated = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (stats.gzip) {
        inflated += chunk.length;
        stats.stopped = inflationStop(inflated, stats.bytes, limits);
        // The chunk that passed a limit is not read: what was read ends at the last whole line before it.
        if (stats.stopped) break;
      }
      let data = chunk;
      // A UTF-8 byte order mark (files written by Windows tools) is not part of the first line: it would make it unreadable.
      if (first) { first = false; if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3); }
      if (discarding) {
        const nl = data.indexOf(10);
        if (nl < 0) continue;
        discarding = false;
        yield { kind: 'too-long' };
        data = data.subarray(nl + 1);
      }
      pending.push(data);
      pendingBytes += data.length;
      if (pendingBytes < BLOCK_BYTES) continue;
      const joined = Buffer.concat(pending, pendingBytes);
      const last = joined.lastIndexOf(10);
      if (last < 0) {
        if (joined.length > MAX_LINE_BYTES) { discarding = true; pending = []; pendingBytes = 0; } else { pending = [joined]; }
        continue;
      }
      // The rest is copied out first: once yielded, the block alone owns its memory and may move to a worker.
      const rest = Buffer.from(joined.subarray(last + 1));
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
      const block = joined.subarray(0, last + 1);
      yield { kind: 'lines', buf: block, lines: countNewlines(block), unterminatedLast: false };
    }
  } catch (error) {
    stats.error = (error as Error).message;
    // A gzip error ends the pipeline and the file stream with it: hash the bytes not yet read, so sha256 and bytes stay the file's.
    if (stats.gzip) hashRest(log, stats, hash);
  }
  if (stats.stopped) {
    // Destroyed first, so that no read still under way is hashed twice; then the bytes not read are hashed.
    raw.destroy();
    hashRest(log, stats, hash);
    stats.sha256 = hash.digest('hex');
    if (discarding || pendingBytes === 0) return;
    const whole = Buffer.concat(pending, pendingBytes);
    const last = whole.lastIndexOf(10);
    if (last >= 0) yield { kind: 'lines', buf: whole.subarray(0, last + 1), lines: countNewlines(whole.subarray(0, last + 1)), unterminatedLast: false };
    return;
  }
  stats.sha256 = hash.digest('hex');
  if (discarding) { yield { kind: 'too-long' }; return; }
  if (pendingBytes === 0) return;
  const tail = Buffer.concat(pending, pendingBytes);
  const unterminated = tail[tail.length - 1] !== 10;
  yield { kind: 'lines', buf: tail, lines: countNewlines(tail) + (unterminated ? 1 : 0), unterminatedLast: unterminated };
}

/** Whether `inflated` bytes from `compressed` bytes of gzip pass a limit, and the reason to show. */
function inflationStop(inflated: number, compressed: number, limits: InflateLimits): ReadStats['stopped'] {
  if (inflated > limits.maxInflatedBytes) {
    return { code: 'inflated-too-large', reason: `the gzip stream inflates past ${mebibytes(limits.maxInflatedBytes)} (maxInflatedBytes in sources.logs)` };
  }
  if (inflated >= RATIO_FROM_BYTES && inflated > limits.maxInflationRatio * compressed) {
    return {
      code: 'inflation-ratio',
      reason: `the gzip stream inflates more than ${limits.maxInflationRatio} times its compressed size, as a decompression bomb does (maxInflationRatio in sources.logs)`,
    };
  }
  return undefined;
}

const mebibytes = (bytes: number) => `${Number((bytes / MiB).toFixed(2))} MiB`;

/** Hashes the bytes after `stats.bytes`, up to the size the file had when opened, through a fresh checked open. */
function hashRest(log: OpenedLog, stats: ReadStats, hash: Hash): void {
  const opened = openRegularFile(log.path, { cap: Infinity });
  if (!opened.ok) return; // gone or swapped meanwhile: sha256 and bytes cover what was read
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    while (stats.bytes < log.size) {
      const n = fs.readSync(opened.fd, buf, 0, Math.min(buf.length, log.size - stats.bytes), stats.bytes);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      stats.bytes += n;
    }
  } finally {
    fs.closeSync(opened.fd);
  }
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let at = buf.indexOf(10); at >= 0; at = buf.indexOf(10, at + 1)) n++;
  return n;
}

function startsWithGzipMagic(fd: number): boolean {
  const head = Buffer.alloc(2);
  return fs.readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
}
