/**
 * Merges block results, in file order, into one LogSourceEvidence: line numbers offset by the lines
 * before each block, counts summed, lists re-capped, and the events with a status replayed through
 * the sliding windows (which need the whole sequence, so they live here and not in the blocks).
 */
import type { HitCategory } from './detect.js';
import { MAX_SAMPLES, safeValue, type BlockResult, type HitList, type LineList, type TimedLine } from './block-analysis.js';
import {
  MAX_HITS, MAX_LINE_REFS, MAX_SKIPPED_SAMPLES, MAX_TOP, type HitSummary, type LineRefs, type LogFormat, type LogSourceEvidence,
  type SkippedLine, type ValueCounts, type WindowSummary,
} from './model.js';
import { WindowPeaks } from './window-peaks.js';

/** Distinct values tracked per field before counting stops growing (the summary says it was capped). */
const MAX_DISTINCT = 10_000;

type CountedField = keyof BlockResult['counts'];

export interface SummaryOptions {
  format: LogFormat;
  formatFrom: 'config' | 'detected';
  fields?: Record<string, string>;
  authFailureWindowSeconds: number;
  requestWindowSeconds: number;
}

export class LogSummary {
  private lines = 0;
  private events = 0;
  private skippedCount = 0;
  private readonly skippedByCode: Record<string, number> = {};
  private readonly skipped: SkippedLine[] = [];
  private oldest: TimedLine | undefined;
  private newest: TimedLine | undefined;
  private readonly counts: Record<CountedField, { values: Map<string, number>; capped: boolean }> = {
    identities: { values: new Map(), capped: false }, clients: { values: new Map(), capped: false },
    servers: { values: new Map(), capped: false }, methods: { values: new Map(), capped: false }, tools: { values: new Map(), capped: false },
  };
  private readonly statuses = new Map<number, number>();
  private readonly hits: Record<HitCategory, HitSummary> = {
    cardNumbers: emptyHits(), secrets: emptyHits(), nationalIds: emptyHits(), sessionIdsInUrls: emptyHits(),
  };
  private readonly audit = { events: 0, incomplete: 0, identity: emptyRefs(), action: emptyRefs(), timestamp: emptyRefs() };
  private readonly authFailures: WindowPeaks;
  private readonly requests: WindowPeaks;
  private sawStatus = false;
  private throttled = 0;
  private readonly samples: LogSourceEvidence['samples'] = [];

  constructor(private readonly options: SummaryOptions) {
    this.authFailures = new WindowPeaks(options.authFailureWindowSeconds);
    this.requests = new WindowPeaks(options.requestWindowSeconds);
  }

  /** A line too long to read, at the current position. */
  addTooLong(): void {
    this.lines++;
    this.skip({ line: this.lines, code: 'too-long', reason: 'the line is longer than 8 MiB and was not read' });
    this.skippedCount++;
    this.skippedByCode['too-long'] = (this.skippedByCode['too-long'] ?? 0) + 1;
  }

  /** The next block's result; `lines` is the block's line count, known before its analysis ends. */
  add(block: BlockResult, lines: number): void {
    const offset = this.lines;
    this.lines += lines;
    this.events += block.events;
    for (const s of block.skipped) this.skip({ ...s, line: s.line + offset });
    this.skippedCount += block.skippedCount;
    for (const [code, n] of Object.entries(block.skippedByCode)) this.skippedByCode[code] = (this.skippedByCode[code] ?? 0) + n;
    if (block.oldest && (!this.oldest || block.oldest.time < this.oldest.time)) this.oldest = { time: block.oldest.time, line: block.oldest.line + offset };
    if (block.newest && (!this.newest || block.newest.time > this.newest.time)) this.newest = { time: block.newest.time, line: block.newest.line + offset };
    for (const field of Object.keys(this.counts) as CountedField[]) this.addCounts(field, block.counts[field]);
    for (const [status, n] of block.statuses) this.statuses.set(status, (this.statuses.get(status) ?? 0) + n);
    for (const category of Object.keys(this.hits) as HitCategory[]) addHits(this.hits[category], block.hits[category], offset);
    this.audit.events += block.audit.events;
    this.audit.incomplete += block.audit.incomplete;
    addRefs(this.audit.identity, block.audit.identity, offset);
    addRefs(this.audit.action, block.audit.action, offset);
    addRefs(this.audit.timestamp, block.audit.timestamp, offset);
    for (const sample of block.samples) if (this.samples.length < MAX_SAMPLES) this.samples.push({ ...sample, line: sample.line + offset });
    this.replayWindows(block.windows, offset);
  }

  private replayWindows(w: BlockResult['windows'], offset: number): void {
    if (w.count > 0 || this.options.format === 'combined') this.sawStatus = true;
    for (let i = 0; i < w.count; i++) {
      const time = w.times[i]!;
      const line = w.lines[i]! + offset;
      const identity = w.identities[i]! >= 0 ? w.keys[w.identities[i]!]! : undefined;
      const sourceIp = w.sourceIps[i]! >= 0 ? w.keys[w.sourceIps[i]!]! : undefined;
      const key = identity ?? sourceIp;
      const status = w.statuses[i];
      if (status === 429) this.throttled++;
      // A request without a time or a client cannot be placed in a window; a 429 still counts as throttling.
      if (key === undefined || Number.isNaN(time)) { if (status === 429 && key !== undefined) this.requests.throttle(key); continue; }
      const keyType = identity !== undefined ? 'identity' : 'source_ip';
      this.requests.add(key, keyType, time, line);
      if (status === 429) this.requests.throttle(key);
      // An unauthenticated request rarely carries a trusted identity: a burst is per source when one is logged.
      if (status === 401) this.authFailures.add(sourceIp ?? key, sourceIp !== undefined ? 'source_ip' : keyType, time, line);
    }
  }

  private addCounts(field: CountedField, entries: Array<[string, number]>): void {
    const target = this.counts[field];
    for (const [value, n] of entries) {
      const current = target.values.get(value);
      if (current !== undefined) target.values.set(value, current + n);
      else if (target.values.size < MAX_DISTINCT) target.values.set(value, n);
      else target.capped = true;
    }
  }

  private skip(line: SkippedLine): void {
    if (this.skipped.length < MAX_SKIPPED_SAMPLES) this.skipped.push(line);
  }

  finish(base: Pick<LogSourceEvidence, 'path' | 'gzip' | 'sha256' | 'bytes'>): LogSourceEvidence {
    const iso = (t: number) => new Date(t).toISOString();
    const { format, formatFrom, fields } = this.options;
    return {
      ...base,
      lines: this.lines,
      format,
      formatFrom,
      ...(fields && Object.keys(fields).length > 0 ? { fields } : {}),
      events: this.events,
      skipped: { count: this.skippedCount, byCode: this.skippedByCode, samples: this.skipped },
      ...(this.oldest && this.newest ? {
        timeSpan: { oldest: { ts: iso(this.oldest.time), line: this.oldest.line }, newest: { ts: iso(this.newest.time), line: this.newest.line } },
      } : {}),
      identities: this.valueCounts('identities'),
      clients: this.valueCounts('clients'),
      servers: this.valueCounts('servers'),
      methods: this.valueCounts('methods'),
      tools: this.valueCounts('tools'),
      statuses: Object.fromEntries([...this.statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => [String(s), n])),
      sensitive: { cardNumbers: this.hits.cardNumbers, secrets: this.hits.secrets, nationalIds: this.hits.nationalIds },
      sessionIdsInUrls: this.hits.sessionIdsInUrls,
      ...(format === 'jsonl' ? { audit: this.audit } : {}),
      ...(this.sawStatus ? { authFailures: safeKeys(this.authFailures.summary()), requests: { ...safeKeys(this.requests.summary()), throttled: this.throttled } } : {}),
      samples: this.samples,
    };
  }

  private valueCounts(field: CountedField): ValueCounts {
    const { values, capped } = this.counts[field];
    const top = [...values.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_TOP);
    return { distinct: values.size, capped, top: top.map(([value, count]) => ({ value: safeValue(value), count })) };
  }
}

/** Window keys are identities or source IPs as logged: shown like identities, never holding sensitive data. */
function safeKeys(summary: WindowSummary): WindowSummary {
  return { ...summary, top: summary.top.map((peak) => ({ ...peak, key: safeValue(peak.key) })) };
}

const emptyHits = (): HitSummary => ({ count: 0, lines: 0, hits: [] });
const emptyRefs = (): LineRefs => ({ count: 0, lines: [] });

function addHits(target: HitSummary, block: HitList, offset: number): void {
  target.count += block.count;
  target.lines += block.lines;
  for (const hit of block.hits) if (target.hits.length < MAX_HITS) target.hits.push({ ...hit, line: hit.line + offset });
}

function addRefs(target: LineRefs, block: LineList, offset: number): void {
  target.count += block.count;
  for (const line of block.lines) if (target.lines.length < MAX_LINE_REFS) target.lines.push(line + offset);
}
