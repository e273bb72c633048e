/**
 * `publicEndpoints:` of mcp-comply.yaml: URL patterns of remote servers that are public by design.
 * A pattern is `scheme://host[:port][/path]`, matched case-insensitively against an endpoint without
 * its userinfo, query or fragment: `*` stays within a host or path segment, `**` crosses segments,
 * `{a,b}` gives alternatives, and a pattern without a path covers every path of that origin.
 */
import type { McpConfigFile } from '../../collectors/mcp-config/model.js';
import type { PublicEndpoint } from '../../config/check-options.js';
import { findSecrets } from '../../evidence/secrets.js';
import { globToRegExp } from '../../lib/glob.js';
import { endpointsOf, isRemote } from './remote.js';

const PATTERN_SHAPE = /^(\*|https?):\/\/([^/\s?#@]+)(\/[^\s?#]*)?$/i;

/** Why a pattern cannot be used (for a positioned config error), or undefined when it can. */
export function publicEndpointPatternProblem(pattern: string): string | undefined {
  if (/\s/.test(pattern)) return 'a URL pattern has no whitespace';
  // Endpoints are matched with their credentials redacted, so such a pattern could never match; and
  // a credential does not belong in mcp-comply.yaml, which is committed and quoted in reports.
  const secret = findSecrets(pattern)[0];
  if (secret) return `a URL pattern holds no credential (a ${secret.kind.replace(/-/g, ' ')}${secret.part ? ` in its ${secret.part}` : ''}): declare the endpoint without it, e.g. with * in its place`;
  if (pattern.includes('?') || pattern.includes('#')) return 'a URL pattern matches the URL without its query or fragment: remove the part from "?" or "#"';
  if (pattern.includes('@')) return 'a URL pattern names no user or password: remove the part up to "@"';
  const shape = PATTERN_SHAPE.exec(pattern);
  if (!shape) return 'a URL pattern is scheme://host[/path], with the scheme http, https or *';
  if (/^[*.]*$/.test(shape[2]!.replace(/:\d+$/, ''))) return 'a URL pattern names a host (a pattern matching every host would make every endpoint public)';
  return undefined;
}

/** Each pattern's expression, compiled and checked once; null for a pattern that cannot be used (the config load reports it). */
const compiled = new Map<string, RegExp | null>();

function patternRegExp(pattern: string): RegExp | null {
  const known = compiled.get(pattern);
  if (known !== undefined) return known;
  let re: RegExp | null = null;
  if (!publicEndpointPatternProblem(pattern)) {
    const trimmed = pattern.replace(/\/+$/, '');
    const originOnly = !/^[^:]+:\/\/[^/]+\//.test(trimmed);
    re = new RegExp(`${globToRegExp(trimmed).source.slice(0, -1)}${originOnly ? '(?:/.*)?' : ''}$`, 'i');
  }
  compiled.set(pattern, re);
  return re;
}

/** The endpoint (given as its display URL) matches the pattern; a pattern that cannot be used matches nothing. */
export function urlMatchesPattern(display: string, pattern: string): boolean {
  return patternRegExp(pattern)?.test(display.replace(/\/+$/, '')) ?? false;
}

/** The first declaration whose pattern matches the endpoint (given as its display URL), if any. */
export function matchPublicEndpoint(display: string, declared: readonly PublicEndpoint[]): PublicEndpoint | undefined {
  return declared.find((d) => urlMatchesPattern(display, d.pattern));
}

/** Declarations that match no remote endpoint of the estate (stale, or mistyped). */
export function unusedPublicEndpoints(declared: readonly PublicEndpoint[], files: readonly McpConfigFile[]): PublicEndpoint[] {
  const used = new Set<PublicEndpoint>();
  for (const file of files) {
    for (const server of file.servers) {
      for (const endpoint of endpointsOf(server)) {
        if (endpoint.via === 'argument' || !isRemote(endpoint)) continue;
        const match = matchPublicEndpoint(endpoint.display, declared);
        if (match) used.add(match);
      }
    }
  }
  return declared.filter((d) => !used.has(d));
}
