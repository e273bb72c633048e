import { check } from '../../../src/checks/repo/repo.codeowners.missing.js';
import { repoItem } from '../../helpers/repo-evidence.js';
import { checkTable } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    { name: 'CODEOWNERS with rules', items: [repoItem({ codeowners: { path: '.github/CODEOWNERS', rules: 3 } })], passes: ['present'] },
  ],
  invalid: [
    {
      name: 'no CODEOWNERS anywhere',
      items: [repoItem({ root: 'svc' })],
      errors: [{
        messageId: 'missing', severity: 'medium', key: 'codeowners',
        message: 'The repository at svc has no CODEOWNERS file (.github/, root or docs/), so no one is required to review changes to its MCP configurations and server code.',
      }],
    },
    {
      name: 'CODEOWNERS with comments only: a distinct message at the file',
      items: [repoItem({ codeowners: { path: 'docs/CODEOWNERS', rules: 0 } })],
      errors: [{ messageId: 'no-rules', severity: 'medium', key: 'codeowners', message: 'The CODEOWNERS file docs/CODEOWNERS holds no rule, so it assigns no owner to any path.' }],
    },
  ],
});
