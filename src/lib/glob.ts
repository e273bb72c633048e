/**
 * File globs for `--logs` and `sources.logs` (Node 20 has no fs.glob): `*` and `?` within a path
 * segment, `**` for any depth, `{a,b}` alternatives. Matches files only, sorted; symlinked folders
 * are not entered (no loops). A pattern without wildcards is returned as is, existing or not, so
 * the caller can say what is missing.
 */
import fs from 'node:fs';
import path from 'node:path';

const WILDCARD = /[*?{]/;

export function hasWildcard(pattern: string): boolean {
  return WILDCARD.test(pattern);
}

/** Absolute file paths matching an absolute pattern. */
export function expandGlob(pattern: string): string[] {
  if (!hasWildcard(pattern)) return [pattern];
  const posix = pattern.split(path.sep).join('/');
  const segments = posix.split('/');
  const firstWild = segments.findIndex((s) => hasWildcard(s));
  const base = segments.slice(0, firstWild).join('/') || '/';
  const matcher = globToRegExp(segments.slice(firstWild).join('/'));
  const deep = segments.slice(firstWild).some((s) => s === '**');
  const depth = segments.length - firstWild;
  const found: string[] = [];
  const walk = (dir: string, rel: string, level: number) => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const child = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (deep || level + 1 < depth) walk(child, childRel, level + 1);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && matcher.test(childRel)) {
        found.push(child);
      }
    }
  };
  walk(path.resolve(base), '', 0);
  return found.sort();
}

export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more folders; a trailing `**` anything below.
      if (glob[i + 2] === '/') { out += '(?:[^/]+/)*'; i += 2; } else { out += '.*'; i += 1; }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) { out += '\\{'; continue; }
      out += `(?:${glob.slice(i + 1, close).split(',').map((alt) => alt.replace(/[.+^$()|\\[\]]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')).join('|')})`;
      i = close;
    } else out += /[.+^$()|\\[\]}]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${out}$`);
}
