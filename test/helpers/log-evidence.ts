/**
 * Synthetic `log-source` evidence for log check tests: a file that was read and in which nothing was
 * found (100 lines, 100 events, no hits, no timestamps), with what a case needs laid over it. Like
 * the collector's evidence, it never holds a sensitive value: hits are kinds and places only.
 */
import type {
  AuditFieldGaps, HitSummary, LineRefs, LogSourceEvidence, SensitiveHit, ValueCounts, WindowPeak, WindowSummary,
} from '../../src/collectors/logs/model.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { NOW } from './run-check.js';

export const DEFAULT_LOG_PATH = 'logs/gateway.jsonl';

const noValues = (): ValueCounts => ({ distinct: 0, capped: false, top: [] });

/** Hits as the collector lists them: `count` and `lines` default to what the list shows. */
export function hitSummary(hits: SensitiveHit[] = [], totals: Partial<Pick<HitSummary, 'count' | 'lines'>> = {}): HitSummary {
  return { count: totals.count ?? hits.length, lines: totals.lines ?? new Set(hits.map((h) => h.line)).size, hits };
}

export function logData(partial: Partial<LogSourceEvidence> & { path?: string } = {}): LogSourceEvidence {
  return {
    path: DEFAULT_LOG_PATH, format: 'jsonl', formatFrom: 'detected', gzip: false, sha256: '0'.repeat(64), bytes: 20_000,
    lines: 100, events: 100, skipped: { count: 0, byCode: {}, samples: [] },
    identities: noValues(), clients: noValues(), servers: noValues(), methods: noValues(), tools: noValues(), statuses: {},
    sensitive: { cardNumbers: hitSummary(), secrets: hitSummary(), nationalIds: hitSummary() },
    sessionIdsInUrls: hitSummary(), samples: [],
    ...partial,
  };
}

export function logItem(partial: Partial<LogSourceEvidence> & { path?: string } = {}): EvidenceItem<'log-source'> {
  const data = logData(partial);
  return { id: `log-source:${data.path}`, kind: 'log-source', collector: 'logs', source: data.path, collectedAt: NOW, data };
}

/** `sensitive` with one category filled: `sensitive({ cardNumbers: hitSummary([...]) })`. */
export function sensitive(partial: Partial<LogSourceEvidence['sensitive']>): LogSourceEvidence['sensitive'] {
  return { cardNumbers: hitSummary(), secrets: hitSummary(), nationalIds: hitSummary(), ...partial };
}

export function lineRefs(lines: number[] = [], count = lines.length): LineRefs {
  return { count, lines };
}

/** Audit gaps; `incomplete` defaults to the largest gap (a lower bound of the true figure, enough for the checks). */
export function auditGaps(partial: Partial<AuditFieldGaps> & { events: number }): AuditFieldGaps {
  const gaps = { identity: lineRefs(), action: lineRefs(), timestamp: lineRefs(), ...partial };
  return { incomplete: Math.max(gaps.identity.count, gaps.action.count, gaps.timestamp.count), ...gaps };
}

/** One client's busiest window: `peak` events between lines `from` and `to`, starting at 10:00:00 on 20 Nov 2026. */
export function peak(key: string, count: number, lines: [number, number], extra: Partial<WindowPeak> = {}): WindowPeak {
  return {
    key, keyType: /^[\d.:]+$/.test(key) ? 'source_ip' : 'identity', peak: count, total: count,
    from: { line: lines[0], ts: '2026-11-20T10:00:00Z' }, to: { line: lines[1], ts: '2026-11-20T10:04:10Z' },
    ...extra,
  };
}

/** A window summary; `keys` defaults to the listed clients, `total` to the sum of their totals. */
export function windows(windowSeconds: number, top: WindowPeak[], extra: Partial<WindowSummary> = {}): WindowSummary {
  return { windowSeconds, total: top.reduce((sum, p) => sum + p.total, 0), keys: top.length, top, ...extra };
}

/** Request windows with the source's 429 count (the sum of the clients' unless given). */
export function requestWindows(windowSeconds: number, top: WindowPeak[], extra: Partial<WindowSummary & { throttled: number }> = {}): WindowSummary & { throttled: number } {
  return { ...windows(windowSeconds, top), throttled: top.reduce((sum, p) => sum + (p.throttled ?? 0), 0), ...extra };
}

/** A time span whose oldest event is at `oldest` (line `line`) and newest at the run's clock. */
export function timeSpan(oldest: string, line = 1): NonNullable<LogSourceEvidence['timeSpan']> {
  return { oldest: { ts: oldest, line }, newest: { ts: NOW, line: 100 } };
}
