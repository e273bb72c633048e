/**
 * mcp.auth.protected-resource-metadata-missing (probe): an endpoint that asks for authorization (401
 * to `initialize` without a credential) tells clients where to get a token through RFC 9728
 * protected resource metadata, which the MCP authorization specification requires, with at least one
 * authorization server in it. Without it an MCP client cannot start OAuth, so users fall back to
 * pasting static tokens.
 * - 401 and no document could be fetched (from the challenge's resource_metadata, nor the well-known
 *   URL): medium;
 * - a document without `authorization_servers`: medium;
 * - the document was found only at the well-known URL because the challenge carries no
 *   `resource_metadata`: low (revision 2025-06-18 requires the parameter; 2025-11-25 accepts either way);
 * - the endpoint did not ask for authorization: not_applicable (mcp.auth.remote-without-auth decides
 *   whether that is allowed); the exchange not observed: not_observed with the probe's reason.
 */
import type { Check } from '../types.js';
import { PROBE_MESSAGES, demandsAuthorization, eachEndpoint } from './probe.js';

export const check: Check = {
  meta: {
    id: 'mcp.auth.protected-resource-metadata-missing',
    title: 'Remote MCP servers that demand authorization publish protected resource metadata (RFC 9728)',
    severity: 'medium',
    evidence: ['probe-endpoint'],
    messages: {
      ...PROBE_MESSAGES,
      metadataMissing: 'The endpoint {{url}} answered 401 to initialize{{referenced}}, but no protected resource metadata (RFC 9728) could be fetched from {{metadataUrl}} ({{foundBy}}: {{problem}}), so an MCP client cannot find the authorization server to start OAuth.',
      noAuthorizationServers: 'The protected resource metadata of {{url}} at {{metadataUrl}}{{referenced}} names no authorization_servers, which the MCP authorization specification requires, so an MCP client cannot find where to get a token.',
      challengeWithoutResourceMetadata: 'The 401 challenge of {{url}}{{referenced}} carries no resource_metadata parameter; clients found the protected resource metadata only at the well-known URL {{metadataUrl}} (required by MCP revision 2025-06-18, optional since 2025-11-25).',
      metadataPublished: 'The endpoint {{url}} answered 401 and its protected resource metadata at {{metadataUrl}} ({{foundBy}}) names the authorization server(s) {{servers}}.',
      noAuthorizationAsked: 'The endpoint {{url}} did not ask for authorization (initialize without a credential was answered {{answer}}), so it needs no protected resource metadata.',
    },
    remediation: 'Serve RFC 9728 protected resource metadata at /.well-known/oauth-protected-resource (path-suffixed for a path endpoint) naming the authorization server(s), and point at it from the 401 challenge: WWW-Authenticate: Bearer resource_metadata="https://host/.well-known/oauth-protected-resource".',
  },
  run(context) {
    return eachEndpoint(context.evidence('probe-endpoint'), (results) => {
      const { unauthenticated, protectedResource: prm } = results.endpoint;
      if (!unauthenticated) return results.unreached('the answer to initialize without a credential', 'endpoint');
      if (!demandsAuthorization(results.endpoint)) {
        const answer = unauthenticated.initialized ? 'with an InitializeResult' : `HTTP ${unauthenticated.status ?? 'with no status'}`;
        return results.notApplicable('noAuthorizationAsked', 'endpoint', { answer });
      }
      if (!prm) return results.unreached('the protected resource metadata', 'endpoint');
      const data = { metadataUrl: prm.url, foundBy: prm.foundBy === 'challenge' ? "the challenge's resource_metadata" : 'the well-known URL' };
      if (!prm.document) {
        return results.fail('metadataMissing', 'medium', 'protectedResource', { ...data, problem: prm.problem ?? (prm.status ? `HTTP ${prm.status}` : 'no document') });
      }
      const servers = prm.document.authorization_servers ?? [];
      if (servers.length === 0) return results.fail('noAuthorizationServers', 'medium', 'protectedResource/authorization_servers', data);
      if (!unauthenticated.challenge?.resourceMetadata) return results.fail('challengeWithoutResourceMetadata', 'low', 'challenge/resource_metadata', data);
      results.pass('metadataPublished', 'endpoint', { ...data, servers: servers.join(', ') });
    });
  },
};
