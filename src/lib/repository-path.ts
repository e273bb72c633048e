/**
 * Paths as GitHub reads them: relative to the repository root. A finding's path is relative to the
 * assessed folder; `prefix` is where that folder sits in the repository (`services/agent`).
 */
import path from 'node:path';

/**
 * The repository path of a finding's location, or undefined when it is not a file of the repository:
 * a `github:` subject or another scheme, an absolute or home path, one that climbs out with `..`.
 */
export function repositoryPath(findingPath: string, prefix = ''): string | undefined {
  const slashed = findingPath.replace(/\\/g, '/');
  if (slashed === '' || /^[a-z][a-z0-9+.-]*:/i.test(slashed) || slashed.startsWith('/') || slashed.startsWith('~')) return undefined;
  const joined = path.posix.normalize(path.posix.join(prefix.replace(/\\/g, '/'), slashed));
  if (joined === '.' || joined === '..' || joined.startsWith('../') || joined.startsWith('/') || joined.endsWith('/')) return undefined;
  return joined;
}

/**
 * A `--path-prefix` as a clean relative folder (`./a/b/` -> `a/b`; `.` or empty -> undefined), or an
 * error message when it is not a folder inside the repository.
 */
export function pathPrefixOf(value: string): { prefix?: string } | { error: string } {
  const prefix = path.posix.normalize(value.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (prefix.startsWith('/') || /^[a-z]:/i.test(prefix) || prefix.split('/').includes('..')) {
    return { error: `"${value}" must be a folder inside the repository (relative, without ..)` };
  }
  return prefix === '.' || prefix === '' ? {} : { prefix };
}
