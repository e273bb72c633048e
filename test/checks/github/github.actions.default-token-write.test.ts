import { check } from '../../../src/checks/github/github.actions.default-token-write.js';
import { describeUnseen } from '../../helpers/github-checks.js';
import { apiError, denied, LEAKY_ERROR, ok, orgItem, repoItem, SAFE_ERROR } from '../../helpers/github-evidence.js';
import { checkTable } from '../../helpers/run-check.js';

const token = (access: 'read' | 'write', canApprovePullRequestReviews = false) => ok({ default: access, canApprovePullRequestReviews });

checkTable(check, {
  valid: [
    { name: 'organisation and repository read-only', items: [orgItem(), repoItem()], passes: ['read-only', 'read-only'] },
    { name: 'a repository alone', items: [repoItem()], passes: ['read-only'] },
    {
      name: 'organisation settings the token may not read: unseen, repositories still judged',
      items: [orgItem({ workflowTokenPermissions: denied('organization administration: read') }), repoItem()],
      passes: ['read-only'],
      unseen: ['denied'],
    },
  ],
  invalid: [
    {
      name: 'the organisation default is write',
      items: [orgItem({ workflowTokenPermissions: token('write') }), repoItem()],
      errors: [{
        messageId: 'default-write', severity: 'medium', key: 'org:acme',
        message: 'The default GITHUB_TOKEN permission of the organisation acme is read and write, so every workflow without a permissions: block gets a token that can push code, publish packages and edit releases.',
      }],
      passes: ['read-only'],
    },
    {
      name: 'a repository default is write',
      items: [orgItem(), repoItem({ repo: 'acme/web', workflowTokenPermissions: token('write') })],
      errors: [{
        messageId: 'default-write', severity: 'medium', key: 'repo:acme/web',
        message: 'The default GITHUB_TOKEN permission of the repository acme/web is read and write, so every workflow without a permissions: block gets a token that can push code, publish packages and edit releases.',
      }],
      passes: ['read-only'],
    },
    {
      name: 'Actions may approve pull requests: a separate failure with its own key',
      items: [repoItem({ workflowTokenPermissions: token('read', true) })],
      errors: [{
        messageId: 'can-approve-pull-requests', severity: 'medium', key: 'repo:acme/api#approve-pull-requests',
        message: 'The repository acme/api allows GitHub Actions to create and approve pull requests, so a workflow can approve a change and satisfy a required review.',
      }],
    },
    {
      name: 'both at once, on the organisation and a repository',
      items: [orgItem({ workflowTokenPermissions: token('write', true) }), repoItem({ workflowTokenPermissions: token('write', true) })],
      errors: [
        { messageId: 'default-write', severity: 'medium', key: 'org:acme' },
        { messageId: 'can-approve-pull-requests', severity: 'medium', key: 'org:acme#approve-pull-requests' },
        { messageId: 'default-write', severity: 'medium', key: 'repo:acme/api' },
        { messageId: 'can-approve-pull-requests', severity: 'medium', key: 'repo:acme/api#approve-pull-requests' },
      ],
    },
  ],
});

describeUnseen(check, {
  denied: repoItem({ workflowTokenPermissions: denied('administration: read') }),
  deniedMessage: 'Cannot see the workflow permissions of repository acme/api: the token needs administration: read (HTTP 403).',
  errored: orgItem({ org: 'acme-labs', workflowTokenPermissions: apiError(LEAKY_ERROR) }),
  erroredMessage: `Cannot see the workflow permissions of organisation acme-labs: the GitHub API kept failing (${SAFE_ERROR}).`,
  failing: repoItem({ repo: 'acme/bad', workflowTokenPermissions: token('write') }),
});
