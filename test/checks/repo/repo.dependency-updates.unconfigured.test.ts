import { check } from '../../../src/checks/repo/repo.dependency-updates.unconfigured.js';
import { dependabot, repoItem } from '../../helpers/repo-evidence.js';
import { checkTable } from '../../helpers/run-check.js';

const npmAndActions = [{ ecosystem: 'npm', path: 'package.json' }, { ecosystem: 'github-actions', path: '.github/workflows/ci.yml' }] as const;
const updates = (...ecosystems: string[]) => [
  'version: 2',
  'updates:',
  ...ecosystems.flatMap((e) => [`  - package-ecosystem: ${e}`, '    directory: /', '    schedule: { interval: weekly }']),
];

checkTable(check, {
  valid: [
    {
      name: 'Dependabot covers every ecosystem in use',
      items: [repoItem({ dependencyUpdates: { present: [...npmAndActions], dependabot: dependabot('.github/dependabot.yml', updates('npm', 'github-actions')) } })],
      passes: ['dependabot'],
    },
    {
      name: 'uv entry covers pip; bun entry covers npm',
      items: [repoItem({ dependencyUpdates: { present: [{ ecosystem: 'pip', path: 'pyproject.toml' }, { ecosystem: 'npm', path: 'web/package.json' }], dependabot: dependabot('.github/dependabot.yaml', updates('uv', 'bun')) } })],
      passes: ['dependabot'],
    },
    {
      name: 'Renovate covers all, even beside an incomplete Dependabot file',
      items: [repoItem({ dependencyUpdates: { present: [...npmAndActions], renovate: 'renovate.json', dependabot: dependabot('.github/dependabot.yml', updates('npm')) } })],
      passes: ['renovate'],
    },
    { name: 'nothing to update and nothing configured', items: [repoItem()], empty: ['nothing-to-update'] },
  ],
  invalid: [
    {
      name: 'neither Dependabot nor Renovate: at the root',
      items: [repoItem({ root: 'billing-service', dependencyUpdates: { present: [...npmAndActions] } })],
      errors: [{
        messageId: 'unconfigured', severity: 'medium', key: 'dependency-updates',
        message: 'The repository at billing-service uses npm, github-actions but has neither a Dependabot configuration (.github/dependabot.yml) nor a Renovate configuration, so outdated and vulnerable dependencies raise no update pull requests.',
      }],
    },
    {
      name: 'Dependabot misses an ecosystem in use: at the updates key, one result per ecosystem',
      items: [repoItem({ dependencyUpdates: { present: [...npmAndActions, { ecosystem: 'docker', path: 'Dockerfile' }], dependabot: dependabot('.github/dependabot.yml', updates('npm')) } })],
      errors: [
        {
          messageId: 'ecosystem-not-covered', severity: 'medium', line: 2, column: 1, key: 'ecosystem:github-actions',
          message: 'The Dependabot configuration .github/dependabot.yml has no updates entry for github-actions, which the repository uses (.github/workflows/ci.yml), so those dependencies get no update pull requests.',
        },
        { messageId: 'ecosystem-not-covered', severity: 'medium', line: 2, column: 1, key: 'ecosystem:docker', data: { example: 'Dockerfile' } },
      ],
    },
    {
      name: 'Dependabot file that does not parse',
      items: [repoItem({ dependencyUpdates: { present: [...npmAndActions], dependabot: dependabot('.github/dependabot.yml', ['version: 2', 'updates:', '  - package-ecosystem: [npm']) } })],
      errors: [{ messageId: 'dependabot-unreadable', severity: 'medium', key: 'dependency-updates' }],
    },
  ],
});
