/**
 * Finds MCP configuration files: the project-level files of every client in
 * reference/mcp-formats.md §2.2 under each given folder (walked recursively, streamed), the
 * user-level files of every client where a dotfiles repository keeps them (`.config/zed/`,
 * `config/codex/`, `Code/User/`, ...), every other JSON, YAML or TOML file as a candidate whose
 * content the collector sniffs (sniff.ts), a given
 * file directly, and with `includeUser` the user-level files under the home folder (Linux and
 * macOS locations). Dependency and version-control folders are not entered; a symlink to a folder
 * already visited is not followed (a loop is reported as such); every file is read at most once.
 * Nothing here reads file contents: that is the collector's job.
 */
import type { Dir, Stats } from 'node:fs';
import fs from 'node:fs/promises';
// The walk is sequential, so the sync calls avoid a thread-pool round trip per folder and file (measured: bench/).
import fsSync from 'node:fs';
import path from 'node:path';
import { evidencePath } from '../../evidence/paths.js';
import type { CollectContext } from '../../evidence/types.js';
import type { McpClient, McpScope, ParserId } from './model.js';
import { isSniffable } from './sniff.js';

export interface FileKind {
  parser: ParserId;
  client: McpClient;
  scope: McpScope;
  format: 'json' | 'yaml' | 'toml';
  /**
   * A general file of a client (VS Code or Zed settings, `server.json`, ...): when it holds no MCP
   * content it is skipped, and when it does not parse it is reported only if `sniff` finds MCP in it.
   */
  optional?: { sniff: RegExp };
}

export interface Candidate extends FileKind {
  /** Absolute path as reached (through symlinks, if any). */
  abs: string;
  /** Display path: relative to the root, or `~/...`. */
  display: string;
}

export type DiscoveryEvent =
  | { type: 'candidate'; candidate: Candidate }
  /** A folder or link that exists but cannot be walked (permission-denied, symlink-loop). */
  | { type: 'unreadable'; path: string; code: string; reason: string };

export interface DiscoveryStats {
  filesExamined: number;
  skipped: Array<{ path: string; reason: string }>;
}

/** Folders never entered: dependencies and version control (reported as skipped). */
export const SKIPPED_FOLDERS: ReadonlyMap<string, string> = new Map([
  ...['node_modules', 'bower_components', 'jspm_packages', '.pnpm-store', '.yarn', 'vendor', '.venv', 'venv',
    'site-packages', '__pycache__', '.tox', '.nox', '.terraform', 'Pods', '.gradle', '.m2', '.bundle']
    .map((name) => [name, 'dependency folder'] as const),
  ...['.git', '.hg', '.svn', '.bzr', '_darcs', 'CVS', '.jj', '.sl']
    .map((name) => [name, 'version-control folder'] as const),
]);

const PROGRESS_EVERY = 500;

const formatOf = (name: string): FileKind['format'] =>
  /\.toml$/i.test(name) ? 'toml' : /\.ya?ml$/i.test(name) ? 'yaml' : 'json';

/**
 * What a project-level file is, from its name and the two folders above it; undefined when it is
 * not an MCP configuration location.
 */
export function classifyFile(absolute: string): FileKind | undefined {
  const parts = absolute.split(/[\\/]/);
  const name = parts[parts.length - 1] ?? '';
  const parent = parts[parts.length - 2] ?? '';
  const grand = parts[parts.length - 3] ?? '';
  const json = (parser: ParserId, client: McpClient, scope: McpScope = 'project', optional?: RegExp): FileKind =>
    ({ parser, client, scope, format: 'json', ...(optional ? { optional: { sniff: optional } } : {}) });

  // VS Code-family user folders (`Code/User/`, kept in dotfiles as `.config/Code/User/` or `Code/User/`).
  if (parent === 'User' && VSCODE_APPS.has(grand)) {
    if (name === 'mcp.json') return json('vscode-mcp', 'vscode', 'user');
    if (name === 'settings.json') return json('vscode-settings', 'vscode', 'user', /"mcp"/);
  }

  switch (name) {
    case '.mcp.json': return json('mcp-servers', 'claude-code');
    case '.claude.json': return json('claude-json', 'claude-code', 'user');
    case 'plugin.json':
      return parent === '.claude-plugin' ? json('claude-plugin', 'claude-code', 'project', /mcpServers/) : undefined;
    case 'claude_desktop_config.json': return json('mcp-servers', 'claude-desktop', 'user');
    case 'managed-mcp.json': return json('mcp-servers', 'claude-code', 'managed');
    case 'managed-settings.json': return json('claude-settings', 'claude-code', 'managed', /Mcp|mcp__/);
    case 'cline_mcp_settings.json': return json('mcp-servers', 'cline');
    case 'mcp_settings.json': return json('mcp-servers', /kilo/i.test(`${grand}/${parent}`) || parts.includes('.kilocode') ? 'kilo' : 'roo');
    case 'mcp_config.json': return json('any-mcp-json', grand === '.gemini' && parent === 'antigravity' ? 'gemini-cli' : 'windsurf');
    case 'mcp-config.json': return parent === '.copilot' ? json('mcp-servers', 'copilot') : undefined;
    case 'server.json': return json('server-json', 'server.json', 'registry', /modelcontextprotocol|"(?:packages|remotes)"/);
    case 'mcp.json':
      if (parent === '.cursor') return json('mcp-servers', 'cursor');
      if (parent === '.vscode') return json('vscode-mcp', 'vscode');
      if (parent === '.roo') return json('mcp-servers', 'roo');
      if (parent === '.kilocode') return json('mcp-servers', 'kilo');
      if (parent === '.amazonq' || (parent === 'amazonq' && grand === '.aws')) return json('mcp-servers', 'amazon-q');
      if (parent === 'settings' && grand === '.kiro') return json('mcp-servers', 'kiro');
      return json('any-mcp-json', 'unknown');
    case 'settings.json':
      if (parent === '.vscode') return json('vscode-settings', 'vscode', 'project', /"mcp"/);
      if (parent === '.gemini') return json('mcp-servers', 'gemini-cli', 'project', /mcpServers|"mcp"/);
      if (parent === '.zed') return json('zed', 'zed', 'project', /context_servers/);
      if (parent === '.claude') return json('claude-settings', 'claude-code', 'project', /Mcp|mcp__/);
      // Dotfile layouts of user-level files: `.config/zed/settings.json`, `zed/settings.json`, `gemini/settings.json`.
      if (parent === 'zed') return json('zed', 'zed', 'user', /context_servers/);
      if (parent === 'gemini') return json('mcp-servers', 'gemini-cli', 'user', /mcpServers|"mcp"/);
      return undefined;
    case 'settings.local.json':
      return parent === '.claude' ? json('claude-settings', 'claude-code', 'local', /Mcp|mcp__/) : undefined;
    case 'config.toml':
      // `.codex/config.toml` (project, or ~ kept in dotfiles), `codex/config.toml` under a dotfiles config folder.
      return parent === '.codex' || parent === 'codex'
        ? { parser: 'codex', client: 'codex', scope: parent === '.codex' ? 'project' : 'user', format: 'toml', optional: { sniff: /mcp_servers/ } } : undefined;
    case 'config.yaml':
    case 'config.yml':
      return parent === '.continue' || parent === 'continue'
        ? { parser: 'continue-config', client: 'continue', scope: 'project', format: 'yaml', optional: { sniff: /mcpServers/ } } : undefined;
    case 'config.json':
      return parent === '.continue' || parent === 'continue' ? json('continue-config', 'continue', 'project', /mcpServers|modelContextProtocolServers/) : undefined;
    default:
      if (parent === 'mcpServers' && grand === '.continue' && /\.(?:ya?ml|json)$/i.test(name)) {
        return { parser: 'continue-block', client: 'continue', scope: 'project', format: formatOf(name) };
      }
      return undefined;
  }
}

/** VS Code and its forks: their user folder `<app>/User/` holds `mcp.json` and `settings.json`. */
const VSCODE_APPS: ReadonlySet<string> = new Set(['Code', 'Code - Insiders', 'VSCodium', 'Code - OSS']);

/** A file of the walk that no client names: its content is sniffed (sniff.ts) and it is read if MCP. */
const sniffKind = (name: string): FileKind | undefined =>
  isSniffable(name) ? { parser: 'sniff', client: 'unknown', scope: 'project', format: formatOf(name) } : undefined;

interface UserFile { rel: string; kind: FileKind }

/** User-level configuration files, relative to the home folder (Linux and macOS). */
export function userLevelFiles(): UserFile[] {
  const user = (rel: string, parser: ParserId, client: McpClient, optional?: RegExp): UserFile => ({
    rel, kind: { parser, client, scope: 'user', format: formatOf(rel), ...(optional ? { optional: { sniff: optional } } : {}) },
  });
  const editorDirs = ['Library/Application Support', '.config'].flatMap((base) =>
    ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf'].map((app) => `${base}/${app}/User`));
  return [
    user('.claude.json', 'claude-json', 'claude-code'),
    user('.claude/settings.json', 'claude-settings', 'claude-code', /Mcp|mcp__/),
    user('Library/Application Support/Claude/claude_desktop_config.json', 'mcp-servers', 'claude-desktop'),
    user('.config/Claude/claude_desktop_config.json', 'mcp-servers', 'claude-desktop'),
    user('.cursor/mcp.json', 'mcp-servers', 'cursor'),
    ...['Library/Application Support', '.config'].flatMap((base) => ['Code', 'Code - Insiders', 'VSCodium'].flatMap((app) => [
      user(`${base}/${app}/User/mcp.json`, 'vscode-mcp', 'vscode'),
      user(`${base}/${app}/User/settings.json`, 'vscode-settings', 'vscode', /"mcp"/),
    ])),
    user('.copilot/mcp-config.json', 'mcp-servers', 'copilot'),
    user('.codeium/windsurf/mcp_config.json', 'mcp-servers', 'windsurf'),
    user('.gemini/settings.json', 'mcp-servers', 'gemini-cli', /mcpServers|"mcp"/),
    user('.gemini/antigravity/mcp_config.json', 'mcp-servers', 'gemini-cli'),
    user('.codex/config.toml', 'codex', 'codex', /mcp_servers/),
    user('.config/zed/settings.json', 'zed', 'zed', /context_servers/),
    user('.continue/config.yaml', 'continue-config', 'continue', /mcpServers/),
    user('.continue/config.json', 'continue-config', 'continue', /mcpServers|modelContextProtocolServers/),
    ...editorDirs.flatMap((dir) => [
      user(`${dir}/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json`, 'mcp-servers', 'cline'),
      user(`${dir}/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json`, 'mcp-servers', 'roo'),
      user(`${dir}/globalStorage/kilocode.kilo-code/settings/mcp_settings.json`, 'mcp-servers', 'kilo'),
    ]),
    user('.kilocode/cli/global/settings/mcp_settings.json', 'mcp-servers', 'kilo'),
    user('.kiro/settings/mcp.json', 'mcp-servers', 'kiro'),
    user('.aws/amazonq/mcp.json', 'mcp-servers', 'amazon-q'),
    user('.aws/amazonq/agents/default.json', 'mcp-servers', 'amazon-q'),
    user('.aws/amazonq/agents/mcp.json', 'mcp-servers', 'amazon-q'),
  ];
}

export const inside = (parent: string, child: string) => child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);

export const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException)?.code ?? 'EUNKNOWN';

/** Streams discovery events; counts and skips go to `stats`. Never throws on file-system trouble. */
export async function* discover(context: CollectContext, stats: DiscoveryStats): AsyncGenerator<DiscoveryEvent> {
  const root = path.resolve(context.root);
  const home = context.home ? path.resolve(context.home) : '';
  const show = (abs: string) => evidencePath(abs, root, home);
  /** Real paths of the folders walks started from (given folders, followed symlinks). */
  const entered: string[] = [];
  const enteredSet = new Set<string>();
  /** Real paths of candidate files already handed out (a file reached twice is read once). */
  const seenFiles = new Set<string>();

  const examined = () => {
    stats.filesExamined++;
    if (stats.filesExamined % PROGRESS_EVERY === 0) context.progress?.(`mcp-config: ${stats.filesExamined} files examined`);
  };
  const skip = (p: string, reason: string) => stats.skipped.push({ path: p, reason });

  /** `knownReal`: the real path when the walk already knows it (a plain file in a folder whose real path it tracks). */
  async function candidate(abs: string, display: string, kind: FileKind, knownReal?: string): Promise<DiscoveryEvent | undefined> {
    let real: string;
    try {
      real = knownReal ?? fsSync.realpathSync(abs);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ELOOP') {
        skip(display, 'symlink loop');
        return { type: 'unreadable', path: display, code: 'symlink-loop', reason: 'the symbolic link resolves to itself' };
      }
      if (code === 'EACCES' || code === 'EPERM') {
        skip(display, 'permission denied');
        return { type: 'unreadable', path: display, code: 'permission-denied', reason: 'permission denied' };
      }
      skip(display, code === 'ENOENT' ? 'broken symbolic link' : `cannot be read (${code})`);
      return undefined;
    }
    if (seenFiles.has(real)) {
      skip(display, 'same file as one already read');
      return undefined;
    }
    seenFiles.add(real);
    return { type: 'candidate', candidate: { ...kind, abs, display } };
  }

  async function* walk(dirAbs: string, dirReal: string): AsyncGenerator<DiscoveryEvent> {
    let dir: Dir;
    try {
      dir = fsSync.opendirSync(dirAbs);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EACCES' || code === 'EPERM') {
        skip(show(dirAbs), 'permission denied');
        yield { type: 'unreadable', path: show(dirAbs), code: 'permission-denied', reason: 'the folder cannot be listed: permission denied' };
      } else if (code !== 'ENOENT') skip(show(dirAbs), `cannot be listed (${code})`);
      return;
    }
    // Only the names worth a second look are kept (folders, candidate files, links), never every file.
    const folders: string[] = [];
    const files: string[] = [];
    /** Files that are not links: their real path is the folder's real path and their name, no call needed. */
    const plainFiles = new Set<string>();
    const links: string[] = [];
    const skippedHere: string[] = [];
    try {
      for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
        if (entry.isDirectory()) {
          if (SKIPPED_FOLDERS.has(entry.name)) skippedHere.push(entry.name);
          else folders.push(entry.name);
          // A folder named like a configuration is walked, and also reported: the file is not there.
          if (classifyFile(path.join(dirAbs, entry.name))) files.push(entry.name);
        } else if (entry.isSymbolicLink()) links.push(entry.name);
        else {
          // Regular files, and FIFOs, sockets and devices too: one named like a configuration is
          // handed on, and reading it reports what it is instead of passing it over in silence.
          examined();
          if (classifyFile(path.join(dirAbs, entry.name)) ?? sniffKind(entry.name)) {
            files.push(entry.name);
            plainFiles.add(entry.name);
          }
        }
      }
    } catch (error) {
      skip(show(dirAbs), `listing stopped (${errorCode(error)})`);
    } finally {
      try { dir.closeSync(); } catch { /* already closed */ }
    }
    const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    for (const name of skippedHere.sort(byName)) skip(show(path.join(dirAbs, name)), SKIPPED_FOLDERS.get(name)!);

    // Symbolic links: files are candidates like any other; folders are followed unless already visited.
    const linkedFolders: Array<{ name: string; real: string }> = [];
    for (const name of links.sort(byName)) {
      const abs = path.join(dirAbs, name);
      let stat: Stats;
      try {
        stat = fsSync.statSync(abs);
      } catch (error) {
        const code = errorCode(error);
        if (code === 'ELOOP') {
          skip(show(abs), 'symlink loop');
          yield { type: 'unreadable', path: show(abs), code: 'symlink-loop', reason: 'the symbolic link resolves to itself' };
        } else skip(show(abs), code === 'ENOENT' ? 'broken symbolic link' : `cannot be followed (${code})`);
        continue;
      }
      if (!stat.isDirectory()) {
        // A link to a regular file, or to a FIFO or a device (refused, and reported, when read).
        examined();
        if (classifyFile(abs) ?? sniffKind(name)) files.push(name);
      } else {
        if (classifyFile(abs)) files.push(name);
        if (SKIPPED_FOLDERS.has(name)) { skip(show(abs), SKIPPED_FOLDERS.get(name)!); continue; }
        try {
          linkedFolders.push({ name, real: await fs.realpath(abs) });
        } catch (error) {
          skip(show(abs), `cannot be followed (${errorCode(error)})`);
        }
      }
    }

    for (const name of files.sort(byName)) {
      const abs = path.join(dirAbs, name);
      const kind = (classifyFile(abs) ?? sniffKind(name))!;
      const event = await candidate(abs, show(abs), kind, plainFiles.has(name) ? path.join(dirReal, name) : undefined);
      if (event) yield event;
    }
    for (const name of folders.sort(byName)) {
      const real = path.join(dirReal, name);
      if (enteredSet.has(real)) { skip(show(path.join(dirAbs, name)), 'already visited through a symbolic link'); continue; }
      yield* walk(path.join(dirAbs, name), real);
    }
    for (const { name, real } of linkedFolders) {
      const abs = path.join(dirAbs, name);
      if (inside(real, dirReal)) {
        skip(show(abs), 'symlink loop');
        yield { type: 'unreadable', path: show(abs), code: 'symlink-loop', reason: `the symbolic link points back to a folder above it (${show(real)})` };
        continue;
      }
      if (entered.some((r) => inside(r, real))) { skip(show(abs), 'symbolic link to a folder already visited'); continue; }
      entered.push(real);
      enteredSet.add(real);
      yield* walk(abs, real);
    }
  }

  // User-level files first: they have a known client and scope even when a walk would also reach them.
  if (context.includeUser && home) {
    for (const { rel, kind } of userLevelFiles()) {
      const abs = path.join(home, ...rel.split('/'));
      try { await fs.lstat(abs); } catch { continue; }
      examined();
      const event = await candidate(abs, `~/${rel}`, kind);
      if (event) yield event;
    }
    const blocks = path.join(home, '.continue', 'mcpServers');
    try {
      const names = (await fs.readdir(blocks)).filter((n) => /\.(?:ya?ml|json)$/i.test(n)).sort();
      for (const name of names) {
        examined();
        const event = await candidate(path.join(blocks, name), `~/.continue/mcpServers/${name}`, {
          parser: 'continue-block', client: 'continue', scope: 'user', format: formatOf(name),
        });
        if (event) yield event;
      }
    } catch { /* no block folder */ }
  }

  for (const given of context.paths) {
    const abs = path.resolve(given);
    const display = show(abs);
    let stat: Stats;
    try {
      stat = await fs.stat(abs);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ELOOP') {
        skip(display, 'symlink loop');
        yield { type: 'unreadable', path: display, code: 'symlink-loop', reason: 'the symbolic link resolves to itself' };
      } else if (code === 'EACCES' || code === 'EPERM') {
        skip(display, 'permission denied');
        yield { type: 'unreadable', path: display, code: 'permission-denied', reason: 'permission denied' };
      } else skip(display, code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`);
      continue;
    }
    if (!stat.isDirectory()) {
      // A FIFO or device given by path is handed on too: reading it reports what it is.
      examined();
      const kind = classifyFile(abs) ?? { parser: 'auto', client: 'unknown', scope: 'project', format: formatOf(abs) };
      const event = await candidate(abs, display, kind);
      if (event) yield event;
      continue;
    }
    let real: string;
    try { real = await fs.realpath(abs); } catch (error) { skip(display, `cannot be read (${errorCode(error)})`); continue; }
    if (entered.some((r) => inside(r, real))) { skip(display, 'inside a folder already assessed'); continue; }
    entered.push(real);
    enteredSet.add(real);
    yield* walk(abs, real);
  }
}
