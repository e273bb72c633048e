/**
 * From API answers to `Observed` facts. A 403 or 404 is a permission gap (`denied`, naming the
 * permission that would show the fact), unless it is an exhausted rate limit; a call that kept
 * failing (5xx, network, rate limit, an unexpected status) is `error` and is named in the source's
 * failures; a 401 means the token itself is refused, which ends the collection.
 */
import { GitHubApiError } from './client.js';
import type { Observed } from './model.js';

/** The permission of a fine-grained token or GitHub App that would let each fact be seen. */
export const PERMISSION = {
  orgSettings: 'organization administration: read (owner)',
  orgWorkflow: 'organization administration: read',
  administration: 'administration: read',
  /**
   * GitHub returns `security_and_analysis` only to repository admins, organisation owners and
   * security managers ("Get a repository"), i.e. a token with administration: read. "Secret scanning
   * alerts: read" lists alerts but does not reveal whether scanning and push protection are on.
   */
  securityAndAnalysis: 'administration: read (repository admin, organisation owner or security manager)',
  metadata: 'metadata: read',
  contents: 'contents: read',
  dependabot: 'dependabot alerts: read',
} as const;

export class BadCredentialsError extends Error {
  override name = 'BadCredentialsError';
}

/** The reads that kept failing for one repository or organisation, as `ROUTE: STATUS message`. */
export type Failures = string[];

/** Runs one read; `answer` may turn a telling failure into a fact (e.g. 404 "Branch not protected" is `ok` null). */
export async function observe<T>(
  read: () => Promise<T>, permission: string, failures: Failures,
  answer?: (error: GitHubApiError) => Observed<T> | undefined,
): Promise<Observed<T>> {
  try {
    return { state: 'ok', value: await read() };
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    return answer?.(error) ?? notSeen(error, permission, failures);
  }
}

export function notSeen<T>(error: GitHubApiError, permission: string, failures: Failures): Observed<T> {
  assertAuthorised(error);
  if ((error.status === 403 || error.status === 404) && !error.rateLimited) {
    return { state: 'denied', httpStatus: error.status, permission, message: error.message };
  }
  const message = `${error.route}: ${error.status === 0 ? 'no answer' : error.status} ${error.message}`;
  failures.push(message);
  return { state: 'error', message };
}

/** A 401 refuses the token itself: every other read would fail the same way, so the collection stops. */
export function assertAuthorised(error: GitHubApiError): void {
  if (error.status === 401) {
    throw new BadCredentialsError(`GitHub answered 401 (${error.message}) to ${error.route}: set GITHUB_TOKEN to a valid token`);
  }
}

/** A field GitHub leaves out of a 200 answer for callers without the permission. */
export function fieldWithheld(field: string, permission: string): Observed<never> {
  return { state: 'denied', httpStatus: 200, permission, message: `GitHub's answer has no ${field} for this token` };
}

export type WorkflowTokenPermissions = { default: 'read' | 'write'; canApprovePullRequestReviews: boolean };

/** GET .../actions/permissions/workflow of an organisation or a repository; a value other than `read` counts as write, never as a pass. */
export function workflowTokenPermissions(data: { default_workflow_permissions?: string; can_approve_pull_request_reviews?: boolean }): WorkflowTokenPermissions {
  return {
    default: data.default_workflow_permissions === 'read' ? 'read' : 'write',
    canApprovePullRequestReviews: data.can_approve_pull_request_reviews === true,
  };
}
