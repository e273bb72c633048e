import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/mcp/mcp.auth.pkce-s256-unsupported.js';
import { authorizationServer, oauthEndpoint, openEndpoint, probeItem, unreachedEndpoint } from '../../helpers/probe-evidence.js';
import { checkTable, renderMessage, runCheck } from '../../helpers/run-check.js';

const URL = 'https://mcp.example.com/mcp';
const KEY = 'authorizationServers/https://auth.example.com';

checkTable(check, {
  valid: [
    { name: 'S256 listed', items: [probeItem(oauthEndpoint())], passes: ['s256Supported'] },
    { name: 'S256 beside plain', items: [probeItem(oauthEndpoint({ authorizationServers: [authorizationServer({ code_challenge_methods_supported: ['plain', 'S256'] })] }))], passes: ['s256Supported'] },
    { name: 'a public endpoint without OAuth', items: [probeItem(openEndpoint())], empty: ['noOAuth'] },
    { name: 'unreached', items: [probeItem(unreachedEndpoint())], unseen: ['unreached'] },
    { name: '401 but no authorization server metadata observed', items: [probeItem(oauthEndpoint({ authorizationServers: undefined }))], unseen: ['unreached'] },
    {
      name: 'the authorization server metadata could not be fetched',
      items: [probeItem(oauthEndpoint({ authorizationServers: [{ issuer: 'https://auth.example.com', url: 'https://auth.example.com/.well-known/openid-configuration', status: 404, problem: 'not-found' }] }))],
      unseen: ['metadataUnavailable'],
    },
  ],
  invalid: [
    {
      name: 'only plain',
      items: [probeItem(oauthEndpoint({ authorizationServers: [authorizationServer({ code_challenge_methods_supported: ['plain'] })] }))],
      errors: [{
        messageId: 's256Missing', severity: 'high', key: KEY,
        message: `The authorization server https://auth.example.com of ${URL}, named by .cursor/mcp.json:3 "crm" lists code_challenge_methods_supported [plain] in its metadata (https://auth.example.com/.well-known/oauth-authorization-server), without S256: PKCE with S256 is mandatory in MCP authorization, and MCP clients must refuse this server.`,
      }],
    },
    {
      name: 'the field left out counts as unsupported',
      items: [probeItem(oauthEndpoint({ authorizationServers: [authorizationServer({ code_challenge_methods_supported: undefined })] }))],
      errors: [{
        messageId: 'methodsAbsent', severity: 'high', key: KEY,
        message: `The authorization server https://auth.example.com of ${URL}, named by .cursor/mcp.json:3 "crm" does not declare code_challenge_methods_supported in its metadata (https://auth.example.com/.well-known/oauth-authorization-server): MCP clients must treat it as not supporting PKCE and refuse it.`,
      }],
    },
    {
      name: 'each authorization server on its own: one fails, one passes',
      items: [probeItem(oauthEndpoint({ authorizationServers: [authorizationServer({ code_challenge_methods_supported: [] }), authorizationServer({}, 'https://login.example.org')] }))],
      errors: [{ messageId: 's256Missing', severity: 'high', key: KEY }],
      passes: ['s256Supported'],
    },
  ],
});

describe('mcp.auth.pkce-s256-unsupported: messages', () => {
  it('says what was not observed and why', () => {
    const results = runCheck(check, [probeItem(unreachedEndpoint(URL, { code: 'dns', reason: 'mcp.example.com does not resolve' }))]);
    assert.deepEqual(results.map((r) => [r.status, r.key, renderMessage(check, r)]), [
      ['not_observed', 'endpoint', `The probe could not observe the answer to initialize without a credential at ${URL} (dns: mcp.example.com does not resolve), named by .cursor/mcp.json:3 "crm".`],
    ]);
  });

  it('passes name the methods', () => {
    const [result] = runCheck(check, [probeItem(oauthEndpoint())]);
    assert.equal(renderMessage(check, result!), `The authorization server https://auth.example.com of ${URL} supports PKCE with S256 (code_challenge_methods_supported: S256).`);
  });
});
