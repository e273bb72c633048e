/** mcp.auth.remote-without-auth decided from what the probe observed (issue 20); the configuration-only cases are in mcp.auth.remote-without-auth.test.ts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/mcp/mcp.auth.remote-without-auth.js';
import type { PublicEndpoint } from '../../../src/config/check-options.js';
import { configItem } from '../../helpers/mcp-evidence.js';
import { oauthEndpoint, openEndpoint, probeItem, unreachedEndpoint } from '../../helpers/probe-evidence.js';
import { checkTable, renderMessage, runCheck } from '../../helpers/run-check.js';

const URL = 'https://mcp.example.com/mcp';
const cursor = (headers?: Record<string, string>) => ({ servers: [{ name: 'crm', url: URL, ...(headers ? { headers } : {}) }] });
const PUBLIC: PublicEndpoint = { pattern: 'https://mcp.example.com', justification: 'Public product documentation', approver: 'security@acme.example' };
const publicEndpoints = { options: { 'mcp.auth.remote-without-auth': { publicEndpoints: [PUBLIC] } } };

checkTable(check, {
  valid: [
    { name: 'a configured endpoint that answered 401 with a Bearer challenge passes', config: cursor(), items: [probeItem(oauthEndpoint())], passes: ['demandsAuthorization'] },
    { name: 'an endpoint that answers without a credential, declared public', config: cursor(), items: [probeItem(openEndpoint())], settings: publicEndpoints, passes: ['publicByDesign'] },
    { name: 'an unreached endpoint stays not_observed, even with a declared credential', config: cursor({ Authorization: 'Bearer ${env:T}' }), items: [probeItem(unreachedEndpoint())], passes: [], unseen: ['unreached'] },
    { name: 'an answer that is neither an InitializeResult nor a 401', config: cursor(), items: [probeItem(openEndpoint(URL, { unauthenticated: { status: 404, initialized: false } }))], passes: [], unseen: ['probeInconclusive'] },
    { name: 'a probed endpoint no configuration names, answering 401', items: [probeItem(oauthEndpoint({ referencedBy: [{ path: 'command line' }] }))], passes: ['demandsAuthorization'] },
    { name: 'a probed-only endpoint declared public', items: [probeItem(openEndpoint())], settings: publicEndpoints, passes: ['probePublicByDesign'] },
    { name: 'a probed-only endpoint not reached', items: [probeItem(unreachedEndpoint())], unseen: ['unreached'] },
    { name: 'a probed-only loopback endpoint is out of scope', items: [probeItem(openEndpoint('http://127.0.0.1:8931/mcp'))], empty: ['probeLoopback'] },
    { name: 'without probe evidence the configuration decides as before', config: cursor(), passes: [], unseen: ['authorizationAtRuntime'] },
  ],
  invalid: [
    {
      name: 'a configured endpoint that answered initialize without a credential fails high, at the entry',
      config: cursor(), items: [probeItem(openEndpoint())],
      errors: [{
        messageId: 'answersWithoutCredential', severity: 'high', line: 4, column: 14, key: '/mcpServers/crm/url',
        message: `The endpoint ${URL} (server "crm" in the Cursor configuration) answered initialize sent without any credential with an InitializeResult (server crm 1.2.0) (observed by the probe): anyone who can reach the endpoint can list and call its tools. Require authentication, or declare the endpoint in publicEndpoints if it is public by design.`,
      }],
    },
    {
      name: 'a declared credential does not help a server that does not ask for one',
      config: cursor({ Authorization: 'Bearer ${env:T}' }), items: [probeItem(openEndpoint())],
      errors: [{ messageId: 'answersWithoutCredential', severity: 'high', line: 4, column: 14, key: '/mcpServers/crm/url' }],
    },
    {
      name: 'a probed-only endpoint that answered without a credential fails at its URL',
      items: [probeItem(openEndpoint('https://open.example.net/mcp', { referencedBy: [{ path: 'command line' }] }))],
      errors: [{
        messageId: 'answersWithoutCredential', severity: 'high', key: 'endpoint',
        message: 'The endpoint https://open.example.net/mcp, named by the command line answered initialize sent without any credential with an InitializeResult (server crm 1.2.0) (observed by the probe): anyone who can reach the endpoint can list and call its tools. Require authentication, or declare the endpoint in publicEndpoints if it is public by design.',
      }],
    },
  ],
});

describe('mcp.auth.remote-without-auth with probe evidence', () => {
  it('a pass names the challenge and comes from the probe item', () => {
    const results = runCheck(check, [configItem(cursor()), probeItem(oauthEndpoint())]);
    assert.deepEqual(results.map((r) => [r.status, r.evidenceId, r.location.path, renderMessage(check, r)]), [
      ['pass', `probe-endpoint:${URL}`, '.cursor/mcp.json', `The endpoint ${URL} (server "crm" in the Cursor configuration) demands authorization: observed 401 to initialize without a credential (WWW-Authenticate: Bearer resource_metadata=https://mcp.example.com/.well-known/oauth-protected-resource/mcp).`],
    ]);
  });

  it('an unreached endpoint says why, at the entry', () => {
    const [result] = runCheck(check, [configItem(cursor()), probeItem(unreachedEndpoint())]);
    assert.deepEqual([result!.status, result!.location, renderMessage(check, result!)], [
      'not_observed', { path: '.cursor/mcp.json', line: 4, column: 14 },
      `The probe could not observe the answer to initialize without a credential at ${URL} (timeout: no answer within 10 s) (server "crm" in the Cursor configuration).`,
    ]);
  });

  it('a configured endpoint is decided once, at the entry, not again at its URL', () => {
    const results = runCheck(check, [configItem(cursor()), probeItem(openEndpoint()), probeItem(oauthEndpoint({}, 'https://other.example.org/mcp'))]);
    assert.deepEqual(results.map((r) => [r.status, r.location.path, r.key]), [
      ['fail', '.cursor/mcp.json', '/mcpServers/crm/url'],
      ['pass', 'https://other.example.org/mcp', 'endpoint'],
    ]);
  });
});
