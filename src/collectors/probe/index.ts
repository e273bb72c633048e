/**
 * The opt-in probe (issue 20, `--probe`): one `probe-endpoint` item per http(s) endpoint that an
 * assessed MCP configuration connects to (an entry's own `url` or a bridge's target) and per URL the
 * user names, deduplicated by redacted URL. Nothing happens without `context.probe`; a stdio server
 * is never started and no tool is called. At most PROBE_CONCURRENCY endpoints at a time.
 */
import type { McpConfigFile } from '../mcp-config/model.js';
import type { Collector, CollectContext, EvidenceItem, ProbeSettings } from '../../evidence/types.js';
import { endpointsOf } from '../../checks/mcp/remote.js';
import { REDACTED } from '../../evidence/secrets.js';
import { mapPool } from '../../lib/promise-pool.js';
import { DEFAULT_LIMITS, redactedUrl } from './http.js';
import type { ProbeEndpointEvidence, ProbeReference } from './model.js';
import { observeEndpoint } from './observe.js';

const COLLECTOR_ID = 'probe';
export const PROBE_CONCURRENCY = 4;

export const probeCollector: Collector = {
  id: COLLECTOR_ID,
  title: 'Opt-in probe of remote MCP endpoints (initialize, OAuth metadata, TLS, Origin)',
  produces: ['probe-endpoint'],
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
  const observed = await mapPool(targets, PROBE_CONCURRENCY, async (target): Promise<ProbeEndpointEvidence> => {
    const base = { url: target.display, referencedBy: target.referencedBy };
    const data: ProbeEndpointEvidence = target.url ? { ...base, ...await observeEndpoint(target.url, limits, context.now) }
      : { ...base, reached: false, failure: target.unusable!, requests: [] };
    context.progress?.(`Probe: ${++done}/${targets.length} endpoints`);
    return data;
  });
  return observed.map((data) => ({
    id: `probe-endpoint:${data.url}`, kind: 'probe-endpoint', collector: COLLECTOR_ID, source: data.url, collectedAt: context.now, data,
  }));
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
