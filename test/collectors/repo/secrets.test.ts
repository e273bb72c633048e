/**
 * Committed secrets: found by kind and place in tracked text files, never copied. Every planted
 * value is built at run time and must appear nowhere in the evidence or in any check result.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check as codeowners } from '../../../src/checks/repo/repo.codeowners.missing.js';
import { check as lockfile } from '../../../src/checks/repo/repo.dependencies.lockfile-missing.js';
import { check as updates } from '../../../src/checks/repo/repo.dependency-updates.unconfigured.js';
import { check as permissions } from '../../../src/checks/repo/repo.ci.excessive-permissions.js';
import { check as unpinned } from '../../../src/checks/repo/repo.ci.unpinned-action.js';
import { check as committed } from '../../../src/checks/repo/repo.secrets.committed.js';
import { check as policy } from '../../../src/checks/repo/repo.security-policy.missing.js';
import { MAX_SECRET_FINDINGS } from '../../../src/collectors/repo/model.js';
import { scanTextForSecrets } from '../../../src/collectors/repo/secrets-scan.js';
import { runCheck } from '../../helpers/run-check.js';
import { collect, fakeToken, gitRepo, onlyRepository } from './helpers.js';

const REPO_CHECKS = [policy, codeowners, lockfile, updates, unpinned, permissions, committed];

const GITHUB_TOKEN = fakeToken('ghp_', 36, 7);
const AWS_KEY = `AKIA${fakeToken('', 16, 5).toUpperCase()}`;
const DB_PASSWORD = fakeToken('', 24, 3);
const API_KEY = fakeToken('', 28, 11);
const CLIENT_SECRET = fakeToken('', 32, 13);
const PLANTED = [GITHUB_TOKEN, AWS_KEY, DB_PASSWORD, API_KEY, CLIENT_SECRET];

function assertNoLeak(text: string): void {
  for (const value of PLANTED) assert.ok(!text.includes(value), `a planted secret leaked: ${value.slice(0, 4)}...`);
}

describe('repo collector: committed secrets', () => {
  it('finds token shapes anywhere and literal values under secret-named keys, by kind and place only', async () => {
    const root = gitRepo({
      'src/config.ts': `export const config = {\n  owner: 'northwind',\n  token: process.env.GITHUB_TOKEN ?? "${GITHUB_TOKEN}",\n};\n`,
      '.env': `# local\nAPI_URL=https://api.example\nDB_PASSWORD=${DB_PASSWORD}\r\nAPI_TOKEN=\${API_TOKEN}\n`,
      'config.json': `{ "author": "dev@example.com", "apiKey": "${API_KEY}", "password": "changeme" }\n`,
      'deploy/settings.yaml': `aws:\n  access_key_id: ${AWS_KEY}\n  client_secret: "${CLIENT_SECRET}"\n  token: YOUR_TOKEN_HERE\n`,
      'keys/deploy.pem': '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
      'README.md': 'Set GITHUB_TOKEN=<your token> and password: ******** before running.\n',
    });
    const items = await collect({ root });
    const repo = onlyRepository(items);
    assert.deepEqual(repo.secrets, {
      total: 6,
      findings: [
        { path: '.env', line: 3, column: 13, kind: 'high-entropy-secret' },
        { path: 'config.json', line: 1, column: 43, kind: 'high-entropy-secret' },
        { path: 'deploy/settings.yaml', line: 2, column: 18, kind: 'aws-access-key' },
        { path: 'deploy/settings.yaml', line: 3, column: 19, kind: 'high-entropy-secret' },
        { path: 'keys/deploy.pem', line: 1, column: 1, kind: 'private-key' },
        { path: 'src/config.ts', line: 3, column: 39, kind: 'github-token' },
      ],
    });
    assertNoLeak(JSON.stringify(items));
    const results = REPO_CHECKS.flatMap((check) => runCheck(check, items));
    assert.equal(results.filter((r) => r.messageId === 'committed-secret').length, 6);
    assertNoLeak(JSON.stringify(results));
  });

  it('passes over binaries, non-UTF-8 text, lockfiles and files over 2 MiB, and counts them', async () => {
    const line = `DB_PASSWORD=${DB_PASSWORD}\n`;
    const repo = onlyRepository(await collect({
      root: gitRepo({
        'image.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]), Buffer.from(line)]),
        'latin1.txt': Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9, 0x0a]), Buffer.from(line)]),
        'package-lock.json': `{ "password": "${DB_PASSWORD}" }`,
        'big.txt': 'x'.repeat(2 * 1024 * 1024) + '\n' + line,
        'small.txt': 'nothing here\n',
      }),
    }));
    assert.equal(repo.secrets.total, 0);
    assert.deepEqual(repo.files, {
      listed: 5, scanned: 1,
      skipped: [{ reason: 'binary', count: 1 }, { reason: 'lockfile', count: 1 }, { reason: 'not-utf8', count: 1 }, { reason: 'too-large', count: 1 }],
    });
  });

  it(`lists at most ${MAX_SECRET_FINDINGS} findings per repository and keeps counting`, async () => {
    // Random values that happen to look like placeholders (a run of "xxx") are left out of the fixture.
    const lines = Array.from({ length: MAX_SECRET_FINDINGS + 200 }, (_, i) => `SECRET_${i}=${fakeToken('', 20, i + 1)}`)
      .filter((line) => scanTextForSecrets(line).length === 1).slice(0, MAX_SECRET_FINDINGS + 100);
    const items = await collect({ root: gitRepo({ 'many.env': lines.join('\n') }) });
    const { secrets } = onlyRepository(items);
    assert.equal(secrets.total, MAX_SECRET_FINDINGS + 100);
    assert.equal(secrets.findings.length, MAX_SECRET_FINDINGS);
    const summary = runCheck(committed, items).filter((r) => r.messageId === 'more-secrets');
    assert.deepEqual(summary.map((r) => r.data), [{ repository: 'the assessed root', total: 600, listed: 500 }]);
  });
});

describe('scanTextForSecrets', () => {
  const kinds = (text: string) => scanTextForSecrets(text).map((h) => `${h.line}:${h.column} ${h.kind}`);

  it('judges values, not expressions, under secret-named keys', () => {
    assert.deepEqual(kinds([
      'token = getToken(request)',
      'password: process.env.DB_PASSWORD',
      'session_timeout_ms: 300000',
      `auth: { "token": "${API_KEY}" }`,
      `export CLIENT_SECRET='${CLIENT_SECRET}'`,
      "type WorkflowToken = GitHubOrgEvidence['workflowTokenPermissions'];",
      'const apiKey = deriveKeyFromSecretStore(vault);',
    ].join('\n')), ['4:19 high-entropy-secret', '5:23 high-entropy-secret']);
  });

  it('a session identifier is not a credential; a session secret is', () => {
    assert.deepEqual(kinds([
      '{"session":"d3ac94af0f21ddb6","sessionId":"9f1c2e7a4b3d4e8fa1c6"}',
      `SESSION_SECRET=${CLIENT_SECRET}`,
    ].join('\n')), ['2:16 high-entropy-secret']);
  });

  it('finds each secret once when a pattern and a key both see it', () => {
    assert.deepEqual(kinds(`GITHUB_TOKEN=${GITHUB_TOKEN}`), ['1:14 github-token']);
  });
});
