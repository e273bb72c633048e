/**
 * OpenAI Codex `config.toml` (`~/.codex/config.toml`, trusted projects' `.codex/config.toml`):
 * `[mcp_servers.<name>]` tables with `command`, `args`, `env` (inline or `[mcp_servers.<name>.env]`),
 * `cwd`, `url`, `bearer_token_env_var`, `http_headers`, `env_http_headers` (header -> env var),
 * `enabled`, `startup_timeout_sec` / `tool_timeout_sec`, `enabled_tools` / `disabled_tools`.
 * An inline `bearer_token` (rejected by current Codex) is a literal credential. A URL server with
 * neither bearer token nor headers is left to Codex's OAuth login (`auth.oauth`). Shapes: reference/mcp-formats.md §2.2.
 */
import type { McpServer } from './model.js';
import { buildServer, emptyRaw, isObject, pointerOf, readCommonFields } from './normalize.js';
import { isServerEntry } from './parse-mcp-servers.js';
import { emptyConfig, type ParseInput, type ParseResult } from './parse-result.js';

export function parseCodexConfig(input: ParseInput): ParseResult {
  const { doc } = input;
  const root = doc.value;
  if (!isObject(root)) return { ok: false, code: 'unknown-shape', reason: 'not a TOML table' };
  if (root.mcp_servers === undefined) return { ok: false, code: 'no-mcp-content', reason: 'Codex configuration without [mcp_servers]' };
  if (!isObject(root.mcp_servers)) {
    return { ok: false, code: 'unknown-shape', reason: '"mcp_servers" is not a table of servers', at: doc.positionOf(['mcp_servers']) };
  }
  const file = emptyConfig(input);
  const servers: McpServer[] = [];
  for (const [name, entry] of Object.entries(root.mcp_servers)) {
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
    servers.push(buildServer(raw));
  }
  file.servers = servers;
  return { ok: true, file };
}
