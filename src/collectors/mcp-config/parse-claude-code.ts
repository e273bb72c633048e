/**
 * Claude Code beyond `.mcp.json` (which parse-mcp-servers reads):
 * - `~/.claude.json`: top-level `mcpServers` (user scope) and `projects["<abs path>"].mcpServers`
 *   (local scope, one set per project);
 * - `.claude/settings.json`, `.claude/settings.local.json`, `managed-settings.json`:
 *   `enableAllProjectMcpServers`, `enabledMcpjsonServers` / `disabledMcpjsonServers`, managed
 *   `allowedMcpServers` / `deniedMcpServers`, and `permissions.allow` rules `mcp__<server>` (every
 *   tool) and `mcp__<server>__<tool>`, which run tools without asking;
 * - `permissions.defaultMode` (`bypassPermissions` skips every permission prompt, MCP tools and Bash
 *   included), recorded in `settings.approval`.
 * `enabledMcpjsonServers` names .mcp.json servers approved to start without asking each user; it is
 * kept apart from the managed `allowedMcpServers` allowlist, which restricts rather than grants.
 * Shapes: reference/mcp-formats.md §2.2 (Claude Code row) and code.claude.com settings docs.
 */
import type { SourcePosition } from '../../lib/source-position.js';
import type { McpScope } from './model.js';
import { buildServer, emptyRaw, isObject, pointerOf, stringList } from './normalize.js';
import { readServersObject } from './parse-mcp-servers.js';
import { describeType, emptyConfig, type ParseInput, type ParseResult } from './parse-result.js';

/** `~/.claude.json`: both scopes in one file. */
export function parseClaudeJson(input: ParseInput): ParseResult {
  const { doc } = input;
  const root = doc.value;
  if (!isObject(root)) return { ok: false, code: 'unknown-shape', reason: `the document is ${describeType(root)}, not Claude Code's state object` };
  const file = emptyConfig(input);
  if (root.mcpServers !== undefined && !isObject(root.mcpServers)) {
    return { ok: false, code: 'unknown-shape', reason: `"mcpServers" is ${describeType(root.mcpServers)}, not an object of servers`, at: doc.positionOf(['mcpServers']) };
  }
  if (isObject(root.mcpServers)) {
    file.servers.push(...readServersObject(doc, ['mcpServers'], root.mcpServers, { client: 'claude-code', scope: 'user' }));
  }
  if (isObject(root.projects)) {
    for (const [project, data] of Object.entries(root.projects)) {
      if (!isObject(data) || !isObject(data.mcpServers)) continue;
      file.servers.push(...readServersObject(doc, ['projects', project, 'mcpServers'], data.mcpServers, { client: 'claude-code', scope: 'local' }));
    }
  }
  if (root.mcpServers === undefined && !isObject(root.projects)) {
    return { ok: false, code: 'unknown-shape', reason: 'neither "mcpServers" nor "projects": not a Claude Code ~/.claude.json' };
  }
  return { ok: true, file };
}

/** Claude Code settings files: approval state, allow/deny lists and auto-approved MCP tools. */
export function parseClaudeSettings(input: ParseInput): ParseResult {
  const { doc } = input;
  const root = doc.value;
  if (!isObject(root)) return { ok: false, code: 'unknown-shape', reason: `the document is ${describeType(root)}, not a Claude Code settings object` };
  const file = emptyConfig(input);
  const setPosition = (key: string, path: Array<string | number>) => {
    const at = doc.positionOf(path);
    if (at && !file.positions[key]) file.positions[key] = at;
  };

  if (typeof root.enableAllProjectMcpServers === 'boolean') {
    file.settings.enableAllProjectMcpServers = root.enableAllProjectMcpServers;
    setPosition('settings/enableAllProjectMcpServers', ['enableAllProjectMcpServers']);
  }
  if (Array.isArray(root.enabledMcpjsonServers)) {
    const enabled = root.enabledMcpjsonServers.flatMap((name, index) => (typeof name === 'string'
      ? [{ name, at: doc.positionOf(['enabledMcpjsonServers', index]) ?? { line: 1, column: 1 } }] : []));
    if (enabled.length > 0) file.settings.enabledMcpjsonServers = enabled;
  }
  const defaultMode = isObject(root.permissions) ? root.permissions.defaultMode : undefined;
  if (typeof defaultMode === 'string') {
    file.settings.approval = [{ setting: 'permissions.defaultMode', value: defaultMode, at: doc.positionOf(['permissions', 'defaultMode']) ?? { line: 1, column: 1 } }];
  }
  const lists: Array<['allowedMcpServers' | 'deniedMcpServers', string]> = [
    ['allowedMcpServers', 'allowedMcpServers'],
    ['deniedMcpServers', 'disabledMcpjsonServers'], ['deniedMcpServers', 'deniedMcpServers'],
  ];
  for (const [setting, key] of lists) {
    const names = serverNames(root[key]);
    if (!names) continue;
    file.settings[setting] = [...(file.settings[setting] ?? []), ...names];
    setPosition(`settings/${setting}`, [key]);
  }

  // permissions.allow: one entry per server named by an mcp__ rule, carrying only autoApprove, at the rule.
  const allow = isObject(root.permissions) ? root.permissions.allow : undefined;
  const grants = new Map<string, { tools: string[] | 'all'; index: number }>();
  (stringList(allow) ?? []).forEach((rule, index) => {
    const m = /^mcp__(.+?)(?:__(.+))?$/.exec(rule.trim());
    if (!m) return;
    const server = m[1]!;
    const tool = m[2];
    const current = grants.get(server);
    const all = !tool || tool === '*' || current?.tools === 'all';
    grants.set(server, { tools: all ? 'all' : [...(current?.tools as string[] | undefined ?? []), tool], index: current?.index ?? index });
  });
  const scope: McpScope = input.scope;
  for (const [name, grant] of grants) {
    const path = ['permissions', 'allow', grant.index];
    const at: SourcePosition = doc.positionOf(path) ?? { line: 1, column: 1 };
    const raw = emptyRaw({ name, client: 'claude-code', scope, pointer: pointerOf(path), at });
    raw.autoApprove = { value: grant.tools, at };
    file.servers.push(buildServer(raw));
  }

  if (Object.keys(file.settings).length === 0 && file.servers.length === 0) {
    return { ok: false, code: 'no-mcp-content', reason: 'Claude Code settings without MCP settings' };
  }
  return { ok: true, file };
}

/** `["github"]`, or managed entries `{serverName}` / `{serverCommand: [...]}` / `{serverUrl}`. */
function serverNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names: string[] = [];
  for (const item of value) {
    if (typeof item === 'string') names.push(item);
    else if (isObject(item)) {
      if (typeof item.serverName === 'string') names.push(item.serverName);
      else if (Array.isArray(item.serverCommand)) names.push(item.serverCommand.map(String).join(' '));
      else if (typeof item.serverUrl === 'string') names.push(item.serverUrl);
    }
  }
  return names;
}
