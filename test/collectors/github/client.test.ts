import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createGitHubClient, GitHubApiError } from '../../../src/collectors/github/client.js';
import { EtagCache } from '../../../src/collectors/github/etag-cache.js';
import { startFakeGitHub, type FakeGitHub } from '../../helpers/fake-github.js';
import { collect, TOKEN } from './support.js';

const REPOS = Array.from({ length: 40 }, (_, i) => ({ name: `svc-${i}`, files: i % 2 ? ['.github/SECURITY.md'] : [], dependabot: { low: i } }));

describe('GitHub client: conditional requests', () => {
  let fake: FakeGitHub;
  before(async () => { fake = await startFakeGitHub({ org: { login: 'acme' }, repos: REPOS, token: TOKEN }); });
  after(() => fake.close());

  it('sends If-None-Match with the stored ETag and reuses the body on 304', async () => {
    const client = createGitHubClient({ apiUrl: fake.apiUrl, token: TOKEN });
    const first = await client.get('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'svc-1' });
    const second = await client.get('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'svc-1' });
    assert.deepEqual(second, first);
    assert.deepEqual(client.calls, [
      { method: 'GET', route: 'GET /repos/{owner}/{repo}', status: 200 },
      { method: 'GET', route: 'GET /repos/{owner}/{repo}', status: 304, cached: true },
    ]);
    const [plain, conditional] = fake.requests.slice(-2);
    assert.equal(plain!.headers['if-none-match'], undefined);
    assert.match(conditional!.headers['if-none-match']!, /^W\/"[0-9a-f]+"$/);
  });

  it('makes a second run with the same cache conditional: every 200 becomes a 304, the same evidence, no rate limit spent', async () => {
    const cache = new EtagCache();
    const start = fake.requests.length;
    const first = await collect(fake, { org: 'acme' }, { cache });
    const middle = fake.requests.length;
    const second = await collect(fake, { org: 'acme' }, { cache });
    const status = (from: number, to?: number) => fake.requests.slice(from, to).map((r) => `${r.path} ${r.status}`).sort();
    const answered = status(start, middle);
    assert.ok(answered.filter((r) => r.endsWith(' 200')).length > 150);
    // GitHub sends no ETag with an error (e.g. 404 "Branch not protected"), so those are asked again.
    assert.deepEqual(status(middle), answered.map((r) => r.replace(/ 200$/, ' 304')));
    assert.deepEqual(second.items, first.items);
    const cachedLines = second.log.filter((l) => / 304 cached \(rate limit \d+ left\)$/.test(l)).length;
    assert.equal(cachedLines, answered.filter((r) => r.endsWith(' 200')).length);
    assert.match(second.log.at(-1)!, new RegExp(`^github: ${middle - start} calls \\(${cachedLines} answered 304 from the ETag cache\\)`));
    const left = (log: string[]) => Number(/rate limit (\d+) left$/.exec(log.at(-1)!)![1]);
    assert.equal(left(first.log) - left(second.log), middle - start - cachedLines, 'only the uncacheable errors were counted');
  });

  it('keeps the cache in a folder for the next process, without the token', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-comply-etag-'));
    try {
      await collect(fake, { repos: ['acme/svc-3'] }, { cacheDir: dir });
      const before = fake.requests.length;
      await collect(fake, { repos: ['acme/svc-3'] }, { cacheDir: dir });
      assert.deepEqual(fake.requests.slice(before).map((r) => r.status).filter((s) => s !== 304), [404], 'all but "Branch not protected"');
      const stored = fs.readdirSync(dir);
      assert.ok(stored.length >= 6 && stored.every((f) => /^[0-9a-f]{64}\.json$/.test(f)));
      assert.ok(!stored.some((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes(TOKEN)));
      assert.equal(fs.statSync(dir).mode & 0o077, 0, 'the cache folder is the owner\'s only');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not share cached answers between tokens', async () => {
    const cache = new EtagCache();
    const get = (token?: string) => createGitHubClient({ apiUrl: fake.apiUrl, ...(token ? { token } : {}), cache }).get('GET /orgs/{org}', { org: 'acme' });
    await get(TOKEN);
    const before = fake.requests.length;
    await get(undefined);
    assert.equal(fake.requests[before]!.headers['if-none-match'], undefined);
  });
});

describe('GitHub client: errors, pagination and concurrency', () => {
  let fake: FakeGitHub;
  before(async () => { fake = await startFakeGitHub({ org: { login: 'acme' }, repos: REPOS, token: TOKEN }); });
  after(() => fake.close());

  it('throws GitHubApiError with the route, the status and GitHub\'s message', async () => {
    const client = createGitHubClient({ apiUrl: fake.apiUrl, token: TOKEN });
    await assert.rejects(client.get('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'nope' }), (error: unknown) =>
      error instanceof GitHubApiError && error.status === 404 && error.message === 'Not Found' && error.route === 'GET /repos/{owner}/{repo}' && !error.rateLimited);
    assert.equal(client.calls.length, 1, '404 is not retried');
  });

  it('reports no answer as status 0 after retrying', async () => {
    const client = createGitHubClient({ apiUrl: 'http://127.0.0.1:1', maxRetryWaitMs: 5, retries: 2 });
    await assert.rejects(client.get('GET /orgs/{org}', { org: 'acme' }), (error: unknown) => error instanceof GitHubApiError && error.status === 0);
    assert.deepEqual(client.calls.map((c) => c.status), [0, 0, 0]);
  });

  it('follows Link rel="next" through every page', async () => {
    const client = createGitHubClient({ apiUrl: fake.apiUrl, token: TOKEN });
    const alerts = await client.getAll('GET /repos/{owner}/{repo}/dependabot/alerts', { owner: 'acme', repo: 'svc-39', state: 'open', per_page: 10 });
    assert.equal(alerts.length, 39);
    assert.equal(client.calls.length, 4);
    assert.ok(client.calls.every((c) => c.route === 'GET /repos/{owner}/{repo}/dependabot/alerts'));
  });

  it('keeps as many requests in flight as the concurrency asks, past the throttling plugin\'s own 10', async () => {
    // Latency long enough that 16 requests overlap despite the plugins' scheduling ticks.
    const slow = await startFakeGitHub({ org: { login: 'acme' }, repos: REPOS.slice(0, 16), token: TOKEN, latencyMs: 100 });
    try {
      const inFlight = async (concurrency: number, repos: string[]) => {
        slow.maxInFlight = 0;
        const run = await collect(slow, { repos }, { concurrency });
        assert.equal(run.items.filter((i) => i.kind === 'github-repo').length, repos.length);
        return slow.maxInFlight;
      };
      const sixteen = await inFlight(16, REPOS.slice(0, 16).map((r) => `acme/${r.name}`));
      assert.ok(sixteen > 10 && sixteen <= 16, `max in flight ${sixteen}`);
      assert.equal(await inFlight(1, ['acme/svc-0', 'acme/svc-1']), 1);
    } finally {
      await slow.close();
    }
  });
});
