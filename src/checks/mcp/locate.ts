/**
 * Where a result points and what keys it: the file's display path, the line and column of the
 * value from `server.positions` (falling back to the enclosing field, then to the server entry),
 * and a key built from the server's JSON pointer that survives edits which only move lines.
 *
 * Key shapes:
 *   `${pointer}/${field}`             a named field: `/mcpServers/gh/url`, `/mcpServers/gh/env/API_KEY`
 *   `${pointer}/args[${what}]`        an argument, keyed by what it is (a flag, package name, path),
 *                                     not by its index, so inserting an argument does not change it
 *   `${pointer}`                      the server as a whole (pass results)
 *   `/${setting}`                     a client-level setting (`/enableAllProjectMcpServers`)
 *   `/`                               the file as a whole
 */
import type { McpClient, McpConfigFile, McpServer } from '../../collectors/mcp-config/model.js';
import type { Location } from '../../evidence/types.js';
import type { SourcePosition } from '../../lib/source-position.js';
import type { EnvSetting } from './command-line.js';
import { safeText } from './url.js';

/** Position of a field, walking up `env/KEY` → `env` → the server entry when the exact value has none. */
export function positionOf(server: McpServer, field?: string): SourcePosition {
  if (field) {
    const parts = field.split('/');
    for (let n = parts.length; n > 0; n--) {
      const at = server.positions[parts.slice(0, n).join('/')];
      if (at) return at;
    }
  }
  return server.at;
}

export function locationOf(file: McpConfigFile, server: McpServer, field?: string): Location {
  const { line, column } = positionOf(server, field);
  return { path: file.path, line, column };
}

/** Location of a client-level setting (`settings/enableAllProjectMcpServers`), else the file. */
export function settingLocation(file: McpConfigFile, setting: string): Location {
  const at = file.positions[`settings/${setting}`] ?? file.positions[setting];
  return at ? { path: file.path, line: at.line, column: at.column } : { path: file.path };
}

export function fieldKey(server: McpServer, field: string): string {
  return `${server.pointer}/${field}`;
}

/** Key of an argument by what it is. URL-looking text loses userinfo and query (never a secret in a key). */
export function argKey(server: McpServer, what: string): string {
  return `${server.pointer}/args[${safeText(what)}]`;
}

/** Key of an environment variable: `${pointer}/env/NAME`, or `${pointer}/args[env NAME]` when set on the command line. */
export function envKey(server: McpServer, setting: EnvSetting): string {
  return setting.where === 'env' ? fieldKey(server, setting.field) : argKey(server, `env ${setting.name}`);
}

export function serverKey(server: McpServer): string {
  return server.pointer;
}

export function settingKey(setting: string): string {
  return `/${setting}`;
}

export const FILE_KEY = '/';

const CLIENT_LABELS: Record<McpClient, string> = {
  'claude-desktop': 'Claude Desktop', 'claude-code': 'Claude Code', cursor: 'Cursor', vscode: 'VS Code', windsurf: 'Windsurf',
  'gemini-cli': 'Gemini CLI', codex: 'Codex', zed: 'Zed', continue: 'Continue', cline: 'Cline', roo: 'Roo Code', kilo: 'Kilo Code',
  kiro: 'Kiro', 'amazon-q': 'Amazon Q Developer', copilot: 'GitHub Copilot', 'server.json': 'MCP registry server.json', unknown: 'MCP',
};

/** The client as a GRC reader names it: `Claude Desktop`, `VS Code`, ... */
export function clientLabel(client: McpClient): string {
  return CLIENT_LABELS[client] ?? client;
}

/** How a field reads in a sentence: `environment variable API_KEY`, `header Authorization`, `argument 3`. */
export function describeField(field: string): string {
  const [head, ...rest] = field.split('/');
  const tail = rest.join('/');
  switch (head) {
    case 'env': return tail ? `environment variable ${tail}` : 'environment';
    case 'headers': return tail ? `header ${tail}` : 'headers';
    case 'args': return /^\d+$/.test(tail) ? `argument ${Number(tail) + 1}` : 'arguments';
    case 'url': return 'URL';
    case 'command': return 'command';
    case 'cwd': return 'working directory';
    case 'envFile': return 'env file setting';
    default: return field;
  }
}
