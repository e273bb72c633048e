/**
 * github.actions.default-token-write: the organisation's and each repository's default GITHUB_TOKEN
 * is read-only, and GitHub Actions may not create or approve pull requests (a workflow approving its
 * own change defeats a required review). Each is its own failure, with its own key.
 */
import type { GitHubOrgEvidence } from '../../collectors/github/model.js';
import type { Check } from '../types.js';
import { eachOrganisation, eachRepository, type GitHubResults, UNSEEN_MESSAGES } from './results.js';

type WorkflowToken = GitHubOrgEvidence['workflowTokenPermissions'];

export const check: Check = {
  meta: {
    id: 'github.actions.default-token-write',
    title: 'The default GitHub Actions token is read-only',
    severity: 'medium',
    evidence: ['github-org', 'github-repo'],
    messages: {
      'default-write': 'The default GITHUB_TOKEN permission of the {{subject}} is read and write, so every workflow without a permissions: block gets a token that can push code, publish packages and edit releases.',
      'can-approve-pull-requests': 'The {{subject}} allows GitHub Actions to create and approve pull requests, so a workflow can approve a change and satisfy a required review.',
      'read-only': 'The default GITHUB_TOKEN of the {{subject}} is read-only and GitHub Actions may not approve pull requests.',
      ...UNSEEN_MESSAGES,
    },
    remediation: 'In Settings > Actions > General > Workflow permissions of the organisation and each repository, choose "Read repository contents and packages permissions" and untick "Allow GitHub Actions to create and approve pull requests" (API: default_workflow_permissions: read, can_approve_pull_request_reviews: false).',
  },
  run(context) {
    return [
      ...eachOrganisation(context, (org, results) => judgeToken(results, org.workflowTokenPermissions)),
      ...eachRepository(context, (repo, results) => judgeToken(results, repo.workflowTokenPermissions)),
    ];
  },
};

function judgeToken(results: GitHubResults, token: WorkflowToken): void {
  const settings = results.seen(token, 'the workflow permissions');
  if (!settings) return;
  if (settings.default === 'write') results.fail('default-write', 'medium');
  if (settings.canApprovePullRequestReviews) results.fail('can-approve-pull-requests', 'medium', {}, 'approve-pull-requests');
  if (settings.default !== 'write' && !settings.canApprovePullRequestReviews) results.pass('read-only');
}
