/**
 * A GitHub API that misbehaves, on 127.0.0.1: an answer that trickles, a redirect to another origin,
 * an answer that echoes the token, an HTML page instead of JSON, a secondary rate limit that asks for
 * minutes. None of them may stall the run, send the token elsewhere, keep the token, or pass as data.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createGitHubClient, GitHubApiError, TOKEN_REPLACEMENT } from '../../../src/collectors/github/client.js';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../../helpers/fake-github.js';
import { tempDir, write } from '../../helpers/temp-catalog.js';
import { collect, TOKEN } from './support.js';

const typical = (name: string): FakeRepo => ({ name, classic: { reviews: 1 }, files: ['SECURITY.md'] });
const ORG = '/orgs/acme';

describe('GitHub client: a misbehaving API', () => {
  let fake: FakeGitHub;
  /** Another origin (another port), which must never be called. */
  let elsewhere: { server: http.Server; url: string; requests: Array<{ path: string; authorization: string | undefined }> };
  before(async () => {
    fake = await startFakeGitHub({ org: { login: 'acme' }, repos: ['a', 'b', 'c'].map(typical), token: TOKEN });
    const requests: Array<{ path: string; authorization: string | undefined }> = [];
    const server = http.createServer((req, res) => {
      requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"login":"elsewhere"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    elsewhere = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
  });
  after(async () => {
    await fake.close();
    await new Promise((resolve) => elsewhere.server.close(resolve));
  });

  const client = (options: Partial<Parameters<typeof createGitHubClient>[0]> = {}) =>
    createGitHubClient({ apiUrl: fake.apiUrl, token: TOKEN, maxRetryWaitMs: 5, retries: 0, ...options });
  const rejectsWith = (promise: Promise<unknown>, status: number, message: RegExp) =>
    assert.rejects(promise, (error: unknown) => {
      assert.ok(error instanceof GitHubApiError, String(error));
      assert.equal(error.status, status);
      assert.match(error.message, message);
      return true;
    });

  it('an answer that trickles fails when its time is up, instead of stalling the run', async () => {
    fake.failOnce(ORG, 'trickle');
    await rejectsWith(client({ requestTimeoutMs: 500 }).get('GET /orgs/{org}', { org: 'acme' }), 0, /^no complete answer within 500 ms$/);
  });

  it('after the deadline of all calls, the rest fail at once without a request', async () => {
    const limited = client({ deadlineMs: 50 });
    await limited.get('GET /orgs/{org}', { org: 'acme' });
    await sleep(60);
    const before = fake.requests.length;
    await rejectsWith(limited.get('GET /orgs/{org}', { org: 'acme' }), 0, /^not called: the GitHub calls' time limit \(50 ms\) has passed$/);
    assert.equal(fake.requests.length, before);
  });

  it('a redirect to another origin is not followed: the token goes nowhere else', async () => {
    fake.failOnce(ORG, 'redirect', `${elsewhere.url}/orgs/acme`);
    await rejectsWith(client().get('GET /orgs/{org}', { org: 'acme' }), 0, new RegExp(`^the answer redirects to ${elsewhere.url}, outside http://127\\.0\\.0\\.1:\\d+: not followed$`));
    assert.deepEqual(elsewhere.requests, []);
  });

  it('a redirect within the API is followed, as for a renamed repository', async () => {
    fake.failOnce('/repos/acme/old-name', 'redirect', `${fake.apiUrl}/repos/acme/a`);
    const repo = await client().get<{ name: string }>('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'old-name' });
    assert.equal(repo.name, 'a');
  });

  it('a write is never sent again to where a redirect points', async () => {
    fake.failOnce('/repos/acme/a/statuses/abc', 'redirect', `${fake.apiUrl}/repos/acme/b/statuses/abc`);
    const before = fake.requests.length;
    await rejectsWith(client({ minWriteIntervalMs: 0 }).send('POST /repos/{owner}/{repo}/statuses/{sha}', { owner: 'acme', repo: 'a', sha: 'abc', state: 'success' }),
      0, /^the answer to a POST redirects: a write is not sent again$/);
    assert.deepEqual(fake.requests.slice(before).map((r) => `${r.method} ${r.path}`), ['POST /repos/acme/a/statuses/abc']);
  });

  it('an answer that echoes the token has it replaced before anything keeps it', async () => {
    fake.failOnce(ORG, 'reflect-token');
    const answer = await client().get<{ message: string }>('GET /orgs/{org}', { org: 'acme' });
    assert.equal(answer.message, `You sent: token ${TOKEN_REPLACEMENT}`);
  });

  it('a 200 that is not JSON is a failure, not data', async () => {
    fake.failOnce(ORG, 'not-json');
    await rejectsWith(client().get('GET /orgs/{org}', { org: 'acme' }), 200, /^the answer is not JSON \(200 with 72 characters of text\)$/);
    fake.failOnce('/orgs/acme/repos', 'not-json');
    await rejectsWith(client().getAll('GET /orgs/{org}/repos', { org: 'acme' }), 200, /^the answer is not JSON/);
  });

  it('an answer larger than the cap fails', async () => {
    await rejectsWith(client({ maxAnswerBytes: 100 }).get('GET /orgs/{org}', { org: 'acme' }), 0, /^the answer is larger than 100 bytes$/);
  });
});

describe('GitHub collector: a secondary rate limit that asks for minutes', () => {
  it('is not waited out on every call: the run ends at once, the rest reported as not called', async () => {
    const fake = await startFakeGitHub({ org: { login: 'acme' }, repos: ['a', 'b', 'c'].map(typical), token: TOKEN });
    try {
      fake.failOnce('/repos/acme/a/branches/main/protection', 'secondary-rate-limit-long');
      const run = await collect(fake, { org: 'acme' }, { concurrency: 1, maxRetryWaitMs: 60_000 });
      const limited = fake.requests.findIndex((r) => r.path === '/repos/acme/a/branches/main/protection');
      assert.deepEqual(fake.requests.slice(limited).map((r) => r.status), [403], 'no retry, then no call');
      assert.match((run.repo('acme/c').dependabot as { message: string }).message, /not called: GitHub asked to wait \(secondary rate limit\) until \d{4}-/);
      assert.ok(run.log.some((l) => /^github: secondary rate limit on GET \/repos\/\{owner\}\/\{repo\}\/branches\/\{branch\}\/protection; GitHub asks to wait 360 s, more than 60 s, no calls until /.test(l)), run.log.join('\n'));
    } finally {
      await fake.close();
    }
  });

  it('a collection whose answers echo the token keeps none of it in the evidence', async () => {
    const fake = await startFakeGitHub({ org: { login: 'acme' }, repos: ['a'].map(typical), token: TOKEN });
    try {
      fake.failOnce('/repos/acme/a/contents/SECURITY.md', 'reflect-token');
      fake.failOnce('/repos/acme/a/branches/main/protection', 'reflect-token-403');
      const run = await collect(fake, { repos: ['acme/a'] });
      // GitHub's message of a refusal is kept as the fact's reason: the token had been in it.
      assert.equal((run.repo('acme/a').protection.classic as { message: string }).message.includes(`You sent: token ${TOKEN_REPLACEMENT}`), true);
      const text = JSON.stringify(run.items) + run.log.join('\n');
      assert.ok(!text.includes(TOKEN) && !text.includes(TOKEN.slice(4, 16)), 'the token is nowhere');
    } finally {
      await fake.close();
    }
  });
});

describe('GitHub collector: an ETag cache folder that cannot be written', () => {
  it('is said once, and the collection goes on without it', async () => {
    const fake = await startFakeGitHub({ org: { login: 'acme' }, repos: ['a'].map(typical), token: TOKEN });
    try {
      const dir = tempDir('etag-');
      const notAFolder = write(dir, 'cache', 'a file where the folder should be');
      const run = await collect(fake, { repos: ['acme/a'] }, { cacheDir: notAFolder });
      assert.equal(run.repo('acme/a').protection.classic.state, 'ok');
      const warnings = run.log.filter((l) => l.startsWith('github: the ETag cache is not kept'));
      assert.equal(warnings.length, 1, run.log.join('\n'));
      assert.equal(warnings[0], `github: the ETag cache is not kept: cannot make the folder ${notAFolder}: part of its path is not a folder (EEXIST)`);
    } finally {
      await fake.close();
    }
  });
});
