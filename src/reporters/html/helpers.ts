/**
 * Handlebars helpers of the HTML report: pure functions of their arguments (no clock, no locale), so
 * the same assessment always renders the same bytes. Each returns plain text that `{{ }}` escapes;
 * none returns HTML, so a template can never smuggle untrusted text out of escaping through a helper.
 */
import type { HelperDelegate } from 'handlebars';
import type { Location } from '../../evidence/types.js';
import { httpUrlOf } from '../../lib/http-url.js';
import {
  ATTESTATION_STATE_LABEL, CONTROL_STATUS_LABEL, DIRECTION_LABEL, DOCUMENT_STATUS_LABEL, PLAN_STATUS_LABEL, EXCEPTION_STATE_LABEL, LEVEL_LABEL, REQUIREMENT_STATUS_LABEL, dateOf, locationText, percent as percentText,
} from '../labels.js';

/** Words for the states that are not control or requirement statuses (exceptions, attestations, changes, severities). */
const OTHER_LABEL: Record<string, string> = {
  ...EXCEPTION_STATE_LABEL, ...ATTESTATION_STATE_LABEL, ...PLAN_STATUS_LABEL, ...DOCUMENT_STATUS_LABEL, ...DIRECTION_LABEL, added: 'Added', removed: 'Removed', ...LEVEL_LABEL,
};

const LABEL: Readonly<Record<string, string>> = { ...OTHER_LABEL, ...REQUIREMENT_STATUS_LABEL, ...CONTROL_STATUS_LABEL };

/** The reader's word for a status, state or severity; an unknown value reads as itself, `_`/`-` spaced. */
export function statusLabel(status: unknown): string {
  const value = String(status ?? '');
  if (Object.hasOwn(LABEL, value)) return LABEL[value]!;
  const spaced = value.replace(/[_-]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A 0-1 share as a whole percentage; `n/a` when there is none (never 0%). */
export function percent(share: unknown): string {
  return typeof share === 'number' && Number.isFinite(share) ? percentText(share) : percentText(null);
}

/** `path:line:column` of a location; empty for anything that is not one. */
export function location(value: unknown): string {
  if (!value || typeof value !== 'object' || typeof (value as Location).path !== 'string') return '';
  return locationText(value as Location);
}

/**
 * The link target for a URL when it is http or https, normalised as the browser would read it; `''`
 * otherwise (`javascript:`, `data:`, relative, unparsable), so the text is shown without a link.
 */
export function safeUrl(value: unknown): string {
  return typeof value === 'string' ? httpUrlOf(value)?.href ?? '' : '';
}

/** The calendar date (UTC) of an ISO date or time; anything else as given. */
export function date(value: unknown): string {
  const text = String(value ?? '');
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? dateOf(text) : text;
}

/** Date and minute (UTC) of an ISO time, e.g. `2026-11-24 00:29 UTC`. */
export function dateTime(value: unknown): string {
  const text = String(value ?? '');
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(text);
  return match ? `${match[1]} ${match[2]} UTC` : date(text);
}

/** `1 finding`, `2 findings`; `pluralWord` for irregular words (`1 entry`, `3 entries`). */
export function plural(count: unknown, word: unknown, pluralWord?: unknown): string {
  const n = Number(count);
  const many = typeof pluralWord === 'string' ? pluralWord : `${String(word)}s`;
  return `${n} ${n === 1 ? String(word) : many}`;
}

/** Items of a list joined for one line of text (`, ` unless given). */
export function join(items: unknown, separator?: unknown): string {
  if (!Array.isArray(items)) return '';
  return items.map(String).join(typeof separator === 'string' ? separator : ', ');
}

/** Days to an expiry in words: `218 days left`, `expires today`, `expired 55 days ago`. */
export function daysLeft(days: unknown): string {
  const n = Number(days);
  if (n === 0) return 'expires today';
  return n > 0 ? `${plural(n, 'day')} left` : `expired ${plural(-n, 'day')} ago`;
}

/** Strict equality, for `{{#if (eq status "fail")}}`. */
export function eq(a: unknown, b: unknown): boolean {
  return a === b;
}

/** Helpers by name as templates call them; Handlebars passes its options object last, which none of them reads. */
export const HELPERS: Readonly<Record<string, (...args: never[]) => unknown>> = {
  statusLabel, percent, location, safeUrl, date, dateTime, plural, join, daysLeft, eq,
};

/** Registers every helper on an isolated Handlebars instance, dropping the trailing options argument. */
export function registerHelpers(hb: { registerHelper(name: string, fn: HelperDelegate): void }): void {
  for (const [name, fn] of Object.entries(HELPERS)) {
    hb.registerHelper(name, (...args: unknown[]) => (fn as (...a: unknown[]) => unknown)(...args.slice(0, -1)));
  }
}
