/**
 * Governance files GitHub looks for at a repository's top: the security policy (SECURITY.md in the
 * root, `.github/` or `docs/`, any letter case) and CODEOWNERS (`.github/`, root, `docs/`, and
 * GitLab's `.gitlab/`), each picked in the order the platform uses.
 */
import path from 'node:path';

const POLICY_FOLDERS = ['.github', '.', 'docs'];
const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];

/** The SECURITY.md GitHub would show, among repository-relative paths. */
export function findSecurityPolicy(files: readonly string[]): string | undefined {
  for (const folder of POLICY_FOLDERS) {
    const found = files.find((f) => path.posix.dirname(f) === folder && path.posix.basename(f).toLowerCase() === 'security.md');
    if (found) return found;
  }
  return undefined;
}

export function findCodeowners(has: (rel: string) => boolean): string | undefined {
  return CODEOWNERS_PATHS.find(has);
}

/** Rule lines: neither blank nor a comment. */
export function countCodeownersRules(text: string): number {
  return text.split('\n').filter((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !trimmed.startsWith('#');
  }).length;
}
