/**
 * logs.auth.failure-burst (MCP-LG-04): bursts of authentication failures (401) for one identity or
 * source IP, the trace of credential guessing or of an agent retrying with a dead token. The
 * collector measured each client's busiest window with the configured length (stated in the
 * evidence, so the message gives the window actually measured); the threshold decides here.
 */
import type { WindowPeak, WindowSummary } from '../../collectors/logs/model.js';
import type { Check, CheckResult } from '../types.js';
import { SOURCE_KEY, fail, formatCount, logSources, pass, type LogItem } from './source.js';
import { highestPeak, peakData, peakKey, unlistedClients } from './windows.js';

function burstResults(item: LogItem, failures: WindowSummary, threshold: number): CheckResult[] {
  const isBurst = (peak: WindowPeak) => peak.peak >= threshold;
  const common = { threshold: formatCount(threshold), window: formatCount(failures.windowSeconds) };
  const bursts = failures.top.filter(isBurst).map((peak) => fail(item, {
    messageId: 'burst', severity: 'high', key: peakKey(peak), line: peak.from.line,
    data: { ...peakData(peak, failures.windowSeconds), ...common },
  }));
  const unlisted = unlistedClients(item, failures, isBurst, { messageId: 'moreClients', severity: 'high', data: common });
  if (unlisted) bursts.push(unlisted);
  if (bursts.length > 0) return bursts;
  if (failures.total === 0) return [pass(item, { messageId: 'noFailures', key: SOURCE_KEY })];
  return [pass(item, {
    messageId: 'noBurst', key: SOURCE_KEY,
    data: { ...common, peak: formatCount(highestPeak(failures)), total: formatCount(failures.total) },
  })];
}

export const check: Check = {
  meta: {
    id: 'logs.auth.failure-burst',
    title: 'No bursts of authentication failures in the logs',
    severity: 'high',
    evidence: ['log-source'],
    messages: {
      burst: 'Client {{key}} ({{keyType}}) was refused {{peak}} times with 401 within {{window}} s, from {{fromTs}} (line {{fromLine}}) to {{toTs}} (line {{toLine}}), at or above the threshold of {{threshold}}.',
      moreClients: 'Every client listed ({{listed}}) reached {{threshold}} authentication failures within {{window}} s, and {{unlisted}} had failures that were not listed; some of them may have bursts too.',
      noBurst: 'No client reached {{threshold}} authentication failures (401) within {{window}} s in {{path}}: the most for one client in one window was {{peak}}, and {{total}} were logged in all.',
      noFailures: 'No authentication failure (401) was logged in {{path}}.',
    },
    remediation: 'Triage each burst against the alert register: block or rate-limit the source, rotate or revoke the credential it used, and fix agents that retry with an expired token; record benign bursts as exceptions citing the ticket.',
  },
  run(context) {
    const { threshold } = context.options['logs.auth.failure-burst'];
    // Sources without HTTP-like statuses carry no authFailures: the check does not apply to them.
    return logSources(context).flatMap((item) => item.data.authFailures ? burstResults(item, item.data.authFailures, threshold) : []);
  },
};
