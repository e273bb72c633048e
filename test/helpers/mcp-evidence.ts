/**
 * Synthetic MCP configuration evidence for check tests. A file spec is rendered as a real JSON
 * document (2-space indent, fields in a fixed order) and parsed with the project's JSONC reader, so
 * every server gets the `at` and `positions` a collector would give it:
 *
 *   1  {
 *   2    "mcpServers": {
 *   3      "<name>": {              <- at (the key), column 5
 *   4        "type": ...,            <- fields in this order when present: type, command, args,
 *            ...                        env, url, headers, disabled, autoApprove
 *
 * Each field is on its own line; its value starts at column 11 + len(field) ("command" -> 18,
 * "url" -> 14, "type" -> 15, "autoApprove" -> 22). Array items (args, autoApprove) are one per line
 * at column 9; env and headers values are at column 13 + len(key).
 */
import type { Advisory } from '../../src/collectors/advisories/model.js';
import { BUILTIN_ADVISORIES_FILE, readAdvisoryFile } from '../../src/collectors/advisories/index.js';
import type {
  McpClient, McpConfigFile, McpScope, McpServer, McpTransport, SecretFinding,
} from '../../src/collectors/mcp-config/model.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import type { SourcePosition } from '../../src/lib/source-position.js';
import { parseJsonc } from '../../src/lib/jsonc-file.js';

export interface ServerSpec {
  name: string;
  type?: string;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  url?: string;
  headers?: Record<string, string>;
  disabled?: boolean;
  autoApprove?: string[] | 'all';
  /** Defaults: from `url` (sse when type is sse, else streamable-http), else stdio. */
  transport?: McpTransport;
  /** Auth as the collector infers it (not written in the entry). */
  auth?: McpServer['auth'];
  /** An `oauth` block written in the entry (last field): sets `auth.oauth` with its position, as a declared setting. */
  oauth?: true | Record<string, unknown>;
  secrets?: SecretFinding[];
  client?: McpClient;
  scope?: McpScope;
}

export interface FileSpec {
  path?: string;
  client?: McpClient;
  servers: ServerSpec[];
  settings?: McpConfigFile['settings'];
}

const INTERPOLATION = /\$\{[^}]*\}|\$env:[A-Za-z_]\w*|\$[A-Za-z_]\w*|\{\{[^}]*\}\}|%[A-Za-z_]\w*%/g;

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function mcpConfig(spec: FileSpec): McpConfigFile {
  const client = spec.client ?? 'cursor';
  const rootKey = client === 'vscode' ? 'servers' : 'mcpServers';
  const entries: Record<string, Record<string, unknown>> = {};
  for (const s of spec.servers) {
    const entry: Record<string, unknown> = {};
    if (s.type !== undefined) entry.type = s.type;
    if (s.command !== undefined) entry.command = s.command;
    if (s.args !== undefined) entry.args = s.args;
    if (s.env !== undefined) entry.env = s.env;
    if (s.url !== undefined) entry.url = s.url;
    if (s.headers !== undefined) entry.headers = s.headers;
    if (s.disabled !== undefined) entry.disabled = s.disabled;
    if (s.autoApprove !== undefined) entry.autoApprove = s.autoApprove;
    if (s.oauth !== undefined) entry.oauth = s.oauth;
    entries[s.name] = entry;
  }
  const document: Record<string, unknown> = { [rootKey]: entries };
  if (spec.settings?.enableAllProjectMcpServers !== undefined) document.enableAllProjectMcpServers = spec.settings.enableAllProjectMcpServers;
  const parsed = parseJsonc(JSON.stringify(document, null, 2));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const doc = parsed.document;
  const pos = (path: Array<string | number>, part: 'key' | 'value' = 'value'): SourcePosition => {
    const at = doc.positionOf(path, part);
    if (!at) throw new Error(`no position for ${path.join('/')}`);
    return at;
  };

  const servers: McpServer[] = spec.servers.map((s) => {
    const base = [rootKey, s.name];
    const positions: Record<string, SourcePosition> = {};
    for (const field of ['type', 'command', 'url', 'disabled'] as const) if (s[field] !== undefined) positions[field] = pos([...base, field]);
    if (s.oauth !== undefined) positions['auth/oauth'] = pos([...base, 'oauth']);
    for (const field of ['args', 'autoApprove'] as const) {
      const value = s[field];
      if (value === undefined) continue;
      positions[field] = pos([...base, field]);
      if (Array.isArray(value)) value.forEach((_, i) => { positions[`${field}/${i}`] = pos([...base, field, i]); });
    }
    for (const field of ['env', 'headers'] as const) {
      const value = s[field];
      if (value === undefined) continue;
      positions[field] = pos([...base, field]);
      for (const key of Object.keys(value)) positions[`${field}/${key}`] = pos([...base, field, key]);
    }
    const strings = [s.command, s.url, ...(s.args ?? []), ...Object.values(s.env ?? {}), ...Object.values(s.headers ?? {})]
      .filter((v): v is string => typeof v === 'string');
    return {
      name: s.name,
      client: s.client ?? client,
      scope: s.scope ?? 'project',
      pointer: `/${rootKey}/${escapePointer(s.name)}`,
      at: pos(base, 'key'),
      transport: s.transport ?? (s.url !== undefined ? (s.type === 'sse' ? 'sse' : 'streamable-http') : s.command !== undefined ? 'stdio' : 'unknown'),
      ...(s.type !== undefined ? { declaredType: s.type } : {}),
      ...(s.command !== undefined ? { command: s.command } : {}),
      args: s.args ?? [],
      env: s.env ?? {},
      ...(s.url !== undefined ? { url: s.url } : {}),
      headers: s.headers ?? {},
      auth: s.oauth !== undefined ? { ...s.auth, oauth: true } : s.auth ?? {},
      disabled: s.disabled ?? false,
      ...(s.autoApprove !== undefined ? { autoApprove: s.autoApprove } : {}),
      interpolations: [...new Set(strings.flatMap((v) => v.match(INTERPOLATION) ?? []))],
      secrets: s.secrets ?? [],
      positions,
    };
  });

  const filePositions: Record<string, SourcePosition> = {};
  if (spec.settings?.enableAllProjectMcpServers !== undefined) {
    filePositions['settings/enableAllProjectMcpServers'] = pos(['enableAllProjectMcpServers']);
  }
  return {
    path: spec.path ?? (client === 'vscode' ? '.vscode/mcp.json' : '.cursor/mcp.json'),
    client,
    format: 'json',
    servers,
    settings: spec.settings ?? {},
    positions: filePositions,
  };
}

export function configItem(spec: FileSpec | McpConfigFile): EvidenceItem<'mcp-config'> {
  const data = 'format' in spec ? spec : mcpConfig(spec);
  return { id: `mcp-config:${data.path}`, kind: 'mcp-config', collector: 'mcp-config', source: data.path, collectedAt: '2026-11-23T12:00:00.000Z', data };
}

/** The shipped advisory list (advisories/mcp-known-vulnerable.yaml), or the given advisories. */
export function advisoryItem(advisories?: Advisory[]): EvidenceItem<'advisory-db'> {
  return {
    id: 'advisory-db:builtin', kind: 'advisory-db', collector: 'advisories', source: 'advisories/mcp-known-vulnerable.yaml',
    collectedAt: '2026-11-23T12:00:00.000Z',
    data: { sources: ['advisories/mcp-known-vulnerable.yaml'], advisories: advisories ?? readAdvisoryFile(BUILTIN_ADVISORIES_FILE) },
  };
}
