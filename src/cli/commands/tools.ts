/**
 * `mcp-comply tools lock [paths...] [--output FILE]`: approve the tool definitions in the snapshots
 * under the paths by writing their hashes to the lock file (default ./mcp-tools.lock), which
 * mcp.tools.definition-changed compares every later snapshot with.
 *
 * Lock file format (JSON, keys sorted at every level, written atomically):
 * ```json
 * { "lockfileVersion": 1, "servers": { "<server>": { "<tool>": "sha256:<64 hex>" } } }
 * ```
 * The hash is sha256 over the canonical JSON (sorted keys, no whitespace) of the tool's
 * {name, title, description, inputSchema, outputSchema, annotations}.
 *
 * A server's entry is replaced as a whole by what its snapshots say now; servers of the previous lock
 * that no snapshot here covers are kept (and named in the summary), so locking one snapshot does not
 * drop the approvals of the others. Exit 2, writing nothing, when a snapshot cannot be read, when two
 * snapshots give one tool two definitions, or when there is no snapshot at all. Poisoning patterns in
 * the definitions being approved are shown as warnings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { check as poisoningCheck } from '../../checks/mcp/mcp.tools.poisoning-pattern.js';
import type { CheckContext } from '../../checks/types.js';
import { MAX_SNAPSHOT_BYTES, toolSnapshotCollector } from '../../collectors/tool-snapshot/index.js';
import { LOCK_FILE_NAME, lockEntries, parseToolLock, serializeToolLock } from '../../collectors/tool-snapshot/parse.js';
import { formatMessage } from '../../engine/run-checks.js';
import type { EvidenceItem, EvidenceKind } from '../../evidence/types.js';
import { WriteError, writeFileAtomic } from '../../lib/atomic-write.js';
import { readRegularText } from '../../lib/bounded-read.js';
import { printable } from '../../lib/printable.js';
import { displayPath, formatProblem, sortProblems, type Problem } from '../../lib/problem.js';
import { runTime } from '../clock.js';
import { ExitCode } from '../exit-codes.js';
import { resolveCheckOptions } from '../../config/check-options.js';
import { writeErr } from '../text.js';

export interface LockToolsOptions {
  /** Files or folders, relative to `cwd` (default: `.`). */
  paths: string[];
  cwd: string;
  /** Lock file to write, relative to `cwd` (default: `mcp-tools.lock`). */
  output?: string;
  home?: string;
  now?: string;
}

export interface LockChanges {
  /** `server/tool` entries, sorted. */
  added: string[];
  changed: string[];
  removed: string[];
  /** Servers of the previous lock kept because no snapshot here covers them. */
  keptServers: string[];
}

export interface LockToolsOutcome {
  exitCode: number;
  /** Errors (which stop the write) and warnings, with absolute file paths. */
  problems: Problem[];
  /** Absolute path of the lock file. */
  output: string;
  written: boolean;
  servers: number;
  tools: number;
  /** Differences from the lock file that was there before; undefined when there was none (or it was unreadable). */
  changes?: LockChanges;
  summary: string;
}

export function registerTools(program: Command): void {
  const tools = program.command('tools').description('tool definition snapshots: pin the approved definitions in mcp-tools.lock');
  tools.command('lock')
    .description('write the hash of every tool definition in the snapshots under the paths to the lock file (approve them as they are now)')
    .argument('[paths...]', 'files or folders with tool snapshots (*.tools.json, mcp-tools/*.json; default: .)')
    .option('--output <file>', 'lock file to write', LOCK_FILE_NAME)
    .action(async (paths: string[], options: { output: string }) => {
      const outcome = await lockTools({ paths, cwd: process.cwd(), output: options.output });
      for (const problem of sortProblems(outcome.problems)) writeErr(`${formatProblem(problem)}\n`);
      writeErr(`${outcome.summary}\n`);
      process.exitCode = outcome.exitCode;
    });
}

export async function lockTools(options: LockToolsOptions): Promise<LockToolsOutcome> {
  const { cwd } = options;
  const home = options.home ?? os.homedir();
  const output = path.resolve(cwd, options.output ?? LOCK_FILE_NAME);
  const given = (options.paths.length > 0 ? options.paths : ['.']).map((p) => path.resolve(cwd, p));
  const problems: Problem[] = [];
  const outcome = (summary: string, extra: Partial<LockToolsOutcome> = {}): LockToolsOutcome => ({
    exitCode: ExitCode.Usage, problems, output, written: false, servers: 0, tools: 0, summary, ...extra,
  });

  for (const p of given) {
    if (!fs.existsSync(p)) problems.push({ file: p, severity: 'error', code: 'not-found', message: 'path does not exist' });
  }
  if (problems.length > 0) return outcome('nothing written: a path does not exist');

  const items = await toolSnapshotCollector.collect({ paths: given, root: cwd, includeUser: false, home, now: options.now ?? runTime() });
  const fileOf = (shown: string) => (shown.startsWith('~/') ? path.join(home, shown.slice(2)) : path.resolve(cwd, shown));
  const snapshots = items.filter((i): i is EvidenceItem<'tool-snapshot'> => i.kind === 'tool-snapshot');

  for (const item of items) {
    if (item.kind !== 'unreadable-source') continue;
    const source = (item as EvidenceItem<'unreadable-source'>).data;
    const isLock = path.posix.basename(source.path).toLowerCase() === LOCK_FILE_NAME;
    problems.push({
      file: fileOf(source.path), line: source.line, column: source.column,
      // An unreadable lock does not stop a new one from being written; an unreadable snapshot does.
      severity: isLock ? 'warning' : 'error', code: source.code,
      message: isLock ? `${source.reason} (the lock file is ignored)` : source.reason,
    });
  }
  const { servers, conflicts } = lockEntries(snapshots.map((s) => s.data));
  for (const conflict of conflicts) {
    problems.push({
      file: fileOf(conflict.path), ...conflict.at, severity: 'error', code: 'conflicting-definition',
      message: `tool "${conflict.tool}" of server "${conflict.server}" is defined differently in ${conflict.firstPath}; a lock pins one definition per tool`,
    });
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) return outcome(`nothing written to ${displayPath(output, cwd)}: ${errors} error(s)`);
  if (snapshots.length === 0) {
    problems.push({ file: given[0]!, severity: 'error', code: 'no-snapshots', message: 'no tool snapshots found (looked for *.tools.json, and *.json in mcp-tools/ or .mcp-tools/ folders)' });
    return outcome(`nothing written to ${displayPath(output, cwd)}`);
  }

  problems.push(...poisoningWarnings(snapshots, fileOf));

  // Merge with the previous lock: servers seen now are replaced whole; the others are kept.
  let previous: Map<string, Map<string, string>> | undefined;
  if (fs.existsSync(output)) {
    // The lock may be a FIFO or a link to a device in the repository: read bounded, refused without waiting.
    const read = readRegularText(output, { cap: MAX_SNAPSHOT_BYTES });
    const parsed = read.ok ? parseToolLock(read.text, displayPath(output, cwd)) : undefined;
    if (parsed?.lock) {
      previous = new Map(Object.entries(parsed.lock.servers).map(([server, tools]) => [server, new Map(Object.entries(tools).map(([tool, e]) => [tool, e.sha256]))]));
    } else if (!problems.some((p) => p.file === output)) {
      const why = read.ok ? '' : ` (${read.refusal.reason})`;
      problems.push({ file: output, severity: 'warning', code: 'unreadable-lock', message: `the existing lock file could not be read${why} and is replaced` });
    }
  }
  const merged = new Map(servers);
  const changes: LockChanges = { added: [], changed: [], removed: [], keptServers: [] };
  if (previous) {
    for (const [server, tools] of previous) {
      const now = servers.get(server);
      if (!now) { merged.set(server, tools); changes.keptServers.push(server); continue; }
      for (const [tool, hash] of now) {
        const before = tools.get(tool);
        if (before === undefined) changes.added.push(`${server}/${tool}`);
        else if (before !== hash) changes.changed.push(`${server}/${tool}`);
      }
      for (const tool of tools.keys()) if (!now.has(tool)) changes.removed.push(`${server}/${tool}`);
    }
    for (const [server, tools] of servers) {
      if (!previous.has(server)) for (const tool of tools.keys()) changes.added.push(`${server}/${tool}`);
    }
    for (const list of Object.values(changes)) list.sort();
  }

  try {
    writeFileAtomic(output, serializeToolLock(merged));
  } catch (error) {
    problems.push({ file: output, severity: 'error', code: 'write-failed', message: `could not write the lock file: ${error instanceof WriteError ? error.reason : (error as Error).message}` });
    return outcome(`nothing written to ${displayPath(output, cwd)}`);
  }
  const toolCount = [...merged.values()].reduce((n, tools) => n + tools.size, 0);
  const lines = [`wrote ${displayPath(output, cwd)}: ${merged.size} server(s), ${toolCount} tool(s) from ${snapshots.length} snapshot(s)`];
  if (previous) {
    lines.push(`  since the previous lock: ${changes.added.length} added, ${changes.changed.length} changed, ${changes.removed.length} removed`);
    for (const [label, list] of [['added', changes.added], ['changed', changes.changed], ['removed', changes.removed]] as const) {
      for (const entry of list) lines.push(`    ${label} ${printable(entry)}`);
    }
    if (changes.keptServers.length > 0) {
      lines.push(`  kept ${changes.keptServers.length} server(s) of the previous lock that no snapshot here covers: ${changes.keptServers.map(printable).join(', ')}`);
    }
  } else {
    lines.push('  new lock file');
  }
  const warnings = problems.filter((p) => p.code === poisoningCheck.meta.id).length;
  if (warnings > 0) lines.push(`  warning: ${warnings} poisoning pattern(s) of high or critical severity in the definitions just approved; review them`);
  return {
    exitCode: ExitCode.Ok, problems, output, written: true, servers: merged.size, tools: toolCount,
    ...(previous ? { changes } : {}), summary: lines.join('\n'),
  };
}

/** High and critical poisoning hits in what is being approved, as warnings: approving is a decision, so it should be an informed one. */
function poisoningWarnings(snapshots: Array<EvidenceItem<'tool-snapshot'>>, fileOf: (shown: string) => string): Problem[] {
  const context: CheckContext = {
    now: '', frameworks: [], options: resolveCheckOptions(),
    evidence: <K extends EvidenceKind>(kind: K) => (kind === 'tool-snapshot' ? snapshots : []) as Array<EvidenceItem<K>>,
  };
  const { meta } = poisoningCheck;
  return poisoningCheck.run(context)
    .filter((r) => r.status === 'fail' && (r.severity === 'critical' || r.severity === 'high'))
    .map((r): Problem => ({
      file: fileOf(r.location.path), line: r.location.line, column: r.location.column, severity: 'warning', code: meta.id,
      message: `${r.severity}: ${formatMessage(meta.messages[r.messageId] ?? r.messageId, r.data)}`,
    }));
}
