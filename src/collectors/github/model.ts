/**
 * GitHub evidence: one `github-org` item per organisation and one `github-repo` item per repository,
 * read through the REST API. Every fact is `Observed`: what the API answered, or why it could not be
 * seen (a 403/404 that missing permission explains, with the permission that would show it), so a
 * check never reads a denied call as a pass or a fail.
 */

export type Observed<T> =
  | { state: 'ok'; value: T }
  /** The token may not see this: the check reports not_observed and names `permission`. */
  | { state: 'denied'; httpStatus: number; permission: string; message: string }
  /** The call kept failing (5xx, network) after retries: the check reports error evidence, not a verdict. */
  | { state: 'error'; message: string };

/** A call as made, for the request log and the call budget (never headers, never the token). */
export interface CallRecord {
  method: string;
  /** Route template, e.g. `GET /repos/{owner}/{repo}/rules/branches/{branch}`. */
  route: string;
  status: number;
  /** 304: answered from the ETag cache without counting against the rate limit. */
  cached?: boolean;
}

export interface GitHubOrgEvidence {
  org: string;
  /** API base URL, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  apiUrl: string;
  /** `two_factor_requirement_enabled` of GET /orgs/{org} (visible to organisation owners only). */
  twoFactorRequired: Observed<boolean>;
  /** `default_repository_permission` of GET /orgs/{org}: read, write, admin or none. */
  defaultRepositoryPermission: Observed<string>;
  /** GET /orgs/{org}/actions/permissions/workflow. */
  workflowTokenPermissions: Observed<{ default: 'read' | 'write'; canApprovePullRequestReviews: boolean }>;
  repositories: {
    /** Repositories the organisation listing returned. */
    listed: number;
    assessed: number;
    /** Archived repositories, skipped (listed here so nothing disappears silently). */
    archivedSkipped: string[];
    /** Why the listing stopped (`ROUTE: STATUS message`), when it did: `listed` then undercounts. */
    listingError?: string;
  };
}

export interface BranchProtection {
  branch: string;
  /** Classic branch protection (GET /repos/{o}/{r}/branches/{b}/protection); null when the branch has none. */
  classic: null | { requiredApprovingReviewCount: number | null; enforceAdmins: boolean; requiresPullRequest: boolean };
  /** Rules from rulesets that apply to the branch (GET /repos/{o}/{r}/rules/branches/{b}). */
  rulesets: { rules: string[]; pullRequest: null | { requiredApprovingReviewCount: number } };
}

export interface GitHubRepoEvidence {
  /** `owner/name`. */
  repo: string;
  htmlUrl: string;
  defaultBranch: string;
  visibility: string;
  /** Classic protection and rulesets of the default branch; either may be denied on its own. */
  protection: { classic: Observed<BranchProtection['classic']>; rulesets: Observed<BranchProtection['rulesets']> };
  /** `security_and_analysis` of the repository: secret scanning and push protection. */
  secretScanning: Observed<{ enabled: boolean; pushProtection: boolean | null }>;
  /** Dependabot alerts: whether they are on, and the open ones by severity (GET /repos/{o}/{r}/dependabot/alerts?state=open). */
  dependabot: Observed<{ enabled: boolean; open: { critical: number; high: number; medium: number; low: number } }>;
  /** GET /repos/{o}/{r}/actions/permissions/workflow. */
  workflowTokenPermissions: Observed<{ default: 'read' | 'write'; canApprovePullRequestReviews: boolean }>;
  /** Path of SECURITY.md (root, .github/, docs/) on the default branch, or null. */
  securityPolicy: Observed<string | null>;
  /** Path of CODEOWNERS (root, .github/, docs/) on the default branch, or null. */
  codeowners: Observed<string | null>;
  /** Calls made for this repository (the budget is 8). */
  calls: number;
}
