import { check } from '../../../src/checks/github/github.org.mfa-not-required.js';
import { describeUnseen } from '../../helpers/github-checks.js';
import { apiError, denied, LEAKY_ERROR, ok, orgItem, repoItem, SAFE_ERROR } from '../../helpers/github-evidence.js';
import { checkTable } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    { name: 'two-factor authentication required', items: [orgItem()], passes: ['required'] },
    { name: 'repositories are not read', items: [orgItem(), repoItem()], passes: ['required'] },
    {
      name: 'an organisation the token may not administer is unseen, not passed',
      items: [orgItem({ twoFactorRequired: denied('organization administration: read (an organisation owner\'s token)') })],
      unseen: ['denied'],
    },
  ],
  invalid: [
    {
      name: 'two-factor authentication not required',
      items: [orgItem({ twoFactorRequired: ok(false) })],
      errors: [{
        messageId: 'not-required', severity: 'high', key: 'org:acme',
        message: 'The organisation acme does not require two-factor authentication, so one leaked password gives an attacker a member\'s access to every repository they can reach.',
      }],
    },
    {
      name: 'one result per organisation, located at github:<org>',
      items: [orgItem(), orgItem({ org: 'acme-labs', twoFactorRequired: ok(false) })],
      errors: [{ messageId: 'not-required', severity: 'high', key: 'org:acme-labs', data: { subject: 'organisation acme-labs' } }],
      passes: ['required'],
    },
  ],
});

describeUnseen(check, {
  denied: orgItem({ org: 'acme-labs', twoFactorRequired: denied('organization administration: read', 404) }),
  deniedMessage: 'Cannot see the two-factor authentication requirement of organisation acme-labs: the token needs organization administration: read (HTTP 404).',
  errored: orgItem({ org: 'acme-labs', twoFactorRequired: apiError(LEAKY_ERROR) }),
  erroredMessage: `Cannot see the two-factor authentication requirement of organisation acme-labs: the GitHub API kept failing (${SAFE_ERROR}).`,
  failing: orgItem({ org: 'acme-ops', twoFactorRequired: ok(false) }),
});
