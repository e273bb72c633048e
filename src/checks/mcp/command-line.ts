/**
 * Static reading of an MCP server's launch command (never executed): which runner starts it
 * (npx, bunx, pnpm dlx, yarn dlx, npm exec; uvx, uv tool run, uv run, pipx run; docker/podman run;
 * docker mcp gateway run), which packages or image it fetches and how they are pinned
 * (mcp-formats §3.10), and which arguments belong to the server itself (mcp-remote targets,
 * allowed directories, listen addresses).
 *
 * Every token remembers its index in `server.args` (-1 for the command) so that checks can point at
 * the exact value in the file. Wrappers are looked through: `cmd /c`, `sh -c "..."`, `env A=B`,
 * `sudo`, `wsl`.
 */
import semver from 'semver';
import type { McpServer } from '../../collectors/mcp-config/model.js';
import { isInterpolated } from './values.js';

/** One word of the command line and where it came from. */
export interface ArgToken {
  value: string;
  /** Index in `server.args`; -1 for the `command` field. Words split from a `sh -c` string share its index. */
  index: number;
}

/** Field name of a token, as in `McpServer.positions`: `command` or `args/<n>`. */
export function tokenField(token: ArgToken): string {
  return token.index < 0 ? 'command' : `args/${token.index}`;
}

export interface EnvAssignment {
  name: string;
  value: string;
  token: ArgToken;
}

/** How a package spec pins what it fetches. */
export type Pin =
  | { kind: 'exact'; version: string }
  /** git source pinned to a 40-hex commit, or an archive pinned by hash. */
  | { kind: 'commit' }
  /** Registry package with no version at all. */
  | { kind: 'none' }
  /** npm dist-tag (`latest`, `next`, `beta`, ...) or uvx `@latest`. */
  | { kind: 'tag'; tag: string }
  | { kind: 'range'; range: string }
  /** git, GitHub shorthand or archive URL without a commit or hash. */
  | { kind: 'unpinned-source' }
  /** Name or version taken from a variable at run time. */
  | { kind: 'variable'; variable: string }
  /** A local path: nothing is fetched from a registry. */
  | { kind: 'local' };

export interface PackageRef {
  ecosystem: 'npm' | 'pypi';
  /** The token holding the spec (for `--from=x` the whole token). */
  token: ArgToken;
  /** The spec as written (may include a version or source URL; never shown without safeText). */
  spec: string;
  /** Registry name (npm: as written; PyPI: PEP 503 normalised, extras dropped); undefined for URL sources. */
  name?: string;
  pin: Pin;
  /** Where the spec came from: the positional spec, `-p/--package`, `--from`, `--with`, ... */
  via: 'spec' | 'package-flag' | 'from' | 'with';
}

export interface DockerOption {
  /** Canonical long name: `--volume`, `--publish`, `--privileged`, ... */
  name: string;
  /** The token that names the option. */
  flag: ArgToken;
  /** The value (`=value`, attached short value, or the next word); undefined for switches. */
  value?: string;
  /** The token holding the value (may equal `flag`). */
  valueToken?: ArgToken;
}

export interface DockerRun {
  engine: string;
  options: DockerOption[];
  image?: ArgToken;
}

export interface GatewayFlag {
  /** Name without dashes: `allow-unauthenticated`, `verify-signatures`, `transport`, `host`, ... */
  name: string;
  /** `true` for a bare switch. */
  value: string;
  token: ArgToken;
  valueToken: ArgToken;
}

export type BridgeTool = 'mcp-remote' | 'mcp-proxy' | 'supergateway';

/** A stdio-to-remote bridge and what its arguments say about the remote side. */
export interface Bridge {
  tool: BridgeTool;
  /** The remote URL the bridge connects to. */
  target?: ArgToken;
  /** Headers sent to the remote (`--header "Authorization: Bearer ${TOKEN}"`). */
  headers: Array<{ name: string; token: ArgToken }>;
  /** Every flag token, for `--allow-http` and friends. */
  flags: Array<{ name: string; value?: string; token: ArgToken }>;
  /** Transport requested with `--transport` (mcp-remote: `sse-only`, `http-first`, ...). */
  transport?: { value: string; token: ArgToken };
  /** OAuth client information given explicitly (mcp-remote `--static-oauth-client-info`, supergateway `--oauth2Bearer`). */
  oauth: boolean;
}

export type InvocationKind = 'npm-runner' | 'python-runner' | 'docker-run' | 'docker-gateway' | 'direct' | 'none';

export interface Invocation {
  kind: InvocationKind;
  /** Normalised runner or program: `npx`, `pnpm dlx`, `uvx`, `uv run`, `docker`, `node`, `mcp-remote`, ... */
  runner: string;
  /** The command line after unwrapping `cmd /c`, `sh -c`, `env`, `sudo`. */
  tokens: ArgToken[];
  /** `VAR=value` set inline by `env` or a shell prefix. */
  env: EnvAssignment[];
  /** Packages the runner fetches. */
  packages: PackageRef[];
  /** What the server is: a package name, module, image name or program (for recognising known servers). */
  serverName?: string;
  /** The server's own arguments (after the package, module, script or image). */
  serverArgs: ArgToken[];
  docker?: DockerRun;
  /** Docker MCP Gateway flags (`docker mcp gateway run`, or the docker/mcp-gateway image). */
  gateway?: GatewayFlag[];
  bridge?: Bridge;
}

// ---------------------------------------------------------------------------------------------
// Tokens and wrappers

const KNOWN_PROGRAMS = /^(npx|bunx|pnpx|pnpm|yarn|npm|bun|uvx|uv|pipx|docker|podman|nerdctl|node|deno|python\d*(\.\d+)?|py|cmd|sh|bash|zsh|env|sudo|wsl|mcp-remote|mcp-proxy)$/;

/** Basename without directory or Windows executable extension, lower-case. */
export function programName(value: string): string {
  const base = value.trim().split(/[\\/]/).pop() ?? '';
  return base.toLowerCase().replace(/\.(exe|cmd|bat|ps1|com)$/, '');
}

/** Splits a shell command string into words (quotes and backslashes honoured); stops at `&&`, `||`, `;`, `|`. */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let started = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) current += text[++i];
      else current += c;
      continue;
    }
    if (c === '"' || c === "'") { quote = c; started = true; continue; }
    if (c === '\\' && i + 1 < text.length && !/[A-Za-z0-9_.]/.test(text[i + 1]!)) { current += text[++i]; started = true; continue; }
    if (/\s/.test(c)) { if (started) { words.push(current); current = ''; started = false; } continue; }
    if (c === ';' || c === '|' || (c === '&' && text[i + 1] === '&')) { if (started) words.push(current); return words; }
    current += c;
    started = true;
  }
  if (started) words.push(current);
  return words;
}

function splitToken(token: ArgToken): ArgToken[] {
  return splitShellWords(token.value).map((value) => ({ value, index: token.index }));
}

/** The command and args as tokens; a command with embedded arguments (`npx -y pkg`) is split. */
export function serverTokens(server: McpServer): ArgToken[] {
  const tokens: ArgToken[] = [];
  const command = server.command?.trim();
  if (command) {
    const first = command.split(/\s+/)[0]!;
    if (/\s/.test(command) && KNOWN_PROGRAMS.test(programName(first))) tokens.push(...splitToken({ value: command, index: -1 }));
    else tokens.push({ value: command, index: -1 });
  }
  server.args.forEach((value, index) => tokens.push({ value, index }));
  return tokens;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

function unwrap(input: ArgToken[]): { tokens: ArgToken[]; env: EnvAssignment[] } {
  const env: EnvAssignment[] = [];
  let t = input;
  for (let guard = 0; guard < 8 && t.length > 0; guard++) {
    while (t.length > 0 && ASSIGNMENT.test(t[0]!.value)) {
      const m = ASSIGNMENT.exec(t[0]!.value)!;
      env.push({ name: m[1]!, value: m[2]!, token: t[0]! });
      t = t.slice(1);
    }
    if (t.length === 0) break;
    const prog = programName(t[0]!.value);
    const rest = t.slice(1);
    if (prog === 'cmd') {
      const at = rest.findIndex((x) => /^\/[ck]$/i.test(x.value));
      if (at < 0 || !rest.slice(0, at).every((x) => /^\/[a-z]$/i.test(x.value))) break;
      t = rest.slice(at + 1);
      if (t.length === 1) t = splitToken(t[0]!);
      continue;
    }
    if (/^(sh|bash|zsh|dash|ash|ksh)$/.test(prog)) {
      const at = rest.findIndex((x) => /^-[a-z]*c[a-z]*$/.test(x.value));
      if (at < 0 || at + 1 >= rest.length || !rest.slice(0, at).every((x) => x.value.startsWith('-'))) break;
      t = splitToken(rest[at + 1]!);
      continue;
    }
    if (prog === 'powershell' || prog === 'pwsh') {
      const at = rest.findIndex((x) => /^-(c|command)$/i.test(x.value));
      if (at < 0 || at + 1 >= rest.length) break;
      const after = rest.slice(at + 1);
      t = after.length === 1 ? splitToken(after[0]!) : after;
      continue;
    }
    if (prog === 'env') {
      let i = 0;
      while (i < rest.length && rest[i]!.value.startsWith('-')) i += /^(-u|--unset|-C|--chdir)$/.test(rest[i]!.value) ? 2 : 1;
      t = rest.slice(i);
      continue;
    }
    if (/^(sudo|doas|nohup|nice|time|exec|command|npm-run)$/.test(prog)) {
      let i = 0;
      while (i < rest.length && rest[i]!.value.startsWith('-')) i += /^-[ugCDhprtUn]$/.test(rest[i]!.value) ? 2 : 1;
      t = rest.slice(i);
      continue;
    }
    if (prog === 'wsl') {
      let i = 0;
      while (i < rest.length && rest[i]!.value.startsWith('-')) {
        const v = rest[i]!.value;
        if (v === '--' || v === '-e' || v === '--exec') { i++; break; }
        i += /^(-d|--distribution|-u|--user|--cd)$/.test(v) ? 2 : 1;
      }
      t = rest.slice(i);
      continue;
    }
    break;
  }
  return { tokens: t, env };
}

/** `--name=value` → ['--name', 'value']; short options are not split. */
function splitEquals(value: string): [string, string | undefined] {
  if (!value.startsWith('--')) return [value, undefined];
  const eq = value.indexOf('=');
  return eq < 0 ? [value, undefined] : [value.slice(0, eq), value.slice(eq + 1)];
}

// ---------------------------------------------------------------------------------------------
// Pin rules (mcp-formats §3.10)

const NPM_EXACT = /^(@[^/@]+\/)?[^@/]+@\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/;
const COMMIT = /[#@]([0-9a-f]{40})$/i;

/** Parses an npm-style spec (`name`, `@scope/name@1.2.3`, `name@^1`, `name@latest`, `github:o/r#sha`). */
export function parseNpmSpec(spec: string): { name?: string; pin: Pin } {
  const s = spec.trim();
  if (s.startsWith('npm:')) return parseNpmSpec(s.slice(4));
  if (/^(\.{1,2}([\\/]|$)|[\\/]|~[\\/]|file:|[A-Za-z]:[\\/])/.test(s) || /\.(tgz|tar\.gz)$/.test(s) && !s.includes('://')) return { pin: { kind: 'local' } };
  if (/^(git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:)/i.test(s) || /^[\w.-]+\/[\w.-]+(#.*)?$/.test(s)) {
    return { pin: COMMIT.test(s) && s.includes('#') ? { kind: 'commit' } : { kind: 'unpinned-source' } };
  }
  const at = s.indexOf('@', s.startsWith('@') ? 1 : 0);
  const name = at < 0 ? s : s.slice(0, at);
  const version = at < 0 ? '' : s.slice(at + 1);
  if (isInterpolated(name)) return { pin: { kind: 'variable', variable: name } };
  if (isInterpolated(version)) return { name, pin: { kind: 'variable', variable: version } };
  if (version === '') return { name, pin: { kind: 'none' } };
  // The §3.10 rule (`name@x.y.z`), plus the spellings npm treats as the same exact version (`v1.2.3`, `=1.2.3`).
  if (NPM_EXACT.test(s) || semver.valid(version) !== null) return { name, pin: { kind: 'exact', version: semver.valid(version) ?? version } };
  if (semver.validRange(version) !== null) return { name, pin: { kind: 'range', range: version } };
  return { name, pin: { kind: 'tag', tag: version } };
}

/** PEP 503 name: lower-case, runs of `-_.` as one `-`. */
export function normalisePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const PEP440_RELEASE = /^v?\d+(\.\d+)*((a|b|rc|c|alpha|beta|pre|preview)\.?\d*)?(\.?(post|rev|r)\.?\d*)?(\.?dev\.?\d*)?(\+[a-z0-9.]+)?$/i;

/** Parses a Python spec (`name`, `name==1.2.3`, `name@1.2.3`, `name[extra]>=1`, `git+https://...@<sha>`). */
export function parsePythonSpec(spec: string): { name?: string; pin: Pin } {
  const s = spec.trim();
  if (/^(\.{1,2}([\\/]|$)|[\\/]|~[\\/]|file:|[A-Za-z]:[\\/])/.test(s) || /\.(whl|tar\.gz|zip)$/i.test(s) && !s.includes('://')) return { pin: { kind: 'local' } };
  const direct = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*@\s*((git\+|https?:|file:).*)$/i.exec(s);
  if (direct || /^(git\+|https?:)/i.test(s)) {
    const url = direct ? direct[3]! : s;
    const name = direct ? normalisePypiName(direct[1]!) : undefined;
    const hashed = /#sha256=[0-9a-f]{64}/i.test(url) || /@[0-9a-f]{40}(#.*)?$/i.test(url);
    return { name, pin: hashed ? { kind: 'commit' } : { kind: 'unpinned-source' } };
  }
  const m = /^([^\s\[<>=!~@;]+)\s*(\[[^\]]*\])?\s*(.*?)\s*(;.*)?$/.exec(s);
  if (!m) return { pin: { kind: 'none' } };
  const rawName = m[1]!;
  const constraint = m[3] ?? '';
  if (isInterpolated(rawName)) return { pin: { kind: 'variable', variable: rawName } };
  const name = normalisePypiName(rawName);
  if (isInterpolated(constraint)) return { name, pin: { kind: 'variable', variable: constraint } };
  if (constraint === '') return { name, pin: { kind: 'none' } };
  if (constraint.startsWith('@')) {
    const version = constraint.slice(1).trim();
    if (PEP440_RELEASE.test(version)) return { name, pin: { kind: 'exact', version: version.replace(/^v/i, '') } };
    return { name, pin: { kind: 'tag', tag: version } };
  }
  const exact = /^===?\s*([^,\s*]+)$/.exec(constraint);
  if (exact && PEP440_RELEASE.test(exact[1]!)) return { name, pin: { kind: 'exact', version: exact[1]! } };
  return { name, pin: { kind: 'range', range: constraint } };
}

/** A container image reference: repository, tag, digest; pinned only by `@sha256:<64 hex>`. */
export interface ImageRef {
  repository: string;
  tag?: string;
  digest?: string;
  pin: 'digest' | 'latest' | 'no-tag' | 'tag' | 'variable';
}

export function parseImage(ref: string): ImageRef {
  const s = ref.trim();
  const at = s.indexOf('@');
  const beforeDigest = at >= 0 ? s.slice(0, at) : s;
  const digest = at >= 0 ? s.slice(at + 1) : undefined;
  const slash = beforeDigest.lastIndexOf('/');
  const colon = beforeDigest.lastIndexOf(':');
  const hasTag = colon > slash;
  const repository = hasTag ? beforeDigest.slice(0, colon) : beforeDigest;
  const tag = hasTag ? beforeDigest.slice(colon + 1) : undefined;
  if (digest !== undefined && /^sha256:[0-9a-f]{64}$/.test(digest)) return { repository, tag, digest, pin: 'digest' };
  if (isInterpolated(s)) return { repository, tag, digest, pin: 'variable' };
  if (tag === undefined) return { repository, digest, pin: 'no-tag' };
  return { repository, tag, digest, pin: tag.toLowerCase() === 'latest' ? 'latest' : 'tag' };
}

// ---------------------------------------------------------------------------------------------
// Runners

/** npm exec / npx options that take a value; `-p`/`--package` name the packages to fetch. */
const NPM_VALUE_FLAGS = new Set(['-p', '--package', '-c', '--call', '--registry', '--cache', '--userconfig', '--prefix', '-w', '--workspace', '--node-options', '--loglevel', '--script-shell', '--shell', '--before', '--tag']);

/**
 * Walks a runner's own options up to its first positional (or past `--`), handing each option's
 * value (attached `--x=v`, or the next token for options in `valueFlags`) to `onValue`; returns the
 * index of the first positional.
 */
function runnerOptions(tokens: ArgToken[], valueFlags: ReadonlySet<string>, onValue: (name: string, value: string, token: ArgToken) => void): number {
  let i = 0;
  while (i < tokens.length) {
    const v = tokens[i]!.value;
    if (v === '--') return i + 1;
    if (!v.startsWith('-') || v === '-') return i;
    const [name, attached] = splitEquals(v);
    const separate = valueFlags.has(name) && attached === undefined;
    const valueToken = separate ? tokens[i + 1] : tokens[i]!;
    const value = separate ? valueToken?.value : attached;
    if (valueToken && value !== undefined) onValue(name, value, valueToken);
    i += separate ? 2 : 1;
  }
  return i;
}

function npmRunner(runner: string, tokens: ArgToken[]): Partial<Invocation> {
  const packages: PackageRef[] = [];
  const i = runnerOptions(tokens, NPM_VALUE_FLAGS, (name, spec, token) => {
    if (name === '-p' || name === '--package') packages.push(npmPackage(spec, token, 'package-flag'));
  });
  const positional = tokens[i];
  const serverArgs = tokens.slice(i + 1);
  if (packages.length === 0 && positional) packages.push(npmPackage(positional.value, positional, 'spec'));
  const serverName = packages.length === 1 || !positional ? packages[0]?.name : programName(positional.value);
  return { kind: 'npm-runner', runner, packages, serverName, serverArgs };
}

function npmPackage(spec: string, token: ArgToken, via: PackageRef['via']): PackageRef {
  return { ecosystem: 'npm', token, spec, via, ...parseNpmSpec(spec) };
}

function pythonPackage(spec: string, token: ArgToken, via: PackageRef['via']): PackageRef {
  return { ecosystem: 'pypi', token, spec, via, ...parsePythonSpec(spec) };
}

const PY_VALUE_FLAGS = new Set([
  '--from', '--spec', '--with', '--with-editable', '--with-requirements', '-w', '--python', '-p', '--index', '--index-url', '-i',
  '--extra-index-url', '--default-index', '--find-links', '-f', '--env-file', '--directory', '--project', '--config-file',
  '--cache-dir', '--python-preference', '--prerelease', '--resolution', '--exclude-newer', '--constraints', '--constraint', '-c',
  '--overrides', '--override', '--build-constraints', '--build-constraint', '-b', '--allow-insecure-host', '--trusted-host',
  '--index-strategy', '--keyring-provider', '--link-mode', '--color', '--refresh-package', '--reinstall-package',
  '--upgrade-package', '-P', '--no-binary-package', '--only-binary-package', '--no-build-package', '--config-setting', '-C',
  '--pip-args', '--preinstall', '--package', '--extra', '--group', '--only-group', '--no-group',
]);

/** uvx / uv tool run / pipx run: the spec is `--from`/`--spec` or the first positional; `--with` adds packages. */
function pythonRunner(runner: string, tokens: ArgToken[], toolIsCommand: boolean): Partial<Invocation> {
  const packages: PackageRef[] = [];
  let from: PackageRef | undefined;
  const i = runnerOptions(tokens, PY_VALUE_FLAGS, (name, value, token) => {
    if (name === '--from' || name === '--spec') from = pythonPackage(value, token, 'from');
    if (name === '--with' || name === '--preinstall') {
      for (const part of value.split(',').map((x) => x.trim()).filter(Boolean)) packages.push(pythonPackage(part, token, 'with'));
    }
  });
  const positional = tokens[i];
  const serverArgs = tokens.slice(i + 1);
  let serverName: string | undefined;
  if (toolIsCommand) {
    serverName = positional ? programName(positional.value) : undefined;
  } else if (from) {
    packages.unshift(from);
    serverName = positional ? programName(positional.value) : from.name;
  } else if (positional) {
    const spec = pythonPackage(positional.value, positional, 'spec');
    packages.unshift(spec);
    serverName = spec.name;
  }
  if (toolIsCommand && from) packages.unshift(from);
  return { kind: 'python-runner', runner, packages, serverName, serverArgs };
}

// ---------------------------------------------------------------------------------------------
// docker / podman

const DOCKER_SHORT: Record<string, string> = {
  a: '--attach', c: '--cpu-shares', e: '--env', h: '--hostname', l: '--label', m: '--memory', p: '--publish',
  u: '--user', v: '--volume', w: '--workdir',
};
const DOCKER_SHORT_SWITCHES: Record<string, string> = { d: '--detach', i: '--interactive', t: '--tty', P: '--publish-all', q: '--quiet' };
const DOCKER_ALIASES: Record<string, string> = { '--net': '--network', '--net-alias': '--network-alias', '--dns-opt': '--dns-option' };
const DOCKER_VALUE_OPTIONS = new Set([
  '--add-host', '--annotation', '--attach', '--blkio-weight', '--blkio-weight-device', '--cap-add', '--cap-drop', '--cgroup-parent',
  '--cgroupns', '--cidfile', '--cpu-count', '--cpu-percent', '--cpu-period', '--cpu-quota', '--cpu-rt-period', '--cpu-rt-runtime',
  '--cpu-shares', '--cpus', '--cpuset-cpus', '--cpuset-mems', '--detach-keys', '--device', '--device-cgroup-rule',
  '--device-read-bps', '--device-read-iops', '--device-write-bps', '--device-write-iops', '--dns', '--dns-option', '--dns-search',
  '--domainname', '--entrypoint', '--env', '--env-file', '--expose', '--gpus', '--group-add', '--health-cmd', '--health-interval',
  '--health-retries', '--health-start-interval', '--health-start-period', '--health-timeout', '--hostname', '--ip', '--ip6', '--ipc',
  '--isolation', '--kernel-memory', '--label', '--label-file', '--link', '--link-local-ip', '--log-driver', '--log-opt',
  '--mac-address', '--memory', '--memory-reservation', '--memory-swap', '--memory-swappiness', '--mount', '--name', '--network',
  '--network-alias', '--oom-score-adj', '--pid', '--pids-limit', '--platform', '--publish', '--pull', '--restart', '--runtime',
  '--security-opt', '--shm-size', '--stop-signal', '--stop-timeout', '--storage-opt', '--sysctl', '--tmpfs', '--ulimit', '--user',
  '--userns', '--uts', '--volume', '--volume-driver', '--volumes-from', '--workdir',
  // podman
  '--secret', '--uidmap', '--gidmap', '--arch', '--os', '--variant', '--pod', '--requires', '--sdnotify', '--seccomp-policy',
  '--subuidname', '--subgidname', '--systemd', '--timeout', '--tz', '--umask', '--passwd-entry', '--cgroups', '--cgroup-conf',
  '--conmon-pidfile', '--personality', '--rdt-class', '--retry', '--retry-delay', '--image-volume', '--init-path', '--chrootdirs',
  '--hostuser', '--preserve-fds',
]);
const DOCKER_GLOBAL_VALUE = new Set(['--context', '-c', '-H', '--host', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey', '--connection', '--url', '--identity', '--root', '--runroot']);

/** Parses `docker run` options up to the image; the words after the image are the server's args. */
export function parseDockerRun(engine: string, tokens: ArgToken[]): { docker: DockerRun; serverArgs: ArgToken[] } {
  const options: DockerOption[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    const v = token.value;
    if (v === '--') { i++; break; }
    if (!v.startsWith('-') || v === '-') break;
    if (v.startsWith('--')) {
      const [raw, attached] = splitEquals(v);
      const name = DOCKER_ALIASES[raw] ?? raw;
      if (attached !== undefined) { options.push({ name, flag: token, value: attached, valueToken: token }); i++; continue; }
      if (DOCKER_VALUE_OPTIONS.has(name)) {
        const valueToken = tokens[i + 1];
        options.push({ name, flag: token, value: valueToken?.value, valueToken });
        i += 2;
        continue;
      }
      options.push({ name, flag: token });
      i++;
      continue;
    }
    // short options, possibly grouped (-it, -itp 80:80, -eFOO=bar)
    let consumedNext = false;
    for (let k = 1; k < v.length; k++) {
      const ch = v[k]!;
      const long = DOCKER_SHORT[ch];
      if (long) {
        const attached = v.slice(k + 1).replace(/^=/, '');
        if (attached !== '') options.push({ name: long, flag: token, value: attached, valueToken: token });
        else { const valueToken = tokens[i + 1]; options.push({ name: long, flag: token, value: valueToken?.value, valueToken }); consumedNext = true; }
        break;
      }
      options.push({ name: DOCKER_SHORT_SWITCHES[ch] ?? `-${ch}`, flag: token });
    }
    i += consumedNext ? 2 : 1;
  }
  return { docker: { engine, options, image: tokens[i] }, serverArgs: tokens.slice(i + 1) };
}

const GATEWAY_SWITCHES = new Set([
  'allow-unauthenticated', 'block-network', 'block-secrets', 'debug-dns', 'dry-run', 'enable-all-servers', 'log-calls', 'long-lived',
  'static', 'verbose', 'verify-signatures', 'watch', 'use-configured-catalogs', 'help',
]);

/** Docker MCP Gateway flags (cobra: switches take `=false`, other flags take `=v` or the next word). */
export function parseGatewayFlags(tokens: ArgToken[]): GatewayFlag[] {
  const flags: GatewayFlag[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.value.startsWith('--')) continue;
    const [raw, attached] = splitEquals(token.value);
    const name = raw.slice(2);
    if (attached !== undefined) { flags.push({ name, value: attached, token, valueToken: token }); continue; }
    if (GATEWAY_SWITCHES.has(name)) { flags.push({ name, value: 'true', token, valueToken: token }); continue; }
    const next = tokens[i + 1];
    if (next && !next.value.startsWith('--')) { flags.push({ name, value: next.value, token, valueToken: next }); i++; } else flags.push({ name, value: 'true', token, valueToken: token });
  }
  return flags;
}

// ---------------------------------------------------------------------------------------------
// Bridges (mcp-remote, mcp-proxy, supergateway)

const BRIDGE_VALUE_FLAGS: Record<BridgeTool, Set<string>> = {
  'mcp-remote': new Set(['--header', '--transport', '--host', '--resource', '--ignore-tool', '--static-oauth-client-info', '--static-oauth-client-metadata', '--auth-timeout', '--port']),
  'mcp-proxy': new Set(['--transport', '--port', '--host', '--sse-port', '--sse-host', '--cwd', '--allow-origin', '--named-server-config', '--log-level', '--client-id', '--client-secret', '--token-url']),
  supergateway: new Set(['--sse', '--streamableHttp', '--stdio', '--header', '--oauth2Bearer', '--port', '--baseUrl', '--ssePath', '--messagePath', '--outputTransport', '--logLevel', '--cors', '--healthEndpoint', '--streamableHttpPath']),
};

export function bridgeTool(serverName: string | undefined): BridgeTool | undefined {
  if (!serverName) return undefined;
  const base = serverName.toLowerCase();
  if (base === 'mcp-remote' || base.endsWith('/mcp-remote')) return 'mcp-remote';
  if (base === 'mcp-proxy') return 'mcp-proxy';
  if (base === 'supergateway') return 'supergateway';
  return undefined;
}

function headerName(text: string): string | undefined {
  const m = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:/.exec(text);
  return m?.[1];
}

export function parseBridge(tool: BridgeTool, tokens: ArgToken[]): Bridge {
  const bridge: Bridge = { tool, headers: [], flags: [], oauth: false };
  const valueFlags = BRIDGE_VALUE_FLAGS[tool];
  const positionals: ArgToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const v = token.value;
    if (!v.startsWith('-') || v === '-') { positionals.push(token); continue; }
    const [name, attached] = splitEquals(v);
    // mcp-proxy: -H/--headers KEY VALUE, -e/--env KEY VALUE
    if (tool === 'mcp-proxy' && (name === '-H' || name === '--headers' || name === '-e' || name === '--env')) {
      const key = tokens[i + 1];
      const value = tokens[i + 2];
      if (key && (name === '-H' || name === '--headers')) bridge.headers.push({ name: key.value, token: value ?? key });
      bridge.flags.push({ name, value: key?.value, token });
      i += 2;
      continue;
    }
    const takesValue = valueFlags.has(name) && attached === undefined;
    const valueToken = attached !== undefined ? token : takesValue ? tokens[i + 1] : undefined;
    const value = attached ?? (takesValue ? valueToken?.value : undefined);
    bridge.flags.push({ name, value, token });
    if (takesValue) i++;
    if (value === undefined || !valueToken) continue;
    if (name === '--header') { const h = headerName(value); if (h) bridge.headers.push({ name: h, token: valueToken }); }
    if (name === '--transport') bridge.transport = { value, token: valueToken };
    if (name === '--static-oauth-client-info' || name === '--static-oauth-client-metadata' || name === '--client-id') bridge.oauth = true;
    if (name === '--oauth2Bearer') bridge.headers.push({ name: 'Authorization', token: valueToken });
    if (tool === 'supergateway' && (name === '--sse' || name === '--streamableHttp')) {
      bridge.target = valueToken;
      if (name === '--sse') bridge.transport = { value: 'sse', token: valueToken };
    }
  }
  if (tool !== 'supergateway') {
    const first = positionals[0];
    if (first && /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(first.value)) bridge.target = first;
    else if (first && isInterpolated(first.value) && !first.value.includes(' ')) bridge.target = first;
  }
  return bridge;
}

// ---------------------------------------------------------------------------------------------
// Entry point

const cache = new WeakMap<McpServer, Invocation>();

/** How the server is launched. Cached per server object (checks are pure; the model is immutable). */
export function parseInvocation(server: McpServer): Invocation {
  const hit = cache.get(server);
  if (hit) return hit;
  const result = parse(server);
  cache.set(server, result);
  return result;
}

function parse(server: McpServer): Invocation {
  const { tokens, env } = unwrap(serverTokens(server));
  const base: Invocation = { kind: 'none', runner: '', tokens, env, packages: [], serverArgs: [] };
  if (tokens.length === 0) return base;
  const prog = programName(tokens[0]!.value);
  const rest = tokens.slice(1);
  const sub = (n: number) => rest[n]?.value.toLowerCase();
  let found: Partial<Invocation>;
  if (prog === 'npx' || prog === 'bunx' || prog === 'pnpx') found = npmRunner(prog, rest);
  else if (prog === 'bun' && sub(0) === 'x') found = npmRunner('bun x', rest.slice(1));
  else if ((prog === 'pnpm' || prog === 'yarn') && sub(0) === 'dlx') found = npmRunner(`${prog} dlx`, rest.slice(1));
  else if (prog === 'npm' && (sub(0) === 'exec' || sub(0) === 'x')) found = npmRunner('npm exec', rest.slice(1));
  else if (prog === 'uvx') found = pythonRunner('uvx', rest, false);
  else if (prog === 'pipx' && sub(0) === 'run') found = pythonRunner('pipx run', rest.slice(1), false);
  else if (prog === 'uv') found = uv(rest);
  else if (prog === 'docker' || prog === 'podman' || prog === 'nerdctl') found = docker(prog, rest);
  else if (/^python\d*(\.\d+)?$|^py$/.test(prog)) found = python(prog, rest);
  else if (prog === 'node' || prog === 'deno' || prog === 'bun' || prog === 'tsx' || prog === 'ts-node') found = script(prog, rest);
  else found = { kind: 'direct', runner: prog, serverName: prog, serverArgs: rest };
  const invocation: Invocation = { ...base, runner: prog, ...found };
  const tool = bridgeTool(invocation.serverName);
  if (tool) invocation.bridge = parseBridge(tool, invocation.serverArgs);
  if (invocation.kind === 'docker-run' && invocation.docker?.image && /(^|\/)mcp-gateway$/.test(parseImage(invocation.docker.image.value).repository)) {
    invocation.gateway = parseGatewayFlags(invocation.serverArgs);
  }
  return invocation;
}

function uv(rest: ArgToken[]): Partial<Invocation> {
  let i = 0;
  while (i < rest.length && rest[i]!.value.startsWith('-')) {
    const [name, attached] = splitEquals(rest[i]!.value);
    i += PY_VALUE_FLAGS.has(name) && attached === undefined ? 2 : 1;
  }
  const sub = rest[i]?.value;
  if (sub === 'tool' && rest[i + 1]?.value === 'run') return pythonRunner('uv tool run', rest.slice(i + 2), false);
  if (sub === 'run') {
    // `uv run --with mcp[cli] mcp run server.py`: --with packages are fetched; the rest is a command.
    const inner = pythonRunner('uv run', rest.slice(i + 1), true);
    const args = inner.serverArgs ?? [];
    if (inner.serverName && /^python\d*(\.\d+)?$/.test(inner.serverName)) {
      const module = python(inner.serverName, args);
      return { ...inner, serverName: module.serverName, serverArgs: module.serverArgs };
    }
    return inner;
  }
  return { kind: 'direct', runner: 'uv', serverName: 'uv', serverArgs: rest };
}

function docker(engine: string, rest: ArgToken[]): Partial<Invocation> {
  let i = 0;
  while (i < rest.length && rest[i]!.value.startsWith('-')) {
    const [name, attached] = splitEquals(rest[i]!.value);
    i += DOCKER_GLOBAL_VALUE.has(name) && attached === undefined ? 2 : 1;
  }
  const words = rest.slice(i).map((t) => t.value.toLowerCase());
  if (words[0] === 'mcp' && words[1] === 'gateway' && words[2] === 'run') {
    return { kind: 'docker-gateway', runner: `${engine} mcp gateway run`, serverName: 'docker mcp gateway', gateway: parseGatewayFlags(rest.slice(i + 3)), serverArgs: rest.slice(i + 3) };
  }
  const runAt = words[0] === 'run' ? 1 : words[0] === 'container' && words[1] === 'run' ? 2 : -1;
  if (runAt < 0) return { kind: 'direct', runner: engine, serverName: engine, serverArgs: rest };
  const { docker: run, serverArgs } = parseDockerRun(engine, rest.slice(i + runAt));
  return { kind: 'docker-run', runner: engine, docker: run, serverName: run.image ? parseImage(run.image.value).repository : undefined, serverArgs };
}

/** `python -m mcp_server_git --repository .`: the module is the server. */
function python(prog: string, rest: ArgToken[]): Partial<Invocation> {
  let i = 0;
  while (i < rest.length && rest[i]!.value.startsWith('-')) {
    const v = rest[i]!.value;
    if (v === '-m' && rest[i + 1]) {
      return { kind: 'direct', runner: prog, serverName: rest[i + 1]!.value.toLowerCase().replace(/_/g, '-'), serverArgs: rest.slice(i + 2) };
    }
    i += /^-[WXc]$/.test(v) ? 2 : 1;
  }
  return script(prog, rest.slice(i));
}

/** `node /path/to/server/index.js args`: the script path names the server. */
function script(prog: string, rest: ArgToken[]): Partial<Invocation> {
  let i = 0;
  while (i < rest.length && rest[i]!.value.startsWith('-')) i += /^(-r|--require|--import|--loader|-e|--eval)$/.test(rest[i]!.value) ? 2 : 1;
  if (prog === 'deno' || prog === 'bun') { if (rest[i]?.value === 'run') { i++; while (i < rest.length && rest[i]!.value.startsWith('-')) i++; } }
  const target = rest[i];
  return { kind: 'direct', runner: prog, serverName: target?.value, serverArgs: rest.slice(i + 1) };
}

// ---------------------------------------------------------------------------------------------
// Container host mounts and environment

export interface HostMount {
  /** Host side as written: `/`, `~/.ssh`, `C:\Users\me`, `/var/run/docker.sock`. */
  source: string;
  option: DockerOption;
  readOnly: boolean;
}

/**
 * Host paths a container is given through `-v/--volume` (`SRC:DST[:opts]`) and `--mount type=bind`.
 * Named volumes and anonymous volumes (`-v /data`) have no host source and are left out.
 */
export function hostMounts(run: DockerRun): HostMount[] {
  const out: HostMount[] = [];
  for (const option of run.options) {
    const value = option.value;
    if (value === undefined) continue;
    if (option.name === '--volume') {
      const m = /^(\$\{[^}]*\}[^:]*|[A-Za-z]:[\\/][^:]*|[^:]*):(.+)$/.exec(value);
      if (!m) continue;
      const source = m[1]!;
      if (!/^([\\/~$%.]|[A-Za-z]:[\\/])/.test(source)) continue; // named volume
      out.push({ source, option, readOnly: /:(ro|readonly)(,|$)/i.test(`:${m[2]!.split(':').slice(1).join(':')}`) });
    } else if (option.name === '--mount') {
      const fields = new Map<string, string>();
      for (const part of value.split(',')) {
        const eq = part.indexOf('=');
        fields.set((eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase(), eq < 0 ? 'true' : part.slice(eq + 1).trim());
      }
      if ((fields.get('type') ?? 'volume').toLowerCase() !== 'bind') continue;
      const source = fields.get('source') ?? fields.get('src');
      if (source) out.push({ source, option, readOnly: fields.has('readonly') || fields.has('ro') });
    }
  }
  return out;
}

/** `--env NAME=value` options of a container (a bare `--env NAME` passes the host value through and is left out). */
export function containerEnv(run: DockerRun): EnvAssignment[] {
  const out: EnvAssignment[] = [];
  for (const option of run.options) {
    if (option.name !== '--env' || option.value === undefined || !option.valueToken) continue;
    const m = ASSIGNMENT.exec(option.value);
    if (m) out.push({ name: m[1]!, value: m[2]!, token: option.valueToken });
  }
  return out;
}

/** Every environment variable the entry sets: `env`, inline `VAR=value` prefixes, and container `--env`. */
export interface EnvSetting {
  name: string;
  value: string;
  /** Positions field (`env/NAME`, or the token's `args/<n>`). */
  field: string;
  /** Key suffix: `env/NAME` or `args[--env NAME]`. */
  where: 'env' | 'inline' | 'container';
}

export function envSettings(server: McpServer): EnvSetting[] {
  const out: EnvSetting[] = Object.entries(server.env).map(([name, value]) => ({ name, value, field: `env/${name}`, where: 'env' as const }));
  const invocation = parseInvocation(server);
  for (const e of invocation.env) out.push({ name: e.name, value: e.value, field: tokenField(e.token), where: 'inline' });
  if (invocation.docker) for (const e of containerEnv(invocation.docker)) out.push({ name: e.name, value: e.value, field: tokenField(e.token), where: 'container' });
  return out;
}
