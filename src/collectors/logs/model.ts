/**
 * Log evidence: one item per log file, a summary measured in one streaming pass. Raw lines are never
 * copied: sensitive values are recorded as their kind and place (line, column, field), identities
 * and counts as aggregates, and samples as redacted event shapes.
 */

export type LogFormat = 'jsonl' | 'claude-desktop' | 'combined';

/** Caps that keep an item small whatever the file size (the counts stay exact). */
export const MAX_HITS = 100;
export const MAX_TOP = 20;
export const MAX_LINE_REFS = 20;
export const MAX_SKIPPED_SAMPLES = 100;

/** A line that could not be read as an event of the source's format; counted, never fatal. */
export interface SkippedLine {
  line: number;
  /** `not-json` | `truncated` (the last line, cut off) | `not-utf8` | `unrecognised` | `too-long` | `not-object` | `too-deep` */
  code: string;
  reason: string;
}

/** Where sensitive data was seen: never its value. */
export interface SensitiveHit {
  line: number;
  /** 1-based column in the decoded line, where known. */
  column?: number;
  /** JSON path in the event (`args.card`, `result.content[0].text`) or the access-log part (`request`, `referer`). */
  field?: string;
  /** card: brand (`visa`, `mastercard`, `amex`, ...); secret: the secret kind (`github-token`, ...); national id: `us-ssn`, `uk-nino`; session: the parameter name. */
  kind: string;
}

/** Every occurrence is counted; the first MAX_HITS are listed. */
export interface HitSummary {
  count: number;
  /** Distinct lines with at least one occurrence. */
  lines: number;
  hits: SensitiveHit[];
}

/** Distinct values of a field: exact count up to a cap, the most frequent listed. */
export interface ValueCounts {
  distinct: number;
  /** True when there were more distinct values than were tracked (distinct is then a lower bound). */
  capped: boolean;
  top: Array<{ value: string; count: number }>;
}

/** Events lacking who / what / when (canonical fields identity, method or tool, ts). */
export interface AuditFieldGaps {
  /** Events examined (parsed JSON objects). */
  events: number;
  /** Events lacking at least one of the three. */
  incomplete: number;
  identity: LineRefs;
  action: LineRefs;
  timestamp: LineRefs;
}

export interface LineRefs {
  count: number;
  /** The first MAX_LINE_REFS line numbers. */
  lines: number[];
}

/** The busiest window of one client or identity. */
export interface WindowPeak {
  /** The identity, or the source IP when no identity was logged. */
  key: string;
  keyType: 'identity' | 'source_ip';
  /** Most events of this key inside any window of `windowSeconds`. */
  peak: number;
  total: number;
  /** The peak window: its first and last event. */
  from: { line: number; ts: string };
  to: { line: number; ts: string };
  /** Requests answered 429 to this key over the whole file (request windows only). */
  throttled?: number;
}

export interface WindowSummary {
  windowSeconds: number;
  /** Events counted (authentication failures, or requests with a client key). */
  total: number;
  /** Distinct keys seen. */
  keys: number;
  /** The keys with the highest peaks, highest first (at most MAX_TOP). */
  top: WindowPeak[];
}

export interface LogSourceEvidence {
  /** Display path of the file. */
  path: string;
  format: LogFormat;
  /** How the format was decided: given in the config, or sniffed from the first lines. */
  formatFrom: 'config' | 'detected';
  /** Canonical field -> dotted path in the events, when the config maps a non-canonical JSONL shape. */
  fields?: Record<string, string>;
  gzip: boolean;
  /** sha256 of the file's bytes as stored (compressed, for .gz), computed while streaming. */
  sha256: string;
  bytes: number;
  lines: number;
  /** Lines read as events of the format (blank lines are neither events nor skipped). */
  events: number;
  /** Lines not read as events: the total, the count per code (`too-long` lines were not scanned at all), the first ones. */
  skipped: { count: number; byCode: Record<string, number>; samples: SkippedLine[] };
  /** Oldest and newest event time (the file need not be in order). */
  timeSpan?: { oldest: { ts: string; line: number }; newest: { ts: string; line: number } };
  identities: ValueCounts;
  clients: ValueCounts;
  servers: ValueCounts;
  methods: ValueCounts;
  tools: ValueCounts;
  /** Status code -> events (HTTP-like status; JSON-RPC errors as their code, e.g. `-32601`). */
  statuses: Record<string, number>;
  sensitive: { cardNumbers: HitSummary; secrets: HitSummary; nationalIds: HitSummary };
  /** Session identifiers in URL query strings or paths (`sessionId=`, `;jsessionid=`). */
  sessionIdsInUrls: HitSummary;
  /** JSONL audit events only; absent for formats that carry no principal (access logs, client logs). */
  audit?: AuditFieldGaps;
  /** HTTP-like sources (JSONL with status, access logs): 401 bursts per identity or source IP. */
  authFailures?: WindowSummary;
  /** HTTP-like sources: request peaks per client, and 429s returned. */
  requests?: WindowSummary & { throttled: number };
  /** The first few events, reduced to their shape: field names, types and redacted values. */
  samples: Array<{ line: number; event: Record<string, unknown> }>;
}
