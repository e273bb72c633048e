/**
 * `--path-prefix DIR`: where the assessed folder sits in the repository. GitHub reads paths from the
 * repository root (annotations, code scanning), while a finding's path starts at the assessed folder.
 */
import { pathPrefixOf } from '../lib/repository-path.js';
import { UsageError } from './exit-codes.js';

export function checkPathPrefix(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const checked = pathPrefixOf(value);
  if ('error' in checked) throw new UsageError(`--path-prefix ${checked.error}`);
  return checked.prefix;
}
