/**
 * `mcp-comply github check` end to end through the built CLI, against the fake GitHub API on 127.0.0.1:
 * an estate assessed and its baseline committed, then a change that adds a server over plain HTTP and
 * assessed again: the check run fails with annotations at the exact line of the change; without the
 * change the check succeeds.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCliAsync } from '../helpers/cli.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const TOKEN = ['ghs', 'E2ECHECKtoken000000000000000000000000'].join('_');
const SHA = 'c0ffee0000000000000000000000000000c0ffee';

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

describe('mcp-comply github check (built CLI, a planted regression)', () => {
  const repo = tempDir('github-check-e2e-');
  const estate = path.join(repo, 'services', 'agent');
  const config = path.join(estate, '.cursor', 'mcp.json');
  const baseline = path.join(repo, '.mcp-comply', 'baseline.json');
  let fake: FakeGitHub;

  /** Assesses the estate into a new folder and returns its assessment.json. */
  async function assess(expectedCode: number): Promise<string> {
    const out = tempDir('github-check-out-');
    const result = await cli(['assess', estate, '--out', out], fake.apiUrl);
    assert.equal(result.code, expectedCode, result.stderr);
    return path.join(out, 'assessment.json');
  }

  before(async () => {
    fake = await startFakeGitHub({ token: TOKEN, org: { login: 'acme' }, repos: [{ name: 'agent' }] });
    write(estate, '.cursor/mcp.json', SAFE);
    const first = await assess(0);
    const update = await cli(['baseline', 'update', '--assessment', first, '--output', baseline], fake.apiUrl);
    assert.equal(update.code, 0, update.stderr);
  });
  after(() => fake.close());

  const check = (assessment: string) => cli(['github', 'check', '--assessment', assessment, '--baseline', baseline,
    '--repo', 'acme/agent', '--sha', SHA, '--path-prefix', 'services/agent'], fake.apiUrl);

  it('the change fails the check, with annotations at the exact path and line', async () => {
    fs.writeFileSync(config, CHANGED);
    const result = await check(await assess(1));
    assert.equal(result.code, 1, result.stderr);
    const run = fake.written.checkRuns.at(-1)!;
    assert.deepEqual([run.head_sha, run.status, run.conclusion], [SHA, 'completed', 'failure']);
    // The new server also breaks the controls those checks decide (pass -> fail), and their requirements.
    assert.match(run.output!.title!, /^Drift: 2 controls regressed, \d+ requirements regressed, 2 new findings at or above high$/);
    assert.match(run.output!.summary!, /^### Regressed controls \(2\)$/m);
    assert.deepEqual(run.annotations.map((a) => [a.path, a.start_line, a.end_line, a.start_column, a.annotation_level, a.title]), [
      ['services/agent/.cursor/mcp.json', 8, 8, 14, 'failure', 'mcp.auth.remote-without-auth'],
      ['services/agent/.cursor/mcp.json', 8, 8, 14, 'failure', 'mcp.transport.plaintext-http'],
    ]);
    // The annotation's path:line:column, read in the repository, is the plain-HTTP URL of the change.
    const line = fs.readFileSync(path.join(repo, String(run.annotations[0]!.path)), 'utf8').split('\n')[7]!;
    assert.equal(line.slice(13), '"http://crm.example.com/mcp"');
    assert.match(result.stderr, /^github check: check run "mcp-comply" on acme\/agent@c0ffee000000 concluded failure: Drift: [^;]+; 2 annotation\(s\) in 2 request\(s\)/m);
    assert.ok(!result.stderr.includes(TOKEN) && !result.stdout.includes(TOKEN));
  });

  it('without the change the check succeeds, with no annotation', async () => {
    fs.writeFileSync(config, SAFE);
    const result = await check(await assess(0));
    assert.equal(result.code, 0, result.stderr);
    const run = fake.written.checkRuns.at(-1)!;
    assert.deepEqual([run.status, run.conclusion, run.output?.title, run.annotations.length], ['completed', 'success', 'No drift', 0]);
  });
});
