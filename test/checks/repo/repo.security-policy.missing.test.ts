import { check } from '../../../src/checks/repo/repo.security-policy.missing.js';
import { repoItem } from '../../helpers/repo-evidence.js';
import { checkTable } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    { name: 'SECURITY.md in .github/', items: [repoItem({ securityPolicy: '.github/SECURITY.md' })], passes: ['present'] },
    { name: 'security.md in docs/ of a repository below the root', items: [repoItem({ root: 'svc', securityPolicy: 'svc/docs/security.md' })], passes: ['present'] },
  ],
  invalid: [
    {
      name: 'no SECURITY.md: fails at the repository root, naming the three places',
      items: [repoItem()],
      errors: [{
        messageId: 'missing', severity: 'low', key: 'security-policy',
        message: 'The repository at the assessed root has no SECURITY.md in its root, .github/ or docs/ folder, so a reporter finds no private way to disclose a vulnerability.',
      }],
    },
    {
      name: 'one result per repository',
      items: [repoItem({ root: 'billing-service' }), repoItem({ root: 'clinical-assistant', securityPolicy: 'clinical-assistant/SECURITY.md' })],
      errors: [{ messageId: 'missing', severity: 'low', key: 'security-policy', data: { repository: 'billing-service' } }],
      passes: ['present'],
    },
  ],
});
