/**
 * Classifies host paths that MCP servers are given (allowed directories, repositories, container
 * mount sources): the filesystem root, a home directory, credential stores and agent configuration
 * directories (mcp-formats §3.6), and container runtime sockets (§3.2 NET-006). POSIX and Windows
 * spellings, `~`, `$HOME`, `%USERPROFILE%` and the VS Code `${userHome}` all count.
 */
import path from 'node:path';
import { isInterpolated } from './values.js';

export type PathClass =
  | { kind: 'root' }
  | { kind: 'all-homes' }
  | { kind: 'home' }
  | { kind: 'sensitive'; what: string }
  | { kind: 'runtime-socket' };

/** Home directory spellings, replaced by `~` before classification. */
const HOME_PREFIX = /^(~|\$HOME|\$\{HOME\}|\$\{env:HOME\}|\$\{userHome\}|%USERPROFILE%|%HOME%|%HOMEDRIVE%%HOMEPATH%|\$env:USERPROFILE|\$env:HOME|\$\{env:USERPROFILE\}|\$\{USERPROFILE\})(?=\/|$)/i;
const APPDATA_PREFIX: Array<[RegExp, string]> = [
  [/^(%APPDATA%|\$env:APPDATA|\$\{env:APPDATA\}|\$\{APPDATA\})(?=\/|$)/i, '~/AppData/Roaming'],
  [/^(%LOCALAPPDATA%|\$env:LOCALAPPDATA|\$\{env:LOCALAPPDATA\}|\$\{LOCALAPPDATA\})(?=\/|$)/i, '~/AppData/Local'],
];
/** Absolute home directories: /Users/<u>, /home/<u>, /root, /var/root, C:\Users\<u>. */
const ABSOLUTE_HOME = /^(\/users\/[^/]+|\/home\/[^/]+|\/root|\/var\/root|[a-z]:\/users\/[^/]+)(?=\/|$)/i;
const ALL_HOMES = /^(\/users|\/home|[a-z]:\/users)$/i;

/** Credential stores and agent configuration, relative to the home directory (lower-case). */
const SENSITIVE_IN_HOME: Array<[string, string]> = [
  ['.ssh', 'SSH keys'], ['.aws', 'AWS credentials'], ['.kube', 'Kubernetes credentials'],
  ['.docker', 'Docker credentials'], ['.gnupg', 'GnuPG keys'], ['.netrc', 'netrc credentials'],
  ['.npmrc', 'npm credentials'], ['.pypirc', 'PyPI credentials'], ['.git-credentials', 'git credentials'],
  ['.config/gcloud', 'Google Cloud credentials'], ['.azure', 'Azure credentials'], ['.config/gh', 'GitHub CLI credentials'],
  ['.password-store', 'a password store'], ['library/keychains', 'macOS keychains'], ['.mcp-auth', 'MCP OAuth tokens'],
  ['.mozilla', 'browser profiles'], ['.config/google-chrome', 'browser profiles'], ['.config/chromium', 'browser profiles'],
  ['library/application support/google/chrome', 'browser profiles'], ['library/application support/firefox', 'browser profiles'],
  ['appdata/local/google/chrome/user data', 'browser profiles'], ['appdata/roaming/mozilla', 'browser profiles'],
  ['.cursor', 'agent configuration'], ['.claude', 'agent configuration'], ['.claude.json', 'agent configuration'],
  ['.codeium', 'agent configuration'], ['.gemini', 'agent configuration'], ['.codex', 'agent configuration'],
  ['.continue', 'agent configuration'], ['.kiro', 'agent configuration'], ['.kilocode', 'agent configuration'],
  ['.vscode', 'agent configuration'], ['.copilot', 'agent configuration'], ['.config/code/user', 'agent configuration'],
  ['library/application support/claude', 'agent configuration'], ['library/application support/code/user', 'agent configuration'],
  ['appdata/roaming/claude', 'agent configuration'], ['appdata/roaming/code/user', 'agent configuration'],
];
/** Directory names that are sensitive wherever they are (a project's `.vscode` holds its MCP config). */
const SENSITIVE_SEGMENTS: Record<string, string> = {
  '.ssh': 'SSH keys', '.aws': 'AWS credentials', '.kube': 'Kubernetes credentials', '.gnupg': 'GnuPG keys',
  '.cursor': 'agent configuration', '.claude': 'agent configuration', '.vscode': 'agent configuration',
  '.gemini': 'agent configuration', '.codex': 'agent configuration', '.kiro': 'agent configuration',
  '.roo': 'agent configuration', '.kilocode': 'agent configuration', '.continue': 'agent configuration',
  '.windsurf': 'agent configuration',
};
const SENSITIVE_FILES = /^(\.env(\.(?!example$|sample$|template$)[\w.-]+)?|\.netrc|\.npmrc|\.pypirc|\.git-credentials|id_(rsa|dsa|ecdsa|ed25519)(\.pub)?|\.mcp\.json|mcp\.json|mcp_config\.json|claude_desktop_config\.json|\.claude\.json|credentials(\.json)?)$/i;
const SYSTEM_SENSITIVE: Array<[RegExp, string]> = [
  [/^\/etc(\/|$)/, 'system configuration'], [/^\/proc(\/|$)/, 'kernel process data'], [/^\/sys(\/|$)/, 'kernel interfaces'],
  [/^\/dev(\/|$)/, 'host devices'], [/^\/boot(\/|$)/, 'the boot partition'],
  [/^[a-z]:\/windows(\/|$)/i, 'the Windows system directory'],
];
const RUNTIME_SOCKET = /^(\/var\/run|\/run)(\/(docker|podman|containerd|crio|cri-dockerd)(\.sock)?(\/.*)?|\/user\/\d+\/(docker\.sock|podman(\/.*)?))?$|^~\/\.docker\/run(\/docker\.sock)?$|^\/\/\.\/pipe\/(docker_engine|podman.*)$/i;

/** Spelling-independent form: forward slashes, `~` for the home directory, no `.`/`..` segments. */
export function normaliseHostPath(raw: string): string | undefined {
  let s = raw.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (s === '') return undefined;
  s = s.replace(/\\/g, '/');
  if (/^\/\/\.\/pipe\//i.test(s)) return s.toLowerCase();
  for (const [re, to] of APPDATA_PREFIX) s = s.replace(re, to);
  s = s.replace(HOME_PREFIX, '~');
  if (isInterpolated(s)) return undefined;
  if (/^[a-z]:$/i.test(s)) s += '/';
  if (s.startsWith('~')) {
    const rest = s.slice(1);
    return rest === '' || rest === '/' ? '~' : `~${trimSlash(path.posix.normalize(rest))}`;
  }
  const drive = /^([a-z]:)(\/.*)$/i.exec(s);
  let normal: string;
  if (drive) normal = `${drive[1]!.toUpperCase()}${trimSlash(path.posix.normalize(drive[2]!))}`;
  else if (s.startsWith('/')) normal = trimSlash(path.posix.normalize(s));
  else return undefined;
  const home = ABSOLUTE_HOME.exec(normal);
  return home ? `~${normal.slice(home[0].length)}` : normal;
}

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

/** What a host path exposes, or undefined when it is ordinary (or relative, or resolved at run time). */
export function classifyHostPath(raw: string): PathClass | undefined {
  const p = normaliseHostPath(raw);
  if (p === undefined) return undefined;
  const lower = p.toLowerCase();
  if (lower === '/' || /^[a-z]:\/?$/i.test(lower)) return { kind: 'root' };
  if (RUNTIME_SOCKET.test(lower)) return { kind: 'runtime-socket' };
  if (ALL_HOMES.test(lower)) return { kind: 'all-homes' };
  if (lower === '~') return { kind: 'home' };
  if (lower.startsWith('~/')) {
    const rel = lower.slice(2);
    for (const [dir, what] of SENSITIVE_IN_HOME) {
      if (rel === dir || rel.startsWith(`${dir}/`)) return { kind: 'sensitive', what };
    }
  }
  for (const [re, what] of SYSTEM_SENSITIVE) if (re.test(lower)) return { kind: 'sensitive', what };
  const segments = lower.split('/');
  for (const segment of segments) {
    const what = SENSITIVE_SEGMENTS[segment];
    if (what) return { kind: 'sensitive', what };
  }
  const base = segments[segments.length - 1] ?? '';
  if (SENSITIVE_FILES.test(base)) return { kind: 'sensitive', what: base.startsWith('.env') ? 'environment secrets' : 'a credential or agent configuration file' };
  return undefined;
}

/**
 * Splits a path list (`/a:/b`, `C:\\a;D:\\b`, `a,b`) on `,` `;` and `:`, except the colon of a
 * drive letter (`C:\\`) and colons inside `${VAR:-default}`.
 */
export function splitPathList(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '{' && value[i - 1] === '$') depth++;
    else if (c === '}' && depth > 0) depth--;
    const driveColon = c === ':' && /^\s*[A-Za-z]$/.test(current) && /[\\/]/.test(value[i + 1] ?? '');
    if (depth === 0 && (c === ',' || c === ';' || (c === ':' && !driveColon))) { parts.push(current); current = ''; continue; }
    current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}
