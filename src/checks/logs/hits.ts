/**
 * The shape shared by the checks that report sensitive values found in logs (card numbers, secrets,
 * national identifiers, session identifiers in URLs): one failure per listed hit at its line and
 * column, one more at the source when the collector counted more hits than it listed, and a pass
 * for a source without any. The evidence holds a hit's kind and place, never its value.
 */
import type { Severity } from '../../catalog/model.js';
import type { HitSummary, LogSourceEvidence, SensitiveHit } from '../../collectors/logs/model.js';
import type { Check, CheckContext, CheckMeta, CheckResult } from '../types.js';
import { SOURCE_KEY, UNLISTED_KEY, fail, formatCount, logSources, pass, plural, type Data, type LogItem } from './source.js';

/** Message ids of a hit check: `hit` per listed hit, `unlisted` for the rest, `none` for a clean source. */
export interface HitMessageIds {
  hit: string;
  unlisted: string;
  none: string;
}

export interface HitCheckSpec {
  select: (data: LogSourceEvidence) => HitSummary;
  messageIds: HitMessageIds;
}

/**
 * A JSON path is built from the event's keys, not its values; digit runs as long as a card number
 * are masked all the same, so that a key that happens to be a value never reaches a result.
 */
function safeField(field: string): string {
  return field.replace(/\d{13,}/g, '…');
}

/** `line:120:args.card:visa` (`line:120:visa` without a field); repeats on one line add the column. */
function hitKeys(hits: readonly SensitiveHit[]): string[] {
  const base = hits.map((hit) => ['line', hit.line, ...(hit.field ? [safeField(hit.field)] : []), hit.kind].join(':'));
  const seen = new Map<string, number>();
  for (const key of base) seen.set(key, (seen.get(key) ?? 0) + 1);
  const ordinal = new Map<string, number>();
  return base.map((key, i) => {
    if (seen.get(key) === 1) return key;
    const n = (ordinal.get(key) ?? 0) + 1;
    ordinal.set(key, n);
    return `${key}:${hits[i]!.column !== undefined ? `col${hits[i]!.column}` : `#${n}`}`;
  });
}

function hitData(hit: SensitiveHit): Data {
  const data: Data = { line: formatCount(hit.line), kind: hit.kind, where: hit.field ? ` in field ${safeField(hit.field)}` : '' };
  if (hit.field) data.field = safeField(hit.field);
  if (hit.column !== undefined) data.column = hit.column;
  return data;
}

/** Every hit is counted but only the first MAX_HITS are listed: say how many the listing leaves out. */
function unlistedData(summary: HitSummary): Data {
  return {
    count: formatCount(summary.count), lines: plural(summary.lines, 'line'),
    listed: formatCount(summary.hits.length), unlisted: formatCount(summary.count - summary.hits.length),
  };
}

/** Lines too long to read are skipped unscanned, so a clean result must say so. */
function unscannedData(item: LogItem): string {
  const tooLong = item.data.skipped.byCode['too-long'] ?? 0;
  if (tooLong === 0) return '';
  const first = item.data.skipped.samples.find((sample) => sample.code === 'too-long');
  return `, except ${plural(tooLong, 'line')} too long to read${first ? ` (first at line ${formatCount(first.line)})` : ''}, which ${tooLong === 1 ? 'was' : 'were'} not scanned`;
}

function sourceResults(item: LogItem, spec: HitCheckSpec, severity: Severity): CheckResult[] {
  const summary = spec.select(item.data);
  const { messageIds } = spec;
  if (summary.count === 0 && summary.hits.length === 0) {
    return [pass(item, { messageId: messageIds.none, key: SOURCE_KEY, data: { lines: plural(item.data.lines, 'line'), unscanned: unscannedData(item) } })];
  }
  const keys = hitKeys(summary.hits);
  const results = summary.hits.map((hit, i) => fail(item, {
    messageId: messageIds.hit, severity, key: keys[i]!, line: hit.line, column: hit.column, data: hitData(hit),
  }));
  if (summary.count > summary.hits.length) {
    // Located where the listing stopped: the unlisted hits come after it in the file.
    results.push(fail(item, { messageId: messageIds.unlisted, severity, key: UNLISTED_KEY, line: summary.hits.at(-1)?.line, data: unlistedData(summary) }));
  }
  return results;
}

/** Results over every log source that has lines to scan; an empty file shows nothing either way. */
function hitResults(context: CheckContext, spec: HitCheckSpec, severity: Severity): CheckResult[] {
  return logSources(context).filter((item) => item.data.lines > 0).flatMap((item) => sourceResults(item, spec, severity));
}

/** A hit check from its metadata: failures take the check's severity. */
export function hitCheck(meta: CheckMeta, spec: HitCheckSpec): Check {
  return { meta, run: (context) => hitResults(context, spec, meta.severity) };
}
