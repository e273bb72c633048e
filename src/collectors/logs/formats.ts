/**
 * The three log formats of DESIGN §4, each read into one event shape: canonical JSONL (or any JSONL
 * through a field mapping), Claude Desktop `mcp*.log` lines (JSON-RPC inside), and HTTP access logs
 * in combined (or common) log format. Parsers are pure and return undefined for a line that is not
 * of their format.
 */
import { jsonNestingTooDeepAt } from '../../lib/nesting-depth.js';
import type { LogFormat } from './model.js';

/** One log line as the analysis sees it. Free-form parts stay where they are for the detectors. */
export interface LogEvent {
  /** Epoch milliseconds, or NaN when the line has no usable time. */
  time: number;
  identity?: string;
  client?: string;
  server?: string;
  method?: string;
  tool?: string;
  status?: number;
  sourceIp?: string;
  /** Scanned for sensitive data: the parsed JSON (JSONL, JSON-RPC) or named text parts (access logs). */
  payload: unknown;
  /** Text outside the payload to scan (Claude Desktop stderr lines). */
  text?: string;
  /** A JSON-RPC message nested past MAX_NESTING_DEPTH, left unparsed: the 1-based column in the line where it passed it. */
  tooDeepAt?: number;
}

export const CANONICAL_FIELDS = ['ts', 'identity', 'client', 'server', 'method', 'tool', 'status', 'source_ip', 'session', 'args', 'result'] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

// ---- JSONL ----

export type FieldGetter = (event: Record<string, unknown>) => unknown;

/** Getters for the canonical fields: direct properties, or the dotted paths of a mapping. */
export function fieldGetters(fields: Record<string, string> = {}): Record<CanonicalField, FieldGetter> {
  const getters = {} as Record<CanonicalField, FieldGetter>;
  for (const name of CANONICAL_FIELDS) {
    const parts = (fields[name] ?? name).split('.');
    getters[name] = parts.length === 1
      ? (event) => event[parts[0]!]
      : (event) => {
        let value: unknown = event;
        for (const part of parts) {
          if (value === null || typeof value !== 'object') return undefined;
          value = (value as Record<string, unknown>)[part];
        }
        return value;
      };
  }
  return getters;
}

export function jsonlEvent(object: Record<string, unknown>, get: Record<CanonicalField, FieldGetter>): LogEvent {
  return {
    time: timeOf(get.ts(object)),
    identity: text(get.identity(object)),
    client: text(get.client(object)),
    server: text(get.server(object)),
    method: text(get.method(object)),
    tool: text(get.tool(object)),
    status: statusOf(get.status(object)),
    sourceIp: text(get.source_ip(object)),
    payload: object,
  };
}

/** The canonical shape with direct property reads (the hot path: one inline cache per field). */
export function canonicalEvent(object: Record<string, unknown>): LogEvent {
  return {
    time: timeOf(object.ts),
    identity: text(object.identity),
    client: text(object.client),
    server: text(object.server),
    method: text(object.method),
    tool: text(object.tool),
    status: statusOf(object.status),
    sourceIp: text(object.source_ip),
    payload: object,
  };
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? (value === '' ? undefined : value) : typeof value === 'number' ? String(value) : undefined;

function statusOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/**
 * ISO 8601 text, or epoch seconds / milliseconds as numbers. Lines of one log share their date and
 * hour, so `YYYY-MM-DDTHH:` is parsed once per hour and the rest of `mm:ss.sssZ` read digit by digit.
 */
let cachedPrefix = '';
let cachedPrefixMs = NaN;

export function timeOf(value: unknown): number {
  if (typeof value === 'number') return value > 1e11 ? value : value * 1000;
  if (typeof value !== 'string') return NaN;
  const fast = fastIsoTime(value);
  if (fast !== undefined) return fast;
  // Date.parse reads ISO text without an offset as local time; the log's own zone is unknown, so only text with a date is read.
  return /^\d{4}-\d\d-\d\d/.test(value) ? Date.parse(value) : NaN;
}

/** `YYYY-MM-DDTHH:mm:ss[.fff]Z` without a regex or Date per line; undefined for any other shape. */
function fastIsoTime(value: string): number | undefined {
  const n = value.length;
  if ((n !== 20 && n !== 24) || value.charCodeAt(n - 1) !== 90 /* Z */ || value.charCodeAt(10) !== 84 /* T */) return undefined;
  const digit = (i: number) => { const d = value.charCodeAt(i) - 48; return d >= 0 && d <= 9 ? d : NaN; };
  const minutes = digit(14) * 10 + digit(15);
  const seconds = digit(17) * 10 + digit(18);
  const millis = n === 24 ? digit(20) * 100 + digit(21) * 10 + digit(22) : 0;
  if (!(minutes <= 59 && seconds <= 59 && millis >= 0) || value.charCodeAt(16) !== 58 || (n === 24 && value.charCodeAt(19) !== 46)) return undefined;
  if (!value.startsWith(cachedPrefix) || cachedPrefix === '') {
    // Hour 24 parses only as 24:00:00 (the next midnight): the slow path decides.
    const prefixMs = value.charCodeAt(11) === 50 && value.charCodeAt(12) === 52 ? NaN : Date.parse(`${value.slice(0, 14)}00:00Z`);
    if (Number.isNaN(prefixMs)) return undefined;
    cachedPrefix = value.slice(0, 14);
    cachedPrefixMs = prefixMs;
  }
  return cachedPrefixMs + minutes * 60_000 + seconds * 1000 + millis;
}

// ---- Claude Desktop ----

/** `2025-07-20T13:44:16.380Z [weather] [info] Message from client: {...} { metadata: undefined }` (mcp-formats §2.5). */
const CLAUDE_LINE = /^(\d{4}-\d\d-\d\dT[\d:.]+Z) \[([^\]]*)\] \[(\w+)\] (.*)$/;
// Lazy: a greedy `\{.*\}` would take the ` { metadata: undefined }` suffix into the JSON, which then fails to parse.
const CLAUDE_MESSAGE = /^Message from (client|server): (\{.*?\})(?: \{ metadata: .* \})?$/;

export function claudeDesktopEvent(line: string): LogEvent | undefined {
  const m = CLAUDE_LINE.exec(line);
  if (!m) return undefined;
  const event: LogEvent = { time: timeOf(m[1]), server: m[2] || undefined, client: 'claude-desktop', payload: undefined };
  const message = CLAUDE_MESSAGE.exec(m[4]!);
  let rpc: Record<string, unknown> | undefined;
  // The prefix before the message JSON, so a depth found in the message is placed in the line.
  const messageAt = message ? line.length - m[4]!.length + message[0].indexOf(message[2]!) : 0;
  const tooDeepAt = message ? jsonNestingTooDeepAt(message[2]!) : -1;
  if (tooDeepAt >= 0) event.tooDeepAt = messageAt + tooDeepAt + 1;
  else if (message) {
    try {
      const parsed: unknown = JSON.parse(message[2]!);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) rpc = parsed as Record<string, unknown>;
    } catch { /* a message cut short in the log: scanned as text below */ }
  }
  if (rpc) {
    event.payload = rpc;
    event.method = text(rpc.method);
    const params = rpc.params as Record<string, unknown> | undefined;
    if (event.method === 'tools/call' && params && typeof params === 'object') event.tool = text(params.name);
    const error = rpc.error as { code?: unknown } | undefined;
    if (error && typeof error === 'object' && typeof error.code === 'number') event.status = error.code;
  } else {
    event.text = m[4];
  }
  return event;
}

// ---- HTTP access logs ----

/** `host ident authuser [10/Oct/2000:13:55:36 -0700] "GET /x HTTP/1.1" 200 2326 "referer" "agent"` (referer and agent optional: common log format). */
const ACCESS_LINE = /^(\S+) \S+ (\S+) \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}|-) (?:\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/;
const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

export function accessLogTime(value: string): number {
  const m = /^(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/.exec(value);
  if (!m || MONTHS[m[2]!] === undefined) return NaN;
  const offset = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) * 60_000;
  return Date.UTC(Number(m[3]), MONTHS[m[2]!]!, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) - offset;
}

export function accessLogEvent(line: string): LogEvent | undefined {
  const m = ACCESS_LINE.exec(line);
  if (!m) return undefined;
  const request = m[4]!;
  const [httpMethod, target] = request.split(' ');
  const path = target?.split('?')[0];
  return {
    time: accessLogTime(m[3]!),
    sourceIp: m[1],
    identity: m[2] === '-' ? undefined : m[2],
    method: httpMethod && path ? `${httpMethod} ${path}` : undefined,
    status: m[5] === '-' ? undefined : Number(m[5]),
    payload: { request, ...(m[6] !== undefined ? { referer: m[6], 'user-agent': m[7] } : {}) },
  };
}

// ---- sniffing ----

/** The format of the first non-blank lines, or undefined when they are of none. */
export function sniffFormat(lines: string[]): LogFormat | undefined {
  const votes = new Map<LogFormat, number>();
  for (const line of lines) {
    const format: LogFormat | undefined = line.startsWith('{') ? 'jsonl'
      : CLAUDE_LINE.test(line) ? 'claude-desktop'
        : ACCESS_LINE.test(line) ? 'combined' : undefined;
    if (format) votes.set(format, (votes.get(format) ?? 0) + 1);
  }
  return [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
