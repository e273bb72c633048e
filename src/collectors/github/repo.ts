/**
 * One repository's facts, read in at most 8 calls for a typical repository (5 when the organisation's
 * listing already gave its object; 6 to 7 when SECURITY.md or CODEOWNERS sit in `.github/` or
 * `docs/`; one more for `--github-repo`, whose object is read first; more only when Dependabot
 * alerts or rules run past a page of 100 or a call is retried).
 */
import type { GitHubClient, OnCall } from './client.js';
import { fieldWithheld, observe, PERMISSION, workflowTokenPermissions, type Failures } from './facts.js';
import type { BranchProtection, GitHubRepoEvidence, Observed } from './model.js';

/** The fields of a repository object (GET /repos/{owner}/{repo} or the organisation's listing) read here. */
export interface RepoObject {
  full_name: string;
  html_url: string;
  default_branch: string;
  visibility?: string;
  private?: boolean;
  archived?: boolean;
  security_and_analysis?: null | {
    secret_scanning?: null | { status?: string };
    secret_scanning_push_protection?: null | { status?: string };
  };
}

export interface RepoResult {
  evidence: GitHubRepoEvidence;
  /** Why part of the repository could not be read, for an `unreadable-source` item. */
  unreadable?: { code: string; reason: string };
}

type Severity = 'critical' | 'high' | 'medium' | 'low';
type Classic = BranchProtection['classic'];
type Rulesets = BranchProtection['rulesets'];
type Files = { securityPolicy: Observed<string | null>; codeowners: Observed<string | null> };

interface ProtectionAnswer {
  required_pull_request_reviews?: { required_approving_review_count?: number };
  enforce_admins?: { enabled?: boolean };
}
interface RuleAnswer { type: string; parameters?: { required_approving_review_count?: number } }
interface AlertAnswer { security_advisory?: { severity?: string }; security_vulnerability?: { severity?: string } }
interface TreeEntry { path: string; type: string; sha: string }

/** The folders besides the root where GitHub looks for SECURITY.md and CODEOWNERS. */
const HEALTH_FOLDERS = ['.github', 'docs'];
const HEALTH_FILES: Record<keyof Files, string> = { securityPolicy: 'security.md', codeowners: 'codeowners' };

/** Reads a repository's facts; `listed` is its object from the organisation's listing, saving a call. */
export async function assessRepository(client: GitHubClient, fullName: string, listed?: RepoObject): Promise<RepoResult> {
  const failures: Failures = [];
  let calls = 0;
  const count: OnCall = () => { calls++; };
  const [owner, repo] = fullName.split('/') as [string, string];
  const object: Observed<RepoObject> = listed
    ? { state: 'ok', value: listed }
    : await observe(() => client.get<RepoObject>('GET /repos/{owner}/{repo}', { owner, repo }, count), PERMISSION.metadata, failures);
  if (object.state !== 'ok') return unseenRepository(fullName, object, calls);

  const { value } = object;
  const params = { owner, repo, branch: value.default_branch };
  const classic = await observe(
    async () => classicProtection(await client.get<ProtectionAnswer>('GET /repos/{owner}/{repo}/branches/{branch}/protection', params, count)),
    PERMISSION.administration, failures, unprotected,
  );
  const rulesets = await observe(
    async () => branchRules(await client.getAll<RuleAnswer>('GET /repos/{owner}/{repo}/rules/branches/{branch}', { ...params, per_page: 100 }, count)),
    PERMISSION.metadata, failures,
  );
  const dependabot = await observe(
    async () => openAlerts(await client.getAll<AlertAnswer>('GET /repos/{owner}/{repo}/dependabot/alerts', { owner, repo, state: 'open', per_page: 100 }, count)),
    PERMISSION.dependabot, failures, alertsOff,
  );
  const workflow = await observe(
    async () => workflowTokenPermissions(await client.get('GET /repos/{owner}/{repo}/actions/permissions/workflow', { owner, repo }, count)),
    PERMISSION.administration, failures,
  );
  const files = await healthFiles(client, params, count, failures);
  const evidence: GitHubRepoEvidence = {
    repo: value.full_name, htmlUrl: value.html_url, defaultBranch: value.default_branch,
    visibility: value.visibility ?? (value.private ? 'private' : 'public'),
    protection: { classic, rulesets }, secretScanning: secretScanning(value), dependabot,
    workflowTokenPermissions: workflow, ...files, calls,
  };
  return failures.length
    ? { evidence, unreadable: { code: 'api-error', reason: `GitHub kept failing after retries: ${failures.join('; ')}` } }
    : { evidence };
}

/** A repository whose object could not be read: every fact is that failure, so no check passes on it. */
function unseenRepository(fullName: string, failure: Exclude<Observed<unknown>, { state: 'ok' }>, calls: number): RepoResult {
  const fact = failure as Observed<never>;
  const evidence: GitHubRepoEvidence = {
    repo: fullName, htmlUrl: '', defaultBranch: '', visibility: 'unknown',
    protection: { classic: fact, rulesets: fact }, secretScanning: fact, dependabot: fact,
    workflowTokenPermissions: fact, securityPolicy: fact, codeowners: fact, calls,
  };
  const unreadable = failure.state === 'error'
    ? { code: 'api-error', reason: `GitHub kept failing after retries: ${failure.message}` }
    : {
      code: failure.httpStatus === 404 ? 'not-found' : 'permission-denied',
      reason: `GitHub answered ${failure.httpStatus} (${failure.message}) to GET /repos/{owner}/{repo}: the repository does not exist or the token cannot see it`,
    };
  return { evidence, unreadable };
}

function classicProtection(data: ProtectionAnswer): Classic {
  const reviews = data.required_pull_request_reviews;
  return {
    requiredApprovingReviewCount: reviews?.required_approving_review_count ?? null,
    enforceAdmins: data.enforce_admins?.enabled === true,
    requiresPullRequest: reviews !== undefined && reviews !== null,
  };
}

/**
 * Failures that are answers: the branch has no classic protection ("Branch not protected"; "Branch
 * not found" in an empty repository; a private repository on a plan without the feature). A bare
 * "Not Found" is what a token without admin rights gets, so it stays a permission gap.
 */
function unprotected(error: { status: number; message: string }): Observed<Classic> | undefined {
  const none = (error.status === 404 && /branch not (protected|found)/i.test(error.message))
    || (error.status === 403 && /upgrade to github pro|make this repository public/i.test(error.message));
  return none ? { state: 'ok', value: null } : undefined;
}

/** The rule types that apply to the branch; the strictest `pull_request` rule counts as required review. */
function branchRules(rules: RuleAnswer[]): Rulesets {
  const reviews = rules.filter((r) => r.type === 'pull_request').map((r) => r.parameters?.required_approving_review_count ?? 0);
  return {
    rules: [...new Set(rules.map((r) => r.type))].sort(),
    pullRequest: reviews.length ? { requiredApprovingReviewCount: Math.max(...reviews) } : null,
  };
}

function secretScanning(repo: RepoObject): GitHubRepoEvidence['secretScanning'] {
  const settings = repo.security_and_analysis;
  if (!settings) return fieldWithheld('security_and_analysis', PERMISSION.securityAndAnalysis);
  const push = settings.secret_scanning_push_protection;
  // Without `secret_scanning` the feature is not available to the repository, so it is not on.
  return { state: 'ok', value: { enabled: settings.secret_scanning?.status === 'enabled', pushProtection: push ? push.status === 'enabled' : null } };
}

function openAlerts(alerts: AlertAnswer[]): { enabled: boolean; open: Record<Severity, number> } {
  const open: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const alert of alerts) {
    const severity = alert.security_advisory?.severity ?? alert.security_vulnerability?.severity;
    const key = severity === 'moderate' ? 'medium' : severity;
    if (key && key in open) open[key as Severity]++;
  }
  return { enabled: true, open };
}

/** "Dependabot alerts are disabled for this repository." is an answer: alerts are off. */
function alertsOff(error: { status: number; message: string; rateLimited: boolean }): GitHubRepoEvidence['dependabot'] | undefined {
  return error.status === 403 && !error.rateLimited && /disabled/i.test(error.message)
    ? { state: 'ok', value: { enabled: false, open: { critical: 0, high: 0, medium: 0, low: 0 } } }
    : undefined;
}

/**
 * SECURITY.md and CODEOWNERS from the root listing of the default branch (one call), then from the
 * `.github` and `docs` subtrees by their sha, each read only while a file is still missing. The path
 * reported is the first found in the order root, .github, docs; names compare case-insensitively.
 */
async function healthFiles(client: GitHubClient, params: { owner: string; repo: string; branch: string }, count: OnCall, failures: Failures): Promise<Files> {
  const found: Record<keyof Files, string | null> = { securityPolicy: null, codeowners: null };
  const readTree = (sha: string) => observe(
    async () => (await client.get<{ tree: TreeEntry[] }>('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { owner: params.owner, repo: params.repo, tree_sha: sha }, count)).tree,
    PERMISSION.contents, failures, emptyRepository,
  );
  const missing = () => (Object.keys(found) as Array<keyof Files>).filter((key) => found[key] === null);
  const take = (entries: TreeEntry[], folder: string) => {
    for (const key of missing()) {
      const entry = entries.find((e) => e.type === 'blob' && e.path.toLowerCase() === HEALTH_FILES[key]);
      if (entry) found[key] = folder ? `${folder}/${entry.path}` : entry.path;
    }
  };
  const root = await readTree(params.branch);
  if (root.state !== 'ok') return { securityPolicy: root, codeowners: root };
  take(root.value, '');
  for (const folder of HEALTH_FOLDERS) {
    if (missing().length === 0) break;
    const entry = root.value.find((e) => e.type === 'tree' && e.path.toLowerCase() === folder);
    if (!entry) continue;
    const sub = await readTree(entry.sha);
    // A subtree that cannot be read leaves the files still missing unknown, not absent.
    if (sub.state !== 'ok') return Object.fromEntries(Object.entries(found).map(([key, path]) => [key, path === null ? sub : ok(path)])) as Files;
    take(sub.value, entry.path);
  }
  return { securityPolicy: ok(found.securityPolicy), codeowners: ok(found.codeowners) };
}

/** An empty repository (409 "Git Repository is empty.") has no files at all. */
function emptyRepository(error: { status: number }): Observed<TreeEntry[]> | undefined {
  return error.status === 409 ? { state: 'ok', value: [] } : undefined;
}

function ok<T>(value: T): Observed<T> {
  return { state: 'ok', value };
}
