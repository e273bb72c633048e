/**
 * Log evidence (DESIGN §4): every file named by `--logs` or the config's `sources.logs` (globs
 * expanded, gzip read transparently) is read once, streamed, into one `log-source` item. A file that
 * is missing, not a file, unreadable or of no known format becomes an `unreadable-source` item; a
 * bad line is counted in the item and never stops the rest.
 */
import { CHECK_OPTION_DEFAULTS } from '../../config/check-options.js';
import { evidencePath } from '../../evidence/paths.js';
import type { Collector, CollectContext, EvidenceItem, LogFileSpec, UnreadableSource } from '../../evidence/types.js';
import { unreadableSourceId } from '../../evidence/unreadable-source-id.js';
import { openRegularFile } from '../../lib/bounded-read.js';
import { expandGlob, hasWildcard } from '../../lib/glob.js';
import { analyseBlock, type BlockResult } from './block-analysis.js';
import { BlockPool, defaultWorkerCount } from './block-pool.js';
import { DEFAULT_INFLATE_LIMITS, readBlocks, type OpenedLog, type ReadStats } from './block-reader.js';
import { sniffFormat } from './formats.js';
import { LogSummary } from './log-summary.js';
import type { LogFormat } from './model.js';

const COLLECTOR_ID = 'logs';

export interface ParallelOptions {
  /** Files of at least this many bytes are analysed on worker threads. */
  parallelFrom: number;
  workers: number;
}

/** Below this, starting workers costs more than it saves. */
const DEFAULT_PARALLEL: ParallelOptions = { parallelFrom: 32 * 1024 * 1024, workers: defaultWorkerCount() };

export const logsCollector: Collector = {
  id: COLLECTOR_ID,
  title: 'Logs of MCP servers, clients and gateways (JSONL, Claude Desktop, HTTP access logs)',
  produces: ['log-source', 'unreadable-source'],
  collect: (context) => collectLogs(context, DEFAULT_PARALLEL),
};

export async function collectLogs(context: CollectContext, parallel: ParallelOptions): Promise<EvidenceItem[]> {
  const items: EvidenceItem[] = [];
  const display = (file: string) => evidencePath(file, context.root, context.home);
  const unreadable = (data: UnreadableSource) => items.push({
    id: unreadableSourceId(COLLECTOR_ID, data.path), kind: 'unreadable-source', collector: COLLECTOR_ID, source: data.path, collectedAt: context.now, data,
  });
  let pool: BlockPool | undefined;
  try {
    for (const { file, spec } of logFiles(context.logs ?? [], unreadable, display)) {
      const shown = display(file);
      // No cap (logs run to gigabytes, and are streamed), but regular files only: a FIFO is never waited on.
      const opened = openRegularFile(file, { cap: Infinity });
      if (!opened.ok) {
        const { refusal } = opened;
        if (refusal.code === 'missing') unreadable({ path: shown, code: 'not-found', reason: 'the log file does not exist' });
        else if (refusal.code === 'not-a-file' && refusal.fileType === 'folder') unreadable({ path: shown, code: 'not-a-file', reason: 'a log source must be a file (use a glob such as logs/*.jsonl for a folder)' });
        else unreadable({ path: shown, code: refusal.code, reason: refusal.reason });
        continue;
      }
      context.progress?.(`reading ${shown}`);
      const { size } = opened;
      if (size >= parallel.parallelFrom && parallel.workers > 1) pool ??= new BlockPool(parallel.workers);
      const item = await collectLogFile({ path: file, fd: opened.fd, size }, shown, spec, context, unreadable, size >= parallel.parallelFrom ? pool : undefined);
      if (item) items.push(item);
    }
  } finally {
    await pool?.close();
  }
  return items;
}

/** The files to read, each once (the first spec naming it decides how), with patterns that match nothing reported. */
function logFiles(specs: LogFileSpec[], unreadable: (u: UnreadableSource) => void, display: (f: string) => string): Array<{ file: string; spec: LogFileSpec }> {
  const files = new Map<string, LogFileSpec>();
  for (const spec of specs) {
    const matches = expandGlob(spec.path);
    if (matches.length === 0 && hasWildcard(spec.path)) unreadable({ path: display(spec.path), code: 'no-match', reason: 'no file matches this log pattern' });
    for (const file of matches) if (!files.has(file)) files.set(file, spec);
  }
  return [...files.entries()].map(([file, spec]) => ({ file, spec }));
}

/** One pass over one file: blocks are analysed in order (or on the pool, a bounded number ahead) and merged in file order. */
async function collectLogFile(
  log: OpenedLog, shown: string, spec: LogFileSpec, context: CollectContext,
  unreadable: (u: UnreadableSource) => void, pool: BlockPool | undefined,
): Promise<EvidenceItem<'log-source'> | undefined> {
  const options = context.checkOptions ?? CHECK_OPTION_DEFAULTS;
  const stats: ReadStats = { sha256: '', bytes: 0, gzip: false };
  let format: LogFormat | undefined = spec.format;
  let summary: LogSummary | undefined;
  const summaryOf = (known: LogFormat) => new LogSummary({
    format: known, formatFrom: spec.format ? 'config' : 'detected', fields: spec.fields,
    authFailureWindowSeconds: options['logs.auth.failure-burst'].windowSeconds,
    requestWindowSeconds: options['logs.rate-limit.unenforced'].windowSeconds,
  });
  const queue: Array<{ lines: number; result: Promise<BlockResult> } | 'too-long'> = [];
  const mergeUntil = async (ahead: number) => {
    while (queue.length > ahead) {
      const next = queue.shift()!;
      if (next === 'too-long') summary!.addTooLong(); else summary!.add(await next.result, next.lines);
    }
  };
  const limits = {
    maxInflatedBytes: spec.maxInflatedBytes ?? DEFAULT_INFLATE_LIMITS.maxInflatedBytes,
    maxInflationRatio: spec.maxInflationRatio ?? DEFAULT_INFLATE_LIMITS.maxInflationRatio,
  };
  try {
    for await (const block of readBlocks(log, stats, limits)) {
      if (!summary) {
        format ??= block.kind === 'lines' ? sniffFormat(firstLines(block.buf)) : undefined;
        if (!format) break;
        summary = summaryOf(format);
      }
      if (block.kind === 'too-long') queue.push('too-long');
      else {
        const blockSpec = { format: format!, fields: spec.fields, unterminatedLast: block.unterminatedLast };
        queue.push({ lines: block.lines, result: pool ? pool.analyse(block.buf, blockSpec) : Promise.resolve(analyseBlock(block.buf, blockSpec)) });
      }
      await mergeUntil(pool ? pool.size * 2 : 0);
    }
    if (summary) await mergeUntil(0);
  } catch (error) {
    unreadable({ path: shown, code: 'read-error', reason: (error as Error).message });
    return undefined;
  }
  if (!format && stats.stopped) {
    unreadable({ path: shown, code: stats.stopped.code, line: 1, reason: `reading stopped before the first line: ${stats.stopped.reason}; nothing of the log was read` });
    return undefined;
  }
  if (!format && stats.error) {
    // Nothing could be read before the error (a gzip stream corrupt near its start): say so, not that the format is unknown.
    unreadable({ path: shown, code: stats.gzip ? 'gzip-error' : 'read-error', line: 1, reason: `reading stopped before the first line: ${stats.error}` });
    return undefined;
  }
  if (!format) {
    unreadable({
      path: shown, code: 'unknown-format', ...(stats.bytes > 0 ? { line: 1 } : {}),
      reason: stats.bytes === 0 ? 'the file is empty, so its format cannot be told; give `format` in sources.logs'
        : 'the first lines are not JSONL, Claude Desktop mcp.log or combined access log lines; give `format` in sources.logs',
    });
    return undefined;
  }
  // An empty file whose format the config gives: evidence of no events.
  summary ??= summaryOf(format);
  const data = summary.finish({ path: shown, gzip: stats.gzip, sha256: stats.sha256, bytes: stats.bytes });
  if (stats.stopped) {
    // Kept, but said to be partial: the unreadable-source item names the file, so coverage is not over-claimed.
    unreadable({ path: shown, code: stats.stopped.code, line: data.lines + 1, reason: `reading stopped after line ${data.lines}: ${stats.stopped.reason}; the rest of the log was not read` });
  }
  if (stats.error) {
    unreadable({ path: shown, code: stats.gzip ? 'gzip-error' : 'read-error', line: data.lines + 1, reason: `reading stopped after line ${data.lines}: ${stats.error}` });
  }
  return { id: `log-source:${shown}`, kind: 'log-source', collector: COLLECTOR_ID, source: shown, collectedAt: context.now, data };
}

/** The first non-blank lines of a block, for sniffing its format. */
function firstLines(buf: Buffer): string[] {
  return buf.toString('utf8', 0, Math.min(buf.length, 64 * 1024)).split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 10);
}
