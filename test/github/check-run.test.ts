/** The check run of `github check`, planned without I/O: conclusion, title, summary, annotations, requests. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Severity } from '../../src/catalog/model.js';
import type { Assessment, Finding } from '../../src/engine/assessment.js';
import { driftOf } from '../../src/engine/drift.js';
import {
  MAX_SUMMARY_CHARS, checkRunRequests, commentBodyOf, commentMarker, commitStatusOf, gateOfAssessment, gateOfDrift, planCheckRun,
  type CheckGate,
} from '../../src/github/check-run.js';
import { percent } from '../../src/reporters/labels.js';
import { sampleAssessment } from '../helpers/sample-assessment.js';

const SHA = 'a'.repeat(40);

const newFinding = (i: number, over: Partial<Finding> = {}): Finding => ({
  checkId: 'mcp.supply-chain.unpinned-package', severity: 'high', messageId: 'm', message: `new finding ${i}`,
  location: { path: `app/.cursor/mcp-${i}.json`, line: i + 1, column: 7 }, fingerprint: `new-${String(i).padStart(4, '0')}`,
  controlIds: ['MCP-SC-01'], evidenceId: 'mcp-config:app', ...over,
});

/** The sample as baseline, and a current side with these findings added (and optionally a control broken). */
function driftWith(findings: Finding[], options: { regress?: boolean; failOn?: Severity | 'none' } = {}): CheckGate {
  const baseline = sampleAssessment();
  const current = sampleAssessment();
  current.findings.push(...findings);
  if (options.regress) {
    const control = baseline.controls.find((c) => c.status === 'fail')!;
    control.status = 'pass';
  }
  return gateOfDrift(driftOf(baseline, current, options.failOn ?? 'high'));
}

const plan = (gate: CheckGate, over: Partial<Parameters<typeof planCheckRun>[1]> = {}) => planCheckRun(gate, { name: 'mcp-comply', ...over });

describe('github check: conclusion and title', () => {
  const sample = sampleAssessment();
  const passing: Assessment = { ...sampleAssessment(), summary: { ...sample.summary, failed: false } };
  // [case, gate, report only, conclusion, title]
  const cases: Array<[string, () => CheckGate, boolean, string, string]> = [
    ['a regressed control', () => driftWith([], { regress: true }), false, 'failure', 'Drift: 1 control regressed'],
    ['a new high finding', () => driftWith([newFinding(1)]), false, 'failure', 'Drift: 1 new finding at or above high'],
    ['a new medium finding (listed)', () => driftWith([newFinding(1, { severity: 'medium' })]), false, 'success', 'Drift: 1 new finding listed'],
    ['no drift', () => driftWith([]), false, 'success', 'No drift'],
    ['a regression, report only', () => driftWith([newFinding(1)], { regress: true }), true, 'neutral', 'Drift: 1 control regressed, 1 new finding at or above high (report only)'],
    ['no baseline, the assessment failing', () => gateOfAssessment(sample), false, 'failure', 'Gate fails: 33 findings at or above high; 28 findings below it'],
    ['no baseline, the assessment passing', () => gateOfAssessment(passing), false, 'success', 'Gate passes: no finding at or above high; 28 findings below it'],
    ['no baseline, report only', () => gateOfAssessment(sample), true, 'neutral', 'Gate fails: 33 findings at or above high; 28 findings below it (report only)'],
    ['no baseline, --fail-on none', () => gateOfAssessment(sample, 'none'), false, 'success', 'No gate (--fail-on none): 61 open findings'],
    ['no baseline, --fail-on critical', () => gateOfAssessment(sample, 'critical'), false, 'failure', 'Gate fails: 15 findings at or above critical; 46 findings below it'],
  ];
  for (const [name, gate, reportOnly, conclusion, title] of cases) {
    it(`${name}: ${conclusion}`, () => {
      const p = plan(gate(), { reportOnly });
      assert.equal(p.conclusion, conclusion);
      assert.equal(p.title, title);
    });
  }

  it('without a baseline, findings under a live exception are neither failing nor annotated', () => {
    const gate = gateOfAssessment(sample);
    const excepted = sample.findings.filter((f) => f.exception).map((f) => f.fingerprint);
    assert.equal(excepted.length, 1);
    assert.ok(![...gate.failing, ...gate.listed].some((f) => excepted.includes(f.fingerprint)));
    assert.equal(gate.failing.length + gate.listed.length, sample.findings.length - 1);
  });
});

describe('github check: annotations', () => {
  it('one per new finding at its path and line; columns only on the one line; failing ones failure, listed ones warning', () => {
    const gate = driftWith([
      newFinding(1),
      newFinding(2, { severity: 'low', location: { path: 'app/server.yaml', line: 9 } }),
      newFinding(3, { exception: { id: 'EX-9', approver: 'a', expires: '2099-01-01', justification: 'j' } }),
    ]);
    assert.deepEqual(plan(gate).annotations, [
      { path: 'app/.cursor/mcp-1.json', start_line: 2, end_line: 2, start_column: 7, end_column: 7, annotation_level: 'failure', message: 'new finding 1', title: 'mcp.supply-chain.unpinned-package' },
      { path: 'app/.cursor/mcp-3.json', start_line: 4, end_line: 4, start_column: 7, end_column: 7, annotation_level: 'warning', message: 'new finding 3 (accepted: exception EX-9)', title: 'mcp.supply-chain.unpinned-package' },
      { path: 'app/server.yaml', start_line: 9, end_line: 9, annotation_level: 'warning', message: 'new finding 2', title: 'mcp.supply-chain.unpinned-package' },
    ]);
  });

  it('findings of GitHub settings, folders, or paths outside the repository go in the summary only', () => {
    const gate = driftWith([
      newFinding(1, { location: { path: 'github:acme/app' } }),
      newFinding(2, { location: { path: 'app' } }),
      newFinding(3, { location: { path: '/home/me/.cursor/mcp.json', line: 3 } }),
      newFinding(4, { location: { path: '../elsewhere/mcp.json', line: 3 } }),
      newFinding(5),
    ]);
    const p = plan(gate);
    assert.deepEqual(p.annotations.map((a) => a.path), ['app/.cursor/mcp-5.json']);
    assert.deepEqual(p.unannotated.map((f) => f.location.path), ['../elsewhere/mcp.json', '/home/me/.cursor/mcp.json', 'app', 'github:acme/app']);
    assert.match(p.summary, /^4 findings above have no file line in the repository/m);
    assert.match(p.summary, /\| High \| github:acme/);
  });

  it('--path-prefix moves every annotation', () => {
    const p = plan(driftWith([newFinding(1)]), { pathPrefix: 'examples' });
    assert.deepEqual(p.annotations.map((a) => a.path), ['examples/app/.cursor/mcp-1.json']);
  });
});

describe('github check: requests', () => {
  it('120 annotations: a create with 50, updates with 50 and 20, then the completion', () => {
    const p = plan(driftWith(Array.from({ length: 120 }, (_, i) => newFinding(i))));
    const { create, updates } = checkRunRequests(p, SHA);
    assert.deepEqual({ ...create, output: { ...create.output, annotations: create.output.annotations!.length } }, {
      name: 'mcp-comply', head_sha: SHA, status: 'in_progress',
      output: { title: 'Drift: 120 new findings at or above high', summary: 'Adding annotations: 50 of 120.', annotations: 50 },
    });
    assert.deepEqual(updates.map((u) => [u.status, u.conclusion, u.output.summary.slice(0, 40), u.output.annotations?.length]), [
      [undefined, undefined, 'Adding annotations: 100 of 120.', 50],
      [undefined, undefined, 'Adding annotations: 120 of 120.', 20],
      ['completed', 'failure', '**Drift fails the gate:** 0 controls and', undefined],
    ]);
    const sent = [create.output.annotations!, ...updates.map((u) => u.output.annotations ?? [])].flat();
    assert.deepEqual(sent, p.annotations, 'every annotation once, in order');
  });

  it('no annotations: a create and the completion', () => {
    const { create, updates } = checkRunRequests(plan(driftWith([]), { detailsUrl: 'https://ci.example/run/1' }), SHA);
    assert.deepEqual(create, {
      name: 'mcp-comply', head_sha: SHA, status: 'in_progress', details_url: 'https://ci.example/run/1',
      output: { title: 'No drift', summary: 'Adding annotations: 0 of 0.' },
    });
    assert.deepEqual(updates.map((u) => [u.status, u.conclusion]), [['completed', 'success']]);
  });

  it('the same input gives the same requests', () => {
    const requests = () => JSON.stringify(checkRunRequests(plan(driftWith([newFinding(1)], { regress: true })), SHA));
    assert.equal(requests(), requests());
  });
});

describe('github check: summary', () => {
  it('says the verdict, the regressions, the new findings and the scores per framework', () => {
    const p = plan(driftWith([newFinding(1), newFinding(2, { severity: 'low' })], { regress: true }));
    const lines = p.summary.split('\n');
    assert.equal(lines[0], '**Drift fails the gate:** 1 control and 0 requirements regressed; 1 new finding at or above high without a live exception.');
    assert.match(p.summary, /^Compared with the baseline of \d{4}\\-\d\d\\-\d\dT[^ ]+ \(root hash sha256:[0-9a-f]{64}\): 2 new findings, 0 resolved\.$/m);
    assert.match(p.summary, /^### Regressed controls \(1\)\n\n\| Control \| Title \| Status \|\n\| --- \| --- \| --- \|\n\| MCP\\-[A-Z]+\\-\d+ \| .+ \| Pass → Fail \|$/m);
    assert.match(p.summary, /^### New findings that fail \(1\)\n\n\| Severity \| Location \| Check \| Message \| Exception \|\n\| --- \| --- \| --- \| --- \| --- \|\n\| High \| app\/\\\.cursor\/mcp\\-1\\\.json:2:7 \| mcp\\\.supply\\-chain\\\.unpinned\\-package \| new finding 1 \|  \|$/m);
    assert.match(p.summary, /^### New findings listed \(1\): below the threshold or accepted by a live exception$/m);
    // Testing coverage and effectiveness per framework; no compliance figure.
    const frameworks = sampleAssessment().frameworks;
    const eu = frameworks.find((f) => f.id === 'eu-ai-act')!.summary;
    assert.ok(p.summary.includes(`### Frameworks\n\n| Framework | Testing coverage | Effectiveness |\n| --- | --- | --- |\n`
      + `| EU Artificial Intelligence Act (eu\\-ai\\-act) | ${percent(eu.testingCoverage)} | ${percent(eu.effectiveness)} |\n`));
    assert.equal(p.summary.match(/^\| .* \([a-z0-9\\-]+\) \| (\d+%|n\/a) \| (\d+%|n\/a) \|$/gm)!.length, frameworks.length, 'one row per framework');
    assert.doesNotMatch(p.summary, /compliance/i);
  });

  it('without a baseline: the assessment\'s verdict and scores', () => {
    const p = plan(gateOfAssessment(sampleAssessment()));
    assert.match(p.summary, /^\*\*The assessment fails the gate:\*\* 33 findings at or above high not under a live exception\.$/m);
    assert.match(p.summary, /^### Findings that fail \(33\)$/m);
    assert.doesNotMatch(p.summary, /Compared with the baseline/);
  });

  it('report only says why the check is neutral', () => {
    const p = plan(driftWith([newFinding(1)]), { reportOnly: true });
    assert.match(p.summary, /^Report only \(`--report-only`\): the check concludes neutral instead of failing\.$/m);
  });

  it('escapes hostile finding text: no link, image, HTML, mention or broken table', () => {
    const message = 'pwn [click](javascript:alert(1)) ![x](https://evil.example/x.png) <img src=x onerror=1> @org/team #12 | cell\n# heading';
    const p = plan(driftWith([newFinding(1, { message, checkId: 'x<script>', location: { path: 'a|b/<c>.json', line: 1 } })]));
    const row = p.summary.split('\n').find((l) => l.includes('pwn'))!;
    assert.equal(row, '| High | a\\|b/&lt;c&gt;\\.json:1 | x&lt;script&gt; | pwn \\[click\\]\\(javascript:alert\\(1\\)\\) \\!\\[x\\]\\(https\\://evil\\.example/x\\.png\\) &lt;img src=x onerror=1&gt; @\u200Borg/team \\#\u200B12 \\| cell\\\\n\\# heading |  |');
    // The annotation is plain text (GitHub shows it as such): the message as it is, its line break shown.
    assert.equal(p.annotations[0]!.message, message.replace('\n', '\\n'));
  });

  it('is cut at GitHub\'s limit on a line boundary, with a note and the details link', () => {
    const long = 'x'.repeat(2000);
    const p = plan(driftWith(Array.from({ length: 100 }, (_, i) => newFinding(i, { message: `${long} ${i}` }))), { detailsUrl: 'https://ci.example/r?(1)' });
    assert.ok(p.summary.length <= MAX_SUMMARY_CHARS, `${p.summary.length}`);
    assert.match(p.summary, /\n\n_The summary was cut at GitHub's limit of 65,535 characters; \[the full report\]\(https:\/\/ci\.example\/r\?%281%29\)\._\n$/);
    const kept = p.summary.split('\n').filter((l) => l.startsWith('| High |'));
    assert.ok(kept.length > 10 && kept.length < 100);
    assert.ok(kept.every((l) => / \|  \|$/.test(l)), 'no row cut in half');
  });

  it('more than 100 findings of a kind: the table stops at 100 and says how many more', () => {
    const p = plan(driftWith(Array.from({ length: 130 }, (_, i) => newFinding(i))));
    assert.equal(p.summary.split('\n').filter((l) => l.startsWith('| High |')).length, 100);
    assert.match(p.summary, /^… and 30 more \(each is an annotation where it has a file line\)\.$/m);
  });
});

describe('github check: fallback payloads', () => {
  it('the commit status: failure or success, the name as context, a description within 140 characters', () => {
    const failing = plan(driftWith(Array.from({ length: 3 }, (_, i) => newFinding(i)), { regress: true }), { detailsUrl: 'https://ci.example/run/1' });
    assert.deepEqual(commitStatusOf(failing), {
      state: 'failure', context: 'mcp-comply', description: 'Drift: 1 control regressed, 3 new findings at or above high', target_url: 'https://ci.example/run/1',
    });
    assert.equal(commitStatusOf(plan(driftWith([newFinding(1)]), { reportOnly: true })).state, 'success');
    const long = commitStatusOf({ ...failing, title: 'y'.repeat(300) }).description;
    assert.equal(long.length, 140);
    assert.ok(long.endsWith('…'));
  });

  it('the comment starts with a marker per check name that user text cannot close', () => {
    const p = plan(driftWith([newFinding(1)]), { name: 'gate --> <b>x</b>' });
    const body = commentBodyOf(p);
    assert.match(commentMarker('gate --> <b>x</b>'), /^<!-- mcp-comply github check [0-9a-f]{16} -->$/);
    assert.notEqual(commentMarker('a'), commentMarker('b'));
    assert.ok(body.startsWith(`${commentMarker('gate --> <b>x</b>')}\n## gate \\-\\-&gt; &lt;b&gt;x&lt;/b&gt;: Drift: 1 new finding at or above high\n\n**Drift fails the gate:**`));
  });
});
