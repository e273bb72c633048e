import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIgnored, parseGitignore, type IgnoreFile } from '../../../src/collectors/repo/gitignore.js';

/** [pattern lines, path, is a folder, ignored?] */
const CASES: Array<[string, string, boolean, boolean]> = [
  ['*.log', 'debug.log', false, true],
  ['*.log', 'deep/er/debug.log', false, true],
  ['*.log', 'debug.log.txt', false, false],
  ['# comment\n\n*.tmp', '# comment', false, false],
  ['\\#hash', '#hash', false, true],
  ['\\!bang', '!bang', false, true],
  ['trailing   ', 'trailing', false, true],
  ['space\\ ', 'space ', false, true],
  ['/root-only.txt', 'root-only.txt', false, true],
  ['/root-only.txt', 'sub/root-only.txt', false, false],
  ['doc/frotz', 'doc/frotz', false, true],
  ['doc/frotz', 'a/doc/frotz', false, false],
  ['build/', 'build', true, true],
  ['build/', 'build', false, false],
  ['build/', 'src/build', true, true],
  ['**/cache', 'a/b/cache', true, true],
  ['**/cache', 'cache', false, true],
  ['logs/**', 'logs/a/b.txt', false, true],
  ['logs/**', 'logs', true, false],
  ['a/**/z', 'a/z', false, true],
  ['a/**/z', 'a/b/c/z', false, true],
  ['a/**/z', 'x/a/b/z', false, false],
  ['file?.txt', 'file1.txt', false, true],
  ['file?.txt', 'file/.txt', false, false],
  ['[abc].md', 'b.md', false, true],
  ['[abc].md', 'd.md', false, false],
  ['[!abc].md', 'd.md', false, true],
  ['[a-c]x', 'bx', false, true],
  ['*.env\n!example.env', 'example.env', false, false],
  ['*.env\n!example.env', 'prod.env', false, true],
  ['!keep\nkeep', 'keep', false, true],
  ['a.*+(b)', 'a.*+(b)', false, true],
];

describe('gitignore patterns', () => {
  for (const [patterns, rel, isDir, expected] of CASES) {
    it(`${JSON.stringify(patterns)} ${expected ? 'ignores' : 'keeps'} ${rel}${isDir ? '/' : ''}`, () => {
      assert.equal(isIgnored([{ base: '', rules: parseGitignore(patterns) }], rel, isDir), expected);
    });
  }

  it('a deeper .gitignore decides first, and only below its folder', () => {
    const files: IgnoreFile[] = [
      { base: '', rules: parseGitignore('*.secret\n') },
      { base: 'pkg', rules: parseGitignore('!public.secret\n/local.txt\n') },
    ];
    assert.equal(isIgnored(files, 'pkg/public.secret', false), false);
    assert.equal(isIgnored(files, 'pkg/other.secret', false), true);
    assert.equal(isIgnored(files, 'public.secret', false), true);
    assert.equal(isIgnored(files, 'pkg/local.txt', false), true);
    assert.equal(isIgnored(files, 'pkg/sub/local.txt', false), false);
    assert.equal(isIgnored(files, 'local.txt', false), false);
  });

  it('handles CRLF files', () => {
    assert.equal(isIgnored([{ base: '', rules: parseGitignore('*.log\r\nbuild/\r\n') }], 'build', true), true);
  });
});
