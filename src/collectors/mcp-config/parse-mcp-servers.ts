/**
 * The common `mcpServers` object: Claude Desktop, Claude Code `.mcp.json` (and managed-mcp.json; a
 * plugin's `.mcp.json` may be flat, the server map at the root),
 * Cursor, Windsurf (`serverUrl`), Gemini CLI (`httpUrl`, `url` = SSE, `trust`, include/excludeTools,
 * `mcp.allowed`/`mcp.excluded`), Cline (`autoApprove`), Roo/Kilo (`alwaysAllow`), Kiro, Amazon Q
 * (`allowedTools: ["@server"]` in agent files), Copilot's portable format, Antigravity.
 * Shapes: reference/mcp-formats.md §2.2.
 */
import type { SourcePosition } from '../../lib/source-position.js';
import type { McpClient, McpScope, McpServer, McpTransport } from './model.js';
import { buildServer, emptyRaw, isObject, pointerOf, readCommonFields, stringList, type RawServer } from './normalize.js';
import { describeType, emptyConfig, type ParseInput, type ParseResult } from './parse-result.js';
import type { DocPath, SourceDoc } from './source-doc.js';
import { isFlatServerMap } from './sniff.js';

/** Clients whose `timeout` is in seconds (Cline and its forks); the others write milliseconds. */
const TIMEOUT_IN_SECONDS: ReadonlySet<McpClient> = new Set(['cline', 'roo', 'kilo']);

export interface ServersObjectOptions {
  client: McpClient;
  scope: McpScope;
  /** Adjusts each raw entry before it is normalised (Amazon Q allowedTools, Claude per-project data). */
  amend?: (raw: RawServer) => void;
}

/** Reads `{ "<name>": {entry}, ... }` at `path`; skips pseudo-comments and non-server keys (§2.1). */
export function readServersObject(doc: SourceDoc, path: DocPath, servers: Record<string, unknown>, options: ServersObjectOptions): McpServer[] {
  const out: McpServer[] = [];
  for (const [name, entry] of Object.entries(servers)) {
    if (!isServerEntry(name, entry)) continue;
    const entryPath = [...path, name];
    const raw = emptyRaw({
      name, client: options.client, scope: options.scope, pointer: pointerOf(entryPath),
      at: doc.positionOf(entryPath, 'key') ?? { line: 1, column: 1 },
    });
    readCommonFields(doc, entryPath, entry, raw, { timeoutUnit: TIMEOUT_IN_SECONDS.has(options.client) ? 's' : 'ms' });
    options.amend?.(raw);
    out.push(buildServer(raw, { urlTransport: urlTransportOf(options.client) }));
  }
  return out;
}

/** Keys that sit beside servers in some files (§2.1): a server only if it says how to reach one. */
const NON_SERVER_KEYS: ReadonlySet<string> = new Set(['preferences', 'inputs', 'settings', 'defaults', 'globalShortcut']);

/** `_comment`, `$schema`, string values, `_notes` and `preferences` are not servers; `_docker_gateway: {command}` is. */
export function isServerEntry(name: string, entry: unknown): entry is Record<string, unknown> {
  if (!isObject(entry) || name.startsWith('$')) return false;
  if (name.startsWith('_') || NON_SERVER_KEYS.has(name)) return ['command', 'url', 'serverUrl', 'httpUrl', 'transport'].some((k) => entry[k] !== undefined);
  return true;
}

/** Gemini CLI reads a bare `url` as SSE (`httpUrl` is streamable HTTP); every other client as HTTP. */
export function urlTransportOf(client: McpClient): McpTransport {
  return client === 'gemini-cli' ? 'sse' : 'streamable-http';
}

export function parseMcpServersFile(input: ParseInput): ParseResult {
  const { doc } = input;
  const root = doc.value;
  if (!isObject(root)) return { ok: false, code: 'unknown-shape', reason: `the document is ${describeType(root)}, not an object with "mcpServers"` };
  const file = emptyConfig(input);
  if (input.client === 'gemini-cli') readGeminiSettings(doc, root, file);
  if (root.mcpServers === undefined) {
    if (input.client === 'gemini-cli') {
      return Object.keys(file.settings).length > 0 ? { ok: true, file } : { ok: false, code: 'no-mcp-content', reason: 'Gemini CLI settings without MCP servers' };
    }
    // Claude Code plugins write `.mcp.json` flat: the server map is the document itself.
    if (isFlatServerMap(root, input.client === 'unknown')) {
      file.servers = readServersObject(doc, [], root, { client: input.client, scope: input.scope });
      return { ok: true, file };
    }
    const hint = isObject(root.servers) ? ' (it has "servers", the VS Code shape)' : isObject(root.context_servers) ? ' (it has "context_servers", the Zed shape)' : '';
    return { ok: false, code: 'unknown-shape', reason: `no "mcpServers" object${hint}` };
  }
  if (!isObject(root.mcpServers)) {
    return { ok: false, code: 'unknown-shape', reason: `"mcpServers" is ${describeType(root.mcpServers)}, not an object of servers`, at: doc.positionOf(['mcpServers']) };
  }
  const allowed = input.client === 'amazon-q' ? amazonQAllowedTools(doc, root) : undefined;
  file.servers = readServersObject(doc, ['mcpServers'], root.mcpServers, {
    client: input.client,
    scope: input.scope,
    amend: allowed ? (raw) => {
      const grant = allowed.get(raw.name);
      if (grant && !raw.autoApprove) raw.autoApprove = grant;
    } : undefined,
  });
  return { ok: true, file };
}

/** Gemini CLI's server allow/deny lists: `mcp.allowed` / `mcp.excluded` (older: `allowMCPServers` / `excludeMCPServers`). */
function readGeminiSettings(doc: SourceDoc, root: Record<string, unknown>, file: ReturnType<typeof emptyConfig>): void {
  const lists: Array<[keyof typeof file.settings, DocPath]> = [
    ['allowedMcpServers', ['mcp', 'allowed']], ['allowedMcpServers', ['allowMCPServers']],
    ['deniedMcpServers', ['mcp', 'excluded']], ['deniedMcpServers', ['excludeMCPServers']],
  ];
  for (const [setting, path] of lists) {
    if (file.settings[setting] !== undefined) continue;
    let value: unknown = root;
    for (const key of path) value = isObject(value) ? value[key as string] : undefined;
    const list = stringList(value);
    if (!list) continue;
    (file.settings as Record<string, unknown>)[setting] = list;
    const at = doc.positionOf(path);
    if (at) file.positions[`settings/${setting}`] = at;
  }
}

/** Amazon Q agent files: `allowedTools: ["@git", "@fs/read_file"]` runs those tools without asking. */
function amazonQAllowedTools(doc: SourceDoc, root: Record<string, unknown>): Map<string, { value: string[] | 'all'; at?: SourcePosition }> {
  const grants = new Map<string, { value: string[] | 'all'; at?: SourcePosition }>();
  const list = stringList(root.allowedTools) ?? [];
  list.forEach((item, i) => {
    const m = /^@([^/]+)(?:\/(.+))?$/.exec(item);
    if (!m) return;
    const server = m[1]!;
    const tool = m[2];
    const current = grants.get(server);
    const at = current?.at ?? doc.positionOf(['allowedTools', i]);
    if (!tool || tool === '*' || current?.value === 'all') grants.set(server, { value: 'all', at });
    else grants.set(server, { value: [...(current?.value ?? []), tool], at });
  });
  return grants;
}
