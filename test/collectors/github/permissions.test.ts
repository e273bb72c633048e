import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Observed } from '../../../src/collectors/github/model.js';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../../helpers/fake-github.js';
import { collect, ok, TOKEN } from './support.js';

const REPOS: FakeRepo[] = [
  { name: 'member-only', admin: false, classic: { reviews: 2 }, rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 1 } }], dependabot: { critical: 1 }, files: ['SECURITY.md'] },
  { name: 'protection-forbidden', forbidProtection: true, secretScanning: { enabled: true }, files: [] },
  { name: 'alerts-off', dependabot: 'disabled', files: [] },
];

function assertDenied(fact: Observed<unknown>, httpStatus: number, permission: string): void {
  assert.equal(fact.state, 'denied', JSON.stringify(fact));
  if (fact.state !== 'denied') return;
  assert.equal(fact.httpStatus, httpStatus);
  assert.equal(fact.permission, permission);
  assert.ok(fact.message.length > 0);
}

describe('GitHub collector: permission gaps are denied facts, never answers', () => {
  let fake: FakeGitHub;
  before(async () => { fake = await startFakeGitHub({ org: { login: 'acme', owner: false }, repos: REPOS, token: TOKEN }); });
  after(() => fake.close());

  it('names the owner permission when the organisation withholds its 2FA and default permission fields', async () => {
    const org = (await collect(fake, { org: 'acme' })).org()!;
    assertDenied(org.twoFactorRequired, 200, 'organization administration: read (owner)');
    assertDenied(org.defaultRepositoryPermission, 200, 'organization administration: read (owner)');
    assertDenied(org.workflowTokenPermissions, 403, 'organization administration: read');
  });

  it('names the permission of each repository fact the token may not see', async () => {
    const run = await collect(fake, { org: 'acme' });
    const member = run.repo('acme/member-only');
    assertDenied(member.protection.classic, 404, 'administration: read');
    assertDenied(member.secretScanning, 200, 'administration: read (repository admin, organisation owner or security manager)');
    assertDenied(member.dependabot, 403, 'dependabot alerts: read');
    assertDenied(member.workflowTokenPermissions, 403, 'administration: read');
    // What read access shows is still read.
    assert.equal(ok(member.protection.rulesets).pullRequest?.requiredApprovingReviewCount, 1);
    assert.equal(ok(member.securityPolicy), 'SECURITY.md');
    assertDenied(run.repo('acme/protection-forbidden').protection.classic, 403, 'administration: read');
    assert.equal(run.items.filter((i) => i.kind === 'unreadable-source').length, 0, 'a permission gap is not a failure to read');
  });

  it('reads "Dependabot alerts are disabled" as alerts switched off', async () => {
    const run = await collect(fake, { org: 'acme' });
    assert.deepEqual(ok(run.repo('acme/alerts-off').dependabot), { enabled: false, open: { critical: 0, high: 0, medium: 0, low: 0 } });
  });

  it('without a token sends no Authorization header and reports the admin facts as denied', async () => {
    const before = fake.requests.length;
    const run = await collect(fake, { org: 'acme', token: undefined });
    assert.ok(fake.requests.slice(before).every((r) => r.headers.authorization === undefined));
    const repo = run.repo('acme/alerts-off');
    assertDenied(repo.protection.classic, 404, 'administration: read');
    assertDenied(repo.secretScanning, 200, 'administration: read (repository admin, organisation owner or security manager)');
    assertDenied(repo.dependabot, 403, 'dependabot alerts: read');
  });
});
