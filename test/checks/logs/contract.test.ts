/**
 * What every log check promises: one file per id, named after it, reading `log-source` evidence;
 * messages that render as sentences with every placeholder filled; no results without evidence
 * (not_observed); results located in the log file they were decided from; and never a digit run
 * as long as a card number (13+) in a message, key or data, whatever the counts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SEVERITIES } from '../../../src/catalog/model.js';
import { CHECK_IDS } from '../../../src/checks/ids.js';
import type { Check } from '../../../src/checks/types.js';
import { PACKAGE_ROOT } from '../../../src/lib/package-root.js';
import { auditGaps, hitSummary, lineRefs, logItem, peak, requestWindows, sensitive, timeSpan, windows } from '../../helpers/log-evidence.js';
import { renderMessage, runCheck, type ContextSettings } from '../../helpers/run-check.js';

const IDS = [
  'logs.audit.missing-fields', 'logs.sensitive-data.card-number', 'logs.sensitive-data.secret', 'logs.sensitive-data.national-id',
  'logs.auth.failure-burst', 'logs.session-id-in-url', 'logs.retention.insufficient', 'logs.rate-limit.unenforced',
] as const;

const checks: Check[] = await Promise.all(IDS.map(async (id) => (await import(`../../../src/checks/logs/${id}.js`) as { check: Check }).check));

const BIG = 98_765_432_109_876;

/** Every kind of finding at once, with counts far beyond any real file, and a JSON key that looks like a PAN. */
const hostile = logItem({
  path: 'logs/gateway.jsonl', lines: BIG, events: BIG,
  timeSpan: timeSpan('2026-11-01T00:00:00Z', 3),
  sensitive: sensitive({
    cardNumbers: hitSummary([{ line: 5, column: 9, field: 'args.4111111111111111', kind: 'visa' }, { line: 6, field: 'args.card', kind: 'visa' }], { count: BIG, lines: BIG }),
    secrets: hitSummary([{ line: 7, column: 3, field: 'args.token', kind: 'github-token' }], { count: BIG, lines: BIG }),
    nationalIds: hitSummary([{ line: 8, kind: 'us-ssn' }], { count: BIG, lines: BIG }),
  }),
  sessionIdsInUrls: hitSummary([{ line: 9, field: 'request', kind: 'sessionId' }], { count: BIG, lines: BIG }),
  audit: auditGaps({ events: BIG, identity: lineRefs([3, 7], BIG), action: lineRefs([4], BIG), timestamp: lineRefs([5], BIG) }),
  authFailures: windows(300, [peak('alice', BIG, [10, 20], { total: BIG })], { keys: BIG, total: BIG }),
  requests: requestWindows(60, [peak('10.0.0.7', BIG, [10, 20], { total: BIG, throttled: 0 })], { keys: BIG, total: BIG }),
});
const clean = logItem({ path: 'logs/clean.jsonl', timeSpan: timeSpan('2025-01-01T00:00:00Z'), audit: auditGaps({ events: 100 }), authFailures: windows(300, []), requests: requestWindows(60, [peak('bob', 5, [1, 5], { throttled: 0 })]) });
const SETTINGS: ContextSettings = { options: { 'logs.retention.insufficient': { requirements: [{ framework: 'PCI DSS', requirement: '10.5.1', minimumDays: 365, note: 'Archives cannot be seen.' }] } } };

describe('log checks: contract', () => {
  for (const check of checks) {
    describe(check.meta.id, () => {
      it('is registered, named after its file, and reads log-source evidence', () => {
        assert.ok((CHECK_IDS as readonly string[]).includes(check.meta.id));
        assert.ok(fs.existsSync(path.join(PACKAGE_ROOT, 'src', 'checks', 'logs', `${check.meta.id}.ts`)));
        assert.deepEqual(check.meta.evidence, ['log-source']);
        assert.ok(SEVERITIES.includes(check.meta.severity));
        assert.ok(check.meta.remediation.length > 40 && check.meta.remediation.length < 400);
      });
      it('returns nothing without evidence (not_observed)', () => {
        assert.deepEqual(runCheck(check, [], SETTINGS), []);
      });
      it('fails on the hostile source and passes the clean one, with sentences located in the file', () => {
        const results = runCheck(check, [hostile, clean], SETTINGS);
        assert.ok(results.some((r) => r.status === 'fail'), 'fails on the hostile source');
        assert.ok(results.some((r) => r.status === 'pass' && r.location.path === 'logs/clean.jsonl'), 'passes the clean source');
        for (const result of results) {
          assert.match(renderMessage(check, result), /^[A-Z].*[.]$/s, result.messageId);
          assert.ok(['logs/gateway.jsonl', 'logs/clean.jsonl'].includes(result.location.path));
          assert.equal(result.evidenceId, `log-source:${result.location.path}`);
          if (result.status === 'fail') assert.ok(SEVERITIES.includes(result.severity!));
        }
      });
      it('never puts a digit run of 13 or more (a PAN) in a message, key or data', () => {
        for (const result of runCheck(check, [hostile, clean], SETTINGS)) {
          const text = JSON.stringify({ key: result.key, data: result.data, message: renderMessage(check, result) });
          assert.doesNotMatch(text, /\d{13,}/, `${result.messageId}: ${text}`);
        }
      });
    });
  }

  it('covers the eight log check ids of DESIGN §4', () => {
    assert.deepEqual(checks.map((c) => c.meta.id), [...IDS]);
    assert.deepEqual(CHECK_IDS.filter((id) => id.startsWith('logs.')).sort(), [...IDS].sort());
  });
});
