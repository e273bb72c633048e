/**
 * Planted secrets (generated at test time into a temp folder, never stored in the repository): each is
 * found, recorded as {field, kind} and replaced by REDACTED, and no secret value appears anywhere in
 * the JSON of the collected evidence, including the messages of unreadable files.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REDACTED } from '../../../src/evidence/secrets.js';
import { tempDir } from '../../helpers/temp-catalog.js';
import { collect, configAt, serverNamed, unreadableAt, write } from './helpers.js';

/** Random alphanumeric text: a fresh body per run (no x/X, so it can never read as an `xxx` placeholder). */
function random(n: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWYZabcdefghijklmnopqrstuvwyz0123456789';
  return [...crypto.randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
}

const planted = {
  github: 'ghp_' + random(36),
  anthropic: 'sk-ant-api03-' + random(40),
  password: random(18),
  apiKey: random(32),
  flagToken: random(28),
  aws: 'AKIA' + random(16).toUpperCase().replace(/[^A-Z0-9]/g, 'X'),
  dbPassword: random(24),
  slack: 'xoxb-' + '1234567890-' + random(24),
  basicPair: 'admin:admin',
  privateKey: '-----BEGIN ' + 'PRIVATE KEY-----\n' + random(64) + '\n-----END PRIVATE KEY-----',
  jwt: 'eyJ' + random(24) + '.eyJ' + random(32) + '.' + random(43),
  queryKey: random(30),
  commandToken: 'ghp_' + random(36),
  codexBearer: random(40),
  codexOpenai: 'sk-proj-' + random(48),
  continueToken: 'ghp_' + random(36),
  serverJsonDefault: random(26),
  zedKey: random(32),
  brokenJson: 'ghp_' + random(36),
  brokenToml: 'glpat-' + random(24),
  brokenYaml: 'hf_' + random(34),
};
const basic = Buffer.from(planted.basicPair).toString('base64');

function plant(): string {
  const root = tempDir('mcp-config-secrets-');
  write(root, '.mcp.json', JSON.stringify({
    mcpServers: {
      leaky: {
        command: `env GITHUB_TOKEN=${planted.commandToken} npx -y leaky-mcp@1.0.0`,
        args: [`--api-key=${planted.apiKey}`, '--token', planted.flagToken, '-e', `SLACK_TOKEN=${planted.slack}`],
        env: {
          GITHUB_TOKEN: planted.github, AWS_ACCESS_KEY_ID: planted.aws, DB_PASSWORD: planted.dbPassword,
          TLS_KEY: planted.privateKey, LOG_LEVEL: 'debug', API_TOKEN: '${API_TOKEN}',
        },
      },
      remote: {
        type: 'http',
        url: `https://deploy:${planted.password}@mcp.example.com/mcp?api_key=${planted.queryKey}&region=eu`,
        headers: { Authorization: `Bearer ${planted.anthropic}`, 'X-Session': planted.jwt, 'Proxy-Authorization': `Basic ${basic}`, Accept: 'application/json' },
      },
    },
  }, null, 2));
  write(root, '.codex/config.toml', [
    '[mcp_servers.remote]', 'url = "https://mcp.example.com/mcp"', `bearer_token = "${planted.codexBearer}"`, '',
    '[mcp_servers.local]', 'command = "uvx"', 'args = ["openai-mcp"]', '', '[mcp_servers.local.env]', `OPENAI_API_KEY = "${planted.codexOpenai}"`, '',
  ].join('\n'));
  write(root, '.continue/config.yaml', [
    'mcpServers:', '  - uses: acme/github-mcp', '    with:', `      GITHUB_TOKEN: ${planted.continueToken}`, '',
  ].join('\n'));
  write(root, 'server.json', JSON.stringify({
    $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
    name: 'io.github.example/leaky', version: '1.0.0',
    packages: [{ registryType: 'npm', identifier: 'leaky', version: '1.0.0', environmentVariables: [{ name: 'LEAKY_KEY', isSecret: true, default: planted.serverJsonDefault }] }],
  }, null, 2));
  write(root, '.zed/settings.json', JSON.stringify({ context_servers: { brave: { source: 'extension', settings: { brave_api_key: planted.zedKey } } } }, null, 2));
  write(root, 'broken/.cursor/mcp.json', `{\n  "mcpServers": {\n    "x": { "env": { "GITHUB_TOKEN": "${planted.brokenJson}" } }\n    "y": {}\n  }\n}\n`);
  write(root, 'broken/.codex/config.toml', `[mcp_servers.x]\nenv = { TOKEN = "${planted.brokenToml} }\n`);
  write(root, 'broken/.continue/config.yaml', `mcpServers:\n  - name: x\n    env: { HF_TOKEN: ${planted.brokenYaml}\n`);
  return root;
}

describe('planted secrets', async () => {
  const root = plant();
  const items = await collect(root);
  const json = JSON.stringify(items);

  it('no secret value appears anywhere in the evidence', () => {
    for (const [name, value] of Object.entries(planted)) {
      assert.ok(!json.includes(value), `${name} leaked`);
      // Not even its random body (the part after a fixed prefix).
      const bodyPart = value.replace(/^(ghp_|sk-ant-api03-|sk-proj-|AKIA|xoxb-1234567890-|glpat-|hf_|-----BEGIN PRIVATE KEY-----\n)/, '').slice(0, 16);
      if (name !== 'basicPair') assert.ok(!json.includes(bodyPart), `${name} leaked in part`);
    }
    assert.ok(!json.includes(basic), 'the Basic credential leaked');
  });

  it('records each secret as {field, kind} and replaces the value', () => {
    const file = configAt(items, '.mcp.json');
    const leaky = serverNamed(file, 'leaky');
    assert.deepEqual(leaky.secrets, [
      { field: 'args/0', kind: 'github-token' },
      { field: 'args/4', kind: 'high-entropy-secret' },
      { field: 'args/6', kind: 'high-entropy-secret' },
      { field: 'args/8', kind: 'slack-token' },
      { field: 'env/GITHUB_TOKEN', kind: 'github-token' },
      { field: 'env/AWS_ACCESS_KEY_ID', kind: 'aws-access-key' },
      { field: 'env/DB_PASSWORD', kind: 'high-entropy-secret' },
      { field: 'env/TLS_KEY', kind: 'private-key' },
    ]);
    assert.equal(leaky.command, 'env');
    assert.deepEqual(leaky.args, [REDACTED, 'npx', '-y', 'leaky-mcp@1.0.0', REDACTED, '--token', REDACTED, '-e', REDACTED]);
    assert.deepEqual(leaky.env, {
      GITHUB_TOKEN: REDACTED, AWS_ACCESS_KEY_ID: REDACTED, DB_PASSWORD: REDACTED, TLS_KEY: REDACTED, LOG_LEVEL: 'debug', API_TOKEN: '${API_TOKEN}',
    });
    assert.deepEqual(leaky.interpolations, ['${API_TOKEN}']);
  });

  it('redacts only the password and the secret query value of a URL, so the host stays visible', () => {
    const remote = serverNamed(configAt(items, '.mcp.json'), 'remote');
    assert.equal(remote.url, `https://deploy:${REDACTED}@mcp.example.com/mcp?api_key=${REDACTED}&region=eu`);
    assert.deepEqual(remote.headers, { Authorization: REDACTED, 'X-Session': REDACTED, 'Proxy-Authorization': REDACTED, Accept: 'application/json' });
    assert.deepEqual(remote.secrets, [
      { field: 'headers/Authorization', kind: 'anthropic-key' },
      { field: 'headers/X-Session', kind: 'jwt' },
      { field: 'headers/Proxy-Authorization', kind: 'basic-auth' },
      { field: 'url', kind: 'url-credentials', part: 'userinfo' },
      { field: 'url', kind: 'high-entropy-secret', part: 'query parameter "api_key"' },
    ]);
    assert.equal(remote.transport, 'streamable-http');
  });

  it('finds secrets in Codex, Continue, server.json and Zed files', () => {
    const codex = configAt(items, '.codex/config.toml');
    assert.deepEqual(serverNamed(codex, 'remote').secrets, [{ field: 'headers/Authorization', kind: 'bearer-token' }]);
    assert.deepEqual(serverNamed(codex, 'remote').headers, { Authorization: REDACTED });
    assert.deepEqual(serverNamed(codex, 'remote').positions['headers/Authorization'], { line: 3, column: 16 });
    assert.deepEqual(serverNamed(codex, 'local').secrets, [{ field: 'env/OPENAI_API_KEY', kind: 'openai-key' }]);
    assert.deepEqual(serverNamed(configAt(items, '.continue/config.yaml'), 'acme/github-mcp').secrets, [{ field: 'with/GITHUB_TOKEN', kind: 'github-token' }]);
    const pkg = configAt(items, 'server.json').servers[0]!;
    assert.deepEqual([pkg.env, pkg.secrets], [{ LEAKY_KEY: REDACTED }, [{ field: 'env/LEAKY_KEY', kind: 'declared-secret' }]]);
    assert.deepEqual(serverNamed(configAt(items, '.zed/settings.json'), 'brave').secrets, [{ field: 'settings/brave_api_key', kind: 'high-entropy-secret' }]);
  });

  it('reports unparsable files with positions but without quoting them', () => {
    assert.deepEqual(unreadableAt(items, 'broken/.cursor/mcp.json'), {
      path: 'broken/.cursor/mcp.json', code: 'parse-error', reason: 'cannot be parsed as JSON: comma expected', line: 4, column: 5,
    });
    assert.equal(unreadableAt(items, 'broken/.codex/config.toml').code, 'parse-error');
    assert.equal(unreadableAt(items, 'broken/.continue/config.yaml').code, 'parse-error');
  });

  it('leaves the planted files untouched (the collector only reads)', () => {
    assert.ok(fs.readFileSync(path.join(root, '.mcp.json'), 'utf8').includes(planted.github));
  });
});
