import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/mcp/mcp.auth.protected-resource-metadata-missing.js';
import { oauthEndpoint, openEndpoint, probeItem, unreachedEndpoint } from '../../helpers/probe-evidence.js';
import { checkTable, renderMessage, runCheck } from '../../helpers/run-check.js';

const URL = 'https://mcp.example.com/mcp';
const PRM = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';

checkTable(check, {
  valid: [
    { name: '401 with resource_metadata and a document naming an authorization server', items: [probeItem(oauthEndpoint())], passes: ['metadataPublished'] },
    { name: 'an endpoint that asks for no authorization', items: [probeItem(openEndpoint())], empty: ['noAuthorizationAsked'] },
    { name: 'an endpoint the probe could not reach', items: [probeItem(unreachedEndpoint())], unseen: ['unreached'] },
    { name: '401, but the metadata was not requested (exchange stopped)', items: [probeItem(oauthEndpoint({ protectedResource: undefined, failure: { code: 'too-large', reason: 'the response passed 1 MiB' } }))], unseen: ['unreached'] },
  ],
  invalid: [
    {
      name: 'no document at the challenge URL',
      items: [probeItem(oauthEndpoint({ protectedResource: { url: PRM, foundBy: 'challenge', status: 404, problem: 'not-found' } }))],
      errors: [{
        messageId: 'metadataMissing', severity: 'medium', key: 'protectedResource',
        message: `The endpoint ${URL} answered 401 to initialize, named by .cursor/mcp.json:3 "crm", but no protected resource metadata (RFC 9728) could be fetched from ${PRM} (the challenge's resource_metadata: not-found), so an MCP client cannot find the authorization server to start OAuth.`,
      }],
    },
    {
      name: 'no resource_metadata and nothing at the well-known URL either',
      items: [probeItem(oauthEndpoint({
        referencedBy: [],
        unauthenticated: { status: 401, initialized: false, challenge: { scheme: 'Bearer' } },
        protectedResource: { url: PRM, foundBy: 'well-known', status: 500 },
      }))],
      errors: [{
        messageId: 'metadataMissing', severity: 'medium', key: 'protectedResource',
        message: `The endpoint ${URL} answered 401 to initialize, but no protected resource metadata (RFC 9728) could be fetched from ${PRM} (the well-known URL: HTTP 500), so an MCP client cannot find the authorization server to start OAuth.`,
      }],
    },
    {
      name: 'a document without authorization servers',
      items: [probeItem(oauthEndpoint({ protectedResource: { url: PRM, foundBy: 'challenge', status: 200, document: { resource: URL } } }))],
      errors: [{ messageId: 'noAuthorizationServers', severity: 'medium', key: 'protectedResource/authorization_servers' }],
    },
    {
      name: 'the challenge carries no resource_metadata, the well-known URL serves it: low',
      items: [probeItem(oauthEndpoint({
        unauthenticated: { status: 401, initialized: false, challenge: { scheme: 'Bearer' } },
        protectedResource: { url: PRM, foundBy: 'well-known', status: 200, document: { authorization_servers: ['https://auth.example.com'] } },
      }))],
      errors: [{
        messageId: 'challengeWithoutResourceMetadata', severity: 'low', key: 'challenge/resource_metadata',
        message: `The 401 challenge of ${URL}, named by .cursor/mcp.json:3 "crm" carries no resource_metadata parameter; clients found the protected resource metadata only at the well-known URL ${PRM} (required by MCP revision 2025-06-18, optional since 2025-11-25).`,
      }],
    },
  ],
});

describe('mcp.auth.protected-resource-metadata-missing: messages and places', () => {
  it('points at the endpoint URL and says why an endpoint was not observed', () => {
    const [result] = runCheck(check, [probeItem(unreachedEndpoint())]);
    assert.deepEqual(result!.location, { path: URL });
    assert.equal(renderMessage(check, result!), `The probe could not observe the answer to initialize without a credential at ${URL} (timeout: no answer within 10 s), named by .cursor/mcp.json:3 "crm".`);
  });

  it('names the authorization servers of a pass, and the answer of an endpoint that asked for none', () => {
    const results = runCheck(check, [probeItem(oauthEndpoint()), probeItem(openEndpoint('https://docs.example.com/mcp'))]);
    assert.deepEqual(results.map((r) => [r.status, renderMessage(check, r)]), [
      ['pass', `The endpoint ${URL} answered 401 and its protected resource metadata at ${PRM} (the challenge's resource_metadata) names the authorization server(s) https://auth.example.com.`],
      ['not_applicable', 'The endpoint https://docs.example.com/mcp did not ask for authorization (initialize without a credential was answered with an InitializeResult), so it needs no protected resource metadata.'],
    ]);
  });

  it('has no results without probe evidence (the engine reports not_observed)', () => {
    assert.deepEqual(runCheck(check, []), []);
  });
});
