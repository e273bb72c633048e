import { check } from '../../../src/checks/repo/repo.ci.excessive-permissions.js';
import { repoItem, workflow } from '../../helpers/repo-evidence.js';
import { checkTable } from '../../helpers/run-check.js';

const CHECKOUT = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683';
const one = (lines: string[]) => repoItem({ workflows: [workflow('.github/workflows/ci.yml', lines)] });

checkTable(check, {
  valid: [
    {
      name: 'read-only at the top, a write scope granted to one job',
      items: [one(['on: push', 'permissions:', '  contents: read', 'jobs:', '  release:', '    permissions:', '      contents: write', '    runs-on: ubuntu-latest', '    steps:', '      - run: make'])],
      passes: ['least-privilege'],
    },
    {
      name: 'no top-level block, but every job declares its own (an empty one grants nothing)',
      items: [one(['on: [push, pull_request]', 'jobs:', '  a:', '    permissions: {}', '    runs-on: ubuntu-latest', '    steps: [{ run: make }]', '  b:', '    permissions: read-all', '    uses: ./.github/workflows/b.yml'])],
      passes: ['least-privilege'],
    },
    {
      name: 'pull_request_target checking out the base branch (no ref) is safe',
      items: [one(['on: pull_request_target', 'permissions:', '  pull-requests: write', 'jobs:', '  label:', '    runs-on: ubuntu-latest', '    steps:', `      - uses: ${CHECKOUT}`])],
      passes: ['least-privilege'],
    },
    {
      name: 'pull_request (no secrets, read token for forks) may check out the head',
      items: [one(['on: pull_request', 'permissions: read-all', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', `      - uses: ${CHECKOUT}`, '        with:', '          ref: ${{ github.event.pull_request.head.sha }}'])],
      passes: ['least-privilege'],
    },
    {
      name: 'action files have no token: no workflows to judge',
      items: [repoItem({ workflows: [workflow('action.yml', ['runs:', '  using: composite', '  steps:', `    - uses: ${CHECKOUT}`], 'action')] })],
      empty: ['no-workflows'],
    },
  ],
  invalid: [
    {
      name: 'write-all at the top: at the value; jobs inherit it and are not reported again',
      items: [one(['on: push', 'permissions: write-all', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - run: make'])],
      errors: [{
        messageId: 'write-all', severity: 'high', line: 2, column: 14, key: 'permissions',
        message: 'The workflow in .github/workflows/ci.yml sets permissions: write-all, giving its GITHUB_TOKEN write access to every scope (contents, packages, actions, ...).',
      }],
    },
    {
      name: 'write-all on a job',
      items: [one(['on: push', 'permissions:', '  contents: read', 'jobs:', '  release:', '    permissions: write-all', '    runs-on: ubuntu-latest', '    steps:', '      - run: make'])],
      errors: [{ messageId: 'write-all', severity: 'high', line: 6, column: 18, key: 'jobs.release.permissions', data: { scope: 'job "release"' } }],
    },
    {
      name: 'no permissions anywhere: each job without its own block fails at the job key',
      items: [one(['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - run: make', '  deploy:', '    permissions:', '      contents: read', '    runs-on: ubuntu-latest', '    steps:', '      - run: make deploy'])],
      errors: [{
        messageId: 'default-permissions', severity: 'medium', line: 3, column: 3, key: 'jobs.build',
        message: 'The job "build" in .github/workflows/ci.yml declares no permissions and neither does the workflow, so its GITHUB_TOKEN gets the repository default, which may be read-write.',
      }],
    },
    {
      name: 'pull_request_target checking out the PR head: critical, at the ref value',
      items: [one([
        'on:',
        '  pull_request_target:',
        '    types: [opened]',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  preview:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        `      - uses: ${CHECKOUT}`,
        '        with:',
        '          ref: ${{ github.event.pull_request.head.sha }}',
        '      - run: npm install && npm test',
      ])],
      errors: [{
        messageId: 'pull-request-target-checkout', severity: 'critical', line: 12, column: 16, key: 'jobs.preview.steps[0].with.ref',
        message: 'The job "preview" in .github/workflows/ci.yml runs on pull_request_target and checks out the pull request\'s own code (${{ github.event.pull_request.head.sha }}); that untrusted code runs with a write-capable token and the repository\'s secrets (a "pwn request").',
      }],
    },
    {
      name: 'workflow_run checking out the triggering head, plus a job on default permissions',
      items: [one([
        'on:',
        '  workflow_run:',
        '    workflows: [ci]',
        'jobs:',
        '  report:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '        with:',
        "          ref: '${{ github.event.workflow_run.head_sha }}'",
      ])],
      errors: [
        { messageId: 'default-permissions', severity: 'medium', line: 5, column: 3, key: 'jobs.report' },
        { messageId: 'pull-request-target-checkout', severity: 'critical', line: 10, column: 16, key: 'jobs.report.steps[0].with.ref', data: { trigger: 'workflow_run' } },
      ],
    },
  ],
});
