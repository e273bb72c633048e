/**
 * Tool snapshot collector: finds saved `tools/list` results and the tool lock file under the
 * assessed paths and turns them into `tool-snapshot` and `tool-lock` evidence, with the position of
 * every string a check may quote. Static only: it never starts a server.
 *
 * What it reads (see parse.ts for the shapes):
 * - `*.tools.json` anywhere (a snapshot; an unknown shape is reported);
 * - `*.snap` in a folder named `__toolsnaps__` (one tool per file, as github-mcp-server keeps them);
 * - `*.json` inside a folder named `mcp-tools/` or `.mcp-tools/` below the assessed root (JSON with
 *   no snapshot marker at all, e.g. a package.json, is passed over silently; other shapes are reported,
 *   except for file names the mcp-config collector owns, such as mcp.json, which it reports);
 * - `mcp-tools.lock`: `{ "lockfileVersion": 1, "servers": { "<server>": { "<tool>": "sha256:<hex>" } } }`.
 * A file named explicitly in `paths` is read the same way; an explicit `*.json` is read leniently, an
 * explicit `*.snap` strictly.
 *
 * node_modules/ and .git/ are skipped, directories are visited once by real path (symlink loops end
 * there), files over 5 MiB are reported as `too-large`. Every problem becomes an `unreadable-source`
 * item with line and column where known; nothing here throws on user input.
 */
import fs from 'node:fs/promises';
import fsSync from 'node:fs';
import path from 'node:path';
import type { CollectContext, Collector, EvidenceItem, UnreadableSource } from '../../evidence/types.js';
import { evidencePath } from '../../evidence/paths.js';
import { READ_CAPS, readRegularFile } from '../../lib/bounded-read.js';
import { REDACTED, redactSecretsDeep } from '../../evidence/secrets.js';
import { unreadableSourceId } from '../../evidence/unreadable-source-id.js';
import { compareKeys, LOCK_FILE_NAME, parseToolLock, parseToolSnapshot, type SourceProblem } from './parse.js';

export const COLLECTOR_ID = 'tool-snapshot';
export const MAX_SNAPSHOT_BYTES = READ_CAPS.toolSnapshot;

const SKIPPED_DIRS = new Set(['node_modules', '.git']);
/**
 * File names that MCP client configurations (read by the mcp-config collector) and tool manifests
 * use. Inside an mcp-tools/ folder they are read as snapshots when they are one, but a problem with
 * them is not reported from here: the collector that owns the name reports it (one source, one
 * unreadable-source item).
 */
const SHARED_NAMES = new Set([
  'mcp.json', '.mcp.json', 'settings.json', 'settings.local.json', 'config.json', 'server.json', 'claude_desktop_config.json',
  'mcp_settings.json', 'cline_mcp_settings.json', 'mcp_config.json', 'mcp-config.json', 'managed-mcp.json', 'managed-settings.json',
  'package.json', 'package-lock.json', 'tsconfig.json',
]);
const SNAPSHOT_FOLDERS = new Set(['mcp-tools', '.mcp-tools']);

type Role = 'snapshot' | 'snapshot-lenient' | 'lock';

interface Candidate {
  /** Absolute path as reached (a symlink keeps its own name). */
  file: string;
  role: Role;
}

export const toolSnapshotCollector: Collector = {
  id: COLLECTOR_ID,
  title: 'MCP tool snapshots (tools/list) and the tool lock file',
  produces: ['tool-snapshot', 'tool-lock', 'unreadable-source'],
  async collect(context: CollectContext): Promise<EvidenceItem[]> {
    const { candidates, problems } = await discover(context);
    const items: EvidenceItem[] = [];
    const item = <K extends 'tool-snapshot' | 'tool-lock' | 'unreadable-source'>(kind: K, source: string, data: EvidenceItem<K>['data'], suffix = ''): EvidenceItem<K> => ({
      id: `${kind === 'unreadable-source' ? unreadableSourceId(COLLECTOR_ID, source) : `${kind}:${source}`}${suffix}`,
      kind, collector: COLLECTOR_ID, source, collectedAt: context.now, data,
    });
    const reportProblem = ({ problem, pointer }: SourceProblem) => items.push(item('unreadable-source', problem.path, problem, pointer ? `#${pointer}` : ''));
    problems.forEach((problem) => reportProblem({ problem }));

    // JSON in an mcp-tools/ folder with nothing of MCP output in it (a package.json): named in the progress line.
    const passedOver: string[] = [];
    for (const candidate of candidates) {
      const display = evidencePath(candidate.file, context.root, context.home);
      const quiet = candidate.role === 'snapshot-lenient' && SHARED_NAMES.has(path.basename(candidate.file).toLowerCase());
      const report = (problem: SourceProblem) => { if (!quiet) reportProblem(problem); };
      const read = readText(candidate.file, display);
      if ('problem' in read) { report(read); continue; }
      if (candidate.role === 'lock') {
        const { lock, problems: lockProblems } = parseToolLock(read.text, display);
        lockProblems.forEach(report);
        if (lock) items.push(item('tool-lock', display, lock));
      } else {
        const parsed = parseToolSnapshot(read.text, display, { lenient: candidate.role === 'snapshot-lenient' });
        if (parsed.notASnapshot) passedOver.push(display);
        parsed.problems.forEach(report);
        // Tool text comes from the server: a token in it must not reach the evidence. Hashes were taken first.
        for (const snapshot of parsed.snapshots) {
          items.push(item('tool-snapshot', display, redactSecretsDeep(snapshot, REDACTED), snapshot.pointer ? `#${snapshot.pointer}` : ''));
        }
      }
    }
    const skipped = passedOver.length === 0 ? '' : `; passed over ${passedOver.length} JSON file(s) in mcp-tools/ that hold no MCP output (${passedOver.slice(0, 5).join(', ')}${passedOver.length > 5 ? ', ...' : ''})`;
    context.progress?.(`tool snapshots: ${items.filter((i) => i.kind === 'tool-snapshot').length} snapshot(s), ${items.filter((i) => i.kind === 'tool-lock').length} lock file(s)${skipped}`);
    return items.sort((a, b) => compareKeys(a.id, b.id));
  },
};

/** Path as evidence shows it: relative to the root (POSIX), else home-relative (`~/...`), else absolute. */

async function discover(context: CollectContext): Promise<{ candidates: Candidate[]; problems: UnreadableSource[] }> {
  const problems: UnreadableSource[] = [];
  const byRealPath = new Map<string, Candidate>();
  const visitedDirs = new Set<string>();
  const display = (file: string) => evidencePath(file, context.root, context.home);

  const addFile = async (file: string, role: Role) => {
    let real: string;
    try { real = await fs.realpath(file); } catch { real = file; }
    const existing = byRealPath.get(real);
    if (!existing) { byRealPath.set(real, { file, role }); return; }
    // The same file reached twice (overlapping paths, a symlink): read once, under the first name in
    // order, and strictly if either name claims it as a snapshot.
    byRealPath.set(real, {
      file: compareKeys(file, existing.file) < 0 ? file : existing.file,
      role: existing.role === 'snapshot-lenient' ? role : existing.role,
    });
  };

  for (const given of context.paths) {
    const stat = await statOrError(given);
    if ('error' in stat) {
      if (stat.error === 'ELOOP') problems.push({ path: display(given), code: 'symlink-loop', reason: 'symbolic link loop' });
      continue; // a path that does not exist is the command line's business, not evidence
    }
    if (stat.stats.isDirectory()) await walk(given);
    else {
      const role = roleOf(given, true);
      if (role) await addFile(given, role);
    }
  }

  async function walk(start: string): Promise<void> {
    const stack = [start];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      let real: string;
      // Sync calls: the walk is sequential, and async ones cost a thread-pool round trip per folder.
      try { real = fsSync.realpathSync(dir); } catch { continue; }
      if (visitedDirs.has(real)) continue; // a symlink loop, or a folder reached twice
      visitedDirs.add(real);
      let entries;
      try { entries = fsSync.readdirSync(dir, { withFileTypes: true }); } catch { continue; }
      const subdirs: string[] = [];
      for (const entry of entries.sort((a, b) => compareKeys(a.name, b.name))) {
        if (SKIPPED_DIRS.has(entry.name)) continue;
        const full = path.join(dir, entry.name);
        let isDir = entry.isDirectory();
        if (entry.isSymbolicLink()) {
          const stat = await statOrError(full);
          if ('error' in stat) {
            if (roleOf(full, false)) {
              problems.push(stat.error === 'ELOOP'
                ? { path: display(full), code: 'symlink-loop', reason: 'symbolic link loop' }
                : { path: display(full), code: 'broken-symlink', reason: `symbolic link to a missing or unreadable target (${stat.error})` });
            }
            continue;
          }
          isDir = stat.stats.isDirectory();
        }
        if (isDir) subdirs.push(full);
        else {
          // Regular files, and FIFOs, sockets or devices with a name of ours: reading them reports what they are.
          const role = roleOf(full, false);
          if (role) await addFile(full, role);
        }
      }
      stack.push(...subdirs.reverse());
    }
  }

  /** What a file is to this collector, by name and folder; undefined when it is not ours. */
  function roleOf(file: string, explicit: boolean): Role | undefined {
    const name = path.basename(file).toLowerCase();
    if (name === LOCK_FILE_NAME) return 'lock';
    if (name.endsWith('.tools.json')) return 'snapshot';
    if (name.endsWith('.snap')) return explicit || path.basename(path.dirname(file)) === '__toolsnaps__' ? 'snapshot' : undefined;
    if (!name.endsWith('.json')) return undefined;
    if (explicit) return 'snapshot-lenient';
    // Folders named mcp-tools count below the assessed root only: a repository that is itself
    // called mcp-tools does not turn every JSON file in it into a snapshot.
    const rel = path.relative(context.root, path.dirname(file));
    const inside = rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
    const segments = !inside ? [path.basename(path.dirname(file))] : rel === '' ? [] : rel.split(path.sep);
    return segments.some((segment) => SNAPSHOT_FOLDERS.has(segment.toLowerCase())) ? 'snapshot-lenient' : undefined;
  }

  const candidates = [...byRealPath.values()].sort((a, b) => compareKeys(display(a.file), display(b.file)));
  return { candidates, problems };
}

async function statOrError(file: string): Promise<{ stats: import('node:fs').Stats } | { error: string }> {
  try { return { stats: await fs.stat(file) }; } catch (error) { return { error: (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN' }; }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function readText(file: string, display: string): { text: string } | SourceProblem {
  const read = readRegularFile(file, { cap: MAX_SNAPSHOT_BYTES });
  if (!read.ok) return { problem: { path: display, code: read.refusal.code, reason: read.refusal.reason } };
  try { return { text: decoder.decode(read.bytes) }; } catch { return { problem: { path: display, code: 'not-utf8', reason: 'not valid UTF-8 text' } }; }
}
