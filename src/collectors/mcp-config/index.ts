/**
 * The MCP configuration collector: discovers the client configuration files of every client in
 * reference/mcp-formats.md §2.2 (and registry `server.json` files, Claude Code plugins, dotfile
 * layouts, and files of any name whose content sniffs as MCP: sniff.ts), parses each into the normalised
 * model (model.ts) with the position of every value, and redacts secrets before any item exists.
 * Output: one `mcp-config` item per parsed file, one `unreadable-source` item per file that exists
 * but cannot be used, and one `discovery` item with the counts and every skip.
 * Static analysis only: nothing from a configuration is ever executed; files are only read.
 */
import type { Collector, CollectContext, DiscoverySummary, EvidenceItem, UnreadableSource } from '../../evidence/types.js';
import { findSecrets, REDACTED } from '../../evidence/secrets.js';
import { unreadableSourceId } from '../../evidence/unreadable-source-id.js';
import type { McpConfigFile } from './model.js';
import path from 'node:path';
import { discover, inside, type Candidate, type DiscoveryStats } from './discovery.js';
import { evidencePath } from '../../evidence/paths.js';
import { READ_CAPS, readRegularFile } from '../../lib/bounded-read.js';
import { firstInvalidUtf8 } from '../../lib/text-position.js';
import { isObject } from './normalize.js';
import { parseClaudeJson, parseClaudeSettings } from './parse-claude-code.js';
import { parseCodexConfig } from './parse-codex.js';
import { parseContinueBlock, parseContinueConfig } from './parse-continue.js';
import { parseMcpServersFile } from './parse-mcp-servers.js';
import { describeType, type ParseInput, type ParseResult } from './parse-result.js';
import { isRegistryServerJson, parseServerJson } from './parse-server-json.js';
import { parseVscodeMcpFile, parseVscodeSettings } from './parse-vscode.js';
import { parseZedSettings } from './parse-zed.js';
import { parseJsonDoc, parseTomlDoc, parseYamlDoc, type DocResult, type SourceDoc } from './source-doc.js';
import { mayHoldMcp, quickParse, SNIFF_MAX_BYTES, sniffShape, strayMcpKey, STRONG_MCP_MARKERS } from './sniff.js';

/** Files larger than this are not read (no client configuration comes near it). */
export const MAX_CONFIG_BYTES = READ_CAPS.mcpConfig;

const COLLECTOR_ID = 'mcp-config';

export const mcpConfigCollector: Collector = {
  id: COLLECTOR_ID,
  title: 'MCP client and server configurations',
  produces: ['mcp-config', 'unreadable-source', 'discovery'],
  async collect(context: CollectContext): Promise<EvidenceItem[]> {
    const items: EvidenceItem[] = [];
    const stats: DiscoveryStats = { filesExamined: 0, skipped: [] };
    let filesSniffed = 0;
    /** Display paths of the MCP server files Claude Code plugin manifests named, read as such: the walk does not read them again. */
    const readAsPluginFile = new Set<string>();
    const unreadable = (source: UnreadableSource) => items.push({
      id: unreadableSourceId(COLLECTOR_ID, source.path), kind: 'unreadable-source', collector: COLLECTOR_ID,
      source: source.path, collectedAt: context.now, data: source,
    });

    try {
      for await (const event of discover(context, stats)) {
        if (event.type === 'unreadable') {
          unreadable({ path: event.path, code: event.code, reason: event.reason });
          continue;
        }
        const candidate = event.candidate;
        if (candidate.parser === 'sniff') filesSniffed++;
        if (readAsPluginFile.has(candidate.display)) {
          stats.skipped.push({ path: candidate.display, reason: 'same file as one already read (the MCP server file of a Claude Code plugin)' });
          continue;
        }
        const outcome = await collectFile(candidate);
        if (outcome.type !== 'plugin-files') { record(outcome, candidate); continue; }
        for (const reference of outcome.files) {
          const target = pluginServerFile(candidate, reference, context);
          if (!('abs' in target)) { record(target, candidate); continue; }
          readAsPluginFile.add(target.display);
          const read = await collectFile(target);
          record(read.type === 'unreadable' ? { ...read, source: { ...read.source, reason: `named by ${candidate.display} as its MCP server file: ${read.source.reason}` } } : read, target);
        }
      }
    } catch (error) {
      // Discovery guards every file-system call; this is the last line so a run never loses its items.
      stats.skipped.push({ path: '.', reason: `discovery stopped early: ${(error as Error).message}` });
    }

    function record(outcome: FileOutcome, candidate: Candidate): void {
      if (outcome.type === 'not-mcp' || outcome.type === 'plugin-files') return;
      if (outcome.type === 'config') {
        const item: EvidenceItem = {
          id: `mcp-config:${outcome.file.path}`, kind: 'mcp-config', collector: COLLECTOR_ID,
          source: outcome.file.path, collectedAt: context.now, data: outcome.file,
        };
        // A plugin's server file the walk sniffed first is read again as the plugin says (Claude Code's .mcp.json rules): that reading replaces the first.
        const earlier = items.findIndex((i) => i.id === item.id);
        if (earlier >= 0) items[earlier] = item;
        else items.push(item);
      } else if (outcome.type === 'unreadable') {
        // Listed with the other skips too, so the skipped list is every candidate that was not read.
        stats.skipped.push({ path: outcome.source.path, reason: skipReason(outcome.source) });
        unreadable(outcome.source);
      } else stats.skipped.push({ path: candidate.display, reason: outcome.reason });
    }

    /** Entries that only carry a permission rule (Claude Code permissions.allow, Zed agent.tool_permissions) are not server definitions. */
    const serversFound = items.reduce((n, i) => n + (i.kind === 'mcp-config'
      ? (i.data as McpConfigFile).servers.filter((s) => !s.pointer.startsWith('/permissions/') && !s.pointer.startsWith('/agent/')).length : 0), 0);

    const root = context.root;
    const summary: DiscoverySummary = {
      roots: context.paths.map((p) => evidencePath(p, root, context.home)),
      includeUser: context.includeUser,
      filesExamined: stats.filesExamined,
      filesSniffed,
      configsParsed: items.filter((i) => i.kind === 'mcp-config').length,
      serversFound,
      skipped: stats.skipped,
    };
    items.push({ id: 'discovery:mcp-config', kind: 'discovery', collector: COLLECTOR_ID, source: '.', collectedAt: context.now, data: summary });
    return items;
  },
};

type FileOutcome =
  | { type: 'config'; file: McpConfigFile }
  | { type: 'unreadable'; source: UnreadableSource }
  /** A candidate that is not read, with why (listed in the discovery summary's `skipped`). */
  | { type: 'ignored'; reason: string }
  /** A sniffed file whose content is not MCP: not a candidate at all. */
  | { type: 'not-mcp' }
  /** A Claude Code plugin manifest whose `mcpServers` names files (paths as written): those files are read instead. */
  | { type: 'plugin-files'; files: string[] };

const skipReason = (source: UnreadableSource) => `${source.reason}${source.line ? ` (line ${source.line}, column ${source.column ?? 1})` : ''}`;

/** A sniffed document that is no MCP configuration: listed as skipped when it holds an MCP key (sniff.ts strayMcpKey). */
function strayOrNotMcp(value: unknown): FileOutcome {
  const stray = strayMcpKey(value);
  return stray ? { type: 'ignored', reason: stray } : { type: 'not-mcp' };
}

/** Reads, decodes and parses one candidate file. Never throws. */
export async function collectFile(candidate: Candidate): Promise<FileOutcome> {
  const where = candidate.display;
  const unreadable = (code: string, reason: string, line?: number, column?: number): FileOutcome =>
    ({ type: 'unreadable', source: { path: where, code, reason: scrub(reason), ...(line !== undefined ? { line, column: column ?? 1 } : {}) } });

  if (candidate.parser === 'sniff') return sniffFile(candidate);
  // Regular files only, capped, checked on the opened file: a FIFO or a link to /dev/zero named like a config is reported.
  const read = readRegularFile(candidate.abs, { cap: MAX_CONFIG_BYTES });
  if (!read.ok) return unreadable(read.refusal.code, read.refusal.reason);
  const bytes = read.bytes;

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return unreadable('not-utf8', 'is not valid UTF-8', at.line, at.column);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  try {
    const parsed = parseText(text, candidate.format);
    if (!parsed.ok) {
      if (candidate.optional && !candidate.optional.sniff.test(text)) return { type: 'ignored', reason: 'does not parse and holds no MCP configuration' };
      return unreadable(parsed.error.code ?? 'parse-error', `${unrecognised(candidate)}cannot be parsed as ${syntaxOf(candidate)}: ${parsed.error.message}`, parsed.error.line, parsed.error.column);
    }
    const pluginFiles = candidate.parser === 'claude-plugin' ? namedServerFiles(parsed.doc.value) : [];
    if (pluginFiles.length > 0) return { type: 'plugin-files', files: pluginFiles };
    const result = runParser(candidate, parsed.doc);
    if (result.ok) {
      scrubSettings(result.file);
      return { type: 'config', file: result.file };
    }
    if (result.code === 'no-mcp-content') return { type: 'ignored', reason: result.reason };
    // A general settings file (empty, or some other tool's) that never mentions MCP is not ours to judge.
    if (candidate.optional && !candidate.optional.sniff.test(text)) return { type: 'ignored', reason: `holds no MCP configuration (${result.reason})` };
    const why = candidate.parser === 'auto' ? `${unrecognised(candidate)}parses, but ${result.reason}` : `parses, but is not an MCP configuration${expected(candidate)}: ${result.reason}`;
    return unreadable('unknown-shape', why, result.at?.line, result.at?.column);
  } catch (error) {
    // A parser bug must not cost the other files their evidence.
    return unreadable('internal-error', `could not be analysed: ${(error as Error).message}`);
  }
}

/**
 * A file of the walk with a name no client uses: bounded, pre-filtered on its bytes, parsed, and read
 * only when its shape is an MCP server map (sniff.ts). It was never named as a configuration, so
 * what goes wrong is listed as skipped, not reported as an unreadable source.
 */
function sniffFile(candidate: Candidate): FileOutcome {
  const read = readRegularFile(candidate.abs, { cap: SNIFF_MAX_BYTES });
  if (!read.ok) {
    return read.refusal.code === 'too-large'
      ? { type: 'ignored', reason: `not examined for MCP content: larger than ${SNIFF_MAX_BYTES / 1024 / 1024} MiB` }
      : { type: 'ignored', reason: `not examined for MCP content: ${read.refusal.reason}` };
  }
  if (!mayHoldMcp(read.bytes)) return { type: 'not-mcp' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    return { type: 'not-mcp' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const quick = quickParse(text, candidate.format);
  if (!quick.ok && !STRONG_MCP_MARKERS.test(text)) return { type: 'not-mcp' };
  if (quick.ok) {
    const quickShape = sniffShape(quick.value, candidate.format);
    // A file that holds an MCP key where no client reads it is listed, never passed over in silence.
    if (!quickShape.mcp) return strayOrNotMcp(quick.value);
  }
  // Parsed again with positions: an MCP configuration, or one that mentions MCP servers and does not parse (for the error's place).
  const parsed = parseText(text, candidate.format);
  if (!parsed.ok) {
    return { type: 'ignored', reason: scrub(`mentions MCP servers but cannot be parsed as ${syntaxOf(candidate)}: ${parsed.error.message} (line ${parsed.error.line}, column ${parsed.error.column})`) };
  }
  const shape = sniffShape(parsed.doc.value, candidate.format);
  if (!shape.mcp) return strayOrNotMcp(parsed.doc.value);
  try {
    const result = runParser({ ...candidate, parser: shape.parser, client: shape.client }, parsed.doc);
    if (!result.ok) return { type: 'ignored', reason: scrub(`sniffed as an MCP configuration, but ${result.reason}`) };
    if (result.file.servers.length === 0) return { type: 'ignored', reason: 'sniffed as an MCP configuration, but its server map is empty' };
    scrubSettings(result.file);
    return { type: 'config', file: result.file };
  } catch (error) {
    return { type: 'ignored', reason: `could not be analysed: ${(error as Error).message}` };
  }
}

/**
 * A file named on the command line that no collector recognises keeps this collector's reason (the
 * others' are dropped when one reads it: engine/run-collectors.ts), so the reason says so first.
 */
const unrecognised = (candidate: Candidate) =>
  candidate.parser === 'auto' ? 'is not an MCP configuration, tool snapshot or log that mcp-comply reads: it ' : '';

const syntaxOf = (candidate: Candidate) => (candidate.format === 'toml' ? 'TOML' : candidate.format === 'yaml' ? 'YAML' : 'JSON');

function expected(candidate: Candidate): string {
  return candidate.client === 'unknown' ? '' : ` for ${candidate.client}`;
}

function parseText(text: string, format: Candidate['format']): DocResult {
  if (format === 'toml') return parseTomlDoc(text);
  if (format === 'yaml') return parseYamlDoc(text);
  return parseJsonDoc(text);
}

function runParser(candidate: Candidate, doc: SourceDoc): ParseResult {
  const input: ParseInput = { doc, path: candidate.display, client: candidate.client, scope: candidate.scope };
  const value = doc.value;
  switch (candidate.parser) {
    case 'mcp-servers': return parseMcpServersFile(input);
    case 'vscode-mcp': return parseVscodeMcpFile(input);
    case 'vscode-settings': return parseVscodeSettings(input);
    case 'claude-json': return parseClaudeJson(input);
    case 'claude-settings': return parseClaudeSettings(input);
    case 'codex': return parseCodexConfig(input);
    case 'zed': return parseZedSettings(input);
    case 'continue-config': return parseContinueConfig(input);
    case 'continue-block': return parseContinueBlock(input);
    case 'server-json':
      return isRegistryServerJson(value) ? parseServerJson(input) : { ok: false, code: 'no-mcp-content', reason: 'not an MCP registry server.json' };
    case 'any-mcp-json':
      // `mcp.json` outside a known client folder: the VS Code shape (`servers`) or the common one.
      if (isObject(value) && isObject(value.servers) && value.mcpServers === undefined) return parseVscodeMcpFile({ ...input, client: 'vscode' });
      return parseMcpServersFile(input);
    case 'claude-plugin': return parseClaudePlugin(input);
    case 'auto': return parseByShape(input);
    case 'sniff': return { ok: false, code: 'unknown-shape', reason: 'sniffed files are read by sniffFile' };
  }
}

/** A file given by path with a name no client uses: recognised by its content. */
function parseByShape(input: ParseInput): ParseResult {
  const value = input.doc.value;
  if (!isObject(value)) return { ok: false, code: 'unknown-shape', reason: `the document is ${describeType(value)}, not an object` };
  // The walk's shape test decides alone, so a file classifies alike named on the command line and found by the walk.
  const shape = sniffShape(value, input.doc.format === 'jsonc' ? 'json' : input.doc.format);
  if (shape.mcp) return runParser({ parser: shape.parser, client: shape.client, scope: input.scope, format: 'json', abs: '', display: input.path }, input.doc);
  if (isRegistryServerJson(value)) return parseServerJson({ ...input, client: 'server.json', scope: 'registry' });
  if (typeof value.enableAllProjectMcpServers === 'boolean' || isObject(value.permissions)) return parseClaudeSettings({ ...input, client: 'claude-code' });
  return { ok: false, code: 'unknown-shape', reason: 'it has no MCP server map (mcpServers, servers, context_servers, mcp_servers, mcp.servers, or a map of server entries) and is no registry server.json' };
}

/**
 * A Claude Code plugin manifest (`.claude-plugin/plugin.json`) with servers written inline under
 * `mcpServers`; one that names server files instead is handled by namedServerFiles.
 */
function parseClaudePlugin(input: ParseInput): ParseResult {
  const value = input.doc.value;
  if (isObject(value) && isObject(value.mcpServers)) return parseMcpServersFile(input);
  return { ok: false, code: 'no-mcp-content', reason: 'plugin manifest without MCP servers' };
}

/** The server files a plugin manifest names: `"mcpServers": "./servers.json"` or a list of such paths. */
function namedServerFiles(value: unknown): string[] {
  if (!isObject(value)) return [];
  const named = typeof value.mcpServers === 'string' ? [value.mcpServers] : Array.isArray(value.mcpServers) ? value.mcpServers : [];
  return named.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
}

/**
 * The candidate for a server file a plugin manifest names: the path resolved against the plugin
 * root (the folder that holds `.claude-plugin/`), read as Claude Code reads `.mcp.json` (flat or
 * wrapped, entries with keys of their own kept). A path outside the plugin is not read: the reason why.
 */
function pluginServerFile(manifest: Candidate, reference: string, context: CollectContext): Candidate | FileOutcome {
  const pluginRoot = path.dirname(path.dirname(manifest.abs));
  const relative = reference.replace(/^\$\{CLAUDE_PLUGIN_ROOT\}[\\/]?/, './');
  if (path.isAbsolute(relative)) return { type: 'ignored', reason: `names its MCP server file by an absolute path (${reference}): plugin paths are relative to the plugin root, so it is not read` };
  const abs = path.resolve(pluginRoot, relative);
  if (!inside(pluginRoot, abs) || abs === pluginRoot) return { type: 'ignored', reason: `names its MCP server file outside the plugin folder (${reference}): not read` };
  return { abs, display: evidencePath(abs, context.root, context.home), parser: 'mcp-servers', client: 'claude-code', scope: manifest.scope, format: 'json' };
}

/** File-level settings (allow/deny lists may hold URLs) get the same redaction as server values. */
function scrubSettings(file: McpConfigFile): void {
  for (const key of ['allowedMcpServers', 'deniedMcpServers'] as const) {
    const list = file.settings[key];
    if (list) file.settings[key] = list.map((v) => (findSecrets(v).length > 0 ? REDACTED : v));
  }
}

/** Messages quote no file content, but a parser's message might: strip anything secret-shaped. */
function scrub(text: string): string {
  return findSecrets(text).length > 0 ? text.replace(/:.*$/s, ': (details withheld: they quote a secret)') : text;
}
