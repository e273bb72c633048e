/**
 * A fake GitHub REST API on 127.0.0.1 (node:http, port 0) for the GitHub collector's tests and bench:
 * an in-memory organisation whose repositories' settings are data, `Link` pagination, ETags with 304
 * on `If-None-Match` (not counted against the rate limit), injectable faults and latency. Every
 * request is recorded with its headers, the token's value replaced, so a test can assert how the
 * token was sent without the record holding it.
 *
 * For `github check` it also takes writes: check runs (created, then updated with appended annotations,
 * at most 50 a request as GitHub allows), commit statuses and pull-request comments, kept in `fake.written`;
 * `personalToken` makes check-run creation answer 403 as it does for a token that is not a GitHub App's.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export interface FakeRepo {
  name: string;
  /** Defaults to the organisation. */
  owner?: string;
  defaultBranch?: string;
  visibility?: 'public' | 'private' | 'internal';
  archived?: boolean;
  /** Classic protection of the default branch; absent or null: "Branch not protected". */
  classic?: { reviews?: number; enforceAdmins?: boolean } | null;
  /** Rules that rulesets apply to the default branch, as GET /rules/branches/{b} returns them. */
  rules?: Array<{ type: string; parameters?: Record<string, unknown> }>;
  /** Open Dependabot alerts by severity, or alerts switched off. */
  dependabot?: 'disabled' | Partial<Record<Severity, number>>;
  secretScanning?: { enabled: boolean; pushProtection?: boolean };
  workflowDefault?: 'read' | 'write';
  /** Files on the default branch, e.g. `SECURITY.md`, `.github/CODEOWNERS`, `docs/CODEOWNERS`. */
  files?: string[];
  /** False: the token is no admin here (protection 404 Not Found, workflow 403, no security_and_analysis). */
  admin?: boolean;
  /** 403 on the branch protection endpoint only. */
  forbidProtection?: boolean;
  /** Every call under /repos/{owner}/{name} answers 500. */
  broken?: boolean;
  /** Pull requests, for GET /repos/{o}/{r}/commits/{sha}/pulls (those whose head is the commit). */
  pulls?: Array<{ number: number; head: string; state?: 'open' | 'closed' }>;
}

export interface FakeOrg {
  login: string;
  /** False: the token's user is a member, not an owner (no 2FA / default permission fields, org workflow 403). */
  owner?: boolean;
  twoFactorRequired?: boolean;
  defaultRepositoryPermission?: string;
  workflowDefault?: 'read' | 'write';
}

export interface FakeOptions {
  org: FakeOrg;
  repos: FakeRepo[];
  /** When set, a request with another token gets 401; one without a token is anonymous (no owner, no admin). */
  token?: string;
  /** Delay before every answer, for the bench. */
  latencyMs?: number;
  /** Path prefix of the API, e.g. `/api/v3` as on GitHub Enterprise Server. */
  prefix?: string;
  /** Requests an hour (x-ratelimit-limit), 5,000 as for a personal token. Not enforced: at 0 the answers just say so. */
  rateLimit?: number;
  /** The token is a person's, not a GitHub App's: creating a check run answers 403. */
  personalToken?: boolean;
  /** Creating a commit status answers 403 (a token without `statuses: write`). */
  forbidStatuses?: boolean;
  /** Creating or editing a pull-request comment answers 403 (a token without `pull-requests: write`). */
  forbidComments?: boolean;
}

/** A check run as the fake holds it after its create and updates: the last fields sent, annotations appended. */
export interface FakeCheckRun {
  id: number;
  repo: string;
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  details_url?: string;
  output?: { title?: string; summary?: string; text?: string };
  annotations: Array<Record<string, unknown>>;
}

export interface FakeComment {
  id: number;
  repo: string;
  issue: number;
  body: string;
  /** Bodies before each edit. */
  edits: string[];
}

/** What the writes left behind. */
export interface FakeWritten {
  checkRuns: FakeCheckRun[];
  statuses: Array<{ repo: string; sha: string; state: string; context?: string; description?: string; target_url?: string }>;
  comments: FakeComment[];
}

/**
 * `primary-rate-limit` resets a second later, `primary-rate-limit-hour` an hour later;
 * `secondary-rate-limit-long` asks to wait 6 minutes; `trickle` sends a 200's headers, then one byte of
 * its body every 200 ms (for a minute at most); `redirect` answers 302 to the location given with
 * `failOnce`; `reflect-token` answers 200, and `reflect-token-403` 403, with the Authorization header it
 * got in the body's message; `not-json` answers 200 with an HTML page; `empty-json` answers 201 `{}`.
 */
export type Fault = 502 | 'secondary-rate-limit' | 'secondary-rate-limit-long' | 'primary-rate-limit' | 'primary-rate-limit-hour'
  | 'trickle' | 'redirect' | 'reflect-token' | 'reflect-token-403' | 'not-json' | 'empty-json';

export interface RecordedRequest {
  method: string;
  /** Path and query, without the prefix. */
  path: string;
  /** Lower-case names; `authorization` reads `token [token]` / `bearer [token]` (or `[other]`), never the value. */
  headers: Record<string, string>;
  status: number;
  /** The JSON body of a write (POST, PATCH, PUT, DELETE); absent on reads. */
  body?: unknown;
}

export interface FakeGitHub {
  /** The API base URL to give the client. */
  apiUrl: string;
  requests: RecordedRequest[];
  /** Most requests in flight at once. */
  maxInFlight: number;
  /** The next request to exactly this path (no prefix, no query) gets the fault, once (call again to queue more). */
  failOnce(path: string, fault: Fault, location?: string): void;
  written: FakeWritten;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';

export async function startFakeGitHub(options: FakeOptions): Promise<FakeGitHub> {
  const prefix = options.prefix ?? '';
  const faults = new Map<string, Array<{ fault: Fault; location?: string }>>();
  const repos = new Map(options.repos.map((r) => [`${r.owner ?? options.org.login}/${r.name}`.toLowerCase(), r]));
  const limit = options.rateLimit ?? 5000;
  let remaining = limit;
  let inFlight = 0;
  const later = (answer: () => void) => (options.latencyMs ? setTimeout(answer, options.latencyMs) : setImmediate(answer));
  const fake: FakeGitHub = {
    apiUrl: '', requests: [], maxInFlight: 0, written: { checkRuns: [], statuses: [], comments: [] },
    failOnce: (path, fault, location) => faults.set(path, [...(faults.get(path) ?? []), { fault, ...(location ? { location } : {}) }]),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };

  const server = http.createServer((req, res) => {
    inFlight++;
    fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
    const method = req.method ?? 'GET';
    const reads = method === 'GET' || method === 'HEAD';
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A read answers at once as before; a write first takes in its body.
    const answer = (body: unknown) => later(() => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
      const record: RecordedRequest = { method, path: `${path}${url.search}`, headers: recordedHeaders(req.headers, options.token), status: 0, ...(reads ? {} : { body }) };
      fake.requests.push(record);
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        const text = JSON.stringify(body);
        const etag = `W/"${createHash('sha256').update(text).digest('hex').slice(0, 32)}"`;
        const notModified = status === 200 && req.headers['if-none-match'] === etag;
        if (!notModified && status !== 304) remaining = Math.max(0, remaining - 1);
        record.status = notModified ? 304 : status;
        res.writeHead(record.status, {
          'content-type': 'application/json; charset=utf-8',
          'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining),
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600), 'x-ratelimit-resource': 'core',
          ...(status === 200 ? { etag } : {}), ...headers,
        });
        res.end(notModified ? undefined : text);
        inFlight--;
      };
      const fault = faults.get(path)?.shift();
      if (fault) return replyFault(fault, reply, { req, res, location: fault.location, done: (status) => { record.status = status; inFlight--; } });
      const who = caller(req.headers.authorization, options.token);
      if (who === 'wrong') return reply(401, { message: 'Bad credentials', documentation_url: DOCS });
      const page = (items: unknown[]) => paginate(items, url, `http://${req.headers.host}${prefix}${path}`, reply);
      route(path, url, { org: options.org, repos, anonymous: who === 'anonymous', reply, page, method, body, options, written: fake.written });
    });
    if (reads) answer(undefined);
    else req.on('end', () => answer(parseBody(Buffer.concat(chunks).toString('utf8'))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
  return fake;
}

type Reply = (status: number, body: unknown, headers?: Record<string, string>) => void;

interface Routing {
  org: FakeOrg;
  repos: Map<string, FakeRepo>;
  anonymous: boolean;
  reply: Reply;
  page: (items: unknown[]) => void;
  method: string;
  body: unknown;
  options: FakeOptions;
  written: FakeWritten;
}

function route(path: string, url: URL, ctx: Routing): void {
  const { org, reply } = ctx;
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const owner = !ctx.anonymous && org.owner !== false;
  if (parts[0] === 'orgs' && parts[1]?.toLowerCase() === org.login.toLowerCase()) {
    if (parts.length === 2) return reply(200, orgJson(org, owner));
    if (parts[2] === 'repos' && parts.length === 3) {
      return ctx.page([...ctx.repos.values()].filter((r) => (r.owner ?? org.login) === org.login).map((r) => repoJson(r, org, !ctx.anonymous && r.admin !== false)));
    }
    if (parts.slice(2).join('/') === 'actions/permissions/workflow') {
      return owner
        ? reply(200, { default_workflow_permissions: org.workflowDefault ?? 'read', can_approve_pull_request_reviews: false })
        : reply(403, { message: 'Must have admin rights to Repository.', documentation_url: DOCS });
    }
  }
  if (parts[0] === 'repos' && parts.length >= 3) {
    const repo = ctx.repos.get(`${parts[1]}/${parts[2]}`.toLowerCase());
    if (repo) return repoRoute(repo, parts.slice(3), url, ctx);
  }
  reply(404, { message: 'Not Found', documentation_url: DOCS });
}

function repoRoute(repo: FakeRepo, rest: string[], url: URL, ctx: Routing): void {
  const { reply, org } = ctx;
  const admin = !ctx.anonymous && repo.admin !== false;
  const branch = repo.defaultBranch ?? 'main';
  const sub = rest.join('/');
  if (repo.broken) return reply(500, { message: 'Server Error' });
  if (ctx.method !== 'GET' || (rest[0] === 'commits' && rest[2] === 'pulls') || (rest[0] === 'issues' && rest[2] === 'comments')) {
    return writeRoute(repo, rest, ctx);
  }
  if (rest.length === 0) return reply(200, repoJson(repo, org, admin));
  if (sub === `branches/${branch}/protection`) {
    if (repo.forbidProtection) return reply(403, { message: 'Resource not accessible by integration', documentation_url: DOCS });
    if (!admin) return reply(404, { message: 'Not Found', documentation_url: DOCS });
    if (!repo.classic) return reply(404, { message: 'Branch not protected', documentation_url: DOCS });
    return reply(200, {
      enforce_admins: { enabled: repo.classic.enforceAdmins ?? false },
      ...(repo.classic.reviews === undefined ? {} : { required_pull_request_reviews: { required_approving_review_count: repo.classic.reviews } }),
    });
  }
  if (sub === `rules/branches/${branch}`) return ctx.page((repo.rules ?? []).map((r, i) => ({ ...r, ruleset_source_type: 'Repository', ruleset_id: i + 1 })));
  if (sub === 'dependabot/alerts') {
    if (!admin) return reply(403, { message: 'Resource not accessible by personal access token', documentation_url: DOCS });
    if (repo.dependabot === 'disabled') return reply(403, { message: 'Dependabot alerts are disabled for this repository.', documentation_url: DOCS });
    return ctx.page(alerts(repo.dependabot ?? {}, url.searchParams.get('state')));
  }
  if (sub === 'actions/permissions/workflow') {
    if (!admin) return reply(403, { message: 'Resource not accessible by personal access token', documentation_url: DOCS });
    return reply(200, { default_workflow_permissions: repo.workflowDefault ?? 'read', can_approve_pull_request_reviews: false });
  }
  if (rest[0] === 'git' && rest[1] === 'trees' && rest.length === 3) {
    const tree = treeOf(repo.files ?? [], rest[2] === branch ? '' : fromTreeSha(rest[2]!));
    return tree ? reply(200, { sha: treeSha(rest[2]!), truncated: false, tree }) : reply(404, { message: 'Not Found', documentation_url: DOCS });
  }
  reply(404, { message: 'Not Found', documentation_url: DOCS });
}

/** Check runs, statuses, pull requests of a commit and their comments (what `github check` uses). */
function writeRoute(repo: FakeRepo, rest: string[], ctx: Routing): void {
  const { reply, method, options, written } = ctx;
  const full = `${repo.owner ?? ctx.org.login}/${repo.name}`;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const notFound = () => reply(404, { message: 'Not Found', documentation_url: DOCS });
  const forbidden = (message: string) => reply(403, { message, documentation_url: DOCS });
  const invalid = (message: string) => reply(422, { message: `Invalid request.\n\n${message}`, documentation_url: DOCS });
  const output = body.output as { annotations?: unknown[] } | undefined;
  const annotations = Array.isArray(output?.annotations) ? output.annotations as Array<Record<string, unknown>> : [];
  // GitHub's limits: 50 annotations a request; columns only on a one-line annotation.
  const badAnnotation = annotations.length > 50 ? 'Only 50 annotations are allowed per request.'
    : annotations.some((a) => (a.start_column !== undefined || a.end_column !== undefined) && a.start_line !== a.end_line)
      ? 'start_column and end_column may only be given when start_line equals end_line.' : undefined;
  const { annotations: _sent, ...outputFields } = output ?? {};
  const runJson = (run: FakeCheckRun) => ({
    id: run.id, name: run.name, head_sha: run.head_sha, status: run.status, conclusion: run.conclusion ?? null,
    html_url: `https://github.example/${full}/runs/${run.id}`, output: { ...run.output, annotations_count: run.annotations.length },
  });

  if (method === 'POST' && rest.join('/') === 'check-runs') {
    if (options.personalToken) return forbidden('You must authenticate via a GitHub App.');
    if (typeof body.name !== 'string' || typeof body.head_sha !== 'string') return invalid('name and head_sha are required.');
    if (badAnnotation) return invalid(badAnnotation);
    const run: FakeCheckRun = {
      id: written.checkRuns.length + 1, repo: full, name: body.name, head_sha: body.head_sha, status: String(body.status ?? 'queued'),
      ...(typeof body.conclusion === 'string' ? { conclusion: body.conclusion } : {}),
      ...(typeof body.details_url === 'string' ? { details_url: body.details_url } : {}),
      ...(output ? { output: outputFields } : {}), annotations: [...annotations],
    };
    written.checkRuns.push(run);
    return reply(201, runJson(run));
  }
  if (method === 'PATCH' && rest[0] === 'check-runs' && rest.length === 2) {
    const run = written.checkRuns.find((r) => r.repo === full && String(r.id) === rest[1]);
    if (!run) return notFound();
    if (badAnnotation) return invalid(badAnnotation);
    if (typeof body.status === 'string') run.status = body.status;
    if (typeof body.conclusion === 'string') { run.conclusion = body.conclusion; run.status = 'completed'; }
    if (output) run.output = { ...run.output, ...outputFields };
    run.annotations.push(...annotations);
    return reply(200, runJson(run));
  }
  if (method === 'POST' && rest[0] === 'statuses' && rest.length === 2) {
    if (options.forbidStatuses) return forbidden('Resource not accessible by personal access token');
    if (!['error', 'failure', 'pending', 'success'].includes(String(body.state))) return invalid('state is not one of error, failure, pending, success.');
    if (typeof body.description === 'string' && body.description.length > 140) return invalid('description is too long (maximum is 140 characters).');
    const status = { repo: full, sha: rest[1]!, state: String(body.state) } as FakeWritten['statuses'][number];
    for (const key of ['context', 'description', 'target_url'] as const) if (typeof body[key] === 'string') status[key] = body[key];
    written.statuses.push(status);
    return reply(201, { id: written.statuses.length, ...status });
  }
  if (method === 'GET' && rest[0] === 'commits' && rest[2] === 'pulls' && rest.length === 3) {
    return ctx.page((repo.pulls ?? []).filter((p) => p.head === rest[1]).map((p) => ({ number: p.number, state: p.state ?? 'open', head: { sha: p.head } })));
  }
  const issue = rest[0] === 'issues' && rest[2] === 'comments' && rest.length === 3 ? Number(rest[1]) : undefined;
  if (method === 'GET' && issue !== undefined) {
    return ctx.page(written.comments.filter((c) => c.repo === full && c.issue === issue).map((c) => ({ id: c.id, body: c.body })));
  }
  if (method === 'POST' && issue !== undefined) {
    if (options.forbidComments) return forbidden('Resource not accessible by personal access token');
    if (!(repo.pulls ?? []).some((p) => p.number === issue)) return notFound();
    if (typeof body.body !== 'string') return invalid('body is required.');
    const comment: FakeComment = { id: 1000 + written.comments.length, repo: full, issue, body: body.body, edits: [] };
    written.comments.push(comment);
    return reply(201, { id: comment.id, body: comment.body, html_url: `https://github.example/${full}/pull/${issue}#issuecomment-${comment.id}` });
  }
  if (method === 'PATCH' && rest[0] === 'issues' && rest[1] === 'comments' && rest.length === 3) {
    if (options.forbidComments) return forbidden('Resource not accessible by personal access token');
    const comment = written.comments.find((c) => c.repo === full && String(c.id) === rest[2]);
    if (!comment) return notFound();
    if (typeof body.body !== 'string') return invalid('body is required.');
    comment.edits.push(comment.body);
    comment.body = body.body;
    return reply(200, { id: comment.id, body: comment.body, html_url: `https://github.example/${full}/pull/${comment.issue}#issuecomment-${comment.id}` });
  }
  notFound();
}

function parseBody(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

interface RawExchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  location: string | undefined;
  /** Records the status of an answer written without `reply`. */
  done: (status: number) => void;
}

function replyFault({ fault }: { fault: Fault }, reply: Reply, raw: RawExchange): void {
  if (fault === 502) return reply(502, { message: 'Server Error' });
  if (fault === 'secondary-rate-limit' || fault === 'secondary-rate-limit-long') {
    return reply(403, {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FAKE:1.',
      documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
    }, { 'retry-after': fault === 'secondary-rate-limit' ? '1' : '360' });
  }
  if (fault === 'redirect') return reply(302, { message: 'Found' }, { location: raw.location ?? '/' });
  if (fault === 'reflect-token' || fault === 'reflect-token-403') {
    return reply(fault === 'reflect-token' ? 200 : 403, { message: `You sent: ${raw.req.headers.authorization ?? 'nothing'}` });
  }
  if (fault === 'empty-json') return reply(201, {});
  if (fault === 'not-json') {
    raw.res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    raw.res.end('<html><body>Unicorn! This page is taking too long to load.</body></html>');
    return raw.done(200);
  }
  if (fault === 'trickle') {
    raw.res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    const body = `{"login":"acme","padding":"${'x'.repeat(300)}"}`;
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < body.length) raw.res.write(body[sent++]);
      else {
        clearInterval(timer);
        raw.res.end();
      }
    }, 200);
    raw.res.on('close', () => clearInterval(timer));
    return raw.done(200);
  }
  reply(403, { message: 'API rate limit exceeded for user ID 1.', documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api` }, {
    'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + (fault === 'primary-rate-limit' ? 1 : 3600)),
  });
}

function orgJson(org: FakeOrg, owner: boolean): Record<string, unknown> {
  return {
    login: org.login, id: 1, html_url: `https://github.example/${org.login}`,
    ...(owner ? { two_factor_requirement_enabled: org.twoFactorRequired ?? false, default_repository_permission: org.defaultRepositoryPermission ?? 'read' } : {}),
  };
}

function repoJson(repo: FakeRepo, org: FakeOrg, admin: boolean): Record<string, unknown> {
  const owner = repo.owner ?? org.login;
  const visibility = repo.visibility ?? 'private';
  const scanning = repo.secretScanning ?? { enabled: false };
  return {
    id: hashNumber(`${owner}/${repo.name}`), name: repo.name, full_name: `${owner}/${repo.name}`, owner: { login: owner },
    html_url: `https://github.example/${owner}/${repo.name}`, default_branch: repo.defaultBranch ?? 'main',
    visibility, private: visibility !== 'public', archived: repo.archived ?? false,
    ...(admin ? {
      security_and_analysis: {
        secret_scanning: { status: scanning.enabled ? 'enabled' : 'disabled' },
        secret_scanning_push_protection: { status: scanning.pushProtection ? 'enabled' : 'disabled' },
      },
    } : {}),
  };
}

function alerts(counts: Partial<Record<Severity, number>>, state: string | null): unknown[] {
  if (state !== 'open') return [];
  return (Object.entries(counts) as Array<[Severity, number]>).flatMap(([severity, n]) =>
    Array.from({ length: n }, () => ({ state: 'open', security_advisory: { severity }, security_vulnerability: { severity } })))
    .map((a, i) => ({ number: i + 1, ...a }));
}

/** Entries of the folder `dir` ('' for the root) of a file list, or undefined when there is no such folder. */
function treeOf(files: string[], dir: string | undefined): unknown[] | undefined {
  if (dir === undefined) return undefined;
  const all = ['README.md', 'src/index.ts', ...files];
  const inside = all.filter((f) => dir === '' || f.startsWith(`${dir}/`)).map((f) => (dir === '' ? f : f.slice(dir.length + 1)));
  if (inside.length === 0) return undefined;
  const names = new Map<string, 'blob' | 'tree'>();
  for (const f of inside) names.set(f.split('/')[0]!, f.includes('/') ? 'tree' : 'blob');
  return [...names].map(([path, type]) => ({ path, type, mode: type === 'tree' ? '040000' : '100644', sha: type === 'tree' ? treeSha(dir ? `${dir}/${path}` : path) : 'b'.repeat(40) }));
}

const treeSha = (dir: string) => `tree-${Buffer.from(dir).toString('hex')}`;
const fromTreeSha = (sha: string) => (sha.startsWith('tree-') ? Buffer.from(sha.slice(5), 'hex').toString() : undefined);

/** `per_page` / `page` over a list, with GitHub's `Link` header (rel="next" and "last" when there is more). */
function paginate(items: unknown[], url: URL, self: string, reply: Reply): void {
  const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
  const page = Number(url.searchParams.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number) => { const q = new URLSearchParams(url.searchParams); q.set('page', String(n)); return `${self}?${q}`; };
  const links = page < last ? `<${link(page + 1)}>; rel="next", <${link(last)}>; rel="last"` : '';
  reply(200, items.slice((page - 1) * perPage, page * perPage), links ? { link: links } : {});
}

function caller(authorization: string | undefined, token: string | undefined): 'ok' | 'anonymous' | 'wrong' {
  if (!authorization) return token ? 'anonymous' : 'ok';
  return !token || authorization.split(' ')[1] === token ? 'ok' : 'wrong';
}

function recordedHeaders(headers: http.IncomingHttpHeaders, token: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = name === 'authorization' ? `${text.split(' ')[0]!.toLowerCase()} ${token && text.split(' ')[1] === token ? '[token]' : '[other]'}` : text;
  }
  return out;
}

function hashNumber(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}
