/**
 * What the repo collector records about a repository's files: governance files, manifests and
 * lockfiles, dependency-update configuration, workflows with positions, and the problems it reports.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readManifest } from '../../../src/collectors/repo/manifests.js';
import { parseWorkflowFile } from '../../../src/collectors/repo/workflows.js';
import { collect, gitRepo, onlyRepository, unreadable } from './helpers.js';

const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';
const DEPS = '{ "name": "x", "dependencies": { "zod": "^3.25.0" } }\n';

describe('repo collector: governance files', () => {
  it('finds SECURITY.md in any letter case where GitHub looks, CODEOWNERS with its rule count, Dependabot and Renovate', async () => {
    const root = gitRepo({
      'docs/Security.md': '# policy\n',
      'src/SECURITY.md': 'not a policy location\n',
      '.github/CODEOWNERS': '# owners\n\n*        @org/team\n/src/   @org/src # inline comment\n',
      'CODEOWNERS': '* @ignored\n',
      '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n  - package-ecosystem: "github-actions"\n    directory: /\n',
      '.renovaterc.json': '{}',
    });
    const repo = onlyRepository(await collect({ root }));
    assert.equal(repo.securityPolicy, 'docs/Security.md');
    assert.deepEqual(repo.codeowners, { path: '.github/CODEOWNERS', rules: 2 });
    assert.deepEqual(repo.dependencyUpdates, {
      renovate: '.renovaterc.json',
      dependabot: {
        path: '.github/dependabot.yml', readable: true, updatesAt: { line: 2, column: 1 },
        ecosystems: [{ value: 'npm', line: 3, column: 24 }, { value: 'github-actions', line: 5, column: 24 }],
      },
      present: [],
    });
  });

  it('records none of them when absent; a renovate key in the root package.json counts as Renovate', async () => {
    const repo = onlyRepository(await collect({ root: gitRepo({ 'package.json': '{ "renovate": { "extends": ["config:recommended"] } }' }) }));
    assert.equal(repo.securityPolicy, undefined);
    assert.equal(repo.codeowners, undefined);
    assert.deepEqual(repo.dependencyUpdates, { renovate: 'package.json', present: [] });
  });

  it('reports a malformed dependabot.yml with its position and records it as unreadable', async () => {
    const items = await collect({ root: gitRepo({ '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: [npm\n' }) });
    assert.equal(onlyRepository(items).dependencyUpdates.dependabot?.readable, false);
    const [problem] = unreadable(items);
    assert.equal(problem!.path, '.github/dependabot.yml');
    assert.equal(problem!.code, 'parse-error');
    assert.equal(problem!.line, 4);
  });
});

describe('repo collector: manifests and lockfiles', () => {
  it('pairs each manifest with its lockfile: own folder, workspace root above, none', async () => {
    const repo = onlyRepository(await collect({
      root: gitRepo({
        'package.json': DEPS,
        'pnpm-lock.yaml': 'lockfileVersion: 9\n',
        'packages/api/package.json': DEPS,
        'tools/package.json': '{ "name": "tools", "scripts": { "x": "y" } }',
        'node_modules/dep/package.json': DEPS,
        'svc/package.json': DEPS,
        'svc/bun.lockb': Buffer.from([0, 1, 2]),
        'py/pyproject.toml': '[project]\nname = "x"\ndependencies = ["httpx>=0.27"]\n',
        'py/uv.lock': 'version = 1\n',
        'lint/pyproject.toml': '[tool.ruff]\nline-length = 100\n',
        'poetry/pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.12"\nrequests = "^2"\n',
        'pipenv/Pipfile': '[packages]\nrequests = "*"\n',
        'go/go.mod': 'module example.com/x\n\ngo 1.22\n\nrequire github.com/pkg/errors v0.9.1\n',
        'go-empty/go.mod': 'module example.com/y\n\ngo 1.22\n',
        'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n',
        'Cargo.lock': 'version = 3\n',
        'crates/a/Cargo.toml': '[package]\nname = "a"\n\n[dependencies]\nserde = "1"\n',
      }),
    }));
    assert.deepEqual(repo.manifests, [
      { path: 'Cargo.toml', ecosystem: 'cargo', lockfile: 'Cargo.lock' },
      { path: 'crates/a/Cargo.toml', ecosystem: 'cargo', lockfile: 'Cargo.lock' },
      { path: 'go-empty/go.mod', ecosystem: 'gomod', noDependencies: true },
      { path: 'go/go.mod', ecosystem: 'gomod' },
      { path: 'lint/pyproject.toml', ecosystem: 'pip', noDependencies: true },
      { path: 'package.json', ecosystem: 'npm', lockfile: 'pnpm-lock.yaml' },
      { path: 'packages/api/package.json', ecosystem: 'npm', lockfile: 'pnpm-lock.yaml' },
      { path: 'pipenv/Pipfile', ecosystem: 'pip' },
      { path: 'poetry/pyproject.toml', ecosystem: 'pip' },
      { path: 'py/pyproject.toml', ecosystem: 'pip', lockfile: 'py/uv.lock' },
      { path: 'svc/package.json', ecosystem: 'npm', lockfile: 'svc/bun.lockb' },
      { path: 'tools/package.json', ecosystem: 'npm', lockfile: 'pnpm-lock.yaml', noDependencies: true },
    ]);
    assert.deepEqual(repo.dependencyUpdates.present, [
      { ecosystem: 'cargo', path: 'Cargo.toml' },
      { ecosystem: 'gomod', path: 'go/go.mod' },
      { ecosystem: 'npm', path: 'package.json' },
      { ecosystem: 'pip', path: 'pipenv/Pipfile' },
    ]);
  });

  it('reports a manifest that does not parse and still asks for its lockfile', async () => {
    const items = await collect({ root: gitRepo({ 'package.json': '{ "dependencies": { "x": "1" }' }) });
    assert.deepEqual(onlyRepository(items).manifests, [{ path: 'package.json', ecosystem: 'npm' }]);
    assert.deepEqual(unreadable(items).map((u) => [u.path, u.code, u.line]), [['package.json', 'parse-error', 1]]);
  });

  it('records docker and github-actions as ecosystems in use', async () => {
    const repo = onlyRepository(await collect({ root: gitRepo({ 'deploy/api.Dockerfile': 'FROM node:20\n', '.github/workflows/ci.yml': 'on: push\njobs: {}\n' }) }));
    assert.deepEqual(repo.dependencyUpdates.present, [
      { ecosystem: 'github-actions', path: '.github/workflows/ci.yml' },
      { ecosystem: 'docker', path: 'deploy/api.Dockerfile' },
    ]);
  });
});

describe('requirements files', () => {
  const read = (lines: string[]) => readManifest('requirements.txt', lines.join('\n'));

  it('is its own lock when every requirement is pinned with == or carries --hash; options and comments are not requirements', () => {
    assert.deepEqual(read([
      '# pinned with pip-compile',
      '--index-url https://pypi.org/simple',
      '-r base.txt',
      'requests==2.32.3  # http',
      'Django[argon2] == 5.1.4 ; python_version >= "3.10"',
      'urllib3>=2 \\',
      '    --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000',
      '',
    ]), { pinned: true });
  });

  it('records the first unpinned requirement with its line and column, and only its name', () => {
    assert.deepEqual(read(['requests==2.32.3', '', '   httpx>=0.27', 'flask']), { unpinned: { line: 3, column: 4, name: 'httpx' } });
    assert.deepEqual(read(['numpy==2.*']), { unpinned: { line: 1, column: 1, name: 'numpy' } });
    assert.deepEqual(read(['-e git+https://example.com/x.git#egg=x']), { unpinned: { line: 1, column: 1, name: '(a direct or editable reference)' } });
    assert.deepEqual(read(['pkg @ https://example.com/pkg-1.0.tar.gz']), { unpinned: { line: 1, column: 1, name: 'pkg' } });
  });

  it('declares nothing when it holds only options and comments', () => {
    assert.deepEqual(read(['# nothing yet', '-r other.txt']), { noDependencies: true });
  });

  it('is found under any requirements*.txt name and judged in the repository', async () => {
    const repo = onlyRepository(await collect({ root: gitRepo({ 'requirements.txt': 'a==1\n', 'requirements-dev.txt': 'a==1\n  pytest\n', 'requirements/base.txt': 'x\n' }) }));
    assert.deepEqual(repo.manifests, [
      { path: 'requirements-dev.txt', ecosystem: 'pip', unpinned: { line: 2, column: 3, name: 'pytest' } },
      { path: 'requirements.txt', ecosystem: 'pip', lockfile: 'requirements.txt' },
    ]);
  });
});

describe('workflows', () => {
  it('records triggers, permissions, jobs, every uses: with its position, and checkout refs', () => {
    const { workflow } = parseWorkflowFile([
      'name: release',
      'on:',
      '  push:',
      '  pull_request_target:',
      '    types: [opened]',
      'permissions:',
      '  contents: read',
      '  id-token: write',
      'jobs:',
      '  build:',
      '    permissions: write-all',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo',
      `      - uses: actions/checkout@${SHA} # v4.2.2`,
      '        with:',
      '          ref: ${{ github.event.pull_request.head.sha }}',
      '      - uses: "docker://alpine:3"',
      '  call:',
      '    uses: org/repo/.github/workflows/x.yml@main',
      '    permissions: {}',
    ].join('\n'), 'workflow');
    assert.deepEqual(workflow, {
      kind: 'workflow',
      triggers: ['push', 'pull_request_target'],
      permissions: { value: { contents: 'read', 'id-token': 'write' }, line: 7, column: 3 },
      jobs: [
        {
          id: 'build', line: 10, column: 3,
          permissions: { value: 'write-all', line: 11, column: 18 },
          uses: [
            { value: `actions/checkout@${SHA}`, pointer: 'jobs.build.steps[1].uses', line: 15, column: 15 },
            { value: 'docker://alpine:3', pointer: 'jobs.build.steps[2].uses', line: 18, column: 15 },
          ],
          checkouts: [{ value: '${{ github.event.pull_request.head.sha }}', pointer: 'jobs.build.steps[1].with.ref', line: 17, column: 16 }],
        },
        {
          id: 'call', line: 19, column: 3,
          permissions: { value: {}, line: 21, column: 18 },
          uses: [{ value: 'org/repo/.github/workflows/x.yml@main', pointer: 'jobs.call.uses', line: 20, column: 11 }],
          checkouts: [],
        },
      ],
      uses: [],
    });
  });

  it('reads the string and list forms of on:', () => {
    assert.deepEqual(parseWorkflowFile('on: push\njobs: {}\n', 'workflow').workflow?.triggers, ['push']);
    assert.deepEqual(parseWorkflowFile('on: [push, workflow_run]\njobs: {}\n', 'workflow').workflow?.triggers, ['push', 'workflow_run']);
  });

  it('reports malformed and non-mapping workflows with positions; the other workflows are still read', async () => {
    const items = await collect({
      root: gitRepo({
        '.github/workflows/bad.yml': 'on: push\njobs:\n  build:\n    steps: [\n',
        '.github/workflows/list.yaml': '- just\n- a list\n',
        '.github/workflows/good.yml': 'on: push\njobs: {}\n',
        '.github/workflows/nested/ignored.yml': 'on: push\n',
        '.github/workflows/README.md': '# not a workflow\n',
      }),
    });
    assert.deepEqual(onlyRepository(items).workflows.map((w) => w.path), ['.github/workflows/good.yml']);
    const problems = unreadable(items);
    assert.deepEqual(problems.map((p) => [p.path, p.code, p.line, p.column]), [
      ['.github/workflows/bad.yml', 'parse-error', 5, 1],
      ['.github/workflows/list.yaml', 'unknown-shape', 1, 1],
    ]);
  });

  it('reads composite and Docker action files anywhere, but not JavaScript actions or those in dependency folders', async () => {
    const repo = onlyRepository(await collect({
      root: gitRepo({
        'action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: actions/cache@v4\n',
        'docker/action.yaml': 'runs:\n  using: docker\n  image: docker://ghcr.io/o/i:1\n',
        'js/action.yml': 'runs:\n  using: node20\n  main: index.js\n',
        'node_modules/x/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: a/b@c\n',
      }),
    }));
    assert.deepEqual(repo.workflows, [
      { path: 'action.yml', kind: 'action', triggers: [], jobs: [], uses: [{ value: 'actions/cache@v4', pointer: 'runs.steps[0].uses', line: 4, column: 13 }] },
      { path: 'docker/action.yaml', kind: 'action', triggers: [], jobs: [], uses: [{ value: 'docker://ghcr.io/o/i:1', pointer: 'runs.image', line: 3, column: 10 }] },
    ]);
    assert.deepEqual(repo.dependencyUpdates.present, [{ ecosystem: 'github-actions', path: 'action.yml' }]);
  });
});
