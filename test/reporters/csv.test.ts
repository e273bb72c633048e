/** findings.csv and requirements.csv: RFC 4180, one row per finding or requirement, safe to open in a spreadsheet. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Assessment, AssessmentFramework, Finding } from '../../src/engine/assessment.js';
import { countOutcomes, figuresOf } from '../../src/engine/roll-up.js';
import { csvField, csvReporter, findingsCsv, remediationPlanCsv, requirementsCsv } from '../../src/reporters/csv.js';
import { outcomeLabel } from '../../src/reporters/labels.js';
import { PCI_WORDS } from '../helpers/framework-fixtures.js';
import { BOM, parseCsv } from '../helpers/csv.js';
import { withPlan } from '../helpers/plan-fixture.js';
import { sampleAssessment } from '../helpers/sample-assessment.js';

/** What a spreadsheet must be shown for a cell: formula starts get a leading quote. */
const defused = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const FINDING_HEADER = [
  'severity', 'check_id', 'check_title', 'message', 'path', 'line', 'column', 'controls', 'requirements',
  'fingerprint', 'evidence_id', 'server', 'exception_id', 'exception_approver', 'exception_expires',
  'expired_exception_id', 'remediation', 'status', 'first_seen', 'owner', 'due', 'plan_item',
];
const PLAN_HEADER = [
  'id', 'priority', 'status', 'severity', 'title', 'check_id', 'server', 'system', 'owner', 'first_seen', 'due', 'sla_days',
  'overdue', 'indicators', 'locations', 'controls', 'requirements', 'remediation', 'exception_id', 'exception_expires',
  'response', 'response_by', 'response_date', 'target_date', 'ticket', 'resolved_on', 'not_retested',
];
const REQUIREMENT_HEADER = [
  'framework_id', 'framework_name', 'framework_version', 'requirement_id', 'requirement_title', 'status',
  'status_label', 'reason', 'controls', 'attested_by', 'attestation_valid_until', 'attestation_state',
];

const finding = (fingerprint: string, over: Partial<Finding> = {}): Finding => ({
  checkId: 'mcp.supply-chain.unpinned-package', severity: 'high', messageId: 'm', message: `finding ${fingerprint}`,
  location: { path: 'billing-service/.cursor/mcp.json', line: 5, column: 22 }, fingerprint, controlIds: ['MCP-SC-01'],
  evidenceId: 'mcp-config:billing-service/.cursor/mcp.json', ...over,
});

const framework = (id: string, requirements: AssessmentFramework['requirements'], extra: Partial<AssessmentFramework> = {}): AssessmentFramework => ({
  id, name: `${id} name`, version: '1', applicability: { applies: true, inScope: requirements.length, assumed: [] },
  summary: figuresOf(countOutcomes(requirements.map((r) => r.status))),
  requirements,
  ...extra,
});

/** The sample estate with a small, exactly known set of findings, checks and frameworks. */
function knownAssessment(): Assessment {
  const a = sampleAssessment();
  a.checks = [{
    id: 'mcp.supply-chain.unpinned-package', title: 'MCP server packages are pinned', status: 'fail', severity: 'high',
    controlIds: ['MCP-SC-01'], remediation: 'Pin "exact" versions, e.g. pkg@1.2.3', results: [],
  }];
  a.findings = [
    finding('f1', {
      server: 'payments',
      exception: { id: 'EX-1', approver: 'ciso@example.com', expires: '2027-06-30', ticket: 'GRC-1', justification: 'mirror' },
    }),
    finding('f2', {
      checkId: 'logs.session-id-in-url', severity: 'medium', message: '=HYPERLINK("http://evil.example","click"), then more',
      location: { path: '@logs/access.log' }, controlIds: ['MCP-IA-06', 'MCP-SC-01'],
      expiredException: { id: 'EX-2', approver: 'ciso@example.com', expires: '2026-01-01', justification: 'old' },
    }),
  ];
  a.frameworks = [
    framework('pci-dss', [
      { id: '6.3.2', title: 'Inventory, "bespoke" software', status: 'deficient', reason: 'MCP-SC-01 fail (subset, integral)', controlIds: ['MCP-SC-01'],
        controls: [{ id: 'MCP-SC-01', relationship: 'subset', property: 'integral', status: 'fail' }] },
      { id: '10.2.1', title: 'Audit logs', status: 'untested', reason: 'no evidence either way', controlIds: ['MCP-LG-01'],
        controls: [{ id: 'MCP-LG-01', relationship: 'intersects', property: 'integral', status: 'manual' }] },
      { id: '9.9.9', title: 'Out of scope', status: 'not_applicable', reason: 'no cardholder data', controlIds: ['MCP-SC-01'],
        controls: [{ id: 'MCP-SC-01', relationship: 'subset', property: 'integral', status: 'fail' }] },
    ], { outcomeLabels: PCI_WORDS }),
    framework('gdpr', [
      { id: 'Art. 32(1)(b)', title: 'Security of processing', status: 'met', reason: 'attested', controlIds: ['MCP-IA-06', 'MCP-SC-01'],
        controls: [{ id: 'MCP-IA-06', relationship: 'intersects', property: 'example', status: 'pass' }, { id: 'MCP-SC-01', relationship: 'equal', property: 'integral', status: 'pass' }],
        attestation: {
          attestedBy: '+dpo@example.com', date: '2026-01-01', validUntil: '2027-01-01', evidence: 'docs/dpia.pdf', sha256: 'a'.repeat(64), state: 'fresh',
        } },
    ]),
  ];
  return a;
}

describe('csvField', () => {
  const cases: Array<[string, string | number | undefined, string]> = [
    ['plain text', 'plain text', 'plain text'],
    ['absent', undefined, ''],
    ['number', 42, '42'],
    ['comma', 'a,b', '"a,b"'],
    ['quote', 'say "hi"', '"say ""hi"""'],
    ['CRLF', 'one\r\ntwo', '"one\r\ntwo"'],
    ['LF', 'one\ntwo', '"one\ntwo"'],
    ['accents', 'Gérald Müller', 'Gérald Müller'],
    ['leading =', '=1+1', "'=1+1"],
    ['leading +', '+33 1 23', "'+33 1 23"],
    ['leading -', '-2+3', "'-2+3"],
    ['leading @', '@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['leading tab', '\t=1', "'\t=1"],
    ['leading CR', '\r=1', `"'\r=1"`],
    ['formula with a comma', '=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['= later in the text', 'a=b', 'a=b'],
  ];
  for (const [name, value, expected] of cases) {
    it(`writes ${name} as ${JSON.stringify(expected)}`, () => assert.equal(csvField(value), expected));
  }
});

describe('findings.csv', () => {
  it('has one header row and exactly one row per finding, field by field', () => {
    const rows = parseCsv(findingsCsv(knownAssessment()));
    assert.deepEqual(rows, [
      FINDING_HEADER,
      ['high', 'mcp.supply-chain.unpinned-package', 'MCP server packages are pinned', 'finding f1', 'billing-service/.cursor/mcp.json', '5', '22',
        'MCP-SC-01', 'pci-dss:6.3.2;gdpr:Art. 32(1)(b)', 'f1', 'mcp-config:billing-service/.cursor/mcp.json', 'payments',
        'EX-1', 'ciso@example.com', '2027-06-30', '', 'Pin "exact" versions, e.g. pkg@1.2.3', 'accepted', '', '', '', ''],
      ['medium', 'logs.session-id-in-url', '', `'=HYPERLINK("http://evil.example","click"), then more`, "'@logs/access.log", '', '',
        'MCP-IA-06;MCP-SC-01', 'pci-dss:6.3.2;gdpr:Art. 32(1)(b)', 'f2', 'mcp-config:billing-service/.cursor/mcp.json', '',
        '', '', '', 'EX-2', '', 'open', '', '', '', ''],
    ]);
  });

  it('gives each finding the first seen, owner, due date and id of its plan item', () => {
    const a = withPlan(sampleAssessment());
    const rows = parseCsv(findingsCsv(a));
    const column = (row: string[], name: string) => row[FINDING_HEADER.indexOf(name)];
    a.findings.forEach((f, index) => {
      const item = a.plan!.items.find((i) => i.status !== 'resolved' && i.indicators.some((x) => x.fingerprint === f.fingerprint && x.checkId === f.checkId))!;
      const row = rows[index + 1]!;
      assert.deepEqual(FINDING_HEADER.slice(-5).map((name) => column(row, name)),
        [f.exception ? 'accepted' : 'open', item.firstSeen, item.owner ?? '', item.due, item.id], f.fingerprint);
    });
    const poisoning = rows.filter((row) => column(row, 'check_id') === 'mcp.tools.poisoning-pattern' && column(row, 'server') === 'scheduling');
    assert.equal(new Set(poisoning.map((row) => column(row, 'plan_item'))).size, 1, 'one tool with several poisoning patterns is one plan item');
    assert.equal(poisoning.length, 5);
  });

  it('matches the sample assessment finding by finding', () => {
    const a = sampleAssessment();
    const rows = parseCsv(findingsCsv(a));
    assert.deepEqual(rows[0], FINDING_HEADER);
    assert.equal(rows.length - 1, a.findings.length);
    assert.ok(a.findings.length > 0, 'the sample has findings');
    const checks = new Map(a.checks.map((check) => [check.id, check]));
    a.findings.forEach((f, index) => {
      const row = rows[index + 1]!;
      assert.equal(row.length, FINDING_HEADER.length);
      const field = (name: string) => row[FINDING_HEADER.indexOf(name)];
      assert.equal(field('severity'), f.severity);
      assert.equal(field('check_id'), f.checkId);
      assert.equal(field('check_title'), defused(checks.get(f.checkId)?.title ?? ''));
      assert.equal(field('message'), defused(f.message));
      assert.equal(field('path'), defused(f.location.path));
      assert.equal(field('line'), f.location.line === undefined ? '' : String(f.location.line));
      assert.equal(field('column'), f.location.column === undefined ? '' : String(f.location.column));
      assert.equal(field('controls'), f.controlIds.join(';'));
      assert.equal(field('fingerprint'), f.fingerprint);
      assert.equal(field('evidence_id'), f.evidenceId);
      assert.equal(field('server'), defused(f.server ?? ''));
      assert.equal(field('exception_id'), f.exception?.id ?? '');
      assert.equal(field('expired_exception_id'), f.expiredException?.id ?? '');
      assert.equal(field('remediation'), defused(checks.get(f.checkId)?.remediation ?? ''));
      for (const pair of field('requirements')!.split(';').filter(Boolean)) {
        const [frameworkId, requirementId] = [pair.slice(0, pair.indexOf(':')), pair.slice(pair.indexOf(':') + 1)];
        const requirement = a.frameworks.find((fw) => fw.id === frameworkId)?.requirements.find((r) => r.id === requirementId);
        assert.ok(requirement && requirement.controlIds.some((id) => f.controlIds.includes(id)), `${pair} maps a control of the finding`);
      }
    });
    assert.ok(rows.some((row) => row[FINDING_HEADER.indexOf('exception_id')] !== ''), 'the sample has an excepted finding');
  });

  it('leaves check title and remediation empty for an older assessment without them', () => {
    const a = knownAssessment();
    delete a.checks[0]!.remediation;
    const rows = parseCsv(findingsCsv(a));
    assert.equal(rows[1]![FINDING_HEADER.indexOf('remediation')], '');
  });

  it('has only the header when there are no findings', () => {
    const a = knownAssessment();
    a.findings = [];
    assert.equal(findingsCsv(a), `${BOM}${FINDING_HEADER.join(',')}\r\n`);
  });
});

describe('requirements.csv', () => {
  it('has one row per requirement of every framework, field by field', () => {
    assert.deepEqual(parseCsv(requirementsCsv(knownAssessment())), [
      REQUIREMENT_HEADER,
      // status: our outcome, the same in every framework; status_label: in the framework's own words where it has them.
      ['pci-dss', 'pci-dss name', '1', '6.3.2', 'Inventory, "bespoke" software', 'deficient', 'Not in Place', 'MCP-SC-01 fail (subset, integral)',
        'MCP-SC-01 (subset, integral, fail)', '', '', ''],
      ['pci-dss', 'pci-dss name', '1', '10.2.1', 'Audit logs', 'untested', 'Not Tested', 'no evidence either way',
        'MCP-LG-01 (intersects, integral, manual)', '', '', ''],
      ['pci-dss', 'pci-dss name', '1', '9.9.9', 'Out of scope', 'not_applicable', 'Not Applicable', 'no cardholder data',
        'MCP-SC-01 (subset, integral, fail)', '', '', ''],
      ['gdpr', 'gdpr name', '1', 'Art. 32(1)(b)', 'Security of processing', 'met', 'Met', 'attested',
        'MCP-IA-06 (intersects, example, pass);MCP-SC-01 (equal, integral, pass)', "'+dpo@example.com", '2027-01-01', 'fresh'],
    ]);
  });

  it('matches the sample assessment requirement by requirement', () => {
    const a = sampleAssessment();
    const rows = parseCsv(requirementsCsv(a));
    const requirements = a.frameworks.flatMap((fw) => fw.requirements.map((r) => ({ fw, r })));
    assert.equal(rows.length - 1, requirements.length);
    requirements.forEach(({ fw, r }, index) => {
      const row = rows[index + 1]!;
      assert.deepEqual(row.slice(0, 6), [fw.id, defused(fw.name), defused(fw.version), defused(r.id), defused(r.title), r.status]);
      assert.equal(row[7], defused(r.reason));
      assert.equal(row[6], defused(outcomeLabel(fw, r.status)));
      assert.equal(row[8], r.controls.map((c) => `${c.id} (${[c.relationship, c.property, c.status].filter(Boolean).join(', ')})`).join(';'));
      assert.deepEqual(row.slice(9), [r.attestation?.attestedBy ?? '', r.attestation?.validUntil ?? '', r.attestation?.state ?? '']);
    });
    assert.ok(rows.some((row) => row[9] !== ''), 'the sample has an attested requirement');
  });
});

describe('remediation-plan.csv', () => {
  it('has one row per plan item, field by field', () => {
    const a = withPlan(knownAssessment(), {
      response: '=cmd|" /C calc"!A0, then "fixed"', by: 'cto@example.com', date: '2026-11-30', targetDate: '2026-12-15', ticket: '@JIRA-7',
    });
    const id = (status: string) => a.plan!.items.find((item) => item.status === status)!.id;
    const [header, ...rows] = parseCsv(remediationPlanCsv(a));
    assert.deepEqual(rows.map((row) => row[0]), a.plan!.items.map((item) => item.id), 'in plan order');
    assert.deepEqual([header, ...rows.sort((x, y) => x[2]!.localeCompare(y[2]!))], [
      PLAN_HEADER,
      [id('accepted'), '2', 'accepted', 'high', 'MCP server packages are pinned: payments', 'mcp.supply-chain.unpinned-package', 'payments',
        'Billing service', 'payments-engineering@northwind.example', '2026-10-24', '2026-11-23', '30', 'false', '1', 'billing-service/.cursor/mcp.json:5:22',
        'MCP-SC-01', 'pci-dss:6.3.2;gdpr:Art. 32(1)(b)', 'Pin "exact" versions, e.g. pkg@1.2.3', 'EX-1', '2027-06-30', '', '', '', '', '', '', ''],
      // The open item gets the response: its text is defused and quoted.
      [id('open'), '3', 'open', 'medium', 'logs.session-id-in-url: @logs/access.log', 'logs.session-id-in-url', '', '', '', '2026-10-24', '2027-01-22', '90', 'false',
        '1', "'@logs/access.log", 'MCP-IA-06;MCP-SC-01', 'pci-dss:6.3.2;gdpr:Art. 32(1)(b)', '', '', '',
        `'=cmd|" /C calc"!A0, then "fixed"`, 'cto@example.com', '2026-11-30', '2026-12-15', "'@JIRA-7", '', ''],
      [id('resolved'), '2', 'resolved', 'high', 'MCP servers use TLS: old-server', 'mcp.transport.plaintext-http', 'old-server',
        '', '', '2026-07-26', '2026-08-25', '30', 'false', '1', 'clinical-assistant/.cursor/mcp.json:30:7', 'MCP-EN-01', '', '', '', '', '', '', '', '', '', '2026-11-23', ''],
    ]);
  });

  it('lists every place of a root cause once, and counts its indicators', () => {
    const a = withPlan(sampleAssessment());
    const rows = parseCsv(remediationPlanCsv(a));
    assert.equal(rows.length - 1, a.plan!.items.length);
    const poisoning = rows.find((row) => row[5] === 'mcp.tools.poisoning-pattern' && row[6] === 'scheduling')!;
    assert.deepEqual([poisoning[13], poisoning[14]], ['5', 'clinical-assistant/mcp-tools/scheduling.tools.json:27:24']);
    const overdue = rows.filter((row) => row[12] === 'true').length;
    assert.equal(overdue, a.plan!.items.filter((item) => item.overdue).length);
  });

  it('has only the header for an assessment without a plan', () => {
    const a = knownAssessment();
    delete a.plan;
    assert.equal(remediationPlanCsv(a), `${BOM}${PLAN_HEADER.join(',')}\r\n`);
  });
});

describe('csvReporter', () => {
  it('makes findings.csv, requirements.csv and remediation-plan.csv, the same bytes every time', async () => {
    const a = sampleAssessment();
    const log = () => {};
    const first = await csvReporter.render(a, { paper: 'A4', log });
    const second = await csvReporter.render(sampleAssessment(), { paper: 'A4', log });
    assert.equal(csvReporter.format, 'csv');
    assert.deepEqual(csvReporter.files, ['findings.csv', 'requirements.csv', 'remediation-plan.csv']);
    assert.deepEqual(first.map((file) => file.name), csvReporter.files);
    assert.deepEqual(first, second);
    assert.equal(first[0]!.content, findingsCsv(a));
    assert.equal(first[1]!.content, requirementsCsv(a));
    assert.equal(first[2]!.content, remediationPlanCsv(a));
  });
});
