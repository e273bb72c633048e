/** What every per-client parser takes and returns. */
import type { SourcePosition } from '../../lib/source-position.js';
import type { McpClient, McpConfigFile, McpScope } from './model.js';
import type { SourceDoc } from './source-doc.js';

export interface ParseInput {
  doc: SourceDoc;
  /** Display path (relative to the root, or `~/...`). */
  path: string;
  client: McpClient;
  scope: McpScope;
}

export type ParseResult =
  | { ok: true; file: McpConfigFile }
  /** Parses, but is not an MCP configuration of the client the file's place says it is for. */
  | { ok: false; code: 'unknown-shape'; reason: string; at?: SourcePosition }
  /** A general settings file of a client (VS Code, Zed, Gemini, Claude settings) with no MCP content: nothing to report. */
  | { ok: false; code: 'no-mcp-content'; reason: string };

export function emptyConfig(input: ParseInput): McpConfigFile {
  return { path: input.path, client: input.client, format: input.doc.format, servers: [], settings: {}, positions: {} };
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
