/**
 * Synthetic GitHub evidence for check tests. The defaults are a well-kept organisation and
 * repository with every fact seen (`ok`): a protected default branch requiring one review, secret
 * scanning with push protection, Dependabot alerts on with none open, a read-only workflow token,
 * SECURITY.md and CODEOWNERS. A case overlays only what it is about.
 */
import type { BranchProtection, GitHubOrgEvidence, GitHubRepoEvidence, Observed } from '../../src/collectors/github/model.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { NOW } from './run-check.js';

export const ok = <T>(value: T): Observed<T> => ({ state: 'ok', value });

/** What the collector records when the token may not make a call. */
export function denied(permission: string, httpStatus = 403): Observed<never> {
  return { state: 'denied', httpStatus, permission, message: 'Resource not accessible by integration' };
}

/** What the collector records when a call kept failing. */
export function apiError(message = 'HTTP 502 Bad Gateway after 3 retries'): Observed<never> {
  return { state: 'error', message };
}

/** Classic protection of the default branch; `reviews: null` requires no pull request. */
export function classic(reviews: number | null = 1): BranchProtection['classic'] {
  return { requiredApprovingReviewCount: reviews, enforceAdmins: false, requiresPullRequest: reviews !== null };
}

/** Ruleset rules of the default branch; a `reviews` count adds a pull_request rule requiring that many approvals. */
export function rulesets(rules: string[] = [], reviews?: number): BranchProtection['rulesets'] {
  return reviews === undefined
    ? { rules, pullRequest: null }
    : { rules: rules.includes('pull_request') ? rules : [...rules, 'pull_request'], pullRequest: { requiredApprovingReviewCount: reviews } };
}

export function orgItem(spec: Partial<GitHubOrgEvidence> = {}): EvidenceItem<'github-org'> {
  const data: GitHubOrgEvidence = {
    org: 'acme',
    apiUrl: 'https://api.github.com',
    twoFactorRequired: ok(true),
    defaultRepositoryPermission: ok('read'),
    workflowTokenPermissions: ok({ default: 'read', canApprovePullRequestReviews: false }),
    repositories: { listed: 1, assessed: 1, archivedSkipped: [] },
    ...spec,
  };
  return { id: `github-org:${data.org}`, kind: 'github-org', collector: 'github', source: `github:${data.org}`, collectedAt: NOW, data };
}

export type RepoSpec = Partial<Omit<GitHubRepoEvidence, 'protection'>> & { protection?: Partial<GitHubRepoEvidence['protection']> };

export function repoItem(spec: RepoSpec = {}): EvidenceItem<'github-repo'> {
  const { protection, ...rest } = spec;
  const repo = rest.repo ?? 'acme/api';
  const data: GitHubRepoEvidence = {
    repo,
    htmlUrl: `https://github.com/${repo}`,
    defaultBranch: 'main',
    visibility: 'private',
    secretScanning: ok({ enabled: true, pushProtection: true }),
    dependabot: ok({ enabled: true, open: { critical: 0, high: 0, medium: 0, low: 0 } }),
    workflowTokenPermissions: ok({ default: 'read', canApprovePullRequestReviews: false }),
    securityPolicy: ok('SECURITY.md'),
    codeowners: ok('.github/CODEOWNERS'),
    calls: 8,
    ...rest,
    protection: { classic: ok(classic(1)), rulesets: ok(rulesets()), ...protection },
  };
  return { id: `github-repo:${repo}`, kind: 'github-repo', collector: 'github', source: `github:${repo}`, collectedAt: NOW, data };
}

/** An API error text that echoes the request: the token, its query string and header must not reach a result. */
export const LEAKY_ERROR = 'GET https://api.github.com/repos/acme/api?access_token=ghp_0123456789abcdefghijABCDEFGHIJ012345 failed (Authorization: token ghp_0123456789abcdefghijABCDEFGHIJ012345): 502 Bad Gateway after 3 retries';
/** LEAKY_ERROR as results show it. */
export const SAFE_ERROR = 'GET https://api.github.com/repos/acme/api failed (Authorization: <hidden>): 502 Bad Gateway after 3 retries';
