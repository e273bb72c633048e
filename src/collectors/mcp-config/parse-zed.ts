/**
 * Zed `settings.json` (user `~/.config/zed/settings.json`, project `.zed/settings.json`), JSONC:
 * `context_servers` entries in the current shape `{command, args, env}` / `{url, headers}`, the
 * older shape `{"command": {"path", "args", "env"}, "settings": {}}`, `"source": "custom"`, and
 * extension-provided servers (`"source": "extension"`, only `settings`), whose settings are
 * scanned for secrets. `"enabled": false` disables an entry. Reference: zed.dev/docs/ai/mcp.
 *
 * Approval and trust (zed-industries/zed docs/src/ai/tool-permissions.md, docs/src/worktree-trust.md),
 * recorded in `settings.approval` for mcp.oversight.approval-bypass:
 * - `agent.always_allow_tool_actions` (before v0.224: `true` runs every tool action without asking);
 * - `agent.tool_permissions.default` (v0.224+: `"allow"` runs every tool, MCP tools included, without
 *   asking, except patterns that confirm or deny) and `agent.tool_permissions.tools.terminal.default`
 *   (`"allow"`: shell commands without asking);
 * - `session.trust_all_worktrees` (`true`: every project's `.zed/settings.json` MCP servers start
 *   without the Restricted Mode review).
 * `agent.tool_permissions.tools["mcp:<server>:<tool>"].default = "allow"` auto-approves that MCP tool:
 * it becomes the server's `autoApprove` (a grant-only entry when the server is not in this file).
 * Agent profiles (`agent.default_profile`, `agent.profiles`) choose which tools exist, not whether a
 * call is confirmed (docs/src/ai/agent-profiles.md), so they are not approval settings.
 */
import type { SourcePosition } from '../../lib/source-position.js';
import type { ApprovalSetting, McpServer } from './model.js';
import { approvalSettingsAt, buildServer, collectExtraValues, emptyRaw, isObject, pointerOf, readCommonFields } from './normalize.js';
import type { SourceDoc } from './source-doc.js';
import { isServerEntry } from './parse-mcp-servers.js';
import { describeType, emptyConfig, type ParseInput, type ParseResult } from './parse-result.js';

export function parseZedSettings(input: ParseInput): ParseResult {
  const { doc } = input;
  const root = doc.value;
  if (!isObject(root)) return { ok: false, code: 'unknown-shape', reason: `the document is ${describeType(root)}, not a Zed settings object` };
  const approval = approvalSettingsAt(doc, root, APPROVAL_PATHS);
  const grants = mcpToolGrants(doc, root);
  if (root.context_servers === undefined && approval.length === 0 && grants.size === 0) {
    return { ok: false, code: 'no-mcp-content', reason: 'Zed settings without "context_servers" or agent approval settings' };
  }
  if (root.context_servers !== undefined && !isObject(root.context_servers)) {
    return { ok: false, code: 'unknown-shape', reason: `"context_servers" is ${describeType(root.context_servers)}, not an object of servers`, at: doc.positionOf(['context_servers']) };
  }
  const file = emptyConfig(input);
  if (approval.length > 0) file.settings.approval = approval;
  for (const [name, entry] of Object.entries(root.context_servers ?? {})) {
    if (!isServerEntry(name, entry)) continue;
    const path = ['context_servers', name];
    const raw = emptyRaw({
      name, client: 'zed', scope: input.scope, pointer: pointerOf(path),
      at: doc.positionOf(path, 'key') ?? { line: 1, column: 1 },
    });
    readCommonFields(doc, path, entry, raw);
    if (entry.settings !== undefined) collectExtraValues(doc, [...path, 'settings'], entry.settings, 'settings', raw);
    const server = buildServer(raw);
    grantTo(server, grants.get(name));
    grants.delete(name);
    file.servers.push(server);
  }
  // Grants for servers defined elsewhere (the user settings, an extension): entries that carry only the grant.
  for (const [name, tools] of grants) {
    const first = tools[0]!;
    const server = buildServer(emptyRaw({ name, client: 'zed', scope: input.scope, pointer: pointerOf(first.path), at: first.at }));
    grantTo(server, tools);
    file.servers.push(server);
  }
  return { ok: true, file };
}

interface ToolGrant { tool: string; path: string[]; at: SourcePosition }

function grantTo(server: McpServer, tools: ToolGrant[] | undefined): void {
  if (!tools || server.autoApprove === 'all') return;
  const start = server.autoApprove?.length ?? 0;
  server.autoApprove = [...(server.autoApprove ?? []), ...tools.map((t) => t.tool)];
  server.positions.autoApprove ??= tools[0]!.at;
  tools.forEach((t, i) => { server.positions[`autoApprove/${start + i}`] = t.at; });
}

const APPROVAL_PATHS: string[][] = [
  ['agent', 'always_allow_tool_actions'],
  ['agent', 'tool_permissions', 'default'],
  ['agent', 'tool_permissions', 'tools', 'terminal', 'default'],
  ['session', 'trust_all_worktrees'],
];

/** `agent.tool_permissions.tools["mcp:<server>:<tool>"]` with `default: "allow"`, by server. */
function mcpToolGrants(doc: SourceDoc, root: Record<string, unknown>): Map<string, ToolGrant[]> {
  const grants = new Map<string, ToolGrant[]>();
  const agent = isObject(root.agent) ? root.agent : {};
  const permissions = isObject(agent.tool_permissions) ? agent.tool_permissions : {};
  const tools = isObject(permissions.tools) ? permissions.tools : {};
  for (const [key, rule] of Object.entries(tools)) {
    const m = /^mcp:([^:]+):(.+)$/.exec(key);
    if (!m || !isObject(rule) || rule.default !== 'allow') continue;
    const path = ['agent', 'tool_permissions', 'tools', key, 'default'];
    const list = grants.get(m[1]!) ?? [];
    list.push({ tool: m[2]!, path, at: doc.positionOf(path) ?? { line: 1, column: 1 } });
    grants.set(m[1]!, list);
  }
  return grants;
}
