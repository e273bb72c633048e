/** Drift against a baseline: which changes fail the gate, which are only listed. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Severity } from '../../src/catalog/model.js';
import type { Assessment, Finding } from '../../src/engine/assessment.js';
import { driftOf } from '../../src/engine/drift.js';
import { sampleAssessment } from '../helpers/sample-assessment.js';

const newFinding = (severity: Severity, fingerprint: string, over: Partial<Finding> = {}): Finding => ({
  checkId: 'mcp.supply-chain.unpinned-package', severity, messageId: 'm', message: `a new ${severity} finding`,
  location: { path: 'app/.cursor/mcp.json', line: 3, column: 5 }, fingerprint, controlIds: ['MCP-SC-01'], evidenceId: 'mcp-config:app/.cursor/mcp.json', ...over,
});

/** The sample with a new finding added to the current side. */
function withNew(finding: Finding): [Assessment, Assessment] {
  const baseline = sampleAssessment();
  const current = sampleAssessment();
  current.findings.push(finding);
  return [baseline, current];
}

describe('drift', () => {
  it('an assessment against itself is no drift', () => {
    const a = sampleAssessment();
    const drift = driftOf(a, a, 'low');
    assert.equal(drift.failed, false);
    assert.deepEqual([drift.regressions, drift.failing, drift.listed], [{ controls: [], requirements: [] }, [], []]);
  });

  // New finding severity x --fail-on: [severity, failOn, fails]
  const table: Array<[Severity, Severity | 'none', boolean]> = [
    ['critical', 'high', true], ['high', 'high', true], ['medium', 'high', false], ['low', 'high', false],
    ['low', 'low', true], ['medium', 'critical', false], ['critical', 'critical', true], ['critical', 'none', false],
  ];
  for (const [severity, failOn, fails] of table) {
    it(`a new ${severity} finding with --fail-on ${failOn} ${fails ? 'fails' : 'is listed, not failed'}`, () => {
      const [baseline, current] = withNew(newFinding(severity, `new-${severity}`));
      const drift = driftOf(baseline, current, failOn);
      assert.equal(drift.failed, fails);
      assert.deepEqual(drift.failing.map((f) => f.fingerprint), fails ? [`new-${severity}`] : []);
      assert.deepEqual(drift.listed.map((f) => f.fingerprint), fails ? [] : [`new-${severity}`]);
    });
  }

  it('a new finding under a live exception is listed, not failed', () => {
    const exception = { id: 'EX-9', approver: 'ciso@example.com', expires: '2027-01-01', justification: 'accepted until the vendor ships a fix' };
    const [baseline, current] = withNew(newFinding('critical', 'excepted', { exception }));
    const drift = driftOf(baseline, current, 'high');
    assert.equal(drift.failed, false);
    assert.deepEqual(drift.listed.map((f) => [f.fingerprint, f.exception]), [['excepted', 'EX-9']]);
  });

  it('a control that regressed fails, even with no new finding; one that improved does not', () => {
    const baseline = sampleAssessment();
    const current = sampleAssessment();
    const attested = baseline.controls.find((c) => c.status === 'attested')!;
    current.controls.find((c) => c.id === attested.id)!.status = 'stale';
    const failing = baseline.controls.find((c) => c.status === 'fail')!;
    current.controls.find((c) => c.id === failing.id)!.status = 'pass';
    const drift = driftOf(baseline, current, 'high');
    assert.equal(drift.failed, true);
    assert.deepEqual(drift.regressions.controls.map((c) => [c.id, c.from, c.to]), [[attested.id, 'attested', 'stale']]);
    assert.deepEqual(drift.changes.controls.filter((c) => c.direction === 'improved').map((c) => c.id), [failing.id]);
  });

  it('a requirement that regressed fails (a requirement attestation going stale, say)', () => {
    const baseline = sampleAssessment();
    const current = sampleAssessment();
    const met = baseline.frameworks.flatMap((f) => f.requirements.map((r) => ({ f, r }))).find(({ r }) => r.status === 'met')!;
    current.frameworks.find((f) => f.id === met.f.id)!.requirements.find((r) => r.id === met.r.id)!.status = 'partly_effective';
    const drift = driftOf(baseline, current, 'none');
    assert.equal(drift.failed, true);
    assert.deepEqual(drift.regressions.requirements.map((r) => [r.frameworkId, r.id, r.from, r.to]), [[met.f.id, met.r.id, 'met', 'partly_effective']]);
  });

  it('a resolved finding is no drift', () => {
    const baseline = sampleAssessment();
    const current = sampleAssessment();
    const resolved = current.findings.shift()!;
    const drift = driftOf(baseline, current, 'low');
    assert.equal(drift.failed, false);
    assert.deepEqual(drift.changes.findings.resolved.map((f) => f.fingerprint), [resolved.fingerprint]);
  });
});
