import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collectGitHub } from '../../../src/collectors/github/index.js';
import { inShard } from '../../../src/collectors/github/shard.js';
import { startFakeGitHub, type FakeGitHub } from '../../helpers/fake-github.js';
import { collect, ok, NOW, TOKEN } from './support.js';

describe('GitHub collector: named repositories, GitHub Enterprise Server, shards', () => {
  let fake: FakeGitHub;
  before(async () => {
    fake = await startFakeGitHub({
      org: { login: 'acme' }, token: TOKEN, prefix: '/api/v3',
      repos: [
        { name: 'api', classic: { reviews: 1 }, files: ['SECURITY.md'] },
        { name: 'old', archived: true },
        { name: 'tool', owner: 'partner', defaultBranch: 'trunk', visibility: 'public', rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 2 } }], files: ['docs/CODEOWNERS'] },
        ...Array.from({ length: 20 }, (_, i) => ({ name: `svc-${i}` })),
      ],
    });
  });
  after(() => fake.close());

  it('does nothing without GitHub sources', async () => {
    const context = { paths: [], root: '/', includeUser: false, home: '/', now: NOW };
    assert.deepEqual(await collectGitHub(context), []);
    assert.deepEqual(await collectGitHub({ ...context, github: { repos: [], apiUrl: fake.apiUrl } }), []);
    assert.equal(fake.requests.length, 0);
  });

  it('reads a repository outside the organisation with one GET /repos/{owner}/{repo} first, under /api/v3', async () => {
    const run = await collect(fake, { repos: ['partner/tool'] });
    assert.equal(run.org(), undefined);
    const tool = run.repo('partner/tool');
    assert.equal(tool.defaultBranch, 'trunk');
    assert.equal(tool.htmlUrl, 'https://github.example/partner/tool');
    assert.equal(ok(tool.protection.rulesets).pullRequest?.requiredApprovingReviewCount, 2);
    assert.equal(ok(tool.codeowners), 'docs/CODEOWNERS');
    assert.equal(tool.calls, 7, 'repository object, protection, rules, alerts, workflow, root tree, docs tree');
    assert.deepEqual(fake.requests.at(-7)!.path, '/repos/partner/tool');
    assert.ok(fake.requests.some((r) => r.path === '/repos/partner/tool/branches/trunk/protection'));
    assert.equal(run.items.find((i) => i.kind === 'github-repo')!.source, 'https://github.example/partner/tool');
  });

  it('adds named repositories to the organisation once, archived ones too, and reports one that cannot be seen', async () => {
    const run = await collect(fake, { org: 'acme', repos: ['partner/tool', 'ACME/api', 'acme/old', 'partner/missing'] });
    const names = run.items.filter((i) => i.kind === 'github-repo').map((i) => i.id);
    assert.equal(names.filter((n) => n === 'github-repo:acme/api').length, 1);
    assert.ok(names.includes('github-repo:acme/old'), 'an archived repository named on its own is assessed');
    assert.ok(names.includes('github-repo:partner/tool'));
    assert.equal(run.repo('acme/api').calls, 5, 'its object came from the listing');
    const missing = run.repo('partner/missing');
    assert.equal(missing.protection.classic.state, 'denied');
    assert.equal(missing.codeowners.state, 'denied');
    assert.equal(run.unreadable('github:partner/missing')?.data.code, 'not-found');
    assert.equal(run.items.find((i) => i.id === 'github-repo:partner/missing')!.source, 'github:partner/missing');
  });

  it('reports an organisation it cannot list, without claiming it has no repositories', async () => {
    const run = await collect(fake, { org: 'nobody' });
    const org = run.org()!;
    assert.equal(org.twoFactorRequired.state, 'denied');
    assert.equal(org.repositories.listed, 0);
    assert.match(org.repositories.listingError!, /^GET \/orgs\/\{org\}\/repos: 404 Not Found$/);
    assert.match(run.unreadable('github:nobody')!.data.reason, /GET \/orgs\/\{org\}\/repos: 404 Not Found/);
    assert.equal(run.items.filter((i) => i.kind === 'github-repo').length, 0);
  });

  it('collects only its shard of the repositories, and the organisation with shard 1', async () => {
    const names = async (index: number) => {
      const run = await collect(fake, { org: 'acme', shard: { index, count: 3 } });
      return { org: run.org(), repos: run.items.filter((i) => i.kind === 'github-repo').map((i) => i.id.slice('github-repo:'.length)) };
    };
    const shards = [await names(1), await names(2), await names(3)];
    assert.ok(shards[0]!.org && !shards[1]!.org && !shards[2]!.org);
    const all = shards.flatMap((s) => s.repos).sort();
    assert.equal(all.length, 21);
    assert.equal(new Set(all).size, 21);
    for (const [i, shard] of shards.entries()) for (const repo of shard.repos) assert.ok(inShard(repo, { index: i + 1, count: 3 }));
    assert.equal(shards[0]!.org!.repositories.assessed, 21, 'across all shards');
  });
});
