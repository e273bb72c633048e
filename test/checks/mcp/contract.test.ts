/**
 * What every MCP configuration check promises: one file per id, named after it; complete-sentence
 * messages whose placeholders are always filled; no results without evidence (not_observed); and
 * never a secret, env value, header value or URL userinfo/query in any result.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SEVERITIES } from '../../../src/catalog/model.js';
import { CHECK_IDS } from '../../../src/checks/ids.js';
import type { Check } from '../../../src/checks/types.js';
import { PACKAGE_ROOT } from '../../../src/lib/package-root.js';
import { advisoryItem, configItem } from '../../helpers/mcp-evidence.js';
import { renderMessage, runCheck } from '../../helpers/run-check.js';

const IDS = [
  'mcp.transport.plaintext-http', 'mcp.transport.tls-verification-disabled', 'mcp.transport.deprecated-sse',
  'mcp.auth.remote-without-auth', 'mcp.secrets.inline-credential', 'mcp.supply-chain.unpinned-package',
  'mcp.supply-chain.unpinned-image', 'mcp.supply-chain.known-vulnerable', 'mcp.access.broad-filesystem-root',
  'mcp.network.bind-all-interfaces', 'mcp.container.privileged', 'mcp.oversight.auto-approve', 'mcp.gateway.insecure-flag',
  'mcp.oversight.approval-bypass',
] as const;

const checks: Check[] = await Promise.all(IDS.map(async (id) => (await import(`../../../src/checks/mcp/${id}.js`) as { check: Check }).check));

/** Values that must never appear in a result (stand-ins for what a collector failed to redact). */
const ENV_VALUE = 'env-value-7f3a9c';
const HEADER_VALUE = 'header-value-51bd02';
const USERINFO = 'alice:pw-c0ffee';
const QUERY = 'query-token-9e8d7c';

const hostile = configItem({
  client: 'claude-desktop',
  servers: [
    { name: 'remote', url: `http://${USERINFO}@mcp.example.com/sse?token=${QUERY}`, type: 'sse', headers: { 'X-Trace': HEADER_VALUE } },
    {
      name: 'local', command: 'npx', args: ['-y', 'mcp-remote', `http://${USERINFO}@10.0.0.5/mcp?api_key=${QUERY}`, '--allow-http', '--host', '0.0.0.0'],
      env: { NODE_TLS_REJECT_UNAUTHORIZED: '0', HOST: '0.0.0.0', DANGEROUSLY_OMIT_AUTH: 'true', SOME_SETTING: ENV_VALUE, ALLOWED_DIRECTORIES: '/' },
      autoApprove: ['*', 'delete_everything'], disabled: true,
    },
    { name: 'box', command: 'docker', args: ['run', '--privileged', '-e', `TOKEN=${ENV_VALUE}`, '-v', '/:/host', '-p', '8080:8080', 'mcp/x:latest'] },
    { name: 'fs', command: 'npx', args: ['@modelcontextprotocol/server-filesystem', '/'], env: { ALLOWED_DIRECTORIES: ENV_VALUE } },
  ],
  // A client-wide bypass, so that mcp.oversight.approval-bypass has something to judge.
  settings: { approval: [{ setting: 'permissions.defaultMode', value: 'bypassPermissions', at: { line: 1, column: 1 } }] },
});

describe('MCP configuration checks: contract', () => {
  for (const check of checks) {
    describe(check.meta.id, () => {
      it('is registered, named after its file, and reads mcp-config evidence', () => {
        assert.ok((CHECK_IDS as readonly string[]).includes(check.meta.id));
        assert.ok(fs.existsSync(path.join(PACKAGE_ROOT, 'src', 'checks', 'mcp', `${check.meta.id}.ts`)));
        assert.ok(check.meta.evidence.includes('mcp-config'));
        assert.ok(SEVERITIES.includes(check.meta.severity));
        assert.ok(check.meta.remediation.length > 40);
      });
      it('has complete-sentence messages with the common placeholders', () => {
        for (const [id, text] of Object.entries(check.meta.messages)) {
          assert.match(text, /^[A-Z].*[.]$/s, `${id} is not a sentence`);
          if (text.startsWith('Server ')) assert.match(text, /^Server "\{\{server\}\}"\{\{state\}\} in the \{\{client\}\} configuration /, id);
        }
      });
      it('returns nothing without evidence (not_observed)', () => {
        assert.deepEqual(runCheck(check, []), []);
      });
      it('never puts a secret, env value, header value, URL userinfo or query in a result', () => {
        const results = runCheck(check, [hostile, advisoryItem()]);
        assert.ok(results.length > 0);
        for (const result of results) {
          const text = JSON.stringify({ data: result.data, key: result.key, message: renderMessage(check, result) });
          for (const secret of [ENV_VALUE, HEADER_VALUE, USERINFO, QUERY, 'pw-c0ffee']) assert.ok(!text.includes(secret), `${result.messageId} leaks ${secret}: ${text}`);
          // A finding has a severity; a pass or a part not seen (not_observed) has none.
          assert.ok(result.status === 'fail' ? SEVERITIES.includes(result.severity!) : result.severity === undefined, `${result.messageId} severity`);
          assert.equal(result.location.path, '.cursor/mcp.json');
        }
      });
    });
  }

  it('every check id in src/checks/mcp for these ids exports `check`', () => {
    assert.equal(new Set(checks.map((c) => c.meta.id)).size, IDS.length);
    assert.deepEqual(checks.map((c) => c.meta.id), [...IDS]);
  });

  it('the hostile file fails where expected (a smoke test across checks)', () => {
    const failing = checks.filter((check) => runCheck(check, [hostile, advisoryItem()]).some((r) => r.status === 'fail')).map((c) => c.meta.id);
    // No collector-detected secrets in this file, and both remote URLs carry a (query-string) credential.
    assert.deepEqual(failing, [...IDS].filter((id) => id !== 'mcp.secrets.inline-credential' && id !== 'mcp.auth.remote-without-auth'));
  });
});
