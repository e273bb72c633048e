/**
 * logs.rate-limit.unenforced (MCP-AV-01): a client whose busiest window held more requests than the
 * threshold and that was never answered 429 shows that no rate limit stood in its way. A client
 * answered 429 at least once met a limit; one whose 429 count the evidence lacks is not judged.
 */
import type { LogSourceEvidence, WindowPeak } from '../../collectors/logs/model.js';
import type { Check, CheckResult } from '../types.js';
import { SOURCE_KEY, fail, formatCount, logSources, pass, plural, type LogItem } from './source.js';
import { highestPeak, peakData, peakKey, unlistedClients } from './windows.js';

type Requests = NonNullable<LogSourceEvidence['requests']>;

function unenforcedResults(item: LogItem, requests: Requests, threshold: number): CheckResult[] {
  const isOver = (peak: WindowPeak) => peak.peak > threshold;
  const over = requests.top.filter(isOver);
  const unthrottled = over.filter((peak) => peak.throttled === 0);
  const common = { threshold: formatCount(threshold), window: formatCount(requests.windowSeconds) };
  const fails = unthrottled.map((peak) => fail(item, {
    messageId: 'unenforced', severity: 'medium', key: peakKey(peak), line: peak.from.line,
    data: { ...peakData(peak, requests.windowSeconds), ...common },
  }));
  // Only beside a failure: clients above the threshold that were all throttled say nothing of the unlisted ones' 429s.
  const unlisted = fails.length > 0 ? unlistedClients(item, requests, isOver, { messageId: 'moreClients', severity: 'medium', data: common }) : undefined;
  if (unlisted) fails.push(unlisted);
  if (fails.length > 0) return fails;
  // A client over the threshold whose 429 count is not in the evidence: neither pass nor fail.
  if (over.some((peak) => peak.throttled === undefined)) return [];
  if (over.length > 0) return [pass(item, { messageId: 'throttled', key: SOURCE_KEY, data: { ...common, over: plural(over.length, 'client') } })];
  return [pass(item, { messageId: 'withinLimit', key: SOURCE_KEY, data: { ...common, peak: formatCount(highestPeak(requests)) } })];
}

export const check: Check = {
  meta: {
    id: 'logs.rate-limit.unenforced',
    title: 'Request peaks meet a rate limit (HTTP 429)',
    severity: 'medium',
    evidence: ['log-source'],
    messages: {
      unenforced: 'Client {{key}} ({{keyType}}) made {{peak}} requests within {{window}} s (lines {{fromLine}}–{{toLine}}) and was never answered 429, above the threshold of {{threshold}}.',
      moreClients: 'Every client listed ({{listed}}) made more than {{threshold}} requests within {{window}} s, and {{unlisted}} were not listed; some of them may also have gone unthrottled.',
      throttled: 'Every client that made more than {{threshold}} requests within {{window}} s in {{path}} ({{over}}) was answered 429 at least once.',
      withinLimit: 'No client made more than {{threshold}} requests within {{window}} s in {{path}}; the busiest made {{peak}}.',
    },
    remediation: 'Enforce per-identity and per-IP request limits at the gateway or ingress in front of the MCP server, answering excess requests with 429 and Retry-After; set the threshold here to the documented limit.',
  },
  run(context) {
    const { threshold } = context.options['logs.rate-limit.unenforced'];
    // Sources without requests (no HTTP-like statuses) or without any counted request: not applicable.
    return logSources(context).flatMap((item) => {
      const requests = item.data.requests;
      return requests && requests.total > 0 ? unenforcedResults(item, requests, threshold) : [];
    });
  },
};
