/**
 * Roll-up tables: a failure is never hidden by a pass, missing evidence never reads as met, and a
 * control that covers only part of a requirement (subset, intersects) never makes it met.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Control, Framework, Relationship, SupportiveProperty } from '../../src/catalog/model.js';
import type { AssessmentControl, ControlStatus, RequirementStatus } from '../../src/engine/assessment.js';
import { controlStatus, pooledFigures, requirementStatus, rollUpFrameworks, type CheckOutcome } from '../../src/engine/roll-up.js';
import type { CheckStatus } from '../../src/checks/types.js';

const control = (checks: string[], automation: Control['automation'] = checks.length ? 'full' : 'none', manualPart?: string) =>
  ({ checks, automation, ...(manualPart ? { manualPart } : {}) } as unknown as Control);
const outcome = (status: CheckStatus): CheckOutcome => ({
  status, failures: status === 'fail' ? 2 : 0, ...(status === 'not_observed' ? { reason: 'no mcp-config evidence was collected' } : status === 'error' ? { reason: 'the collector failed' } : {}),
});
const attestation = (state: 'fresh' | 'stale' | 'future') => ({
  state, attestation: { attestedBy: 'dpo@example.com', date: '2026-01-10', validUntil: '2027-01-10', evidence: 'isms.pdf', sha256: 'a'.repeat(64), state },
});

describe('control status from its checks', () => {
  const cases: Array<[string, Record<string, CheckStatus>, ControlStatus, string]> = [
    ['no checks: decided by manual evidence', {}, 'manual', 'no check can decide this control and no attestation covers it'],
    ['all pass', { a: 'pass', b: 'pass' }, 'pass', 'all 2 checks that found a population pass: a, b'],
    ['its only check passes', { a: 'pass' }, 'pass', 'its check passes: a'],
    ['one fail among passes', { a: 'pass', b: 'fail' }, 'fail', 'failed: b (2 findings); passed: a'],
    ['fail beats error', { a: 'error', b: 'fail' }, 'fail', 'failed: b (2 findings); error: a (the collector failed)'],
    ['error beats not observed', { a: 'error', b: 'not_observed' }, 'error', 'error: a (the collector failed); not observed: b (no mcp-config evidence was collected)'],
    ['a pass with a check not observed is not a pass', { a: 'pass', b: 'not_observed' }, 'not_observed', 'not observed: b (no mcp-config evidence was collected); passed: a'],
    ['nothing observed', { a: 'not_observed' }, 'not_observed', 'not observed: a (no mcp-config evidence was collected)'],
    ['no population anywhere is not applicable, never a pass', { a: 'not_applicable', b: 'not_applicable' }, 'not_applicable',
      'no population: none of its checks found anything to evaluate (a, b); it earns no risk credit'],
    ['a pass beside a check without population passes on what was there', { a: 'pass', b: 'not_applicable' }, 'pass', 'its check passes: a; no population for b'],
    ['a failure beside a check without population fails', { a: 'fail', b: 'not_applicable' }, 'fail', 'failed: a (2 findings)'],
  ];
  for (const [name, statuses, expected, reason] of cases) {
    it(name, () => assert.deepEqual(controlStatus(control(Object.keys(statuses)), (id) => outcome(statuses[id]!)), { status: expected, reason }));
  }

  it('a long list of checks is cut short in the reason', () => {
    const ids = Array.from({ length: 9 }, (_, i) => `c${i}`);
    assert.equal(controlStatus(control(ids), () => outcome('pass')).reason, 'all 9 checks that found a population pass: c0, c1, c2, c3, c4, c5 and 3 more');
  });

  describe('checks that decide only part of the control (automation: partial)', () => {
    const partial = control(['a'], 'partial', 'The identity provider enforces MFA: an export of its policy.');
    const passing = () => outcome('pass');
    const rows: Array<[string, ReturnType<typeof attestation> | undefined, ControlStatus, string]> = [
      ['passing checks leave it partial, naming the outstanding evidence', undefined, 'partial',
        'automated part effective (its check passes: a); manual evidence outstanding: The identity provider enforces MFA: an export of its policy.'],
      ['a fresh attestation of the manual part makes it pass', attestation('fresh'), 'pass',
        'its check passes: a; the manual part is attested by dpo@example.com on 2026-01-10, valid until 2027-01-10'],
      ['a stale attestation leaves it partial and says so', attestation('stale'), 'partial',
        'automated part effective (its check passes: a); manual evidence outstanding: The identity provider enforces MFA: an export of its policy. (the attestation by dpo@example.com expired on 2027-01-10)'],
      ['an attestation dated after the run leaves it partial', attestation('future'), 'partial',
        'automated part effective (its check passes: a); manual evidence outstanding: The identity provider enforces MFA: an export of its policy. (the attestation by dpo@example.com is dated 2026-01-10, after this run, so it attests nothing yet)'],
    ];
    for (const [name, attested, status, reason] of rows) {
      it(name, () => assert.deepEqual(controlStatus(partial, passing, attested), { status, reason }));
    }
    it('an attestation never outranks a failing check', () => {
      assert.equal(controlStatus(partial, () => outcome('fail'), attestation('fresh')).status, 'fail');
    });
    it('with no population the control is not applicable, attested or not', () => {
      assert.equal(controlStatus(partial, () => outcome('not_applicable'), attestation('fresh')).status, 'not_applicable');
    });
  });
});

const STATUSES: ControlStatus[] = ['pass', 'attested', 'partial', 'fail', 'not_observed', 'manual', 'stale', 'error', 'not_applicable'];
const LETTER: Record<string, RequirementStatus> = {
  M: 'met', E: 'effective', P: 'partly_effective', D: 'deficient', U: 'untested', A: 'not_addressed', X: 'not_applicable',
};
/** A grid of letters, one row per status of STATUSES, read into expected requirement statuses. */
const grid = (rows: string[]) => rows.map((row) => [...row.replace(/\s/g, '')].map((l) => LETTER[l]!));
const link = (id: string, relationship: Relationship, status: ControlStatus, property: SupportiveProperty = 'integral') => ({ id, relationship, property, status });

describe('requirement status from one control: every status, relationship and supportive property', () => {
  // Columns: pass attested partial fail not_observed manual stale error not_applicable
  const rows: Array<[Relationship, SupportiveProperty, string]> = [
    ['equal', 'integral', 'MMPDUUUUX'],
    ['superset', 'integral', 'MMPDUUUUX'],
    ['subset', 'integral', 'EEPDUUUUX'],
    ['intersects', 'integral', 'EEPDUUUUX'],
    // A failing control that is only an example of the requirement shows a weakness, not a deficiency.
    ['equal', 'example', 'MMPPUUUUX'],
    ['subset', 'example', 'EEPPUUUUX'],
  ];
  for (const [relationship, property, row] of rows) {
    const expected = grid([row])[0]!;
    STATUSES.forEach((status, i) => {
      it(`${relationship} ${property} control ${status} -> ${expected[i]}`, () => assert.equal(requirementStatus([link('C1', relationship, status, property)]).status, expected[i]));
    });
  }
});

describe('requirement status from two controls: every pair of statuses', () => {
  // Rows: the first control's status, columns: the second's, both in the order of STATUSES.
  const pairs: Array<[string, ReturnType<typeof link>, ReturnType<typeof link>, string[]]> = [
    ['a whole (equal) control beside a partial (subset) one', link('C1', 'equal', 'pass'), link('C2', 'subset', 'pass'), [
      'MMPDPPPPM', // pass
      'MMPDPPPPM', // attested
      'PPPDPPPPP', // partial
      'DDDDDDDDD', // fail
      'PPPDUUUUU', // not_observed
      'PPPDUUUUU', // manual
      'PPPDUUUUU', // stale
      'PPPDUUUUU', // error
      'EEPDUUUUX', // not_applicable
    ]],
    ['two subset controls never make it met', link('C1', 'subset', 'pass'), link('C2', 'subset', 'pass'), [
      'EEPDPPPPE',
      'EEPDPPPPE',
      'PPPDPPPPP',
      'DDDDDDDDD',
      'PPPDUUUUU',
      'PPPDUUUUU',
      'PPPDUUUUU',
      'PPPDUUUUU',
      'EEPDUUUUX',
    ]],
    ['an integral control beside an example', link('C1', 'subset', 'pass'), link('C2', 'subset', 'pass', 'example'), [
      'EEPPPPPPE',
      'EEPPPPPPE',
      'PPPPPPPPP',
      'DDDDDDDDD',
      'PPPPUUUUU',
      'PPPPUUUUU',
      'PPPPUUUUU',
      'PPPPUUUUU',
      'EEPPUUUUX',
    ]],
  ];
  for (const [name, first, second, rows] of pairs) {
    describe(name, () => {
      const expected = grid(rows);
      STATUSES.forEach((a, i) => STATUSES.forEach((b, j) => {
        it(`${first.relationship} ${first.property} ${a} + ${second.relationship} ${second.property} ${b} -> ${expected[i]![j]}`, () => {
          assert.equal(requirementStatus([{ ...first, status: a }, { ...second, status: b }]).status, expected[i]![j]);
        });
      }));
    });
  }

  it('no control: not addressed, and says so', () => {
    assert.deepEqual(requirementStatus([]), { status: 'not_addressed', reason: 'no control of the catalog addresses this requirement: it lies outside the MCP boundary' });
  });

  it('reasons name the controls, their status, relationship and property', () => {
    assert.equal(requirementStatus([link('MCP-AC-01', 'equal', 'pass'), link('MCP-LG-01', 'subset', 'fail')]).reason,
      'MCP-LG-01 fail (subset, integral) failing; MCP-AC-01 pass (equal, integral) effective');
    assert.equal(requirementStatus([link('MCP-AC-01', 'subset', 'pass'), link('MCP-AC-02', 'intersects', 'attested')]).reason,
      'MCP-AC-01 pass (subset, integral), MCP-AC-02 attested (intersects, integral) effective for the MCP part; the rest of the requirement, beyond MCP, awaits evidence such as an attestation');
    assert.equal(requirementStatus([link('MCP-AC-01', 'equal', 'manual')]).reason, 'no linked control has evidence either way: MCP-AC-01 manual (equal, integral)');
    assert.equal(requirementStatus([link('MCP-AC-01', 'subset', 'partial'), link('MCP-AC-02', 'subset', 'fail', 'example')]).reason,
      'MCP-AC-01 partial (subset, integral), MCP-AC-02 fail (subset, example) not effective');
  });
});

describe('frameworks: scoping, testing coverage beside effectiveness', () => {
  const framework: Framework = {
    id: 'eu-ai-act', name: 'AI Act', version: '1', publisher: 'EU', source: 'https://example.org', files: [],
    applicability: {
      provider: { roles: ['provider'], riskLevels: ['high'], basis: 'Providers of high-risk systems.' },
      deployer: { roles: ['deployer'], basis: 'Deployers.' },
    },
    requirements: [
      { id: 'Art. 4', title: 'literacy', controls: [{ control: 'A', relationship: 'equal', property: 'integral', rationale: 'r' }], file: 'f' },
      { id: 'Art. 9', title: 'risk', appliesTo: 'provider', controls: [{ control: 'B', relationship: 'equal', property: 'integral', rationale: 'r' }], file: 'f' },
      { id: 'Art. 26', title: 'deployer', appliesTo: 'deployer', controls: [{ control: 'C', relationship: 'subset', property: 'integral', rationale: 'r' }], file: 'f' },
    ],
  };
  const controls = [
    { id: 'A', status: 'pass', checks: [] }, { id: 'B', status: 'not_observed', checks: [] }, { id: 'C', status: 'pass', checks: [] },
  ] as unknown as AssessmentControl[];

  it('a control with one passing check beside an unseen one is evidence: the requirement is tested, not effective', () => {
    const seen = [{ ...controls[0]! }, { id: 'B', status: 'not_observed', checks: [{ id: 'x', status: 'pass' }, { id: 'y', status: 'not_observed' }] }, controls[2]!] as AssessmentControl[];
    const [f] = rollUpFrameworks([framework], seen, {});
    assert.deepEqual(f!.requirements.map((r) => r.status), ['met', 'partly_effective', 'effective']);
  });

  it('undeclared facts assess every requirement and report the assumption', () => {
    const [f] = rollUpFrameworks([framework], controls, {});
    assert.deepEqual(f!.applicability, { applies: true, inScope: 3, assumed: ['aiAct.riskLevel', 'aiAct.role'] });
    assert.deepEqual(f!.requirements.map((r) => r.status), ['met', 'untested', 'effective']);
    assert.deepEqual(f!.summary, {
      testingCoverage: 0.667, effectiveness: 1,
      counts: { met: 1, effective: 1, partly_effective: 0, deficient: 0, untested: 1, not_addressed: 0, not_applicable: 0 },
    });
  });

  it('a deployer: provider duties are out of scope with the reason; the figures count only what applies', () => {
    const [f] = rollUpFrameworks([framework], controls, { aiActRole: 'deployer', aiActRiskLevel: 'high' });
    assert.deepEqual(f!.requirements.map((r) => r.status), ['met', 'not_applicable', 'effective']);
    assert.equal(f!.requirements[1]!.reason,
      'applies only where the system has the AI Act role provider; mcp-comply.yaml declares aiAct.role: deployer. Providers of high-risk systems.');
    assert.deepEqual(f!.applicability, { applies: true, inScope: 2, assumed: [] });
    assert.equal(f!.summary.testingCoverage, 1);
    assert.equal(f!.summary.effectiveness, 1);
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
    assert.deepEqual(f!.summary, {
      testingCoverage: null, effectiveness: null,
      counts: { met: 0, effective: 0, partly_effective: 0, deficient: 0, untested: 0, not_addressed: 0, not_applicable: 3 },
    });
  });

  it('declaring no data classes at all scopes out a framework that needs one', () => {
    const gdpr: Framework = { ...framework, id: 'gdpr', appliesTo: 'pd', applicability: { pd: { dataClasses: ['personal-data'], basis: 'Personal data.' } } };
    const [f] = rollUpFrameworks([gdpr], controls, { dataClasses: [] });
    assert.match(f!.applicability.reason!, /declares dataClasses: none/);
  });
});

describe('requirement status with an attestation of the rest of the requirement', () => {
  // Columns: pass attested partial fail not_observed manual stale error not_applicable, for one subset control.
  const rows: Array<[string, ReturnType<typeof attestation> | undefined, string]> = [
    ['no attestation', undefined, 'EEPDUUUUX'],
    ['a fresh attestation completes what the subset control leaves open, and is evidence of its own', attestation('fresh'), 'MMPDPPPPX'],
    ['a stale attestation completes nothing', attestation('stale'), 'EEPDUUUUX'],
    ['an attestation dated after the run completes nothing', attestation('future'), 'EEPDUUUUX'],
  ];
  for (const [name, rest, row] of rows) {
    const expected = grid([row])[0]!;
    STATUSES.forEach((status, i) => {
      it(`${name}: subset ${status} -> ${expected[i]}`, () => assert.equal(requirementStatus([link('C1', 'subset', status)], rest).status, expected[i]));
    });
  }

  it('a requirement no control addresses is met on a fresh attestation alone, not on a stale one', () => {
    assert.deepEqual(requirementStatus([], attestation('fresh')), { status: 'met', reason: 'no control of the catalog addresses it; attested by dpo@example.com, valid until 2027-01-10' });
    assert.deepEqual(requirementStatus([], attestation('stale')), {
      status: 'not_addressed',
      reason: 'no control of the catalog addresses this requirement: it lies outside the MCP boundary; the attestation of the rest by dpo@example.com expired on 2027-01-10',
    });
  });

  it('the reason says which part the controls show and who attests the rest', () => {
    assert.equal(requirementStatus([link('MCP-EN-01', 'subset', 'pass')], attestation('fresh')).reason,
      'MCP-EN-01 pass (subset, integral) effective for the MCP part; the rest attested by dpo@example.com, valid until 2027-01-10');
  });
});

describe('the overall figures: applicable frameworks pooled as one', () => {
  const counts = (met: number, deficient: number, untested: number, notApplicable = 0) =>
    ({ met, effective: 0, partly_effective: 0, deficient, untested, not_addressed: 0, not_applicable: notApplicable });
  const framework = (applies: boolean, c: ReturnType<typeof counts>) => ({ applicability: { applies }, summary: { testingCoverage: null, effectiveness: null, counts: c } });

  it('counts requirements, not percentages, and leaves out a framework that does not apply', () => {
    // 1 of 2 tested effective in the first (50%), 9 of 9 in the second (100%): pooled 10 of 11, not 75%.
    assert.deepEqual(pooledFigures([framework(true, counts(1, 1, 2)), framework(true, counts(9, 0, 0, 3)), framework(false, counts(0, 0, 0, 40))]), {
      frameworks: 2, inScope: 13, tested: 11, testingCoverage: 0.846, effectiveness: 0.909,
      counts: { met: 10, effective: 0, partly_effective: 0, deficient: 1, untested: 2, not_addressed: 0, not_applicable: 3 },
    });
  });

  it('is null, never 0%, with nothing in scope', () => {
    assert.deepEqual([pooledFigures([]).testingCoverage, pooledFigures([]).effectiveness], [null, null]);
  });
});
