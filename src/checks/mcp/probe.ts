/**
 * Results of the checks that read what the opt-in probe observed (`probe-endpoint` evidence, one item
 * per remote endpoint). A result points at the endpoint URL itself (`location.path`, no line): the
 * observation is of the endpoint, not of a file; it is the same whichever configurations name it
 * (and `--probe-url` names none), so the URL is the one stable place, and the fingerprint survives a
 * configuration moving. Messages name the configurations that reference the endpoint.
 *
 * Each check decides from its own part of the observation when it is there, whatever else failed
 * (a certificate is read even when the MCP exchange then stopped); when that part is missing, the
 * endpoint is `not_observed` with the probe's failure reason, never a pass.
 */
import type { Severity } from '../../catalog/model.js';
import type { AuthorizationServerObservation, ProbeEndpointEvidence } from '../../collectors/probe/model.js';
import type { EvidenceItem } from '../../evidence/types.js';
import type { CheckResult } from '../types.js';
import { isLocalOrPrivateHost, isLoopbackHost, parseUrl } from './url.js';
import type { Data } from './results.js';

export type ProbeItem = EvidenceItem<'probe-endpoint'>;

/** Message templates every probe check shares (each check spreads them into its `messages`). */
export const PROBE_MESSAGES = {
  unreached: 'The probe could not observe {{what}} at {{url}} ({{code}}: {{reason}}){{referenced}}.',
};

/** The messages of every check that judges the authorization servers of endpoints (eachAuthorizationServer). */
export const AUTHORIZATION_SERVER_MESSAGES = {
  ...PROBE_MESSAGES,
  noOAuth: 'The endpoint {{url}} does not ask for authorization (initialize without a credential was not answered 401), so it has no authorization server to judge.',
};

/** ` (named by .cursor/mcp.json:12 "linear", ...)`, or empty for an endpoint named only on the command line. */
export function referencedText(endpoint: ProbeEndpointEvidence): string {
  // `command line` is the path the model gives a --probe-url.
  const refs = endpoint.referencedBy.map((r) => r.path === 'command line' ? 'the command line' : `${r.path}${r.line ? `:${r.line}` : ''}${r.server ? ` "${r.server}"` : ''}`);
  return refs.length ? `, named by ${refs.slice(0, 3).join(', ')}${refs.length > 3 ? ` and ${refs.length - 3} more` : ''}` : '';
}

/** Builds the results for one endpoint: every result at the endpoint URL, each with its own key. */
export class EndpointResults {
  readonly endpoint: ProbeEndpointEvidence;
  readonly results: CheckResult[] = [];
  private readonly item: ProbeItem;

  constructor(item: ProbeItem) {
    this.item = item;
    this.endpoint = item.data;
  }

  private push(status: CheckResult['status'], messageId: string, key: string, data: Data, severity?: Severity): void {
    this.results.push({
      status, messageId, key, evidenceId: this.item.id, location: { path: this.endpoint.url },
      data: { url: this.endpoint.url, referenced: referencedText(this.endpoint), ...data },
      ...(severity ? { severity } : {}),
    });
  }

  fail(messageId: string, severity: Severity, key: string, data: Data = {}): void { this.push('fail', messageId, key, data, severity); }
  pass(messageId: string, key: string, data: Data = {}): void { this.push('pass', messageId, key, data); }
  notApplicable(messageId: string, key: string, data: Data = {}): void { this.push('not_applicable', messageId, key, data); }
  notObserved(messageId: string, key: string, data: Data = {}): void { this.push('not_observed', messageId, key, data); }

  /** The part `what` was not observed: not_observed with the probe's failure reason (or that the probe did not record it). */
  unreached(what: string, key: string): void {
    const failure = this.endpoint.failure ?? { code: 'not-recorded', reason: 'the probe recorded no observation of this part' };
    this.notObserved('unreached', key, { what, code: failure.code, reason: failure.reason });
  }
}

/** Runs `perEndpoint` over the `probe-endpoint` items; none means no evidence, so no results (the engine says not_observed). */
export function eachEndpoint(items: readonly ProbeItem[], perEndpoint: (results: EndpointResults) => void): CheckResult[] {
  return items.flatMap((item) => {
    const results = new EndpointResults(item);
    perEndpoint(results);
    return results.results;
  });
}

/**
 * Runs `judge` over each authorization server whose metadata the probe read, for the checks that
 * judge them: an endpoint not reached is not_observed, one that does not ask for authorization is
 * not_applicable (`noOAuth`), a server whose metadata could not be read is not_observed
 * (`metadataUnavailable`, which each such check words for what it could not see).
 */
export function eachAuthorizationServer(
  items: readonly ProbeItem[],
  judge: (results: EndpointResults, server: AuthorizationServerObservation & { document: NonNullable<AuthorizationServerObservation['document']> }, key: string, data: Data) => void,
): CheckResult[] {
  return eachEndpoint(items, (results) => {
    const { endpoint } = results;
    if (!endpoint.unauthenticated) return results.unreached('the answer to initialize without a credential', 'endpoint');
    if (!demandsAuthorization(endpoint)) return results.notApplicable('noOAuth', 'endpoint');
    const servers = endpoint.authorizationServers ?? [];
    if (servers.length === 0) return results.unreached('the authorization server metadata', 'endpoint');
    for (const server of servers) {
      const key = `authorizationServers/${server.issuer}`;
      const data = { issuer: server.issuer, metadataUrl: server.url };
      if (server.document) judge(results, { ...server, document: server.document }, key, data);
      else results.notObserved('metadataUnavailable', key, { ...data, problem: server.problem ?? `HTTP ${server.status ?? 'with no status'}` });
    }
  });
}

/** The endpoint asked for authorization: `initialize` without a credential was answered 401. */
export function demandsAuthorization(endpoint: ProbeEndpointEvidence): boolean {
  return endpoint.unauthenticated?.status === 401;
}

/** The endpoint's host is loopback, private or link-local (url.ts isLocalOrPrivateHost). */
export function isLocalOrPrivateUrl(url: string): boolean {
  const host = parseUrl(url)?.host;
  return host !== undefined && isLocalOrPrivateHost(host);
}

/**
 * An endpoint URL of an authorization server's metadata, as safe to show: scheme, host, port and
 * path for http(s); the scheme alone for anything else (a `javascript:` or `data:` value is a
 * payload, never shown).
 */
export function shownEndpoint(value: string): { scheme: string; shown: string; loopback: boolean } {
  const parsed = parseUrl(value);
  if (parsed) return { scheme: parsed.scheme, shown: parsed.display, loopback: isLoopbackHost(parsed.host) };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value.trim())?.[1]?.toLowerCase() ?? '';
  return { scheme, shown: scheme ? `${scheme}:…` : 'a value that is not a URL', loopback: false };
}
