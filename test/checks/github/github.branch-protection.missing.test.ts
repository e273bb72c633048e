import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/github/github.branch-protection.missing.js';
import { describeUnseen } from '../../helpers/github-checks.js';
import { apiError, classic, denied, LEAKY_ERROR, ok, repoItem, rulesets, SAFE_ERROR } from '../../helpers/github-evidence.js';
import { checkTable, renderMessage, runCheck } from '../../helpers/run-check.js';

const unprotected = { classic: ok(null), rulesets: ok(rulesets()) };

checkTable(check, {
  valid: [
    { name: 'classic protection', items: [repoItem()], passes: ['protected'] },
    { name: 'classic protection without a pull request still blocks force pushes and deletion', items: [repoItem({ protection: { classic: ok(classic(null)) } })], passes: ['protected'] },
    {
      name: 'ruleset-only repository, classic protection denied: the rulesets are enough',
      items: [repoItem({ protection: { classic: denied('administration: read'), rulesets: ok(rulesets(['deletion', 'non_fast_forward'], 1)) } })],
      passes: ['protected'],
    },
    {
      name: 'rulesets failing, classic protection seen: enough',
      items: [repoItem({ protection: { rulesets: apiError() } })],
      passes: ['protected'],
    },
    ...['pull_request', 'required_status_checks', 'required_deployments', 'merge_queue', 'workflows', 'code_scanning', 'non_fast_forward', 'deletion', 'update'].map((rule) => ({
      name: `ruleset rule ${rule} protects`, items: [repoItem({ protection: { classic: ok(null), rulesets: ok(rulesets([rule])) } })], passes: ['protected'],
    })),
    {
      name: 'both protect: the message names both and the protective rules',
      items: [repoItem({ protection: { rulesets: ok(rulesets(['creation', 'deletion', 'required_signatures'])) } })],
      passes: ['protected'],
    },
    {
      name: 'classic denied and rulesets show nothing protective: not observed, naming the permission',
      items: [repoItem({ protection: { classic: denied('administration: read'), rulesets: ok(rulesets(['required_signatures'])) } })],
      unseen: ['denied'],
    },
    {
      name: 'both sides unseen: one not_observed result each',
      items: [repoItem({ protection: { classic: denied('administration: read'), rulesets: apiError() } })],
      unseen: ['denied', 'api-error'],
    },
  ],
  invalid: [
    {
      name: 'no classic protection and no ruleset',
      items: [repoItem({ protection: unprotected })],
      errors: [{
        messageId: 'unprotected', severity: 'high', key: 'repo:acme/api',
        message: 'The default branch main of repository acme/api has no branch protection and no ruleset that restricts changes, so anyone with write access can push to it directly, force-push over its history or delete it.',
      }],
    },
    {
      name: 'rulesets that only shape commits are not protection',
      items: [repoItem({ protection: { classic: ok(null), rulesets: ok(rulesets(['required_signatures', 'required_linear_history', 'creation', 'commit_message_pattern'])) } })],
      errors: [{ messageId: 'unprotected', severity: 'high', key: 'repo:acme/api' }],
    },
    {
      name: 'one result per repository, with its own default branch',
      items: [repoItem(), repoItem({ repo: 'acme/web', defaultBranch: 'trunk', protection: unprotected })],
      errors: [{ messageId: 'unprotected', severity: 'high', key: 'repo:acme/web', data: { branch: 'trunk', subject: 'repository acme/web' } }],
      passes: ['protected'],
    },
    {
      name: 'a denied repository does not hide a failing one',
      items: [repoItem({ protection: { classic: denied('administration: read') } }), repoItem({ repo: 'acme/web', protection: unprotected })],
      errors: [{ messageId: 'unprotected', severity: 'high', key: 'repo:acme/web' }],
      unseen: ['denied'],
    },
  ],
});

describeUnseen(check, {
  denied: repoItem({ protection: { classic: denied('administration: read'), rulesets: ok(rulesets()) } }),
  deniedMessage: 'Cannot see the classic branch protection of repository acme/api: the token needs administration: read (HTTP 403).',
  errored: repoItem({ protection: { classic: ok(null), rulesets: apiError(LEAKY_ERROR) } }),
  erroredMessage: `Cannot see the rulesets of repository acme/api: the GitHub API kept failing (${SAFE_ERROR}).`,
  failing: repoItem({ repo: 'acme/bad', protection: unprotected }),
});

describe(`${check.meta.id}: messages and keys`, () => {
  it('a pass names what protects the branch, with the protective ruleset rules only', () => {
    const [result] = runCheck(check, [repoItem({ protection: { rulesets: ok(rulesets(['required_signatures', 'non_fast_forward', 'deletion'])) } })]);
    assert.equal(renderMessage(check, result!), 'The default branch main of repository acme/api is protected by classic branch protection and rulesets (deletion, non_fast_forward).');
  });
  it('both sides unseen: each result has its own key and names its own permission', () => {
    const results = runCheck(check, [repoItem({ protection: { classic: denied('administration: read'), rulesets: denied('metadata: read', 404) } })]);
    assert.deepEqual(results.map((r) => [r.status, r.key, renderMessage(check, r)]), [
      ['not_observed', 'repo:acme/api#classic', 'Cannot see the classic branch protection of repository acme/api: the token needs administration: read (HTTP 403).'],
      ['not_observed', 'repo:acme/api#rulesets', 'Cannot see the rulesets of repository acme/api: the token needs metadata: read (HTTP 404).'],
    ]);
  });
});
