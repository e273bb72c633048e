/**
 * Runs a check over evidence items the way the engine does (only the kinds in meta.evidence are
 * visible), renders its messages, and drives RuleTester-style tables: `valid` cases must produce no
 * failure, `invalid` cases exactly the listed failures (messageId, severity, line, column, key).
 * `not_observed` results (parts of the evidence that could not be seen) must be exactly the case's
 * `unseen` message ids, none by default: an unseen part keeps a check from passing, so a valid case
 * never hides one. Every result of every case is also checked for complete messages and leaked secrets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Severity } from '../../src/catalog/model.js';
import type { Check, CheckContext, CheckResult } from '../../src/checks/types.js';
import { resolveCheckOptions, type ConfiguredCheckOptions } from '../../src/config/check-options.js';
import type { EvidenceItem, EvidenceKind } from '../../src/evidence/types.js';
import { configItem, type FileSpec } from './mcp-evidence.js';

export const NOW = '2026-11-23T12:00:00.000Z';

export interface ContextSettings {
  now?: string;
  frameworks?: string[];
  /** Overrides of the default thresholds, per check id. */
  options?: ConfiguredCheckOptions;
}

export function contextOf(items: EvidenceItem[], kinds?: readonly EvidenceKind[], settings: ContextSettings = {}): CheckContext {
  return {
    now: settings.now ?? NOW,
    frameworks: settings.frameworks ?? [],
    options: resolveCheckOptions(settings.options),
    evidence<K extends EvidenceKind>(kind: K) {
      if (kinds && !kinds.includes(kind)) return [];
      return items.filter((item): item is EvidenceItem<K> => item.kind === kind);
    },
  };
}

export function runCheck(check: Check, items: EvidenceItem[], settings?: ContextSettings): CheckResult[] {
  return check.run(contextOf(items, check.meta.evidence, settings));
}

/** The message of a result with its placeholders filled; throws on an unknown id or a missing placeholder. */
export function renderMessage(check: Check, result: CheckResult): string {
  const template = check.meta.messages[result.messageId];
  if (template === undefined) throw new Error(`${check.meta.id}: unknown messageId ${result.messageId}`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = result.data?.[name];
    if (value === undefined) throw new Error(`${check.meta.id}/${result.messageId}: no data for {{${name}}}`);
    return String(value);
  });
}

export interface ExpectedFail {
  messageId: string;
  severity: Severity;
  line?: number;
  column?: number;
  key: string;
  /** Exact rendered message, when the case pins the wording. */
  message?: string;
  /** Subset of the result data. */
  data?: Record<string, string | number>;
}

export interface ValidCase {
  name: string;
  config?: FileSpec | FileSpec[];
  items?: EvidenceItem[];
  /** The run's clock, frameworks in scope and thresholds, when the case depends on them. */
  settings?: ContextSettings;
  /** Pass message ids, in order, when the case pins them. */
  passes?: string[];
  /** Message ids of the not_observed results, in order; none when absent. */
  unseen?: string[];
  /** Message ids of the not_applicable (no population) results, in order; none when absent. */
  empty?: string[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFail[];
}

function itemsOf(c: ValidCase): EvidenceItem[] {
  const configs = c.config === undefined ? [] : Array.isArray(c.config) ? c.config : [c.config];
  return [...configs.map((spec) => configItem(spec)), ...(c.items ?? [])];
}

/** Never a secret in a result: no redaction marker, no URL userinfo, no query string in data or key. */
function assertNoLeak(check: Check, result: CheckResult): void {
  const texts = [result.key, renderMessage(check, result), ...Object.values(result.data ?? {}).map(String)];
  for (const text of texts) {
    assert.ok(!text.includes('[REDACTED]'), `${check.meta.id}: redaction marker in ${JSON.stringify(text)}`);
    assert.ok(!/[a-z][a-z0-9+.-]*:\/\/[^\s/@]+@/i.test(text), `${check.meta.id}: URL userinfo in ${JSON.stringify(text)}`);
    assert.ok(!/https?:\/\/\S*\?\S*=/.test(text), `${check.meta.id}: URL query in ${JSON.stringify(text)}`);
  }
}

function assertWellFormed(check: Check, results: CheckResult[]): void {
  const keys = new Set<string>();
  for (const result of results) {
    assert.ok(result.messageId in check.meta.messages, `unknown messageId ${result.messageId}`);
    assert.doesNotThrow(() => renderMessage(check, result));
    assertNoLeak(check, result);
    assert.ok(result.evidenceId.length > 0);
    if (result.status === 'fail') assert.ok(result.severity, `fail ${result.messageId} without severity`);
    const fingerprint = `${result.location.path}\u0000${result.key}`;
    assert.ok(!keys.has(fingerprint), `duplicate key ${result.key}`);
    keys.add(fingerprint);
  }
}

function assertUnseen(results: CheckResult[], c: ValidCase): void {
  for (const [status, expected] of [['not_observed', c.unseen], ['not_applicable', c.empty]] as const) {
    const found = results.filter((r) => r.status === status);
    assert.deepEqual(found.map((r) => r.messageId), expected ?? [], `${status} results`);
    for (const result of found) assert.equal(result.severity, undefined, `${status} ${result.messageId} with a severity`);
  }
}

function shape(result: CheckResult): ExpectedFail {
  return {
    messageId: result.messageId, severity: result.severity!, line: result.location.line, column: result.location.column, key: result.key,
  };
}

const order = (a: ExpectedFail, b: ExpectedFail) => a.key.localeCompare(b.key) || a.messageId.localeCompare(b.messageId);

export function checkTable(check: Check, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`${check.meta.id}: valid`, () => {
    for (const c of cases.valid) {
      it(c.name, () => {
        const results = runCheck(check, itemsOf(c), c.settings);
        assertWellFormed(check, results);
        const fails = results.filter((r) => r.status === 'fail');
        assert.deepEqual(fails.map((r) => `${r.messageId} ${r.key} ${renderMessage(check, r)}`), []);
        assert.ok(results.length > 0, 'evidence present, so at least one pass (or pinned not_observed or not_applicable) result');
        assertUnseen(results, c);
        if (c.passes) assert.deepEqual(results.filter((r) => r.status === 'pass').map((r) => r.messageId), c.passes);
      });
    }
  });
  describe(`${check.meta.id}: invalid`, () => {
    for (const c of cases.invalid) {
      it(c.name, () => {
        const results = runCheck(check, itemsOf(c), c.settings);
        assertWellFormed(check, results);
        const fails = results.filter((r) => r.status === 'fail');
        const actual = fails.map(shape).sort(order);
        const expected = c.errors.map(({ message: _m, data: _d, ...rest }) => ({ line: undefined, column: undefined, ...rest })).sort(order);
        assert.deepEqual(actual, expected.map((e) => ({ messageId: e.messageId, severity: e.severity, line: e.line, column: e.column, key: e.key })));
        for (const e of c.errors) {
          const result = fails.find((r) => r.key === e.key && r.messageId === e.messageId)!;
          if (e.message !== undefined) assert.equal(renderMessage(check, result), e.message);
          if (e.data) for (const [k, v] of Object.entries(e.data)) assert.equal(result.data?.[k], v, `data.${k}`);
        }
        assertUnseen(results, c);
        if (c.passes) assert.deepEqual(results.filter((r) => r.status === 'pass').map((r) => r.messageId), c.passes);
      });
    }
  });
}
