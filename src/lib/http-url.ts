/** Links and endpoints from user input: only http(s) ever becomes a link or is called (no javascript:, data:, file:). */
import { detectSecret, REDACTED } from '../evidence/secrets.js';

/** The parsed URL when `text` is an absolute http(s) URL, else undefined. */
export function httpUrlOf(text: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/**
 * The host[:port] of an http(s) URL, for inventories and reports: never its path, query, fragment or
 * userinfo, which may carry credentials. Undefined when `text` is not an absolute http(s) URL (an
 * unresolved `${env:HOST}` say). A host that itself looks like a credential is given as REDACTED.
 */
export function endpointHostOf(text: string): string | undefined {
  const host = httpUrlOf(text)?.host;
  if (!host) return undefined;
  return detectSecret(host) ? REDACTED : host;
}
