/**
 * `mcp-comply github check` through the built CLI against the fake GitHub API on 127.0.0.1: exit codes
 * and conclusions, usage errors, bad credentials, the personal-token fallback. The token never comes out.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Assessment, Finding } from '../../src/engine/assessment.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { BIN, CLI_ENV } from '../helpers/cli.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { sampleAssessment } from '../helpers/sample-assessment.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const TOKEN = ['ghs', 'CLItoken00000000000000000000000000000'].join('_');
const SHA = '89abcdef0123456789abcdef0123456789abcdef';
const outputs: string[] = [];

/** Asynchronous: the fake answers from this process. `GITHUB_TOKEN: undefined` runs without one. */
async function run(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...CLI_ENV, GITHUB_TOKEN: TOKEN, ...env };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  let result: { code: number; stdout: string; stderr: string };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'github', 'check', ...args], { cwd: PACKAGE_ROOT, env: merged });
    result = { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    result = { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
  outputs.push(result.stdout, result.stderr);
  return result;
}

const newFinding: Finding = {
  checkId: 'mcp.supply-chain.unpinned-package', severity: 'high', messageId: 'm', message: 'a new high finding',
  location: { path: 'app/.cursor/mcp.json', line: 4, column: 9 }, fingerprint: '4e3a0b1c2d3e4f5a6b7c8d9e0f1a2b3c', controlIds: ['MCP-SC-01'], evidenceId: 'mcp-config:app',
};

describe('mcp-comply github check (built CLI, fake API)', () => {
  const dir = tempDir('github-check-');
  const files = {
    baseline: '', regressed: '', clean: '',
  };
  let fake: FakeGitHub;
  let personal: FakeGitHub;

  before(async () => {
    const sample = sampleAssessment();
    const regressed: Assessment = { ...sampleAssessment(), findings: [...sample.findings, newFinding] };
    const clean: Assessment = { ...sampleAssessment(), summary: { ...sample.summary, failed: false } };
    files.baseline = write(dir, 'baseline.json', JSON.stringify(sample));
    files.regressed = write(dir, 'regressed.json', JSON.stringify(regressed));
    files.clean = write(dir, 'clean.json', JSON.stringify(clean));
    const repos = [{ name: 'app', pulls: [{ number: 12, head: SHA }] }];
    fake = await startFakeGitHub({ token: TOKEN, org: { login: 'acme' }, repos });
    personal = await startFakeGitHub({ token: TOKEN, org: { login: 'acme' }, repos, personalToken: true });
  });
  after(async () => {
    await fake.close();
    await personal.close();
    const all = outputs.join('\n');
    assert.ok(outputs.length > 0 && !all.includes(TOKEN), 'the token is in no output');
    assert.ok([...fake.requests, ...personal.requests].every((r) => !JSON.stringify(r).includes(TOKEN)));
  });

  const common = ['--repo', 'acme/app', '--sha', SHA];
  // [case, files and flags, exit code, conclusion]
  const cases: Array<[string, () => string[], number, string]> = [
    ['a new high finding since the baseline fails (exit 1)', () => ['--baseline', files.baseline, '--assessment', files.regressed], 1, 'failure'],
    ['no drift succeeds (exit 0)', () => ['--baseline', files.baseline, '--assessment', files.baseline], 0, 'success'],
    ['--report-only: neutral (exit 0)', () => ['--baseline', files.baseline, '--assessment', files.regressed, '--report-only'], 0, 'neutral'],
    ['without a baseline, the assessment\'s failing gate fails', () => ['--assessment', files.baseline], 1, 'failure'],
    ['without a baseline, the assessment\'s passing gate succeeds', () => ['--assessment', files.clean], 0, 'success'],
  ];
  for (const [name, args, code, conclusion] of cases) {
    it(name, async () => {
      const runs = fake.written.checkRuns.length;
      const result = await run([...common, ...args()], { GITHUB_API_URL: fake.apiUrl });
      assert.equal(result.code, code, result.stderr);
      const created = fake.written.checkRuns.slice(runs);
      assert.deepEqual(created.map((r) => [r.name, r.head_sha, r.status, r.conclusion]), [['mcp-comply', SHA, 'completed', conclusion]]);
      assert.match(result.stderr, new RegExp(`^github check: check run "mcp-comply" on acme/app@89abcdef0123 concluded ${conclusion}: .+\\.$`, 'm'));
      assert.equal(result.stdout, '');
    });
  }

  it('annotates the new finding at its path (with --path-prefix) and line, and names the check', async () => {
    const runs = fake.written.checkRuns.length;
    const result = await run([...common, '--baseline', files.baseline, '--assessment', files.regressed, '--path-prefix', 'examples/', '--name', 'MCP drift',
      '--details-url', 'https://ci.example/runs/1'], { GITHUB_API_URL: fake.apiUrl });
    assert.equal(result.code, 1, result.stderr);
    const [created] = fake.written.checkRuns.slice(runs);
    assert.equal(created!.name, 'MCP drift');
    assert.equal(created!.details_url, 'https://ci.example/runs/1');
    assert.deepEqual(created!.annotations, [{
      path: 'examples/app/.cursor/mcp.json', start_line: 4, end_line: 4, start_column: 9, end_column: 9,
      annotation_level: 'failure', message: 'a new high finding', title: 'mcp.supply-chain.unpinned-package',
    }]);
    assert.equal(created!.output!.title, 'Drift: 1 new finding at or above high');
    assert.match(created!.output!.summary!, /^\*\*Drift fails the gate:\*\*/);
  });

  // [case, flags, env, message]
  const usage: Array<[string, string[], Record<string, string | undefined>, RegExp]> = [
    ['no GITHUB_TOKEN', [], { GITHUB_TOKEN: undefined }, /^mcp-comply: github check needs a token in GITHUB_TOKEN/m],
    ['an empty GITHUB_TOKEN', [], { GITHUB_TOKEN: '' }, /^mcp-comply: github check needs a token in GITHUB_TOKEN/m],
    ['--repo without a slash', ['--repo', 'acme'], {}, /^mcp-comply: --repo "acme" is not owner\/name$/m],
    ['--repo with a path', ['--repo', 'acme/app/x'], {}, /^mcp-comply: --repo "acme\/app\/x" is not owner\/name$/m],
    ['--sha too short', ['--sha', 'abc123'], {}, /^mcp-comply: --sha "abc123" is not a commit SHA \(40 hex digits\)$/m],
    ['--details-url javascript:', ['--details-url', 'javascript:alert(1)'], {}, /^mcp-comply: --details-url "javascript:alert\(1\)" is not an http\(s\) URL$/m],
    ['--path-prefix climbing out', ['--path-prefix', '../other'], {}, /^mcp-comply: --path-prefix "\.\.\/other" must be a folder inside the repository/m],
    ['--pr not a number', ['--pr', '12a'], {}, /^mcp-comply: --pr "12a" is not a pull request number$/m],
    ['--fail-on unknown', ['--fail-on', 'severe'], {}, /error: option '--fail-on <severity>' argument 'severe' is invalid/],
  ];
  for (const [name, flags, env, message] of usage) {
    it(`${name}: exit 2 before any request`, async () => {
      const start = fake.requests.length;
      const result = await run(['--assessment', files.baseline, ...common, ...flags], { GITHUB_API_URL: fake.apiUrl, ...env });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.equal(fake.requests.length, start);
    });
  }

  it('a bad token: exit 2 naming the request and its status', async () => {
    const result = await run([...common, '--assessment', files.baseline, '--verbose'], { GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: 'ghp_notTheRightToken000000000000000000' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^github: POST \/repos\/\{owner\}\/\{repo\}\/check-runs 401 \(rate limit \d+ left\)$/m);
    assert.match(result.stderr, /^mcp-comply: github check on acme\/app@89abcdef0123: could not create the check run: POST \/repos\/\{owner\}\/\{repo\}\/check-runs answered 401 \(Bad credentials\)$/m);
    assert.match(result.stderr, /^mcp-comply: GitHub refused the token \(401\): set GITHUB_TOKEN to a valid token\.$/m);
    assert.ok(!result.stderr.includes('ghp_notTheRightToken'));
  });

  it('a personal token: a commit status and a comment instead, and stderr says so', async () => {
    const result = await run([...common, '--baseline', files.baseline, '--assessment', files.regressed], { GITHUB_API_URL: personal.apiUrl });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^github check: this token cannot create check runs \(POST \/repos\/\{owner\}\/\{repo\}\/check-runs answered 403 \(You must authenticate via a GitHub App\.\)\): only a GitHub App can/m);
    assert.match(result.stderr, /^github check: commit status "failure" set on 89abcdef0123 as "mcp-comply"\.$/m);
    assert.match(result.stderr, /^github check: created the comment on pull request #12\.$/m);
    assert.match(result.stderr, /^github check: no check run \(the token cannot create one\); commit status failure and 1 pull-request comment\(s\) on acme\/app@89abcdef0123: Drift: 1 new finding at or above high\.$/m);
    assert.deepEqual(personal.written.statuses.map((s) => [s.sha, s.state, s.context, s.description]), [[SHA, 'failure', 'mcp-comply', 'Drift: 1 new finding at or above high']]);
    assert.deepEqual(personal.written.comments.map((c) => c.issue), [12]);
  });

  it('a personal token whose status is refused too: exit 2 with the reason', async () => {
    const refusing = await startFakeGitHub({ token: TOKEN, org: { login: 'acme' }, repos: [{ name: 'app' }], personalToken: true, forbidStatuses: true });
    try {
      const result = await run([...common, '--assessment', files.baseline], { GITHUB_API_URL: refusing.apiUrl });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^mcp-comply: github check on acme\/app@89abcdef0123: could not create the check run, nor the commit status of the fallback: POST \/repos\/\{owner\}\/\{repo\}\/statuses\/\{sha\} answered 403 \(Resource not accessible by personal access token\)$/m);
    } finally {
      await refusing.close();
    }
  });

  it('--github-api-url wins over GITHUB_API_URL', async () => {
    const runs = fake.written.checkRuns.length;
    const result = await run([...common, '--assessment', files.clean, '--github-api-url', fake.apiUrl], { GITHUB_API_URL: 'http://127.0.0.1:9/nothing' });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(fake.written.checkRuns.length, runs + 1);
  });

  it('a baseline given as --assessment is refused', async () => {
    const slim = write(dir, 'slim.json', JSON.stringify({ ...JSON.parse(JSON.stringify(sampleAssessment())), kind: 'mcp-comply-baseline' }));
    const result = await run([...common, '--assessment', slim], { GITHUB_API_URL: fake.apiUrl });
    assert.equal(result.code, 2);
    assert.match(result.stderr, new RegExp(`${path.basename(slim)} is a baseline: give the current assessment\\.json as --assessment`));
  });
});
