import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../../helpers/fake-github.js';
import { collect, ok, TOKEN, type Run } from './support.js';

/** 300 repositories whose settings vary by index, so every combination occurs many times. */
function repository(i: number): FakeRepo {
  const name = `svc-${String(i).padStart(3, '0')}`;
  const protection: Array<Pick<FakeRepo, 'classic' | 'rules'>> = [
    {},
    { classic: { reviews: 2, enforceAdmins: true } },
    { rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 1 } }, { type: 'required_signatures' }] },
    { rules: [{ type: 'deletion' }] },
    { classic: { enforceAdmins: false } },
  ];
  const dependabot: Array<FakeRepo['dependabot']> = ['disabled', { critical: 2, high: 1 }, { medium: 150 }, {}];
  const files = [['SECURITY.md', 'CODEOWNERS'], ['.github/SECURITY.md', 'docs/CODEOWNERS'], ['docs/security.md', '.github/CODEOWNERS'], []];
  return {
    name, archived: i % 10 === 0, visibility: i % 2 ? 'private' : 'public', ...protection[i % 5],
    dependabot: dependabot[i % 7 % 4], secretScanning: { enabled: i % 2 === 0, pushProtection: i % 4 === 0 },
    workflowDefault: i % 3 === 0 ? 'write' : 'read', files: files[i % 4]!,
  };
}

const REPOS = Array.from({ length: 300 }, (_, i) => repository(i));

describe('GitHub collector: an organisation of 300 repositories', () => {
  let fake: FakeGitHub;
  let run: Run;
  before(async () => {
    fake = await startFakeGitHub({ org: { login: 'acme', twoFactorRequired: true, defaultRepositoryPermission: 'write', workflowDefault: 'write' }, repos: REPOS, token: TOKEN });
    run = await collect(fake, { org: 'acme' });
  });
  after(() => fake.close());

  it('reads the organisation, counts its repositories and lists the archived ones it skipped', () => {
    const org = run.org()!;
    assert.equal(ok(org.twoFactorRequired), true);
    assert.equal(ok(org.defaultRepositoryPermission), 'write');
    assert.deepEqual(ok(org.workflowTokenPermissions), { default: 'write', canApprovePullRequestReviews: false });
    assert.equal(org.repositories.listed, 300);
    assert.equal(org.repositories.assessed, 270);
    assert.equal(org.repositories.archivedSkipped.length, 30);
    assert.ok(org.repositories.archivedSkipped.includes('acme/svc-000'));
    assert.equal(run.items.filter((i) => i.kind === 'github-repo').length, 270);
    assert.ok(!run.items.some((i) => i.id === 'github-repo:acme/svc-010'), 'archived repository assessed');
    assert.equal(run.items.filter((i) => i.kind === 'unreadable-source').length, 0);
    const item = run.items.find((i) => i.kind === 'github-org')!;
    assert.deepEqual({ id: item.id, source: item.source, collector: item.collector }, { id: 'github-org:acme', source: 'https://github.example/acme', collector: 'github' });
  });

  it('records every repository as its settings are', () => {
    for (const [i, spec] of REPOS.entries()) {
      if (spec.archived) continue;
      const repo = run.repo(`acme/${spec.name}`);
      const classic = ok(repo.protection.classic);
      const rules = ok(repo.protection.rulesets);
      assert.equal(classic === null, !spec.classic, spec.name);
      if (spec.classic) assert.equal(classic?.requiredApprovingReviewCount, spec.classic.reviews ?? null, spec.name);
      assert.equal(rules.pullRequest?.requiredApprovingReviewCount ?? null, i % 5 === 2 ? 1 : null, spec.name);
      const alerts = ok(repo.dependabot);
      assert.equal(alerts.enabled, spec.dependabot !== 'disabled', spec.name);
      if (spec.dependabot !== 'disabled') assert.deepEqual(alerts.open, { critical: 0, high: 0, medium: 0, low: 0, ...spec.dependabot }, spec.name);
      assert.deepEqual(ok(repo.secretScanning), { enabled: spec.secretScanning!.enabled, pushProtection: spec.secretScanning!.pushProtection }, spec.name);
      assert.equal(ok(repo.workflowTokenPermissions).default, spec.workflowDefault, spec.name);
      const expectedFiles = [
        { securityPolicy: 'SECURITY.md', codeowners: 'CODEOWNERS' }, { securityPolicy: '.github/SECURITY.md', codeowners: 'docs/CODEOWNERS' },
        { securityPolicy: 'docs/security.md', codeowners: '.github/CODEOWNERS' }, { securityPolicy: null, codeowners: null },
      ][i % 4]!;
      assert.deepEqual({ securityPolicy: ok(repo.securityPolicy), codeowners: ok(repo.codeowners) }, expectedFiles, spec.name);
      assert.equal(repo.visibility, spec.visibility);
      assert.equal(repo.defaultBranch, 'main');
    }
  });

  it('recognises a repository protected by rulesets only, with its required reviews', () => {
    const repo = run.repo('acme/svc-002');
    assert.equal(ok(repo.protection.classic), null);
    assert.deepEqual(ok(repo.protection.rulesets), { rules: ['pull_request', 'required_signatures'], pullRequest: { requiredApprovingReviewCount: 1 } });
  });

  it('makes at most 8 calls for a repository, paging through 150 open alerts', () => {
    const calls = run.items.filter((i) => i.kind === 'github-repo').map((i) => (i.data as { calls: number }).calls);
    assert.ok(Math.max(...calls) <= 8, `max ${Math.max(...calls)} calls`);
    assert.equal(run.repo('acme/svc-003').calls, 5, 'files in the root: one tree read');
    assert.equal(run.repo('acme/svc-005').calls, 7, 'SECURITY.md in .github, CODEOWNERS in docs: both subtrees');
    assert.equal(run.repo('acme/svc-016').calls, 6, '150 open alerts: two pages');
    assert.ok(fake.requests.some((r) => r.path.startsWith('/orgs/acme/repos?') && r.path.includes('page=3')), 'listing followed Link to page 3');
    assert.ok(!fake.requests.some((r) => /^\/repos\/acme\/[^/]+$/.test(r.path)), 'repository objects reused from the listing');
  });

  it('sends the token in the Authorization header but never writes it to evidence or the log', () => {
    assert.ok(fake.requests.length > 1500);
    for (const request of fake.requests) assert.equal(request.headers.authorization, 'token [token]');
    assert.ok(!JSON.stringify(run.items).includes(TOKEN));
    assert.ok(!run.log.some((line) => line.includes(TOKEN) || /authorization/i.test(line)));
  });

  it('logs one line per call with the route template and the rate limit left, then a summary', () => {
    assert.ok(run.log.some((line) => /^github: GET \/orgs\/\{org\}\/repos 200 \(rate limit \d+ left\)$/.test(line)));
    assert.ok(run.log.some((line) => line.startsWith('github: GET /repos/{owner}/{repo}/dependabot/alerts 200 (rate limit')));
    assert.ok(!run.log.some((line) => /state=open|per_page|svc-\d/.test(line)), 'parameter or query values in the log');
    assert.match(run.log.at(-1)!, /^github: \d+ calls \(0 answered 304 from the ETag cache\) for organisation acme and 270 repositories; rate limit \d+ left$/);
    assert.equal(run.log.length, fake.requests.length + 1);
  });
});
