/**
 * responses.yaml and the config keys of the remediation plan and document control (`report:`,
 * `owners:`, `responses:`): schema and checks with positions, the document control taken from the
 * config, and, through the CLI, responses that match no item and signing a report off from the config.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkResponsesFile, documentControlOf, loadProjectConfig } from '../../src/config/project-config.js';
import type { Assessment } from '../../src/engine/assessment.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import type { Problem } from '../../src/lib/problem.js';
import { validateDocument } from '../../src/lib/schemas.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

// Built at run time, so the repository holds no string shaped like a live credential.
const TOKEN = ['ghp', 'Q7mK2vR9xL4tW7nB3cF6hJ1pS5dG0aZeY2uI'].join('_');

const response = (fields: string) => `responses:\n  - response: Fixed in the next release.\n${fields}    by: cio@example.com\n    date: 2026-12-01\n`;
const FP = 'f0a089edce965abc90d38951a68b5d32';

interface Case { name: string; run: (dir: string) => Problem[]; expect: { line: number; column: number; code: string; message: string } }

const cases: Case[] = [
  ['responses: names neither an item nor a finding', response(''), 2, 15, 'response-target',
    'a response names exactly one of "item" (a plan item id) or "fingerprint" (one of its findings)'],
  ['responses: names both an item and a finding', response(`    item: RP-a39c6b35\n    fingerprint: ${FP}\n`), 3, 11, 'response-target',
    'a response names exactly one of "item" (a plan item id) or "fingerprint" (one of its findings)'],
  ['responses: target date before the date', response('    item: RP-a39c6b35\n    targetDate: 2026-11-30\n'), 4, 17, 'target-before-date',
    'targetDate 2026-11-30 is before date 2026-12-01'],
  ['responses: an item id that is not one', response('    item: RP-12\n'), 3, 11, 'schema',
    'responses[0].item does not have the expected form (^RP-[0-9a-f]{8}$)'],
  ['responses: a date that is not ISO 8601', response('    item: RP-a39c6b35\n').replace('2026-12-01', '01/12/2026'), 5, 11, 'schema',
    'responses[0].date must match format "date"'],
  ['responses: unknown key', response('    item: RP-a39c6b35\n    owner: x\n'), 4, 5, 'schema', 'responses[0] has unknown property "owner"'],
  ['responses: missing by', 'responses:\n  - item: RP-a39c6b35\n    response: Later.\n    date: 2026-12-01\n', 2, 5, 'schema',
    'responses[0] is missing required property "by"'],
].map(([name, text, line, column, code, message]) => ({
  name: name as string, run: (dir: string) => checkResponsesFile(write(dir, 'responses.yaml', text as string)).problems,
  expect: { line: line as number, column: column as number, code: code as string, message: message as string },
}));

const config = (text: string) => (dir: string) => {
  write(dir, 'responses.yaml', response('    item: RP-a39c6b35\n'));
  return loadProjectConfig(write(dir, 'mcp-comply.yaml', `organization: Acme\n${text}`)).problems;
};
cases.push(...([
  ['config: period that ends before it starts', 'report:\n  period: { from: 2026-12-31, to: 2026-10-01 }\n', 3, 35, 'period-order', 'report.period.to 2026-10-01 is before from 2026-12-31'],
  ['config: period without its end', 'report:\n  period: { from: 2026-10-01 }\n', 3, 11, 'schema', 'report.period is missing required property "to"'],
  ['config: status neither draft nor final', 'report:\n  status: approved\n', 3, 11, 'schema', 'report.status must be one of: draft, final'],
  ['config: SLA days of zero', 'report:\n  slaDays: { critical: 0 }\n', 3, 24, 'schema', 'report.slaDays.critical must be >= 1'],
  ['config: SLA days past a century (a due date no calendar holds)', 'report:\n  slaDays: { high: 900000000 }\n', 3, 20, 'schema', 'report.slaDays.high must be <= 36500'],
  ['config: SLA days for a severity that does not exist', 'report:\n  slaDays: { urgent: 3 }\n', 3, 14, 'schema', 'report.slaDays has unknown property "urgent"'],
  ['config: distribution that is not a list', 'report:\n  distribution: board\n', 3, 17, 'schema', 'report.distribution must be array'],
  ['config: owners rule without an owner', 'owners:\n  - checks: ["logs.*"]\n', 3, 5, 'schema', 'owners[0] is missing required property "owner"'],
  ['config: owners rule with an unknown list', 'owners:\n  - owner: soc@example.com\n    repos: [x]\n', 4, 5, 'schema', 'owners[0] has unknown property "repos"'],
  ['config: responses file that does not exist', 'responses: missing.yaml\n', 2, 12, 'file-not-found', 'responses file "missing.yaml" does not exist'],
] as const).map(([name, text, line, column, code, message]): Case => ({ name, run: config(text), expect: { line, column, code, message } })));

describe('responses.yaml and the plan\'s config keys are validated with positions', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const problems = testCase.run(tempDir());
      const hit = problems.find((p) => p.code === testCase.expect.code && p.message === testCase.expect.message);
      assert.ok(hit, problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`).join('\n') || 'no problems');
      assert.deepEqual({ line: hit.line, column: hit.column }, { line: testCase.expect.line, column: testCase.expect.column });
    });
  }

  it('a valid file: responses as written, with where each is; a quoted credential replaced and warned about', () => {
    const dir = tempDir();
    const { responses, positions, problems } = checkResponsesFile(write(dir, 'responses.yaml', [
      'responses:', '  - item: RP-a39c6b35', `    response: rotated the token ${TOKEN}`, '    by: cio@example.com', '    date: 2026-12-01',
      '    targetDate: 2026-12-01', '    ticket: SEC-1', `  - fingerprint: ${FP}`, '    response: Accepted.', '    by: ciso@example.com', '    date: 2026-12-02', '',
    ].join('\n')));
    assert.deepEqual(responses, [
      { item: 'RP-a39c6b35', response: 'rotated the token [REDACTED]', by: 'cio@example.com', date: '2026-12-01', targetDate: '2026-12-01', ticket: 'SEC-1' },
      { fingerprint: FP, response: 'Accepted.', by: 'ciso@example.com', date: '2026-12-02' },
    ]);
    assert.deepEqual(positions, [{ line: 2, column: 5 }, { line: 8, column: 5 }]);
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.severity, p.code, p.message]), [
      [3, 15, 'warning', 'secret-in-text', 'response quotes a credential (github-token); it is written as [REDACTED] in the assessment and every report'],
    ]);
  });

  it('the example project\'s report:, owners: and responses.yaml are valid', () => {
    const { loaded, problems } = loadProjectConfig(path.join(PACKAGE_ROOT, 'examples', 'mcp-comply.yaml'));
    assert.deepEqual(problems, []);
    assert.equal(loaded!.responsesFile, path.join(PACKAGE_ROOT, 'examples', 'responses.yaml'));
    const checked = checkResponsesFile(loaded!.responsesFile!);
    assert.deepEqual(checked.problems, []);
    assert.deepEqual(checked.responses.map((r) => r.item ?? r.fingerprint), ['RP-a39c6b35', '904fd250493f0cc66b0feaa13744405d', 'RP-6ff05040', 'RP-b5c5ef08']);
  });
});

describe('document control from report:', () => {
  const table: Array<[string, Parameters<typeof documentControlOf>[0], ReturnType<typeof documentControlOf>]> = [
    ['no report: block', undefined, undefined],
    ['only rendering keys', { formats: ['pdf'], paper: 'A4', profile: 'executive', slaDays: { high: 10 } }, undefined],
    ['a classification alone: a draft', { classification: 'Internal' }, { status: 'draft', classification: 'Internal' }],
    ['final with every key', {
      status: 'final', classification: 'Confidential', preparedBy: 'a@example.com', reviewedBy: 'b@example.com', approvedBy: 'c@example.com',
      version: '1.0', distribution: ['Board'], period: { from: '2026-10-01', to: '2026-12-31' }, paper: 'Letter',
    }, {
      status: 'final', classification: 'Confidential', preparedBy: 'a@example.com', reviewedBy: 'b@example.com', approvedBy: 'c@example.com',
      version: '1.0', distribution: ['Board'], period: { from: '2026-10-01', to: '2026-12-31' },
    }],
    ['a credential in a name', { preparedBy: `bot ${TOKEN}` }, { status: 'draft', preparedBy: 'bot [REDACTED]' }],
  ];
  for (const [name, report, expected] of table) {
    it(name, () => assert.deepEqual(documentControlOf(report), expected));
  }
});

describe('the plan through the CLI', () => {
  it('assess: responses that name no item are warned about at their line; the plan, the document and the schema', () => {
    const project = tempDir('plan-cli-');
    write(project, 'app/.cursor/mcp.json', JSON.stringify({ mcpServers: { payments: { command: 'npx', args: ['-y', '@acme/payments-mcp@latest'] } } }, null, 2));
    write(project, 'mcp-comply.yaml', [
      'organization: Acme', 'systems:', '  - name: App', '    owner: app-team@example.com', '    paths: [app]', 'responses: responses.yaml',
      'report:', '  status: final', '  classification: Internal', '  slaDays: { high: 45 }', '',
    ].join('\n'));
    write(project, 'responses.yaml', [
      'responses:', `  - item: ${'RP-b5c5ef08'}`, '    response: Pin it.', '    by: cto@example.com', '    date: 2026-12-01',
      '  - item: RP-00000000', '    response: Typo.', '    by: cto@example.com', '    date: 2026-12-01', '',
    ].join('\n'));
    const out = path.join(project, 'out');
    const run = runCli(['assess', '--config', path.join(project, 'mcp-comply.yaml'), '--out', out, '--fail-on', 'none'], { env: { SOURCE_DATE_EPOCH: '1796731200' } });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Plan: {5}1 item\(s\) by root cause: 1 open \(0 overdue, 1 with an owner\), 0 accepted under exception, 0 resolved since the previous assessment$/m);
    assert.match(run.stderr, /responses\.yaml:6:5: warning: the response to RP-00000000 names no item of the remediation plan \(plan\.unmatchedResponses\) \[unmatched-response\]/);
    const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
    assert.deepEqual(validateDocument('assessment', assessment), []);
    assert.equal(assessment.schemaVersion, '2.1');
    assert.deepEqual(assessment.document, { status: 'final', classification: 'Internal' });
    const item = assessment.plan!.items.find((i) => i.id === 'RP-b5c5ef08')!;
    assert.deepEqual([item.rootCause, item.severity, item.owner, item.ownerSource, item.firstSeen, item.slaDays, item.due, item.response?.response],
      ['mcp.supply-chain.unpinned-package|payments', 'high', 'app-team@example.com', 'system', '2026-12-08', 45, '2027-01-22', 'Pin it.']);
    assert.deepEqual(assessment.plan!.unmatchedResponses, [{ target: 'RP-00000000', by: 'cto@example.com' }]);

    // Signed off later from the config alone: report takes the document control and the responses given since.
    write(project, 'later.yaml', ['responses:', '  - item: RP-b5c5ef08', '    response: Pinned in release 4.2.', '    by: cto@example.com', '    date: 2026-12-05', ''].join('\n'));
    write(project, 'signed.yaml', 'responses: later.yaml\nreport:\n  status: final\n  approvedBy: ciso@example.com\n  version: "1.1"\n');
    const signed = runCli(['report', path.join(out, 'assessment.json'), '--config', path.join(project, 'signed.yaml'), '--format', 'csv', '--out', path.join(project, 'signed')]);
    assert.equal(signed.code, 0, signed.stderr);
    const planCsv = fs.readFileSync(path.join(project, 'signed', 'remediation-plan.csv'), 'utf8');
    assert.match(planCsv, /^RP-b5c5ef08,.*,Pinned in release 4\.2\.,cto@example\.com,2026-12-05,/m);
    assert.doesNotMatch(planCsv, /Pin it\./);

    // validate --config checks responses.yaml too.
    write(project, 'responses.yaml', 'responses:\n  - response: Nothing named.\n    by: cto@example.com\n    date: 2026-12-01\n');
    const validated = runCli(['validate', '--config', path.join(project, 'mcp-comply.yaml')]);
    assert.equal(validated.code, 2, validated.stdout);
    assert.match(validated.stdout, /responses\.yaml:2:15: error: a response names exactly one of "item" \(a plan item id\) or "fingerprint" \(one of its findings\) \[response-target\]/);
  });
});
