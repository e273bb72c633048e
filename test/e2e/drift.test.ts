/** `mcp-comply drift` through the built CLI: last quarter's assessment of the demo estate as the baseline. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const BASELINE = 'examples/previous/2026-Q3/assessment.json';

describe('mcp-comply drift (built CLI)', () => {
  const current = path.join(tempDir('drift-'), 'assessment.json');
  before(() => {
    const run = runCli(['assess', '--config', 'examples/mcp-comply.yaml', '--out', path.dirname(current)]);
    assert.equal(run.code, 1, run.stderr);
  });

  it('fails (exit 1) on the control that went stale and the new critical findings, and says why first', () => {
    const run = runCli(['drift', BASELINE, current]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^Drift fails: 1 control\(s\) and \d+ requirement\(s\) regressed, \d+ new finding\(s\) at or above high\.$/m);
    assert.match(run.stdout, /^Regressed controls:\n {2}MCP-GV-01: attested -> stale$/m);
    assert.match(run.stdout, /^ {2}critical billing-service\/\.cursor\/mcp\.json:10:16 {2}mcp\.supply-chain\.known-vulnerable/m);
    assert.match(run.stdout, /^Resolved findings:$/m);
  });

  it('an assessment against itself is no drift (exit 0), in every format', () => {
    const text = runCli(['drift', current, current]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^No drift that fails \(at or above high\)\.$/m);
    const json = runCli(['drift', current, current, '--format', 'json']);
    assert.equal(json.code, 0);
    const drift = JSON.parse(json.stdout) as { failed: boolean; failing: unknown[]; changes: { summary: Record<string, number> } };
    assert.equal(drift.failed, false);
    assert.deepEqual(Object.values(drift.changes.summary).filter((n) => n !== 0), []);
    const md = runCli(['drift', current, current, '--format', 'md']);
    assert.equal(md.code, 0);
    assert.match(md.stdout, /^# MCP control drift\n\n\*\*No drift that fails the gate\*\*/);
  });

  it('the Markdown for a pull request names what fails', () => {
    const md = runCli(['drift', BASELINE, current, '--format', 'md']);
    assert.equal(md.code, 1);
    assert.match(md.stdout, /^\*\*Drift fails the gate:\*\* 1 control and \d+ requirements regressed; \d+ new findings at or above high without a live exception\.$/m);
    assert.match(md.stdout, /^## New findings that fail \(\d+\)$/m);
    assert.match(md.stdout, /^## Changes since 2026\\-08\\-24$/m);
  });

  it('bad input exits 2 and names the file', () => {
    const dir = tempDir('drift-bad-');
    const broken = write(dir, 'baseline.json', '{ "schemaVersion": ');
    const run = runCli(['drift', broken, current]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /baseline\.json:1:\d+: not valid JSON/);
    const missing = runCli(['drift', path.join(dir, 'nope.json'), current]);
    assert.match(missing.stderr, /nope\.json: cannot read the baseline: does not exist/);
  });
});
