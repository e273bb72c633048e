/**
 * A problem found in user input (a catalog, a config, a log line): where it is and what is wrong.
 * Every reader reports problems instead of throwing, so one bad file never hides the others.
 */
import path from 'node:path';
import { printable } from './printable.js';

export type ProblemSeverity = 'error' | 'warning';

export interface Problem {
  /** Absolute path of the file (or folder, for catalog-wide problems). */
  file: string;
  /** 1-based; absent when the problem is about the file or the catalog as a whole. */
  line?: number;
  column?: number;
  severity: ProblemSeverity;
  /** Stable message id, e.g. `yaml-syntax`, `unknown-check` (like ESLint's messageId). */
  code: string;
  message: string;
}

/** Path as the user should read it: relative to cwd when below it, POSIX separators. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  return shown.split(path.sep).join('/');
}

/**
 * `file:line:column: severity: message [code]`, the format editors and problem matchers parse, on one
 * line: the file's name and the message quote what was read, so they are printable().
 */
export function formatProblem(problem: Problem, cwd?: string): string {
  const file = printable(displayPath(problem.file, cwd));
  const where = problem.line === undefined ? file : `${file}:${problem.line}:${problem.column ?? 1}`;
  return `${where}: ${problem.severity}: ${printable(problem.message)} [${printable(problem.code)}]`;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) =>
    a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)
    || a.message.localeCompare(b.message));
}
