/**
 * Which folders are repositories and which of their files are looked at: git indexes (v2, v4,
 * worktrees), the fallback walk (corrupt or missing index, no git), .gitignore, symbolic links, the
 * enclosing-repository case. Which files were read shows in where planted secrets are found.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { collect, fakeToken, git, gitRepo, onlyRepository, repositories, tempDir, unreadable, writeFiles } from './helpers.js';

const SECRET_LINE = `DB_PASSWORD=${fakeToken('', 24, 3)}\n`;
const folder = (parent: string, rel: string) => {
  const made = path.join(parent, rel);
  fs.mkdirSync(made, { recursive: true });
  return made;
};
const secretPaths = (repo: { secrets: { findings: Array<{ path: string }> } }) => repo.secrets.findings.map((f) => f.path);

describe('repo collector: git repositories', () => {
  it('lists the tracked files of a version 2 index: untracked files are not read', async () => {
    const root = gitRepo({ 'tracked.env': SECRET_LINE, 'sub/also.env': SECRET_LINE });
    writeFiles(root, { 'untracked.env': SECRET_LINE });
    const items = await collect({ root });
    const repo = onlyRepository(items);
    assert.equal(items[0]!.id, 'repository:.');
    assert.equal(repo.root, '.');
    assert.equal(repo.git, true);
    assert.equal(repo.listing, 'git-index');
    assert.deepEqual(secretPaths(repo), ['sub/also.env', 'tracked.env']);
    assert.deepEqual(repo.files, { listed: 2, scanned: 2, skipped: [] });
    assert.deepEqual(unreadable(items), []);
  });

  it('reads a version 4 index to the same evidence', async () => {
    const root = gitRepo({ 'a/b/c.env': SECRET_LINE, 'a/b/d.env': SECRET_LINE, 'package.json': '{"dependencies":{"x":"1"}}', 'package-lock.json': '{}' });
    const v2 = await collect({ root });
    git(root, 'update-index', '--index-version', '4');
    assert.equal(fs.readFileSync(path.join(root, '.git', 'index')).readUInt32BE(4), 4);
    assert.deepEqual(await collect({ root }), v2);
  });

  it('follows a worktree .git file to its index, and finds both work trees under a parent folder', async () => {
    const parent = tempDir();
    const main = gitRepo({ 'main.env': SECRET_LINE }, folder(parent, 'main'));
    git(main, 'worktree', 'add', '-q', '-b', 'feature', path.join(parent, 'wt'));
    writeFiles(path.join(parent, 'wt'), { 'feature.env': SECRET_LINE });
    git(path.join(parent, 'wt'), 'add', 'feature.env');
    const found = repositories(await collect({ root: parent }));
    assert.deepEqual(found.map((r) => [r.root, r.listing]), [['main', 'git-index'], ['wt', 'git-index']]);
    assert.deepEqual(secretPaths(found[1]!), ['wt/feature.env', 'wt/main.env']);
  });

  it('reports a corrupt index and walks the folder instead', async () => {
    const root = gitRepo({ 'a.env': SECRET_LINE });
    fs.writeFileSync(path.join(root, '.git', 'index'), 'DIRC garbage');
    const items = await collect({ root });
    const repo = onlyRepository(items);
    assert.equal(repo.listing, 'walk');
    assert.deepEqual(secretPaths(repo), ['a.env']);
    const [problem] = unreadable(items);
    assert.equal(problem!.path, '.git/index');
    assert.equal(problem!.code, 'parse-error');
    assert.match(problem!.reason, /walked instead/);
  });

  it('reports a repository without an index (nothing committed yet) and walks it', async () => {
    const root = tempDir();
    git(root, 'init', '-q');
    writeFiles(root, { 'new.env': SECRET_LINE });
    const items = await collect({ root });
    assert.equal(onlyRepository(items).listing, 'walk');
    assert.deepEqual(unreadable(items).map((u) => [u.path, u.code]), [['.git/index', 'missing']]);
  });

  it('counts links, submodules and unreadable paths instead of reading them', async () => {
    const sub = gitRepo({ 'inner.env': SECRET_LINE });
    const root = gitRepo({ 'README.md': '# x\n' });
    fs.symlinkSync('README.md', path.join(root, 'link.md'));
    git(root, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'vendored');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'more');
    const found = repositories(await collect({ root }));
    assert.deepEqual(found.map((r) => r.root), ['.', 'vendored']);
    const repo = found[0]!;
    assert.deepEqual(repo.files.skipped, [{ reason: 'submodule', count: 1 }, { reason: 'symlink', count: 1 }]);
    assert.deepEqual(secretPaths(repo), []);
  });

  it('never reads through a tracked folder that was replaced by a link out of the repository', async () => {
    const outside = tempDir();
    writeFiles(outside, { 'conf/app.env': SECRET_LINE });
    const root = gitRepo({ 'conf/app.env': 'SAFE=1\n' });
    fs.rmSync(path.join(root, 'conf'), { recursive: true });
    fs.symlinkSync(path.join(outside, 'conf'), path.join(root, 'conf'));
    const repo = onlyRepository(await collect({ root }));
    assert.deepEqual(secretPaths(repo), []);
    assert.deepEqual(repo.files.skipped, [{ reason: 'outside-repository', count: 1 }]);
  });

  it('never runs git: a core.fsmonitor command in the repository config stays unexecuted', async () => {
    const root = gitRepo({ 'a.txt': 'a\n' });
    const marker = path.join(tempDir(), 'pwned');
    git(root, 'config', 'core.fsmonitor', `touch ${marker}`);
    await collect({ root });
    assert.equal(fs.existsSync(marker), false);
  });
});

describe('repo collector: folders without git', () => {
  it('walks a sources.repos folder honouring nested .gitignore files and negation; .git and dependency folders are not entered', async () => {
    const root = tempDir();
    writeFiles(root, {
      '.gitignore': '# build output\ndist/\n*.log\n!keep.log\n',
      'dist/bundle.env': SECRET_LINE,
      'a.log': SECRET_LINE,
      'keep.log': SECRET_LINE,
      'pkg/.gitignore': '/local.env\n!debug.log\n',
      'pkg/local.env': SECRET_LINE,
      'pkg/deeper/local.env': SECRET_LINE,
      'pkg/debug.log': SECRET_LINE,
      'node_modules/dep/index.env': SECRET_LINE,
      'nested/.git/HEAD': 'ref: refs/heads/main\n',
      'nested/inner.env': SECRET_LINE,
    });
    const repo = onlyRepository(await collect({ root: path.dirname(root), paths: [path.dirname(root)], repos: [root] }));
    const name = path.basename(root);
    assert.equal(repo.root, name);
    assert.equal(repo.git, false);
    assert.equal(repo.listing, 'walk');
    assert.deepEqual(secretPaths(repo), [`${name}/keep.log`, `${name}/pkg/debug.log`, `${name}/pkg/deeper/local.env`]);
    assert.deepEqual(repo.files.skipped, [{ reason: 'dependency-folder', count: 1 }, { reason: 'nested-repository', count: 1 }]);
  });

  it('reports symbolic link loops, never follows links, and goes on', async () => {
    const root = tempDir();
    writeFiles(root, { 'a.env': SECRET_LINE, 'sub/b.env': SECRET_LINE });
    fs.symlinkSync('.', path.join(root, 'sub', 'self'));
    fs.symlinkSync('..', path.join(root, 'sub', 'up'));
    fs.symlinkSync('ping', path.join(root, 'pong'));
    fs.symlinkSync('pong', path.join(root, 'ping'));
    fs.symlinkSync('/', path.join(root, 'outside'));
    fs.symlinkSync('a.env', path.join(root, 'alias.env'));
    const items = await collect({ root, repos: [root] });
    const repo = onlyRepository(items);
    assert.deepEqual(secretPaths(repo), ['a.env', 'sub/b.env']);
    assert.deepEqual(unreadable(items).map((u) => [u.path, u.code]), [['ping', 'symlink-loop'], ['pong', 'symlink-loop'], ['sub/self', 'symlink-loop'], ['sub/up', 'symlink-loop']]);
    assert.deepEqual(repo.files.skipped, [{ reason: 'symlink', count: 1 }, { reason: 'symlink-outside-repository', count: 1 }]);
  });

  it('reports a named repository folder that does not exist', async () => {
    const root = tempDir();
    const items = await collect({ root, repos: [path.join(root, 'gone')] });
    assert.deepEqual(items.map((i) => [i.kind, i.source, (i.data as { code?: string }).code]), [['unreadable-source', 'gone', 'not-found']]);
  });
});

describe('repo collector: which folders are repositories', () => {
  it('finds every repository under the assessed folders, nested ones too, but none in dependency folders', async () => {
    const parent = tempDir();
    for (const rel of ['a', 'b', 'a/packages/inner', 'node_modules/dep']) gitRepo({ 'x.txt': 'x\n' }, folder(parent, rel));
    const found = repositories(await collect({ root: parent }));
    assert.deepEqual(found.map((r) => r.root), ['a', 'a/packages/inner', 'b']);
  });

  it('uses the enclosing repository for a folder without .git: tracked files in scope, governance files at the top', async () => {
    const top = gitRepo({
      'SECURITY.md': '# policy\n',
      '.github/workflows/ci.yml': 'on: push\npermissions: read-all\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: make }]\n',
      'package-lock.json': '{}',
      'services/api/package.json': '{"dependencies":{"x":"1"}}',
      'services/api/.env': SECRET_LINE,
      'other/.env': SECRET_LINE,
    });
    writeFiles(top, { 'services/api/untracked.env': SECRET_LINE });
    const services = path.join(top, 'services');
    const items = await collect({ root: services });
    const repo = onlyRepository(items);
    assert.equal(items[0]!.id, `repository:${top}`);
    assert.equal(repo.root, top);
    assert.deepEqual(repo.scope, ['.']);
    assert.equal(repo.securityPolicy, `${top}/SECURITY.md`);
    assert.deepEqual(repo.workflows.map((w) => w.path), [`${top}/.github/workflows/ci.yml`]);
    assert.deepEqual(repo.manifests, [{ path: 'api/package.json', ecosystem: 'npm', lockfile: `${top}/package-lock.json` }]);
    assert.deepEqual(secretPaths(repo), ['api/.env']);
    assert.deepEqual(repo.files, { listed: 2, scanned: 2, skipped: [] });
  });

  it('limits a fallback walk of an enclosing repository to the scope, its parents and the governance folders', async () => {
    const top = gitRepo({ 'SECURITY.md': '# policy\n', 'yarn.lock': '', 'svc/package.json': '{"dependencies":{"x":"1"}}', 'svc/.env': SECRET_LINE, 'big/.env': SECRET_LINE });
    fs.writeFileSync(path.join(top, '.git', 'index'), 'corrupt');
    const repo = onlyRepository(await collect({ root: top, paths: [path.join(top, 'svc')] }));
    assert.equal(repo.listing, 'walk');
    assert.deepEqual(repo.scope, ['svc']);
    assert.equal(repo.securityPolicy, 'SECURITY.md');
    assert.deepEqual(repo.manifests, [{ path: 'svc/package.json', ecosystem: 'npm', lockfile: 'yarn.lock' }]);
    assert.deepEqual(secretPaths(repo), ['svc/.env']);
  });

  it('finds nothing outside a git work tree and without sources.repos', async () => {
    const root = tempDir();
    writeFiles(root, { 'a.env': SECRET_LINE });
    assert.deepEqual(await collect({ root }), []);
  });
});
