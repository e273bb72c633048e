/**
 * mcp.auth.remote-without-auth (MCP-IA-01, mcp-formats §3.3 AUTH-001): how each entry for a remote MCP
 * server (url / serverUrl / httpUrl, server.json remotes, mcp-remote / mcp-proxy / supergateway
 * targets) is authorized, decided only as far as the configuration can decide it.
 *
 * MCP authorization (OAuth 2.1) is discovered at run time: the server answers 401 and points at its
 * protected-resource metadata (RFC 9728). So an entry without a header is not, by itself, an
 * unauthenticated connection. What it means depends on who connects (remote-auth-capabilities.ts):
 * - the endpoint is declared public by design (mcp-comply.yaml `publicEndpoints`): pass, naming the
 *   justification and the approver;
 * - a credential is declared (an Authorization-style header, Codex bearer_token_env_var, an OAuth
 *   block, a bridge's header or OAuth client settings): pass;
 * - the client or bridge runs MCP authorization itself: `not_observed` (a live probe or an
 *   attestation can tell), never a pass and never a finding;
 * - it cannot (no OAuth flow of its own): fail, high: every call reaches the endpoint unauthenticated;
 * - its behaviour is unknown: `not_observed`, saying so;
 * - Claude Desktop does not connect to remote entries of its configuration file: `not_observed`.
 * The same endpoint thus gets the same verdict in every client of the same capability.
 * Loopback endpoints are out of scope here (mcp.transport.plaintext-http covers unauthenticated loopback HTTP).
 */
import type { McpServer } from '../../collectors/mcp-config/model.js';
import type { Check } from '../types.js';
import { matchPublicEndpoint } from './public-endpoints.js';
import { declaredCredential, endpointsOf, isRemote, type Endpoint } from './remote.js';
import { REMOTE_AUTH_CAPABILITIES, type RemoteAuthCapability } from './remote-auth-capabilities.js';
import { eachConfig, type Data } from './results.js';

const ASK = 'confirm that it answers 401 with an OAuth challenge, attest it, or declare the endpoint in publicEndpoints if it is public by design';

export const check: Check = {
  meta: {
    id: 'mcp.auth.remote-without-auth',
    title: 'Remote MCP servers are configured with a credential',
    severity: 'high',
    evidence: ['mcp-config'],
    messages: {
      noCredentialDeclared: 'Server "{{server}}"{{state}} in the {{client}} configuration connects to the remote endpoint {{url}} but declares no credential (no Authorization header, bearer-token variable or OAuth setting), and {{client}} runs no OAuth flow of its own ({{source}}): its calls reach the endpoint unauthenticated. Declare a credential, or declare the endpoint in publicEndpoints if it is public by design.',
      noCredentialDeclaredBridge: 'Server "{{server}}"{{state}} in the {{client}} configuration uses {{bridge}} to reach the remote endpoint {{url}} but passes no credential (no Authorization header or OAuth client settings), and {{bridge}} runs no OAuth flow of its own ({{source}}): its calls reach the endpoint unauthenticated. Pass a credential, or declare the endpoint in publicEndpoints if it is public by design.',
      authorizationAtRuntime: `Server "{{server}}"{{state}} in the {{client}} configuration connects to the remote endpoint {{url}} without a declared credential. Authorization negotiated at runtime: {{client}} runs MCP OAuth when the endpoint answers 401, so the configuration alone cannot tell whether calls are authenticated; ${ASK}.`,
      authorizationAtRuntimeBridge: `Server "{{server}}"{{state}} in the {{client}} configuration uses {{bridge}} to reach the remote endpoint {{url}} without a credential. Authorization negotiated at runtime: {{bridge}} runs MCP OAuth when the endpoint answers 401, so the configuration alone cannot tell whether calls are authenticated; ${ASK}.`,
      clientBehaviourUnknown: 'Server "{{server}}"{{state}} in the {{client}} configuration connects to the remote endpoint {{url}} without a declared credential, and whether the client that reads this file negotiates MCP OAuth at runtime is not known: {{note}} Confirm that it answers 401 with an OAuth challenge, attest it, or declare the endpoint in publicEndpoints if it is public by design.',
      notConnectedFromConfig: 'Server "{{server}}"{{state}} in the {{client}} configuration names the remote endpoint {{url}}, but {{client}} does not connect to remote entries of its configuration file (remote servers are added as Connectors in the app, or reached through a bridge such as mcp-remote): the entry is not used as written, and how the endpoint is authorized cannot be seen here.',
      publicByDesign: 'Server "{{server}}"{{state}} in the {{client}} configuration connects to {{url}}, public by design per publicEndpoints ({{pattern}}): "{{justification}}", approved by {{approver}}.',
      credentialDeclared: 'Server "{{server}}"{{state}} in the {{client}} configuration declares {{credential}} for every remote endpoint it connects to.',
      loopbackOnly: 'Server "{{server}}"{{state}} in the {{client}} configuration connects only to endpoints on the local machine.',
      noRemoteServers: 'The {{client}} configuration {{path}} declares no remote MCP server.',
    },
    remediation: 'Require authentication on the remote server (OAuth 2.1 per the MCP authorization specification, or a gateway that authenticates callers) and use a client that runs MCP authorization, or supply the credential by reference in the entry (an Authorization header such as "Bearer ${env:TOKEN}", Codex bearer_token_env_var). Declare endpoints that are public by design in mcp-comply.yaml publicEndpoints, with a justification and an approver.',
  },
  run(context) {
    const { publicEndpoints } = context.options['mcp.auth.remote-without-auth'];
    return eachConfig(context, (results) => {
      const passes = new Map<McpServer, { messageId: string; data: Data }>();
      for (const server of results.file.servers) {
        const client = server.client ?? results.file.client;
        for (const endpoint of endpointsOf(server)) {
          if (endpoint.via === 'argument') continue;
          results.evaluate(server);
          if (!isRemote(endpoint)) continue;
          const at = { field: endpoint.field, key: endpoint.key };
          const url = endpoint.display;
          const declared = matchPublicEndpoint(url, publicEndpoints);
          if (declared) {
            passes.set(server, { messageId: 'publicByDesign', data: { url, pattern: declared.pattern, justification: declared.justification, approver: declared.approver } });
            continue;
          }
          const capability = REMOTE_AUTH_CAPABILITIES[endpoint.bridge?.tool ?? client];
          if (endpoint.via === 'url' && capability.runtimeAuthorization === 'not-from-config') {
            results.notObserved(server, { messageId: 'notConnectedFromConfig', ...at, data: { url } });
            continue;
          }
          const credential = declaredCredential(server, endpoint);
          if (credential) {
            if (!passes.has(server)) passes.set(server, { messageId: 'credentialDeclared', data: { credential } });
            continue;
          }
          const data: Data = { url, bridge: endpoint.bridge?.tool ?? '', source: capability.source, note: capability.note };
          const verdict = undeclaredVerdict(endpoint, capability);
          if (verdict.fails) results.fail(server, { messageId: verdict.messageId, severity: 'high', ...at, data });
          else results.notObserved(server, { messageId: verdict.messageId, ...at, data });
        }
      }
      return results.finish((server) => passes.get(server) ?? { messageId: 'loopbackOnly' }, 'noRemoteServers');
    });
  },
};

/** An endpoint with no declared credential, by what its client (or bridge) does about authorization. */
function undeclaredVerdict(endpoint: Endpoint, capability: RemoteAuthCapability): { fails: boolean; messageId: string } {
  const viaBridge = endpoint.bridge !== undefined;
  switch (capability.runtimeAuthorization) {
    case 'cannot': return { fails: true, messageId: viaBridge ? 'noCredentialDeclaredBridge' : 'noCredentialDeclared' };
    case 'discovers': return { fails: false, messageId: viaBridge ? 'authorizationAtRuntimeBridge' : 'authorizationAtRuntime' };
    // Every bridge is known; a client whose behaviour is not established is said to be so.
    default: return { fails: false, messageId: 'clientBehaviourUnknown' };
  }
}
