/**
 * logs.retention.insufficient (MCP-LG-02): every log stream reaches back at least as many days as
 * required. The requirement comes from the frameworks in scope (the engine fills `requirements` from
 * their mappings) unless mcp-comply.yaml sets `minimumDays`; with neither, no minimum applies and
 * the check says nothing. Rotated files are one stream (streams.ts); a stream's coverage runs from
 * its oldest event to the run's clock, in whole days. Only local files are read, so the messages
 * say that archives kept elsewhere cannot be seen.
 */
import type { CheckOptions, LogRetentionRequirement } from '../../config/check-options.js';
import type { Check, CheckResult } from '../types.js';
import { fail, formatCount, logSources, pass, plural, type LogItem } from './source.js';
import { groupStreams } from './streams.js';

const DAY_MS = 86_400_000;

/** Said when the requirement carries no note of its own (a minimum set in the config). */
const DEFAULT_NOTE = 'Only local files were read: archives kept elsewhere cannot be seen here, so attest their retention if they exist.';

interface Requirement {
  days: number;
  /** Where the number comes from, e.g. `PCI DSS 10.5.1: 365 days`. */
  basis: string;
  note: string;
}

const describeRequirement = (r: LogRetentionRequirement) => `${r.framework} ${r.requirement}: ${plural(r.minimumDays, 'day')}`;

/** Ends a note as a sentence, so the message reads as one. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** The days required and why: the config's override, else the longest framework minimum; undefined when neither is set. */
export function requiredRetention(options: CheckOptions['logs.retention.insufficient']): Requirement | undefined {
  const requirements = (options.requirements ?? []).filter((r) => Number.isFinite(r.minimumDays) && r.minimumDays >= 0);
  if (options.minimumDays !== undefined && Number.isFinite(options.minimumDays)) {
    const overridden = requirements.length > 0 ? `, in place of ${requirements.map(describeRequirement).join('; ')}` : '';
    return { days: options.minimumDays, basis: `minimumDays set in mcp-comply.yaml${overridden}`, note: DEFAULT_NOTE };
  }
  if (requirements.length === 0) return undefined;
  const days = Math.max(...requirements.map((r) => r.minimumDays));
  const setting = requirements.filter((r) => r.minimumDays === days);
  const notes = [...new Set(setting.map((r) => r.note).filter((note) => note && note.trim().length > 0).map(sentence))];
  return { days, basis: setting.map(describeRequirement).join('; '), note: notes.length > 0 ? notes.join(' ') : DEFAULT_NOTE };
}

interface OldestEvent {
  item: LogItem;
  ts: string;
  line: number;
  time: number;
}

/** The stream's oldest event over all its files; undefined when no file has a readable timestamp. */
function oldestEvent(items: readonly LogItem[]): OldestEvent | undefined {
  let oldest: OldestEvent | undefined;
  for (const item of items) {
    const span = item.data.timeSpan;
    const time = span ? Date.parse(span.oldest.ts) : Number.NaN;
    if (span && !Number.isNaN(time) && (!oldest || time < oldest.time)) oldest = { item, ts: span.oldest.ts, line: span.oldest.line, time };
  }
  return oldest;
}

/** Whole days from the oldest event to the run's clock (an event dated after the clock counts as 0). */
export function coveredDays(oldestTs: string, now: string): number {
  return Math.max(0, Math.floor((Date.parse(now) - Date.parse(oldestTs)) / DAY_MS));
}

function streamResult(stream: string, items: LogItem[], required: Requirement, now: string): CheckResult[] {
  const oldest = oldestEvent(items);
  // No timestamps: the stream's age cannot be told, so no verdict.
  if (!oldest) return [];
  const days = coveredDays(oldest.ts, now);
  const spec = {
    key: `stream:${stream}`, line: oldest.line,
    data: {
      stream, files: plural(items.length, 'file'), days: plural(days, 'day'), oldest: oldest.ts,
      required: plural(required.days, 'day'), basis: required.basis, note: required.note,
    },
  };
  // Located at the oldest event; fingerprinted by the stream, so an exception survives rotation.
  const result = days < required.days
    ? fail(oldest.item, { ...spec, messageId: 'insufficient', severity: 'medium' })
    : pass(oldest.item, { ...spec, messageId: 'sufficient' });
  return [{ ...result, fingerprintPath: stream }];
}

export const check: Check = {
  meta: {
    id: 'logs.retention.insufficient',
    title: 'Logs are kept for the required period',
    severity: 'medium',
    evidence: ['log-source'],
    messages: {
      insufficient: 'Log stream {{stream}} ({{files}}) reaches back {{days}}, to {{oldest}}, short of the {{required}} required ({{basis}}). {{note}}',
      sufficient: 'Log stream {{stream}} ({{files}}) reaches back {{days}}, to {{oldest}}, covering the {{required}} required ({{basis}}).',
    },
    remediation: 'Forward logs to a central store with a retention of at least the required period (and 90 days searchable), or keep rotated files that long; where older logs are archived elsewhere, attest it.',
  },
  run(context) {
    const required = requiredRetention(context.options['logs.retention.insufficient']);
    // No framework in scope sets a minimum and the config sets none: nothing to measure against.
    if (!required) return [];
    return groupStreams(logSources(context), (item) => item.data.path)
      .flatMap(({ stream, files }) => streamResult(stream, files, required, context.now));
  },
};
