/**
 * Badges of the report views: a status, state or severity with its words and its colour family. Apart
 * from view-model.ts so the views of every section (view-model.ts, section-views.ts) share one palette.
 */
import { statusLabel } from './helpers.js';

/** Colour family of a badge; the label always says the same in words, so colour is never the only signal. */
export type Tone = 'ok' | 'warn' | 'bad' | 'gap' | 'na' | 'info' | 'crit' | 'high' | 'med' | 'low';

/** A status, state or severity: its value, its words and its colour family. */
export interface Badge { value: string; label: string; tone: Tone }

/** Effective and met read green, partly effective and partial amber, deficient red, untested and not addressed grey. */
const TONE: Readonly<Record<string, Tone>> = {
  pass: 'ok', met: 'ok', effective: 'ok', attested: 'ok', fresh: 'ok', improved: 'ok', applies: 'ok',
  fail: 'bad', deficient: 'bad', error: 'bad', regressed: 'bad',
  partial: 'warn', partly_effective: 'warn', stale: 'warn', expired: 'warn', 'not-yet-approved': 'warn', future: 'warn', changed: 'warn',
  not_observed: 'gap', untested: 'gap', not_addressed: 'gap', manual: 'gap',
  not_applicable: 'na', 'out-of-scope': 'na',
  live: 'info', added: 'info', removed: 'info',
  open: 'warn', accepted: 'info', resolved: 'ok', overdue: 'bad', draft: 'warn', final: 'ok',
  critical: 'crit', high: 'high', medium: 'med', low: 'low',
};

export function badge(value: string): Badge {
  return { value, label: statusLabel(value), tone: Object.hasOwn(TONE, value) ? TONE[value]! : 'na' };
}
