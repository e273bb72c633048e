/** The remediation plan: root causes, ids, owners, due dates, first seen, statuses and management responses. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Severity } from '../../src/catalog/model.js';
import type { AssessmentCheck, ExceptionNote, Finding, PlanItem } from '../../src/engine/assessment.js';
import { addDays, buildRemediationPlan, planItemId, rootCauseOf, type PlanInput } from '../../src/engine/remediation-plan.js';
import { upgradeAssessment } from '../../src/engine/upgrade.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';

const NOW = '2026-12-08T10:00:00.000Z';
const EX: ExceptionNote = { id: 'EX-1', approver: 'ciso@example.com', expires: '2027-06-30', justification: 'Mirror serves reviewed releases.' };

/** A finding; `n` makes its fingerprint (32 hex digits) and line. */
function finding(checkId: string, n: number, fields: { severity?: Severity; path?: string; server?: string; controls?: string[]; exception?: ExceptionNote } = {}): Finding {
  return {
    checkId, severity: fields.severity ?? 'high', messageId: 'm', message: `${checkId} #${n}`,
    location: { path: fields.path ?? 'app/.cursor/mcp.json', line: n }, fingerprint: n.toString(16).padStart(32, '0'),
    controlIds: fields.controls ?? ['MCP-X-01'], evidenceId: 'e',
    ...(fields.server !== undefined ? { server: fields.server } : {}), ...(fields.exception ? { exception: fields.exception } : {}),
  };
}

const POISONING = [1, 2, 3, 4].map((n) => finding('mcp.tools.poisoning-pattern', n, { severity: 'critical', path: 'clinical-assistant/mcp-tools/scheduling.tools.json', server: 'scheduling', controls: ['MCP-TP-01'] }))
  .concat(finding('mcp.tools.poisoning-pattern', 5, { severity: 'medium', path: 'clinical-assistant/mcp-tools/scheduling.tools.json', server: 'scheduling', controls: ['MCP-TP-02'] }));

function input(fields: Partial<PlanInput> = {}): PlanInput {
  return {
    findings: [],
    checks: [
      { id: 'mcp.tools.poisoning-pattern', title: 'Tool definitions carry no injected instructions', remediation: 'Disable the server until the definitions are clean.' },
      { id: 'logs.session-id-in-url', title: 'Logged URLs carry no session identifiers' },
    ],
    frameworks: [],
    servers: [
      { name: 'scheduling', client: 'vscode', transport: 'stdio', path: 'clinical-assistant/.vscode/mcp.json', line: 17, disabled: false, system: 'Clinical assistant' },
      { name: 'payments', client: 'cursor', transport: 'stdio', path: 'billing-service/.cursor/mcp.json', line: 5, disabled: false, system: 'Billing service' },
    ],
    systems: [
      { name: 'Clinical assistant', owner: 'platform-security@example.com', paths: ['clinical-assistant'] },
      { name: 'Billing service', owner: 'payments@example.com', paths: ['billing-service'] },
    ],
    now: NOW,
    ...fields,
  };
}

const only = (items: PlanItem[]) => {
  assert.equal(items.length, 1);
  return items[0]!;
};

describe('remediation plan: root causes', () => {
  it('five poisoning patterns in one tool of one server are one item with five indicators, at the worst severity', () => {
    const item = only(buildRemediationPlan(input({ findings: POISONING })).items);
    assert.deepEqual({
      id: item.id, rootCause: item.rootCause, title: item.title, severity: item.severity, priority: item.priority,
      indicators: item.indicators.map((i) => i.fingerprint.slice(-1)), controlIds: item.controlIds, remediation: item.remediation,
      server: item.server, system: item.system, status: item.status,
    }, {
      id: 'RP-a39c6b35', rootCause: 'mcp.tools.poisoning-pattern|scheduling',
      title: 'Tool definitions carry no injected instructions (server scheduling)', severity: 'critical', priority: 1,
      indicators: ['1', '2', '3', '4', '5'], controlIds: ['MCP-TP-01', 'MCP-TP-02'], remediation: 'Disable the server until the definitions are clean.',
      server: 'scheduling', system: 'Clinical assistant', status: 'open',
    });
  });

  it('findings without a server group by file; other servers and other checks are other items', () => {
    const plan = buildRemediationPlan(input({
      findings: [
        ...[2, 3, 4].map((n) => finding('logs.session-id-in-url', n, { severity: 'medium', path: 'logs/sse-access.log' })),
        finding('logs.session-id-in-url', 9, { severity: 'medium', path: 'logs/other.log' }),
        finding('mcp.tools.poisoning-pattern', 10, { server: 'scheduling' }),
        finding('mcp.tools.poisoning-pattern', 11, { server: 'payments' }),
        finding('mcp.network.bind-all-interfaces', 12, { server: 'payments' }),
      ],
    }));
    // Same priority and due date: by id.
    assert.deepEqual(plan.items.map((i) => [i.id, i.priority, i.rootCause, i.indicators.length, i.title]), [
      ['RP-8a406762', 2, 'mcp.tools.poisoning-pattern|payments', 1, 'Tool definitions carry no injected instructions (server payments)'],
      ['RP-a39c6b35', 2, 'mcp.tools.poisoning-pattern|scheduling', 1, 'Tool definitions carry no injected instructions (server scheduling)'],
      ['RP-e07f8188', 2, 'mcp.network.bind-all-interfaces|payments', 1, 'mcp.network.bind-all-interfaces (server payments)'],
      ['RP-4b9a7df7', 3, 'logs.session-id-in-url|logs/other.log', 1, 'Logged URLs carry no session identifiers (logs/other.log)'],
      ['RP-6ff05040', 3, 'logs.session-id-in-url|logs/sse-access.log', 3, 'Logged URLs carry no session identifiers (logs/sse-access.log)'],
    ]);
  });

  it('ids are RP- and 8 hex digits of the root cause, the same on every run', () => {
    const table: Array<[string, string]> = [
      ['mcp.tools.poisoning-pattern|scheduling', 'RP-a39c6b35'],
      ['repo.secrets.committed|billing-service/.env', 'RP-d84d4510'],
      ['logs.session-id-in-url|logs/sse-access.log', 'RP-6ff05040'],
      ['mcp.supply-chain.unpinned-package|payments', 'RP-b5c5ef08'],
    ];
    assert.deepEqual(table.map(([cause]) => planItemId(cause)), table.map(([, id]) => id));
    assert.equal(rootCauseOf(finding('repo.secrets.committed', 1, { path: 'billing-service/.env' })), 'repo.secrets.committed|billing-service/.env');
    assert.deepEqual(buildRemediationPlan(input({ findings: POISONING })).items.map((i) => i.id),
      buildRemediationPlan(input({ findings: [...POISONING].reverse(), now: '2027-03-01T00:00:00.000Z' })).items.map((i) => i.id));
  });

  it('the requirements an item could move: linked to its controls, in an applicable framework, deficient or partly effective', () => {
    const requirement = (id: string, status: string, controlIds: string[]) => ({ id, title: id, status, reason: '', controlIds, controls: [] });
    const frameworks = [
      { id: 'gdpr', applicability: { applies: true, inScope: 4, assumed: [] }, requirements: [
        requirement('Art. 5', 'deficient', ['MCP-TP-01']), requirement('Art. 25', 'partly_effective', ['MCP-TP-02', 'MCP-Z']),
        requirement('Art. 32', 'met', ['MCP-TP-01']), requirement('Art. 33', 'untested', ['MCP-TP-01']), requirement('Art. 35', 'deficient', ['MCP-Z']),
      ] },
      { id: 'pci-dss', applicability: { applies: false, inScope: 0, assumed: [] }, requirements: [requirement('6.3', 'deficient', ['MCP-TP-01'])] },
    ] as unknown as PlanInput['frameworks'];
    assert.deepEqual(only(buildRemediationPlan(input({ findings: POISONING, frameworks })).items).requirements,
      [{ frameworkId: 'gdpr', id: 'Art. 5' }, { frameworkId: 'gdpr', id: 'Art. 25' }]);
  });
});

describe('remediation plan: owners', () => {
  const owners: PlanInput['owners'] = [
    { owner: 'soc@example.com', checks: ['logs.*'] },
    { owner: 'scheduling-team@example.com', servers: ['sched*'], checks: ['mcp.auth.*'] },
    { owner: 'release@example.com', paths: ['billing-service/.github/'], systems: ['Billing service'] },
  ];
  const table: Array<[string, Finding, Pick<PlanItem, 'owner' | 'ownerSource' | 'system'>]> = [
    ['a rule on the check', finding('logs.session-id-in-url', 1, { path: 'logs/sse-access.log' }), { owner: 'soc@example.com', ownerSource: 'rule' }],
    ['a rule whose every list matches', finding('mcp.auth.remote-without-auth', 2, { server: 'scheduling' }),
      { owner: 'scheduling-team@example.com', ownerSource: 'rule', system: 'Clinical assistant' }],
    ['a rule of which one list does not match: the system\'s owner', finding('mcp.transport.plaintext-http', 3, { server: 'scheduling' }),
      { owner: 'platform-security@example.com', ownerSource: 'system', system: 'Clinical assistant' }],
    ['a rule on a folder and a system, for a file without server', finding('repo.ci.unpinned-action', 4, { path: 'billing-service/.github/workflows/release.yml' }),
      { owner: 'release@example.com', ownerSource: 'rule', system: 'Billing service' }],
    ['no rule: the owner of the system holding the file', finding('repo.secrets.committed', 5, { path: 'billing-service/.env' }),
      { owner: 'payments@example.com', ownerSource: 'system', system: 'Billing service' }],
    ['a server in no system and no rule: nobody', finding('mcp.transport.plaintext-http', 6, { server: 'stray', path: 'elsewhere/mcp.json' }), {}],
    ['a file in no system and no rule: nobody', finding('github.branch-protection.missing', 7, { path: 'github:acme/app' }), {}],
  ];
  for (const [name, f, expected] of table) {
    it(name, () => {
      const item = only(buildRemediationPlan(input({ findings: [f], owners })).items);
      assert.deepEqual({ owner: item.owner, ownerSource: item.ownerSource, system: item.system },
        { owner: expected.owner, ownerSource: expected.ownerSource, system: expected.system });
    });
  }

  it('a server name used in two systems is two items, each with its own system\'s owner; a server the inventory lacks takes the system of its file', () => {
    const servers = [
      ...input().servers,
      { name: 'github', client: 'cursor', transport: 'stdio', path: 'clinical-assistant/.cursor/mcp.json', line: 3, disabled: false, system: 'Clinical assistant' },
      { name: 'github', client: 'cursor', transport: 'stdio', path: 'billing-service/.cursor/mcp.json', line: 3, disabled: false, system: 'Billing service' },
    ];
    const findings = [
      finding('x.y', 1, { server: 'github', path: 'clinical-assistant/.cursor/mcp.json' }),
      finding('x.y', 2, { server: 'github', path: 'billing-service/.cursor/mcp.json' }),
      finding('x.y', 3, { server: 'ghost', path: 'billing-service/logs/gateway.jsonl' }),
    ];
    const plan = buildRemediationPlan(input({ findings, servers }));
    assert.deepEqual(plan.items.map((i) => [i.rootCause, i.system, i.owner, i.indicators.length]).sort(), [
      ['x.y|ghost', 'Billing service', 'payments@example.com', 1],
      ['x.y|github|Billing service', 'Billing service', 'payments@example.com', 1],
      ['x.y|github|Clinical assistant', 'Clinical assistant', 'platform-security@example.com', 1],
    ]);
  });
});

describe('remediation plan: due dates', () => {
  const table: Array<[Severity, Partial<Record<Severity, number>> | undefined, number, string]> = [
    ['critical', undefined, 7, '2026-12-15'],
    ['high', undefined, 30, '2027-01-07'],
    ['medium', undefined, 90, '2027-03-08'],
    ['low', undefined, 180, '2027-06-06'],
    ['high', { high: 14 }, 14, '2026-12-22'],
    ['low', { high: 14 }, 180, '2027-06-06'],
  ];
  for (const [severity, slaDays, days, due] of table) {
    it(`${severity} with ${JSON.stringify(slaDays ?? 'the defaults')} is due ${days} days after first seen`, () => {
      const plan = buildRemediationPlan(input({ findings: [finding('x.y', 1, { severity })], ...(slaDays ? { slaDays } : {}) }));
      const item = only(plan.items);
      assert.deepEqual([item.firstSeen, item.slaDays, item.due, item.overdue], ['2026-12-08', days, due, false]);
      assert.equal(plan.slaDays[severity], days);
    });
  }

  it('is overdue when due before the run\'s date, not on it; an accepted item is never overdue', () => {
    const previous = (firstSeen: string) => ({ generatedAt: '2026-09-01T00:00:00.000Z', findings: [], plan: { items: [{ id: planItemId('x.y|app/.cursor/mcp.json'), firstSeen }] } });
    const run = (firstSeen: string, exception?: ExceptionNote) => only(buildRemediationPlan(input({
      findings: [finding('x.y', 1, { severity: 'critical', ...(exception ? { exception } : {}) })], previous: previous(firstSeen),
    })).items);
    assert.deepEqual([run('2026-11-30'), run('2026-12-01'), run('2026-11-30', EX)].map((i) => [i.due, i.overdue, i.status]), [
      ['2026-12-07', true, 'open'], ['2026-12-08', false, 'open'], ['2026-12-07', false, 'accepted'],
    ]);
    assert.equal(addDays('2026-12-30', 7), '2027-01-06');
  });
});

describe('remediation plan: first seen and resolved items', () => {
  const current = [finding('x.y', 1), finding('x.y', 2), finding('a.b', 3, { server: 'payments' })];
  // This run's checks with their status (the title falls back to the id, as for a check the catalog lacks).
  const ran = (status: AssessmentCheck['status'], ...ids: string[]) => ({ checks: [...input().checks, ...ids.map((id) => ({ id, title: id, status }))] });

  it('carries first seen from the previous plan, else from a previous finding with the same fingerprint, else today', () => {
    const previous = {
      generatedAt: '2026-09-15T08:00:00.000Z',
      // x.y was seen (first in June) in another file: its fingerprint 2 is known, its root cause is not.
      findings: [finding('x.y', 2, { path: 'old/place.json' }), finding('a.b', 3, { server: 'payments' })],
      plan: { items: [{ id: planItemId('a.b|payments'), firstSeen: '2026-06-01' }] },
    };
    const plan = buildRemediationPlan(input({ findings: [...current, finding('new.one', 4)], previous, ...ran('pass', 'x.y', 'a.b', 'new.one') }));
    // The previous item of old/place.json is not resolved: its finding (fingerprint 2) is still here, in x.y's current item.
    assert.deepEqual(plan.items.map((i) => [i.rootCause, i.status, i.firstSeen]).sort(), [
      ['a.b|payments', 'open', '2026-06-01'], ['new.one|app/.cursor/mcp.json', 'open', '2026-12-08'], ['x.y|app/.cursor/mcp.json', 'open', '2026-09-15'],
    ]);
  });

  it('a previous plan\'s open and accepted items that are gone are resolved; its resolved items are not carried again', () => {
    const first = buildRemediationPlan(input({ findings: current, now: '2026-09-15T08:00:00.000Z' }));
    const second = buildRemediationPlan(input({ findings: [current[0]!], previous: { generatedAt: '2026-09-15T08:00:00.000Z', findings: current, plan: first }, now: '2026-10-15T08:00:00.000Z', ...ran('fail', 'x.y', 'a.b') }));
    assert.deepEqual(second.items.map((i) => [i.rootCause, i.status, i.firstSeen, i.resolvedOn, i.indicators.length]), [
      ['x.y|app/.cursor/mcp.json', 'open', '2026-09-15', undefined, 1],
      ['a.b|payments', 'resolved', '2026-09-15', '2026-10-15', 1],
    ]);
    const third = buildRemediationPlan(input({ findings: [], previous: { generatedAt: '2026-10-15T08:00:00.000Z', findings: [current[0]!], plan: second }, now: '2026-11-15T08:00:00.000Z', ...ran('pass', 'x.y', 'a.b') }));
    assert.deepEqual(third.items.map((i) => [i.rootCause, i.status, i.resolvedOn]), [['x.y|app/.cursor/mcp.json', 'resolved', '2026-11-15']]);
  });

  it('a baseline\'s first-seen dates are carried and its findings grouped for what is resolved', () => {
    const previous = {
      generatedAt: '2026-11-01T00:00:00.000Z', findings: current,
      plan: { items: [{ id: planItemId('x.y|app/.cursor/mcp.json'), firstSeen: '2026-04-01' }, { id: planItemId('a.b|payments'), firstSeen: '2026-05-01' }] },
    };
    const plan = buildRemediationPlan(input({ findings: [current[0]!], previous, ...ran('fail', 'x.y', 'a.b') }));
    assert.deepEqual(plan.items.map((i) => [i.rootCause, i.status, i.firstSeen]), [
      ['x.y|app/.cursor/mcp.json', 'open', '2026-04-01'], ['a.b|payments', 'resolved', '2026-05-01'],
    ]);
  });

  it('an item gone from the findings stays open when its check did not decide this run: nothing shows it fixed', () => {
    const previous = { generatedAt: '2026-09-15T08:00:00.000Z', findings: current };
    // [check a.b this run, status of the a.b item, its note]
    const table: Array<[AssessmentCheck['status'] | undefined, PlanItem['status'], string | undefined]> = [
      ['pass', 'resolved', undefined],
      ['not_applicable', 'resolved', undefined],
      ['not_observed', 'open', 'a.b was not_observed in this assessment, so it cannot be shown resolved; the indicators are the previous assessment\'s'],
      ['error', 'open', 'a.b was error in this assessment, so it cannot be shown resolved; the indicators are the previous assessment\'s'],
      [undefined, 'open', 'a.b did not run in this assessment, so it cannot be shown resolved; the indicators are the previous assessment\'s'],
    ];
    for (const [status, expected, note] of table) {
      const plan = buildRemediationPlan(input({ findings: current.slice(0, 2), previous, ...(status ? ran(status, 'a.b') : {}) }));
      const item = plan.items.find((i) => i.rootCause === 'a.b|payments')!;
      assert.deepEqual([item.status, item.notRetested, item.firstSeen, item.due, item.overdue], [expected, note, '2026-09-15', '2026-10-15', expected === 'open'], String(status));
    }
  });

  it('against the schema 1.2 example of last quarter, read as it is or upgraded: the same resolved items, first seen on its date', () => {
    const old = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'examples/previous/2026-Q3/assessment.json'), 'utf8'));
    const upgraded = upgradeAssessment(old);
    const checks = ran('pass', ...new Set<string>(old.findings.map((f: Finding) => f.checkId)));
    const asRead = buildRemediationPlan(input({ findings: [], previous: old, ...checks }));
    const asUpgraded = buildRemediationPlan(input({ findings: [], previous: upgraded, ...checks }));
    const summary = (items: PlanItem[]) => items.map((i) => `${i.status} ${i.firstSeen} ${i.resolvedOn} ${i.indicators.length} ${i.rootCause}`);
    assert.deepEqual(summary(asRead.items), summary(asUpgraded.items));
    assert.equal(asRead.items.length, upgraded.plan!.items.length);
    assert.equal(asRead.items.reduce((n, i) => n + i.indicators.length, 0), old.findings.length);
    assert.deepEqual([...new Set(asRead.items.map((i) => `${i.status} ${i.firstSeen} ${i.resolvedOn}`))], ['resolved 2026-08-24 2026-12-08']);
    const poisoning = asRead.items.find((i) => i.rootCause === 'mcp.tools.poisoning-pattern|scheduling')!;
    assert.equal(poisoning.id, 'RP-a39c6b35');
    assert.equal(poisoning.indicators.length, old.findings.filter((f: Finding) => f.checkId === 'mcp.tools.poisoning-pattern' && f.server === 'scheduling').length);
  });
});

describe('remediation plan: accepted items', () => {
  const table: Array<[string, Finding[], PlanItem['status'], string | undefined]> = [
    ['every indicator under a live exception', [finding('x.y', 1, { exception: EX }), finding('x.y', 2, { exception: EX })], 'accepted', 'EX-1'],
    ['one indicator not under it', [finding('x.y', 1, { exception: EX }), finding('x.y', 2)], 'open', undefined],
    ['none under it', [finding('x.y', 1)], 'open', undefined],
  ];
  for (const [name, findings, status, exception] of table) {
    it(`${name}: ${status}`, () => {
      const item = only(buildRemediationPlan(input({ findings })).items);
      assert.deepEqual([item.status, item.exception?.id], [status, exception]);
    });
  }

  it('open items come first, then accepted, then resolved; by priority, overdue first, due date, then id', () => {
    const previous = {
      generatedAt: '2026-06-01T00:00:00.000Z', findings: [finding('gone.away', 9, { severity: 'critical' })],
      plan: { items: [{ id: planItemId('late.high|app/.cursor/mcp.json'), firstSeen: '2026-06-01' }] },
    };
    const plan = buildRemediationPlan(input({
      previous,
      findings: [
        finding('ok.low', 1, { severity: 'low' }), finding('late.high', 2, { severity: 'high' }), finding('new.high', 3, { severity: 'high' }),
        finding('accepted.critical', 4, { severity: 'critical', exception: EX }), finding('new.critical', 5, { severity: 'critical' }),
      ],
      checks: [...input().checks, { id: 'gone.away', title: 'gone.away', status: 'pass' }],
    }));
    assert.deepEqual(plan.items.map((i) => `${i.status} ${i.priority} ${i.overdue ? 'overdue' : i.due} ${i.checkId}`), [
      'open 1 2026-12-15 new.critical',
      'open 2 overdue late.high',
      'open 2 2027-01-07 new.high',
      'open 4 2027-06-06 ok.low',
      'accepted 1 2026-12-15 accepted.critical',
      'resolved 1 2026-06-08 gone.away',
    ]);
  });
});

describe('remediation plan: management responses', () => {
  const findings = [...POISONING, finding('logs.session-id-in-url', 20, { path: 'logs/sse-access.log', severity: 'medium' })];
  const response = (fields: Record<string, string>) => ({ response: 'Planned.', by: 'cio@example.com', date: '2026-12-01', ...fields });

  it('matches by item id or by an indicator\'s fingerprint; the latest response wins; the rest are unmatched', () => {
    const plan = buildRemediationPlan(input({
      findings,
      responses: [
        response({ item: 'RP-a39c6b35', response: 'Disabled the server.', date: '2026-12-02', targetDate: '2026-12-15', ticket: 'SEC-1' }),
        response({ fingerprint: POISONING[2]!.fingerprint, response: 'Earlier note.', date: '2026-11-20' }),
        response({ fingerprint: findings[5]!.fingerprint, response: 'Purge weekly.' }),
        response({ item: 'RP-00000000', by: 'typo@example.com' }),
        response({ fingerprint: 'f'.repeat(32) }),
      ],
    }));
    assert.deepEqual(plan.items.map((i) => [i.id, i.response]), [
      ['RP-a39c6b35', { response: 'Disabled the server.', by: 'cio@example.com', date: '2026-12-02', targetDate: '2026-12-15', ticket: 'SEC-1' }],
      ['RP-6ff05040', { response: 'Purge weekly.', by: 'cio@example.com', date: '2026-12-01' }],
    ]);
    assert.deepEqual(plan.unmatchedResponses, [
      { target: 'RP-00000000', by: 'typo@example.com' }, { target: `fingerprint:${'f'.repeat(32)}`, by: 'cio@example.com' },
    ]);
  });

  it('no responses: no unmatchedResponses key', () => {
    assert.equal('unmatchedResponses' in buildRemediationPlan(input({ findings })), false);
  });

  it('no findings: an empty plan with the SLA days', () => {
    assert.deepEqual(buildRemediationPlan(input()), { slaDays: { low: 180, medium: 90, high: 30, critical: 7 }, items: [] });
  });
});
