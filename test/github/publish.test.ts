/**
 * Publishing a check run against the fake GitHub API on 127.0.0.1 (real HTTP): the exact request
 * sequence, batching, retries, and the fallback to a commit status and a pull-request comment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGitHubClient } from '../../src/collectors/github/client.js';
import type { Finding } from '../../src/engine/assessment.js';
import { driftOf } from '../../src/engine/drift.js';
import { commentMarker, gateOfDrift, planCheckRun, type CheckRunPlan } from '../../src/github/check-run.js';
import { PublishError, publishCheck, type PublishTarget } from '../../src/github/publish.js';
import { startFakeGitHub, type FakeGitHub, type FakeOptions } from '../helpers/fake-github.js';
import { sampleAssessment } from '../helpers/sample-assessment.js';

const TOKEN = ['ghs', 'PUBLISHtoken000000000000000000000000'].join('_');
const SHA = '0123456789abcdef0123456789abcdef01234567';
const TARGET: PublishTarget = { owner: 'acme', repo: 'app', sha: SHA };

const newFinding = (i: number): Finding => ({
  checkId: 'mcp.supply-chain.unpinned-package', severity: 'high', messageId: 'm', message: `new finding ${i}`,
  location: { path: `app/mcp-${String(i).padStart(3, '0')}.json`, line: i + 1 }, fingerprint: `new-${String(i).padStart(4, '0')}`,
  controlIds: ['MCP-SC-01'], evidenceId: 'mcp-config:app',
});

function planWith(count: number, failing = true): CheckRunPlan {
  const baseline = sampleAssessment();
  const current = sampleAssessment();
  current.findings.push(...Array.from({ length: count }, (_, i) => newFinding(i)));
  return planCheckRun(gateOfDrift(driftOf(baseline, current, failing ? 'high' : 'critical')), { name: 'mcp-comply', detailsUrl: 'https://ci.example/run/9' });
}

async function fakeWith(options: Partial<FakeOptions> = {}): Promise<FakeGitHub> {
  return startFakeGitHub({
    token: TOKEN, org: { login: 'acme' },
    repos: [{ name: 'app', pulls: [{ number: 7, head: SHA }, { number: 3, head: SHA, state: 'closed' }, { number: 8, head: 'f'.repeat(40) }] }],
    ...options,
  });
}

/** Writes unpaced and retries at once, so the tests do not wait; the log kept for assertions. */
function clientFor(fake: FakeGitHub, token = TOKEN) {
  return createGitHubClient({ apiUrl: fake.apiUrl, token, maxRetryWaitMs: 5, minWriteIntervalMs: 0 });
}

/** `METHOD path status [annotations]` of the requests since `from`. */
const sequence = (fake: FakeGitHub, from = 0) => fake.requests.slice(from).map((r) => {
  const annotations = (r.body as { output?: { annotations?: unknown[] } } | undefined)?.output?.annotations;
  return `${r.method} ${r.path} ${r.status}${annotations ? ` +${annotations.length}` : ''}`;
});

describe('github check: publishing the check run', () => {
  let fake: FakeGitHub;
  before(async () => { fake = await fakeWith(); });
  after(() => fake.close());

  it('120 annotations: 1 create + 3 updates (50/50/20), then the completion, in this order', async () => {
    const plan = planWith(120);
    const start = fake.requests.length;
    const log: string[] = [];
    const result = await publishCheck(clientFor(fake), TARGET, plan, (l) => log.push(l));
    assert.deepEqual(sequence(fake, start), [
      'POST /repos/acme/app/check-runs 201 +50',
      'PATCH /repos/acme/app/check-runs/1 200 +50',
      'PATCH /repos/acme/app/check-runs/1 200 +20',
      'PATCH /repos/acme/app/check-runs/1 200',
    ]);
    assert.deepEqual(result, { kind: 'check-run', id: 1, url: 'https://github.example/acme/app/runs/1', annotations: 120, requests: 4 });
    const run = fake.written.checkRuns[0]!;
    assert.deepEqual({ ...run, annotations: run.annotations.length }, {
      id: 1, repo: 'acme/app', name: 'mcp-comply', head_sha: SHA, status: 'completed', conclusion: 'failure', details_url: 'https://ci.example/run/9',
      output: { title: 'Drift: 120 new findings at or above high', summary: plan.summary }, annotations: 120,
    });
    assert.deepEqual(run.annotations, plan.annotations, 'every annotation once, in order');
    const completion = fake.requests.at(-1)!.body as Record<string, unknown>;
    assert.deepEqual(Object.keys(completion).sort(), ['conclusion', 'output', 'status']);
    assert.equal(fake.requests.at(-1)!.headers.authorization, 'token [token]');
    assert.deepEqual(log, [], 'nothing to say when the check run is created');
  });

  it('a passing drift: one create and the completion, conclusion success', async () => {
    const start = fake.requests.length;
    const before = fake.written.checkRuns.length;
    await publishCheck(clientFor(fake), TARGET, planWith(0), () => {});
    assert.deepEqual(sequence(fake, start), ['POST /repos/acme/app/check-runs 201', `PATCH /repos/acme/app/check-runs/${before + 1} 200`]);
    assert.deepEqual([fake.written.checkRuns.at(-1)!.status, fake.written.checkRuns.at(-1)!.conclusion], ['completed', 'success']);
  });

  it('a 502 on the create is retried once, then the run is created once', async () => {
    fake.failOnce('/repos/acme/app/check-runs', 502);
    const start = fake.requests.length;
    const runs = fake.written.checkRuns.length;
    const result = await publishCheck(clientFor(fake), TARGET, planWith(3), () => {});
    assert.deepEqual(sequence(fake, start), [
      'POST /repos/acme/app/check-runs 502 +3',
      'POST /repos/acme/app/check-runs 201 +3',
      `PATCH /repos/acme/app/check-runs/${runs + 1} 200`,
    ]);
    assert.equal(fake.written.checkRuns.length, runs + 1);
    assert.equal(result.kind, 'check-run');
  });

  it('an update that keeps failing: the run is still completed, and the error names the request', async () => {
    const runs = fake.written.checkRuns.length;
    const id = runs + 1;
    for (let i = 0; i < 4; i++) fake.failOnce(`/repos/acme/app/check-runs/${id}`, 502);
    const start = fake.requests.length;
    await assert.rejects(publishCheck(clientFor(fake), TARGET, planWith(60), () => {}), (error: unknown) => {
      assert.ok(error instanceof PublishError);
      assert.equal(error.message, `could not update check run ${id}: PATCH /repos/{owner}/{repo}/check-runs/{check_run_id} answered 502 (Server Error)`);
      return true;
    });
    assert.deepEqual(sequence(fake, start), [
      'POST /repos/acme/app/check-runs 201 +50',
      ...Array.from({ length: 4 }, () => `PATCH /repos/acme/app/check-runs/${id} 502 +10`),
      `PATCH /repos/acme/app/check-runs/${id} 200`,
    ]);
    const run = fake.written.checkRuns.at(-1)!;
    assert.deepEqual([run.status, run.conclusion, run.annotations.length], ['completed', 'failure', 50]);
    assert.match(run.output!.summary!, /_Some annotations could not be added: PATCH \/repos\/\{owner\}\/\{repo\}\/check-runs\/\{check_run_id\} answered 502 \(Server Error\)\._\n$/);
  });

  it('a rate-limited 403 on the create is no personal-token refusal: no fallback, the error says so', async () => {
    fake.failOnce('/repos/acme/app/check-runs', 'primary-rate-limit-hour');
    const start = fake.requests.length;
    await assert.rejects(publishCheck(clientFor(fake), TARGET, planWith(1), () => {}), (error: unknown) => {
      assert.ok(error instanceof PublishError);
      assert.match(error.message, /^could not create the check run: POST \/repos\/\{owner\}\/\{repo\}\/check-runs answered 403 \(API rate limit exceeded/);
      return true;
    });
    // GitHub asks to wait an hour: not waited, not retried before then.
    assert.deepEqual(sequence(fake, start).map((r) => r.split(' ').slice(0, 3).join(' ')), ['POST /repos/acme/app/check-runs 403']);
  });

  it('a create answered with a page that is not JSON: an error, and no update of a check run without an id', async () => {
    fake.failOnce('/repos/acme/app/check-runs', 'not-json');
    const start = fake.requests.length;
    await assert.rejects(publishCheck(clientFor(fake), TARGET, planWith(60), () => {}),
      { name: 'PublishError', message: /^could not create the check run: POST \/repos\/\{owner\}\/\{repo\}\/check-runs answered 200 \(the answer is not JSON \(200 with \d+ characters of text\)\)$/ });
    assert.deepEqual(sequence(fake, start).map((r) => r.split(' ').slice(0, 3).join(' ')), ['POST /repos/acme/app/check-runs 200']);
  });

  it('a create answered with JSON that names no check run: an error, and no update', async () => {
    fake.failOnce('/repos/acme/app/check-runs', 'empty-json');
    const start = fake.requests.length;
    await assert.rejects(publishCheck(clientFor(fake), TARGET, planWith(60), () => {}),
      { name: 'PublishError', message: 'could not create the check run: POST /repos/{owner}/{repo}/check-runs answered 201 (the answer names no check run id)' });
    assert.deepEqual(sequence(fake, start).map((r) => r.split(' ').slice(0, 3).join(' ')), ['POST /repos/acme/app/check-runs 201']);
  });

  it('bad credentials: the create answers 401 and nothing else is tried', async () => {
    const start = fake.requests.length;
    await assert.rejects(publishCheck(clientFor(fake, 'ghp_wrong'), TARGET, planWith(1), () => {}),
      { name: 'PublishError', message: 'could not create the check run: POST /repos/{owner}/{repo}/check-runs answered 401 (Bad credentials)' });
    assert.deepEqual(sequence(fake, start), ['POST /repos/acme/app/check-runs 401 +1']);
  });
});

describe('github check: the fallback for a token that cannot create check runs', () => {
  let fake: FakeGitHub;
  before(async () => { fake = await fakeWith({ personalToken: true }); });
  after(() => fake.close());

  it('sets a commit status and comments on the open pull request of the commit, and says so', async () => {
    const plan = planWith(2);
    const log: string[] = [];
    const result = await publishCheck(clientFor(fake), TARGET, plan, (l) => log.push(l));
    assert.deepEqual(sequence(fake), [
      'POST /repos/acme/app/check-runs 403 +2',
      `POST /repos/acme/app/statuses/${SHA} 201`,
      `GET /repos/acme/app/commits/${SHA}/pulls?per_page=100 200`,
      'GET /repos/acme/app/issues/7/comments?per_page=100 200',
      'POST /repos/acme/app/issues/7/comments 201',
    ]);
    assert.deepEqual(fake.written.statuses, [{
      repo: 'acme/app', sha: SHA, state: 'failure', context: 'mcp-comply', description: 'Drift: 2 new findings at or above high', target_url: 'https://ci.example/run/9',
    }]);
    const [comment] = fake.written.comments;
    assert.equal(comment!.issue, 7);
    assert.ok(comment!.body.startsWith(`${commentMarker('mcp-comply')}\n## mcp\\-comply: Drift: 2 new findings at or above high\n\n${plan.summary.split('\n')[0]}`));
    assert.ok(comment!.body.endsWith(plan.summary));
    assert.deepEqual(result, {
      kind: 'fallback', reason: 'POST /repos/{owner}/{repo}/check-runs answered 403 (You must authenticate via a GitHub App.)',
      status: 'failure', comments: [{ pr: 7, action: 'created' }], warnings: [],
    });
    assert.deepEqual(log, [
      'github check: this token cannot create check runs (POST /repos/{owner}/{repo}/check-runs answered 403 (You must authenticate via a GitHub App.)): '
        + 'only a GitHub App can, e.g. GITHUB_TOKEN in Actions with "permissions: checks: write". Publishing a commit status and a pull-request comment instead.',
      'github check: commit status "failure" set on 0123456789ab as "mcp-comply".',
      'github check: created the comment on pull request #7.',
    ]);
  });

  it('the next run edits its comment instead of adding one', async () => {
    const start = fake.requests.length;
    const result = await publishCheck(clientFor(fake), TARGET, planWith(0), () => {});
    assert.deepEqual(sequence(fake, start).slice(-2), ['GET /repos/acme/app/issues/7/comments?per_page=100 200', 'PATCH /repos/acme/app/issues/comments/1000 200']);
    assert.equal(fake.written.comments.length, 1);
    assert.match(fake.written.comments[0]!.body, /^## mcp\\-comply: No drift$/m);
    assert.equal(fake.written.comments[0]!.edits.length, 1);
    assert.deepEqual(fake.written.statuses.at(-1)!.state, 'success');
    assert.deepEqual(result.kind === 'fallback' && result.comments, [{ pr: 7, action: 'updated' }]);
  });

  it('--pr names the pull request: no look-up', async () => {
    const start = fake.requests.length;
    await publishCheck(clientFor(fake), { ...TARGET, sha: 'f'.repeat(40), pr: 8 }, planWith(1), () => {});
    assert.deepEqual(sequence(fake, start).map((r) => r.replace(/ \+\d+$/, '')), [
      'POST /repos/acme/app/check-runs 403', `POST /repos/acme/app/statuses/${'f'.repeat(40)} 201`,
      'GET /repos/acme/app/issues/8/comments?per_page=100 200', 'POST /repos/acme/app/issues/8/comments 201',
    ]);
  });

  it('no open pull request for the commit: the status only, and a warning', async () => {
    const log: string[] = [];
    const result = await publishCheck(clientFor(fake), { ...TARGET, sha: 'e'.repeat(40) }, planWith(1), (l) => log.push(l));
    assert.deepEqual(result.kind === 'fallback' && [result.comments, result.warnings], [[], ['no open pull request has commit eeeeeeeeeeee: no comment written (give --pr N to name one)']]);
    assert.equal(log.at(-1), 'github check: warning: no open pull request has commit eeeeeeeeeeee: no comment written (give --pr N to name one)');
  });

  it('a comment refused: a warning, the status stands', async () => {
    const refusing = await fakeWith({ personalToken: true, forbidComments: true });
    try {
      const result = await publishCheck(clientFor(refusing), TARGET, planWith(1), () => {});
      assert.deepEqual(result.kind === 'fallback' && [result.status, result.comments, result.warnings], ['failure', [], [
        'could not comment on pull request #7: POST /repos/{owner}/{repo}/issues/{issue_number}/comments answered 403 (Resource not accessible by personal access token)',
      ]]);
      assert.equal(refusing.written.statuses.length, 1);
    } finally {
      await refusing.close();
    }
  });

  it('the status refused too: an error with the reason, no comment', async () => {
    const refusing = await fakeWith({ personalToken: true, forbidStatuses: true });
    try {
      await assert.rejects(publishCheck(clientFor(refusing), TARGET, planWith(1), () => {}), {
        name: 'PublishError',
        message: 'could not create the check run, nor the commit status of the fallback: POST /repos/{owner}/{repo}/statuses/{sha} answered 403 (Resource not accessible by personal access token)',
      });
      assert.deepEqual(sequence(refusing).map((r) => r.replace(/ \+\d+$/, '')), ['POST /repos/acme/app/check-runs 403', `POST /repos/acme/app/statuses/${SHA} 403`]);
    } finally {
      await refusing.close();
    }
  });
});

describe('GitHub client: writes', () => {
  let fake: FakeGitHub;
  before(async () => { fake = await fakeWith(); });
  after(() => fake.close());

  it('sends writes one at a time, in the order asked, parameters the route does not name in the body', async () => {
    const client = clientFor(fake);
    const start = fake.requests.length;
    const sent = await Promise.all(['success', 'failure', 'pending', 'error'].map((state) =>
      client.send<{ state: string }>('POST /repos/{owner}/{repo}/statuses/{sha}', { owner: 'acme', repo: 'app', sha: SHA, state, context: 'c' })));
    assert.deepEqual(sent.map((s) => s.state), ['success', 'failure', 'pending', 'error']);
    assert.deepEqual(fake.requests.slice(start).map((r) => r.body), ['success', 'failure', 'pending', 'error'].map((state) => ({ state, context: 'c' })));
    assert.equal(fake.maxInFlight, 1);
    assert.deepEqual(client.calls.map((c) => `${c.route} ${c.status}`), Array.from({ length: 4 }, () => 'POST /repos/{owner}/{repo}/statuses/{sha} 201'));
  });

  it('never retries a 4xx; a write after a failed one still goes out', async () => {
    const client = clientFor(fake);
    const start = fake.requests.length;
    const refused = client.send('POST /repos/{owner}/{repo}/check-runs', { owner: 'acme', repo: 'app', name: 'x' });
    const next = client.send('POST /repos/{owner}/{repo}/statuses/{sha}', { owner: 'acme', repo: 'app', sha: SHA, state: 'success' });
    await assert.rejects(refused, { name: 'GitHubApiError', route: 'POST /repos/{owner}/{repo}/check-runs', status: 422, message: 'Invalid request.\n\nname and head_sha are required.' });
    await next;
    assert.deepEqual(sequence(fake, start), ['POST /repos/acme/app/check-runs 422', `POST /repos/acme/app/statuses/${SHA} 201`]);
  });
});
