/**
 * The organisation's facts (GET /orgs/{org} and its workflow token default: 2 calls) and its
 * repository listing (GET /orgs/{org}/repos, 100 a page), whose objects spare each repository a call.
 */
import type { GitHubClient } from './client.js';
import { GitHubApiError } from './client.js';
import { assertAuthorised, fieldWithheld, observe, PERMISSION, workflowTokenPermissions, type Failures } from './facts.js';
import type { GitHubOrgEvidence, Observed } from './model.js';
import type { RepoObject } from './repo.js';

interface OrgAnswer {
  html_url?: string;
  two_factor_requirement_enabled?: boolean | null;
  default_repository_permission?: string | null;
}

export type OrgSettings = Pick<GitHubOrgEvidence, 'twoFactorRequired' | 'defaultRepositoryPermission' | 'workflowTokenPermissions'> & { htmlUrl?: string };

/** 2FA requirement and default repository permission (owners only: absent for others), and the workflow token default. */
export async function orgSettings(client: GitHubClient, org: string, failures: Failures): Promise<OrgSettings> {
  const answer = await observe(() => client.get<OrgAnswer>('GET /orgs/{org}', { org }), PERMISSION.orgSettings, failures);
  const workflow = await observe(
    async () => workflowTokenPermissions(await client.get('GET /orgs/{org}/actions/permissions/workflow', { org })),
    PERMISSION.orgWorkflow, failures,
  );
  if (answer.state !== 'ok') return { twoFactorRequired: answer, defaultRepositoryPermission: answer, workflowTokenPermissions: workflow };
  const { value } = answer;
  return {
    ...(value.html_url ? { htmlUrl: value.html_url } : {}),
    twoFactorRequired: field(value.two_factor_requirement_enabled, 'boolean', 'two_factor_requirement_enabled'),
    defaultRepositoryPermission: field(value.default_repository_permission, 'string', 'default_repository_permission'),
    workflowTokenPermissions: workflow,
  };
}

/** Every repository of the organisation, or the failure that stopped the listing. */
export async function listRepositories(client: GitHubClient, org: string): Promise<{ repos: RepoObject[]; error?: string }> {
  try {
    return { repos: await client.getAll<RepoObject>('GET /orgs/{org}/repos', { org, per_page: 100 }) };
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    assertAuthorised(error);
    return { repos: [], error: `${error.route}: ${error.status === 0 ? 'no answer' : error.status} ${error.message}` };
  }
}

/** An owner-only field: present (even false) is the fact; absent or null means the token may not see it. */
function field<T extends boolean | string>(value: unknown, type: 'boolean' | 'string', name: string): Observed<T> {
  return typeof value === type ? { state: 'ok', value: value as T } : fieldWithheld(name, PERMISSION.orgSettings);
}
