/**
 * URL reading for the transport and authentication checks. Tolerant on purpose: configuration URLs
 * carry interpolations (`https://${HOST}/mcp`, `https://{host}/mcp`) and redaction markers
 * (`https://[REDACTED]@host/`) that the WHATWG parser rejects or rewrites.
 */
import { decodeUrlComponent } from '../../lib/url-decode.js';
import { isInterpolated } from './values.js';

export interface ParsedUrl {
  /** Lower-case scheme: `http`, `https`, `ws`, `wss`, ... */
  scheme: string;
  /** Host as written, lower-case, IPv6 brackets removed; may hold an interpolation. */
  host: string;
  port?: string;
  path: string;
  /** Query without the `?`; may hold secrets, never shown. */
  query: string;
  hasUserinfo: boolean;
  /** The host is resolved at run time (`${HOST}`, `{host}`), so it is not a literal host. */
  hostIsVariable: boolean;
  /** Scheme, host, port and path only: no userinfo, query or fragment. Safe for messages and keys. */
  display: string;
}

const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;

export function parseUrl(value: string): ParsedUrl | undefined {
  const match = URL_SHAPE.exec(value.trim());
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  let authority = match[2]!;
  const at = authority.lastIndexOf('@');
  const hasUserinfo = at >= 0;
  if (hasUserinfo) authority = authority.slice(at + 1);
  let host = authority;
  let port: string | undefined;
  const hostIsVariable = isInterpolated(authority);
  if (!hostIsVariable) {
    const v6 = /^\[([^\]]*)\](?::(\d*))?$/.exec(authority);
    if (v6) { host = v6[1]!; port = v6[2] || undefined; } else {
      const colon = authority.lastIndexOf(':');
      if (colon >= 0 && /^\d*$/.test(authority.slice(colon + 1))) {
        host = authority.slice(0, colon);
        port = authority.slice(colon + 1) || undefined;
      }
    }
  }
  if (!hostIsVariable) host = host.toLowerCase();
  const path = match[3] ?? '';
  const shownHost = !hostIsVariable && host.includes(':') ? `[${host}]` : host;
  return {
    scheme, host, port, path, query: match[4] ?? '', hasUserinfo, hostIsVariable,
    display: `${scheme}://${shownHost}${port ? `:${port}` : ''}${path}`,
  };
}

/** `localhost`, `*.localhost`, 127.0.0.0/8, `::1` (and its IPv4-mapped and long forms). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (/^127(\.\d{1,3}){3}$/.test(h)) return true;
  if (/^::ffff:127(\.\d{1,3}){3}$/.test(h)) return true;
  return /^(0{0,4}:){2,7}0{0,3}1$/.test(h) || h === '::1';
}

/**
 * A loopback host, or a private (RFC 1918, RFC 4193) or link-local literal address: where DNS
 * rebinding reaches a server. Literal addresses only: `10.example.com` is a public name.
 */
export function isLocalOrPrivateHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (isLoopbackHost(h)) return true;
  if (/^[\d.]+$/.test(h) && /^10\.|^192\.168\.|^169\.254\.|^172\.(1[6-9]|2\d|3[01])\./.test(h)) return true;
  return /^f[cd][0-9a-f]{2}:|^fe[89ab][0-9a-f]:/i.test(h);
}

export function isPlaintextScheme(scheme: string): boolean {
  return scheme === 'http' || scheme === 'ws';
}

export function isHttpScheme(scheme: string): boolean {
  return scheme === 'http' || scheme === 'https' || scheme === 'ws' || scheme === 'wss';
}

/** Query parameters (names and values), for flags such as `?verify=false` or `?api_key=`. */
export function queryParams(url: ParsedUrl): Array<{ name: string; value: string }> {
  if (!url.query) return [];
  return url.query.split('&').filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    const raw = eq >= 0 ? [pair.slice(0, eq), pair.slice(eq + 1)] : [pair, ''];
    return { name: decodeUrlComponent(raw[0]!), value: decodeUrlComponent(raw[1]!) };
  });
}

/** Strips userinfo, query and fragment from any URL-looking text, for messages and keys. */
export function safeText(value: string): string {
  const url = parseUrl(value);
  if (url) return url.display;
  return value.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@\s]*@/g, '$1').replace(/\?.*$/, '');
}
