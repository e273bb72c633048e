/**
 * What every log check shares: the `log-source` items, results located in the log file (1-based
 * line and column from the evidence), and numbers formatted the same on every machine.
 */
import type { Severity } from '../../catalog/model.js';
import type { EvidenceItem, Location } from '../../evidence/types.js';
import type { CheckContext, CheckResult } from '../types.js';

export type LogItem = EvidenceItem<'log-source'>;
export type Data = Record<string, string | number>;

/** Key of a result about the source as a whole (its pass, most often). */
export const SOURCE_KEY = 'source';

/** Key of the summary of what the collector counted beyond the entries it listed. */
export const UNLISTED_KEY = 'unlisted';

/** A number as messages show it: `toLocaleString('en-US')`, whatever the machine's locale. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** `1 file`, `3 files`: a count with its noun. */
export function plural(value: number, noun: string, nouns = `${noun}s`): string {
  return `${formatCount(value)} ${value === 1 ? noun : nouns}`;
}

/** `line 3` or `lines 3, 7, 9`: the first `max` line numbers. */
export function lineList(lines: readonly number[], max = 5): string {
  const shown = lines.slice(0, max).map(formatCount);
  return `${shown.length === 1 ? 'line' : 'lines'} ${shown.join(', ')}`;
}

export function logSources(context: CheckContext): LogItem[] {
  return context.evidence('log-source');
}

export interface ResultSpec {
  messageId: string;
  key: string;
  data?: Data;
  line?: number;
  column?: number;
}

/** Location in the log file; line and column only when the evidence knows them. */
export function locationIn(item: LogItem, line?: number, column?: number): Location {
  const location: Location = { path: item.data.path };
  if (line !== undefined) location.line = line;
  if (line !== undefined && column !== undefined) location.column = column;
  return location;
}

export function pass(item: LogItem, spec: ResultSpec): CheckResult {
  return {
    status: 'pass', messageId: spec.messageId, data: { path: item.data.path, ...spec.data },
    location: locationIn(item, spec.line, spec.column), evidenceId: item.id, key: spec.key,
  };
}

export function fail(item: LogItem, spec: ResultSpec & { severity: Severity }): CheckResult {
  return { ...pass(item, spec), status: 'fail', severity: spec.severity };
}
