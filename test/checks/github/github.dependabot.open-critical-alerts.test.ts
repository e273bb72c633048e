import { check } from '../../../src/checks/github/github.dependabot.open-critical-alerts.js';
import { describeUnseen } from '../../helpers/github-checks.js';
import { apiError, denied, LEAKY_ERROR, ok, repoItem, SAFE_ERROR } from '../../helpers/github-evidence.js';
import { checkTable } from '../../helpers/run-check.js';

const alerts = (critical: number, high: number, medium = 0, low = 0, enabled = true) => ok({ enabled, open: { critical, high, medium, low } });

checkTable(check, {
  valid: [
    { name: 'no open alerts', items: [repoItem()], passes: ['no-open-alerts'] },
    { name: 'only medium and low alerts open', items: [repoItem({ dependabot: alerts(0, 0, 4, 7) })], passes: ['no-open-alerts'] },
    {
      name: 'alerts off: nothing to count, so unseen (github.dependabot.alerts-disabled fails it)',
      items: [repoItem({ dependabot: alerts(0, 0, 0, 0, false) })],
      unseen: ['alerts-off'],
    },
    { name: 'alerts the token may not read: unseen', items: [repoItem({ dependabot: denied('dependabot alerts: read') })], unseen: ['denied'] },
  ],
  invalid: [
    {
      name: 'open critical alerts: a critical failure with the counts by severity',
      items: [repoItem({ dependabot: alerts(2, 3, 1, 0) })],
      errors: [{
        messageId: 'open-alerts', severity: 'critical', key: 'repo:acme/api',
        message: 'The repository acme/api has open Dependabot alerts: 2 critical, 3 high, 1 medium, 0 low.',
        data: { critical: 2, high: 3, medium: 1, low: 0 },
      }],
    },
    {
      name: 'open high alerts only: a high failure',
      items: [repoItem({ dependabot: alerts(0, 1, 0, 5) })],
      errors: [{ messageId: 'open-alerts', severity: 'high', key: 'repo:acme/api', message: 'The repository acme/api has open Dependabot alerts: 0 critical, 1 high, 0 medium, 5 low.' }],
    },
    {
      name: 'one result per repository; a repository with alerts off is unseen, not a finding',
      items: [repoItem(), repoItem({ repo: 'acme/web', dependabot: alerts(1, 0) }), repoItem({ repo: 'acme/docs', dependabot: alerts(0, 0, 0, 0, false) })],
      errors: [{ messageId: 'open-alerts', severity: 'critical', key: 'repo:acme/web' }],
      passes: ['no-open-alerts'],
      unseen: ['alerts-off'],
    },
  ],
});

describeUnseen(check, {
  denied: repoItem({ dependabot: denied('dependabot alerts: read') }),
  deniedMessage: 'Cannot see the Dependabot alerts of repository acme/api: the token needs dependabot alerts: read (HTTP 403).',
  errored: repoItem({ dependabot: apiError(LEAKY_ERROR) }),
  erroredMessage: `Cannot see the Dependabot alerts of repository acme/api: the GitHub API kept failing (${SAFE_ERROR}).`,
  failing: repoItem({ repo: 'acme/bad', dependabot: alerts(0, 2) }),
});
