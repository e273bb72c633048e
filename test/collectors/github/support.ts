/** Shared set-up of the GitHub collector tests: a context for the fake, and a collection run that keeps the log. */
import type { CollectContext, EvidenceItem, GitHubSources } from '../../../src/evidence/types.js';
import { collectGitHub, type GitHubCollectOptions } from '../../../src/collectors/github/index.js';
import type { GitHubOrgEvidence, GitHubRepoEvidence, Observed } from '../../../src/collectors/github/model.js';
import type { FakeGitHub } from '../../helpers/fake-github.js';

/** Shaped like a classic PAT so that Octokit sends it as `token ...`. */
export const TOKEN = 'ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0123';
export const NOW = '2026-11-02T09:00:00.000Z';
/** Millisecond waits: rate-limit retries and 5xx backoff finish at once. */
export const FAST: GitHubCollectOptions = { maxRetryWaitMs: 5 };

export interface Run {
  items: EvidenceItem[];
  log: string[];
  org(): GitHubOrgEvidence | undefined;
  repo(name: string): GitHubRepoEvidence;
  unreadable(path: string): EvidenceItem<'unreadable-source'> | undefined;
}

export async function collect(fake: FakeGitHub, sources: Partial<GitHubSources>, options: GitHubCollectOptions = {}): Promise<Run> {
  const log: string[] = [];
  const context: CollectContext = {
    paths: [], root: '/nowhere', includeUser: false, home: '/home/nobody', now: NOW,
    github: { repos: [], apiUrl: fake.apiUrl, token: TOKEN, verbose: true, ...sources },
    log: (line) => log.push(line),
  };
  const items = await collectGitHub(context, { ...FAST, ...options });
  return {
    items, log,
    org: () => items.find((i) => i.kind === 'github-org')?.data as GitHubOrgEvidence | undefined,
    repo: (name) => {
      const found = items.find((i) => i.id === `github-repo:${name}`);
      if (!found) throw new Error(`no github-repo item for ${name}`);
      return found.data as GitHubRepoEvidence;
    },
    unreadable: (path) => items.find((i) => i.kind === 'unreadable-source' && (i.data as { path: string }).path === path) as EvidenceItem<'unreadable-source'> | undefined,
  };
}

/** The value of an `ok` fact, failing the test on anything else. */
export function ok<T>(fact: Observed<T>): T {
  if (fact.state !== 'ok') throw new Error(`expected an ok fact, got ${JSON.stringify(fact)}`);
  return fact.value;
}
