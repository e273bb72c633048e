/**
 * Hand-made `probe-endpoint` items that follow src/collectors/probe/model.ts exactly, for the checks
 * that read what the probe observed. `oauthEndpoint` is an https endpoint that does everything right
 * (401 with a Bearer challenge naming its RFC 9728 metadata, an authorization server with S256 and
 * https endpoints, a trusted certificate valid for 200 days, TLS 1.3); each case changes one part.
 */
import type { AuthorizationServerObservation, ProbeEndpointEvidence, TlsObservation } from '../../src/collectors/probe/model.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { NOW } from './run-check.js';

export const ISSUER = 'https://auth.example.com';

export function authorizationServer(document: Partial<NonNullable<AuthorizationServerObservation['document']>> = {}, issuer = ISSUER): AuthorizationServerObservation {
  return {
    issuer,
    url: `${issuer}/.well-known/oauth-authorization-server`,
    status: 200,
    document: {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      registration_endpoint: `${issuer}/register`,
      code_challenge_methods_supported: ['S256'],
      ...document,
    },
  };
}

export function tlsOf(overrides: Partial<TlsObservation> = {}): TlsObservation {
  return {
    protocol: 'TLSv1.3', validFrom: '2026-09-01T00:00:00.000Z', validTo: '2027-06-11T12:00:00.000Z', daysToExpiry: 200,
    hostnameMatches: true, trusted: true, selfSigned: false, ...overrides,
  };
}

/** An https endpoint behind correct MCP authorization, referenced by one Cursor configuration. */
export function oauthEndpoint(overrides: Partial<ProbeEndpointEvidence> = {}, url = 'https://mcp.example.com/mcp'): ProbeEndpointEvidence {
  const origin = new URL(url).origin;
  return {
    url,
    referencedBy: [{ path: '.cursor/mcp.json', server: 'crm', line: 3, column: 5 }],
    reached: true,
    transport: 'streamable-http',
    unauthenticated: {
      status: 401, initialized: false,
      challenge: { scheme: 'Bearer', resourceMetadata: `${origin}/.well-known/oauth-protected-resource/mcp` },
    },
    protectedResource: {
      url: `${origin}/.well-known/oauth-protected-resource/mcp`, foundBy: 'challenge', status: 200,
      document: { resource: url, authorization_servers: [ISSUER] },
    },
    authorizationServers: [authorizationServer()],
    ...(url.startsWith('https:') ? { tls: tlsOf() } : {}),
    requests: [
      { purpose: 'POST initialize', method: 'POST', url, status: 401, bytes: 0 },
      { purpose: 'GET protected resource metadata', method: 'GET', url: `${origin}/.well-known/oauth-protected-resource/mcp`, status: 200, bytes: 120 },
    ],
    ...overrides,
  };
}

/** An endpoint that served `initialize` to a caller without a credential. */
export function openEndpoint(url = 'https://mcp.example.com/mcp', overrides: Partial<ProbeEndpointEvidence> = {}): ProbeEndpointEvidence {
  const { protectedResource: _p, authorizationServers: _a, ...rest } = oauthEndpoint({}, url);
  return {
    ...rest,
    unauthenticated: { status: 200, initialized: true, protocolVersion: '2025-06-18', serverName: 'crm', serverVersion: '1.2.0' },
    requests: [{ purpose: 'POST initialize', method: 'POST', url, status: 200, bytes: 312 }],
    ...overrides,
  };
}

/** An endpoint the probe could not reach at all. */
export function unreachedEndpoint(url = 'https://mcp.example.com/mcp', failure = { code: 'timeout', reason: 'no answer within 10 s' }): ProbeEndpointEvidence {
  return {
    url, referencedBy: [{ path: '.cursor/mcp.json', server: 'crm', line: 3, column: 5 }], reached: false, failure,
    requests: [{ purpose: 'POST initialize', method: 'POST', url, error: failure.code }],
  };
}

export function probeItem(data: ProbeEndpointEvidence): EvidenceItem<'probe-endpoint'> {
  return { id: `probe-endpoint:${data.url}`, kind: 'probe-endpoint', collector: 'probe', source: data.url, collectedAt: NOW, data };
}
