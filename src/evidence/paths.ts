/**
 * The path rule of Location.path and EvidenceItem.source: relative to the assessed root (POSIX), else
 * home-relative as `~/...` (never the user's home path), else absolute (POSIX). Every collector uses it.
 * A file or folder named with a credential (a token pasted as a file name, a log named after a key)
 * has that part written as [REDACTED]: a path goes into every output and into GitHub annotations.
 */
import path from 'node:path';
import { REDACTED, redactSecrets } from './secrets.js';

const toPosix = (p: string) => p.split(path.sep).join('/');

/** `absolute` relative to `base`, or undefined when it is not inside it ('' for `base` itself). */
function below(base: string, absolute: string): string | undefined {
  const rel = path.relative(base, absolute);
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel) ? toPosix(rel) : undefined;
}

export function evidencePath(absolute: string, root: string, home?: string): string {
  const inRoot = below(root, absolute);
  if (inRoot !== undefined) return inRoot === '' ? '.' : withoutSecrets(inRoot);
  const inHome = home ? below(home, absolute) : undefined;
  if (inHome) return `~/${withoutSecrets(inHome)}`;
  return withoutSecrets(toPosix(absolute));
}

const withoutSecrets = (shown: string) => shown.split('/').map((part) => redactSecrets(part, undefined, REDACTED).value).join('/');
