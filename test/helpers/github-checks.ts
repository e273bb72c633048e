/**
 * What every github.* check promises about facts the API did not show, asserted the same way for each:
 * a denied fact is one not_observed result naming the permission, a failing call one naming the error
 * (without the token), never a pass or a fail; and at the engine, an unseen repository among passing
 * ones keeps the check not_observed while a failure anywhere still fails it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Check, CheckResult } from '../../src/checks/types.js';
import { runChecks } from '../../src/engine/run-checks.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { orgItem, repoItem } from './github-evidence.js';
import { NOW, renderMessage, runCheck } from './run-check.js';

export interface UnseenSpec {
  /** An item with the fact the check reads denied. */
  denied: EvidenceItem;
  /** The exact message of its not_observed result. */
  deniedMessage: string;
  /** An item with the fact the check reads failing (use LEAKY_ERROR). */
  errored: EvidenceItem;
  erroredMessage: string;
  /** An item the check fails on. */
  failing: EvidenceItem;
  /** Items the check passes on; by default an organisation and two repositories with the defaults. */
  passing?: EvidenceItem[];
}

const DEFAULT_PASSING = () => [orgItem(), repoItem({ repo: 'acme/web' }), repoItem({ repo: 'acme/docs' })];

function assertOnlyUnseen(check: Check, results: CheckResult[], item: EvidenceItem, message: string): void {
  assert.deepEqual(results.map((r) => r.status), ['not_observed'], 'one not_observed result, no pass or fail');
  const [result] = results;
  assert.equal(renderMessage(check, result!), message);
  assert.equal(result!.evidenceId, item.id);
  assert.equal(result!.location.line, undefined);
  assert.match(result!.location.path, /^github:/);
}

export function describeUnseen(check: Check, spec: UnseenSpec): void {
  const statusOf = (items: EvidenceItem[]) => runChecks([check], items, { now: NOW }, new Set())[0]!.status;
  const passing = spec.passing ?? DEFAULT_PASSING();

  describe(`${check.meta.id}: facts the API did not show`, () => {
    it('a denied fact is not_observed and names the permission that would show it', () => {
      assertOnlyUnseen(check, runCheck(check, [spec.denied]), spec.denied, spec.deniedMessage);
    });
    it('a failing API is not_observed with the error, without the token', () => {
      assertOnlyUnseen(check, runCheck(check, [spec.errored]), spec.errored, spec.erroredMessage);
      assert.ok(!spec.erroredMessage.includes('ghp_'));
    });
    it('engine: passing items alone pass the check', () => {
      assert.equal(statusOf(passing), 'pass');
    });
    it('engine: passes with one unseen item leave the check not_observed', () => {
      assert.equal(statusOf([...passing, spec.denied]), 'not_observed');
      assert.equal(statusOf([...passing, spec.errored]), 'not_observed');
    });
    it('engine: a failure anywhere fails the check, unseen items or not', () => {
      assert.equal(statusOf([...passing, spec.denied, spec.failing]), 'fail');
    });
  });
}
