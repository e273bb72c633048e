/**
 * `mcp-comply github check`, the I/O half: sends a planned check run (create, then updates of 50
 * annotations, then the completion) through the collector's client, which retries 5xx and waits out
 * rate limits. When the token cannot create check runs (only GitHub Apps can: a personal token gets
 * 403, a token without access 404), it falls back to a commit status and a comment on each open pull
 * request of the commit, editing our earlier comment rather than adding one per push.
 */
import { GitHubApiError, type GitHubClient } from '../collectors/github/client.js';
import { checkRunRequests, commentBodyOf, commentMarker, commitStatusOf, type CheckRunPlan } from './check-run.js';

export interface PublishTarget {
  owner: string;
  repo: string;
  /** The commit (40 hex digits). */
  sha: string;
  /** The pull request to comment on in the fallback; else the open ones of the commit. */
  pr?: number;
}

export type PublishResult =
  | { kind: 'check-run'; id: number; url?: string; annotations: number; requests: number }
  | {
    kind: 'fallback';
    /** Why the check run was refused (GitHub's answer). */
    reason: string;
    status: 'success' | 'failure';
    comments: Array<{ pr: number; action: 'created' | 'updated' }>;
    /** Comments that could not be written (the status was), or why no pull request was found. */
    warnings: string[];
  };

/** A request that failed for good: names the method, route and status. */
export class PublishError extends Error {
  override name = 'PublishError';
  constructor(readonly apiError: GitHubApiError, context: string) {
    super(`${context}: ${describe(apiError)}`);
  }
}

const describe = (e: GitHubApiError) => `${e.route} ${e.status === 0 ? 'got no answer' : `answered ${e.status}`} (${e.message})`;

const CREATE = 'POST /repos/{owner}/{repo}/check-runs';
const UPDATE = 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}';
const STATUS = 'POST /repos/{owner}/{repo}/statuses/{sha}';
const PULLS = 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls';
const COMMENTS = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';
const COMMENT = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
const EDIT_COMMENT = 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}';

/** A refusal of the check run that a commit status may get past: not a rate limit, not bad credentials. */
function refusesCheckRuns(error: unknown): error is GitHubApiError {
  return error instanceof GitHubApiError && (error.status === 403 || error.status === 404) && !error.rateLimited;
}

export async function publishCheck(client: GitHubClient, target: PublishTarget, plan: CheckRunPlan, log: (line: string) => void): Promise<PublishResult> {
  const repo = { owner: target.owner, repo: target.repo };
  const { create, updates } = checkRunRequests(plan, target.sha);
  let run: { id: number; html_url?: string };
  try {
    run = await client.send<{ id: number; html_url?: string }>(CREATE, { ...repo, ...create });
    // Without the id there is nothing to update: never PATCH check run "undefined".
    if (!Number.isSafeInteger(run.id)) throw new GitHubApiError(CREATE, 201, 'the answer names no check run id', false);
  } catch (error) {
    if (refusesCheckRuns(error)) return fallback(client, target, plan, error, log);
    if (error instanceof GitHubApiError) throw new PublishError(error, 'could not create the check run');
    throw error;
  }
  for (const [i, update] of updates.entries()) {
    try {
      await client.send(UPDATE, { ...repo, check_run_id: run.id, ...update });
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
      if (i < updates.length - 1) await completeAnyway(client, { ...repo, check_run_id: run.id }, plan, error);
      throw new PublishError(error, `could not update check run ${run.id}`);
    }
  }
  return { kind: 'check-run', id: run.id, ...(run.html_url ? { url: run.html_url } : {}), annotations: plan.annotations.length, requests: 1 + updates.length };
}

/**
 * A batch of annotations was refused: the run is still completed with its conclusion, saying that
 * annotations are missing, so that it does not stay "in progress" on the commit. Best effort: when
 * this fails too, the first error is the one reported.
 */
async function completeAnyway(client: GitHubClient, ids: Record<string, string | number>, plan: CheckRunPlan, error: GitHubApiError): Promise<void> {
  const note = `\n\n_Some annotations could not be added: ${describe(error)}._\n`;
  try {
    await client.send(UPDATE, { ...ids, status: 'completed', conclusion: plan.conclusion, output: { title: plan.title, summary: `${plan.summary.slice(0, 60_000)}${note}` } });
  } catch {
    // the caller reports the first failure
  }
}

async function fallback(client: GitHubClient, target: PublishTarget, plan: CheckRunPlan, refusal: GitHubApiError, log: (line: string) => void): Promise<PublishResult> {
  const repo = { owner: target.owner, repo: target.repo };
  log(`github check: this token cannot create check runs (${describe(refusal)}): only a GitHub App can, e.g. GITHUB_TOKEN in Actions with "permissions: checks: write". `
    + 'Publishing a commit status and a pull-request comment instead.');
  const status = commitStatusOf(plan);
  try {
    await client.send(STATUS, { ...repo, sha: target.sha, ...status });
  } catch (error) {
    if (error instanceof GitHubApiError) throw new PublishError(error, 'could not create the check run, nor the commit status of the fallback');
    throw error;
  }
  log(`github check: commit status "${status.state}" set on ${target.sha.slice(0, 12)} as "${plan.name}".`);
  const warnings: string[] = [];
  const comments: Array<{ pr: number; action: 'created' | 'updated' }> = [];
  let prs: number[] = [];
  if (target.pr !== undefined) {
    prs = [target.pr];
  } else {
    try {
      const pulls = await client.getAll<{ number: number; state: string }>(PULLS, { ...repo, commit_sha: target.sha, per_page: 100 });
      prs = pulls.filter((p) => p.state === 'open').map((p) => p.number).sort((a, b) => a - b);
      if (prs.length === 0) warnings.push(`no open pull request has commit ${target.sha.slice(0, 12)}: no comment written (give --pr N to name one)`);
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
      warnings.push(`could not look up the pull requests of the commit: ${describe(error)}`);
    }
  }
  const body = commentBodyOf(plan);
  for (const pr of prs) {
    try {
      comments.push({ pr, action: await upsertComment(client, { ...repo, issue_number: pr }, plan.name, body) });
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
      warnings.push(`could not comment on pull request #${pr}: ${describe(error)}`);
    }
  }
  for (const c of comments) log(`github check: ${c.action} the comment on pull request #${c.pr}.`);
  for (const w of warnings) log(`github check: warning: ${w}`);
  return { kind: 'fallback', reason: describe(refusal), status: status.state, comments, warnings };
}

/** Edits the comment of an earlier run (found by its marker) or adds one. */
async function upsertComment(client: GitHubClient, ids: { owner: string; repo: string; issue_number: number }, name: string, body: string): Promise<'created' | 'updated'> {
  const marker = commentMarker(name);
  const existing = (await client.getAll<{ id: number; body?: string }>(COMMENTS, { ...ids, per_page: 100 }))
    .find((c) => c.body?.startsWith(marker));
  if (existing) {
    try {
      await client.send(EDIT_COMMENT, { owner: ids.owner, repo: ids.repo, comment_id: existing.id, body });
      return 'updated';
    } catch (error) {
      // Someone else's comment carrying the marker cannot be edited by us: add our own.
      if (!(error instanceof GitHubApiError) || (error.status !== 403 && error.status !== 404) || error.rateLimited) throw error;
    }
  }
  await client.send(COMMENT, { ...ids, body });
  return 'created';
}
