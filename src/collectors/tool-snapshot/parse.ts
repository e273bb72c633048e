/**
 * Pure parsing of tool snapshots and of the tool lock file, with positions; hashing of tool
 * definitions. No I/O: the collector reads the files, tests call these with inline text.
 *
 * Snapshot shapes accepted (reference/mcp-formats.md §2.5):
 * - list results: `{ "tools": [...] }` (`tools/list`), `{ "prompts": [...] }` (`prompts/list`),
 *   `{ "resources": [...] }` (`resources/list`), `{ "resourceTemplates": [...] }`, or several of them
 *   in one object, bare or as the `result` of a JSON-RPC response;
 * - an `InitializeResult` (`{ "protocolVersion", "capabilities", "serverInfo", "instructions" }`), bare
 *   or as a JSON-RPC result: read for its instructions;
 * - an mcp-scan signature file: `{ "metadata": InitializeResult, "tools", "prompts", "resources", "resource_templates" }`,
 *   and an mcp-interviewer report (`mcp-interview.json`), the same with `initialize_result`;
 * - an mcp-scan scan result (`mcp-scan --json`): `{ "<config path>": { "path", "servers": [{ "name", "signature" }] } }`,
 *   or one such `{ "path", "servers" }` object: one snapshot per server that has a signature;
 * - one tool per file (`{ "name", "inputSchema", ... }`), as github-mcp-server keeps them in `__toolsnaps__/*.snap`;
 * - a JSON array of tools, as docker/mcp-registry's `servers/<name>/tools.json` (whose tools may give
 *   `arguments: [{ "name", "type", "desc", "optional" }]` instead of an `inputSchema`).
 * A list result may carry a top-level `"server": "<name>"` (or `{ "name", "version" }`).
 *
 * The server name is the `server` field, else `serverInfo.name` (from `metadata`, or a top-level or
 * result-level `serverInfo` / `server_info`), else the file name without `.tools.json` / `.json`; for
 * one-tool files and `tools.json` arrays, the folder's name (github-mcp-server's `pkg/github/__toolsnaps__/x.snap`
 * is server `github`), so that the tools of one server are one server to the checks.
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
import { entityStrings, fieldKey, isRecord, toolStrings } from './fields.js';
import type { SnapshotEntity, SnapshotTool, ToolDefinition, ToolLockFile, ToolSnapshotFile } from './model.js';

export const LOCKFILE_VERSION = 1;
export const LOCK_FILE_NAME = 'mcp-tools.lock';
const HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** A problem with a file, and (for one bad entry in an otherwise readable file) the entry's JSON pointer. */
export interface SourceProblem {
  problem: UnreadableSource;
  pointer?: string;
}

export interface SnapshotParse {
  /** One per server the file describes (several only in an mcp-scan result). */
  snapshots: ToolSnapshotFile[];
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

/** The server a one-tool file or a `tools.json` array belongs to: its folder (past `__toolsnaps__`). */
export function serverNameFromFolder(displayPath: string): string {
  const folders = path.posix.dirname(displayPath.replace(/\\/g, '/')).split('/').filter((f) => f && f !== '.' && f !== '..' && f !== '~');
  while (folders.length > 0 && folders.at(-1)!.toLowerCase() === '__toolsnaps__') folders.pop();
  return folders.at(-1) ?? serverNameFromPath(displayPath);
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
    return { snapshots: [], problems: [{ problem: tooDeep(displayPath, error) }] };
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

type Path = Array<string | number>;

/** List keys of a server's part: each an array of tools, prompts, resources or resource templates. */
const LIST_KEYS = ['tools', 'prompts', 'resources', 'resourceTemplates', 'resource_templates'] as const;
/** Keys that say "this is MCP server output" even when the rest of the shape is wrong. */
const MARKER_KEYS = [...LIST_KEYS, 'result', 'metadata', 'jsonrpc'];
const EXPECTED = 'expected a tools/list, prompts/list or resources/list result (bare or in a JSON-RPC response), an InitializeResult, '
  + 'an mcp-scan signature or scan result, one tool ({"name", "inputSchema"}), or a JSON array of tools';

/** Where a server's part of the document is, and what names it when the part does not. */
interface ServerPart {
  /** The object holding the lists (`root`, `root.result`, or an mcp-scan server's `signature`). */
  holder: Record<string, unknown>;
  prefix: Path;
  /** Objects that may carry `serverInfo` / `instructions` besides the holder (outermost first). */
  around: Array<{ value: Record<string, unknown>; at: Path }>;
  /** The server's name when the file gives it outside serverInfo (an mcp-scan server's `name`). */
  name?: string;
  fallbackName: string;
  pointer?: string;
}

type Shape =
  | { kind: 'parts'; parts: ServerPart[] }
  | { kind: 'tool-array'; tools: unknown[] }
  | { kind: 'one-tool' }
  | { kind: 'unknown'; reason: string; at: Path; marked: boolean };

function classify(root: unknown, displayPath: string): Shape {
  const fallbackName = serverNameFromPath(displayPath);
  if (Array.isArray(root)) {
    if (root.length > 0 && root.every((entry) => isRecord(entry) && typeof entry.name === 'string')) return { kind: 'tool-array', tools: root };
    return { kind: 'unknown', reason: root.length === 0 ? 'an empty JSON array, with no tool in it' : 'a JSON array whose entries are not all objects with a "name"', at: [], marked: false };
  }
  if (!isRecord(root)) return { kind: 'unknown', reason: 'the document is not an object or an array', at: [], marked: false };
  const marked = MARKER_KEYS.some((key) => Object.hasOwn(root, key));
  if (isRecord(root.error) && root.result === undefined) {
    const message = typeof root.error.message === 'string' ? `: ${root.error.message}` : '';
    return { kind: 'unknown', reason: `a JSON-RPC error response${message}`, at: ['error'], marked: true };
  }
  const hasList = (value: Record<string, unknown>) => LIST_KEYS.some((key) => Array.isArray(value[key]));
  const isInitialize = (value: Record<string, unknown>) => typeof value.protocolVersion === 'string' && (isRecord(value.capabilities) || isRecord(value.serverInfo));
  const around = [{ value: root, at: [] }];
  if (hasList(root) || isInitialize(root)) return { kind: 'parts', parts: [{ holder: root, prefix: [], around, fallbackName }] };
  if (isRecord(root.result) && (hasList(root.result) || isInitialize(root.result))) {
    return { kind: 'parts', parts: [{ holder: root.result, prefix: ['result'], around, fallbackName }] };
  }
  // mcp-scan --json: { "<config path>": ScanPathResult }, or one ScanPathResult
  const scanResults: Array<[Record<string, unknown>, Path]> = Array.isArray(root.servers)
    ? [[root, []]]
    : Object.entries(root).every(([, value]) => isRecord(value) && Array.isArray(value.servers)) && Object.keys(root).length > 0
      ? Object.entries(root).map(([key, value]) => [value as Record<string, unknown>, [key]])
      : [];
  if (scanResults.some(([result]) => (result.servers as unknown[]).some((server) => isRecord(server) && Object.hasOwn(server, 'signature')))) {
    const parts: ServerPart[] = [];
    for (const [result, at] of scanResults) {
      (result.servers as unknown[]).forEach((server, index) => {
        if (!isRecord(server) || !isRecord(server.signature)) return; // a server mcp-scan could not reach has no signature: nothing to read
        const prefix = [...at, 'servers', index, 'signature'];
        const name = typeof server.name === 'string' && server.name.trim() ? server.name : undefined;
        parts.push({ holder: server.signature, prefix, around: [], ...(name ? { name } : {}), fallbackName: `${fallbackName}#${index}`, pointer: jsonPointer([...at, 'servers', index]) });
      });
    }
    return { kind: 'parts', parts };
  }
  if (typeof root.name === 'string' && isRecord(root.inputSchema)) return { kind: 'one-tool' };
  const listHolder = isRecord(root.result) && root.tools === undefined ? root.result : root;
  const notList = LIST_KEYS.find((key) => listHolder[key] !== undefined && listHolder[key] !== null);
  if (notList) return { kind: 'unknown', reason: `"${notList}" is not an array`, at: [...(listHolder === root ? [] : ['result']), notList], marked };
  return { kind: 'unknown', reason: 'no "tools", "prompts" or "resources" list', at: [], marked };
}

function readSnapshot(text: string, displayPath: string, options: { lenient?: boolean }): SnapshotParse {
  const parsed = parseJsonDocument(text, displayPath);
  if ('problem' in parsed) return { snapshots: [], problems: [parsed] };
  const { doc } = parsed;
  const shape = classify(doc.value, displayPath);
  if (shape.kind === 'unknown') {
    if (options.lenient && !shape.marked) return { snapshots: [], problems: [], notASnapshot: true };
    const reason = `not a tool snapshot: ${shape.reason}; ${EXPECTED}`;
    return { snapshots: [], problems: [{ problem: { path: displayPath, code: 'unknown-shape', reason, ...positionOr(doc, shape.at) } }] };
  }
  const problems: SourceProblem[] = [];
  if (shape.kind === 'one-tool' || shape.kind === 'tool-array') {
    const snapshot: ToolSnapshotFile = { path: displayPath, server: serverNameFromFolder(displayPath), tools: [] };
    const entries: Array<[unknown, Path]> = shape.kind === 'one-tool' ? [[doc.value, []]] : shape.tools.map((tool, index) => [tool, [index]]);
    for (const [entry, at] of entries) readToolInto(snapshot, entry, at, doc, problems);
    return { snapshots: [snapshot], problems };
  }
  const snapshots = shape.parts.map((part) => readServerPart(part, doc, displayPath, problems));
  return { snapshots, problems };
}

function readServerPart(part: ServerPart, doc: JsoncDocument, displayPath: string, problems: SourceProblem[]): ToolSnapshotFile {
  const { holder, prefix } = part;
  const root = doc.value as Record<string, unknown>;
  // The InitializeResult beside the lists: mcp-scan's `metadata`, mcp-interviewer's `initialize_result`.
  const metadataAt: Path = [[...prefix, 'metadata'], [...prefix, 'initialize_result']].find((at) => isRecord(valueAt(root, at))) ?? [...prefix, 'metadata'];
  const metadata = valueAt(root, metadataAt) as Record<string, unknown> | undefined;
  const serverInfo = [metadata?.serverInfo, ...part.around.flatMap(({ value }) => [value.serverInfo, value.server_info]), holder.serverInfo, holder.server_info].find(isRecord);
  let server = part.name;
  let serverVersion: string | undefined;
  if (!server && part.around.length > 0) {
    if (typeof root.server === 'string' && root.server.trim()) server = root.server;
    else if (isRecord(root.server)) {
      if (typeof root.server.name === 'string' && root.server.name.trim()) server = root.server.name;
      if (typeof root.server.version === 'string') serverVersion = root.server.version;
    }
  }
  if (!server && typeof serverInfo?.name === 'string' && serverInfo.name.trim()) server = serverInfo.name;
  if (!serverVersion && typeof serverInfo?.version === 'string') serverVersion = serverInfo.version;

  const snapshot: ToolSnapshotFile = { path: displayPath, server: server ?? part.fallbackName, tools: [] };
  if (part.pointer !== undefined) snapshot.pointer = part.pointer;
  if (serverVersion !== undefined) snapshot.serverVersion = serverVersion;
  const instructionsAt: Path[] = [metadataAt, ...part.around.map(({ at }) => at), prefix].map((at) => [...at, 'instructions']);
  for (const at of instructionsAt) {
    const value = valueAt(root, at);
    if (typeof value === 'string') {
      snapshot.instructions = { text: value, at: positionOr(doc, at) };
      break;
    }
  }

  for (const key of LIST_KEYS) {
    const list = holder[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      problems.push({ problem: { path: displayPath, code: 'invalid-entry', reason: `"${key}" is not an array`, ...positionOr(doc, [...prefix, key]) }, pointer: jsonPointer([...prefix, key]) });
      continue;
    }
    list.forEach((entry: unknown, index: number) => {
      const at = [...prefix, key, index];
      if (key === 'tools') readToolInto(snapshot, entry, at, doc, problems);
      else readEntityInto(snapshot, key === 'prompts' ? 'prompt' : key === 'resources' ? 'resource' : 'resource-template', entry, at, doc, problems);
    });
  }
  return snapshot;
}

function entryProblem(displayPath: string, doc: JsoncDocument, at: Path, reason: string, field?: string): SourceProblem {
  return {
    problem: { path: displayPath, code: 'invalid-entry', reason: `${describePath(at)}${reason}`, ...positionOr(doc, field ? [...at, field] : at) },
    pointer: jsonPointer(at),
  };
}

function readToolInto(snapshot: ToolSnapshotFile, entry: unknown, at: Path, doc: JsoncDocument, problems: SourceProblem[]): void {
  const result = readTool(entry, at, doc);
  if ('reason' in result) problems.push(entryProblem(snapshot.path, doc, at, result.reason, result.field));
  else snapshot.tools.push(result);
}

function readTool(entry: unknown, at: Path, doc: JsoncDocument): SnapshotTool | { reason: string; field?: string } {
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
  // The path in the file of a string at a path of the definition: the same, but for converted arguments.
  let sourcePath: ((path: Path) => Path) | undefined;
  if (definition.inputSchema === undefined && Array.isArray(entry.arguments)) {
    const converted = schemaFromArguments(entry.arguments);
    if ('reason' in converted) return converted;
    definition.inputSchema = converted.schema;
    sourcePath = converted.sourcePath;
  }
  const positions: Record<string, SourcePosition> = {};
  for (const string of toolStrings(definition)) {
    const inFile = sourcePath ? sourcePath(string.path) : string.path;
    // A property name is a key in a schema, but the value of "name" in an argument list.
    const position = doc.positionOf([...at, ...inFile], string.kind === 'propertyName' && !sourcePath ? 'key' : 'value');
    if (position) positions[string.field] = position;
  }
  return { ...definition, pointer: jsonPointer(at), at: positionOr(doc, at), positions, sha256: toolDefinitionHash(definition) };
}

/**
 * docker/mcp-registry's `arguments: [{ "name", "type", "desc", "items", "optional" | "required" }]` as the
 * JSON Schema a client sees (an argument is required unless it says `optional: true` or `required: false`),
 * and the way back from a schema path to the argument, for positions.
 */
function schemaFromArguments(args: unknown[]): { schema: Record<string, unknown>; sourcePath: (path: Path) => Path } | { reason: string; field?: string } {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const indexOf = new Map<string, number>();
  for (const [index, argument] of args.entries()) {
    if (!isRecord(argument) || typeof argument.name !== 'string' || argument.name === '') return { reason: `.arguments[${index}] needs a "name"`, field: 'arguments' };
    const property: Record<string, unknown> = {};
    if (typeof argument.type === 'string') property.type = argument.type;
    if (typeof argument.desc === 'string') property.description = argument.desc;
    if (isRecord(argument.items)) property.items = argument.items;
    defineOwn(properties, argument.name, property);
    indexOf.set(argument.name, index);
    if (argument.optional !== true && argument.required !== false) required.push(argument.name);
  }
  const sourcePath = (path: Path): Path => {
    if (path[0] !== 'inputSchema' || path[1] !== 'properties' || typeof path[2] !== 'string') return path;
    const index = indexOf.get(path[2]);
    if (index === undefined) return path;
    const rest = path.slice(3);
    if (rest.length === 0) return ['arguments', index, 'name'];
    return ['arguments', index, ...(rest[0] === 'description' ? ['desc', ...rest.slice(1)] : rest)];
  };
  return { schema: { type: 'object', properties, required }, sourcePath };
}

function readEntityInto(snapshot: ToolSnapshotFile, kind: SnapshotEntity['kind'], entry: unknown, at: Path, doc: JsoncDocument, problems: SourceProblem[]): void {
  const fail = (reason: string, field?: string) => problems.push(entryProblem(snapshot.path, doc, at, reason, field));
  if (!isRecord(entry)) return void fail(' is not an object');
  if (typeof entry.name !== 'string' || entry.name === '') return void fail(entry.name === undefined ? ' has no "name"' : '.name must be a non-empty string', entry.name === undefined ? undefined : 'name');
  const entity: Omit<SnapshotEntity, 'pointer' | 'at' | 'positions'> = { kind, name: entry.name };
  const uriKey = kind === 'resource-template' ? 'uriTemplate' : 'uri';
  for (const [key, target] of [['title', 'title'], ['description', 'description'], [uriKey, 'uri'], ['mimeType', 'mimeType']] as const) {
    const value = entry[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return void fail(`.${key} must be a string`, key);
    entity[target] = value;
  }
  if (kind === 'prompt' && Array.isArray(entry.arguments)) {
    const args: NonNullable<SnapshotEntity['arguments']> = [];
    for (const [index, argument] of entry.arguments.entries()) {
      if (!isRecord(argument) || typeof argument.name !== 'string') return void fail(`.arguments[${index}] needs a "name"`, 'arguments');
      const read: (typeof args)[number] = { name: argument.name };
      if (typeof argument.title === 'string') read.title = argument.title;
      if (typeof argument.description === 'string') read.description = argument.description;
      if (typeof argument.required === 'boolean') read.required = argument.required;
      args.push(read);
    }
    entity.arguments = args;
  }
  const positions: Record<string, SourcePosition> = {};
  for (const string of entityStrings(entity)) {
    const position = doc.positionOf([...at, ...string.path]);
    if (position) positions[string.field] = position;
  }
  (snapshot.entities ??= []).push({ ...entity, pointer: jsonPointer(at), at: positionOr(doc, at), positions });
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
