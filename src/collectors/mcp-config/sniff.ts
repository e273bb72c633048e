/**
 * Content sniffing: JSON, JSONC, YAML and TOML files whose name no client uses but whose content is an
 * MCP server map (`mcp.json` in a docs folder, `config/mcp.yaml`, a plugin's `mcp-config.json`, a
 * flat map of server entries). Two stages, so a large tree stays fast: a byte-level pre-filter that
 * rejects almost every file without parsing it, then a strict test of the parsed document's shape,
 * so package.json, tsconfig, JSON schemas, lock files and i18n files are never taken for MCP.
 */
import { parse as parseYaml } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import { parseJsonc } from '../../lib/jsonc-file.js';
import { jsonNestingTooDeepAt, tomlNestingTooDeepAt, valueTooDeepPath } from '../../lib/nesting-depth.js';
import { loneCarriageReturnsAsNewlines } from '../../lib/text-position.js';
import { yamlTextTooDeepAt } from '../../lib/yaml-file.js';
import type { McpClient, ParserId } from './model.js';
import { isObject } from './normalize.js';
import { describeType } from './parse-result.js';

/** Files larger than this are not sniffed (a hand-written MCP configuration is a few KiB). */
export const SNIFF_MAX_BYTES = 1024 * 1024;

const SNIFFED_EXTENSIONS = /\.(?:json|jsonc|json5|ya?ml|toml)$/i;

/**
 * Names that are never MCP configurations, whatever they hold: package manifests, lock files,
 * compiler and linter settings. Skipping them unread keeps a monorepo's walk cheap.
 */
const NEVER_SNIFFED = /^(?:package(?:-lock)?\.json|npm-shrinkwrap\.json|pnpm-lock\.ya?ml|yarn\.lock|composer\.(?:json|lock)|(?:ts|js)config(?:\..*)?\.json|deno\.jsonc?|bun\.lock|Cargo\.(?:toml|lock)|poetry\.lock|uv\.lock|Pipfile\.lock|pyproject\.toml|\.eslintrc(?:\..*)?|\.prettierrc(?:\..*)?|\.babelrc(?:\..*)?|\.markdownlint(?:\..*)?|renovate\.json5?|lerna\.json|nx\.json|turbo\.json|angular\.json|project\.json|\.?swcrc|biome\.jsonc?|\.releaserc(?:\..*)?|pubspec\.ya?ml|pubspec\.lock|Gemfile\.lock|go\.sum|.*\.tools\.json|.*\.schema\.json|.*\.min\.json|.*\.map)$/i;

/** Whether a file is sniffed for MCP content, by its name alone. */
export function isSniffable(name: string): boolean {
  return SNIFFED_EXTENSIONS.test(name) && !NEVER_SNIFFED.test(name);
}

/**
 * The byte pre-filter: every MCP server map holds one of these words (`servers` is in `mcp_servers`,
 * `context_servers` and `mcp.servers`; `command` in a flat map of local servers), or a URL key beside
 * something MCP about it. A file without them is not parsed.
 */
const MARKERS = ['mcpServers', 'servers', 'command'].map((m) => Buffer.from(m));
const URL_MARKERS = ['url', 'Url'].map((m) => Buffer.from(m));
const URL_COMPANIONS = ['mcp', 'MCP', 'sse', 'headers'].map((m) => Buffer.from(m));

export function mayHoldMcp(bytes: Uint8Array): boolean {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (MARKERS.some((marker) => buffer.includes(marker))) return true;
  return URL_MARKERS.some((marker) => buffer.includes(marker)) && URL_COMPANIONS.some((marker) => buffer.includes(marker));
}

/** Keys an MCP server entry may have in any client (reference/mcp-formats.md §2.2); nothing else. */
const ENTRY_KEYS: ReadonlySet<string> = new Set([
  'command', 'args', 'env', 'cwd', 'envFile', 'env_file', 'type', 'transport', 'url', 'serverUrl', 'httpUrl', 'headers',
  'disabled', 'enabled', 'autoApprove', 'alwaysAllow', 'timeout', 'trust', 'includeTools', 'excludeTools',
  'description', 'oauth', 'name', 'disabledTools', 'enabled_tools', 'disabled_tools', 'startup_timeout_sec',
  'tool_timeout_sec', 'bearer_token_env_var', 'env_vars', 'http_headers', 'env_http_headers', 'tools', 'source', 'settings',
  'networkTimeout', 'autoStart', 'capabilities', 'version', 'icon', 'title', 'sandbox', 'dev',
  // What VS Code and Trae write for a server installed from their MCP gallery.
  'gallery', 'fromGalleryId',
]);
const MCP_TYPES: ReadonlySet<string> = new Set(['stdio', 'http', 'sse', 'streamable-http', 'streamable_http', 'streamableHttp', 'streamableHTTP', 'ws', 'websocket']);

/**
 * A server entry by its shape: an object of MCP entry keys only, that says how to reach a server:
 * a `command` string (with `args` a list if present), or a URL with something MCP about it (a
 * `serverUrl`/`httpUrl` key, an MCP `type`, headers, or `/mcp` or `/sse` in the URL).
 */
export function isMcpShapedEntry(entry: unknown, strict = true): boolean {
  if (!isObject(entry)) return false;
  if (!strict) return typeof entry.command === 'string' || [entry.url, entry.serverUrl, entry.httpUrl].some((u) => typeof u === 'string');
  if (!Object.keys(entry).every((key) => ENTRY_KEYS.has(key))) return false;
  if (entry.type !== undefined && !(typeof entry.type === 'string' && MCP_TYPES.has(entry.type))) return false;
  if (typeof entry.command === 'string') return entry.args === undefined || Array.isArray(entry.args);
  if (isObject(entry.command) && typeof entry.command.path === 'string') return true; // Zed's older shape
  const url = [entry.url, entry.serverUrl, entry.httpUrl].find((u): u is string => typeof u === 'string');
  if (!url) return false;
  return typeof entry.serverUrl === 'string' || typeof entry.httpUrl === 'string' || entry.type !== undefined
    || isObject(entry.headers) || /\/(?:mcp|sse)\b/i.test(url);
}

/** Keys beside servers that a flat map may have (`$schema`, comments). */
const isMetaKey = (key: string) => key.startsWith('$') || key.startsWith('_') || key.startsWith('//');

/**
 * `{ "<name>": {entry}, ... }` at the root, as Claude Code plugins write `.mcp.json`: every key but
 * `$schema` and comments is an MCP-shaped entry, and there is at least one. Not `strict` for a file
 * whose name already says MCP (`.mcp.json`): an entry then needs only a command or a URL, whatever
 * else it holds (a plugin may add keys of its own, which the client ignores).
 */
export function isFlatServerMap(value: unknown, strict = true): boolean {
  if (!isObject(value)) return false;
  const entries = Object.entries(value).filter(([key]) => !isMetaKey(key));
  return entries.length > 0 && entries.every(([, entry]) => isMcpShapedEntry(entry, strict));
}

/** A map of servers under a generic key (`servers`): at least one entry, every entry MCP-shaped. */
const isServerMap = (value: unknown): boolean => isObject(value) && isFlatServerMap(value);

export type SniffedShape =
  | { mcp: true; parser: ParserId; client: McpClient }
  | { mcp: false; reason: string };

/**
 * What a parsed document of an unknown name is: the parser and client its shape implies, or why it
 * is not an MCP configuration. Server maps under an MCP key are taken as they are (the parser
 * reports what is wrong inside); generic keys and flat maps must hold MCP-shaped entries only.
 */
export function sniffShape(value: unknown, format: 'json' | 'yaml' | 'toml'): SniffedShape {
  if (!isObject(value)) return { mcp: false, reason: 'the document is not an object' };
  // `~/.claude.json`: user servers at the top, or only per-project ones under `projects.<path>.mcpServers`.
  const projectServers = isObject(value.projects) && Object.values(value.projects).some((p) => isObject(p) && isObject(p.mcpServers));
  if (isObject(value.projects) && (isObject(value.mcpServers) || (value.mcpServers === undefined && projectServers))) {
    return { mcp: true, parser: 'claude-json', client: 'claude-code' };
  }
  if (isObject(value.mcpServers)) return { mcp: true, parser: 'mcp-servers', client: 'unknown' };
  if (Array.isArray(value.mcpServers)) return { mcp: true, parser: 'continue-block', client: 'continue' };
  if (isObject(value.context_servers)) return { mcp: true, parser: 'zed', client: 'zed' };
  if (isObject(value.mcp_servers)) return { mcp: true, parser: 'codex', client: 'codex' };
  // `servers` is VS Code's key in JSON; in YAML or TOML it names no particular client.
  if (isServerMap(value.servers)) return { mcp: true, parser: 'vscode-mcp', client: format === 'json' ? 'vscode' : 'unknown' };
  if (isObject(value.mcp) && isServerMap(value.mcp.servers)) return { mcp: true, parser: 'vscode-settings', client: 'vscode' };
  // Continue's older `config.json` block.
  if (isObject(value.experimental) && value.experimental.modelContextProtocolServers !== undefined) return { mcp: true, parser: 'continue-config', client: 'continue' };
  if (isFlatServerMap(value)) return { mcp: true, parser: 'mcp-servers', client: 'unknown' };
  return { mcp: false, reason: 'no MCP server map (mcpServers, servers, context_servers, mcp_servers, mcp.servers, or a map of server entries)' };
}

export type QuickParse = { ok: true; value: unknown } | { ok: false; tooDeep: boolean };

/**
 * The value of a document, without the positions the collector's parsers keep (source-doc.ts): what
 * the shape test needs, at a fraction of the cost, so the many files that pass the byte pre-filter
 * but are not MCP (OpenAPI specs, compose files, i18n) cost little. Depth is bounded first, as in
 * source-doc.ts; only an accepted file is parsed again with positions.
 */
export function quickParse(text: string, format: 'json' | 'yaml' | 'toml'): QuickParse {
  try {
    if (format === 'json') {
      if (jsonNestingTooDeepAt(text) >= 0) return { ok: false, tooDeep: true };
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch {
        const jsonc = parseJsonc(text); // comments and trailing commas
        return jsonc.ok ? { ok: true, value: jsonc.document.value } : { ok: false, tooDeep: false };
      }
    }
    if (format === 'yaml') {
      const source = loneCarriageReturnsAsNewlines(text);
      if (yamlTextTooDeepAt(source) >= 0) return { ok: false, tooDeep: true };
      return { ok: true, value: parseYaml(source, { maxAliasCount: 50, prettyErrors: false }) };
    }
    if (tomlNestingTooDeepAt(text) >= 0) return { ok: false, tooDeep: true };
    const value = parseToml(text);
    return valueTooDeepPath(value) ? { ok: false, tooDeep: true } : { ok: true, value };
  } catch {
    return { ok: false, tooDeep: false };
  }
}

/** Keys that name MCP servers in every client that has them: a file holding one is worth a word when it is not read. */
export const STRONG_MCP_KEYS: ReadonlySet<string> = new Set(['mcpServers', 'mcp_servers', 'context_servers']);
/** The same words in a file's text: one that does not parse is worth listing as skipped when it holds one. */
export const STRONG_MCP_MARKERS = new RegExp([...STRONG_MCP_KEYS].join('|'));

/**
 * Where a document that sniffShape did not take holds a strong MCP key, and why it was not read:
 * e.g. `has mcpServers under /agent, not at a place any client reads`. Breadth first, so the
 * shallowest is named; undefined when no key is one (the words only in a string are no server map).
 */
export function strayMcpKey(value: unknown): string | undefined {
  let level: Array<{ node: unknown; pointer: string }> = [{ node: value, pointer: '' }];
  for (let depth = 0; depth < 64 && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { node, pointer } of level) {
      const entries: Array<[string, unknown]> = Array.isArray(node) ? node.map((v, i) => [String(i), v]) : isObject(node) ? Object.entries(node) : [];
      for (const [key, child] of entries) {
        if (!Array.isArray(node) && STRONG_MCP_KEYS.has(key)) {
          if (pointer !== '') return `has ${key} under ${pointer}, not at a place any client reads`;
          return `has ${key} at the top, but it is ${describeType(child)}, not a map of servers`;
        }
        next.push({ node: child, pointer: `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` });
      }
    }
    level = next;
  }
  return undefined;
}

