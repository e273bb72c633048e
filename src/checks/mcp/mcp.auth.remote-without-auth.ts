/**
 * mcp.auth.remote-without-auth (MCP-IA-01, mcp-formats §3.3 AUTH-001): every entry for a remote MCP
 * server (url / serverUrl / httpUrl, server.json remotes, mcp-remote / mcp-proxy / supergateway
 * targets) declares a credential mechanism: an Authorization-style header, a bearer-token variable
 * (Codex bearer_token_env_var) or OAuth.
 *
 * Honest about its limits: a configuration cannot prove that a server accepts unauthenticated
 * calls (the client may still run OAuth when the server answers 401). The finding says the entry
 * "declares no credential" and asks for the 401 to be confirmed. Loopback endpoints are out of
 * scope here (mcp.transport.plaintext-http covers unauthenticated loopback HTTP).
 */
import type { Check } from '../types.js';
import { declaredCredential, endpointsOf, isRemote } from './remote.js';
import { eachConfig } from './results.js';

export const check: Check = {
  meta: {
    id: 'mcp.auth.remote-without-auth',
    title: 'Remote MCP servers are configured with a credential',
    severity: 'high',
    evidence: ['mcp-config'],
    messages: {
      noCredentialDeclared: 'Server "{{server}}"{{state}} in the {{client}} configuration connects to the remote endpoint {{url}} but declares no credential (no Authorization header, bearer-token variable or OAuth setting). The configuration alone cannot prove the endpoint accepts unauthenticated calls: confirm that it answers 401 without a token.',
      noCredentialDeclaredBridge: 'Server "{{server}}"{{state}} in the {{client}} configuration uses {{bridge}} to reach the remote endpoint {{url}} but passes no credential (no Authorization header or OAuth client settings). The bridge may still negotiate OAuth if the endpoint demands it: confirm that it answers 401 without a token.',
      credentialDeclared: 'Server "{{server}}"{{state}} in the {{client}} configuration declares {{credential}} for every remote endpoint it connects to.',
      loopbackOnly: 'Server "{{server}}"{{state}} in the {{client}} configuration connects only to endpoints on the local machine.',
      noRemoteServers: 'The {{client}} configuration {{path}} declares no remote MCP server.',
    },
    remediation: 'Require authentication on the remote server (OAuth 2.1 per the MCP authorization specification, or a gateway that authenticates callers) and supply the credential by reference in the client entry: an Authorization header such as "Bearer ${env:TOKEN}", Codex bearer_token_env_var, or the client\'s OAuth flow.',
  },
  run(context) {
    return eachConfig(context, (results) => {
      const credentials = new Map<object, string>();
      for (const server of results.file.servers) {
        for (const endpoint of endpointsOf(server)) {
          if (endpoint.via === 'argument') continue;
          results.evaluate(server);
          if (!isRemote(endpoint)) continue;
          const credential = declaredCredential(server, endpoint);
          if (credential) { if (!credentials.has(server)) credentials.set(server, credential); continue; }
          results.fail(server, {
            messageId: endpoint.via === 'bridge' ? 'noCredentialDeclaredBridge' : 'noCredentialDeclared',
            severity: 'high', field: endpoint.field, key: endpoint.key,
            data: { url: endpoint.display, bridge: endpoint.bridge?.tool ?? '' },
          });
        }
      }
      return results.finish((server) => {
        const credential = credentials.get(server);
        return credential ? { messageId: 'credentialDeclared', data: { credential } } : { messageId: 'loopbackOnly' };
      }, 'noRemoteServers');
    });
  },
};
