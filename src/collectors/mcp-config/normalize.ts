/**
 * From a client's server entry to the one normalised McpServer (model.ts): transport inference,
 * command rebalancing, interpolation tokens, secret detection and redaction, and the position of
 * every value. Parsers only say where each field is in their format (reference/mcp-formats.md §2.1).
 */
import type { SourcePosition } from '../../lib/source-position.js';
import { findInterpolations, findSecrets, findSecretsInArgument, isUrlValue, REDACTED, redactSecrets } from '../../evidence/secrets.js';
import type { ApprovalSetting, McpClient, McpScope, McpServer, McpTransport, SecretFinding } from './model.js';
import type { DocPath, SourceDoc } from './source-doc.js';

/** A value and where it is written. */
export interface Located<T> {
  value: T;
  at?: SourcePosition;
}

/** A server entry as a parser read it: raw values with positions, before any normalisation. */
export interface RawServer {
  name: string;
  client: McpClient;
  scope: McpScope;
  pointer: string;
  at: SourcePosition;
  type?: Located<string>;
  command?: Located<string>;
  args: Array<Located<string>>;
  cwd?: Located<string>;
  env: Array<{ key: string; value: Located<string> }>;
  envFile?: Located<string>;
  url?: Located<string>;
  /** Which key held the URL: Gemini reads `url` as SSE and `httpUrl` as streamable HTTP. */
  urlKey?: string;
  headers: Array<{ key: string; value: Located<string> }>;
  disabled?: Located<boolean>;
  autoApprove?: Located<string[] | 'all'>;
  toolInclude?: Located<string[]>;
  toolExclude?: Located<string[]>;
  timeoutMs?: Located<number>;
  oauth?: Located<boolean>;
  bearerEnvVar?: Located<string>;
  /** Fields that the source itself marks secret (server.json `isSecret`) and that hold a literal. */
  declaredSecrets?: string[];
  /**
   * Other literal values of the entry that the model does not keep (Zed extension `settings`,
   * Continue `with`, an `oauth` block): scanned for secrets and interpolations, positioned, not stored.
   */
  extraValues?: Array<{ field: string; key: string; value: string; at?: SourcePosition }>;
}

export function emptyRaw(meta: Pick<RawServer, 'name' | 'client' | 'scope' | 'pointer' | 'at'>): RawServer {
  return { ...meta, args: [], env: [], headers: [] };
}

/** JSON pointer (RFC 6901) of a document path. */
export function pointerOf(path: DocPath): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Approval settings (a string or boolean) at each of `paths` in `root`; a dotted key such as VS Code's `chat.tools.autoApprove` is one segment. */
export function approvalSettingsAt(doc: SourceDoc, root: Record<string, unknown>, paths: string[][]): ApprovalSetting[] {
  const settings: ApprovalSetting[] = [];
  for (const path of paths) {
    let value: unknown = root;
    for (const key of path) value = isObject(value) ? value[key] : undefined;
    if (typeof value !== 'string' && typeof value !== 'boolean') continue;
    settings.push({ setting: path.join('.'), value, at: doc.positionOf(path) ?? { line: 1, column: 1 } });
  }
  return settings;
}

/** Scalars as the client would pass them (`8080` in YAML args is the string "8080"). */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

/** Explicit `type` values as the clients spell them. */
export function transportOf(declared: string): McpTransport {
  const t = declared.trim().toLowerCase().replace(/[\s_]/g, '-');
  if (t === 'stdio' || t === 'local' || t === 'command') return 'stdio';
  if (t === 'http' || t === 'https' || t === 'streamable-http' || t === 'streamablehttp' || t === 'streamable' || t === 'remote') return 'streamable-http';
  if (t === 'sse' || t === 'sse-only') return 'sse';
  return 'unknown';
}

/**
 * Readers for the keys most clients share (Claude, Cursor, VS Code, Windsurf, Gemini, Cline, Roo,
 * Kilo, Kiro, Amazon Q, Continue, Zed, Codex): what each key means is the same; only where it is
 * differs. `transport: {type, url, ...}` nesting is read as a fallback.
 */
export function readCommonFields(doc: SourceDoc, path: DocPath, entry: Record<string, unknown>, raw: RawServer, options: { timeoutUnit?: 'ms' | 's' } = {}): void {
  const at = (...rest: Array<string | number>) => doc.positionOf([...path, ...rest]);
  const nested = isObject(entry.transport) ? entry.transport : undefined;

  const typeKey = typeof entry.type === 'string' ? ['type'] : typeof entry.transport === 'string' ? ['transport']
    : nested && typeof nested.type === 'string' ? ['transport', 'type'] : undefined;
  if (typeKey) raw.type = { value: valueAt(entry, typeKey) as string, at: at(...typeKey) };

  readCommand(doc, path, entry, raw);
  if (!raw.command && nested) readCommand(doc, [...path, 'transport'], nested, raw);

  const cwdKey = ['cwd', 'workingDirectory', 'working_directory'].find((k) => typeof entry[k] === 'string');
  if (cwdKey) raw.cwd = { value: entry[cwdKey] as string, at: at(cwdKey) };

  readMap(doc, [...path, 'env'], entry.env, raw.env);
  if (raw.env.length === 0 && nested) readMap(doc, [...path, 'transport', 'env'], nested.env, raw.env);
  if (typeof entry.envFile === 'string') raw.envFile = { value: entry.envFile, at: at('envFile') };

  for (const key of ['httpUrl', 'url', 'serverUrl', 'server_url']) {
    if (typeof entry[key] === 'string') {
      raw.url = { value: entry[key] as string, at: at(key) };
      raw.urlKey = key;
      break;
    }
  }
  if (!raw.url && nested && typeof nested.url === 'string') {
    raw.url = { value: nested.url, at: at('transport', 'url') };
    raw.urlKey = 'transport.url';
  }

  readMap(doc, [...path, 'headers'], entry.headers, raw.headers);
  if (raw.headers.length === 0 && isObject(entry.requestOptions)) readMap(doc, [...path, 'requestOptions', 'headers'], entry.requestOptions.headers, raw.headers);
  if (raw.headers.length === 0 && nested) readMap(doc, [...path, 'transport', 'headers'], nested.headers, raw.headers);
  if (raw.headers.length === 0 && isObject(entry.http_headers)) readMap(doc, [...path, 'http_headers'], entry.http_headers, raw.headers);

  if (typeof entry.disabled === 'boolean') raw.disabled = { value: entry.disabled, at: at('disabled') };
  else if (typeof entry.enabled === 'boolean') raw.disabled = { value: !entry.enabled, at: at('enabled') };

  // Cline/Kiro `autoApprove`, Roo/Kilo `alwaysAllow`, Gemini `trust: true` (skips every confirmation).
  for (const key of ['autoApprove', 'alwaysAllow', 'auto_approve']) {
    const list = stringList(entry[key]);
    if (list) {
      raw.autoApprove = { value: list.includes('*') ? 'all' : list, at: at(key) };
      break;
    }
    if (entry[key] === true || entry[key] === '*') { raw.autoApprove = { value: 'all', at: at(key) }; break; }
  }
  if (!raw.autoApprove && entry.trust === true) raw.autoApprove = { value: 'all', at: at('trust') };

  for (const key of ['includeTools', 'enabledTools', 'enabled_tools']) {
    const list = stringList(entry[key]);
    if (list) { raw.toolInclude = { value: list, at: at(key) }; break; }
  }
  for (const key of ['excludeTools', 'disabledTools', 'disabled_tools']) {
    const list = stringList(entry[key]);
    if (list) { raw.toolExclude = { value: list, at: at(key) }; break; }
  }

  if (typeof entry.timeout === 'number') {
    raw.timeoutMs = { value: options.timeoutUnit === 's' ? entry.timeout * 1000 : entry.timeout, at: at('timeout') };
  }
  if (entry.oauth === true || isObject(entry.oauth)) raw.oauth = { value: true, at: at('oauth') };
  else if (entry.oauth === false) raw.oauth = { value: false, at: at('oauth') };
  if (isObject(entry.oauth)) collectExtraValues(doc, [...path, 'oauth'], entry.oauth, 'oauth', raw);
}

/** Every scalar leaf under `value`, for secret scanning of blocks the model does not keep. */
export function collectExtraValues(doc: SourceDoc, path: DocPath, value: unknown, field: string, raw: RawServer, key = ''): void {
  const text = scalarText(value);
  if (text !== undefined) {
    (raw.extraValues ??= []).push({ field, key, value: text, at: doc.positionOf(path) });
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => collectExtraValues(doc, [...path, i], v, `${field}/${i}`, raw, key));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) collectExtraValues(doc, [...path, k], v, `${field}/${k}`, raw, k);
}

/** `command` as a string, an array (`["uvx", "pkg"]`), or Zed's older `{path, args, env}` object. */
function readCommand(doc: SourceDoc, path: DocPath, entry: Record<string, unknown>, raw: RawServer): void {
  const at = (...rest: Array<string | number>) => doc.positionOf([...path, ...rest]);
  const command = entry.command;
  if (typeof command === 'string') raw.command = { value: command, at: at('command') };
  else if (Array.isArray(command) && typeof command[0] === 'string') {
    raw.command = { value: command[0], at: at('command', 0) };
    command.slice(1).forEach((arg, i) => {
      const text = scalarText(arg);
      if (text !== undefined) raw.args.push({ value: text, at: at('command', i + 1) });
    });
  } else if (isObject(command) && typeof command.path === 'string') {
    raw.command = { value: command.path, at: at('command', 'path') };
    readArgs(doc, [...path, 'command', 'args'], command.args, raw);
    readMap(doc, [...path, 'command', 'env'], command.env, raw.env);
  }
  readArgs(doc, [...path, 'args'], entry.args, raw);
}

function readArgs(doc: SourceDoc, path: DocPath, value: unknown, raw: RawServer): void {
  if (Array.isArray(value)) {
    value.forEach((arg, i) => {
      const text = scalarText(arg);
      if (text !== undefined) raw.args.push({ value: text, at: doc.positionOf([...path, i]) });
    });
  } else if (typeof value === 'string' && value.trim() !== '') {
    // `"args": "-y pkg"`: one string the client would hand over as one argument; split like a command line.
    const at = doc.positionOf(path);
    for (const token of splitCommandLine(value)) raw.args.push({ value: token, at });
  }
}

/** String-valued map (env, headers); numbers and booleans as text, null as empty. */
export function readMap(doc: SourceDoc, path: DocPath, value: unknown, into: Array<{ key: string; value: Located<string> }>): void {
  if (!isObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const text = item === null ? '' : scalarText(item);
    if (text === undefined) continue;
    into.push({ key, value: { value: text, at: doc.positionOf([...path, key]) } });
  }
}

export function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((v) => scalarText(v)).filter((v): v is string => v !== undefined);
}

function valueAt(entry: Record<string, unknown>, keys: string[]): unknown {
  let v: unknown = entry;
  for (const k of keys) v = isObject(v) ? v[k] : undefined;
  return v;
}

/**
 * Splits a command line into words the way a POSIX shell would for plain words and quotes (no
 * expansion). Backslashes stay literal so Windows paths survive.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined; else word += char;
      continue;
    }
    if (char === '"' || char === "'") { quote = char; inWord = true; continue; }
    if (/\s/.test(char)) {
      if (inWord) { words.push(word); word = ''; inWord = false; }
      continue;
    }
    word += char;
    inWord = true;
  }
  if (inWord) words.push(word);
  return words;
}

/**
 * Command rebalancing: "uv run python" is a command and two arguments (quotes respected). An
 * absolute path may hold spaces in its folder names (`/Applications/My App.app/Contents/MacOS/tool`,
 * `C:\Program Files\Tool\tool.exe --stdio`): there the command runs up to the first space that starts
 * an argument (a flag, a path, a quote), and the whole string is the command when none does.
 */
export function splitCommand(command: string): string[] {
  const trimmed = command.trim();
  if (!/\s/.test(trimmed)) return [trimmed];
  if (/^["']/.test(trimmed) || !/^(?:[A-Za-z]:[\\/]|[\\/]|~[\\/])/.test(trimmed)) return splitCommandLine(trimmed);
  const boundary = /\s+(?=[-\\/.~"']|[A-Za-z]:[\\/])/.exec(trimmed);
  if (!boundary) return [trimmed];
  return [trimmed.slice(0, boundary.index), ...splitCommandLine(trimmed.slice(boundary.index))];
}

/** `--url=https://...`: redacted span by span like a URL, so the endpoint stays visible to the checks. */
function isFlagWithUrl(value: string): boolean {
  return /^--?[A-Za-z][\w.-]*=[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

/** Key name an argument's value belongs to: `--api-key=V`, `API_KEY=V` (docker -e), `X-Api-Key: V`, or the flag before it. */
function argumentKey(args: string[], index: number): { key: string; value: string } | undefined {
  const arg = args[index]!;
  let m = /^(--?[A-Za-z][\w.-]*)=([\s\S]*)$/.exec(arg);
  if (m) return { key: m[1]!, value: m[2]! };
  m = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(arg);
  if (m) return { key: m[1]!, value: m[2]! };
  m = /^([A-Za-z][\w-]*):\s*([\s\S]+)$/.exec(arg);
  if (m && !isUrlValue(arg)) return { key: m[1]!, value: m[2]! };
  const previous = index > 0 ? args[index - 1]! : undefined;
  if (previous !== undefined && /^--?[A-Za-z][\w.-]*$/.test(previous) && !arg.startsWith('-')) return { key: previous, value: arg };
  return undefined;
}

/** The normalised server: every secret already replaced, every position recorded. */
export function buildServer(raw: RawServer, options: { urlTransport?: McpTransport } = {}): McpServer {
  const positions: Record<string, SourcePosition> = {};
  const secrets: SecretFinding[] = [];
  const put = (field: string, at: SourcePosition | undefined) => { if (at) positions[field] = at; };
  const found = (field: string, kind: string, part?: string) => {
    if (!secrets.some((s) => s.field === field && s.kind === kind && s.part === part)) secrets.push({ field, kind, ...(part ? { part } : {}) });
  };
  /** Whole value replaced (span only for URLs, so the host stays visible to checks). */
  const clean = (field: string, value: string, keyName?: string): string => {
    const declared = raw.declaredSecrets?.includes(field) && value.trim() !== '' && findInterpolations(value).length === 0;
    if (isUrlValue(value) || isFlagWithUrl(value)) {
      const redacted = redactSecrets(value, undefined, REDACTED);
      for (const match of redacted.matches) found(field, match.kind, match.part);
      if (declared && redacted.kinds.length === 0) { found(field, 'declared-secret'); return REDACTED; }
      return redacted.value;
    }
    let kinds = findSecrets(value).map((m) => m.kind);
    if (kinds.length === 0 && keyName !== undefined) kinds = findSecrets(value, keyName).map((m) => m.kind);
    if (kinds.length === 0 && declared) kinds = ['declared-secret'];
    for (const kind of kinds) found(field, kind);
    return kinds.length > 0 ? REDACTED : value;
  };

  // Command rebalancing: "uv run python" is a command and two arguments.
  let command = raw.command?.value;
  const argsIn = [...raw.args];
  put('command', raw.command?.at);
  if (command !== undefined && /\s/.test(command.trim())) {
    const words = splitCommand(command);
    if (words.length > 0) {
      command = words[0]!;
      argsIn.unshift(...words.slice(1).map((value) => ({ value, at: raw.command?.at })));
    }
  }
  if (command !== undefined) command = clean('command', command);

  const argValues = argsIn.map((a) => a.value);
  const args = argsIn.map((arg, i) => {
    const field = `args/${i}`;
    put(field, arg.at);
    if (isUrlValue(arg.value) || isFlagWithUrl(arg.value) || raw.declaredSecrets?.includes(field)) return clean(field, arg.value);
    const keyed = argumentKey(argValues, i);
    const direct = findSecretsInArgument(arg.value).map((m) => m.kind);
    const kinds = direct.length > 0 ? direct : keyed ? findSecretsInArgument(keyed.value, keyed.key).map((m) => m.kind) : [];
    for (const kind of kinds) found(field, kind);
    return kinds.length > 0 ? REDACTED : arg.value;
  });

  const env: Record<string, string> = {};
  for (const { key, value } of raw.env) {
    put(`env/${key}`, value.at);
    env[key] = clean(`env/${key}`, value.value, key);
  }
  const headers: Record<string, string> = {};
  for (const { key, value } of raw.headers) {
    put(`headers/${key}`, value.at);
    headers[key] = clean(`headers/${key}`, value.value, key);
  }
  const url = raw.url ? clean('url', raw.url.value) : undefined;
  put('url', raw.url?.at);
  const cwd = raw.cwd ? clean('cwd', raw.cwd.value) : undefined;
  put('cwd', raw.cwd?.at);
  const envFile = raw.envFile ? clean('envFile', raw.envFile.value) : undefined;
  put('envFile', raw.envFile?.at);

  for (const extra of raw.extraValues ?? []) {
    put(extra.field, extra.at);
    clean(extra.field, extra.value, extra.key || undefined);
  }

  let transport: McpTransport;
  if (raw.type) transport = transportOf(raw.type.value);
  else if (url !== undefined) transport = raw.urlKey === 'httpUrl' ? 'streamable-http' : raw.urlKey === 'url' ? options.urlTransport ?? 'streamable-http' : 'streamable-http';
  else if (command !== undefined && command.trim() !== '') transport = 'stdio';
  else transport = 'unknown';
  put('type', raw.type?.at);

  const interpolations: string[] = [];
  const collect = (value: string | undefined) => {
    if (value === undefined) return;
    for (const token of findInterpolations(value)) if (!interpolations.includes(token)) interpolations.push(token);
  };
  collect(command);
  args.forEach(collect);
  Object.values(env).forEach(collect);
  collect(envFile);
  collect(cwd);
  collect(url);
  Object.values(headers).forEach(collect);
  for (const extra of raw.extraValues ?? []) if (!secrets.some((s) => s.field === extra.field)) collect(extra.value);

  const auth: McpServer['auth'] = {};
  if (raw.oauth) { auth.oauth = raw.oauth.value; put('auth/oauth', raw.oauth.at); }
  if (raw.bearerEnvVar) { auth.bearerEnvVar = raw.bearerEnvVar.value; put('auth/bearerEnvVar', raw.bearerEnvVar.at); }
  // mcp-remote runs the OAuth flow itself unless an Authorization header is passed along.
  // (Judged on the values as written: a redacted header is still a header.)
  if (auth.oauth === undefined && command !== undefined && [command, ...argValues].some((a) => /(?:^|\/)mcp-remote(?:@[^\s]*)?$/.test(a))
      && !argValues.some((a, i) => /^(?:--header=)?\s*authorization\s*:/i.test(a) && (a.startsWith('--header=') || argValues[i - 1] === '--header'))) {
    auth.oauth = true;
  }

  const server: McpServer = {
    name: raw.name,
    client: raw.client,
    scope: raw.scope,
    pointer: raw.pointer,
    at: raw.at,
    transport,
    ...(raw.type ? { declaredType: raw.type.value } : {}),
    ...(command !== undefined ? { command } : {}),
    args,
    ...(cwd !== undefined ? { cwd } : {}),
    env,
    ...(envFile !== undefined ? { envFile } : {}),
    ...(url !== undefined ? { url } : {}),
    headers,
    auth,
    disabled: raw.disabled?.value ?? false,
    interpolations,
    secrets,
    positions,
  };
  put('disabled', raw.disabled?.at);
  if (raw.autoApprove) { server.autoApprove = raw.autoApprove.value; put('autoApprove', raw.autoApprove.at); }
  if (raw.toolInclude || raw.toolExclude) {
    server.toolFilter = {
      ...(raw.toolInclude ? { include: raw.toolInclude.value } : {}),
      ...(raw.toolExclude ? { exclude: raw.toolExclude.value } : {}),
    };
    put('toolFilter/include', raw.toolInclude?.at);
    put('toolFilter/exclude', raw.toolExclude?.at);
  }
  if (raw.timeoutMs) { server.timeoutMs = raw.timeoutMs.value; put('timeoutMs', raw.timeoutMs.at); }
  // Values that went through detection above need no second pass.
  const checked = new Set<string>([...(command !== undefined ? [command] : []), ...args, ...Object.values(env), ...Object.values(headers),
    ...(url !== undefined ? [url] : []), ...(cwd !== undefined ? [cwd] : []), ...(envFile !== undefined ? [envFile] : [])]);
  sweepServer(server, checked);
  return server;
}

/**
 * Defence in depth: any string left anywhere in the server (a name, a tool filter, an env key) that
 * still holds a token-shaped secret is replaced and recorded, so no value survives by accident.
 */
function sweepServer(server: McpServer, checked: ReadonlySet<string>): void {
  const visit = (value: unknown, field: string): unknown => {
    if (typeof value === 'string') {
      if (checked.has(value)) return value;
      const kinds = findSecrets(value).map((m) => m.kind);
      if (kinds.length === 0) return value;
      for (const kind of kinds) if (!server.secrets.some((s) => s.field === field && s.kind === kind)) server.secrets.push({ field, kind });
      return REDACTED;
    }
    if (Array.isArray(value)) return value.map((v, i) => visit(v, `${field}/${i}`));
    if (isObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const safeKey = findSecrets(k).length > 0 ? REDACTED : k;
        out[safeKey] = visit(v, field ? `${field}/${safeKey}` : safeKey);
      }
      return out;
    }
    return value;
  };
  for (const key of ['name', 'command', 'args', 'cwd', 'env', 'envFile', 'url', 'headers', 'autoApprove', 'toolFilter', 'declaredType', 'pointer', 'auth'] as const) {
    const current = server[key as keyof McpServer];
    if (current === undefined) continue;
    (server as unknown as Record<string, unknown>)[key] = visit(current, key);
  }
  // The fields of positions and secret findings name keys too (`env/<NAME>`): a key that is a secret
  // goes there as it went in the values above.
  const safeField = (field: string) => field.split('/').map((part) => (findSecrets(part).length > 0 ? REDACTED : part)).join('/');
  server.positions = Object.fromEntries(Object.entries(server.positions).map(([field, at]) => [safeField(field), at]));
  for (const secret of server.secrets) secret.field = safeField(secret.field);
}
