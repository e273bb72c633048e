/**
 * Which folders are repositories: those the config names (`sources.repos`, git or not); otherwise
 * every folder at or under the assessed paths that holds `.git` (a folder, or a file as in worktrees
 * and submodules), without entering dependency or version-control folders or following links; and
 * when there is none, the git repository that encloses the first assessed folder, limited to the
 * assessed paths.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CollectContext } from '../../evidence/types.js';
import { errorCode, inside, SKIPPED_FOLDERS } from '../mcp-config/discovery.js';
import { realpathOr, type RepoProblem } from './files.js';

export interface RepoTarget {
  /** Absolute path of the work tree's top. */
  root: string;
  /** Absolute paths inside `root` that the assessment covers, when the repository merely encloses them. */
  scope?: string[];
}

export function findRepositories(context: CollectContext): { targets: RepoTarget[]; problems: RepoProblem[] } {
  const problems: RepoProblem[] = [];
  const targets: RepoTarget[] = [];
  const seen = new Set<string>();
  const add = (target: RepoTarget) => {
    const real = realpathOr(target.root);
    if (seen.has(real)) return;
    seen.add(real);
    targets.push(target);
  };

  if (context.repos && context.repos.length > 0) {
    for (const root of context.repos) {
      const kind = statKind(root);
      if (kind === 'folder') add({ root });
      else problems.push({ file: root, code: kind === 'missing' ? 'not-found' : 'not-a-folder', reason: kind === 'missing' ? 'the repository folder does not exist' : 'is not a folder' });
    }
    return { targets, problems };
  }

  for (const given of context.paths) if (statKind(given) === 'folder') findGitFolders(given, problems).forEach((root) => add({ root }));
  if (targets.length === 0) {
    const first = context.paths[0];
    const enclosing = first === undefined ? undefined : enclosingRepository(statKind(first) === 'folder' ? first : path.dirname(first));
    if (enclosing) add({ root: enclosing, scope: context.paths.filter((p) => inside(enclosing, path.resolve(p))) });
  }
  return { targets, problems };
}

/** Folders at or under `start` that hold `.git`, in path order. */
function findGitFolders(start: string, problems: RepoProblem[]): string[] {
  const found: string[] = [];
  const stack = [start];
  while (stack.length > 0) {
    const folder = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ file: folder, code: 'permission-denied', reason: `folder cannot be listed (${errorCode(error)})` });
      continue;
    }
    if (entries.some((e) => e.name === '.git' && (e.isDirectory() || e.isFile()))) found.push(folder);
    const subfolders = entries.filter((e) => e.isDirectory() && !SKIPPED_FOLDERS.has(e.name)).map((e) => path.join(folder, e.name));
    stack.push(...subfolders.sort().reverse());
  }
  return found.sort();
}

/** The nearest folder at or above `start` that holds `.git`. */
function enclosingRepository(start: string): string | undefined {
  let folder = path.resolve(start);
  for (;;) {
    if (statKind(path.join(folder, '.git')) !== 'missing') return folder;
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

function statKind(file: string): 'folder' | 'other' | 'missing' {
  try { return fs.statSync(file).isDirectory() ? 'folder' : 'other'; } catch { return 'missing'; }
}
