/** Paths as GitHub reads them: a finding's path under --path-prefix, and the prefix itself. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathPrefixOf, repositoryPath } from '../../src/lib/repository-path.js';

describe('repositoryPath', () => {
  // [finding path, --path-prefix, repository path]
  const paths: Array<[string, string | undefined, string | undefined]> = [
    ['app/.mcp.json', undefined, 'app/.mcp.json'],
    ['app/.mcp.json', 'infra/mcp', 'infra/mcp/app/.mcp.json'],
    ['./app/.mcp.json', 'infra/', 'infra/app/.mcp.json'],
    ['app\\win\\mcp.json', undefined, 'app/win/mcp.json'],
    ['app/../../up.json', 'infra', 'up.json'],
    ['../up.json', undefined, undefined],
    ['github:acme/app', 'infra', undefined],
    ['https://example.com/x', undefined, undefined],
    ['/etc/mcp.json', undefined, undefined],
    ['~/.cursor/mcp.json', undefined, undefined],
    ['', undefined, undefined],
  ];
  for (const [findingPath, prefix, expected] of paths) {
    it(`path ${JSON.stringify(findingPath)} with prefix ${JSON.stringify(prefix)} -> ${JSON.stringify(expected)}`, () => {
      assert.equal(repositoryPath(findingPath, prefix), expected);
    });
  }
});

describe('pathPrefixOf', () => {
  const valid: Array<[string, string | undefined]> = [
    ['services/agent', 'services/agent'],
    ['./services/agent/', 'services/agent'],
    ['services\\agent', 'services/agent'],
    ['a//b/./c', 'a/b/c'],
    ['a/../b', 'b'],
    ['.', undefined],
    ['./', undefined],
    ['', undefined],
  ];
  for (const [value, prefix] of valid) {
    it(`${JSON.stringify(value)} -> ${JSON.stringify(prefix)}`, () => assert.deepEqual(pathPrefixOf(value), prefix ? { prefix } : {}));
  }
  for (const value of ['../other', 'a/../..', '/abs/path', 'C:/repo', 'c:\\repo']) {
    it(`${JSON.stringify(value)} is refused: not a folder inside the repository`, () => {
      assert.deepEqual(pathPrefixOf(value), { error: `"${value}" must be a folder inside the repository (relative, without ..)` });
    });
  }
});
