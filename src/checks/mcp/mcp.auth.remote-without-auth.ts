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
 *
 * With `--probe`, what the endpoint did outranks what the entry declares (IA-01 asks whether the
 * server refuses a call without a credential, which a declared credential cannot show), for every
 * endpoint the probe observed, after publicEndpoints:
 * - `initialize` without a credential returned an InitializeResult: fail, high (even when the entry
 *   declares a credential: the server does not need it);
 * - it answered 401: pass, naming the challenge;
 * - anything else, or not reached: `not_observed` with the answer or the probe's failure reason.
 * Results about a configured endpoint stay on the entry (its line), decided from the probe item; an
 * endpoint no configuration names (`--probe-url`) gets its results at its URL, as the other probe
 * checks do. Without probe evidence the check behaves as before; without configurations it decides
 * the probed endpoints alone.
 */
import type { McpServer } from '../../collectors/mcp-config/model.js';
import type { ProbeEndpointEvidence } from '../../collectors/probe/model.js';
import type { PublicEndpoint } from '../../config/check-options.js';
import type { Check } from '../types.js';
import { PROBE_MESSAGES, eachEndpoint, referencedText, type EndpointResults, type ProbeItem } from './probe.js';
import { isLoopbackHost, parseUrl } from './url.js';
import { matchPublicEndpoint } from './public-endpoints.js';
import { declaredCredential, endpointsOf, isRemote, type Endpoint } from './remote.js';
import { REMOTE_AUTH_CAPABILITIES, type RemoteAuthCapability } from './remote-auth-capabilities.js';
import { eachConfig, serverData, type Data } from './results.js';

const ASK = 'confirm that it answers 401 with an OAuth challenge, attest it, or declare the endpoint in publicEndpoints if it is public by design';

export const check: Check = {
  meta: {
    id: 'mcp.auth.remote-without-auth',
    title: 'Remote MCP servers are configured with a credential',
    severity: 'high',
    evidence: ['mcp-config', 'probe-endpoint'],
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
      answersWithoutCredential: 'The endpoint {{url}}{{via}} answered initialize sent without any credential with an InitializeResult{{serverInfo}} (observed by the probe): anyone who can reach the endpoint can list and call its tools. Require authentication, or declare the endpoint in publicEndpoints if it is public by design.',
      demandsAuthorization: 'The endpoint {{url}}{{via}} demands authorization: observed 401 to initialize without a credential ({{challenge}}).',
      probeInconclusive: 'The endpoint {{url}}{{via}} answered initialize without a credential with HTTP {{status}}, neither an InitializeResult nor a 401: whether it demands authorization cannot be told from that answer.',
      probePublicByDesign: 'The endpoint {{url}}{{via}} answered initialize without a credential and is public by design per publicEndpoints ({{pattern}}): "{{justification}}", approved by {{approver}}.',
      probeLoopback: 'The endpoint {{url}} is on the local machine; unauthenticated loopback HTTP is judged by mcp.transport.plaintext-http.',
      ...PROBE_MESSAGES,
    },
    remediation: 'Require authentication on the remote server (OAuth 2.1 per the MCP authorization specification, or a gateway that authenticates callers) and use a client that runs MCP authorization, or supply the credential by reference in the entry (an Authorization header such as "Bearer ${env:TOKEN}", Codex bearer_token_env_var). Declare endpoints that are public by design in mcp-comply.yaml publicEndpoints, with a justification and an approver.',
  },
  run(context) {
    const { publicEndpoints } = context.options['mcp.auth.remote-without-auth'];
    const probes = new Map(context.evidence('probe-endpoint').map((item) => [endpointId(item.data.url), item]));
    const decided = new Set<ProbeItem>();
    const fromConfigs = eachConfig(context, (results) => {
      const passes = new Map<McpServer, { messageId: string; data: Data; evidenceId?: string }>();
      for (const server of results.file.servers) {
        const client = server.client ?? results.file.client;
        for (const endpoint of endpointsOf(server)) {
          if (endpoint.via === 'argument') continue;
          results.evaluate(server);
          if (!isRemote(endpoint)) continue;
          const at = { field: endpoint.field, key: endpoint.key };
          const url = endpoint.display;
          const probe = endpoint.url ? probes.get(endpointId(endpoint.url.display)) : undefined;
          if (probe) decided.add(probe);
          const declared = matchPublicEndpoint(url, publicEndpoints);
          if (declared) {
            passes.set(server, { messageId: 'publicByDesign', data: { url, pattern: declared.pattern, justification: declared.justification, approver: declared.approver } });
            continue;
          }
          if (probe) {
            const named = serverData(results.file, server);
            const verdict = probeVerdict(probe.data, ` (server "${named.server}"${named.state} in the ${named.client} configuration)`);
            const spec = { messageId: verdict.messageId, ...at, data: verdict.data, evidenceId: probe.id };
            if (verdict.status === 'fail') results.fail(server, { ...spec, severity: 'high' });
            else if (verdict.status === 'not_observed') results.notObserved(server, spec);
            else passes.set(server, { messageId: verdict.messageId, data: verdict.data, evidenceId: probe.id });
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
    const probedOnly = eachEndpoint([...probes.values()].filter((item) => !decided.has(item)), (results) => decideProbedOnly(results, publicEndpoints));
    return [...fromConfigs, ...probedOnly];
  },
};

/** Scheme, host, port and path: how a configured URL and a probed one are recognised as the same endpoint. */
function endpointId(url: string): string {
  return parseUrl(url)?.display.replace(/\/$/, '') ?? url;
}

interface ProbeVerdict { status: 'pass' | 'fail' | 'not_observed'; messageId: string; data: Record<string, string> }

/** What the probe saw when it sent `initialize` without a credential. */
function probeVerdict(endpoint: ProbeEndpointEvidence, via: string): ProbeVerdict {
  const { url, unauthenticated, failure } = endpoint;
  if (!unauthenticated) {
    const why = failure ?? { code: 'not-recorded', reason: 'the probe recorded no observation of this part' };
    return { status: 'not_observed', messageId: 'unreached', data: { what: 'the answer to initialize without a credential', url, code: why.code, reason: why.reason, referenced: via } };
  }
  if (unauthenticated.initialized) {
    const name = [unauthenticated.serverName, unauthenticated.serverVersion].filter(Boolean).join(' ');
    return { status: 'fail', messageId: 'answersWithoutCredential', data: { via, url, serverInfo: name ? ` (server ${name})` : '' } };
  }
  if (unauthenticated.status === 401) {
    const challenge = unauthenticated.challenge;
    const text = !challenge ? 'no WWW-Authenticate challenge'
      : `WWW-Authenticate: ${challenge.scheme}${challenge.resourceMetadata ? ` resource_metadata=${challenge.resourceMetadata}` : ''}`;
    return { status: 'pass', messageId: 'demandsAuthorization', data: { via, url, challenge: text } };
  }
  return { status: 'not_observed', messageId: 'probeInconclusive', data: { via, url, status: String(unauthenticated.status ?? 'with no status') } };
}

/** A probed endpoint that no configuration names: decided at its URL. */
function decideProbedOnly(results: EndpointResults, publicEndpoints: readonly PublicEndpoint[]): void {
  const { url } = results.endpoint;
  if (isLoopbackHost(parseUrl(url)?.host ?? '')) return results.notApplicable('probeLoopback', 'endpoint');
  const via = referencedText(results.endpoint);
  const declared = matchPublicEndpoint(url, publicEndpoints);
  if (declared && results.endpoint.unauthenticated?.initialized) {
    return results.pass('probePublicByDesign', 'endpoint', { via, pattern: declared.pattern, justification: declared.justification, approver: declared.approver });
  }
  const verdict = probeVerdict(results.endpoint, via);
  if (verdict.status === 'fail') results.fail(verdict.messageId, 'high', 'endpoint', verdict.data);
  else if (verdict.status === 'pass') results.pass(verdict.messageId, 'endpoint', verdict.data);
  else results.notObserved(verdict.messageId, 'endpoint', verdict.data);
}

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
