/**
 * `mcp-comply github check` end to end through the built CLI, against the fake GitHub API on 127.0.0.1,
 * in a real git repository: an estate assessed and its baseline committed, then a commit that adds a
 * server over plain HTTP, assessed again: drift fails and the check run on that commit fails with
 * annotations at the exact line of the change; the commit that reverts it gives success.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCliAsync } from '../helpers/cli.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const TOKEN = ['ghs', 'E2ECHECKtoken000000000000000000000000'].join('_');

const SAFE = `{
  "mcpServers": {
    "docs": {
      "command": "npx",
      "args": ["-y", "@acme/docs-mcp@1.2.3"]
    }
  }
}
`;
/** The change under review: a remote server over plain HTTP (two high findings on line 8). */
const CHANGED = `{
  "mcpServers": {
    "docs": {
      "command": "npx",
      "args": ["-y", "@acme/docs-mcp@1.2.3"]
    },
    "crm": {
      "url": "http://crm.example.com/mcp"
    }
  }
}
`;

const cli = (args: string[], apiUrl: string) => runCliAsync(args, { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: apiUrl });
const GIT_IDENTITY = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];

describe('mcp-comply github check (built CLI, a planted regression)', () => {
  const repo = tempDir('github-check-e2e-');
  const estate = path.join(repo, 'services', 'agent');
  const config = path.join(estate, '.cursor', 'mcp.json');
  const baseline = path.join(repo, '.mcp-comply', 'baseline.json');
  let fake: FakeGitHub;
  const git = (...args: string[]) => execFileSync('git', [...GIT_IDENTITY, ...args], { cwd: repo, encoding: 'utf8' }).trim();
  /** Commits everything and returns the commit's SHA. */
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };

  /** Assesses the estate into a new folder and returns its assessment.json. */
  async function assess(expectedCode: number): Promise<string> {
    const out = tempDir('github-check-out-');
    const result = await cli(['assess', estate, '--out', out], fake.apiUrl);
    assert.equal(result.code, expectedCode, result.stderr);
    return path.join(out, 'assessment.json');
  }

  before(async () => {
    fake = await startFakeGitHub({ token: TOKEN, org: { login: 'acme' }, repos: [{ name: 'agent' }] });
    git('init', '-q', '-b', 'main');
    write(estate, '.cursor/mcp.json', SAFE);
    const first = await assess(0);
    const update = await cli(['baseline', 'update', '--assessment', first, '--output', baseline], fake.apiUrl);
    assert.equal(update.code, 0, update.stderr);
    commit('The estate and its baseline');
  });
  after(() => fake.close());

  const check = (assessment: string, sha: string) => cli(['github', 'check', '--assessment', assessment, '--baseline', baseline,
    '--repo', 'acme/agent', '--sha', sha, '--path-prefix', 'services/agent'], fake.apiUrl);

  it('the change fails drift (exit 1) and the check, with annotations at the exact path and line', async () => {
    fs.writeFileSync(config, CHANGED);
    const sha = commit('Add the CRM server');
    const assessment = await assess(1);
    const drift = await cli(['drift', baseline, assessment], fake.apiUrl);
    assert.equal(drift.code, 1, drift.stderr);
    assert.match(drift.stdout, /mcp\.transport\.plaintext-http/);

    const result = await check(assessment, sha);
    assert.equal(result.code, 1, result.stderr);
    const run = fake.written.checkRuns.at(-1)!;
    assert.deepEqual([run.head_sha, run.status, run.conclusion], [sha, 'completed', 'failure']);
    // The new server also breaks the control that check decides (pass -> fail), and its requirements. Its
    // authorization is negotiated by Cursor at runtime: not observed, so no finding of remote-without-auth.
    assert.match(run.output!.title!, /^Drift: 1 control regressed, \d+ requirements regressed, 1 new finding at or above high$/);
    assert.match(run.output!.summary!, /^### Regressed controls \(1\)$/m);
    assert.deepEqual(run.annotations.map((a) => [a.path, a.start_line, a.end_line, a.start_column, a.annotation_level, a.title]), [
      ['services/agent/.cursor/mcp.json', 8, 8, 14, 'failure', 'mcp.transport.plaintext-http'],
    ]);
    // The annotation's path:line:column, read from the commit in git, is the plain-HTTP URL of the change.
    const line = git('show', `${sha}:${run.annotations[0]!.path}`).split('\n')[7]!;
    assert.equal(line.slice(13), '"http://crm.example.com/mcp"');
    assert.match(result.stderr, new RegExp(`^github check: check run "mcp-comply" on acme/agent@${sha.slice(0, 12)} concluded failure: Drift: [^;]+; 1 annotation\\(s\\) in 2 request\\(s\\)`, 'm'));
    assert.ok(!result.stderr.includes(TOKEN) && !result.stdout.includes(TOKEN));
  });

  it('reverting the change gives no drift (exit 0) and a successful check, with no annotation', async () => {
    git('revert', '--no-edit', 'HEAD');
    const sha = git('rev-parse', 'HEAD');
    assert.equal(fs.readFileSync(config, 'utf8'), SAFE);
    const assessment = await assess(0);
    assert.equal((await cli(['drift', baseline, assessment], fake.apiUrl)).code, 0);
    const result = await check(assessment, sha);
    assert.equal(result.code, 0, result.stderr);
    const run = fake.written.checkRuns.at(-1)!;
    assert.deepEqual([run.head_sha, run.status, run.conclusion, run.output?.title, run.annotations.length], [sha, 'completed', 'success', 'No drift', 0]);
  });
});
