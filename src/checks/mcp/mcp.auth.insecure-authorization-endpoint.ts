/**
 * mcp.auth.insecure-authorization-endpoint (probe): the MCP authorization specification requires
 * every authorization server endpoint to be served over HTTPS (OAuth 2.1 §1.5), and RFC 8414 §3.3
 * requires the metadata's `issuer` to equal the issuer it was fetched for, or the metadata must not
 * be used (a mismatch is how a mix-up attack starts). Per authorization server the endpoint's
 * protected resource metadata names, its issuer, authorization, token and registration endpoints:
 * - plain http to a host other than loopback: high (codes, tokens and client secrets in clear);
 * - a scheme that is not http(s) at all (`javascript:`, `file:`, `data:`): critical, since a client
 *   that opens the authorization endpoint in a browser runs or reads whatever it points at;
 * - the metadata's issuer differs from the issuer it was fetched for: medium.
 * Not applicable to an endpoint that does not ask for authorization; metadata that could not be
 * fetched: not_observed with the reason.
 */
import type { AuthorizationServerObservation } from '../../collectors/probe/model.js';
import type { Check } from '../types.js';
import { AUTHORIZATION_SERVER_MESSAGES, eachAuthorizationServer, shownEndpoint } from './probe.js';

const FIELDS = ['issuer', 'authorization_endpoint', 'token_endpoint', 'registration_endpoint'] as const;

function urlOf(server: AuthorizationServerObservation, field: (typeof FIELDS)[number]): string | undefined {
  return field === 'issuer' ? server.document?.issuer ?? server.issuer : server.document?.[field];
}

export const check: Check = {
  meta: {
    id: 'mcp.auth.insecure-authorization-endpoint',
    title: 'Authorization servers of remote MCP servers use HTTPS endpoints and a matching issuer',
    severity: 'high',
    evidence: ['probe-endpoint'],
    messages: {
      ...AUTHORIZATION_SERVER_MESSAGES,
      plaintextEndpoint: 'The authorization server {{issuer}} of {{url}}{{referenced}} publishes its {{field}} over plain http ({{endpoint}}): authorization codes, tokens or client credentials would cross the network unencrypted.',
      nonHttpEndpoint: 'The authorization server {{issuer}} of {{url}}{{referenced}} publishes a {{field}} with the scheme "{{scheme}}" ({{endpoint}}), not https: a client that opens it runs or reads whatever it points at.',
      issuerMismatch: 'The metadata at {{metadataUrl}} for the authorization server {{issuer}} of {{url}}{{referenced}} declares the issuer {{declared}}: RFC 8414 requires them to be equal, and a client must not use metadata whose issuer differs.',
      metadataUnavailable: 'The metadata of the authorization server {{issuer}} of {{url}}{{referenced}} could not be read from {{metadataUrl}} ({{problem}}), so its endpoints cannot be seen.',
      endpointsSecure: 'The authorization server {{issuer}} of {{url}} declares its own issuer and serves {{fields}} over https (or loopback).',
    },
    remediation: 'Serve every authorization server endpoint (authorization, token, registration) over HTTPS with a valid certificate, publish them as https:// URLs in the RFC 8414 metadata, and make the metadata\'s issuer exactly the issuer URL the protected resource metadata names.',
  },
  run(context) {
    return eachAuthorizationServer(context.evidence('probe-endpoint'), (results, server, key, data) => {
      let failed = false;
      const checked: string[] = [];
      for (const field of FIELDS) {
        const value = urlOf(server, field);
        if (value === undefined) continue;
        checked.push(field);
        const { scheme, shown, loopback } = shownEndpoint(value);
        if (scheme === 'https' || (scheme === 'http' && loopback)) continue;
        failed = true;
        if (scheme === 'http') results.fail('plaintextEndpoint', 'high', `${key}/${field}`, { ...data, field, endpoint: shown });
        else results.fail('nonHttpEndpoint', 'critical', `${key}/${field}`, { ...data, field, endpoint: shown, scheme: scheme || 'none' });
      }
      const declared = server.document.issuer;
      if (declared !== server.issuer) {
        failed = true;
        results.fail('issuerMismatch', 'medium', `${key}/issuer-match`, { ...data, declared: declared === undefined ? 'nothing (no issuer field)' : shownEndpoint(declared).shown });
      }
      if (!failed) results.pass('endpointsSecure', key, { ...data, fields: checked.join(', ') });
    });
  },
};
