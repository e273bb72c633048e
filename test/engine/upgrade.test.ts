/**
 * Reading a schema 1.x assessment as the 2.0 model: the example's previous quarter, written by
 * mcp-comply at schema 1.2, is the real input.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Assessment } from '../../src/engine/assessment.js';
import { compareAssessments } from '../../src/engine/compare.js';
import { isSchema1, upgradeAssessment, UPGRADE_NOTES } from '../../src/engine/upgrade.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { validateDocument } from '../../src/lib/schemas.js';

const OLD = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'examples/previous/2026-Q3/assessment.json'), 'utf8'));

describe('upgrading a schema 1.2 assessment', () => {
  const upgraded = upgradeAssessment(structuredClone(OLD));

  it('the input is a valid 1.x document and the output a valid 2.0 one', () => {
    assert.equal(OLD.schemaVersion, '1.2');
    assert.deepEqual(validateDocument('assessment-1', OLD), []);
    assert.deepEqual(validateDocument('assessment', upgraded).map((p) => `${p.pointer} ${p.message}`), []);
    assert.equal(upgraded.schemaVersion, '2.1');
    assert.deepEqual(upgraded.upgradedFrom, { schemaVersion: '1.2', notes: [...UPGRADE_NOTES] });
  });

  it('maps every requirement status one to one, and not_assessed without controls to not_addressed', () => {
    const table: Record<string, string> = { met: 'met', partially_met: 'partly_effective', not_met: 'deficient', not_applicable: 'not_applicable' };
    OLD.frameworks.forEach((f: Assessment['frameworks'][number], i: number) => {
      f.requirements.forEach((r, j) => {
        const now = upgraded.frameworks[i]!.requirements[j]!;
        const expected = (r.status as string) === 'not_assessed' ? (r.controlIds.length === 0 ? 'not_addressed' : 'untested') : table[r.status];
        assert.equal(now.status, expected, `${f.id} ${r.id}`);
        assert.ok(now.controls.every((l) => l.property === 'integral'));
      });
    });
  });

  it('recomputes the figures from the mapped counts: coverage kept, effectiveness = met over tested', () => {
    const pci = upgraded.frameworks.find((f) => f.id === 'pci-dss')!;
    // 1.2: coverage 0.571, compliance 0.012; counts met 1, partially_met 9, not_met 38, not_assessed 36 (one of them linked to no control).
    assert.deepEqual(pci.summary, {
      testingCoverage: 0.571, effectiveness: 0.021,
      counts: { met: 1, effective: 0, partly_effective: 9, deficient: 38, untested: 35, not_addressed: 1, not_applicable: 0 },
    });
    for (const f of upgraded.frameworks) {
      const old = OLD.frameworks.find((o: { id: string }) => o.id === f.id);
      assert.equal(f.summary.testingCoverage, old.summary.coverage, f.id);
      assert.ok(!('compliance' in f.summary) && !('coverage' in f.summary), f.id);
    }
  });

  it('keeps control statuses, reading a control with checks as automation full', () => {
    assert.deepEqual(upgraded.controls.map((c) => c.status), OLD.controls.map((c: { status: string }) => c.status));
    for (const c of upgraded.controls) assert.equal(c.automation, c.checks.length > 0 ? 'full' : 'none', c.id);
    assert.equal(upgraded.summary.controls.partial, 0);
    assert.equal(upgraded.summary.checks.not_applicable, 0);
    assert.equal(upgraded.riskMethod.credit.partial, 0);
  });

  it('history points: effectiveness is compliance over coverage', () => {
    const point = upgraded.history![0]!;
    const old = OLD.history[0];
    point.frameworks.forEach((f, i) => {
      const o = old.frameworks[i];
      assert.equal(f.testingCoverage, o.coverage);
      assert.equal(f.effectiveness, o.coverage ? Math.round((o.compliance / o.coverage) * 1000) / 1000 : null);
    });
  });

  it('across the model change, requirement moves and pass -> partial are listed as changed, not regressions', () => {
    const current = structuredClone(upgraded) as Assessment;
    delete current.upgradedFrom;
    const req = current.frameworks[1]!.requirements.find((r) => r.status === 'partly_effective')!;
    req.status = 'deficient';
    const passing = current.controls.find((c) => c.checks.length > 0)!;
    const before = structuredClone(upgraded) as Assessment;
    before.controls.find((c) => c.id === passing.id)!.status = 'pass';
    passing.status = 'partial';
    const changes = compareAssessments(before, current);
    assert.deepEqual(changes.requirements.map((r) => r.direction), ['changed']);
    assert.deepEqual(changes.controls.map((c) => [c.id, c.from, c.to, c.direction]), [[passing.id, 'pass', 'partial', 'changed']]);
    // Between two 2.0 assessments the same moves are regressions.
    delete before.upgradedFrom;
    const plain = compareAssessments(before, current);
    assert.deepEqual(plain.requirements.map((r) => r.direction), ['regressed']);
    assert.deepEqual(plain.controls.map((c) => c.direction), ['regressed']);
  });

  it('tells 1.x versions apart from others', () => {
    assert.deepEqual(['1.0', '1.2', '1.10', '2.0', '1', 'x'].map(isSchema1), [true, true, true, false, false, false]);
  });
});
