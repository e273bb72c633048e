import { check } from '../../../src/checks/github/github.dependabot.alerts-disabled.js';
import { describeUnseen } from '../../helpers/github-checks.js';
import { apiError, denied, LEAKY_ERROR, ok, repoItem, SAFE_ERROR } from '../../helpers/github-evidence.js';
import { checkTable } from '../../helpers/run-check.js';

const off = ok({ enabled: false, open: { critical: 0, high: 0, medium: 0, low: 0 } });

checkTable(check, {
  valid: [
    { name: 'alerts on', items: [repoItem()], passes: ['enabled'] },
    {
      name: 'alerts on with open alerts: the other check judges them',
      items: [repoItem({ dependabot: ok({ enabled: true, open: { critical: 3, high: 1, medium: 0, low: 0 } }) })],
      passes: ['enabled'],
    },
    { name: 'alerts the token may not read: unseen', items: [repoItem({ dependabot: denied('dependabot alerts: read') })], unseen: ['denied'] },
  ],
  invalid: [
    {
      name: 'alerts off',
      items: [repoItem({ dependabot: off })],
      errors: [{
        messageId: 'disabled', severity: 'medium', key: 'repo:acme/api',
        message: 'Dependabot alerts are off for repository acme/api, so nobody is told when one of its dependencies has a known vulnerability.',
      }],
    },
    {
      name: 'one result per repository',
      items: [repoItem(), repoItem({ repo: 'acme/web', dependabot: off })],
      errors: [{ messageId: 'disabled', severity: 'medium', key: 'repo:acme/web' }],
      passes: ['enabled'],
    },
  ],
});

describeUnseen(check, {
  denied: repoItem({ dependabot: denied('dependabot alerts: read') }),
  deniedMessage: 'Cannot see the Dependabot alerts of repository acme/api: the token needs dependabot alerts: read (HTTP 403).',
  errored: repoItem({ dependabot: apiError(LEAKY_ERROR) }),
  erroredMessage: `Cannot see the Dependabot alerts of repository acme/api: the GitHub API kept failing (${SAFE_ERROR}).`,
  failing: repoItem({ repo: 'acme/bad', dependabot: off }),
});
