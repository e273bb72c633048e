/**
 * The files of a folder that is not a git repository (or whose index cannot be read), as git would
 * see them: `.gitignore` files honoured (nested ones too), `.git` never listed, dependency folders
 * and nested repositories not entered. Symbolic links are listed as links, as git records them, and
 * never followed; a link that loops (to itself, or to a folder above it) is reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readRegularFile } from '../../lib/bounded-read.js';
import { errorCode, inside, SKIPPED_FOLDERS } from '../mcp-config/discovery.js';
import { isIgnored, parseGitignore, type IgnoreFile } from './gitignore.js';
import { MAX_TEXT_BYTES, realpathOr, Tally, type RepoProblem } from './files.js';

export interface ListedFile {
  /** POSIX, relative to the repository root. */
  rel: string;
  type: 'file' | 'symlink' | 'submodule';
}

export interface WalkOptions {
  /** Whether to enter a folder (`rel` POSIX, relative to the root); all by default. */
  enter?: (rel: string) => boolean;
  /** Whether to list a file; all by default. */
  keep?: (rel: string) => boolean;
}

export interface WalkResult {
  files: ListedFile[];
  skipped: Tally;
  problems: RepoProblem[];
}

interface Frame {
  abs: string;
  rel: string;
  ignores: IgnoreFile[];
}

const byName = (a: fs.Dirent, b: fs.Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function walkRepository(root: string, options: WalkOptions = {}): WalkResult {
  const result: WalkResult = { files: [], skipped: new Tally(), problems: [] };
  const rootReal = realpathOr(root);
  const stack: Frame[] = [{ abs: root, rel: '', ignores: [] }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(frame.abs, { withFileTypes: true }).sort(byName);
    } catch (error) {
      result.problems.push({ file: frame.abs, code: 'permission-denied', reason: `folder cannot be listed (${errorCode(error)})` });
      continue;
    }
    const ignores = withGitignore(frame, entries, result.problems);
    const subfolders: Frame[] = [];
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const rel = frame.rel === '' ? entry.name : `${frame.rel}/${entry.name}`;
      const abs = path.join(frame.abs, entry.name);
      const isDir = entry.isDirectory();
      if (isIgnored(ignores, rel, isDir)) continue;
      if (entry.isSymbolicLink()) {
        const outcome = inspectLink(abs, rootReal);
        if (outcome === 'loop') result.problems.push({ file: abs, code: 'symlink-loop', reason: 'symbolic link loop (the link leads back to itself or to a folder above it)' });
        else if (outcome === 'outside') result.skipped.add('symlink-outside-repository');
        else if (!options.keep || options.keep(rel)) result.files.push({ rel, type: 'symlink' });
      } else if (isDir) {
        const skip = SKIPPED_FOLDERS.get(entry.name)?.replace(/ /g, '-') ?? (fs.existsSync(path.join(abs, '.git')) ? 'nested-repository' : undefined);
        if (skip) result.skipped.add(skip);
        else if (!options.enter || options.enter(rel)) subfolders.push({ abs, rel, ignores });
      } else if (entry.isFile() && (!options.keep || options.keep(rel))) {
        result.files.push({ rel, type: 'file' });
      }
    }
    stack.push(...subfolders.reverse());
  }
  return result;
}

/** The frame's ignore files plus its own `.gitignore`, if it has a readable one. */
function withGitignore(frame: Frame, entries: fs.Dirent[], problems: RepoProblem[]): IgnoreFile[] {
  if (!entries.some((e) => e.name === '.gitignore' && e.isFile())) return frame.ignores;
  const file = path.join(frame.abs, '.gitignore');
  const read = readRegularFile(file, { cap: MAX_TEXT_BYTES });
  if (!read.ok) {
    const { code, reason } = read.refusal;
    problems.push({ file, code: code === 'read-error' ? 'permission-denied' : code, reason: `${reason}; its patterns were not applied` });
    return frame.ignores;
  }
  return [...frame.ignores, { base: frame.rel, rules: parseGitignore(read.bytes.toString('utf8')) }];
}

/** What a symbolic link leads to, without following it into a walk. */
function inspectLink(abs: string, rootReal: string): 'loop' | 'outside' | 'inside' {
  let target: fs.Stats;
  try { target = fs.statSync(abs); } catch (error) { return errorCode(error) === 'ELOOP' ? 'loop' : 'inside'; }
  const real = realpathOr(abs);
  if (!inside(rootReal, real)) return 'outside';
  return target.isDirectory() && inside(real, realpathOr(path.dirname(abs))) ? 'loop' : 'inside';
}
