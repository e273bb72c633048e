/**
 * `.gitignore` patterns (gitignore(5)), for folders that are not git repositories: blank lines and
 * `#` comments skipped, `\#` and `\!` escapes, trailing spaces dropped unless escaped, `!` negation,
 * a trailing `/` for folders only, a leading or middle `/` anchoring the pattern to the file's
 * folder, `*`, `?`, `[...]` (never matching `/`), and `**` (any folders) when it stands alone between
 * slashes or at either end. The last matching pattern decides; a deeper `.gitignore` decides first.
 * Files under an excluded folder cannot be re-included: the walk never enters that folder.
 */

export interface IgnoreRule {
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/** The rules of one `.gitignore` file; `base` is its folder relative to the walk root (`''` at the root). */
export interface IgnoreFile {
  base: string;
  rules: IgnoreRule[];
}

export function parseGitignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split('\n')) {
    const rule = compileRule(raw.replace(/\r$/, ''));
    if (rule) rules.push(rule);
  }
  return rules;
}

function compileRule(line: string): IgnoreRule | undefined {
  if (line.startsWith('#')) return undefined;
  let pattern = line.replace(/(?<!\\) +$/, '');
  if (pattern === '') return undefined;
  const negate = pattern.startsWith('!');
  if (negate) pattern = pattern.slice(1);
  const dirOnly = pattern.endsWith('/') && !pattern.endsWith('\\/');
  if (dirOnly) pattern = pattern.slice(0, -1);
  if (pattern === '') return undefined;
  const anchored = pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  return { regex: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${globToRegex(pattern)}$`), negate, dirOnly };
}

function globToRegex(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    if (i === 0 && glob.startsWith('**/')) { out += '(?:.*/)?'; i += 3; continue; }
    if (glob.startsWith('/**/', i)) { out += '/(?:.*/)?'; i += 4; continue; }
    if (glob.startsWith('/**', i) && i + 3 === glob.length) { out += '/.*'; i += 3; continue; }
    if (glob === '**') return '.*';
    const char = glob[i]!;
    if (char === '*') {
      while (glob[i] === '*') i++;
      out += '[^/]*';
      continue;
    }
    if (char === '?') out += '[^/]';
    else if (char === '\\' && i + 1 < glob.length) out += escapeRegex(glob[++i]!);
    else if (char === '[') {
      const klass = bracket(glob, i);
      if (klass) { out += klass.regex; i = klass.end; continue; }
      out += '\\[';
    } else out += escapeRegex(char);
    i++;
  }
  return out;
}

/** `[abc]`, `[a-z]`, `[!a]` / `[^a]`; a `]` right after the opening (or after `!`) is a member. */
function bracket(glob: string, start: number): { regex: string; end: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (glob[i] === '!' || glob[i] === '^') { negate = true; i++; }
  let body = '';
  let first = true;
  while (i < glob.length && (glob[i] !== ']' || first)) {
    const char = glob[i]!;
    if (char === '-' && !first && glob[i + 1] !== ']') body += '-';
    else body += classMember(char === '\\' && i + 1 < glob.length ? glob[++i]! : char);
    first = false;
    i++;
  }
  if (i >= glob.length) return undefined;
  return { regex: `(?!/)[${negate ? '^' : ''}${body}]`, end: i + 1 };
}

function classMember(char: string): string {
  return /[\\\]^-]/.test(char) ? `\\${char}` : char;
}

function escapeRegex(char: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
}

/** Whether `rel` (relative to the walk root) is ignored by the `.gitignore` files above it, deepest first. */
export function isIgnored(files: readonly IgnoreFile[], rel: string, isDir: boolean): boolean {
  for (let f = files.length - 1; f >= 0; f--) {
    const { base, rules } = files[f]!;
    const local = base === '' ? rel : rel.startsWith(`${base}/`) ? rel.slice(base.length + 1) : undefined;
    if (local === undefined) continue;
    for (let r = rules.length - 1; r >= 0; r--) {
      const rule = rules[r]!;
      if (rule.dirOnly && !isDir) continue;
      if (rule.regex.test(local)) return !rule.negate;
    }
  }
  return false;
}
