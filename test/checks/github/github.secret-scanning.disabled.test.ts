import { check } from '../../../src/checks/github/github.secret-scanning.disabled.js';
import { describeUnseen } from '../../helpers/github-checks.js';
import { apiError, denied, LEAKY_ERROR, ok, repoItem, SAFE_ERROR } from '../../helpers/github-evidence.js';
import { checkTable } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    { name: 'secret scanning and push protection on', items: [repoItem()], passes: ['enabled'] },
    {
      name: 'push protection not reported: unseen, never a pass',
      items: [repoItem({ secretScanning: ok({ enabled: true, pushProtection: null }) })],
      unseen: ['push-protection-unknown'],
    },
    {
      name: 'settings the token may not read: unseen',
      items: [repoItem({ secretScanning: denied('administration: read') })],
      unseen: ['denied'],
    },
  ],
  invalid: [
    {
      name: 'secret scanning off',
      items: [repoItem({ secretScanning: ok({ enabled: false, pushProtection: false }) })],
      errors: [{
        messageId: 'disabled', severity: 'high', key: 'repo:acme/api',
        message: 'Secret scanning is off for repository acme/api, so GitHub neither alerts on committed credentials nor blocks pushes that contain them.',
      }],
    },
    {
      name: 'secret scanning off, push protection not reported: one failure',
      items: [repoItem({ secretScanning: ok({ enabled: false, pushProtection: null }) })],
      errors: [{ messageId: 'disabled', severity: 'high', key: 'repo:acme/api' }],
    },
    {
      name: 'scanning on, push protection off: a medium failure with its own key',
      items: [repoItem({ secretScanning: ok({ enabled: true, pushProtection: false }) })],
      errors: [{
        messageId: 'push-protection-off', severity: 'medium', key: 'repo:acme/api#push-protection',
        message: 'Secret scanning is on for repository acme/api but push protection is off, so a credential is reported only after it has been pushed.',
      }],
    },
    {
      name: 'one result per repository',
      items: [
        repoItem(),
        repoItem({ repo: 'acme/web', secretScanning: ok({ enabled: false, pushProtection: null }) }),
        repoItem({ repo: 'acme/docs', secretScanning: ok({ enabled: true, pushProtection: false }) }),
      ],
      errors: [
        { messageId: 'disabled', severity: 'high', key: 'repo:acme/web' },
        { messageId: 'push-protection-off', severity: 'medium', key: 'repo:acme/docs#push-protection' },
      ],
      passes: ['enabled'],
    },
  ],
});

describeUnseen(check, {
  denied: repoItem({ secretScanning: denied('administration: read') }),
  deniedMessage: 'Cannot see the secret scanning settings of repository acme/api: the token needs administration: read (HTTP 403).',
  errored: repoItem({ secretScanning: apiError(LEAKY_ERROR) }),
  erroredMessage: `Cannot see the secret scanning settings of repository acme/api: the GitHub API kept failing (${SAFE_ERROR}).`,
  failing: repoItem({ repo: 'acme/bad', secretScanning: ok({ enabled: false, pushProtection: false }) }),
});
