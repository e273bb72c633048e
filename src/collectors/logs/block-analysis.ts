/**
 * The per-line work on one block of a log (whole lines, numbered from 1 within the block): each
 * line read as an event of its format, sensitive values reduced to kind, line, column and field the
 * moment they are found, and everything else folded into counts. A block's result is small and
 * mergeable (LogSummary), so blocks can be analysed on worker threads, in any order. Events that
 * the time windows need are returned as columns, in line order, for the merger to replay.
 */
import { isUtf8 } from 'node:buffer';
import { SECRET_KEY_NAME } from '../../evidence/secrets.js';
import { jsonNestingTooDeepAt, tooDeepReason } from '../../lib/nesting-depth.js';
import { mayHoldSensitive, scanText, SSN_KEY, type HitCategory } from './detect.js';
import {
  accessLogEvent, CANONICAL_FIELDS, canonicalEvent, claudeDesktopEvent, fieldGetters, jsonlEvent, type LogEvent,
} from './formats.js';
import { MAX_HITS, MAX_LINE_REFS, MAX_SKIPPED_SAMPLES, type LogFormat, type SensitiveHit, type SkippedLine } from './model.js';

export interface BlockSpec {
  format: LogFormat;
  fields?: Record<string, string>;
  /** The block ends with the file's last line, which has no newline after it. */
  unterminatedLast: boolean;
}

export interface HitList { count: number; lines: number; hits: SensitiveHit[] }
export interface LineList { count: number; lines: number[] }
export interface TimedLine { time: number; line: number }

/** Events with an HTTP-like status, for the request and authentication-failure windows. */
export interface WindowEvents {
  count: number;
  times: Float64Array;
  lines: Int32Array;
  statuses: Int32Array;
  /** Index into `keys`, or -1. */
  identities: Int32Array;
  sourceIps: Int32Array;
  keys: string[];
}

export interface BlockResult {
  lines: number;
  events: number;
  skippedCount: number;
  skippedByCode: Record<string, number>;
  skipped: SkippedLine[];
  oldest?: TimedLine;
  newest?: TimedLine;
  counts: Record<'identities' | 'clients' | 'servers' | 'methods' | 'tools', Array<[string, number]>>;
  statuses: Array<[number, number]>;
  hits: Record<HitCategory, HitList>;
  audit: { events: number; incomplete: number; identity: LineList; action: LineList; timestamp: LineList };
  samples: Array<{ line: number; event: Record<string, unknown> }>;
  windows: WindowEvents;
}

export const MAX_SAMPLES = 3;
/** Canonical fields that hold identifiers by design (a `session` id is not a leaked secret); the free payloads are args and result. */
const IDENTIFIER_FIELDS = CANONICAL_FIELDS.filter((f) => f !== 'args' && f !== 'result');
/** Keys whose value is judged as what they name: a secret (`password`), or an SSN written as bare digits (`ssn`), which no pattern alone finds. */
const SENSITIVE_KEY = new RegExp(`${SECRET_KEY_NAME.source}|${SSN_KEY.source}`, 'i');

/** Reads every line of `buf` (whole lines; the last may lack its newline only when `spec.unterminatedLast`). */
export function analyseBlock(buf: Uint8Array, spec: BlockSpec): BlockResult {
  const analysis = new BlockAnalysis(spec);
  forEachLine(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), spec.unterminatedLast, analysis);
  return analysis.result();
}

interface LineSink {
  line(text: string, lineNo: number, unterminated: boolean): void;
  notUtf8(lineNo: number, latin1: string): void;
}

/**
 * Decodes a block of lines at once (the fast path); a block holding a replacement character is
 * re-read line by line so that a real U+FFFD is told from bytes that are not UTF-8.
 */
function forEachLine(buf: Buffer, unterminatedLast: boolean, sink: LineSink): number {
  let end = buf.length;
  if (!unterminatedLast && end > 0 && buf[end - 1] === 10) end--;
  if (end === 0 && !unterminatedLast) return buf.length > 0 ? (sink.line('', 1, false), 1) : 0;
  const block = buf.toString('utf8', 0, end);
  let lineNo = 0;
  const emit = (text: string, unterminated: boolean) => {
    lineNo++;
    sink.line(text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text, lineNo, unterminated);
  };
  if (!block.includes('\uFFFD')) {
    for (let at = 0; ;) {
      const nl = block.indexOf('\n', at);
      if (nl < 0) { emit(block.slice(at), unterminatedLast); return lineNo; }
      emit(block.slice(at, nl), false);
      at = nl + 1;
    }
  }
  for (let at = 0; ;) {
    let nl = buf.indexOf(10, at);
    if (nl < 0 || nl > end) nl = end;
    const text = buf.toString('utf8', at, nl);
    if (text.includes('\uFFFD') && !isUtf8(buf.subarray(at, nl))) { lineNo++; sink.notUtf8(lineNo, buf.toString('latin1', at, nl)); }
    else emit(text, unterminatedLast && nl === end);
    if (nl >= end) return lineNo;
    at = nl + 1;
  }
}

class Counter {
  readonly counts = new Map<string, { n: number }>();
  add(value: string | undefined): void {
    if (value === undefined) return;
    const box = this.counts.get(value);
    if (box) box.n++; else this.counts.set(value, { n: 1 });
  }
  entries(): Array<[string, number]> { return [...this.counts.entries()].map(([k, v]) => [k, v.n]); }
}

class Hits implements HitList {
  count = 0;
  lines = 0;
  private lastLine = 0;
  readonly hits: SensitiveHit[] = [];
  add(line: number, kind: string, field: string | undefined, column: number | undefined): void {
    this.count++;
    if (line !== this.lastLine) { this.lines++; this.lastLine = line; }
    if (this.hits.length < MAX_HITS) this.hits.push({ line, ...(column ? { column } : {}), ...(field ? { field } : {}), kind });
  }
}

class Refs implements LineList {
  count = 0;
  readonly lines: number[] = [];
  add(line: number): void {
    this.count++;
    if (this.lines.length < MAX_LINE_REFS) this.lines.push(line);
  }
}

/** Growable columns of window events. */
class WindowColumns {
  count = 0;
  private times = new Float64Array(1024);
  private lines = new Int32Array(1024);
  private statuses = new Int32Array(1024);
  private identities = new Int32Array(1024);
  private sourceIps = new Int32Array(1024);
  private readonly keyIndex = new Map<string, number>();
  private readonly keys: string[] = [];

  add(time: number, line: number, status: number, identity: string | undefined, sourceIp: string | undefined): void {
    if (this.count === this.times.length) this.grow();
    const i = this.count++;
    this.times[i] = time; this.lines[i] = line; this.statuses[i] = status;
    this.identities[i] = this.keyOf(identity);
    this.sourceIps[i] = this.keyOf(sourceIp);
  }

  private keyOf(key: string | undefined): number {
    if (key === undefined) return -1;
    let index = this.keyIndex.get(key);
    if (index === undefined) { index = this.keys.length; this.keys.push(key); this.keyIndex.set(key, index); }
    return index;
  }

  private grow(): void {
    const grow = <T extends Float64Array | Int32Array>(a: T): T => { const b = new (a.constructor as new (n: number) => T)(a.length * 2); b.set(a); return b; };
    this.times = grow(this.times); this.lines = grow(this.lines); this.statuses = grow(this.statuses);
    this.identities = grow(this.identities); this.sourceIps = grow(this.sourceIps);
  }

  result(): WindowEvents {
    const n = this.count;
    return {
      count: n, times: this.times.slice(0, n), lines: this.lines.slice(0, n), statuses: this.statuses.slice(0, n),
      identities: this.identities.slice(0, n), sourceIps: this.sourceIps.slice(0, n), keys: this.keys,
    };
  }
}

class BlockAnalysis implements LineSink {
  private readonly format: LogFormat;
  private readonly toEvent: (object: Record<string, unknown>) => LogEvent;
  private lines = 0;
  private events = 0;
  private readonly skipped: SkippedLine[] = [];
  private skippedCount = 0;
  private readonly skippedByCode: Record<string, number> = {};
  private oldest: TimedLine | undefined;
  private newest: TimedLine | undefined;
  private readonly counters = { identities: new Counter(), clients: new Counter(), servers: new Counter(), methods: new Counter(), tools: new Counter() };
  private readonly statuses = new Map<number, number>();
  private readonly hits: Record<HitCategory, Hits> = { cardNumbers: new Hits(), secrets: new Hits(), nationalIds: new Hits(), sessionIdsInUrls: new Hits() };
  private readonly audit = { events: 0, incomplete: 0, identity: new Refs(), action: new Refs(), timestamp: new Refs() };
  private readonly windows = new WindowColumns();
  private readonly samples: BlockResult['samples'] = [];
  /** Top-level keys of JSONL events that carry identifiers (canonical names, or where the mapping puts them). */
  private readonly identifierKeys: Set<string>;

  constructor(spec: BlockSpec) {
    this.format = spec.format;
    const fields = spec.fields && Object.keys(spec.fields).length > 0 ? spec.fields : undefined;
    const get = fieldGetters(fields);
    this.toEvent = fields ? (object) => jsonlEvent(object, get) : canonicalEvent;
    this.identifierKeys = new Set(IDENTIFIER_FIELDS.map((f) => fields?.[f] ?? f).filter((p) => !p.includes('.')));
  }

  line(text: string, lineNo: number, unterminated: boolean): void {
    this.lines = lineNo;
    if (text.length === 0 || text.trim() === '') return;
    switch (this.format) {
      case 'jsonl': return this.readJsonLine(text, lineNo, unterminated);
      case 'claude-desktop': {
        const event = claudeDesktopEvent(text);
        if (event?.tooDeepAt !== undefined) return this.tooDeep(text, lineNo, unterminated, event.tooDeepAt - 1);
        // Anything else in mcp.log continues a multi-line message (a stack trace, server stderr): scanned, not an event.
        if (event) this.addEvent(event, text, lineNo);
        else if (mayHoldSensitive(text)) this.scanValue(text, lineNo, undefined, text);
        return;
      }
      case 'combined': {
        const event = accessLogEvent(text);
        if (event) return this.addEvent(event, text, lineNo);
        this.badLine(lineNo, unterminated, 'unrecognised', 'not a combined or common log format line');
        if (mayHoldSensitive(text)) this.scanValue(text, lineNo, undefined, text);
      }
    }
  }

  notUtf8(lineNo: number, latin1: string): void {
    this.lines = lineNo;
    this.skip(lineNo, 'not-utf8', 'the line is not valid UTF-8');
    // Bytes that are not UTF-8 may still hold a card number or a token: look, without counting an event.
    if (mayHoldSensitive(latin1)) this.scanValue(latin1, lineNo, undefined, latin1);
  }

  private readJsonLine(text: string, lineNo: number, unterminated: boolean): void {
    // JSON.parse copes with any depth, but the walkers over the event recurse: a line that deep is skipped, not the file.
    const tooDeepAt = jsonNestingTooDeepAt(text);
    if (tooDeepAt >= 0) return this.tooDeep(text, lineNo, unterminated, tooDeepAt);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      // V8 quotes the offending text in its message: keep only the position, never the line's content.
      const at = /position (\d+)/.exec((e as Error).message);
      this.badLine(lineNo, unterminated, 'not-json', at ? `not valid JSON at column ${Number(at[1]) + 1}` : 'not valid JSON');
      if (mayHoldSensitive(text)) this.scanValue(text, lineNo, undefined, text);
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      this.skip(lineNo, 'not-object', 'a JSON value that is not an object');
      return;
    }
    const event = this.toEvent(parsed as Record<string, unknown>);
    this.addEvent(event, text, lineNo);
    const audit = this.audit;
    audit.events++;
    const noIdentity = event.identity === undefined;
    const noAction = event.method === undefined && event.tool === undefined;
    const noTime = Number.isNaN(event.time);
    if (noIdentity) audit.identity.add(lineNo);
    if (noAction) audit.action.add(lineNo);
    if (noTime) audit.timestamp.add(lineNo);
    if (noIdentity || noAction || noTime) audit.incomplete++;
  }

  private addEvent(event: LogEvent, text: string, lineNo: number): void {
    this.events++;
    const { time } = event;
    if (!Number.isNaN(time)) {
      if (!this.oldest || time < this.oldest.time) this.oldest = { time, line: lineNo };
      if (!this.newest || time > this.newest.time) this.newest = { time, line: lineNo };
    }
    const c = this.counters;
    c.identities.add(event.identity); c.clients.add(event.client); c.servers.add(event.server); c.methods.add(event.method); c.tools.add(event.tool);
    if (event.status !== undefined) {
      this.statuses.set(event.status, (this.statuses.get(event.status) ?? 0) + 1);
      // Claude Desktop statuses are JSON-RPC error codes of a local process, not HTTP answers to a client.
      if (this.format !== 'claude-desktop') this.windows.add(time, lineNo, event.status, event.identity, event.sourceIp);
    }
    if (mayHoldSensitive(text)) this.scanEvent(event, text, lineNo, 'all');
    else if (this.format === 'jsonl' && this.hasSecretNamedKey(event.payload as Record<string, unknown>)) this.scanEvent(event, text, lineNo, 'keyed');
    if (event.text !== undefined && mayHoldSensitive(event.text)) this.scanValue(event.text, lineNo, undefined, text);
    if (this.samples.length < MAX_SAMPLES) this.samples.push({ line: lineNo, event: sampleOf(event, this.format === 'jsonl' ? this.identifierKeys : undefined) });
  }

  /** A key below the top level, or a top-level key that is not an identifier, that names a secret (`password`, `api_key`) or an SSN. */
  private hasSecretNamedKey(object: Record<string, unknown>): boolean {
    const below = (value: unknown): boolean => {
      if (value === null || typeof value !== 'object') return false;
      for (const key in value) {
        if (SENSITIVE_KEY.test(key) || below((value as Record<string, unknown>)[key])) return true;
      }
      return false;
    };
    for (const key in object) {
      if (!this.identifierKeys.has(key) && SENSITIVE_KEY.test(key)) return true;
      if (below(object[key])) return true;
    }
    return false;
  }

  /** Walks the event's JSON; `keyed` mode only looks at values under secret-named keys. */
  private scanEvent(event: LogEvent, text: string, lineNo: number, mode: 'all' | 'keyed'): void {
    const visit = (value: unknown, path: string, key: string | undefined): void => {
      const keyed = key !== undefined && SENSITIVE_KEY.test(key);
      if (typeof value === 'string') {
        if (keyed || (mode === 'all' && mayHoldSensitive(value))) this.scanValue(value, lineNo, path, text, key);
      } else if (typeof value === 'number') {
        if (Number.isInteger(value) && ((mode === 'all' && value >= 1e11) || (key !== undefined && SSN_KEY.test(key)))) {
          this.scanValue(String(value), lineNo, path, text, key);
        }
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => visit(v, `${path}[${i}]`, key));
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`, k);
      }
    };
    const payload = event.payload;
    if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
      for (const [k, v] of Object.entries(payload)) {
        // Canonical identifiers are judged by pattern only, never by their key name.
        visit(v, k, this.format === 'jsonl' && this.identifierKeys.has(k) && typeof v !== 'object' ? undefined : k);
      }
    }
  }

  /** Runs the detectors over one value and records its hits, located in the raw line where possible. */
  private scanValue(value: string, lineNo: number, field: string | undefined, rawLine: string, key?: string): void {
    for (const hit of scanText(value, key)) {
      // Values are visited in line order, so searching on from the last hit places a repeated value at its own column.
      const probe = value.slice(hit.index, hit.index + 12);
      const from = this.column.line === lineNo ? this.column.next : 0;
      let at = probe ? rawLine.indexOf(probe, from) : -1;
      if (at < 0 && probe) at = rawLine.indexOf(probe);
      if (at >= 0) this.column = { line: lineNo, next: at + 1 };
      this.hits[hit.category].add(lineNo, hit.kind, field, at >= 0 ? at + 1 : undefined);
    }
  }

  /** Where the next hit's value is searched for in the raw line. */
  private column = { line: 0, next: 0 };

  /** A line nested past MAX_NESTING_DEPTH (`offset` in the line): skipped, its text still scanned for sensitive data. */
  private tooDeep(text: string, lineNo: number, unterminated: boolean, offset: number): void {
    this.badLine(lineNo, unterminated, 'too-deep', `${tooDeepReason()} (at column ${offset + 1})`);
    if (mayHoldSensitive(text)) this.scanValue(text, lineNo, undefined, text);
  }

  private badLine(lineNo: number, unterminated: boolean, code: string, reason: string): void {
    if (unterminated) this.skip(lineNo, 'truncated', `the last line ends without a newline and is incomplete (${reason})`);
    else this.skip(lineNo, code, reason);
  }

  private skip(line: number, code: string, reason: string): void {
    this.skippedCount++;
    this.skippedByCode[code] = (this.skippedByCode[code] ?? 0) + 1;
    if (this.skipped.length < MAX_SKIPPED_SAMPLES) this.skipped.push({ line, code, reason });
  }

  result(): BlockResult {
    const c = this.counters;
    return {
      lines: this.lines,
      events: this.events,
      skippedCount: this.skippedCount,
      skippedByCode: this.skippedByCode,
      skipped: this.skipped,
      ...(this.oldest ? { oldest: this.oldest } : {}),
      ...(this.newest ? { newest: this.newest } : {}),
      counts: { identities: c.identities.entries(), clients: c.clients.entries(), servers: c.servers.entries(), methods: c.methods.entries(), tools: c.tools.entries() },
      statuses: [...this.statuses.entries()],
      hits: this.hits,
      audit: this.audit,
      samples: this.samples,
      windows: this.windows.result(),
    };
  }
}

/** An identity or other value as evidence may show it: never one that holds sensitive data. */
export function safeValue(value: string): string {
  if (!mayHoldSensitive(value)) return value;
  const kinds = [...new Set(scanText(value).map((h) => h.kind))];
  return kinds.length > 0 ? `[REDACTED: ${kinds.join(', ')}]` : value;
}

/** An event reduced to what an auditor needs to see its shape: identifiers kept (redacted if they hold secrets), payloads as types. */
function sampleOf(event: LogEvent, identifierKeys: Set<string> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Number.isNaN(event.time)) out.ts = new Date(event.time).toISOString();
  for (const [name, value] of Object.entries({
    identity: event.identity, client: event.client, server: event.server, method: event.method, tool: event.tool, source_ip: event.sourceIp,
  })) if (value !== undefined) out[name] = safeValue(value);
  if (event.status !== undefined) out.status = event.status;
  // Other JSONL fields (args, result, anything unmapped) are shown as their shape only.
  if (identifierKeys) {
    for (const [k, v] of Object.entries(event.payload as Record<string, unknown>)) {
      if (!(k in out) && !identifierKeys.has(k)) out[k] = shapeOf(v, 2);
    }
  }
  return out;
}

function shapeOf(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return `<string(${value.length})>`;
  if (value === null || typeof value !== 'object') return `<${value === null ? 'null' : typeof value}>`;
  if (depth === 0) return Array.isArray(value) ? `<array(${value.length})>` : '<object>';
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0], depth - 1), ...(value.length > 1 ? [`<${value.length - 1} more>`] : [])];
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v, depth - 1)]));
}
