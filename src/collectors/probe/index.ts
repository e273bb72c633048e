/**
 * The opt-in probe (issue 20, `--probe`): one `probe-endpoint` item per http(s) endpoint that an
 * assessed MCP configuration connects to (an entry's own `url` or a bridge's target) and per URL the
 * user names, deduplicated by redacted URL. Nothing happens without `context.probe`; a stdio server
 * is never started and no tool is called. At most PROBE_CONCURRENCY endpoints at a time.
 */
import type { McpConfigFile } from '../mcp-config/model.js';
import { parseToolSnapshot } from '../tool-snapshot/parse.js';
import type { Collector, CollectContext, EvidenceDataMap, EvidenceItem, ProbeCredential, ProbeSettings } from '../../evidence/types.js';
import { isLoopbackHost } from '../../checks/mcp/url.js';
import { urlMatchesPattern } from '../../checks/mcp/public-endpoints.js';
import { endpointsOf } from '../../checks/mcp/remote.js';
import { REDACTED } from '../../evidence/secrets.js';
import { mapPool } from '../../lib/promise-pool.js';
import { DEFAULT_LIMITS, redactedText, redactedUrl, type ProbeLimits } from './http.js';
import type { ProbeEndpointEvidence, ProbeReference } from './model.js';
import { observeEndpoint, type Listing } from './observe.js';

const COLLECTOR_ID = 'probe';
export const PROBE_CONCURRENCY = 4;

export const probeCollector: Collector = {
  id: COLLECTOR_ID,
  title: 'Opt-in probe of remote MCP endpoints (initialize, OAuth metadata, TLS, Origin)',
  produces: ['probe-endpoint', 'tool-snapshot'],
  collect: collectProbe,
};

interface Target {
  /** The URL to contact, or undefined when it cannot be (resolved at run time, or redacted). */
  url?: URL;
  display: string;
  referencedBy: ProbeReference[];
  unusable?: { code: string; reason: string };
}

export async function collectProbe(context: CollectContext): Promise<EvidenceItem[]> {
  const settings = context.probe;
  if (!settings) return [];
  const targets = targetsOf(settings, context.collected ?? []);
  const limits = { ...DEFAULT_LIMITS, ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}) };
  let done = 0;
  const observed = await mapPool(targets, PROBE_CONCURRENCY, async (target): Promise<EvidenceItem[]> => {
    const items = await observeTarget(target, settings, limits, context.now);
    context.progress?.(`Probe: ${++done}/${targets.length} endpoints`);
    return items;
  });
  return observed.flat();
}

/** The endpoint's item, and the tool snapshot of a session with its credential. */
async function observeTarget(target: Target, settings: ProbeSettings, limits: ProbeLimits, now: string): Promise<EvidenceItem[]> {
  const item = <K extends 'probe-endpoint' | 'tool-snapshot'>(kind: K, source: string, data: EvidenceDataMap[K]): EvidenceItem =>
    ({ id: `${kind}:${source}`, kind, collector: COLLECTOR_ID, source, collectedAt: now, data });
  const base = { url: target.display, referencedBy: target.referencedBy };
  if (!target.url) return [item('probe-endpoint', target.display, { ...base, reached: false, failure: target.unusable!, requests: [] })];
  const credential = credentialFor(target.display, settings.credentials ?? []);
  const refusal = credential && credentialRefusal(target.url, credential);
  let observed: Awaited<ReturnType<typeof observeEndpoint>>;
  try {
    observed = await observeEndpoint(target.url, limits, now, credential?.value && !refusal ? { header: credential.header, value: credential.value } : undefined);
  } catch (error) {
    // Not expected (every request's failure is an observation); kept as the endpoint's failure, never dropped.
    observed = { reached: false, failure: { code: 'probe-error', reason: redactedText((error as Error).message ?? String(error)) }, requests: [] };
  }
  const { listing, ...observation } = observed;
  const data: ProbeEndpointEvidence = { ...base, ...observation };
  if (credential && refusal) data.authenticated = { header: credential.header, initialized: false, failure: refusal };
  const snapshot = listing && credential?.value ? snapshotOf(target, listing, credential.value) : undefined;
  if (!snapshot || !data.authenticated) return [item('probe-endpoint', data.url, data)];
  data.authenticated.snapshot = `tool-snapshot:${snapshot.path}`;
  return [item('probe-endpoint', data.url, data), item('tool-snapshot', snapshot.path, snapshot)];
}

/** Why the credential is not sent: its variable is unset, or the endpoint is plain http off this machine. */
export function credentialRefusal(url: URL, credential: ProbeCredential): { code: string; reason: string } | undefined {
  if (!credential.value) return { code: 'credential-unset', reason: `the variable ${credential.env} is not set` };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname.replace(/^\[|\]$/g, ''))) {
    return { code: 'plaintext', reason: 'a credential is never sent over plain http to another host' };
  }
  return undefined;
}

/** The first credential whose pattern matches the endpoint. */
function credentialFor(display: string, credentials: readonly ProbeCredential[]): ProbeCredential | undefined {
  return credentials.find((c) => urlMatchesPattern(display, c.pattern));
}

/**
 * The lists as a tool snapshot, read by the snapshot parser like a saved file (`probe:<url>`), so the
 * poisoning, lock and known-vulnerable checks read it like any other; named after the configured
 * server when one references the endpoint. An echo of the credential is replaced first.
 */
function snapshotOf(target: Target, listing: Listing, secret: string) {
  const server = target.referencedBy.find((r) => r.server)?.server ?? listing.serverInfo?.name ?? target.display;
  let text = JSON.stringify({ server, ...listing }, null, 2);
  // The whole value, and the token after its scheme (`Bearer <token>`).
  for (const part of [secret, secret.replace(/^[A-Za-z]+\s+/, '')]) if (part.length >= 8) text = text.split(part).join(REDACTED);
  return parseToolSnapshot(text, `probe:${target.display}`).snapshots[0];
}

/** The endpoints of the assessed configurations, then the named URLs, one target per redacted URL. */
export function targetsOf(settings: ProbeSettings, collected: readonly EvidenceItem[]): Target[] {
  const byDisplay = new Map<string, Target>();
  const add = (raw: string | undefined, display: string, reference: ProbeReference) => {
    const known = byDisplay.get(display);
    if (known) {
      known.referencedBy.push(reference);
      // The same endpoint written without a credential elsewhere (`--probe-url`, say) can be contacted.
      const usable = known.url ? undefined : contactable(raw);
      if (usable?.url) { known.url = usable.url; delete known.unusable; }
      return;
    }
    byDisplay.set(display, { ...contactable(raw), display, referencedBy: [reference] });
  };
  for (const item of collected) {
    if (item.kind !== 'mcp-config') continue;
    const file = item.data as McpConfigFile;
    for (const server of file.servers) {
      if (server.disabled) continue;
      for (const endpoint of endpointsOf(server)) {
        if (endpoint.via === 'argument') continue;
        const at = server.positions[endpoint.field] ?? server.at;
        const raw = endpoint.via === 'url' ? server.url : endpoint.bridge?.target?.value;
        add(raw, redactedUrl(endpoint.display), { path: file.path, server: server.name, line: at.line, column: at.column });
      }
    }
  }
  for (const named of settings.urls) add(named.url, redactedUrl(named.url), named.reference);
  return [...byDisplay.values()];
}

/**
 * The URL the probe may contact: absolute http(s), its host literal, nothing redacted or interpolated
 * in it. Userinfo, query and fragment are dropped (they may carry a credential; the probe sends none).
 */
function contactable(raw: string | undefined): Pick<Target, 'url' | 'unusable'> {
  const text = raw?.trim() ?? '';
  if (text.includes(REDACTED)) return { unusable: { code: 'redacted-url', reason: 'the URL holds a credential, which the probe never sends' } };
  if (/\$\{|\{[A-Za-z_][\w.-]*\}|\$[A-Za-z_]/.test(text)) return { unusable: { code: 'unresolved-url', reason: 'the URL is resolved at run time (an interpolation)' } };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { unusable: { code: 'invalid-url', reason: 'not an absolute URL' } };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { unusable: { code: 'not-http', reason: `scheme ${url.protocol.replace(/:$/, '')} is not probed` } };
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return { url };
}
