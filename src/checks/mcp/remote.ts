/**
 * The remote endpoints a server entry talks to, and the credential it declares for each: the
 * entry's own `url` (client HTTP/SSE transports, server.json remotes), the target of a stdio bridge
 * (mcp-remote, mcp-proxy, supergateway), and other URLs passed as arguments.
 */
import type { McpServer } from '../../collectors/mcp-config/model.js';
import { HOSTED_MCP_URL_SHAPES } from '../../evidence/hosted-mcp-urls.js';
import { isCredentialParameterName } from '../../evidence/secrets.js';
import { parseInvocation, tokenField, type Bridge } from './command-line.js';
import { argKey, fieldKey } from './locate.js';
import { isHttpScheme, isLoopbackHost, parseUrl, queryParams, safeText, type ParsedUrl } from './url.js';
import { isInterpolated, isRedacted } from './values.js';

export interface Endpoint {
  /** The parsed URL; undefined when the whole URL is resolved at run time (`${MCP_URL}`). */
  url?: ParsedUrl;
  /** The URL for messages: no userinfo, query or fragment. */
  display: string;
  /** Positions field: `url`, `args/<n>` or `command`. */
  field: string;
  key: string;
  /** `url`: the entry's own transport URL; `bridge`: a bridge's target; `argument`: any other URL argument. */
  via: 'url' | 'bridge' | 'argument';
  bridge?: Bridge;
}

/**
 * URL arguments that are not connections of this server: forward proxies (plain http:// to a proxy
 * still carries TLS end to end), OAuth resource identifiers, allowed origins, redirect/callback
 * URLs and advertised base URLs of the server's own listener.
 */
const NOT_A_CONNECTION = /proxy|resource|origin|cors|redirect|callback|base-?url|homepage|website|docs?$/i;

export function endpointsOf(server: McpServer): Endpoint[] {
  const out: Endpoint[] = [];
  const urlText = server.url?.trim();
  if (urlText && !(isRedacted(urlText) && !parseUrl(urlText))) {
    const url = parseUrl(urlText);
    if (url ? isHttpScheme(url.scheme) : isInterpolated(urlText)) {
      out.push({ url, display: safeText(urlText), field: 'url', key: fieldKey(server, 'url'), via: 'url' });
    }
  }
  const invocation = parseInvocation(server);
  const bridge = invocation.bridge;
  const target = bridge?.target;
  if (bridge && target) {
    const url = parseUrl(target.value);
    if (!url || isHttpScheme(url.scheme)) {
      const display = safeText(target.value);
      out.push({ url, display, field: tokenField(target), key: argKey(server, display), via: 'bridge', bridge });
    }
  }
  const args = invocation.kind === 'docker-run' || invocation.kind === 'npm-runner' || invocation.kind === 'python-runner' || invocation.kind === 'direct'
    ? invocation.serverArgs : [];
  args.forEach((token, i) => {
    if (token === target) return;
    const previous = args[i - 1]?.value ?? '';
    if ((previous.startsWith('-') && NOT_A_CONNECTION.test(previous)) || (token.value.startsWith('-') && NOT_A_CONNECTION.test(token.value.split('=')[0]!))) return;
    const eq = token.value.startsWith('-') ? token.value.indexOf('=') : -1;
    const text = eq >= 0 ? token.value.slice(eq + 1) : token.value;
    const url = parseUrl(text);
    if (!url || !isHttpScheme(url.scheme)) return;
    out.push({ url, display: url.display, field: tokenField(token), key: argKey(server, url.display), via: 'argument' });
  });
  return out;
}

/** The endpoint leaves the local host (or its host is only known at run time). */
export function isRemote(endpoint: Endpoint): boolean {
  return !endpoint.url || endpoint.url.hostIsVariable || !isLoopbackHost(endpoint.url.host);
}

const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$|token|api[-_]?key|apikey|secret|auth|password|session/i;

/**
 * How the entry authenticates to this endpoint, as far as the configuration says (a phrase for
 * messages), or undefined when it declares nothing. Never returns a value, only its kind or name.
 */
export function declaredCredential(server: McpServer, endpoint: Endpoint): string | undefined {
  if (endpoint.via === 'argument') return undefined;
  if (server.auth.bearerEnvVar) return `a bearer token from the ${server.auth.bearerEnvVar} variable`;
  // Only an OAuth setting written in the entry (it has a position) declares something. The collector
  // also infers `auth.oauth` where the client runs OAuth if the server asks (mcp-remote, a Codex
  // remote without bearer token or headers): that is runtime negotiation, not a declaration, and
  // bridges are judged by their own arguments (a header, static OAuth client settings).
  if (server.auth.oauth && endpoint.via === 'url' && server.positions['auth/oauth']) return 'OAuth';
  if (endpoint.via === 'url') {
    for (const [name, value] of Object.entries(server.headers)) {
      if (CREDENTIAL_HEADER.test(name) && (value.trim() !== '' || server.client === 'server.json')) return `the ${name} header`;
    }
  }
  const bridge = endpoint.bridge;
  if (bridge) {
    const header = bridge.headers.find((h) => CREDENTIAL_HEADER.test(h.name));
    if (header) return `the ${header.name} header`;
    if (bridge.oauth) return 'OAuth client settings';
    if (bridge.tool === 'mcp-proxy' && server.env.API_ACCESS_TOKEN !== undefined) return 'the API_ACCESS_TOKEN variable';
  }
  if (endpoint.url && queryParams(endpoint.url).some((p) => p.value !== '' && isCredentialParameterName(p.name, endpoint.url!.host))) {
    return 'a credential in the URL query';
  }
  // Hosted MCP platforms that take the user's key in the path (Zapier, Firecrawl, Make, ...), whether
  // written (found and redacted by the collector) or interpolated (`/s/${ZAPIER_KEY}/mcp`), and userinfo.
  const written = server.secrets.find((s) => s.field === endpoint.field && (s.part === 'path' || s.part === 'userinfo'));
  if (written) return `a credential in the URL ${written.part}`;
  const url = endpoint.url;
  if (url && HOSTED_MCP_URL_SHAPES.some((shape) => shape.path && shape.host.test(url.host) && shape.path.test(url.path))) return 'a credential in the URL path';
  return undefined;
}
