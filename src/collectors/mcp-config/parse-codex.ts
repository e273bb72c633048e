/**
 * OpenAI Codex `config.toml` (`~/.codex/config.toml`, trusted projects' `.codex/config.toml`):
 * `[mcp_servers.<name>]` tables with `command`, `args`, `env` (inline or `[mcp_servers.<name>.env]`),
 * `cwd`, `url`, `bearer_token_env_var`, `http_headers`, `env_http_headers` (header -> env var),
 * `enabled`, `startup_timeout_sec` / `tool_timeout_sec`, `enabled_tools` / `disabled_tools`.
 * An inline `bearer_token` (rejected by current Codex) is a literal credential. A URL server with
 * neither bearer token nor headers is left to Codex's OAuth login (`auth.oauth`). Shapes: reference/mcp-formats.md §2.2.
 *
 * Approval settings (openai/codex `codex-rs/config`, `codex-rs/core/src/mcp_tool_call.rs`):
 * - `approval_policy` (`untrusted` | `on-failure` | `on-request` | `never`) and `sandbox_mode`
 *   (`read-only` | `workspace-write` | `danger-full-access`), at the top level and in each
 *   `[profiles.<name>]`, and `default_permissions` (the newer permission profiles `:read-only`,
 *   `:workspace`, `:danger-full-access` or a named one), recorded as written in `settings.approval`
 *   for mcp.oversight.approval-bypass;
 * - per server, `default_tools_approval_mode` and `[mcp_servers.<name>.tools.<tool>] approval_mode`
 *   (`auto` | `prompt` | `approve`): `approve` runs the tool without asking
 *   (`maybe_request_mcp_tool_approval` returns no prompt when the mode is `Approve`), so it becomes
 *   `autoApprove` (the whole server for the default, the tool otherwise). `auto` and `prompt` keep asking
 *   as Codex decides from the tool's annotations, and are not recorded.
 */
import type { ApprovalSetting, McpServer } from './model.js';
import type { SourceDoc } from './source-doc.js';
import type { SourcePosition } from '../../lib/source-position.js';
import { approvalSettingsAt, buildServer, emptyRaw, isObject, pointerOf, readCommonFields } from './normalize.js';
import { isServerEntry } from './parse-mcp-servers.js';
import { emptyConfig, type ParseInput, type ParseResult } from './parse-result.js';

export function parseCodexConfig(input: ParseInput): ParseResult {
  const { doc } = input;
  const root = doc.value;
  if (!isObject(root)) return { ok: false, code: 'unknown-shape', reason: 'not a TOML table' };
  const approval = approvalSettings(doc, root);
  if (root.mcp_servers === undefined && approval.length === 0) {
    return { ok: false, code: 'no-mcp-content', reason: 'Codex configuration without [mcp_servers] or approval settings' };
  }
  if (root.mcp_servers !== undefined && !isObject(root.mcp_servers)) {
    return { ok: false, code: 'unknown-shape', reason: '"mcp_servers" is not a table of servers', at: doc.positionOf(['mcp_servers']) };
  }
  const file = emptyConfig(input);
  if (approval.length > 0) file.settings.approval = approval;
  const servers: McpServer[] = [];
  for (const [name, entry] of Object.entries(root.mcp_servers ?? {})) {
    if (!isServerEntry(name, entry)) continue;
    const path = ['mcp_servers', name];
    const raw = emptyRaw({
      name, client: 'codex', scope: input.scope, pointer: pointerOf(path),
      at: doc.positionOf(path, 'key') ?? { line: 1, column: 1 },
    });
    readCommonFields(doc, path, entry, raw);
    if (typeof entry.bearer_token_env_var === 'string') {
      raw.bearerEnvVar = { value: entry.bearer_token_env_var, at: doc.positionOf([...path, 'bearer_token_env_var']) };
    }
    if (isObject(entry.env_http_headers)) {
      for (const [header, variable] of Object.entries(entry.env_http_headers)) {
        if (typeof variable !== 'string') continue;
        // Resolved from the environment at run time: recorded as the reference, not a literal.
        raw.headers.push({ key: header, value: { value: `$${variable}`, at: doc.positionOf([...path, 'env_http_headers', header]) } });
      }
    }
    if (typeof entry.bearer_token === 'string' && entry.bearer_token.trim() !== '') {
      raw.headers.push({ key: 'Authorization', value: { value: `Bearer ${entry.bearer_token}`, at: doc.positionOf([...path, 'bearer_token']) } });
      (raw.declaredSecrets ??= []).push('headers/Authorization');
    }
    const timeoutKey = ['tool_timeout_sec', 'startup_timeout_sec'].find((k) => typeof entry[k] === 'number');
    if (timeoutKey) raw.timeoutMs = { value: (entry[timeoutKey] as number) * 1000, at: doc.positionOf([...path, timeoutKey]) };
    else if (typeof entry.startup_timeout_ms === 'number') raw.timeoutMs = { value: entry.startup_timeout_ms, at: doc.positionOf([...path, 'startup_timeout_ms']) };
    // A remote with no bearer token and no headers at all is left to `codex mcp login` (OAuth).
    if (raw.url && !raw.bearerEnvVar && raw.headers.length === 0 && raw.oauth === undefined) {
      raw.oauth = { value: true };
    }
    const approved = approvedTools(doc, path, entry);
    if (approved.length > 0) {
      const all = approved.find((a) => a.tool === undefined);
      raw.autoApprove = all ? { value: 'all', at: all.at } : { value: approved.map((a) => a.tool!), at: approved[0]!.at };
    }
    const server = buildServer(raw);
    // Each approved tool is reported at its own approval_mode line.
    if (Array.isArray(server.autoApprove)) approved.forEach((a, i) => { if (a.at) server.positions[`autoApprove/${i}`] = a.at; });
    servers.push(server);
  }
  file.servers = servers;
  return { ok: true, file };
}

const APPROVAL_KEYS = ['approval_policy', 'sandbox_mode', 'default_permissions'] as const;

/** `approval_policy`, `sandbox_mode` and `default_permissions` at the top level, then in each `[profiles.<name>]`; Codex reads them as strings only. */
function approvalSettings(doc: SourceDoc, root: Record<string, unknown>): ApprovalSetting[] {
  const profiles = isObject(root.profiles) ? Object.keys(root.profiles).map((name) => ['profiles', name]) : [];
  const paths = [[], ...profiles].flatMap((table) => APPROVAL_KEYS.map((key) => [...table, key]));
  return approvalSettingsAt(doc, root, paths).filter((s) => typeof s.value === 'string');
}

/** Tools that run without asking: `default_tools_approval_mode = "approve"` (tool undefined: all), `tools.<tool>.approval_mode = "approve"`. */
function approvedTools(doc: SourceDoc, path: string[], entry: Record<string, unknown>): Array<{ tool?: string; at?: SourcePosition }> {
  const approved: Array<{ tool?: string; at?: SourcePosition }> = [];
  if (entry.default_tools_approval_mode === 'approve') approved.push({ at: doc.positionOf([...path, 'default_tools_approval_mode']) });
  if (isObject(entry.tools)) {
    for (const [tool, config] of Object.entries(entry.tools)) {
      if (isObject(config) && config.approval_mode === 'approve') approved.push({ tool, at: doc.positionOf([...path, 'tools', tool, 'approval_mode']) });
    }
  }
  return approved;
}
