/**
 * What the probe does at one endpoint, in order, each step bounded and logged: `initialize` without a
 * credential (Streamable HTTP through the SDK client, the deprecated HTTP+SSE transport when that is
 * refused); on a 401 the challenge, the protected resource metadata (RFC 9728) and each authorization
 * server's metadata (RFC 8414, else OpenID discovery); the certificate of an https endpoint; and for
 * a loopback or private endpoint an `initialize` with a foreign `Origin`. Never a tool call.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isLocalOrPrivateHost } from '../../checks/mcp/url.js';
import { parseChallenge } from './challenge.js';
import { boundedFetch, ProbeFetchError, redactedText, redactedUrl, type BoundedFetch, type ProbeLimits } from './http.js';
import type { AuthorizationServerObservation, ProbeEndpointEvidence, ProtectedResourceObservation } from './model.js';
import { observeTls } from './tls.js';

/** The `Origin` of the DNS-rebinding check: a reserved name (RFC 2606), so it is foreign to every server. */
export const FOREIGN_ORIGIN = 'https://probe.mcp-comply.invalid';

const CLIENT_INFO = { name: 'mcp-comply-probe', version: '1' };

export type Observation = Omit<ProbeEndpointEvidence, 'url' | 'referencedBy'>;

/** What an authenticated session listed, for the tool snapshot (as the server sent it, the credential's echoes replaced). */
export interface Listing {
  serverInfo?: { name: string; version: string };
  instructions?: string;
  tools?: unknown[];
  prompts?: unknown[];
  resources?: unknown[];
}

export async function observeEndpoint(
  endpoint: URL, limits: ProbeLimits, now: string, credential?: { header: string; value: string },
): Promise<Observation & { listing?: Listing }> {
  const http = boundedFetch(limits);
  const mcp = await initializeWithoutCredential(endpoint, http, limits);
  const out: Observation = { reached: mcp.reached, requests: http.requests };
  if (mcp.failure) out.failure = mcp.failure;
  if (mcp.transport) out.transport = mcp.transport;
  if (mcp.unauthenticated) out.unauthenticated = mcp.unauthenticated;
  if (mcp.unauthenticated?.status === 401) {
    const { observation, issuers } = await protectedResourceOf(endpoint, mcp.rawResourceMetadata, http);
    out.protectedResource = observation;
    if (issuers.length > 0) {
      out.authorizationServers = [];
      for (const issuer of issuers.slice(0, 2)) out.authorizationServers.push(await authorizationServerOf(issuer, endpoint, http));
    }
  }
  // The certificate is observed even when the client refused it (that is what the check reports).
  if (endpoint.protocol === 'https:' && (mcp.reached || mcp.failure?.code === 'tls')) {
    const started = http.requests.length;
    http.requests.push({ purpose: 'TLS handshake', method: 'TLS', url: redactedUrl(endpoint.origin) });
    try {
      out.tls = await observeTls(endpoint.hostname.replace(/^\[|\]$/g, ''), Number(endpoint.port || 443), limits.timeoutMs, now);
      if (mcp.hsts) out.tls.hsts = mcp.hsts;
    } catch (error) {
      http.requests[started]!.error = (error as { code?: string }).code ?? 'tls';
    }
  }
  // Only where MCP answered (initialized, or challenged for a token): anything else tells nothing about Origin.
  const answeredMcp = mcp.unauthenticated?.initialized || mcp.unauthenticated?.status === 401;
  if (answeredMcp && isLocalOrPrivateHost(endpoint.hostname)) out.originCheck = await originCheck(endpoint, http);
  if (!credential || (!answeredMcp && !mcp.reached)) return out;
  // Its own request budget: the session with the credential is a second, separately bounded exchange.
  const withCredential = boundedFetch(limits);
  const session = await listWithCredential(endpoint, credential, withCredential, limits);
  out.requests.push(...withCredential.requests.map((r) => ({ ...r, purpose: `${r.purpose} (with ${credential.header})` })));
  out.authenticated = session.authenticated;
  return session.listing ? { ...out, listing: session.listing } : out;
}

/** `initialize` with the credential, then the list methods the server declares (first page each). Never a tool call. */
async function listWithCredential(
  endpoint: URL, credential: { header: string; value: string }, http: BoundedFetch, limits: ProbeLimits,
): Promise<{ authenticated: NonNullable<Observation['authenticated']>; listing?: Listing }> {
  let status: number | undefined;
  const transport = new StreamableHTTPClientTransport(endpoint, {
    requestInit: { headers: { [credential.header]: credential.value } },
    fetch: withoutListeningStream(async (input, init) => {
      const response = await http.fetch(input, init);
      status ??= response.status;
      return response;
    }),
  });
  const client = new Client(CLIENT_INFO, { capabilities: {} });
  const options = { timeout: limits.timeoutMs * 2 };
  try {
    await client.connect(transport, options);
    const capabilities = client.getServerCapabilities() ?? {};
    const version = client.getServerVersion();
    const listing: Listing = {
      ...(version ? { serverInfo: { name: version.name, version: version.version } } : {}),
      ...(client.getInstructions() ? { instructions: client.getInstructions()! } : {}),
    };
    if (capabilities.tools) listing.tools = (await client.listTools(undefined, options)).tools;
    if (capabilities.prompts) listing.prompts = (await client.listPrompts(undefined, options)).prompts;
    if (capabilities.resources) listing.resources = (await client.listResources(undefined, options)).resources;
    return {
      authenticated: {
        header: credential.header, initialized: true, ...(status !== undefined ? { status } : {}),
        ...(version?.name ? { serverName: version.name } : {}), ...(version?.version ? { serverVersion: version.version } : {}),
        ...(listing.tools ? { tools: listing.tools.length } : {}), ...(listing.prompts ? { prompts: listing.prompts.length } : {}),
        ...(listing.resources ? { resources: listing.resources.length } : {}),
      },
      listing,
    };
  } catch (error) {
    const failure = error instanceof ProbeFetchError ? { code: error.code, reason: error.message }
      : { code: 'mcp-error', reason: redactedText(((error as Error).message ?? String(error)).split(credential.value).join('[REDACTED]')).slice(0, 300) };
    return { authenticated: { header: credential.header, initialized: false, ...(status !== undefined ? { status } : {}), failure } };
  } finally {
    await client.close().catch(() => undefined);
  }
}

interface McpOutcome {
  reached: boolean;
  transport?: 'streamable-http' | 'sse';
  unauthenticated?: Observation['unauthenticated'];
  failure?: { code: string; reason: string };
  hsts?: string;
  /** The challenge's `resource_metadata` as sent (the evidence holds it redacted), to fetch it. */
  rawResourceMetadata?: string;
}

/** `initialize` through the SDK client, Streamable HTTP first; the HTTP+SSE fallback when the POST is answered 400, 404 or 405. */
async function initializeWithoutCredential(endpoint: URL, http: BoundedFetch, limits: ProbeLimits): Promise<McpOutcome> {
  const first = await tryTransport((fetch) => new StreamableHTTPClientTransport(endpoint, { fetch: withoutListeningStream(fetch) }), http, limits);
  if (first.result) return { reached: true, transport: 'streamable-http', unauthenticated: first.result, ...hsts(first.hsts) };
  const status = first.status;
  if (status === undefined) return { reached: first.reached, failure: first.failure! };
  if (status === 400 || status === 404 || status === 405) {
    const fallback = await tryTransport((fetch) => new SSEClientTransport(endpoint, { fetch, eventSourceInit: { fetch } }), http, limits);
    if (fallback.result) return { reached: true, transport: 'sse', unauthenticated: fallback.result, ...hsts(fallback.hsts) };
    if (fallback.status === 401) return { reached: true, transport: 'sse', ...challengeOf(fallback), ...hsts(fallback.hsts) };
  }
  if (status === 401) return { reached: true, transport: 'streamable-http', ...challengeOf(first), ...hsts(first.hsts) };
  return {
    reached: true, unauthenticated: { status, initialized: false }, ...hsts(first.hsts),
    failure: first.failure ?? { code: 'not-mcp', reason: `initialize answered HTTP ${status}` },
  };
}

/**
 * The server-to-client stream a Streamable HTTP client opens (a GET) once initialized: the probe has
 * nothing to listen for, so it is never opened; 405 is how a server says it offers none.
 */
function withoutListeningStream(fetch: BoundedFetch['fetch']): BoundedFetch['fetch'] {
  return (input, init) => ((init?.method ?? 'GET').toUpperCase() === 'GET' ? Promise.resolve(new Response(null, { status: 405 })) : fetch(input, init));
}

function hsts(value: string | undefined): { hsts?: string } {
  return value ? { hsts: value } : {};
}

function challengeOf(attempt: Attempt): Pick<McpOutcome, 'unauthenticated' | 'rawResourceMetadata'> {
  const challenge = attempt.wwwAuthenticate ? parseChallenge(attempt.wwwAuthenticate) : undefined;
  const raw = challenge?.resourceMetadata;
  return {
    unauthenticated: { status: 401, initialized: false, ...(challenge ? { challenge: { ...challenge, ...(raw ? { resourceMetadata: redactedUrl(raw) } : {}) } } : {}) },
    ...(raw ? { rawResourceMetadata: raw } : {}),
  };
}

interface Attempt {
  result?: NonNullable<Observation['unauthenticated']>;
  /** The HTTP status of the first answer to the MCP exchange. */
  status?: number;
  reached: boolean;
  wwwAuthenticate?: string;
  hsts?: string;
  failure?: { code: string; reason: string };
}

async function tryTransport(open: (fetch: BoundedFetch['fetch']) => Transport, http: BoundedFetch, limits: ProbeLimits): Promise<Attempt> {
  const seen: { status?: number; wwwAuthenticate?: string; hsts?: string } = {};
  // The first answer's status and headers: the SDK turns a 401 into an error without them.
  const transport = open(async (input, init) => {
    const response = await http.fetch(input, init);
    if (seen.status === undefined) {
      seen.status = response.status;
      seen.wwwAuthenticate = response.headers.get('www-authenticate') ?? undefined;
      seen.hsts = response.headers.get('strict-transport-security') ?? undefined;
    }
    return response;
  });
  let protocolVersion: string | undefined;
  const setProtocolVersion = transport.setProtocolVersion?.bind(transport);
  transport.setProtocolVersion = (version: string) => { protocolVersion = version; setProtocolVersion?.(version); };
  const client = new Client(CLIENT_INFO, { capabilities: {} });
  try {
    await client.connect(transport, { timeout: limits.timeoutMs * 2 });
    const version = client.getServerVersion();
    return {
      reached: true, ...(seen.status !== undefined ? { status: seen.status } : {}), ...(seen.hsts ? { hsts: seen.hsts } : {}),
      result: {
        ...(seen.status !== undefined ? { status: seen.status } : {}), initialized: true,
        ...(protocolVersion ? { protocolVersion } : {}),
        ...(version?.name ? { serverName: version.name } : {}), ...(version?.version ? { serverVersion: version.version } : {}),
      },
    };
  } catch (error) {
    const failure = error instanceof ProbeFetchError ? { code: error.code, reason: error.message }
      : { code: 'mcp-error', reason: redactedText((error as Error).message ?? String(error)).slice(0, 300) };
    return {
      // A response cut at the size limit, or a refused redirect, still came from the endpoint.
      reached: seen.status !== undefined || http.requests.some((r) => r.status !== undefined),
      ...(seen.status !== undefined ? { status: seen.status } : {}),
      ...(seen.wwwAuthenticate ? { wwwAuthenticate: seen.wwwAuthenticate } : {}), ...(seen.hsts ? { hsts: seen.hsts } : {}), failure,
    };
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** RFC 9728: the challenge's `resource_metadata`, else `/.well-known/oauth-protected-resource` with the endpoint's path appended. */
async function protectedResourceOf(
  endpoint: URL, fromChallenge: string | undefined, http: BoundedFetch,
): Promise<{ observation: ProtectedResourceObservation; issuers: string[] }> {
  const challengeUrl = fromChallenge ? safeHttpUrl(fromChallenge, endpoint) : undefined;
  if (challengeUrl && !followable(challengeUrl, endpoint)) {
    return { observation: { url: redactedUrl(challengeUrl), foundBy: 'challenge', problem: 'private-address-from-public-endpoint' }, issuers: [] };
  }
  const candidates = challengeUrl ? [{ url: challengeUrl, foundBy: 'challenge' as const }]
    : wellKnown(endpoint, 'oauth-protected-resource').map((url) => ({ url, foundBy: 'well-known' as const }));
  let last: ProtectedResourceObservation | undefined;
  for (const candidate of candidates) {
    const fetched = await fetchJson('GET protected resource metadata', candidate.url, http);
    last = { url: redactedUrl(candidate.url), foundBy: candidate.foundBy, ...fetched.meta };
    if (fetched.json) {
      const doc = fetched.json;
      last.document = {
        ...stringField(doc, 'resource'), ...stringsField(doc, 'authorization_servers'),
        ...stringsField(doc, 'scopes_supported'), ...stringsField(doc, 'bearer_methods_supported'),
      };
      const issuers = [...last.document.authorization_servers ?? []];
      return { observation: redactDocument(last), issuers };
    }
  }
  return { observation: last!, issuers: [] };
}

/** RFC 8414 metadata of `issuer` (its path after the well-known prefix), else OpenID discovery in the same placement. */
async function authorizationServerOf(issuer: string, endpoint: URL, http: BoundedFetch): Promise<AuthorizationServerObservation> {
  const issuerUrl = safeHttpUrl(issuer);
  if (!issuerUrl) return { issuer: redactedUrl(issuer), url: redactedUrl(issuer), problem: 'not-an-http-url' };
  if (!followable(issuerUrl, endpoint)) return { issuer: redactedUrl(issuer), url: redactedUrl(issuerUrl), problem: 'private-address-from-public-endpoint' };
  const base = new URL(issuerUrl);
  const path = base.pathname === '/' ? '' : base.pathname.replace(/\/$/, '');
  const candidates = [`${base.origin}/.well-known/oauth-authorization-server${path}`, `${base.origin}/.well-known/openid-configuration${path}`];
  let last: AuthorizationServerObservation = { issuer: redactedUrl(issuer), url: redactedUrl(candidates[0]!) };
  for (const url of candidates) {
    const fetched = await fetchJson('GET authorization server metadata', url, http);
    last = { issuer: redactedUrl(issuer), url: redactedUrl(url), ...fetched.meta };
    if (fetched.json) {
      const doc = fetched.json;
      last.document = {
        ...stringField(doc, 'issuer'), ...stringField(doc, 'authorization_endpoint'), ...stringField(doc, 'token_endpoint'),
        ...stringField(doc, 'registration_endpoint'), ...stringsField(doc, 'code_challenge_methods_supported'),
        ...(typeof doc.client_id_metadata_document_supported === 'boolean' ? { client_id_metadata_document_supported: doc.client_id_metadata_document_supported } : {}),
        ...stringsField(doc, 'scopes_supported'),
      };
      for (const key of ['issuer', 'authorization_endpoint', 'token_endpoint', 'registration_endpoint'] as const) {
        if (last.document[key]) last.document[key] = redactedUrl(last.document[key]);
      }
      return last;
    }
    if (fetched.meta.problem !== 'not-found') return last;
  }
  return last;
}

function wellKnown(endpoint: URL, name: string): string[] {
  const path = endpoint.pathname === '/' ? '' : endpoint.pathname.replace(/\/$/, '');
  const out = [`${endpoint.origin}/.well-known/${name}${path}`];
  if (path) out.push(`${endpoint.origin}/.well-known/${name}`);
  return out;
}

async function fetchJson(purpose: string, url: string, http: BoundedFetch): Promise<{ json?: Record<string, unknown>; meta: { status?: number; problem?: string } }> {
  let response: Response;
  try {
    response = await http.request(purpose, url, { headers: { accept: 'application/json' } });
  } catch (error) {
    return { meta: { problem: error instanceof ProbeFetchError ? error.code : 'network' } };
  }
  const meta = { status: response.status };
  if (response.status === 404 || response.status === 410) return { meta: { ...meta, problem: 'not-found' } };
  if (response.status !== 200) return { meta: { ...meta, problem: `http-${response.status}` } };
  try {
    const json = JSON.parse(await response.text()) as unknown;
    if (json && typeof json === 'object' && !Array.isArray(json)) return { json: json as Record<string, unknown>, meta };
  } catch { /* below */ }
  return { meta: { ...meta, problem: 'not-json' } };
}

/** `initialize` with a foreign `Origin`, outside the SDK (it would not send one): refused means a 403. */
async function originCheck(endpoint: URL, http: BoundedFetch): Promise<NonNullable<Observation['originCheck']>> {
  const body = JSON.stringify({
    jsonrpc: '2.0', id: 1, method: 'initialize',
    params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: CLIENT_INFO },
  });
  try {
    const response = await http.request('POST initialize (foreign Origin)', endpoint.href, {
      method: 'POST', body,
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', origin: FOREIGN_ORIGIN },
    });
    return { origin: FOREIGN_ORIGIN, status: response.status, refused: response.status === 403 };
  } catch {
    return { origin: FOREIGN_ORIGIN, refused: false };
  }
}

/**
 * Whether a metadata URL that a server's answer names may be fetched: not from a public endpoint into
 * a loopback or private address (a hostile server must not turn the auditor's machine into a scanner
 * of its own network). Literal addresses only: a public name that resolves to a private address is
 * not caught here.
 */
export function followable(target: string, endpoint: URL): boolean {
  return isLocalOrPrivateHost(endpoint.hostname) || !isLocalOrPrivateHost(new URL(target).hostname);
}

/** An absolute http(s) URL (relative ones resolved against `base`), or undefined. */
function safeHttpUrl(value: string, base?: URL): string | undefined {
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function stringField(doc: Record<string, unknown>, key: string): Record<string, string> {
  return typeof doc[key] === 'string' ? { [key]: doc[key] as string } : {};
}

function stringsField(doc: Record<string, unknown>, key: string): Record<string, string[]> {
  const value = doc[key];
  return Array.isArray(value) ? { [key]: value.filter((v): v is string => typeof v === 'string') } : {};
}

function redactDocument(observation: ProtectedResourceObservation): ProtectedResourceObservation {
  const doc = observation.document;
  if (doc?.resource) doc.resource = redactedUrl(doc.resource);
  if (doc?.authorization_servers) doc.authorization_servers = doc.authorization_servers.map(redactedUrl);
  return observation;
}
