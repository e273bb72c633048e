import { check } from '../../../src/checks/repo/repo.ci.unpinned-action.js';
import { repoItem, workflow } from '../../helpers/repo-evidence.js';
import { checkTable } from '../../helpers/run-check.js';

const SHA = '49933ea5288caeca8642d1e84afbd3f7d6820020';
const DIGEST = `sha256:${'ab12'.repeat(16)}`;

checkTable(check, {
  valid: [
    {
      name: 'every reference pinned: SHA, image digest, local action and local reusable workflow',
      items: [repoItem({
        workflows: [workflow('.github/workflows/ci.yml', [
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          `      - uses: actions/checkout@${SHA} # v4.2.2`,
          `      - uses: docker://alpine@${DIGEST}`,
          '      - uses: ./.github/actions/setup',
          '  release:',
          '    uses: ./.github/workflows/release.yml',
        ])],
      })],
      passes: ['pinned'],
    },
    {
      name: 'a workflow with run steps only',
      items: [repoItem({ workflows: [workflow('.github/workflows/lint.yml', ['on: push', 'jobs:', '  lint:', '    runs-on: ubuntu-latest', '    steps:', '      - run: make lint'])] })],
      empty: ['no-remote-references'],
    },
    {
      name: 'a composite action whose steps are pinned',
      items: [repoItem({ workflows: [workflow('.github/actions/setup/action.yml', ['name: setup', 'runs:', '  using: composite', '  steps:', `    - uses: actions/setup-node@${SHA}`], 'action')] })],
      passes: ['pinned'],
    },
    { name: 'no workflows', items: [repoItem()], empty: ['no-workflows'] },
  ],
  invalid: [
    {
      name: 'tags, branches and image tags fail at the value; GitHub-owned actions are medium, others high',
      items: [repoItem({
        workflows: [workflow('.github/workflows/release.yml', [
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - uses: actions/checkout@v4',
          '      - uses: docker://alpine:3.20',
          '      - uses: some-org/deploy-action@main',
          '      - uses: ./local-action',
          `      - uses: github/codeql-action/init@${SHA.slice(0, 7)}`,
          '  call:',
          '    uses: org/shared/.github/workflows/release.yml@v1',
        ])],
      })],
      errors: [
        {
          messageId: 'unpinned-action', severity: 'medium', line: 6, column: 15, key: 'jobs.build.steps[0].uses',
          message: 'The action actions/checkout in .github/workflows/release.yml is referenced by "v4", a tag or branch that can be moved to other code; only a full 40-character commit SHA fixes what runs.',
        },
        {
          messageId: 'unpinned-image', severity: 'high', line: 7, column: 15, key: 'jobs.build.steps[1].uses',
          message: 'The container image alpine:3.20 in .github/workflows/release.yml is referenced by tag, not by sha256 digest, so the image that runs can change without a change to the workflow.',
        },
        { messageId: 'unpinned-action', severity: 'high', line: 8, column: 15, key: 'jobs.build.steps[2].uses', data: { action: 'some-org/deploy-action', ref: 'main' } },
        { messageId: 'unpinned-action', severity: 'medium', line: 10, column: 15, key: 'jobs.build.steps[4].uses', data: { action: 'github/codeql-action/init' } },
        { messageId: 'unpinned-action', severity: 'high', line: 12, column: 11, key: 'jobs.call.uses', data: { what: 'reusable workflow', ref: 'v1' } },
      ],
    },
    {
      name: 'composite action step without a version; Docker action image by tag',
      items: [repoItem({
        workflows: [
          workflow('action.yml', ['name: x', 'runs:', '  using: composite', '  steps:', '    - run: echo', '      shell: bash', '    - uses: vendor/tool'], 'action'),
          workflow('docker-action/action.yaml', ['runs:', '  using: docker', '  image: docker://ghcr.io/vendor/tool:1.2'], 'action'),
        ],
      })],
      errors: [
        {
          messageId: 'unversioned-action', severity: 'high', line: 7, column: 13, key: 'runs.steps[1].uses',
          message: 'The action vendor/tool in action.yml is referenced without any version, so whatever its default branch holds runs.',
        },
        { messageId: 'unpinned-image', severity: 'high', line: 3, column: 10, key: 'runs.image', data: { image: 'ghcr.io/vendor/tool:1.2' } },
      ],
    },
  ],
});
