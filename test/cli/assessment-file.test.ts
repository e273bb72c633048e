/**
 * readAssessmentFile: JSON as we write it (today's schema, a baseline), files of schema 1.x (a 1.2 and a
 * 1.0 assessment, a 1.2 baseline), which are mapped to the current model, a hand-edited file with
 * comments or a BOM, and what is refused: with the file, the line and the JSON pointer of each problem.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readAssessmentFile } from '../../src/cli/assessment-file.js';
import type { Assessment } from '../../src/engine/assessment.js';
import { baselineOf } from '../../src/engine/baseline.js';
import { upgradeAssessment } from '../../src/engine/upgrade.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const EXAMPLE = fs.readFileSync(path.join(PACKAGE_ROOT, 'examples/previous/2026-Q3/assessment.json'), 'utf8');
/** The previous quarter of the examples, as mcp-comply wrote it at schema 1.2. */
const example = (): Assessment => JSON.parse(EXAMPLE) as Assessment;
/** The same assessment in today's schema. */
const current = (): Assessment => {
  const a = upgradeAssessment(example());
  delete a.upgradedFrom;
  return a;
};
const BASELINE_1_2 = fs.readFileSync(path.join(PACKAGE_ROOT, 'test/fixtures/assessments/baseline-1.2.json'), 'utf8');

/** A 1.0 file: without what schema 1.1 added (risk method, heat map, inventory, reasons, applicability). */
function schema10(): unknown {
  const a = example();
  const top = a as Partial<Assessment>;
  delete top.riskMethod; delete top.riskHeatMap; delete top.inventory;
  delete (a.scope as Partial<Assessment['scope']>).dataClassesDeclared;
  for (const c of a.controls) delete (c as Partial<typeof c>).reason;
  for (const f of a.frameworks) {
    delete (f as Partial<typeof f>).applicability;
    for (const r of f.requirements) delete (r as Partial<typeof r>).reason;
  }
  for (const r of a.risks) for (const key of ['likelihood', 'impact', 'residualLikelihood', 'band', 'mitigation', 'controls', 'reason'] as const) delete (r as Partial<typeof r>)[key];
  return { ...a, schemaVersion: '1.0' };
}

describe('readAssessmentFile', () => {
  const dir = tempDir('assessment-file-');
  const readable: Array<[string, string]> = [
    ['JSON as assess writes it', JSON.stringify(current(), null, 2)],
    ['with a byte order mark', `\uFEFF${JSON.stringify(current())}`],
    ['hand-edited, with comments and a trailing comma', `// baseline agreed in review\n${JSON.stringify(current(), null, 2).replace(/\n}$/, ',\n}')}`],
    ['a baseline', JSON.stringify(baselineOf(current()), null, 2)],
  ];
  for (const [name, text] of readable) {
    it(`reads ${name}`, () => {
      // The comment-tolerant parser makes objects without a prototype: compare the data.
      assert.deepEqual(JSON.parse(JSON.stringify(readAssessmentFile(write(dir, `${name.length}.json`, text)))), JSON.parse(text.replace(/^\uFEFF|^\/\/.*\n/, '').replace(/,\n}$/, '\n}')));
    });
  }

  it('reads a schema 2.0 assessment, which has no plan, with a plan derived from its findings, and says so on stderr', (t) => {
    const said: string[] = [];
    t.mock.method(process.stderr, 'write', (chunk: string) => { said.push(String(chunk)); return true; });
    const { plan, ...rest } = current();
    const read = readAssessmentFile(write(dir, 'schema-2.0.json', JSON.stringify({ ...rest, schemaVersion: '2.0' })));
    assert.deepEqual(read.plan, plan);
    assert.deepEqual([read.plan!.items.length, [...new Set(read.plan!.items.map((i) => `${i.status} ${i.firstSeen}`))]], [45, ['open 2026-08-24']]);
    assert.equal(said.join(''), `note: ${dir}/schema-2.0.json is schema 2.0, which has no remediation plan: one was derived from its findings (first seen on its date, default due dates, no management responses)\n`);
  });

  const older: Array<[string, string, unknown]> = [
    ['a schema 1.2 assessment', EXAMPLE, upgradeAssessment(example())],
    ['a schema 1.0 assessment, without what 1.1 added', JSON.stringify(schema10(), null, 2), upgradeAssessment(schema10())],
    ['a schema 1.2 baseline', BASELINE_1_2, upgradeAssessment(JSON.parse(BASELINE_1_2))],
  ];
  for (const [name, text, expected] of older) {
    it(`reads ${name}, mapped to schema 2.1, and says how on stderr`, (t) => {
      const said: string[] = [];
      t.mock.method(process.stderr, 'write', (chunk: string) => { said.push(String(chunk)); return true; });
      const read = readAssessmentFile(write(dir, 'older.json', text));
      assert.deepEqual(JSON.parse(JSON.stringify(read)), JSON.parse(JSON.stringify(expected)));
      assert.equal(read.schemaVersion, '2.1');
      const version = (JSON.parse(text) as { schemaVersion: string }).schemaVersion;
      assert.match(said.join(''), new RegExp(`^note: ${dir}/older\\.json is schema ${version.replace('.', '\\.')}, read as schema 2\\.1:\n  - requirement outcomes mapped: met -> met, partially_met -> partly_effective`));
    });
  }

  /** The example with one change, indented as we write it, so that problems have lines. */
  const changed = (change: (a: Record<string, unknown>) => void, from: unknown = example()) => {
    const a = JSON.parse(JSON.stringify(from)) as Record<string, unknown>;
    change(a);
    return JSON.stringify(a, null, 2);
  };
  const at = (n: number) => (a: Record<string, unknown>, key: string) => (a[key] as unknown[])[n] as Record<string, unknown>;
  const first = at(0);
  const F = `${dir}/broken.json`;
  const refused: Array<[string, string, string]> = [
    ['broken JSON, with its line and column', '{\n  "schemaVersion": "1.2",\n  oops\n}', `${F}:3:3: not valid JSON: invalid symbol`],
    ['JSON that is not an assessment', '{"hello": 1}', `${F}: not an mcp-comply assessment (missing schemaVersion, generatedAt, evidence, findings, controls, frameworks, risks)`],
    ['another major schema', changed((a) => { a.schemaVersion = '3.0'; }), `${F}: schemaVersion 3.0 is not supported by this mcp-comply (schema 2.1; 1.x files are read and mapped)`],
    ['findings that are not a list', changed((a) => { a.findings = {}; }),
      `${F}: the baseline is not a valid mcp-comply assessment (schema 1.x):\n  ${F}:3574:15: /findings must be array`],
    ['a finding without its fingerprint', changed((a) => { delete first(a, 'findings').fingerprint; }),
      `${F}: the baseline is not a valid mcp-comply assessment (schema 1.x):\n  ${F}:3575:5: /findings/0 is missing required property "fingerprint"`],
    ['a null control', changed((a) => { (a.controls as unknown[])[0] = null; }),
      `${F}: the baseline is not a valid mcp-comply assessment (schema 1.x):\n  ${F}:4589:5: /controls/0 must be object`],
    ['a number for a string', changed((a) => { first(a, 'findings').message = 7; }),
      `${F}: the baseline is not a valid mcp-comply assessment (schema 1.x):\n  ${F}:3579:18: /findings/0/message must be string`],
    ['frameworks as text', changed((a) => { a.frameworks = 'x'; }),
      `${F}: the baseline is not a valid mcp-comply assessment (schema 1.x):\n  ${F}:7106:17: /frameworks must be array`],
    ['an unknown status', changed((a) => { first(a, 'controls').status = 'fine'; }),
      `${F}: the baseline is not a valid mcp-comply assessment (schema 1.x):\n  ${F}:4593:17: /controls/0/status must be one of: pass, fail, not_observed, manual, attested, stale, not_applicable, error`],
    ['a 1.0 file that lacks a field 1.0 already had', changed((a) => { delete first(a, 'findings').fingerprint; }, schema10()),
      `${F}: the baseline is not a valid mcp-comply assessment (schema 1.x):\n  ${F}:3574:5: /findings/0 is missing required property "fingerprint"`],
    ['a baseline with a finding of the wrong shape', changed((a) => { first(a, 'findings').controlIds = 'MCP-AC-01'; }, baselineOf(current())),
      `${F}: the baseline is not a valid mcp-comply baseline (baseline update):\n  ${F}:372:21: /findings/0/controlIds must be array`],
    ['more problems than are listed', changed((a) => { for (const f of a.findings as Array<Record<string, unknown>>) f.severity = 1; }),
      `${F}: the baseline is not a valid mcp-comply assessment (schema 1.x):\n${[[3577, 0], [3593, 1], [3609, 2], [3626, 3], [3643, 4]]
        .map(([line, n]) => `  ${F}:${line}:19: /findings/${n}/severity must be one of: low, medium, high, critical\n`).join('')}  and 57 more`],
  ];
  for (const [name, text, message] of refused) {
    it(`refuses ${name}`, () => {
      assert.throws(() => readAssessmentFile(write(dir, 'broken.json', text), 'baseline'), (error: Error) => {
        assert.equal(error.name, 'UsageError');
        assert.equal(error.message, message);
        return true;
      });
    });
  }
});
