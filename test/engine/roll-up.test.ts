/**
 * Roll-up tables: a failure is never hidden by a pass, missing evidence never reads as met, and a
 * control that covers only part of a requirement (subset, intersects) never makes it met.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Control, Framework, Relationship } from '../../src/catalog/model.js';
import type { AssessmentControl, ControlStatus, RequirementStatus } from '../../src/engine/assessment.js';
import { controlStatus, requirementStatus, rollUpFrameworks, type CheckOutcome } from '../../src/engine/roll-up.js';
import type { CheckStatus } from '../../src/checks/types.js';

const control = (checks: string[]) => ({ checks } as unknown as Control);
const outcome = (status: CheckStatus): CheckOutcome => ({
  status, failures: status === 'fail' ? 2 : 0, ...(status === 'not_observed' ? { reason: 'no mcp-config evidence was collected' } : status === 'error' ? { reason: 'the collector failed' } : {}),
});

describe('control status from its checks', () => {
  const cases: Array<[string, Record<string, CheckStatus>, ControlStatus, string]> = [
    ['no checks: decided by manual evidence', {}, 'manual', 'no check can decide this control and no attestation covers it'],
    ['all pass', { a: 'pass', b: 'pass' }, 'pass', 'all 2 checks pass: a, b'],
    ['its only check passes', { a: 'pass' }, 'pass', 'its check passes: a'],
    ['one fail among passes', { a: 'pass', b: 'fail' }, 'fail', 'failed: b (2 findings); passed: a'],
    ['fail beats error', { a: 'error', b: 'fail' }, 'fail', 'failed: b (2 findings); error: a (the collector failed)'],
    ['error beats not observed', { a: 'error', b: 'not_observed' }, 'error', 'error: a (the collector failed); not observed: b (no mcp-config evidence was collected)'],
    ['a pass with a check not observed is not a pass', { a: 'pass', b: 'not_observed' }, 'not_observed', 'not observed: b (no mcp-config evidence was collected); passed: a'],
    ['nothing observed', { a: 'not_observed' }, 'not_observed', 'not observed: a (no mcp-config evidence was collected)'],
  ];
  for (const [name, statuses, expected, reason] of cases) {
    it(name, () => assert.deepEqual(controlStatus(control(Object.keys(statuses)), (id) => outcome(statuses[id]!)), { status: expected, reason }));
  }

  it('a long list of checks is cut short in the reason', () => {
    const ids = Array.from({ length: 9 }, (_, i) => `c${i}`);
    assert.equal(controlStatus(control(ids), () => outcome('pass')).reason, 'all 9 checks pass: c0, c1, c2, c3, c4, c5 and 3 more');
  });
});

const STATUSES: ControlStatus[] = ['pass', 'attested', 'fail', 'not_observed', 'manual', 'stale', 'error', 'not_applicable'];
const LETTER: Record<string, RequirementStatus> = { M: 'met', P: 'partially_met', N: 'not_met', A: 'not_assessed', X: 'not_applicable' };
/** A grid of letters, one row per status of STATUSES, read into expected requirement statuses. */
const grid = (rows: string[]) => rows.map((row) => [...row.replace(/\s/g, '')].map((l) => LETTER[l]!));
const link = (id: string, relationship: Relationship, status: ControlStatus) => ({ id, relationship, status });

describe('requirement status from one control: every status and relationship', () => {
  // Columns: pass attested fail not_observed manual stale error not_applicable
  const byRelationship: Record<Relationship, string> = {
    equal: 'MMNAAAAX',
    superset: 'MMNAAAAX',
    subset: 'PPNAAAAX',
    intersects: 'PPNAAAAX',
  };
  for (const [relationship, row] of Object.entries(byRelationship) as Array<[Relationship, string]>) {
    const expected = grid([row])[0]!;
    STATUSES.forEach((status, i) => {
      it(`${relationship} control ${status} -> ${expected[i]}`, () => assert.equal(requirementStatus([link('C1', relationship, status)]).status, expected[i]));
    });
  }
});

describe('requirement status from two controls: every pair of statuses', () => {
  // Rows: the first control's status, columns: the second's, both in the order of STATUSES.
  const pairs: Array<[string, Relationship, Relationship, string[]]> = [
    ['a whole (equal) control beside a partial (subset) one', 'equal', 'subset', [
      'MMPPPPPM', // pass
      'MMPPPPPM', // attested
      'PPNNNNNN', // fail
      'PPNAAAAA', // not_observed
      'PPNAAAAA', // manual
      'PPNAAAAA', // stale
      'PPNAAAAA', // error
      'PPNAAAAX', // not_applicable
    ]],
    ['two partial (subset) controls never make it met', 'subset', 'subset', [
      'PPPPPPPP',
      'PPPPPPPP',
      'PPNNNNNN',
      'PPNAAAAA',
      'PPNAAAAA',
      'PPNAAAAA',
      'PPNAAAAA',
      'PPNAAAAX',
    ]],
    ['two whole controls (superset, equal)', 'superset', 'equal', [
      'MMPPPPPM',
      'MMPPPPPM',
      'PPNNNNNN',
      'PPNAAAAA',
      'PPNAAAAA',
      'PPNAAAAA',
      'PPNAAAAA',
      'MMNAAAAX',
    ]],
  ];
  for (const [name, first, second, rows] of pairs) {
    describe(name, () => {
      const expected = grid(rows);
      STATUSES.forEach((a, i) => STATUSES.forEach((b, j) => {
        it(`${first} ${a} + ${second} ${b} -> ${expected[i]![j]}`, () => {
          assert.equal(requirementStatus([link('C1', first, a), link('C2', second, b)]).status, expected[i]![j]);
        });
      }));
    });
  }

  it('no control: not assessed, and says so', () => {
    assert.deepEqual(requirementStatus([]), { status: 'not_assessed', reason: 'no control of the catalog addresses this requirement' });
  });

  it('reasons name the controls, their status and relationship', () => {
    assert.equal(requirementStatus([link('MCP-AC-01', 'equal', 'pass'), link('MCP-LG-01', 'subset', 'fail')]).reason,
      'MCP-LG-01 fail (subset) failing; MCP-AC-01 pass (equal) shown to work');
    assert.match(requirementStatus([link('MCP-AC-01', 'subset', 'pass'), link('MCP-AC-02', 'intersects', 'attested')]).reason,
      /cover only part of the requirement/);
    assert.equal(requirementStatus([link('MCP-AC-01', 'equal', 'manual')]).reason, 'no mapped control is shown to work: MCP-AC-01 manual (equal)');
  });
});

describe('frameworks: scoping, coverage beside compliance', () => {
  const framework: Framework = {
    id: 'eu-ai-act', name: 'AI Act', version: '1', publisher: 'EU', source: 'https://example.org', files: [],
    applicability: {
      provider: { roles: ['provider'], riskLevels: ['high'], basis: 'Providers of high-risk systems.' },
      deployer: { roles: ['deployer'], basis: 'Deployers.' },
    },
    requirements: [
      { id: 'Art. 4', title: 'literacy', controls: [{ control: 'A', relationship: 'equal', rationale: 'r' }], file: 'f' },
      { id: 'Art. 9', title: 'risk', appliesTo: 'provider', controls: [{ control: 'B', relationship: 'equal', rationale: 'r' }], file: 'f' },
      { id: 'Art. 26', title: 'deployer', appliesTo: 'deployer', controls: [{ control: 'C', relationship: 'subset', rationale: 'r' }], file: 'f' },
    ],
  };
  const controls = [
    { id: 'A', status: 'pass' }, { id: 'B', status: 'not_observed' }, { id: 'C', status: 'pass' },
  ] as AssessmentControl[];

  it('undeclared facts assess every requirement and report the assumption', () => {
    const [f] = rollUpFrameworks([framework], controls, {});
    assert.deepEqual(f!.applicability, { applies: true, inScope: 3, assumed: ['aiAct.riskLevel', 'aiAct.role'] });
    assert.deepEqual(f!.requirements.map((r) => r.status), ['met', 'not_assessed', 'partially_met']);
    assert.deepEqual(f!.summary, {
      coverage: 0.667, compliance: 0.333, counts: { met: 1, partially_met: 1, not_met: 0, not_assessed: 1, not_applicable: 0 },
    });
  });

  it('a deployer: provider duties are out of scope with the reason; coverage and compliance count only what applies', () => {
    const [f] = rollUpFrameworks([framework], controls, { aiActRole: 'deployer', aiActRiskLevel: 'high' });
    assert.deepEqual(f!.requirements.map((r) => r.status), ['met', 'not_applicable', 'partially_met']);
    assert.equal(f!.requirements[1]!.reason,
      'applies only where the system has the AI Act role provider; mcp-comply.yaml declares aiAct.role: deployer. Providers of high-risk systems.');
    assert.deepEqual(f!.applicability, { applies: true, inScope: 2, assumed: [] });
    assert.equal(f!.summary.coverage, 1);
    assert.equal(f!.summary.compliance, 0.5);
  });

  it('a framework whose condition fails is not applicable as a whole, its scores null rather than 0%', () => {
    const hipaa: Framework = {
      ...framework, id: 'hipaa', appliesTo: 'phi',
      applicability: { ...framework.applicability, phi: { dataClasses: ['phi'], basis: 'ePHI only.' } },
    };
    const [f] = rollUpFrameworks([hipaa], controls, { dataClasses: ['personal-data'] });
    assert.equal(f!.applicability.applies, false);
    assert.equal(f!.applicability.reason, 'applies only where the system processes phi; mcp-comply.yaml declares dataClasses: personal-data. ePHI only.');
    assert.ok(f!.requirements.every((r) => r.status === 'not_applicable' && r.reason === f!.applicability.reason));
    assert.deepEqual(f!.summary, { coverage: null, compliance: null, counts: { met: 0, partially_met: 0, not_met: 0, not_assessed: 0, not_applicable: 3 } });
  });

  it('declaring no data classes at all scopes out a framework that needs one', () => {
    const gdpr: Framework = { ...framework, id: 'gdpr', appliesTo: 'pd', applicability: { pd: { dataClasses: ['personal-data'], basis: 'Personal data.' } } };
    const [f] = rollUpFrameworks([gdpr], controls, { dataClasses: [] });
    assert.match(f!.applicability.reason!, /declares dataClasses: none/);
  });
});

describe('requirement status with an attestation of the rest of the requirement', () => {
  const rest = (state: 'fresh' | 'stale' | 'future') => ({
    state, attestation: { attestedBy: 'dpo@example.com', date: '2026-01-10', validUntil: '2027-01-10', evidence: 'isms.pdf', sha256: 'a'.repeat(64), state },
  });
  // Columns: pass attested fail not_observed manual stale error not_applicable, for one subset control.
  const rows: Array<[string, ReturnType<typeof rest> | undefined, string]> = [
    ['no attestation', undefined, 'PPNAAAAX'],
    ['a fresh attestation completes what the subset control leaves open', rest('fresh'), 'MMNPPPPX'],
    ['a stale attestation completes nothing', rest('stale'), 'PPNAAAAX'],
    ['an attestation dated after the run completes nothing', rest('future'), 'PPNAAAAX'],
  ];
  for (const [name, attestation, row] of rows) {
    const expected = grid([row])[0]!;
    STATUSES.forEach((status, i) => {
      it(`${name}: subset ${status} -> ${expected[i]}`, () => assert.equal(requirementStatus([link('C1', 'subset', status)], attestation).status, expected[i]));
    });
  }

  it('a requirement no control addresses is met on a fresh attestation alone, not on a stale one', () => {
    assert.deepEqual(requirementStatus([], rest('fresh')), { status: 'met', reason: 'no control of the catalog addresses it; attested by dpo@example.com, valid until 2027-01-10' });
    assert.deepEqual(requirementStatus([], rest('stale')), {
      status: 'not_assessed', reason: 'no control of the catalog addresses this requirement; the attestation of the rest by dpo@example.com expired on 2027-01-10',
    });
  });

  it('the reason says which part the controls show and who attests the rest', () => {
    assert.equal(requirementStatus([link('MCP-EN-01', 'subset', 'pass')], rest('fresh')).reason,
      'MCP-EN-01 pass (subset) shown to work, covering part of the requirement; the rest attested by dpo@example.com, valid until 2027-01-10');
  });
});
