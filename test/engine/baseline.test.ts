/** The committed baseline: drift against it is drift against the assessment it came from, and its diff stays quiet. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Assessment } from '../../src/engine/assessment.js';
import { baselineOf } from '../../src/engine/baseline.js';
import { driftOf } from '../../src/engine/drift.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { runCli } from '../helpers/cli.js';
import { sampleAssessment } from '../helpers/sample-assessment.js';
import { tempDir } from '../helpers/temp-catalog.js';

const previous = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'examples/previous/2026-Q3/assessment.json'), 'utf8')) as Assessment;
const asAssessment = (value: unknown) => JSON.parse(JSON.stringify(value)) as Assessment;

describe('baseline', () => {
  it('drift against the baseline is drift against the assessment it was taken from', () => {
    const current = sampleAssessment();
    for (const failOn of ['low', 'high', 'none'] as const) {
      assert.deepEqual(driftOf(asAssessment(baselineOf(previous)), current, failOn), driftOf(previous, current, failOn), failOn);
    }
    assert.equal(driftOf(asAssessment(baselineOf(current)), current, 'low').failed, false);
  });

  it('keeps only stable fields, each list in a fixed order whatever the assessment\'s order', () => {
    const a = sampleAssessment();
    const shuffled = sampleAssessment();
    shuffled.controls.reverse();
    shuffled.findings.reverse();
    shuffled.frameworks.reverse();
    shuffled.risks.reverse();
    assert.deepEqual(baselineOf(shuffled), baselineOf(a));
    const baseline = baselineOf(a);
    assert.deepEqual(Object.keys(baseline), ['kind', 'schemaVersion', 'tool', 'generatedAt', 'scope', 'evidence', 'controls', 'findings', 'frameworks', 'risks', 'inventory', 'exceptions', 'plan']);
    assert.deepEqual(baseline.plan!.items.map((i) => Object.keys(i)), a.plan!.items.filter((i) => i.status !== 'resolved').map(() => ['id', 'firstSeen']));
    assert.deepEqual(baseline.plan!.items.map((i) => i.id), [...baseline.plan!.items.map((i) => i.id)].sort());
    assert.deepEqual(Object.keys(baseline.controls[0]!).filter((k) => k !== 'attestation'), ['id', 'title', 'status']);
    assert.deepEqual(baseline.findings.map((f) => f.fingerprint), [...baseline.findings.map((f) => f.fingerprint)].sort());
  });

  it('two runs over the same estate differ only in their date and evidence hash', () => {
    const first = baselineOf(sampleAssessment());
    const out = path.join(tempDir('baseline-'), 'out');
    const run = runCli(['assess', '--config', 'examples/mcp-comply.yaml', '--out', out], { env: { SOURCE_DATE_EPOCH: '1795392060' } });
    assert.equal(run.code, 1, run.stderr);
    const second = baselineOf(JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment);
    assert.notEqual(second.generatedAt, first.generatedAt);
    assert.deepEqual({ ...second, generatedAt: '', evidence: { rootHash: '' } }, { ...first, generatedAt: '', evidence: { rootHash: '' } });
  });

  it('baseline update writes it (exit 0), and report refuses it as an assessment (exit 2)', () => {
    const dir = tempDir('baseline-cli-');
    const out = path.join(dir, 'out');
    assert.equal(runCli(['assess', '--config', 'examples/mcp-comply.yaml', '--out', out]).code, 1);
    const file = path.join(dir, '.mcp-comply', 'baseline.json');
    const update = runCli(['baseline', 'update', '--assessment', path.join(out, 'assessment.json'), '--output', file]);
    assert.equal(update.code, 0, update.stderr);
    assert.match(update.stderr, /wrote .*baseline\.json: \d+ controls, \d+ findings, as of 2026-11-23T00:00:00\.000Z/);
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).kind, 'mcp-comply-baseline');
    const drift = runCli(['drift', file, path.join(out, 'assessment.json')]);
    assert.equal(drift.code, 0, drift.stdout);
    const report = runCli(['report', file, '--format', 'md']);
    assert.equal(report.code, 2);
    assert.match(report.stderr, /is a baseline .*give an assessment\.json/);
  });
});
