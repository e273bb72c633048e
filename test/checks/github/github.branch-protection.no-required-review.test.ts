import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/github/github.branch-protection.no-required-review.js';
import { describeUnseen } from '../../helpers/github-checks.js';
import { apiError, classic, denied, LEAKY_ERROR, ok, repoItem, rulesets, SAFE_ERROR } from '../../helpers/github-evidence.js';
import { checkTable, renderMessage, runCheck } from '../../helpers/run-check.js';

const noRulesets = ok(rulesets());

checkTable(check, {
  valid: [
    { name: 'classic protection requires one review', items: [repoItem()], passes: ['reviews-required'] },
    {
      name: 'ruleset-only repository with a pull_request rule requiring 1 review, classic protection denied',
      items: [repoItem({ protection: { classic: denied('administration: read'), rulesets: ok(rulesets(['deletion'], 1)) } })],
      passes: ['reviews-required'],
    },
    {
      name: 'classic requires none, a ruleset requires two: the larger counts',
      items: [repoItem({ protection: { classic: ok(classic(0)), rulesets: ok(rulesets([], 2)) } })],
      passes: ['reviews-required'],
    },
    {
      name: 'classic requires a review, rulesets failing: enough',
      items: [repoItem({ protection: { rulesets: apiError() } })],
      passes: ['reviews-required'],
    },
    {
      name: 'rulesets require no approval and classic is denied: it may be the one requiring reviews, so unseen',
      items: [repoItem({ protection: { classic: denied('administration: read'), rulesets: ok(rulesets(['non_fast_forward'], 0)) } })],
      unseen: ['denied'],
    },
    {
      name: 'both sides unseen',
      items: [repoItem({ protection: { classic: apiError(), rulesets: denied('metadata: read') } })],
      unseen: ['api-error', 'denied'],
    },
  ],
  invalid: [
    {
      name: 'protected without a pull request',
      items: [repoItem({ protection: { classic: ok(classic(null)), rulesets: ok(rulesets(['deletion'])) } })],
      errors: [{
        messageId: 'no-pull-request', severity: 'high', key: 'repo:acme/api',
        message: 'The default branch main of repository acme/api is protected but does not require a pull request, so changes can be pushed to it without review.',
      }],
    },
    {
      name: 'a pull request with zero approvals (classic)',
      items: [repoItem({ protection: { classic: ok(classic(0)), rulesets: noRulesets } })],
      errors: [{
        messageId: 'no-approvals', severity: 'high', key: 'repo:acme/api',
        message: 'The default branch main of repository acme/api requires a pull request but no approving review, so an author can merge their own change unreviewed.',
      }],
    },
    {
      name: 'a pull_request rule with zero approvals (ruleset only)',
      items: [repoItem({ protection: { classic: ok(null), rulesets: ok(rulesets([], 0)) } })],
      errors: [{ messageId: 'no-approvals', severity: 'high', key: 'repo:acme/api' }],
    },
    {
      name: 'classic reviews null with a pull request required counts as zero',
      items: [repoItem({ protection: { classic: ok({ requiredApprovingReviewCount: null, enforceAdmins: true, requiresPullRequest: true }), rulesets: noRulesets } })],
      errors: [{ messageId: 'no-approvals', severity: 'high', key: 'repo:acme/api' }],
    },
    {
      name: 'an unprotected branch requires no review either',
      items: [repoItem({ defaultBranch: 'trunk', protection: { classic: ok(null), rulesets: ok(rulesets(['required_signatures'])) } })],
      errors: [{
        messageId: 'unprotected', severity: 'high', key: 'repo:acme/api',
        message: 'The default branch trunk of repository acme/api is not protected, so changes land on it without any review.',
      }],
    },
    {
      name: 'one result per repository',
      items: [repoItem(), repoItem({ repo: 'acme/web', protection: { classic: ok(classic(0)) } })],
      errors: [{ messageId: 'no-approvals', severity: 'high', key: 'repo:acme/web', data: { subject: 'repository acme/web' } }],
      passes: ['reviews-required'],
    },
  ],
});

describe(`${check.meta.id}: messages`, () => {
  it('a pass names the count and the sources requiring reviews', () => {
    const [result] = runCheck(check, [repoItem({ protection: { classic: ok(classic(1)), rulesets: ok(rulesets([], 2)) } })]);
    assert.equal(renderMessage(check, result!), 'The default branch main of repository acme/api requires 2 approving review(s) before merging (classic branch protection and rulesets).');
  });
});

describeUnseen(check, {
  denied: repoItem({ protection: { classic: denied('administration: read'), rulesets: noRulesets } }),
  deniedMessage: 'Cannot see the classic branch protection of repository acme/api: the token needs administration: read (HTTP 403).',
  errored: repoItem({ protection: { classic: apiError(LEAKY_ERROR), rulesets: noRulesets } }),
  erroredMessage: `Cannot see the classic branch protection of repository acme/api: the GitHub API kept failing (${SAFE_ERROR}).`,
  failing: repoItem({ repo: 'acme/bad', protection: { classic: ok(classic(0)) } }),
});
