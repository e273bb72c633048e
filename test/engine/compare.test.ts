/** Comparing two assessments: what regressed, improved or changed, what is new and what went away. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  Assessment, AssessmentChanges, AssessmentControl, AssessmentFramework, AssessmentRisk, ChangeDirection, ControlAttestation, ControlStatus,
  ExceptionEntry, Finding, InventoryServer, InventoryTool, RequirementStatus,
} from '../../src/engine/assessment.js';
import { compareAssessments } from '../../src/engine/compare.js';

const Q2 = '2026-06-30T09:00:00.000Z';
const Q3 = '2026-09-30T09:00:00.000Z';

const control = (id: string, status: ControlStatus, over: Partial<AssessmentControl> = {}): AssessmentControl => ({
  id, title: `${id} title`, status, reason: 'r', severity: 'high', checks: [], risk: { likelihood: 3, impact: 3, inherent: 9, residual: 9 }, ...over,
});
const attestation = (state: ControlAttestation['state'], validUntil = '2026-09-01'): ControlAttestation => ({
  attestedBy: 'soc@example.com', date: '2026-03-01', validUntil, evidence: 'evidence/ir-drill.pdf', sha256: 'e'.repeat(64), state,
});
const finding = (fingerprint: string, over: Partial<Finding> = {}): Finding => ({
  checkId: 'mcp.supply-chain.unpinned-package', severity: 'high', messageId: 'm', message: `finding ${fingerprint}`,
  location: { path: 'billing-service/.cursor/mcp.json', line: 5 }, fingerprint, controlIds: ['MCP-SC-01'], evidenceId: 'mcp-config:x', ...over,
});
const server = (name: string, path = 'billing-service/.cursor/mcp.json'): InventoryServer => ({
  name, client: 'cursor', transport: 'stdio', path, line: 3, disabled: false,
});
const tool = (srv: string, name: string, sha256: string): InventoryTool => ({ server: srv, name, sha256, path: `snapshots/${srv}.json` });
const exception = (id: string, status: ExceptionEntry['status']): ExceptionEntry => ({
  id, target: 'check:mcp.supply-chain.unpinned-package', status, approver: 'ciso@example.com', approved: '2026-01-01',
  expires: '2026-08-31', daysToExpiry: 0, matchedFindings: 1, unused: false,
});
const framework = (id: string, effectiveness: number, requirements: Array<[string, RequirementStatus]>): AssessmentFramework => ({
  id, name: `${id} name`, version: '1', applicability: { applies: true, inScope: requirements.length, assumed: [] },
  summary: {
    testingCoverage: 0.8, effectiveness,
    counts: { met: 0, effective: 0, partly_effective: 0, deficient: 0, untested: 0, not_addressed: 0, not_applicable: 0 },
  },
  requirements: requirements.map(([rid, status]) => ({ id: rid, title: `${rid} title`, status, reason: 'r', controlIds: [], controls: [] })),
});
// Only the fields compareAssessments reads matter; the rest are filled so the object is a plausible assessment.
const risk = (threatId: string, residual: number) =>
  ({ threatId, title: `${threatId} title`, inherent: 16, residual, controlIds: [], controls: [], reason: 'r' }) as unknown as AssessmentRisk;

const assessment = (over: Partial<Assessment> = {}): Assessment => ({
  schemaVersion: '1.0',
  tool: { name: 'mcp-comply', version: '0.1.0' },
  generatedAt: Q3,
  scope: { frameworks: ['gdpr'], dataClasses: [], dataClassesDeclared: true, paths: ['.'], includeUser: false },
  evidence: { rootHash: 'r'.repeat(64), items: [], unreadable: [], collectorFailures: [] },
  checks: [],
  findings: [],
  controls: [],
  frameworks: [],
  risks: [],
  riskMethod: {
    credit: { pass: 1, attested: 1, fail: 0, not_observed: 0, manual: 0, stale: 0, error: 0 },
    minimumLikelihood: 1, bands: { medium: 5, high: 10, critical: 20 },
  },
  riskHeatMap: { cells: [] },
  inventory: { servers: [], tools: [] },
  summary: {
    checks: { pass: 0, fail: 0, not_observed: 0, error: 0 },
    findings: { total: 0, bySeverity: { low: 0, medium: 0, high: 0, critical: 0 } },
    controls: { pass: 0, fail: 0, not_observed: 0, manual: 0, attested: 0, stale: 0, not_applicable: 0, error: 0 },
    failOn: 'high',
    failed: false,
  },
  ...over,
});

const NO_CHANGE_SUMMARY: AssessmentChanges['summary'] = {
  regressedControls: 0, improvedControls: 0, newFindings: 0, resolvedFindings: 0,
  addedServers: 0, addedTools: 0, changedTools: 0, expiredExceptions: 0, staleAttestations: 0,
};

// Two quarters of one estate: every difference between them is listed in the expected changes below.
const previous = assessment({
  generatedAt: Q2,
  tool: { name: 'mcp-comply', version: '0.0.9' },
  evidence: { rootHash: 'p'.repeat(64), items: [], unreadable: [], collectorFailures: [] },
  controls: [
    control('MCP-AC-01', 'pass'),
    control('MCP-IR-01', 'attested', { attestation: attestation('fresh') }),
    control('MCP-SC-01', 'fail'),
    control('MCP-LG-01', 'not_observed'),
    control('MCP-DP-01', 'manual'),
  ],
  findings: [finding('a'.repeat(32)), finding('b'.repeat(32)), finding('c'.repeat(32), { severity: 'medium' })],
  inventory: {
    servers: [server('payments'), server('legacy-crm', 'crm/.vscode/mcp.json')],
    tools: [tool('payments', 'charge', '1'.repeat(64)), tool('payments', 'refund', '2'.repeat(64))],
  },
  exceptions: [exception('EX-1', 'live'), exception('EX-2', 'live')],
  frameworks: [framework('gdpr', 0.4, [['Art.5', 'met'], ['Art.32', 'met']])],
  risks: [risk('T-01', 8), risk('T-02', 4)],
});
const current = assessment({
  controls: [
    control('MCP-AC-01', 'fail'),
    control('MCP-IR-01', 'stale', { attestation: attestation('stale') }),
    control('MCP-SC-01', 'pass'),
    control('MCP-LG-01', 'manual'),
    control('MCP-DP-01', 'manual'),
  ],
  findings: [
    finding('a'.repeat(32)), finding('b'.repeat(32)),
    finding('d'.repeat(32), { checkId: 'mcp.secrets.inline-credential', severity: 'critical', location: { path: 'ehr/.cursor/mcp.json', line: 9 },
      exception: { id: 'EX-1', approver: 'ciso@example.com', expires: '2027-06-30', justification: 'accepted' } }),
  ],
  inventory: {
    servers: [server('payments'), server('ehr', 'ehr/.cursor/mcp.json')],
    tools: [tool('payments', 'charge', '1'.repeat(64)), tool('payments', 'refund', '3'.repeat(64)), tool('ehr', 'read_record', '4'.repeat(64))],
  },
  exceptions: [exception('EX-1', 'live'), exception('EX-2', 'expired')],
  frameworks: [framework('gdpr', 0.5, [['Art.5', 'met'], ['Art.32', 'deficient']]), framework('nis2', 0.25, [['Art.21', 'deficient']])],
  risks: [risk('T-01', 12), risk('T-02', 4)],
});

describe('comparing two quarters', () => {
  it('lists exactly what changed', () => {
    assert.deepEqual(compareAssessments(previous, current), {
      previous: { generatedAt: Q2, rootHash: 'p'.repeat(64), toolVersion: '0.0.9' },
      controls: [
        { id: 'MCP-AC-01', title: 'MCP-AC-01 title', from: 'pass', to: 'fail', direction: 'regressed' },
        { id: 'MCP-IR-01', title: 'MCP-IR-01 title', from: 'attested', to: 'stale', direction: 'regressed' },
        { id: 'MCP-SC-01', title: 'MCP-SC-01 title', from: 'fail', to: 'pass', direction: 'improved' },
        { id: 'MCP-LG-01', title: 'MCP-LG-01 title', from: 'not_observed', to: 'manual', direction: 'changed' },
      ],
      requirements: [{ frameworkId: 'gdpr', id: 'Art.32', title: 'Art.32 title', from: 'met', to: 'deficient', direction: 'regressed' }],
      findings: {
        new: [{
          checkId: 'mcp.secrets.inline-credential', severity: 'critical', message: `finding ${'d'.repeat(32)}`,
          location: { path: 'ehr/.cursor/mcp.json', line: 9 }, fingerprint: 'd'.repeat(32), exception: 'EX-1',
        }],
        resolved: [{
          checkId: 'mcp.supply-chain.unpinned-package', severity: 'medium', message: `finding ${'c'.repeat(32)}`,
          location: { path: 'billing-service/.cursor/mcp.json', line: 5 }, fingerprint: 'c'.repeat(32),
        }],
        unchanged: 2,
      },
      servers: { added: [server('ehr', 'ehr/.cursor/mcp.json')], removed: [server('legacy-crm', 'crm/.vscode/mcp.json')] },
      tools: {
        added: [tool('ehr', 'read_record', '4'.repeat(64))],
        removed: [],
        changed: [{ server: 'payments', name: 'refund', path: 'snapshots/payments.json', from: '2'.repeat(64), to: '3'.repeat(64) }],
      },
      exceptions: { expired: [{ id: 'EX-2', target: 'check:mcp.supply-chain.unpinned-package', expires: '2026-08-31' }] },
      attestations: { stale: [{ control: 'MCP-IR-01', attestedBy: 'soc@example.com', validUntil: '2026-09-01' }] },
      frameworks: [
        { id: 'gdpr', name: 'gdpr name', testingCoverage: { from: 0.8, to: 0.8 }, effectiveness: { from: 0.4, to: 0.5 } },
        { id: 'nis2', name: 'nis2 name', testingCoverage: { from: null, to: 0.8 }, effectiveness: { from: null, to: 0.25 }, status: 'added' },
      ],
      risks: [{ threatId: 'T-01', title: 'T-01 title', residual: { from: 8, to: 12 } }],
      summary: {
        regressedControls: 2, improvedControls: 1, newFindings: 1, resolvedFindings: 1,
        addedServers: 1, addedTools: 1, changedTools: 1, expiredExceptions: 1, staleAttestations: 1,
      },
    } satisfies AssessmentChanges);
  });

  it('finds no change between an assessment and itself', () => {
    const changes = compareAssessments(current, current);
    assert.deepEqual({ ...changes, previous: undefined, frameworks: undefined }, {
      previous: undefined, frameworks: undefined,
      controls: [], requirements: [],
      findings: { new: [], resolved: [], unchanged: 3 },
      servers: { added: [], removed: [] },
      tools: { added: [], removed: [], changed: [] },
      exceptions: { expired: [] },
      attestations: { stale: [] },
      risks: [],
      summary: NO_CHANGE_SUMMARY,
    });
    assert.deepEqual(changes.frameworks, [
      { id: 'gdpr', name: 'gdpr name', testingCoverage: { from: 0.8, to: 0.8 }, effectiveness: { from: 0.5, to: 0.5 } },
      { id: 'nis2', name: 'nis2 name', testingCoverage: { from: 0.8, to: 0.8 }, effectiveness: { from: 0.25, to: 0.25 } },
    ]);
  });

  it('reports frameworks, tools and servers that went away', () => {
    const changes = compareAssessments(current, previous);
    assert.deepEqual(changes.frameworks.map((f) => [f.id, f.status, f.effectiveness]), [
      ['gdpr', undefined, { from: 0.5, to: 0.4 }],
      ['nis2', 'removed', { from: 0.25, to: null }],
    ]);
    assert.deepEqual(changes.tools.removed, [tool('ehr', 'read_record', '4'.repeat(64))]);
    assert.deepEqual(changes.servers.removed, [server('ehr', 'ehr/.cursor/mcp.json')]);
  });
});

describe('older and untidy assessments', () => {
  it('treats a previous assessment without inventory or exceptions register as having none', () => {
    const old = { ...previous } as Partial<Assessment>;
    delete old.inventory;
    delete old.exceptions;
    const changes = compareAssessments(old as Assessment, current);
    assert.deepEqual(changes.servers, { added: current.inventory.servers, removed: [] });
    assert.deepEqual(changes.tools, { added: current.inventory.tools, removed: [], changed: [] });
    assert.deepEqual(changes.exceptions.expired.map((e) => e.id), ['EX-2']);
  });

  it('works out whether an attestation without `state` was already stale on the previous run', () => {
    const legacy = (validUntil: string) => {
      const { state: _, ...rest } = attestation('fresh', validUntil);
      return assessment({ generatedAt: Q2, controls: [control('MCP-IR-01', 'attested', { attestation: rest as ControlAttestation })] });
    };
    const now = assessment({ controls: [control('MCP-IR-01', 'stale', { attestation: attestation('stale', '2026-06-01') })] });
    const listed = (before: Assessment) => compareAssessments(before, now).attestations.stale.map((s) => s.control);
    assert.deepEqual(listed(legacy('2026-07-31')), ['MCP-IR-01']);
    assert.deepEqual(listed(legacy('2026-06-30')), ['MCP-IR-01'], 'valid through the run\'s date: it was not yet stale');
    assert.deepEqual(listed(legacy('2026-06-01')), [], 'already stale: not news');
  });

  it('counts a fingerprint reported twice once, keeping its first occurrence', () => {
    const before = assessment({ findings: [finding('a'.repeat(32)), finding('a'.repeat(32), { message: 'again' })] });
    const after = assessment({
      findings: [finding('a'.repeat(32)), finding('b'.repeat(32)), finding('b'.repeat(32), { message: 'again' }), finding('a'.repeat(32))],
    });
    const changes = compareAssessments(before, after);
    assert.deepEqual(changes.findings.new.map((f) => f.message), [`finding ${'b'.repeat(32)}`]);
    assert.equal(changes.findings.unchanged, 1);
    assert.deepEqual(compareAssessments(after, before).findings.resolved.map((f) => f.fingerprint), ['b'.repeat(32)]);
  });

  it('ignores controls, requirements and threats present on one side only (a catalog change)', () => {
    const before = assessment({ controls: [control('MCP-OLD-01', 'pass')], frameworks: [framework('gdpr', 1, [['Art.5', 'met']])], risks: [risk('T-01', 4)] });
    const after = assessment({
      controls: [control('MCP-NEW-01', 'fail')], frameworks: [framework('gdpr', 1, [['Art.6', 'deficient']])], risks: [risk('T-09', 20)],
    });
    const changes = compareAssessments(before, after);
    assert.deepEqual([changes.controls, changes.requirements, changes.risks], [[], [], []]);
  });

  it('sorts new findings worst first, then by path and line', () => {
    const after = assessment({
      findings: [
        finding('1'.repeat(32), { severity: 'low', location: { path: 'a.json', line: 1 } }),
        finding('2'.repeat(32), { severity: 'high', location: { path: 'b.json', line: 20 } }),
        finding('3'.repeat(32), { severity: 'high', location: { path: 'b.json', line: 3 } }),
        finding('4'.repeat(32), { severity: 'high', location: { path: 'a.json', line: 9 } }),
        finding('5'.repeat(32), { severity: 'critical', location: { path: 'z.json' } }),
      ],
    });
    assert.deepEqual(compareAssessments(assessment(), after).findings.new.map((f) => f.fingerprint[0]), ['5', '4', '3', '2', '1']);
  });
});

// Rows: status before; columns: status now, in the order of the header. R regressed, I improved, C changed, - no change.
function directionTable<S extends string>(header: S[], rows: string[]): Array<[S, S, ChangeDirection | undefined]> {
  const letter: Record<string, ChangeDirection | undefined> = { R: 'regressed', I: 'improved', C: 'changed', '-': undefined };
  return rows.flatMap((row, i) => row.trim().split(/\s+/).map((cell, j): [S, S, ChangeDirection | undefined] => [header[i]!, header[j]!, letter[cell]]));
}

describe('control status directions', () => {
  const statuses: ControlStatus[] = ['pass', 'attested', 'partial', 'fail', 'error', 'not_observed', 'manual', 'stale', 'not_applicable'];
  const table = directionTable(statuses, [
    '- C R R R R R R C', // pass
    'C - R R R R R R C', // attested
    'I I - R R R R R C', // partial
    'I I I - I I I I I', // fail
    'I I I R - C C C C', // error
    'I I I R C - C C C', // not_observed
    'I I I R C C - C C', // manual
    'I I I R C C C - C', // stale
    'C C C R C C C C -', // not_applicable
  ]);
  assert.equal(table.length, 81);
  for (const [from, to, direction] of table) {
    it(`${from} -> ${to}: ${direction ?? 'no change'}`, () => {
      const changes = compareAssessments(assessment({ controls: [control('C-1', from)] }), assessment({ controls: [control('C-1', to)] }));
      assert.deepEqual(changes.controls, direction ? [{ id: 'C-1', title: 'C-1 title', from, to, direction }] : []);
      assert.equal(changes.summary.regressedControls, direction === 'regressed' ? 1 : 0);
      assert.equal(changes.summary.improvedControls, direction === 'improved' ? 1 : 0);
    });
  }
});

describe('requirement status directions', () => {
  const statuses: RequirementStatus[] = ['met', 'effective', 'partly_effective', 'untested', 'not_addressed', 'deficient', 'not_applicable'];
  const table = directionTable(statuses, [
    '- R R R R R C', // met
    'I - R R R R C', // effective
    'I I - R R R C', // partly_effective
    'I I I - C R C', // untested
    'I I I C - R C', // not_addressed
    'I I I I I - C', // deficient
    'C C C C C C -', // not_applicable
  ]);
  assert.equal(table.length, 49);
  for (const [from, to, direction] of table) {
    it(`${from} -> ${to}: ${direction ?? 'no change'}`, () => {
      const changes = compareAssessments(
        assessment({ frameworks: [framework('gdpr', 0, [['Art.5', from]])] }),
        assessment({ frameworks: [framework('gdpr', 0, [['Art.5', to]])] }),
      );
      assert.deepEqual(changes.requirements, direction ? [{ frameworkId: 'gdpr', id: 'Art.5', title: 'Art.5 title', from, to, direction }] : []);
    });
  }
});

describe('sorting', () => {
  it('orders requirements by framework, then regressed before improved before changed, then id', () => {
    const before = assessment({
      frameworks: [framework('hipaa', 0, [['H-2', 'met']]), framework('gdpr', 0, [['G-3', 'met'], ['G-2', 'deficient'], ['G-1', 'met'], ['G-0', 'not_applicable']])],
    });
    const after = assessment({
      frameworks: [framework('hipaa', 0, [['H-2', 'deficient']]), framework('gdpr', 0, [['G-3', 'deficient'], ['G-2', 'met'], ['G-1', 'partly_effective'], ['G-0', 'met']])],
    });
    assert.deepEqual(compareAssessments(before, after).requirements.map((r) => `${r.frameworkId}/${r.id}/${r.direction}`), [
      'gdpr/G-1/regressed', 'gdpr/G-3/regressed', 'gdpr/G-2/improved', 'gdpr/G-0/changed', 'hipaa/H-2/regressed',
    ]);
  });
});
