import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isSafeTrackedPath, parseGitIndex, resolveGitDir } from '../../../src/collectors/repo/git-index.js';
import { git, gitRepo, tempDir, writeFiles } from './helpers.js';

/** What git says is tracked: mode and path per entry (stage 0). */
function lsFiles(root: string): Array<{ path: string; mode: number }> {
  return git(root, 'ls-files', '-s', '-z').split('\0').filter(Boolean).map((line) => {
    const [meta, file] = line.split('\t') as [string, string];
    return { path: file, mode: parseInt(meta.split(' ')[0]!, 8) };
  });
}

function readIndex(root: string) {
  return parseGitIndex(fs.readFileSync(path.join(root, '.git', 'index')));
}

/** A repository whose paths exercise prefix compression: shared prefixes, deep folders, non-ASCII names, a long name. */
function sampleRepo(): string {
  const root = gitRepo({
    'README.md': '# x\n',
    'src/index.ts': 'export {};\n',
    'src/indexer/deep/er/file.ts': 'export {};\n',
    'src/ünïcödé/名前.txt': 'x\n',
    [`docs/${Array.from({ length: 5 }, (_, i) => `${i}-${'long-name-'.repeat(10)}`).join('/')}.md`]: 'x\n',
    'bin/run.sh': '#!/bin/sh\n',
  });
  fs.chmodSync(path.join(root, 'bin/run.sh'), 0o755);
  fs.symlinkSync('README.md', path.join(root, 'link-to-readme'));
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'more');
  return root;
}

/** Sets the entry count and re-signs the file, so only the bounds checks can catch it. */
function withCount(index: Buffer, count: number): Buffer {
  const copy = Buffer.from(index.subarray(0, index.length - 20));
  copy.writeUInt32BE(count, 8);
  return Buffer.concat([copy, createHash('sha1').update(copy).digest()]);
}

/** The index without its extensions (the sample's paths do not contain "TREE", the first extension). */
function entriesOnly(index: Buffer): Buffer {
  const extensions = index.indexOf('TREE');
  assert.ok(extensions > 0);
  return Buffer.concat([index.subarray(0, extensions), Buffer.alloc(20)]);
}

describe('parseGitIndex', () => {
  it('reads a version 2 index as git lists it (modes, symlinks, UTF-8 and long paths)', () => {
    const root = sampleRepo();
    const index = readIndex(root);
    assert.ok(index.ok);
    assert.equal(index.version, 2);
    assert.deepEqual(index.entries, lsFiles(root));
    assert.ok(index.entries.some((e) => e.path === 'link-to-readme' && e.mode === 0o120000));
    assert.ok(index.entries.some((e) => e.path === 'bin/run.sh' && e.mode === 0o100755));
  });

  it('reads a version 3 index with extended flags (intent-to-add)', () => {
    const root = sampleRepo();
    writeFiles(root, { 'later.txt': 'x\n' });
    git(root, 'add', '-N', 'later.txt');
    const index = readIndex(root);
    assert.ok(index.ok);
    assert.equal(index.version, 3);
    assert.deepEqual(index.entries, lsFiles(root));
  });

  it('reads a version 4 index (prefix-compressed paths), also with extended flags', () => {
    const root = sampleRepo();
    writeFiles(root, { 'src/indexer/later.txt': 'x\n' });
    git(root, 'add', '-N', 'src/indexer/later.txt');
    git(root, 'update-index', '--index-version', '4');
    const index = readIndex(root);
    assert.ok(index.ok);
    assert.equal(index.version, 4);
    assert.deepEqual(index.entries, lsFiles(root));
  });

  it('collapses conflict stages to one entry per path', () => {
    const root = gitRepo({ 'f.txt': 'base\n' });
    git(root, 'checkout', '-q', '-b', 'other');
    writeFiles(root, { 'f.txt': 'other\n' });
    git(root, 'commit', '-q', '-am', 'other');
    git(root, 'checkout', '-q', 'main');
    writeFiles(root, { 'f.txt': 'main\n' });
    git(root, 'commit', '-q', '-am', 'main');
    assert.throws(() => git(root, 'merge', '-q', 'other'));
    const index = readIndex(root);
    assert.ok(index.ok);
    assert.deepEqual(index.entries.map((e) => e.path), ['f.txt']);
  });

  it('refuses what is not a sound index, with a reason, and never reads past the buffer', () => {
    const root = sampleRepo();
    const good = fs.readFileSync(path.join(root, '.git', 'index'));
    const cases: Array<[string, Buffer, RegExp]> = [
      ['empty', Buffer.alloc(0), /DIRC/],
      ['wrong signature', Buffer.concat([Buffer.from('CRID'), good.subarray(4)]), /DIRC/],
      ['unsupported version', (() => { const b = Buffer.from(good); b.writeUInt32BE(5, 4); return b; })(), /version 5/],
      ['flipped byte', (() => { const b = Buffer.from(good); b[40] = b[40]! ^ 0xff; return b; })(), /checksum/],
      ['truncated', good.subarray(0, good.length - 30), /checksum/],
      ['count far beyond the entries', withCount(good, 0xffffffff), /^entry \d+/],
      ['count beyond the entries, no extensions', withCount(entriesOnly(good), 0xffffff), /runs past the end/],
    ];
    for (const [name, buffer, reason] of cases) {
      const result = parseGitIndex(buffer);
      assert.equal(result.ok, false, name);
      if (!result.ok) assert.match(result.reason, reason, name);
    }
  });

  it('refuses a split index rather than list part of the files', () => {
    const root = sampleRepo();
    git(root, 'update-index', '--split-index');
    const result = readIndex(root);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /split index/);
  });

  it('refuses the extended flag in a version 2 index', () => {
    const root = gitRepo({ 'a.txt': 'a\n' });
    const buffer = Buffer.from(fs.readFileSync(path.join(root, '.git', 'index')));
    const flagsAt = 12 + 40 + 20;
    buffer.writeUInt16BE(buffer.readUInt16BE(flagsAt) | 0x4000, flagsAt);
    const body = buffer.subarray(0, buffer.length - 20);
    const result = parseGitIndex(Buffer.concat([body, createHash('sha1').update(body).digest()]));
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /extended flag/);
  });
});

describe('resolveGitDir', () => {
  it('follows a worktree .git file to its own git directory', () => {
    const main = gitRepo({ 'a.txt': 'a\n' });
    const worktree = path.join(tempDir(), 'wt');
    git(main, 'worktree', 'add', '-q', worktree);
    const resolved = resolveGitDir(worktree);
    assert.ok('gitDir' in resolved);
    assert.equal(fs.realpathSync(resolved.gitDir), fs.realpathSync(path.join(main, '.git', 'worktrees', 'wt')));
  });

  it('reports a .git file without a gitdir line', () => {
    const root = tempDir();
    writeFiles(root, { '.git': 'nonsense\n' });
    assert.deepEqual(resolveGitDir(root), { problem: '.git file has no "gitdir:" line' });
  });
});

describe('isSafeTrackedPath', () => {
  it('accepts plain relative paths and refuses escapes and .git', () => {
    for (const ok of ['a.txt', 'src/a/b.ts', '.github/workflows/ci.yml', '..a/b', 'a..b']) assert.equal(isSafeTrackedPath(ok), true, ok);
    for (const bad of ['', '/etc/passwd', '../x', 'a/../../x', 'a//b', './a', 'a/.git/config', '.GIT/hooks/x', 'a\\b']) assert.equal(isSafeTrackedPath(bad), false, bad);
  });
});
