/**
 * The GitHub REST client of the collector: Octokit with the throttling and retry plugins (see
 * reference/library-notes.md §B2), ETag conditional requests, and a record of every HTTP exchange.
 *
 * - 5xx and network failures are retried `retries` times with a growing backoff (plugin-retry).
 * - Primary (403/429, `x-ratelimit-remaining: 0`) and secondary (`retry-after`) rate limits are
 *   waited out as GitHub asks and retried twice (plugin-throttling), when GitHub asks for at most
 *   `maxRetryWaitMs`. A longer wait, or a call still refused after the retries, stops all calls until
 *   the time GitHub named: the rest fail at once (GitHub asks not to retry before then, and waiting
 *   minutes on every call of an organisation is no use).
 * - Each attempt, its answer's body included, has `requestTimeoutMs` (an answer that trickles fails
 *   instead of stalling the run) and at most `maxAnswerBytes`; all calls of the client together have
 *   `deadlineMs`, after which the rest fail at once.
 * - Redirects are followed only within the API's origin, so the token never goes elsewhere; an answer
 *   that echoes the token back has it replaced before anything keeps it; a 2xx that is not JSON is a
 *   failure, never an empty fact.
 * - Writes (`send`: POST/PATCH/PUT/DELETE) get the same retries, one at a time, at least
 *   `minWriteIntervalMs` apart (GitHub's advice against secondary rate limits); a 4xx is never retried.
 * - A GET whose answer had an ETag is sent again with `If-None-Match`; a 304 reuses the stored body.
 * - Every exchange becomes a `CallRecord` and, with `log`, one line:
 *   `github: GET /repos/{owner}/{repo} 200 (rate limit 4987 left)`. Only route templates are
 *   written: never parameter or query values, headers, or the token.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { PACKAGE_VERSION } from '../../lib/package-root.js';
import { EtagCache } from './etag-cache.js';
import type { CallRecord } from './model.js';

export interface GitHubClientOptions {
  /** API base URL: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
  apiUrl: string;
  token?: string;
  /** Longest wait before one retry (GitHub may ask for more); also scales the 5xx backoff. Default 60 s. */
  maxRetryWaitMs?: number;
  /** Retries of a 5xx or network failure. Default 3. */
  retries?: number;
  /** Shared between clients to make a second run conditional; default a new in-memory cache. */
  cache?: EtagCache;
  log?: (message: string) => void;
  /** Least time between the starts of two writes (GitHub asks for a second). Default 1000 ms. */
  minWriteIntervalMs?: number;
  /** Longest one attempt may take, from the request to the last byte of its answer. Default 30 s. */
  requestTimeoutMs?: number;
  /** Longest all calls of this client may take together. Default 30 min. */
  deadlineMs?: number;
  /** Largest answer read. Default 32 MiB. */
  maxAnswerBytes?: number;
}

export type Params = Record<string, string | number>;

/** A write's route parameters and body fields (any JSON). */
export type WriteParams = Record<string, unknown>;

/** Told of each HTTP exchange of a read (retries and 304s included), e.g. to count a repository's calls. */
export type OnCall = (record: CallRecord) => void;

/** A read that failed for good (after retries), with the route template it was for. */
export class GitHubApiError extends Error {
  constructor(
    readonly route: string,
    /** HTTP status; 0 when no answer came (network). */
    readonly status: number,
    message: string,
    /** A 403/429 of an exhausted rate limit, not of a missing permission. */
    readonly rateLimited: boolean,
  ) {
    super(message);
    this.name = 'GitHubApiError';
  }
}

export interface GitHubClient {
  /** One GET, e.g. `get('GET /repos/{owner}/{repo}', { owner, repo })`; throws GitHubApiError. */
  get<T>(route: string, params?: Params, onCall?: OnCall): Promise<T>;
  /** Every page of a list, following `Link: rel="next"`. */
  getAll<T>(route: string, params?: Params, onCall?: OnCall): Promise<T[]>;
  /**
   * One write, e.g. `send('POST /repos/{owner}/{repo}/statuses/{sha}', { owner, repo, sha, state })`:
   * parameters the route does not name go in the JSON body. Throws GitHubApiError.
   */
  send<T>(route: string, params?: WriteParams, onCall?: OnCall): Promise<T>;
  readonly calls: readonly CallRecord[];
  /** The latest `x-ratelimit-remaining` GitHub sent (GitHub Enterprise Server may send none). */
  rateLimitRemaining(): number | undefined;
}

export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_DEADLINE_MS = 30 * 60_000;
const DEFAULT_MAX_ANSWER_BYTES = 32 * 1024 * 1024;
const MAX_REDIRECTS = 5;
/** What an echoed token is replaced with. */
export const TOKEN_REPLACEMENT = '[token]';
const DEFAULT_MIN_WRITE_INTERVAL_MS = 1000;
const DEFAULT_RETRIES = 3;
const RATE_LIMIT_RETRIES = 2;
/** A runaway `Link` chain stops here (100,000 items at 100 a page). */
const MAX_PAGES = 1000;
/** plugin-retry's list plus 409 (an empty repository's tree) and 429 (the throttling plugin's to handle). */
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];
/** Octokit's own logger prints full URLs to stdout; the request log below replaces it. */
const SILENT = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
/**
 * plugin-throttling queues every request of the process in one shared group, 10 at a time (its
 * `global` state, which options may replace). The collector's pool already bounds concurrency, so
 * requests pass straight through; were the option ever ignored, the plugin's cap of 10 would apply.
 */
const UNQUEUED = { key: () => ({ schedule: (_job: unknown, task: (...args: unknown[]) => unknown, ...args: unknown[]) => task(...args) }) };
/**
 * The plugin's own write pacing (1 s, 3 s for notifying routes such as comments) is shared by the whole
 * process and cannot be shortened for tests; `send` paces writes itself (`minWriteIntervalMs`).
 */
const UNPACED = { write: UNQUEUED, notifications: UNQUEUED };

/** What our hook reads from a request's `request` options (set by `get`/`getAll`). */
interface Exchange {
  route?: string;
  onCall?: OnCall;
}

type Headers = Record<string, string | number | undefined>;

interface HttpError {
  status?: number;
  message?: string;
  response?: { status: number; url: string; headers: Headers; data: unknown };
}

/** What of Octokit the hook uses (a plugin gets the full instance). */
type HookHost = Pick<Octokit, 'hook' | 'request'>;

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  const maxWait = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const calls: CallRecord[] = [];
  const gauge = new RateLimitGauge();
  const cache = options.cache ?? new EtagCache();
  const record = (entry: CallRecord, headers: Headers | undefined, onCall?: OnCall, failure?: string) => {
    gauge.update(headers);
    calls.push(entry);
    onCall?.(entry);
    options.log?.(logLine(entry, gauge.remaining, failure));
  };
  const GitHubOctokit = Octokit.plugin(conditionalRequests(cache, options.token, record), throttling, retry);
  const deadline = Date.now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  /** No call before this time, and why: GitHub asked for a wait longer than we make calls wait. */
  let paused = { until: 0, why: '' };
  const onLimit = (kind: 'rate limit' | 'secondary rate limit') => async (retryAfter: number, request: { method: string; url: string; request?: unknown }, _octokit: unknown, retryCount: number) => {
    const route = routeOf(request, apiUrl);
    const waitMs = retryAfter * 1000;
    if (retryCount >= RATE_LIMIT_RETRIES || waitMs > maxWait) {
      paused = { until: Math.max(paused.until, Date.now() + waitMs), why: kind === 'rate limit' ? 'the primary rate limit is exhausted' : 'GitHub asked to wait (secondary rate limit)' };
      const given = retryCount >= RATE_LIMIT_RETRIES ? `giving up after ${retryCount} retries` : `GitHub asks to wait ${retryAfter} s, more than ${formatMs(maxWait)}`;
      options.log?.(`github: ${kind} on ${route}; ${given}, no calls until ${new Date(paused.until).toISOString()}`);
      return false;
    }
    options.log?.(`github: ${kind} on ${route}; GitHub asks to wait ${retryAfter} s, retrying in ${formatMs(waitMs)}`);
    await sleep(waitMs);
    return true;
  };
  const octokit = new GitHubOctokit({
    baseUrl: apiUrl,
    ...(options.token ? { auth: options.token } : {}),
    userAgent: `mcp-comply/${PACKAGE_VERSION}`,
    log: SILENT,
    // The handlers wait (capped) themselves, so the plugin's own wait is zero.
    throttle: { onRateLimit: onLimit('rate limit'), onSecondaryRateLimit: onLimit('secondary rate limit'), retryAfterBaseValue: 0, ...({ global: UNQUEUED, ...UNPACED } as object) },
    // Backoff is (n+1)² × base: with 3 retries the last wait is 9 × base, kept within the cap.
    retry: { retries, retryAfterBaseValue: Math.min(1000, Math.floor(maxWait / Math.max(1, retries) ** 2)), doNotRetry: DO_NOT_RETRY },
    request: {
      fetch: guardedFetch({
        origin: new URL(apiUrl).origin, token: options.token, deadline,
        timeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, maxBytes: options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES,
      }),
    },
  });

  const notExhausted = (route: string) => {
    if (Date.now() < paused.until) {
      throw new GitHubApiError(route, 403, `not called: ${paused.why} until ${new Date(paused.until).toISOString()}`, true);
    }
    if (Date.now() >= deadline) {
      throw new GitHubApiError(route, 0, `not called: the GitHub calls' time limit (${formatMs(options.deadlineMs ?? DEFAULT_DEADLINE_MS)}) has passed`, false);
    }
  };
  const read = async (route: string, params: Params, onCall: OnCall | undefined, next?: string) => {
    const exchange: Exchange = { route, ...(onCall ? { onCall } : {}) };
    notExhausted(route);
    try {
      return next
        ? await octokit.request({ method: 'GET', url: next, request: exchange })
        : await octokit.request(route, { ...params, request: exchange });
    } catch (error) {
      throw apiError(route, error);
    }
  };
  const writeInterval = options.minWriteIntervalMs ?? DEFAULT_MIN_WRITE_INTERVAL_MS;
  // Writes run one after another: each waits for the previous one to settle and for the interval.
  let lastWrite: Promise<unknown> = Promise.resolve();
  let lastWriteStart = -Infinity;
  const write = (route: string, params: WriteParams, onCall: OnCall | undefined) => {
    const exchange: Exchange = { route, ...(onCall ? { onCall } : {}) };
    const turn = lastWrite.catch(() => undefined).then(async () => {
      const wait = lastWriteStart + writeInterval - Date.now();
      if (wait > 0) await sleep(wait);
      notExhausted(route);
      lastWriteStart = Date.now();
      try {
        return await octokit.request(route, { ...params, request: exchange });
      } catch (error) {
        throw apiError(route, error);
      }
    });
    lastWrite = turn;
    return turn;
  };
  return {
    calls,
    rateLimitRemaining: () => gauge.remaining,
    get: async <T>(route: string, params: Params = {}, onCall?: OnCall) => json<T>(route, await read(route, params, onCall)),
    send: async <T>(route: string, params: WriteParams = {}, onCall?: OnCall) => json<T>(route, await write(route, params, onCall)),
    getAll: async <T>(route: string, params: Params = {}, onCall?: OnCall) => {
      const page = (response: { status: number; data: unknown }) => {
        const data = json<T[]>(route, response);
        if (!Array.isArray(data)) throw new GitHubApiError(route, response.status, 'the answer is not a list', false);
        return data;
      };
      let response = await read(route, params, onCall);
      const items = [...page(response)];
      for (let pages = 1, next = nextLink(response.headers.link, apiUrl, route); next && pages < MAX_PAGES; pages++) {
        response = await read(route, params, onCall, next);
        items.push(...page(response));
        next = nextLink(response.headers.link, apiUrl, route);
      }
      return items;
    },
  };
}

/**
 * The innermost request hook (a plugin placed before throttling and retry, so it sees every attempt):
 * adds `If-None-Match`, turns a 304 into the stored answer, stores new ETags, and records the exchange.
 */
function conditionalRequests(
  cache: EtagCache, token: string | undefined,
  record: (entry: CallRecord, headers: Headers | undefined, onCall?: OnCall, failure?: string) => void,
) {
  return (octokit: HookHost) => {
    octokit.hook.wrap('request', async (request, options) => {
      const exchange = (options.request ?? {}) as Exchange;
      const method = options.method;
      const route = routeOf(options, options.baseUrl);
      const key = method === 'GET' ? cacheKey(token, octokit.request.endpoint.parse(options).url) : undefined;
      const cached = key ? await cache.get(key) : undefined;
      // Inner hooks (request log, auth) are bound to this same options object, so it is changed in place.
      if (cached) options.headers = { ...options.headers, 'if-none-match': cached.etag };
      try {
        const response = await request(options);
        record({ method, route, status: response.status }, response.headers, exchange.onCall);
        const etag = response.headers.etag;
        if (key && etag) cache.set(key, { etag, data: response.data, ...(response.headers.link ? { link: response.headers.link } : {}) });
        return response;
      } catch (error) {
        const { status, response } = error as HttpError;
        if (status === 304 && cached && response) {
          record({ method, route, status: 304, cached: true }, response.headers, exchange.onCall);
          return { ...response, status: 200, data: cached.data, headers: { ...(cached.link ? { link: cached.link } : {}), ...response.headers } };
        }
        record({ method, route, status: response ? status ?? 0 : 0 }, response?.headers, exchange.onCall, response ? undefined : (error as Error).message);
        throw error;
      }
    });
  };
}

/** The data of a successful answer, which must be JSON (an object or a list), or nothing at all (204). */
function json<T>(route: string, response: { status: number; data: unknown }): T {
  if (response.status === 204 || response.status === 205 || (typeof response.data === 'object' && response.data !== null && !(response.data instanceof ArrayBuffer))) {
    return response.data as T;
  }
  throw new GitHubApiError(route, response.status, `the answer is not JSON (${response.status} with ${typeof response.data === 'string' ? `${response.data.length} characters of text` : 'a binary body'})`, false);
}

interface GuardOptions {
  /** The API's origin: redirects elsewhere are refused. */
  origin: string;
  token: string | undefined;
  /** When all calls must be over (ms since the epoch). */
  deadline: number;
  timeoutMs: number;
  maxBytes: number;
}

/**
 * The fetch Octokit is given: one attempt, its whole answer read within the time left (the attempt's
 * timeout, or the client's deadline if sooner) and the size cap, then handed on from memory, so that
 * Octokit never reads a body that stalls. Octokit turns what this throws into a failed call (status 0).
 */
function guardedFetch(guard: GuardOptions): typeof fetch {
  return async (input, init = {}) => {
    const timeoutMs = Math.max(0, Math.min(guard.timeoutMs, guard.deadline - Date.now()));
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const method = (init.method ?? 'GET').toUpperCase();
    let url = input instanceof Request ? input.url : String(input);
    try {
      for (let hops = 0; ; hops++) {
        const response = await fetch(url, { ...init, redirect: 'manual', signal });
        const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
        if (location === null) return await buffered(response, guard);
        await response.body?.cancel();
        const target = new URL(location, url);
        if (target.origin !== guard.origin) throw new Error(`the answer redirects to ${target.origin}, outside ${guard.origin}: not followed`);
        if (method !== 'GET' && method !== 'HEAD') throw new Error(`the answer to a ${method} redirects: a write is not sent again`);
        if (hops >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
        url = target.href;
      }
    } catch (error) {
      if (timeout.aborted) throw new Error(`no complete answer within ${formatMs(timeoutMs)}`, { cause: error });
      throw error;
    }
  };
}

/** The answer with its body read (at most `maxBytes`), the token replaced wherever the body echoes it. */
async function buffered(response: Response, guard: GuardOptions): Promise<Response> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > guard.maxBytes) throw new Error(`the answer is larger than ${guard.maxBytes} bytes`);
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  const body = guard.token && bytes.includes(guard.token) ? bytes.toString('utf8').replaceAll(guard.token, TOKEN_REPLACEMENT) : bytes;
  const empty = response.status === 204 || response.status === 205 || response.status === 304;
  return new Response(empty ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** GitHub varies ETags by Authorization, so the token's identity is part of the key (hashed, never kept). */
function cacheKey(token: string | undefined, url: string): string {
  return createHash('sha256').update(token ?? '').update('\n').update(url).digest('hex');
}

/** `GET /repos/{owner}/{repo}`: the label given by `get`/`getAll`, else the template without base or query. */
function routeOf(options: { method: string; url: string; request?: unknown }, baseUrl: string): string {
  return (options.request as Exchange | undefined)?.route ?? `${options.method} ${options.url.replace(baseUrl, '').split('?')[0]}`;
}

function apiError(route: string, error: unknown): GitHubApiError {
  const e = error as HttpError;
  if (typeof e?.status !== 'number') throw error; // not an HTTP failure: a bug, let it surface
  const status = e.response ? e.status : 0;
  const headers = e.response?.headers ?? {};
  const message = githubMessage(e.response?.data) ?? e.message ?? 'no answer';
  const rateLimited = (status === 403 || status === 429) && (String(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test(message));
  return new GitHubApiError(route, status, message, rateLimited);
}

/** GitHub's own `message`, without the documentation URL Octokit appends. */
function githubMessage(data: unknown): string | undefined {
  const message = (data as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/** The `rel="next"` link, refused if it leaves the API's origin (the token must not follow it elsewhere). */
function nextLink(link: string | undefined, apiUrl: string, route: string): string | undefined {
  const next = link?.match(/<([^<>]+)>;\s*rel="next"/)?.[1];
  if (next && new URL(next).origin !== new URL(apiUrl).origin) {
    throw new GitHubApiError(route, 0, `the next page's link leaves ${new URL(apiUrl).origin}`, false);
  }
  return next;
}

function logLine(entry: CallRecord, remaining: number | undefined, failure: string | undefined): string {
  const status = entry.status === 0 ? `no answer (${failure ?? 'network error'})` : `${entry.status}${entry.cached ? ' cached' : ''}`;
  return `github: ${entry.route} ${status}${remaining === undefined ? '' : ` (rate limit ${remaining} left)`}`;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/** The remaining rate limit of the newest window seen (answers of concurrent calls arrive out of order). */
class RateLimitGauge {
  remaining: number | undefined;
  private reset = 0;

  update(headers: Headers | undefined): void {
    const remaining = Number(headers?.['x-ratelimit-remaining'] ?? NaN);
    const reset = Number(headers?.['x-ratelimit-reset'] ?? 0);
    if (!Number.isFinite(remaining)) return;
    if (this.remaining === undefined || reset > this.reset || (reset === this.reset && remaining < this.remaining)) {
      this.remaining = remaining;
      this.reset = reset;
    }
  }
}
