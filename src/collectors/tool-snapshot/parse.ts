/**
 * Pure parsing of tool snapshots and of the tool lock file, with positions; hashing of tool
 * definitions. No I/O: the collector reads the files, tests call these with inline text.
 *
 * Snapshot shapes accepted (reference/mcp-formats.md §2.5):
 * - a `tools/list` result: `{ "tools": [...], "nextCursor": ... }`;
 * - a JSON-RPC response to `tools/list`: `{ "jsonrpc": "2.0", "id": 1, "result": { "tools": [...] } }`;
 * - an mcp-scan signature file: `{ "metadata": InitializeResult, "tools": [...], "prompts": [...], "resources": [...] }`;
 * each with an optional top-level `"server": "<name>"` (or `{ "name", "version" }`).
 *
 * The server name is the `server` field, else `serverInfo.name` (from `metadata`, or a top-level
 * or result-level `serverInfo`), else the file name without `.tools.json` / `.json`. The version
 * comes from `serverInfo.version`; instructions from `metadata.instructions` (or a top-level or
 * result-level `instructions`).
 *
 * Lock file (`mcp-tools.lock`, JSON, written by `mcp-comply tools lock`, keys sorted):
 * ```json
 * { "lockfileVersion": 1, "servers": { "<server>": { "<tool>": "sha256:<64 hex>" } } }
 * ```
 * Each hash is `toolDefinitionHash` of the approved definition.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { UnreadableSource } from '../../evidence/types.js';
import type { SourcePosition } from '../../lib/source-position.js';
import { parseJsonc, type JsoncDocument } from '../../lib/jsonc-file.js';
import { fieldKey, isRecord, toolStrings } from './fields.js';
import type { SnapshotTool, ToolDefinition, ToolLockFile, ToolSnapshotFile } from './model.js';

export const LOCKFILE_VERSION = 1;
export const LOCK_FILE_NAME = 'mcp-tools.lock';
const HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** A problem with a file, and (for one bad entry in an otherwise readable file) the entry's JSON pointer. */
export interface SourceProblem {
  problem: UnreadableSource;
  pointer?: string;
}

export interface SnapshotParse {
  snapshot?: ToolSnapshotFile;
  problems: SourceProblem[];
  /** Only with `lenient`: the file is JSON but nothing about it says "tool snapshot"; it is not reported. */
  notASnapshot?: boolean;
}

export interface LockParse {
  lock?: ToolLockFile;
  problems: SourceProblem[];
}

/** JSON of a value with object keys sorted (by UTF-16 code unit, as RFC 8785) and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const keys = Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined).sort(compareKeys);
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `sha256:<hex>` over the canonical JSON of {name, title, description, inputSchema, outputSchema, annotations}. */
export function toolDefinitionHash(tool: ToolDefinition): string {
  const { name, title, description, inputSchema, outputSchema, annotations } = tool;
  const canonical = canonicalJson({ name, title, description, inputSchema, outputSchema, annotations });
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}

/** The server name a snapshot file is of when it does not say: its name without `.tools.json` / `.json`. */
export function serverNameFromPath(displayPath: string): string {
  const base = path.posix.basename(displayPath);
  return base.replace(/\.tools\.json$/i, '').replace(/\.json$/i, '') || base;
}

export function jsonPointer(segments: ReadonlyArray<string | number>): string {
  return segments.length === 0 ? '' : `/${fieldKey(segments)}`;
}

/**
 * Parses one snapshot. `lenient` is for files claimed only by their folder (`mcp-tools/*.json`):
 * JSON without any snapshot marker (`tools`, `result`, `metadata`, `jsonrpc`) is then not a snapshot
 * (a package.json, a tsconfig.json) instead of an unknown shape.
 */
export function parseToolSnapshot(text: string, displayPath: string, options: { lenient?: boolean } = {}): SnapshotParse {
  try {
    return readSnapshot(text, displayPath, options);
  } catch (error) {
    return { problems: [{ problem: tooDeep(displayPath, error) }] };
  }
}

/** The parser and the hash recurse; a document nested deeper than the stack allows is reported, not thrown. */
function tooDeep(displayPath: string, error: unknown): UnreadableSource {
  if (!(error instanceof RangeError)) throw error;
  return { path: displayPath, code: 'parse-error', reason: 'nested too deeply to be read' };
}

/** The JSON document, or the parse error as a problem with its line and column. */
function parseJsonDocument(text: string, displayPath: string): { doc: JsoncDocument } | SourceProblem {
  const parsed = parseJsonc(stripBom(text));
  if (parsed.ok) return { doc: parsed.document };
  const { message, line, column, code } = parsed.error;
  return { problem: { path: displayPath, code: code ?? 'parse-error', reason: code ? message : `not valid JSON: ${message}`, line, column } };
}

function readSnapshot(text: string, displayPath: string, options: { lenient?: boolean }): SnapshotParse {
  const parsed = parseJsonDocument(text, displayPath);
  if ('problem' in parsed) return { problems: [parsed] };
  const { doc } = parsed;
  const root = doc.value;
  const unknownShape = (reason: string, at: ReadonlyArray<string | number> = []): SnapshotParse => ({
    problems: [{ problem: { path: displayPath, code: 'unknown-shape', reason, ...positionOr(doc, at) } }],
  });
  const expected = 'expected a tools/list result ({"tools": [...]}), a JSON-RPC response to tools/list, or an mcp-scan signature file';
  if (!isRecord(root)) {
    return options.lenient ? { problems: [], notASnapshot: true } : unknownShape(`not a tool snapshot: the document is not an object; ${expected}`);
  }
  if (options.lenient && !['tools', 'result', 'metadata', 'jsonrpc'].some((key) => Object.hasOwn(root, key))) {
    return { problems: [], notASnapshot: true };
  }
  if (isRecord(root.error) && root.result === undefined) {
    const message = typeof root.error.message === 'string' ? `: ${root.error.message}` : '';
    return unknownShape(`a JSON-RPC error response${message}, not a tools/list result`, ['error']);
  }

  let holder: Record<string, unknown> = root;
  let prefix: Array<string | number> = [];
  if (!Array.isArray(root.tools) && isRecord(root.result)) {
    holder = root.result;
    prefix = ['result'];
  }
  if (!Array.isArray(holder.tools)) {
    const where = holder.tools !== undefined ? [...prefix, 'tools'] : prefix;
    return unknownShape(holder.tools !== undefined ? '"tools" is not an array' : `not a tool snapshot: no "tools" array; ${expected}`, where);
  }

  const metadata = isRecord(root.metadata) ? root.metadata : undefined;
  const serverInfo = [metadata?.serverInfo, root.serverInfo, holder.serverInfo].find(isRecord);
  let server: string | undefined;
  let serverVersion: string | undefined;
  if (typeof root.server === 'string' && root.server.trim()) server = root.server;
  else if (isRecord(root.server)) {
    if (typeof root.server.name === 'string' && root.server.name.trim()) server = root.server.name;
    if (typeof root.server.version === 'string') serverVersion = root.server.version;
  }
  if (!server && typeof serverInfo?.name === 'string' && serverInfo.name.trim()) server = serverInfo.name;
  if (!serverVersion && typeof serverInfo?.version === 'string') serverVersion = serverInfo.version;
  server ??= serverNameFromPath(displayPath);

  const snapshot: ToolSnapshotFile = { path: displayPath, server, tools: [] };
  if (serverVersion !== undefined) snapshot.serverVersion = serverVersion;
  const instructionsAt: Array<Array<string | number>> = [['metadata', 'instructions'], ['instructions'], [...prefix, 'instructions']];
  for (const at of instructionsAt) {
    const value = valueAt(root, at);
    if (typeof value === 'string') {
      snapshot.instructions = { text: value, at: positionOr(doc, at) as SourcePosition };
      break;
    }
  }

  const problems: SourceProblem[] = [];
  holder.tools.forEach((entry: unknown, index: number) => {
    const at = [...prefix, 'tools', index];
    const result = readTool(entry, at, doc);
    if ('reason' in result) {
      const where = result.field ? [...at, result.field] : at;
      problems.push({
        problem: { path: displayPath, code: 'invalid-entry', reason: `${describePath(at)}${result.reason}`, ...positionOr(doc, where) },
        pointer: jsonPointer(at),
      });
    } else {
      snapshot.tools.push(result);
    }
  });
  return { snapshot, problems };
}

function readTool(entry: unknown, at: Array<string | number>, doc: JsoncDocument): SnapshotTool | { reason: string; field?: string } {
  if (!isRecord(entry)) return { reason: ' is not an object' };
  if (typeof entry.name !== 'string' || entry.name === '') {
    return entry.name === undefined ? { reason: ' has no "name"' } : { reason: '.name must be a non-empty string', field: 'name' };
  }
  const definition: ToolDefinition = { name: entry.name };
  for (const key of ['title', 'description'] as const) {
    const value = entry[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return { reason: `.${key} must be a string`, field: key };
    definition[key] = value;
  }
  for (const key of ['inputSchema', 'outputSchema', 'annotations'] as const) {
    const value = entry[key];
    if (value === undefined || value === null) continue;
    if (!isRecord(value)) return { reason: `.${key} must be an object`, field: key };
    if (key === 'annotations') definition.annotations = value;
    else definition[key] = value;
  }
  const positions: Record<string, SourcePosition> = {};
  for (const string of toolStrings(definition)) {
    const position = doc.positionOf([...at, ...string.path], string.kind === 'propertyName' ? 'key' : 'value');
    if (position) positions[string.field] = position;
  }
  return {
    ...definition,
    pointer: jsonPointer(at),
    at: positionOr(doc, at) as SourcePosition,
    positions,
    sha256: toolDefinitionHash(definition),
  };
}

/** Parses mcp-tools.lock. Any problem makes the whole lock unreadable: a half-trusted baseline would mislead. */
export function parseToolLock(text: string, displayPath: string): LockParse {
  try {
    return readLock(text, displayPath);
  } catch (error) {
    return { problems: [{ problem: tooDeep(displayPath, error) }] };
  }
}

function readLock(text: string, displayPath: string): LockParse {
  const parsed = parseJsonDocument(text, displayPath);
  if ('problem' in parsed) return { problems: [parsed] };
  const { doc } = parsed;
  const root = doc.value;
  const fail = (code: string, reason: string, at: ReadonlyArray<string | number> = []): LockParse => ({
    problems: [{ problem: { path: displayPath, code, reason, ...positionOr(doc, at) } }],
  });
  const shape = `expected {"lockfileVersion": ${LOCKFILE_VERSION}, "servers": {"<server>": {"<tool>": "sha256:<hex>"}}}`;
  if (!isRecord(root)) return fail('unknown-shape', `not a tool lock file: ${shape}`);
  if (root.lockfileVersion !== LOCKFILE_VERSION) {
    return root.lockfileVersion === undefined
      ? fail('unknown-shape', `not a tool lock file: no "lockfileVersion"; ${shape}`)
      : fail('unsupported-version', `lockfileVersion ${JSON.stringify(root.lockfileVersion)} is not supported (this version of mcp-comply reads ${LOCKFILE_VERSION})`, ['lockfileVersion']);
  }
  if (!isRecord(root.servers)) return fail('unknown-shape', `"servers" must be an object; ${shape}`, root.servers === undefined ? [] : ['servers']);
  const lock: ToolLockFile = { path: displayPath, servers: {} };
  for (const [server, tools] of Object.entries(root.servers)) {
    if (!isRecord(tools)) return fail('invalid-entry', `servers.${server} must be an object of tool name -> "sha256:<hex>"`, ['servers', server]);
    const entries: Record<string, { sha256: string; at: SourcePosition }> = {};
    for (const [tool, hash] of Object.entries(tools)) {
      if (typeof hash !== 'string' || !HASH_PATTERN.test(hash)) {
        return fail('invalid-entry', `servers.${server}.${tool} must be "sha256:" and 64 lowercase hex digits`, ['servers', server, tool]);
      }
      defineOwn(entries, tool, { sha256: hash, at: positionOr(doc, ['servers', server, tool], 'key') as SourcePosition });
    }
    defineOwn(lock.servers, server, entries);
  }
  return { lock, problems: [] };
}

/** The lock document: server -> tool -> hash. */
export interface ToolLockDocument {
  lockfileVersion: typeof LOCKFILE_VERSION;
  servers: Record<string, Record<string, string>>;
}

export interface LockConflict {
  server: string;
  tool: string;
  /** The snapshot and tool that disagree with the first one seen. */
  path: string;
  at: SourcePosition;
  firstPath: string;
}

/** Lock entries for the given snapshots; the same tool with two definitions is a conflict, not a silent pick. */
export function lockEntries(snapshots: ToolSnapshotFile[]): { servers: Map<string, Map<string, string>>; conflicts: LockConflict[] } {
  const servers = new Map<string, Map<string, string>>();
  const firstSeen = new Map<string, string>();
  const conflicts: LockConflict[] = [];
  for (const snapshot of [...snapshots].sort((a, b) => compareKeys(a.path, b.path))) {
    const tools = servers.get(snapshot.server) ?? new Map<string, string>();
    servers.set(snapshot.server, tools);
    for (const tool of snapshot.tools) {
      const existing = tools.get(tool.name);
      const key = `${snapshot.server}\u0000${tool.name}`;
      if (existing === undefined) {
        tools.set(tool.name, tool.sha256);
        firstSeen.set(key, snapshot.path);
      } else if (existing !== tool.sha256) {
        conflicts.push({ server: snapshot.server, tool: tool.name, path: snapshot.path, at: tool.at, firstPath: firstSeen.get(key) ?? snapshot.path });
      }
    }
  }
  return { servers, conflicts };
}

/** The lock file's text: keys sorted at every level, two-space indent, final newline. */
export function serializeToolLock(servers: ReadonlyMap<string, ReadonlyMap<string, string>>): string {
  const serverNames = [...servers.keys()].sort(compareKeys);
  const lines = ['{', `  "lockfileVersion": ${LOCKFILE_VERSION},`];
  if (serverNames.length === 0) lines.push('  "servers": {}');
  else {
    lines.push('  "servers": {');
    serverNames.forEach((server, i) => {
      const tools = servers.get(server)!;
      const toolNames = [...tools.keys()].sort(compareKeys);
      const comma = i < serverNames.length - 1 ? ',' : '';
      if (toolNames.length === 0) { lines.push(`    ${JSON.stringify(server)}: {}${comma}`); return; }
      lines.push(`    ${JSON.stringify(server)}: {`);
      toolNames.forEach((tool, j) => lines.push(`      ${JSON.stringify(tool)}: ${JSON.stringify(tools.get(tool))}${j < toolNames.length - 1 ? ',' : ''}`));
      lines.push(`    }${comma}`);
    });
    lines.push('  }');
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Own-property write that also works for keys like `__proto__` (user-controlled names). */
export function defineOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Own-property read: `constructor` or `toString` as a server name must not find Object.prototype. */
export function getOwn<T>(target: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(target, key) ? target[key] : undefined;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function positionOr(doc: JsoncDocument, at: ReadonlyArray<string | number>, part: 'key' | 'value' = 'value'): SourcePosition {
  return doc.positionOf(at, part) ?? doc.positionOf([]) ?? { line: 1, column: 1 };
}

function valueAt(root: unknown, at: ReadonlyArray<string | number>): unknown {
  let current: unknown = root;
  for (const segment of at) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current) && typeof segment === 'string' && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

function describePath(at: ReadonlyArray<string | number>): string {
  return at.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}
