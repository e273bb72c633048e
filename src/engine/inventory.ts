/**
 * The estate as seen: MCP servers from the configurations (with their remote host, their system and
 * their findings), tool definitions from the snapshots, repositories, what GitHub answered for, and
 * log streams with the period they cover. Kept in assessment.json so the boundary can be stated and
 * the next quarter can say what is new, gone or silently changed.
 */
import { groupStreams } from '../checks/logs/streams.js';
import type { EvidenceItem, EvidenceKind } from '../evidence/types.js';
import { globToRegExp } from '../lib/glob.js';
import { endpointHostOf } from '../lib/http-url.js';
import type { Finding, Inventory, InventoryServer, ScopeSystem } from './assessment.js';

export interface InventoryContext {
  /** mcp-comply.yaml `systems:`, to assign each server to one. */
  systems?: ScopeSystem[] | undefined;
  /** The assessment's findings, counted per server. */
  findings?: Array<Pick<Finding, 'server' | 'location'>>;
}

const byKey = <T>(key: (x: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));
const serverFindingKey = (server: string, configPath: string) => `${server}\u0000${configPath}`;

function itemsOf<K extends EvidenceKind>(items: EvidenceItem[], kind: K): Array<EvidenceItem<K>> {
  return items.filter((i): i is EvidenceItem<K> => i.kind === kind);
}

export function inventoryOf(items: EvidenceItem[], context: InventoryContext = {}): Inventory {
  const systems = context.systems ?? [];
  // Counted once, not filtered per server: an estate of thousands of servers has tens of thousands of findings.
  const findingsAt = new Map<string, number>();
  for (const f of context.findings ?? []) {
    if (f.server === undefined) continue;
    const key = serverFindingKey(f.server, f.location.path);
    findingsAt.set(key, (findingsAt.get(key) ?? 0) + 1);
  }
  const servers = itemsOf(items, 'mcp-config').flatMap((i) => i.data.servers.map((s): InventoryServer => {
    const endpoint = s.url === undefined ? undefined : endpointHostOf(s.url);
    const system = systemOf(s.name, i.data.path, systems);
    return {
      name: s.name, client: s.client, transport: s.transport, path: i.data.path, line: s.at.line, disabled: s.disabled,
      ...(endpoint ? { endpoint } : {}), ...(system ? { system } : {}),
      findings: findingsAt.get(serverFindingKey(s.name, i.data.path)) ?? 0,
    };
  }));
  const tools = itemsOf(items, 'tool-snapshot')
    .flatMap((i) => i.data.tools.map((t) => ({ server: i.data.server, name: t.name, sha256: t.sha256, path: i.data.path })));
  const repositories = itemsOf(items, 'repository').map(({ data: r }) => ({
    path: r.root, git: r.git, listing: r.listing, ...(r.scope ? { scope: [...r.scope] } : {}),
  }));
  const organizations = itemsOf(items, 'github-org').map(({ data: o }) => ({
    org: o.org, apiHost: endpointHostOf(o.apiUrl) ?? 'unknown',
    repositoriesListed: o.repositories.listed, repositoriesAssessed: o.repositories.assessed, archivedSkipped: o.repositories.archivedSkipped.length,
  }));
  const githubRepos = itemsOf(items, 'github-repo').map(({ data: r }) => ({ repo: r.repo, visibility: r.visibility, defaultBranch: r.defaultBranch }));
  const logs = groupStreams(itemsOf(items, 'log-source').map((i) => i.data), (l) => l.path).map(({ stream, files }) => {
    const formats = [...new Set(files.map((f) => f.format))];
    const oldest = files.flatMap((f) => (f.timeSpan ? [f.timeSpan.oldest.ts] : [])).sort()[0];
    const newest = files.flatMap((f) => (f.timeSpan ? [f.timeSpan.newest.ts] : [])).sort().at(-1);
    return {
      stream, paths: files.map((f) => f.path).sort(), format: formats.length === 1 ? formats[0]! : 'mixed',
      ...(oldest ? { from: oldest } : {}), ...(newest ? { to: newest } : {}),
      events: files.reduce((sum, f) => sum + f.events, 0),
    };
  });
  return {
    servers: servers.sort(byKey((s) => `${s.path}\u0000${s.name}`)),
    tools: tools.sort(byKey((t) => `${t.server}\u0000${t.name}\u0000${t.path}`)),
    repositories: repositories.sort(byKey((r) => r.path)),
    github: {
      organizations: organizations.sort(byKey((o) => o.org)),
      repositories: githubRepos.sort(byKey((r) => r.repo)),
    },
    logs,
  };
}

/**
 * The system a server belongs to: the first of `systems` (in the order written) that names it in
 * `servers` (`*` matches any run of characters) or whose `paths` hold its configuration file (a file,
 * a folder and everything under it, or a glob). When one system alone is declared and it names
 * neither, the whole estate assessed is that system.
 */
export function systemOf(server: string, configPath: string, systems: ScopeSystem[]): string | undefined {
  const matched = systems.find((s) => (s.servers ?? []).some((p) => nameMatches(p, server)) || (s.paths ?? []).some((p) => underPath(p, configPath)));
  if (matched) return matched.name;
  const [only] = systems;
  return systems.length === 1 && !only!.servers?.length && !only!.paths?.length ? only!.name : undefined;
}

/**
 * The system whose `paths` hold a file that is not an MCP configuration (a workflow, a log, a
 * repository's manifest), so findings without a server still reach an owner; the one-system rule as above.
 */
export function systemOfPath(file: string, systems: ScopeSystem[]): string | undefined {
  const matched = systems.find((s) => (s.paths ?? []).some((p) => underPath(p, file)));
  if (matched) return matched.name;
  const [only] = systems;
  return systems.length === 1 && !only!.servers?.length && !only!.paths?.length ? only!.name : undefined;
}

function nameMatches(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(name);
}

function underPath(pattern: string, file: string): boolean {
  const p = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  if (p === '.' || p === '') return !file.startsWith('~/');
  if (/[*?{]/.test(p)) return globToRegExp(p).test(file);
  return file === p || file.startsWith(`${p}/`);
}
