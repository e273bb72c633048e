/**
 * Which files a repository has: the tracked files of its git index, or, for a folder without git
 * or with an index that cannot be read (reported), a walk honouring `.gitignore`. A walk limited to
 * a scope still enters the folders above it (ancestor lockfiles) and the governance folders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isSafeTrackedPath, MODE_FILE, MODE_SUBMODULE, MODE_SYMLINK, MODE_TYPE, readGitIndex, resolveGitDir, type IndexEntry } from './git-index.js';
import { Tally, type RepoProblem } from './files.js';
import { walkRepository, type ListedFile, type WalkOptions } from './walk.js';

export interface Listing {
  git: boolean;
  via: 'git-index' | 'walk';
  files: ListedFile[];
  /** Entries passed over while listing (dependency folders, unsafe index paths, ...). */
  skipped: Tally;
  problems: RepoProblem[];
}

/** Folders whose files matter even outside the scope: GitHub and GitLab settings, docs/ (SECURITY.md, CODEOWNERS). */
const GOVERNANCE_FOLDERS = new Set(['.github', '.github/workflows', '.gitlab', 'docs']);

/** `scope`: repository-relative folders or files the listing is for (`''` for the root); all when absent. */
export function listRepositoryFiles(root: string, scope?: readonly string[]): Listing {
  const problems: RepoProblem[] = [];
  const git = exists(path.join(root, '.git'));
  if (git) {
    const located = resolveGitDir(root);
    if ('problem' in located) problems.push({ file: path.join(root, '.git'), code: 'parse-error', reason: located.problem });
    else {
      const index = readGitIndex(located.gitDir);
      if (index.ok) return { git, via: 'git-index', ...fromIndex(index.entries), problems };
      problems.push({ file: index.file, code: index.code, reason: `${index.reason}; the folder was walked instead` });
    }
  }
  const walked = walkRepository(root, scope ? scopedWalk(scope) : {});
  return { git, via: 'walk', files: walked.files, skipped: walked.skipped, problems: [...problems, ...walked.problems] };
}

function fromIndex(entries: IndexEntry[]): { files: ListedFile[]; skipped: Tally } {
  const files: ListedFile[] = [];
  const skipped = new Tally();
  for (const entry of entries) {
    if (!isSafeTrackedPath(entry.path)) { skipped.add('unsafe-path'); continue; }
    const type = entry.mode & MODE_TYPE;
    if (type === MODE_FILE) files.push({ rel: entry.path, type: 'file' });
    else if (type === MODE_SYMLINK) files.push({ rel: entry.path, type: 'symlink' });
    else if (type === MODE_SUBMODULE) files.push({ rel: entry.path, type: 'submodule' });
    else skipped.add('sparse-directory');
  }
  return { files, skipped };
}

export function inScope(rel: string, scope: readonly string[] | undefined): boolean {
  return !scope || scope.some((s) => s === '' || rel === s || rel.startsWith(`${s}/`));
}

function scopedWalk(scope: readonly string[]): WalkOptions {
  const aboveScope = (folder: string) => folder === '' || scope.some((s) => s.startsWith(`${folder}/`));
  return {
    enter: (rel) => inScope(rel, scope) || aboveScope(rel) || GOVERNANCE_FOLDERS.has(rel),
    keep: (rel) => {
      const folder = path.posix.dirname(rel);
      const parent = folder === '.' ? '' : folder;
      return inScope(rel, scope) || aboveScope(parent) || GOVERNANCE_FOLDERS.has(parent);
    },
  };
}

function exists(file: string): boolean {
  try { fs.lstatSync(file); return true; } catch { return false; }
}
