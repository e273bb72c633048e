/** File globs for --logs and sources.logs: `*`, `?`, `**`, `{a,b}`, files only, sorted, no wildcard returned as is. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { expandGlob, globToRegExp, hasWildcard } from '../../src/lib/glob.js';
import { tempDir } from '../helpers/temp-catalog.js';

function tree(files: string[]): string {
  const root = tempDir('mcp-comply-glob-');
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), 'x');
  }
  return root;
}

const rel = (root: string, files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/'));

describe('globToRegExp', () => {
  const cases: Array<[string, string[], string[]]> = [
    ['*.jsonl', ['a.jsonl', '.hidden.jsonl', 'x.y.jsonl'], ['a.json', 'dir/a.jsonl', 'a.jsonl.gz']],
    ['app-?.log', ['app-1.log', 'app-x.log'], ['app-10.log', 'app-.log', 'app-/.log']],
    ['**/*.log', ['a.log', 'x/a.log', 'x/y/z/a.log'], ['a.log.1', 'x/a.txt']],
    ['logs/**', ['logs/a', 'logs/x/y'], ['other/a']],
    ['srv/**/app.log', ['srv/app.log', 'srv/a/app.log', 'srv/a/b/app.log'], ['srv/a/app.log.gz', 'other/srv/app.log']],
    ['*.{jsonl,log}', ['a.jsonl', 'b.log'], ['c.txt', 'a.jsonl.gz']],
    ['app.{log,log.*}', ['app.log', 'app.log.1'], ['app.txt']],
    ['a+b(1).log', ['a+b(1).log'], ['aab1.log', 'a+b1.log']],
    ['{a.log', ['{a.log'], ['a.log']],
  ];
  for (const [glob, yes, no] of cases) {
    it(glob, () => {
      const re = globToRegExp(glob);
      for (const p of yes) assert.ok(re.test(p), `${glob} should match ${p}`);
      for (const p of no) assert.ok(!re.test(p), `${glob} should not match ${p}`);
    });
  }
});

describe('expandGlob', () => {
  it('hasWildcard', () => {
    for (const p of ['/x/*.log', '/x/a?.log', '/x/**/a', '/x/{a,b}.log']) assert.equal(hasWildcard(p), true, p);
    for (const p of ['/x/a.log', '/x/[a].log', '/x/a+b.log']) assert.equal(hasWildcard(p), false, p);
  });

  it('a path without wildcards is returned as is, existing or not', () => {
    assert.deepEqual(expandGlob('/nonexistent/app.log'), ['/nonexistent/app.log']);
  });

  it('`*` within one folder: files only, sorted, absolute', () => {
    const root = tree(['logs/b.jsonl', 'logs/a.jsonl', 'logs/c.txt', 'logs/sub/d.jsonl', 'logs/dir.jsonl/e.jsonl']);
    const found = expandGlob(path.join(root, 'logs', '*.jsonl'));
    assert.ok(found.every((f) => path.isAbsolute(f)));
    assert.deepEqual(rel(root, found), ['logs/a.jsonl', 'logs/b.jsonl']);
  });

  it('`**` at every depth, and alternatives', () => {
    const root = tree(['x.log', 'srv/a/app.log', 'srv/b/deep/app.log', 'srv/b/app.jsonl', 'srv/b/app.log.gz']);
    assert.deepEqual(rel(root, expandGlob(path.join(root, '**', '*.log'))), ['srv/a/app.log', 'srv/b/deep/app.log', 'x.log']);
    assert.deepEqual(rel(root, expandGlob(path.join(root, 'srv', '**', 'app.{log,log.gz}'))), ['srv/a/app.log', 'srv/b/app.log.gz', 'srv/b/deep/app.log']);
  });

  it('a wildcard in a folder segment', () => {
    const root = tree(['srv/a/app.log', 'srv/b/app.log', 'srv/b/c/app.log', 'srv/app.log']);
    assert.deepEqual(rel(root, expandGlob(path.join(root, 'srv', '*', 'app.log'))), ['srv/a/app.log', 'srv/b/app.log']);
  });

  it('nothing matches, or the base folder is missing: an empty list', () => {
    const root = tree(['a.txt']);
    assert.deepEqual(expandGlob(path.join(root, '*.log')), []);
    assert.deepEqual(expandGlob(path.join(root, 'missing', '*.log')), []);
  });

  it('symlinked folders are not entered, so a loop cannot hang the walk', () => {
    const root = tree(['logs/a.log']);
    fs.symlinkSync(path.join(root, 'logs'), path.join(root, 'logs', 'loop'));
    assert.deepEqual(rel(root, expandGlob(path.join(root, '**', '*.log'))), ['logs/a.log']);
  });
});
