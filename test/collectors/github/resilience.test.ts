import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BadCredentialsError } from '../../../src/collectors/github/facts.js';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../../helpers/fake-github.js';
import { collect, ok, type Run } from './support.js';

const typical = (name: string): FakeRepo => ({
  name, classic: { reviews: 1 }, dependabot: { high: 1 }, secretScanning: { enabled: true, pushProtection: true }, files: ['SECURITY.md', '.github/CODEOWNERS'],
});

describe('GitHub collector: failures, retries and rate limits', () => {
  let fake: FakeGitHub;
  let run: Run;
  before(async () => {
    fake = await startFakeGitHub({
      org: { login: 'acme' }, token: 'ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0123',
      repos: [typical('retried'), typical('secondary'), typical('primary'), typical('fine')],
    });
    fake.failOnce('/orgs/acme/repos', 502);
    fake.failOnce('/repos/acme/retried/branches/main/protection', 502);
    fake.failOnce('/repos/acme/secondary/rules/branches/main', 'secondary-rate-limit');
    fake.failOnce('/repos/acme/primary/actions/permissions/workflow', 'primary-rate-limit');
    // GitHub asks to wait a second or two: within what the client waits, so it waits and retries.
    run = await collect(fake, { org: 'acme' }, { maxRetryWaitMs: 3000 });
  });
  after(() => fake.close());

  const statuses = (path: string) => fake.requests.filter((r) => r.path.split('?')[0] === path).map((r) => r.status);

  it('retries a 502 and keeps the answer', () => {
    assert.deepEqual(statuses('/orgs/acme/repos'), [502, 200]);
    assert.deepEqual(statuses('/repos/acme/retried/branches/main/protection'), [502, 200]);
    assert.equal(ok(run.repo('acme/retried').protection.classic)?.requiredApprovingReviewCount, 1);
    assert.equal(run.repo('acme/retried').calls, 7, 'the retry is a call too');
    assert.equal(run.org()!.repositories.listed, 4);
  });

  it('waits out a secondary rate limit (retry-after) and retries', () => {
    assert.deepEqual(statuses('/repos/acme/secondary/rules/branches/main'), [403, 200]);
    assert.deepEqual(ok(run.repo('acme/secondary').protection.rulesets), { rules: [], pullRequest: null });
    assert.ok(run.log.some((l) => l.startsWith('github: secondary rate limit on GET /repos/{owner}/{repo}/rules/branches/{branch}; GitHub asks to wait 1 s')));
  });

  it('waits out a primary rate limit (x-ratelimit-remaining 0) and retries', () => {
    assert.deepEqual(statuses('/repos/acme/primary/actions/permissions/workflow'), [403, 200]);
    assert.equal(ok(run.repo('acme/primary').workflowTokenPermissions).default, 'read');
    assert.ok(run.log.some((l) => l.startsWith('github: rate limit on GET /repos/{owner}/{repo}/actions/permissions/workflow')));
  });

  it('completes every other repository', () => {
    assert.equal(run.items.filter((i) => i.kind === 'unreadable-source').length, 0);
    for (const name of ['retried', 'secondary', 'primary', 'fine']) {
      const repo = run.repo(`acme/${name}`);
      for (const fact of [repo.protection.classic, repo.protection.rulesets, repo.secretScanning, repo.dependabot, repo.workflowTokenPermissions, repo.securityPolicy, repo.codeowners]) {
        assert.equal(fact.state, 'ok', `${name}: ${JSON.stringify(fact)}`);
      }
      assert.equal(ok(repo.codeowners), '.github/CODEOWNERS');
    }
  });
});

describe('GitHub collector: a repository whose calls keep failing', () => {
  let fake: FakeGitHub;
  let run: Run;
  before(async () => {
    fake = await startFakeGitHub({ org: { login: 'acme' }, token: 'ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0123', repos: [{ ...typical('broken'), broken: true }, typical('fine')] });
    run = await collect(fake, { org: 'acme' });
  });
  after(() => fake.close());

  const statuses = (path: string) => fake.requests.filter((r) => r.path.split('?')[0] === path).map((r) => r.status);

  it('gives a repository whose calls keep failing error facts and an unreadable-source item', () => {
    const broken = run.repo('acme/broken');
    for (const fact of [broken.protection.classic, broken.protection.rulesets, broken.dependabot, broken.workflowTokenPermissions, broken.securityPolicy, broken.codeowners]) {
      assert.equal(fact.state, 'error');
    }
    assert.equal(ok(broken.secretScanning).enabled, true, 'from the listing, which did answer');
    assert.equal(statuses('/repos/acme/broken/branches/main/protection').length, 4, 'first try and 3 retries');
    const unreadable = run.unreadable('github:acme/broken')!;
    assert.equal(unreadable.id, 'unreadable-source:github:acme/broken');
    assert.equal(unreadable.data.code, 'api-error');
    assert.match(unreadable.data.reason, /GET \/repos\/\{owner\}\/\{repo\}\/branches\/\{branch\}\/protection: 500 Server Error/);
  });

  it('completes the other repository', () => {
    assert.equal(run.items.filter((i) => i.kind === 'unreadable-source').length, 1);
    assert.equal(ok(run.repo('acme/fine').codeowners), '.github/CODEOWNERS');
  });
});

describe('GitHub collector: primary rate limit exhausted for the hour', () => {
  it('stops calling GitHub until the reset and reports what it could not read', async () => {
    const fake = await startFakeGitHub({ org: { login: 'acme' }, repos: ['a', 'b', 'c'].map(typical), token: 'ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0123' });
    try {
      fake.failOnce('/repos/acme/a/branches/main/protection', 'primary-rate-limit-hour');
      const run = await collect(fake, { org: 'acme' }, { concurrency: 1 });
      const protection = fake.requests.findIndex((r) => r.path === '/repos/acme/a/branches/main/protection');
      assert.deepEqual(fake.requests.slice(protection).map((r) => r.status), [403], 'an hour is not waited: no retry, then no call');
      const a = run.repo('acme/a');
      assert.equal(a.protection.classic.state, 'error');
      assert.match((a.dependabot as { message: string }).message, /not called: the primary rate limit is exhausted until \d{4}-/);
      assert.equal(run.repo('acme/c').workflowTokenPermissions.state, 'error');
      assert.equal(run.items.filter((i) => i.kind === 'unreadable-source').length, 3);
      assert.ok(run.log.some((l) => /^github: rate limit on GET \/repos\/\{owner\}\/\{repo\}\/branches\/\{branch\}\/protection; GitHub asks to wait \d+ s, more than 5 ms, no calls until /.test(l)));
    } finally {
      await fake.close();
    }
  });
});

describe('GitHub collector: refused token', () => {
  it('stops with the 401 instead of reporting every fact as unseen', async () => {
    const fake = await startFakeGitHub({ org: { login: 'acme' }, repos: [typical('a')], token: 'the-real-one' });
    try {
      await assert.rejects(collect(fake, { org: 'acme' }), (error: Error) => error instanceof BadCredentialsError && /401 \(Bad credentials\)/.test(error.message));
    } finally {
      await fake.close();
    }
  });
});
