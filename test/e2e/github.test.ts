/**
 * End-to-end through the built CLI (dist/) against the fake GitHub API on 127.0.0.1: an organisation
 * assessed whole, and the same organisation collected in two shards and assessed from both bundles
 * (what the reusable workflow does) gives the same GitHub results. The token never comes out.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Assessment } from '../../src/engine/assessment.js';
import { runCliAsync } from '../helpers/cli.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { tempDir } from '../helpers/temp-catalog.js';

const TOKEN = ['ghp', 'E2Etoken0000000000000000000000000000'].join('_');
const SCANNING = { enabled: true, pushProtection: true };

const run = (args: string[], apiUrl: string) => runCliAsync(args, { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: apiUrl });

const readAssessment = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'assessment.json'), 'utf8')) as Assessment;

/** The GitHub checks' results, independent of which bundle an item came from. */
function githubResults(a: Assessment) {
  return a.checks.filter((c) => c.id.startsWith('github.'))
    .map((c) => ({ id: c.id, status: c.status, results: c.results.map((r) => `${r.status} ${r.fingerprint} ${r.message}`).sort() }));
}

describe('mcp-comply with --github-org (built CLI, fake API)', () => {
  let fake: FakeGitHub;
  const empty = tempDir();

  before(async () => {
    fake = await startFakeGitHub({
      token: TOKEN,
      org: { login: 'acme', owner: true, twoFactorRequired: false, workflowDefault: 'read' },
      repos: [
        ...Array.from({ length: 10 }, (_, i) => ({ name: `svc-${i}`, classic: { reviews: 1 }, secretScanning: SCANNING, dependabot: {}, files: ['SECURITY.md', '.github/CODEOWNERS'] })),
        { name: 'rules-only', classic: null, secretScanning: SCANNING, dependabot: {}, rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 2 } }] },
        { name: 'open', classic: null, dependabot: { critical: 1, high: 2 }, secretScanning: { enabled: false }, workflowDefault: 'write' as const },
        { name: 'old', archived: true },
      ],
    });
  });
  after(() => fake.close());

  it('assesses the organisation: findings where settings are weak, the ruleset-only repository protected', async () => {
    const out = tempDir();
    const result = await run(['assess', empty, '--github-org', 'acme', '--out', out], fake.apiUrl);
    assert.equal(result.code, 1, result.stderr);
    const a = readAssessment(out);
    const failing = (id: string) => a.findings.filter((f) => f.checkId === id).map((f) => f.location.path);
    assert.deepEqual(failing('github.org.mfa-not-required'), ['github:acme']);
    assert.deepEqual(failing('github.branch-protection.missing'), ['github:acme/open']);
    assert.deepEqual(failing('github.secret-scanning.disabled'), ['github:acme/open']);
    assert.ok(!a.evidence.items.some((i) => i.id === 'github-repo:acme/old'), 'archived repositories are skipped');
    assert.match(result.stderr, /^github: \d+ calls \(0 answered 304 from the ETag cache\) for organisation acme and 12 repositories; rate limit \d+ left$/m);
    assert.doesNotMatch(result.stderr, /GET \/repos/, 'the request log is for --verbose');
    assert.ok(!JSON.stringify(a).includes(TOKEN) && !result.stdout.includes(TOKEN) && !result.stderr.includes(TOKEN));
  });

  it('two shards, assessed together from their bundles, give the same GitHub results as one run', async () => {
    const whole = tempDir();
    await run(['assess', empty, '--github-org', 'acme', '--out', whole], fake.apiUrl);
    const shards = [tempDir(), tempDir()];
    for (const [i, dir] of shards.entries()) {
      const result = await run(['collect', empty, '--github-org', 'acme', '--github-shard', `${i + 1}/2`, '--out', dir, '--verbose'], fake.apiUrl);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /GET \/orgs\/\{org\}\/repos/);
      assert.ok(!result.stderr.includes(TOKEN));
    }
    const merged = tempDir();
    const result = await run(['assess', '--evidence', ...shards, '--out', merged], fake.apiUrl);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(githubResults(readAssessment(merged)), githubResults(readAssessment(whole)));
    const ids = readAssessment(merged).evidence.items.map((i) => i.id).filter((id) => id.startsWith('github-repo:'));
    assert.equal(ids.length, 12);
  });
});
