/**
 * Secret and interpolation detection for configuration values (pure: no I/O).
 *
 * Rules follow reference/mcp-formats.md §2.1 (interpolation syntaxes: resolved at run time, never
 * literals) and §3.10 (high-confidence token patterns, secret-named keys with high entropy, and
 * placeholder suppression). The value of a secret is never returned: callers get its kind and, from
 * `findSecrets`, the span to redact.
 */
import { jsonNestingTooDeepAt } from '../lib/nesting-depth.js';
import { decodeUrlComponent } from '../lib/url-decode.js';
import { HOSTED_MCP_URL_SHAPES } from './hosted-mcp-urls.js';

/** What a redacted value is replaced with, everywhere. */
export const REDACTED = '[REDACTED]';

/** A secret found in a value: what it looks like and where it is (UTF-16 offsets, end exclusive). */
export interface SecretMatch {
  kind: string;
  start: number;
  end: number;
  /** Where in a URL it sits, when it sits in one: `userinfo`, `path`, `query parameter "api_key"`, `fragment`. */
  part?: string;
}

/**
 * Every interpolation syntax of the MCP clients, in one alternation so that overlapping forms are
 * reported once: `${input:x}`, `${env:X}`, `${X}`, `${X:-default}`, `${workspaceFolder}`,
 * `${file:path}` (all `${...}`), `${{ secrets.X }}` (Continue), `{{x.y}}` (Docker catalog), `$X`
 * (Gemini CLI, shells), `{x}` (server.json templates), and the Windows forms `%X%` and `$env:X`.
 */
const INTERPOLATION = /\$\{\{[^{}]+\}\}|\$\{[^{}]+\}|\{\{[^{}]+\}\}|\$env:[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|%(?![0-9A-Fa-f]{2}%)[A-Za-z_][A-Za-z0-9_]*%|(?<![\w$])\{[A-Za-z_][A-Za-z0-9_.-]*\}/g;

/** Every interpolation token in a value, in order of appearance, each once. */
export function findInterpolations(value: string): string[] {
  const found: string[] = [];
  for (const match of value.matchAll(INTERPOLATION)) if (!found.includes(match[0])) found.push(match[0]);
  return found;
}

/** True when the value holds at least one interpolation token. */
export function hasInterpolation(value: string): boolean {
  INTERPOLATION.lastIndex = 0;
  const found = INTERPOLATION.test(value);
  INTERPOLATION.lastIndex = 0;
  return found;
}

/**
 * Key names that announce a secret (mcp-formats §3.10), matched anywhere in the name,
 * case-insensitively: `GITHUB_TOKEN`, `X-API-Key`, `--client-secret`, `Authorization`, `Cookie`.
 */
export const SECRET_KEY_NAME = /api[_-]?key|token|secret|passw(?:or)?d|pwd|credential|private[_-]?key|access[_-]?key|client[_-]?secret|cookie|session|auth|mnemonic|(?:seed|recovery)[_-]?(?:phrase|words)/i;

/**
 * Names that match SECRET_KEY_NAME by a word but hold public values: OAuth client metadata (a client
 * id, redirect URIs, scopes, the token endpoint's auth method, an issuer or audience; mcp-remote's
 * `--static-oauth-client-metadata`), where to find a secret (`TOKEN_FILE`, `SECRET_NAME`,
 * `API_KEY_ENV`) and words such as `author`. A literal under them is a secret only when it has a
 * credential's own shape (`ghp_...`), never for its randomness alone: `--oauth-client-id 0oa8f2...`
 * and `GOOGLE_OAUTH_CLIENT_ID` are not reported, `--client-secret` and a `client_secret` inside
 * `--static-oauth-client-info` JSON still are. `SECRET_ID` (a Vault AppRole secret) and `AUTH_HEADER`
 * (often the header's value) stay secret names.
 */
const PUBLIC_KEY_NAME = /(?:client[_-]?id|client[_-]?metadata|redirect[_-]?ur[il]s?|callback[_-]?ur[il]s?|scopes?|audience|issuer|tenant[_-]?id|client[_-]?name|grant[_-]?types?|response[_-]?types?|(?:auth|token)[_-]?(?:url|uri|endpoint|type|method|mode|provider|host|server|domain|header[_-]?name|scheme|timeout)|auth[_-]?methods?|(?:key|token)[_-]?(?:id|name|file|path|env|var|ref|length|expiry|expires[_-]?in)|(?:secret|password)[_-]?(?:name|file|path|env|var|ref|length)|author(?:ity|ization[_-]?(?:url|endpoint))?)$/i;

/** A key name under which a literal high-entropy value is a secret. */
export function isSecretKeyName(name: string): boolean {
  return SECRET_KEY_NAME.test(name) && !PUBLIC_KEY_NAME.test(name);
}

/** URL query parameter names that carry a credential besides the secret-named ones: `?key=`, `?sig=` (signed URLs), Azure API Management's `?subscription-key=`. */
const CREDENTIAL_PARAMETER = /^(?:key|sig|signature|pass|pw|subscription-key)$/i;

/**
 * Whether a URL query parameter named `name` on `host` carries a credential: a secret's name
 * (`api_key`, `access_token`, `auth`), `key`, `sig`, `signature`, `pass`, `pw`, or a host's own
 * credential parameter (Azure Functions' `code`, HOSTED_MCP_URL_SHAPES).
 */
export function isCredentialParameterName(name: string, host: string): boolean {
  return isSecretKeyName(name) || CREDENTIAL_PARAMETER.test(name) || hostedParameterShape(name, host) !== undefined;
}

function hostedParameterShape(name: string, host: string) {
  return HOSTED_MCP_URL_SHAPES.find((shape) => shape.parameter?.test(name) && shape.host.test(host));
}

const PLACEHOLDER_PREFIX = /^(?:your|my|insert|enter|replace|changeme|placeholder|example|sample|dummy|test|todo)[-_ ]/i;
const PLACEHOLDER_WORD = /^(?:your|my|insert|enter|replace|changeme|change[-_]?me|placeholder|example|sample|dummy|test|todo|none|null|undefined|redacted|secret|password|token|xxx+)$/i;
const PLACEHOLDER_PART = /YOUR_|_HERE|<[^<>]*>|\[[^[\]]*\]|xxx|\*\*\*|…|\.\.\.|REDACTED/i;

/**
 * A value that stands for a secret without being one (mcp-formats §3.10): empty, `YOUR_API_KEY`,
 * `ghp_xxx`, `<token>`, `[REDACTED]`, `changeme`, `sk-...`, a single repeated character, or anything
 * holding an interpolation token.
 */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  if (PLACEHOLDER_PREFIX.test(trimmed) || PLACEHOLDER_WORD.test(trimmed) || PLACEHOLDER_PART.test(trimmed)) return true;
  if (/^(.)\1*$/su.test(trimmed)) return true;
  return hasInterpolation(trimmed);
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = [...value].length;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

interface TokenRule {
  kind: string;
  pattern: RegExp;
  /** Rejects matches that have the token's shape but are plainly not one (package names, prose). */
  plausible?: (token: string) => boolean;
}

/** Words joined by hyphens (`sk-learn-mcp-server`): a name, not a key. */
const notKebabWords = (token: string): boolean => !/^[a-z]{1,15}(?:-[a-z]{1,15})+$/.test(token.replace(/^[a-z]+[-_]/, ''));

/**
 * High-confidence token shapes, most specific first (so `sk-ant-` is an Anthropic key, not an
 * OpenAI one, and `Bearer eyJ...` a JWT). Left boundaries keep `task-...` from reading as `sk-...`.
 */
const TOKEN_RULES: TokenRule[] = [
  { kind: 'private-key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----(?:[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----|[\s\S]*)/g },
  { kind: 'github-token', pattern: /(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g },
  { kind: 'gitlab-token', pattern: /(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,}/g, plausible: notKebabWords },
  { kind: 'anthropic-key', pattern: /(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{20,}/g },
  // Zapier AI Actions keys (`sk-ak-...`), before the OpenAI shape that they would otherwise match.
  { kind: 'zapier-mcp-key', pattern: /(?<![A-Za-z0-9])sk-ak-[A-Za-z0-9]{20,}/g },
  { kind: 'firecrawl-key', pattern: /(?<![A-Za-z0-9-])fc-[0-9a-f]{32}(?![0-9a-f])/g },
  { kind: 'tavily-key', pattern: /(?<![A-Za-z0-9-])tvly-(?:dev-|prod-)?[A-Za-z0-9_-]{20,}/g, plausible: notKebabWords },
  { kind: 'apify-token', pattern: /(?<![A-Za-z0-9])apify_api_[A-Za-z0-9]{30,}/g },
  { kind: 'context7-key', pattern: /(?<![A-Za-z0-9-])ctx7sk-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])/g },
  { kind: 'stripe-key', pattern: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { kind: 'openai-key', pattern: /(?<![A-Za-z0-9-])sk-(?:proj-)?[A-Za-z0-9_-]{20,}/g, plausible: notKebabWords },
  { kind: 'aws-access-key', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])/g },
  { kind: 'google-api-key', pattern: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g },
  { kind: 'slack-token', pattern: /(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,}/g, plausible: notKebabWords },
  { kind: 'huggingface-token', pattern: /(?<![A-Za-z0-9])hf_[A-Za-z0-9]{30,}/g },
  { kind: 'npm-token', pattern: /(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36,}/g },
  { kind: 'sendgrid-key', pattern: /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g },
  // The path of a Slack webhook is its secret; the host stays visible.
  { kind: 'slack-webhook', pattern: /(?<=hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]{20,}/g },
  // Azure connection strings (storage, Service Bus, Event Hubs): the key after its name.
  { kind: 'azure-key', pattern: /(?<=(?:AccountKey|SharedAccessKey)=)[A-Za-z0-9+/]{20,}={0,2}/g },
  { kind: 'jwt', pattern: /(?<![A-Za-z0-9_-])eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/g },
];

/** `scheme://user:password@`: the password is group 1. */
const URL_USERINFO = /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s/:@]+:([^\s/@]+)@/gi;
const BEARER = /\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)/gi;
const BASIC = /\bBasic\s+([A-Za-z0-9+/]{8,}=*)/gi;

/** Cheap first look: every pattern above needs one of these; most values have none. */
const MAYBE_TOKEN = /gh[pousr]_|github_pat_|glpat-|sk-|fc-|tvly-|apify_api_|ctx7sk-|[sr]k_(?:live|test)_|A[KS]IA|AIza|xox[abprs]-|hf_|npm_|SG\.|AccountKey=|SharedAccessKey=|PRIVATE KEY|eyJ|:\/\/|bearer|basic/i;

/** Names that hold a password as such: any literal under them is one, however guessable (`DB_PASSWORD`, `--password`, `redisPassword`). */
const PASSWORD_KEY_NAME = /(?:passw(?:or)?d|pwd|passphrase)$/i;

/**
 * Finds every secret in a value: token shapes, and in URLs userinfo, hosted MCP path keys and
 * credential-named query parameters; with a secret-named key, also a random-looking literal.
 */
export function findSecrets(value: string, keyName?: string): SecretMatch[] {
  const keyed = keyName !== undefined && isSecretKeyName(keyName);
  if (!keyed && !MAYBE_TOKEN.test(value)) return [];
  const found: SecretMatch[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.end && end > f.start);
  const add = (kind: string, start: number, end: number, candidate: string) => {
    if (taken(start, end) || isPlaceholder(candidate)) return;
    found.push({ kind, start, end });
  };

  for (const rule of TOKEN_RULES) {
    for (const match of value.matchAll(rule.pattern)) {
      if (rule.plausible && !rule.plausible(match[0])) continue;
      add(rule.kind, match.index, match.index + match[0].length, match[0]);
    }
  }
  for (const match of value.matchAll(URL_USERINFO)) {
    const password = match[1]!;
    const start = match.index + match[0].length - 1 - password.length;
    add('url-credentials', start, start + password.length, password);
  }
  const urls = urlsIn(value);
  for (const url of urls) for (const secret of secretsInUrl(value, url)) add(secret.kind, secret.start, secret.end, value.slice(secret.start, secret.end));
  for (const match of value.matchAll(BEARER)) {
    const token = match[1]!;
    if (!notKebabWords(token)) continue;
    const start = match.index + match[0].length - token.length;
    add('bearer-token', start, start + token.length, token);
  }
  for (const match of value.matchAll(BASIC)) {
    const encoded = match[1]!;
    // Only a real user:password pair counts; `Basic authentication` is prose. Default pairs such
    // as admin:admin are credentials all the same.
    if (!decodesToCredentials(encoded)) continue;
    const start = match.index + match[0].length - encoded.length;
    if (!taken(start, start + encoded.length)) found.push({ kind: 'basic-auth', start, end: start + encoded.length });
  }
  if (found.length === 0 && keyed) {
    // `Token abc...` / `ApiKey abc...` under an Authorization-like key: the credential is the last word.
    const scheme = /^([A-Za-z][\w-]*\s+)(\S+)$/.exec(value.trim());
    const offset = value.length - value.trimStart().length;
    if (scheme && !hasInterpolation(value) && isHighEntropySecret(scheme[2]!)) {
      const start = offset + scheme[1]!.length;
      found.push({ kind: 'high-entropy-secret', start, end: start + scheme[2]!.length });
    } else if (isHighEntropySecret(value)) {
      found.push({ kind: 'high-entropy-secret', start: 0, end: value.length });
    } else if (isRecoveryPhrase(value)) {
      found.push({ kind: 'wallet-recovery-phrase', start: 0, end: value.length });
    } else if (PASSWORD_KEY_NAME.test(keyName!) && isLiteralPassword(value)) {
      found.push({ kind: 'password', start: 0, end: value.length });
    }
  }
  for (const match of found) {
    const part = urls.length > 0 ? urlPartAt(value, urls, match.start) : undefined;
    if (part) match.part = part;
  }
  return found.sort((a, b) => a.start - b.start);
}

/** A URL in a value, by the offsets of its parts (each part runs to the next; absent parts are empty). */
interface UrlSpan {
  start: number;
  /** After `://`. */
  authority: number;
  /** After the userinfo's `@` (equals `authority` when there is none). */
  host: number;
  path: number;
  /** At the `?` (equals `fragment` when there is no query). */
  query: number;
  /** At the `#` (equals `end` when there is no fragment). */
  fragment: number;
  end: number;
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s"'<>`]+/gi;

/** Every URL written in a value (whole values and URLs inside arguments, JSON or prose). */
function urlsIn(value: string): UrlSpan[] {
  const spans: UrlSpan[] = [];
  for (const match of value.matchAll(URL_IN_TEXT)) {
    const start = match.index;
    const end = start + match[0].length;
    const authority = value.indexOf('://', start) + 3;
    let path = authority;
    while (path < end && !'/?#'.includes(value[path]!)) path++;
    const at = value.lastIndexOf('@', path - 1);
    const host = at >= authority ? at + 1 : authority;
    const hash = value.indexOf('#', path);
    const fragment = hash >= 0 && hash < end ? hash : end;
    const mark = value.indexOf('?', path);
    const query = mark >= 0 && mark < fragment ? mark : fragment;
    spans.push({ start, authority, host, path, query, fragment, end });
  }
  return spans;
}

/**
 * Credentials in one URL beyond `user:password@` (found by URL_USERINFO) and token shapes: a lone user
 * name that is a random token (`https://<token>@host`), the credential segment of a hosted MCP
 * platform's path (HOSTED_MCP_URL_SHAPES), and the values of credential-named query parameters.
 */
function secretsInUrl(value: string, url: UrlSpan): SecretMatch[] {
  const out: SecretMatch[] = [];
  if (url.host > url.authority) {
    const userinfo = value.slice(url.authority, url.host - 1);
    if (!userinfo.includes(':') && userinfo.length >= 16 && isHighEntropySecret(decodeUrlComponent(userinfo))) {
      out.push({ kind: 'url-credentials', start: url.authority, end: url.host - 1 });
    }
  }
  const hostText = value.slice(url.host, url.path).replace(/:\d*$/, '').toLowerCase();
  const path = value.slice(url.path, url.query);
  const shapes = HOSTED_MCP_URL_SHAPES.filter((shape) => shape.host.test(hostText));
  for (const shape of shapes) {
    if (!shape.path) continue;
    const match = new RegExp(shape.path.source, `${shape.path.flags}d`).exec(path);
    const at = match?.indices?.groups?.secret;
    if (!at) continue;
    const segment = decodeUrlComponent(path.slice(at[0], at[1]));
    if (segment.length >= 8 && !isPlaceholder(segment)) out.push({ kind: shape.kind, start: url.path + at[0], end: url.path + at[1] });
  }
  let at = url.query + 1;
  while (at < url.fragment) {
    let next = value.indexOf('&', at);
    if (next < 0 || next > url.fragment) next = url.fragment;
    const eq = value.indexOf('=', at);
    if (eq > at && eq < next) {
      const name = decodeUrlComponent(value.slice(at, eq));
      if (isCredentialParameterName(name, hostText) && isParameterCredential(decodeUrlComponent(value.slice(eq + 1, next)))) {
        out.push({ kind: hostedParameterShape(name, hostText)?.kind ?? 'high-entropy-secret', start: eq + 1, end: next });
      }
    }
    at = next + 1;
  }
  return out;
}

/**
 * A literal under a credential-named query parameter. Looser than isHighEntropySecret: keys in URLs
 * are often hex or UUIDs (`?exaApiKey=<uuid>`, `?key=<32 hex>`), whose entropy can fall under 3.5 bits;
 * letters mixed with digits over 12 characters are enough there. Words (`?token_type=bearer`,
 * `?auth=oauth2`), placeholders and interpolations are not.
 */
function isParameterCredential(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 12 || isPlaceholder(trimmed) || /\s/.test(trimmed) || isUrlValue(trimmed) || isPathValue(trimmed)) return false;
  if (/^[a-z]+\d*(?:[-_.][a-z]+\d*)*$/i.test(trimmed)) return false;
  return (/\d/.test(trimmed) && /[a-z]/i.test(trimmed)) || shannonEntropy(trimmed) >= 3.5;
}

/** Where `offset` sits in the URL that holds it, for the report (never the value). */
function urlPartAt(value: string, urls: UrlSpan[], offset: number): string | undefined {
  const url = urls.find((u) => offset >= u.start && offset < u.end);
  if (!url || offset < url.authority) return undefined;
  if (offset < url.host) return 'userinfo';
  if (offset < url.path) return 'host';
  if (offset < url.query) return 'path';
  if (offset >= url.fragment) return 'fragment';
  const pairStart = value.lastIndexOf('&', offset) >= url.query ? value.lastIndexOf('&', offset) + 1 : url.query + 1;
  const eq = value.indexOf('=', pairStart);
  const name = eq >= 0 && eq < offset ? decodeUrlComponent(value.slice(pairStart, eq)) : '';
  // The name is shown, so only a plain one: a name that is itself odd or secret-shaped stays unnamed.
  return /^[A-Za-z][\w.-]{0,39}$/.test(name) && !TOKEN_RULES.some((rule) => new RegExp(rule.pattern.source).test(name)) ? `query parameter "${name}"` : 'query';
}

/**
 * A literal under a password's name: four characters or more, and not a placeholder, path, URL,
 * boolean, prose, or code that reads one (`process.env.DB_PASSWORD`, `config.db.password`).
 */
function isLiteralPassword(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length >= 4 && !isPlaceholder(trimmed) && !/\s/.test(trimmed) && !/^(?:true|false|yes|no|on|off|null|none)$/i.test(trimmed)
    && !isUrlValue(trimmed) && !isPathValue(trimmed)
    && !/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(trimmed);
}

/** `scheme://...`, leading white space allowed. */
export function isUrlValue(value: string): boolean {
  return /^\s*[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

/** A file path: absolute, home- or dot-relative, or a Windows drive path. */
function isPathValue(value: string): boolean {
  return /^(?:~|\.{1,2})?[\\/]|^[A-Za-z]:[\\/]/.test(value);
}

/** `X-API-Key: value`: a header written as one string, as in `--header=x-api-key: V`. */
const HEADER_LINE = /^(\s*([A-Za-z][\w-]*)\s*:\s*)(\S[\s\S]*)$/;

/**
 * Secrets in a command-line argument's value, which may carry its own key: a header line (`x-api-key: V`,
 * the value judged under the header's name) or JSON (`{"apiKey":"V"}`, each string under its key, its
 * span where it is written). Otherwise the value is judged under `keyName` (the flag before it).
 */
export function findSecretsInArgument(value: string, keyName?: string): SecretMatch[] {
  const header = HEADER_LINE.exec(value);
  if (header && !isUrlValue(value) && isSecretKeyName(header[2]!)) {
    return findSecrets(header[3]!, header[2]).map((m) => ({ ...m, start: m.start + header[1]!.length, end: m.end + header[1]!.length }));
  }
  const inJson = secretsInJson(value);
  return inJson ?? findSecrets(value, keyName);
}

/**
 * Secrets in JSON, or undefined when the value is not JSON, or nests too deep to be walked (it is then
 * judged as a plain string, where credentials of a known shape are still found).
 */
function secretsInJson(value: string): SecretMatch[] | undefined {
  // A JSON argument copied with its shell quotes (`'{"client_id":"..."}'`) is still JSON.
  const quoted = /^\s*'([{[][\s\S]*[}\]])'\s*$/.exec(value);
  const trimmed = quoted ? quoted[1]! : value.trim();
  if (!/^[{[]/.test(trimmed) || trimmed.length > 1_000_000 || jsonNestingTooDeepAt(trimmed) >= 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  const found: SecretMatch[] = [];
  const visit = (node: unknown, key: string | undefined): void => {
    if (typeof node === 'string') {
      const kind = findSecretsInArgument(node, key)[0]?.kind;
      if (kind === undefined) return;
      const written = JSON.stringify(node).slice(1, -1);
      for (let at = value.indexOf(written); at >= 0; at = value.indexOf(written, at + 1)) {
        if (!found.some((f) => f.start === at)) found.push({ kind, start: at, end: at + written.length });
      }
    } else if (Array.isArray(node)) {
      for (const item of node) visit(item, key);
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) visit(v, k);
    }
  };
  visit(parsed, undefined);
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The kind of the first secret in a value, or undefined. `keyName` is the env var, header, flag or
 * setting the value belongs to; a secret-looking name makes a literal high-entropy value a secret.
 */
export function detectSecret(value: string, keyName?: string): { kind: string } | undefined {
  const first = findSecrets(value, keyName)[0];
  return first ? { kind: first.kind } : undefined;
}

/**
 * The value with every secret replaced by `replacement`, and the kinds found. Whole-value secrets
 * (secret-named keys) replace the whole value.
 */
export function redactSecrets(value: string, keyName: string | undefined, replacement: string): { value: string; kinds: string[]; matches: SecretMatch[] } {
  const matches = findSecrets(value, keyName);
  if (matches.length === 0) return { value, kinds: [], matches };
  let out = '';
  let at = 0;
  for (const match of matches) {
    out += value.slice(at, match.start) + replacement;
    at = match.end;
  }
  out += value.slice(at);
  return { value: out, kinds: matches.map((m) => m.kind), matches };
}

/**
 * A BIP-39 wallet recovery phrase under a secret-named key (SEED_PHRASE, MNEMONIC): 12 to 24 lower-case
 * words, a multiple of three. Words are prose to the entropy test, so it needs its own shape; it holds
 * the whole wallet, so it is a secret like a private key.
 */
function isRecoveryPhrase(value: string): boolean {
  const words = value.trim().split(/\s+/);
  return words.length >= 12 && words.length <= 24 && words.length % 3 === 0 && words.every((w) => /^[a-z]{3,8}$/.test(w));
}

/** A literal value that looks random enough to be a credential (length >= 12, entropy >= 3.5). */
function isHighEntropySecret(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 12 || isPlaceholder(trimmed)) return false;
  // Not credentials: URLs without userinfo, file paths, prose, and identifier-like names
  // (`oauth2-client-credentials`, `session_timeout_ms`) that merely sit under a secret-named key.
  if (isUrlValue(trimmed) || isPathValue(trimmed)) return false;
  if (/\s/.test(trimmed)) return false;
  if (/^[a-z]+\d*(?:[-_.][a-z]+\d*)+$/i.test(trimmed)) return false;
  return shannonEntropy(trimmed) >= 3.5;
}

function decodesToCredentials(encoded: string): boolean {
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  return /^[\x20-\x7e]+$/.test(text) && /^[^:]+:.+$/.test(text);
}

/**
 * A copy of a JSON value with every secret in every string replaced (each string judged under the key
 * it sits at). For evidence whose content is free text from elsewhere, such as tool snapshots.
 */
export function redactSecretsDeep<T>(value: T, replacement: string, keyName?: string): T {
  if (typeof value === 'string') return redactSecrets(value, keyName, replacement).value as T;
  if (Array.isArray(value)) return value.map((v) => redactSecretsDeep(v, replacement, keyName)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecretsDeep(v, replacement, k)])) as T;
  }
  return value;
}
