import { check } from '../../../src/checks/repo/repo.secrets.committed.js';
import { repoItem } from '../../helpers/repo-evidence.js';
import { checkTable } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    {
      name: 'nothing found: the pass says how much was scanned',
      items: [repoItem({ files: { listed: 12, scanned: 10, skipped: [{ reason: 'binary', count: 1 }, { reason: 'lockfile', count: 1 }] } })],
      passes: ['no-secrets'],
    },
  ],
  invalid: [
    {
      name: 'one result per finding: kind and place, keyed by kind and order within the file',
      items: [repoItem({
        secrets: {
          total: 3,
          findings: [
            { path: '.env', line: 6, column: 13, kind: 'high-entropy-secret' },
            { path: '.env', line: 9, column: 13, kind: 'high-entropy-secret' },
            { path: 'src/config.ts', line: 3, column: 20, kind: 'github-token' },
          ],
        },
      })],
      errors: [
        {
          messageId: 'committed-secret', severity: 'critical', line: 6, column: 13, key: 'secret:high-entropy-secret#1',
          message: 'A committed secret value is in .env at line 6; anyone who can read the repository, a clone of it or its history can use it.',
        },
        { messageId: 'committed-secret', severity: 'critical', line: 9, column: 13, key: 'secret:high-entropy-secret#2' },
        { messageId: 'committed-secret', severity: 'critical', line: 3, column: 20, key: 'secret:github-token#1', data: { kind: 'GitHub token', secretKind: 'github-token' } },
      ],
    },
    {
      name: 'more findings than the evidence lists: a summary failure at the root',
      items: [repoItem({ root: 'svc', secrets: { total: 501, findings: [{ path: 'svc/a.txt', line: 1, column: 1, kind: 'jwt' }] } })],
      errors: [
        { messageId: 'committed-secret', severity: 'critical', line: 1, column: 1, key: 'secret:jwt#1' },
        {
          messageId: 'more-secrets', severity: 'critical', key: 'secrets-total',
          message: 'The repository at svc holds 501 committed secrets; only the first 1 are listed one by one.',
        },
      ],
    },
  ],
});
