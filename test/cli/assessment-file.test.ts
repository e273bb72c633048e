/** readAssessmentFile: JSON as we write it, a hand-edited file with comments or a BOM, and what is refused. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readAssessmentFile } from '../../src/cli/assessment-file.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const MINIMAL = { schemaVersion: '1.2', generatedAt: '2026-11-24T09:00:00.000Z', evidence: { rootHash: 'x' }, findings: [], controls: [], frameworks: [], risks: [] };

describe('readAssessmentFile', () => {
  const dir = tempDir('assessment-file-');
  const readable: Array<[string, string]> = [
    ['JSON as assess writes it', JSON.stringify(MINIMAL, null, 2)],
    ['with a byte order mark', `\uFEFF${JSON.stringify(MINIMAL)}`],
    ['hand-edited, with comments and a trailing comma', `// baseline agreed in review\n${JSON.stringify(MINIMAL, null, 2).replace(/\n}$/, ',\n}')}`],
  ];
  for (const [name, text] of readable) {
    it(`reads ${name}`, () => {
      // The comment-tolerant parser makes objects without a prototype: compare the data.
      assert.deepEqual(JSON.parse(JSON.stringify(readAssessmentFile(write(dir, `${name.length}.json`, text)))), MINIMAL);
    });
  }

  const refused: Array<[string, string, RegExp]> = [
    ['broken JSON, with its line and column', '{\n  "schemaVersion": "1.2",\n  oops\n}', /broken\.json:3:3: not valid JSON/],
    ['JSON that is not an assessment', '{"hello": 1}', /not an mcp-comply assessment \(missing schemaVersion/],
    ['another major schema', JSON.stringify({ ...MINIMAL, schemaVersion: '2.0' }), /schemaVersion 2\.0 is not supported/],
    ['lists that are not lists', JSON.stringify({ ...MINIMAL, findings: {} }), /findings, controls, frameworks and risks must be lists/],
  ];
  for (const [name, text, message] of refused) {
    it(`refuses ${name}`, () => {
      assert.throws(() => readAssessmentFile(write(dir, 'broken.json', text), 'baseline'), (error: Error) => error.name === 'UsageError' && message.test(error.message));
    });
  }
});
