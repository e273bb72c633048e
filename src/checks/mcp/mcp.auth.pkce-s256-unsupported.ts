/**
 * mcp.auth.pkce-s256-unsupported (probe): the MCP authorization specification makes PKCE mandatory
 * and requires clients to refuse an authorization server whose metadata does not list `S256` in
 * `code_challenge_methods_supported`. A server that leaves the field out counts as not supporting it,
 * as the specification says (clients must refuse it too), so an authorization code could be stolen
 * and redeemed, or conforming clients cannot log in at all: high.
 * Per authorization server the endpoint's protected resource metadata names. An endpoint that does
 * not ask for authorization has no OAuth to judge: not_applicable. Metadata that could not be
 * fetched: not_observed with the reason.
 */
import type { Check } from '../types.js';
import { AUTHORIZATION_SERVER_MESSAGES, eachAuthorizationServer } from './probe.js';

export const check: Check = {
  meta: {
    id: 'mcp.auth.pkce-s256-unsupported',
    title: 'Authorization servers of remote MCP servers support PKCE with S256',
    severity: 'high',
    evidence: ['probe-endpoint'],
    messages: {
      ...AUTHORIZATION_SERVER_MESSAGES,
      s256Missing: 'The authorization server {{issuer}} of {{url}}{{referenced}} lists code_challenge_methods_supported [{{methods}}] in its metadata ({{metadataUrl}}), without S256: PKCE with S256 is mandatory in MCP authorization, and MCP clients must refuse this server.',
      methodsAbsent: 'The authorization server {{issuer}} of {{url}}{{referenced}} does not declare code_challenge_methods_supported in its metadata ({{metadataUrl}}): MCP clients must treat it as not supporting PKCE and refuse it.',
      metadataUnavailable: 'The metadata of the authorization server {{issuer}} of {{url}}{{referenced}} could not be read from {{metadataUrl}} ({{problem}}), so its PKCE support cannot be seen.',
      s256Supported: 'The authorization server {{issuer}} of {{url}} supports PKCE with S256 (code_challenge_methods_supported: {{methods}}).',
    },
    remediation: 'Enable PKCE on the authorization server and publish "code_challenge_methods_supported": ["S256"] in its RFC 8414 (or OpenID discovery) metadata; never rely on the plain method.',
  },
  run(context) {
    return eachAuthorizationServer(context.evidence('probe-endpoint'), (results, server, key, data) => {
      const methods = server.document.code_challenge_methods_supported;
      if (methods === undefined) results.fail('methodsAbsent', 'high', key, data);
      else if (!methods.includes('S256')) results.fail('s256Missing', 'high', key, { ...data, methods: methods.join(', ') });
      else results.pass('s256Supported', key, { ...data, methods: methods.join(', ') });
    });
  },
};
