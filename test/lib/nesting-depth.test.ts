/** The depth check at the door (issue 16): where text or data first nests past the limit, found without recursion. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Parser } from 'yaml';
import { readYamlFile } from '../../src/lib/yaml-file.js';
import { tempDir, write } from '../helpers/temp-catalog.js';
import { hasMoreThan, jsonNestingTooDeepAt, MAX_NESTING_DEPTH, tomlNestingTooDeepAt, valueTooDeepPath, yamlNestingTooDeepAt } from '../../src/lib/nesting-depth.js';
import { yamlTextTooDeepAt } from '../../src/lib/yaml-file.js';

const DEEP = 100_000;
const yamlAt = (text: string, limit?: number) => yamlNestingTooDeepAt(new Parser().parse(text), limit);

describe('jsonNestingTooDeepAt', () => {
  const cases: Array<{ name: string; text: string; limit: number; at: number }> = [
    { name: 'arrays at the limit', text: '[[[]]]', limit: 3, at: -1 },
    { name: 'arrays one past the limit: the bracket that opens level 4', text: '[[[[]]]]', limit: 3, at: 3 },
    { name: 'objects and arrays mixed', text: '{"a":[{"b":[1]}]}', limit: 3, at: 11 },
    { name: 'siblings do not add up', text: '[[[1],[2],[3],[4]]]', limit: 3, at: -1 },
    { name: 'brackets in strings are text', text: '["[[[[", "{{{{"]', limit: 1, at: -1 },
    { name: 'an escaped quote does not end the string', text: '["\\"[[[["]', limit: 1, at: -1 },
    { name: 'JSONC comments are skipped', text: '[ // [[[[\n /* {{{{ */ 1]', limit: 1, at: -1 },
    { name: 'a text no longer than the limit is passed without a scan', text: '[[', limit: 2, at: -1 },
  ];
  for (const c of cases) it(c.name, () => assert.equal(jsonNestingTooDeepAt(c.text, c.limit), c.at));

  it(`a 100,000-deep array or object is found at the bracket that opens level ${MAX_NESTING_DEPTH + 1}`, () => {
    assert.equal(jsonNestingTooDeepAt('['.repeat(DEEP) + ']'.repeat(DEEP)), MAX_NESTING_DEPTH);
    assert.equal(jsonNestingTooDeepAt('{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP)), 5 * MAX_NESTING_DEPTH);
  });
});

describe('tomlNestingTooDeepAt', () => {
  const cases: Array<{ name: string; text: string; limit: number; at: number }> = [
    { name: 'inline values in the root table (level 1)', text: 'a = [{b = [1]}]\n', limit: 4, at: -1 },
    { name: 'inline values one past the limit', text: 'a = [{b = [1]}]\n', limit: 3, at: 10 },
    { name: 'a header sets the level its keys start from', text: '[a.b]\nc = [[1]]\n', limit: 4, at: 11 },
    { name: 'an array of tables is one level more', text: '[[a]]\nc = [1]\n', limit: 3, at: 10 },
    { name: 'a header past the limit', text: 'x = 1\n[a.b.c]\n', limit: 3, at: 6 },
    { name: 'a dotted key past the limit', text: '[a]\nb.c.d = 1\n', limit: 3, at: 4 },
    { name: 'a dotted key at the limit', text: '[a]\nb.c = 1\n', limit: 3, at: -1 },
    { name: 'quoted dots, strings and comments are text', text: `"a.b.c" = '[[[' # [[[[\nd = """\n[[[[\n"""\n`, limit: 2, at: -1 },
    { name: 'a multi-line array goes on to its end', text: 'a = [\n  [\n    [1],\n  ],\n]\n', limit: 3, at: 14 },
  ];
  for (const c of cases) it(c.name, () => assert.equal(tomlNestingTooDeepAt(c.text, c.limit), c.at));

  it('100,000 deep by brackets or by a dotted key', () => {
    assert.equal(tomlNestingTooDeepAt(`a = ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`), 4 + MAX_NESTING_DEPTH - 1);
    assert.equal(tomlNestingTooDeepAt(`x = 1\n${Array.from({ length: DEEP }, () => 'a').join('.')} = 1\n`), 6);
  });
});

describe('yamlNestingTooDeepAt', () => {
  const cases: Array<{ name: string; text: string; limit: number; at: number }> = [
    { name: 'block maps at the limit', text: 'a:\n  b:\n    c: 1\n', limit: 3, at: -1 },
    { name: 'block maps past the limit: the map that opens level 3', text: 'a:\n  b:\n    c: 1\n', limit: 2, at: 12 },
    { name: 'compact block sequences on one line', text: '- - - - x\n', limit: 3, at: 6 },
    { name: 'flow collections', text: 'a: [[{b: [1]}]]\n', limit: 3, at: 5 },
    { name: 'quoted brackets are text', text: 'a: "[[[[" \n', limit: 1, at: -1 },
    { name: 'a collection as a key counts', text: '? [[1]]\n: x\n', limit: 2, at: 3 },
  ];
  for (const c of cases) it(c.name, () => assert.equal(yamlAt(c.text, c.limit), c.at));

  it('100,000 deep, flow and block, without composing the document', () => {
    assert.equal(yamlAt(`a: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`), 3 + MAX_NESTING_DEPTH - 1);
    assert.equal(yamlAt(`${'- '.repeat(DEEP)}x\n`), 2 * MAX_NESTING_DEPTH);
  });
});

describe('yamlTextTooDeepAt: the syntax tree only for a text with more level-opening characters than the limit', () => {
  const deepIndent = Array.from({ length: MAX_NESTING_DEPTH + 1 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
  const texts: Array<[string, string]> = [
    ['100,000 deep by flow brackets', `a: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`],
    ['100,000 compact block sequences', `${'- '.repeat(DEEP)}x\n`],
    ['block maps by indentation, one past the limit', deepIndent],
    ['block maps by indentation, at the limit', deepIndent.split('\n').slice(1).map((l) => l.slice(1)).join('\n')],
    ['many dashes and colons, shallow', `${'- 2026-11-01T10:00:00Z\n'.repeat(400)}`],
    ['an ordinary config', 'organization: Acme\nsources:\n  paths: [.]\n  logs:\n    - path: a.jsonl\n'],
  ];
  for (const [name, text] of texts) {
    it(`${name}: as the syntax tree says`, () => assert.equal(yamlTextTooDeepAt(text), yamlAt(text)));
  }

  it('a text with no more such characters than the limit is not parsed for depth at all, and cannot be too deep', () => {
    const shallow = 'a:\n  b: [1, 2]\n';
    assert.equal(hasMoreThan(shallow, '[{-?:', MAX_NESTING_DEPTH), false);
    assert.equal(yamlTextTooDeepAt(shallow), -1);
    assert.equal(yamlTextTooDeepAt(deepIndent) >= 0, true);
  });
});

describe('valueTooDeepPath', () => {
  it('the path to the first value past the limit, or undefined', () => {
    assert.equal(valueTooDeepPath({ a: [{ b: 1 }] }, 3), undefined);
    assert.deepEqual(valueTooDeepPath({ a: [{ b: {} }] }, 3), ['a', 0, 'b']);
  });

  it('100,000 deep without overflowing the stack', () => {
    let value: Record<string, unknown> = {};
    for (let i = 0; i < DEEP; i++) value = { a: value };
    assert.equal(valueTooDeepPath(value)?.length, MAX_NESTING_DEPTH);
  });
});

describe('readYamlFile (mcp-comply.yaml, exceptions, attestations, catalogs)', () => {
  it('a document 100,000 deep is a problem with its place, not a crash', { timeout: 60_000 }, () => {
    const file = write(tempDir(), 'mcp-comply.yaml', `sources:\n  paths:\n    ${'- '.repeat(DEEP)}x\n`);
    const read = readYamlFile(file);
    assert.equal(read.value, undefined);
    // The root map and `sources` are levels 1 and 2, so the 999th `- ` opens level 1001.
    assert.deepEqual(read.problems, [{ file, line: 3, column: 5 + 2 * 998, severity: 'error', code: 'yaml-too-deep', message: 'nested deeper than 1000 levels' }]);
  });
});
