/**
 * What the window checks share (authentication-failure bursts, unthrottled request peaks): the
 * collector measured each client's busiest window of `windowSeconds` and listed the busiest clients;
 * these helpers key, describe and summarise those peaks.
 */
import type { Severity } from '../../catalog/model.js';
import type { WindowPeak, WindowSummary } from '../../collectors/logs/model.js';
import type { CheckResult } from '../types.js';
import { UNLISTED_KEY, fail, formatCount, plural, type Data, type LogItem } from './source.js';

/** `identity:alice`, `source_ip:10.0.0.7`: stable across runs for the same client. */
export function peakKey(peak: WindowPeak): string {
  return `${peak.keyType}:${peak.key}`;
}

/** Placeholders of a peak: who, how many, over which window, between which lines and times. */
export function peakData(peak: WindowPeak, windowSeconds: number): Data {
  return {
    key: peak.key, keyType: peak.keyType, peak: formatCount(peak.peak), total: formatCount(peak.total),
    window: formatCount(windowSeconds), fromLine: formatCount(peak.from.line), toLine: formatCount(peak.to.line),
    fromTs: peak.from.ts, toTs: peak.to.ts,
  };
}

export function highestPeak(summary: WindowSummary): number {
  return Math.max(0, ...summary.top.map((peak) => peak.peak));
}

/**
 * The listing keeps the busiest clients only: when every listed one is over the line and more
 * clients were seen, clients beyond the listing may be over it too. A failure saying so (message
 * placeholders `listed` and `unlisted`, plus `data`), or undefined.
 */
export function unlistedClients(
  item: LogItem, summary: WindowSummary, isOver: (peak: WindowPeak) => boolean,
  result: { messageId: string; severity: Severity; data: Data },
): CheckResult | undefined {
  const unlisted = summary.keys - summary.top.length;
  if (summary.top.length === 0 || unlisted <= 0 || !summary.top.every(isOver)) return undefined;
  return fail(item, {
    ...result, key: UNLISTED_KEY,
    data: { ...result.data, listed: formatCount(summary.top.length), unlisted: plural(unlisted, 'more client', 'more clients') },
  });
}
