/**
 * GitHub evidence (DESIGN §4, issue 5): one `github-org` item for `sources.org` and one `github-repo`
 * item per repository of its listing (archived ones skipped and listed unless `includeArchived`)
 * and per `sources.repos` entry, inside the `--github-shard` when one is given. Repositories are read
 * a bounded number at a time; one whose calls keep failing gets `error` facts and an
 * `unreadable-source` item, and the rest goes on. Does nothing without GitHub sources.
 */
import type { Collector, CollectContext, EvidenceItem, GitHubSources, UnreadableSource } from '../../evidence/types.js';
import { mapPool } from '../../lib/promise-pool.js';
import { createGitHubClient, type GitHubClient } from './client.js';
import { EtagCache } from './etag-cache.js';
import type { Failures } from './facts.js';
import type { GitHubOrgEvidence } from './model.js';
import { listRepositories, orgSettings } from './org.js';
import { assessRepository, type RepoObject, type RepoResult } from './repo.js';
import { inShard } from './shard.js';

const COLLECTOR_ID = 'github';
export const DEFAULT_CONCURRENCY = 8;

export interface GitHubCollectOptions {
  /** Repositories read at once (each reads its calls one after another). Default 8. */
  concurrency?: number;
  /** Longest wait before retrying a rate-limited call; tests use milliseconds. Default 60 s. */
  maxRetryWaitMs?: number;
  /** Retries of a 5xx or network failure. Default 3. */
  retries?: number;
  /** Longest one attempt may take, its answer included. Default 30 s. */
  requestTimeoutMs?: number;
  /** Folder for the ETag cache, so the next run's reads are conditional. */
  cacheDir?: string;
  /** An ETag cache shared with an earlier run (takes precedence over `cacheDir`). */
  cache?: EtagCache;
}

export const githubCollector: Collector = {
  id: COLLECTOR_ID,
  title: 'GitHub organisation and repository settings (REST API)',
  produces: ['github-org', 'github-repo', 'unreadable-source'],
  collect: (context) => collectGitHub(context, context.github?.cacheDir ? { cacheDir: context.github.cacheDir } : {}),
};

export async function collectGitHub(context: CollectContext, options: GitHubCollectOptions = {}): Promise<EvidenceItem[]> {
  const sources = context.github;
  if (!sources || (!sources.org && sources.repos.length === 0)) return [];
  const client = createGitHubClient({
    apiUrl: sources.apiUrl,
    ...(sources.token ? { token: sources.token } : {}),
    ...(options.maxRetryWaitMs === undefined ? {} : { maxRetryWaitMs: options.maxRetryWaitMs }),
    ...(options.retries === undefined ? {} : { retries: options.retries }),
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    cache: options.cache ?? new EtagCache(options.cacheDir, (message) => context.log?.(message)),
    // The request log is for --verbose; the summary at the end always goes out.
    ...(context.log && sources.verbose ? { log: context.log } : {}),
  });
  const item = itemFactory(context.now);
  const items: EvidenceItem[] = [];
  const org = sources.org ? await collectOrganisation(client, sources) : undefined;
  const targets = repositoryTargets(sources, org?.repos ?? []).filter((t) => inShard(t.name, sources.shard));
  if (org?.evidence) {
    items.push(item('github-org', sources.org!, org.htmlUrl, org.evidence));
    if (org.unreadable) items.push(item('unreadable-source', `github:${sources.org}`, undefined, org.unreadable));
  }
  let done = 0;
  const results = await mapPool(targets, options.concurrency ?? DEFAULT_CONCURRENCY, async (target): Promise<RepoResult> => {
    const result = await assessRepository(client, target.name, target.listed);
    context.progress?.(`GitHub: ${++done}/${targets.length} repositories`);
    return result;
  });
  for (const { evidence, unreadable } of results) {
    items.push(item('github-repo', evidence.repo, evidence.htmlUrl, evidence));
    if (unreadable) items.push(item('unreadable-source', `github:${evidence.repo}`, undefined, { path: `github:${evidence.repo}`, ...unreadable }));
  }
  context.log?.(summaryLine(client, sources.org, targets.length));
  return items;
}

interface OrgResult {
  repos: RepoObject[];
  /** Only in the first shard, so merged shard bundles hold the organisation once. */
  evidence?: GitHubOrgEvidence;
  htmlUrl?: string;
  unreadable?: UnreadableSource;
}

/** The organisation's facts and listing; shards other than the first only list. */
async function collectOrganisation(client: GitHubClient, sources: GitHubSources): Promise<OrgResult> {
  const org = sources.org!;
  const listing = await listRepositories(client, org);
  if (sources.shard && sources.shard.index !== 1) return { repos: listing.repos };
  const failures: Failures = [];
  const { htmlUrl, ...settings } = await orgSettings(client, org, failures);
  const archived = listing.repos.filter((r) => r.archived).map((r) => r.full_name);
  const evidence: GitHubOrgEvidence = {
    org, apiUrl: sources.apiUrl, ...settings,
    repositories: {
      listed: listing.repos.length,
      // Put up for assessment across all shards; each shard reads its share.
      assessed: listing.repos.length - (sources.includeArchived ? 0 : archived.length),
      archivedSkipped: sources.includeArchived ? [] : archived,
      ...(listing.error ? { listingError: listing.error } : {}),
    },
  };
  const problems = [...failures, ...(listing.error ? [listing.error] : [])];
  const unreadable = problems.length
    ? { path: `github:${org}`, code: 'api-error', reason: `GitHub could not be read for the organisation: ${problems.join('; ')}` }
    : undefined;
  return { repos: listing.repos, evidence, ...(htmlUrl ? { htmlUrl } : {}), ...(unreadable ? { unreadable } : {}) };
}

interface RepoTarget {
  name: string;
  listed?: RepoObject;
}

/** The organisation's repositories (archived ones only with includeArchived), then named ones not among them. */
function repositoryTargets(sources: GitHubSources, listed: RepoObject[]): RepoTarget[] {
  const byName = new Map(listed.map((repo) => [repo.full_name.toLowerCase(), repo]));
  const targets = new Map<string, RepoTarget>();
  for (const repo of listed) {
    if (!repo.archived || sources.includeArchived) targets.set(repo.full_name.toLowerCase(), { name: repo.full_name, listed: repo });
  }
  for (const name of sources.repos) {
    const key = name.toLowerCase();
    const known = byName.get(key);
    // A repository named on its own is assessed even when archived: the user asked for it.
    if (!targets.has(key)) targets.set(key, known ? { name: known.full_name, listed: known } : { name });
  }
  return [...targets.values()];
}

type ItemOf = <K extends 'github-org' | 'github-repo' | 'unreadable-source'>(kind: K, name: string, htmlUrl: string | undefined, data: EvidenceItem<K>['data']) => EvidenceItem<K>;

/** Ids `<kind>:<org>` / `<kind>:<owner>/<name>` (`unreadable-source:github:...`); source the web page, else `github:<name>`. */
function itemFactory(now: string): ItemOf {
  return (kind, name, htmlUrl, data) => {
    const source = htmlUrl || (name.startsWith('github:') ? name : `github:${name}`);
    return { id: `${kind}:${name}`, kind, collector: COLLECTOR_ID, source, collectedAt: now, data };
  };
}

function summaryLine(client: GitHubClient, org: string | undefined, repositories: number): string {
  const cached = client.calls.filter((c) => c.cached).length;
  const left = client.rateLimitRemaining();
  return `github: ${client.calls.length} calls (${cached} answered 304 from the ETag cache) for ${org ? `organisation ${org} and ` : ''}`
    + `${repositories} repositories${left === undefined ? '' : `; rate limit ${left} left`}`;
}
