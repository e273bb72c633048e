/** Risk register: residual never above inherent, every threat always present, the method configurable. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import type { Catalog, Control } from '../../src/catalog/model.js';
import { THREATS } from '../../src/catalog/taxonomy.js';
import { loadProjectConfig } from '../../src/config/project-config.js';
import type { AssessmentControl, ControlStatus, RiskMethod } from '../../src/engine/assessment.js';
import {
  DEFAULT_RISK_METHOD, buildRiskRegister, controlRisk, residualLikelihood, resolveRiskMethod, riskBand,
} from '../../src/engine/risk-register.js';
import { tempDir } from '../helpers/temp-catalog.js';

const STATUSES: ControlStatus[] = ['pass', 'partial', 'fail', 'not_observed', 'manual', 'attested', 'stale', 'not_applicable', 'error'];
const THREAT_IDS = Object.keys(THREATS);

const control = (id: string, threats: string[], likelihood: number, impact: number) =>
  ({ id, threats, likelihood, impact } as unknown as Control);
const catalogOf = (...controls: Control[]): Catalog => ({ roots: [], controls, frameworks: [] });
const assessed = (statuses: Record<string, ControlStatus>) =>
  Object.entries(statuses).map(([id, status]) => ({ id, status } as unknown as AssessmentControl));
const withFloor = (minimumLikelihood: number): RiskMethod => ({ ...DEFAULT_RISK_METHOD, minimumLikelihood });

describe('residual likelihood', () => {
  const mitigations = [0, 0.25, 0.5, 0.75, 1];
  // Row per likelihood 1..5, column per mitigation above; Math.round takes .5 up.
  const tables: Record<number, number[][]> = {
    1: [[1, 1, 1, 1, 1], [2, 2, 1, 1, 1], [3, 2, 2, 1, 1], [4, 3, 2, 2, 1], [5, 4, 3, 2, 1]],
    2: [[1, 1, 1, 1, 1], [2, 2, 2, 2, 2], [3, 3, 2, 2, 2], [4, 3, 3, 2, 2], [5, 4, 3, 3, 2]],
    3: [[1, 1, 1, 1, 1], [2, 2, 2, 2, 2], [3, 3, 3, 3, 3], [4, 4, 3, 3, 3], [5, 4, 4, 3, 3]],
  };
  for (const [floor, rows] of Object.entries(tables)) {
    it(`with a floor of ${floor}`, () => {
      const actual = [1, 2, 3, 4, 5].map((l) => mitigations.map((m) => residualLikelihood(l, m, withFloor(Number(floor)))));
      assert.deepEqual(actual, rows);
    });
  }

  it('clamps mitigation outside 0..1', () => {
    assert.equal(residualLikelihood(5, 2, DEFAULT_RISK_METHOD), 1);
    assert.equal(residualLikelihood(5, -1, DEFAULT_RISK_METHOD), 5);
    assert.equal(residualLikelihood(5, Number.NaN, DEFAULT_RISK_METHOD), 5);
  });
});

describe('risk bands', () => {
  const cases: Array<[number, string]> = [[1, 'low'], [4, 'low'], [5, 'medium'], [9, 'medium'], [10, 'high'], [19, 'high'], [20, 'critical'], [25, 'critical']];
  for (const [score, band] of cases) it(`${score} is ${band}`, () => assert.equal(riskBand(score, DEFAULT_RISK_METHOD), band));
  it('follow the configured thresholds', () => {
    const method = resolveRiskMethod({ bands: { medium: 3, high: 6, critical: 12 } });
    assert.deepEqual([2, 3, 6, 12].map((s) => riskBand(s, method)), ['low', 'medium', 'high', 'critical']);
  });
});

describe('control risk', () => {
  it('passing brings likelihood to the floor; impact is untouched', () => {
    assert.deepEqual(controlRisk({ likelihood: 4, impact: 5 }, 'pass', DEFAULT_RISK_METHOD), { likelihood: 4, impact: 5, inherent: 20, residual: 5 });
  });
  it('a failing or scoped-out control leaves the inherent risk', () => {
    for (const status of ['fail', 'not_applicable'] as const) {
      assert.equal(controlRisk({ likelihood: 4, impact: 5 }, status, DEFAULT_RISK_METHOD).residual, 20);
    }
  });
});

describe('residual never exceeds inherent', () => {
  // Two controls on T01, one of them also on T02 with a likelihood below a floor of 3.
  const catalog = catalogOf(control('A', ['T01'], 5, 3), control('B', ['T01', 'T02'], 2, 4), control('C', ['T02'], 4, 2));
  const methods: Array<[string, RiskMethod]> = [
    ['default', DEFAULT_RISK_METHOD],
    ['partial credit, floor 3', resolveRiskMethod({ credit: { attested: 0.5, stale: 0.25, manual: 0.1 }, minimumLikelihood: 3 })],
    ['everything credited', resolveRiskMethod({ credit: { fail: 1, not_observed: 1, manual: 1, stale: 1, error: 1 } })],
  ];
  for (const [name, method] of methods) {
    it(`for every combination of statuses (${name})`, () => {
      for (const a of STATUSES) for (const b of STATUSES) for (const c of STATUSES) {
        const { risks } = buildRiskRegister(catalog, assessed({ A: a, B: b, C: c }), method);
        for (const risk of risks) {
          const where = `${risk.threatId} with A ${a}, B ${b}, C ${c}`;
          assert.ok(risk.residual <= risk.inherent, where);
          assert.ok(risk.residualLikelihood <= risk.likelihood, where);
          assert.ok(risk.residualLikelihood >= Math.min(method.minimumLikelihood, risk.likelihood), where);
          assert.ok(risk.mitigation >= 0 && risk.mitigation <= 1, where);
          assert.equal(risk.residual, risk.residualLikelihood * risk.impact, where);
        }
        for (const [id, status] of [['A', a], ['B', b], ['C', c]] as const) {
          const own = controlRisk(catalog.controls.find((x) => x.id === id)!, status, method);
          assert.ok(own.residual <= own.inherent, `${id} ${status}`);
        }
      }
    });
  }
});

describe('the register over a synthetic catalog', () => {
  const catalog = catalogOf(control('A', ['T01'], 3, 2), control('B', ['T01'], 5, 1), control('C', ['T01'], 2, 4));

  it('takes the worst likelihood and impact and the mean credit, a control without population counting at none', () => {
    const t01 = buildRiskRegister(catalog, assessed({ A: 'pass', B: 'fail', C: 'not_applicable' }), DEFAULT_RISK_METHOD).risks[0]!;
    assert.deepEqual(
      { likelihood: t01.likelihood, impact: t01.impact, inherent: t01.inherent, mitigation: t01.mitigation, residualLikelihood: t01.residualLikelihood, residual: t01.residual },
      { likelihood: 5, impact: 4, inherent: 20, mitigation: 0.333, residualLikelihood: 4, residual: 16 },
    );
    assert.deepEqual(t01.band, { inherent: 'critical', residual: 'high' });
    assert.deepEqual(t01.controls, [{ id: 'A', status: 'pass', credit: 1 }, { id: 'B', status: 'fail', credit: 0 }, { id: 'C', status: 'not_applicable', credit: 0 }]);
    assert.equal(t01.reason, '1 of 3 mitigating controls credited (A pass); not credited: B fail; C not_applicable; likelihood 5 -> 4');
  });

  it('a partial control earns half credit by default, and a control without population none', () => {
    const t01 = buildRiskRegister(catalog, assessed({ A: 'partial', B: 'partial', C: 'not_applicable' }), DEFAULT_RISK_METHOD).risks[0]!;
    assert.deepEqual({ mitigation: t01.mitigation, residualLikelihood: t01.residualLikelihood, residual: t01.residual }, { mitigation: 0.333, residualLikelihood: 4, residual: 16 });
    assert.equal(t01.reason, '2 of 3 mitigating controls credited (A, B partial at 0.5 credit); not credited: C not_applicable; likelihood 5 -> 4');
    const none = buildRiskRegister(catalog, assessed({ A: 'not_applicable', B: 'not_applicable', C: 'not_applicable' }), DEFAULT_RISK_METHOD).risks[0]!;
    assert.equal(none.residual, none.inherent);
  });

  it('rounds mitigation to three decimals', () => {
    const t01 = buildRiskRegister(catalog, assessed({ A: 'pass', B: 'fail', C: 'fail' }), DEFAULT_RISK_METHOD).risks[0]!;
    assert.equal(t01.mitigation, 0.333);
  });

  it('credit is configurable: an attestation at half credit leaves more residual risk', () => {
    const statuses = assessed({ A: 'attested', B: 'attested', C: 'attested' });
    const full = buildRiskRegister(catalog, statuses, DEFAULT_RISK_METHOD).risks[0]!;
    const half = buildRiskRegister(catalog, statuses, resolveRiskMethod({ credit: { attested: 0.5 } })).risks[0]!;
    assert.deepEqual([full.residualLikelihood, full.residual], [1, 4]);
    assert.deepEqual([half.mitigation, half.residualLikelihood, half.residual], [0.5, 3, 12]);
    assert.match(half.reason, /A, B, C attested at 0\.5 credit/);
  });

  it('says when nothing is credited, also when no control found a population', () => {
    const none = buildRiskRegister(catalog, assessed({ A: 'fail', B: 'not_observed', C: 'stale' }), DEFAULT_RISK_METHOD).risks[0]!;
    assert.equal(none.residual, none.inherent);
    assert.equal(none.reason, 'no mitigating control is credited (C stale; B not_observed; A fail): residual equals inherent');
    const out = buildRiskRegister(catalog, assessed({ A: 'not_applicable', B: 'not_applicable', C: 'not_applicable' }), DEFAULT_RISK_METHOD).risks[0]!;
    assert.deepEqual([out.mitigation, out.residual], [0, out.inherent]);
    assert.equal(out.reason, 'no mitigating control is credited (A, B, C not_applicable): residual equals inherent');
  });

  it('a catalog control missing from the assessment counts as not observed', () => {
    const t01 = buildRiskRegister(catalog, assessed({ A: 'pass' }), DEFAULT_RISK_METHOD).risks[0]!;
    assert.deepEqual(t01.controls.map((c) => c.status), ['pass', 'not_observed', 'not_observed']);
  });

  it('caps long lists of ids in the reason', () => {
    const many = catalogOf(...Array.from({ length: 9 }, (_, i) => control(`X-0${i + 1}`, ['T01'], 3, 3)));
    const statuses = Object.fromEntries(many.controls.map((c) => [c.id, 'fail' as const]));
    const t01 = buildRiskRegister(many, assessed(statuses), DEFAULT_RISK_METHOD).risks[0]!;
    assert.match(t01.reason, /\(X-01, X-02, X-03, X-04, X-05, X-06 and 3 more fail\)/);
  });

  it('a threat no control mitigates is unmitigated at likelihood 5, impact 5', () => {
    const { risks } = buildRiskRegister(catalog, assessed({ A: 'pass', B: 'pass', C: 'pass' }), DEFAULT_RISK_METHOD);
    const t03 = risks.find((r) => r.threatId === 'T03')!;
    assert.deepEqual(
      { likelihood: t03.likelihood, impact: t03.impact, inherent: t03.inherent, mitigation: t03.mitigation, residual: t03.residual, controlIds: t03.controlIds },
      { likelihood: 5, impact: 5, inherent: 25, mitigation: 0, residual: 25, controlIds: [] },
    );
    assert.deepEqual(t03.band, { inherent: 'critical', residual: 'critical' });
    assert.match(t03.reason, /no control in the catalog mitigates this threat/);
  });
});

describe('the register over the built-in catalog', () => {
  const { catalog } = loadCatalog();
  const all = (status: ControlStatus) => assessed(Object.fromEntries(catalog.controls.map((c) => [c.id, status])));

  it('has all twelve threats in id order, each with the controls the catalog links', () => {
    const { risks } = buildRiskRegister(catalog, all('fail'), DEFAULT_RISK_METHOD);
    assert.deepEqual(risks.map((r) => r.threatId), THREAT_IDS);
    assert.equal(risks.length, 12);
    for (const risk of risks) {
      assert.equal(risk.title, THREATS[risk.threatId]);
      assert.deepEqual(risk.controlIds, catalog.controls.filter((c) => c.threats.includes(risk.threatId)).map((c) => c.id));
      assert.ok(risk.controlIds.length > 0, `${risk.threatId} has mitigating controls`);
      assert.equal(risk.residual, risk.inherent, `${risk.threatId}: nothing works, nothing is reduced`);
      for (const id of risk.controlIds.slice(0, 6)) assert.ok(risk.reason.includes(id), `${risk.threatId} reason names ${id}: ${risk.reason}`);
    }
  });

  it('with every control passing, likelihood falls to the floor', () => {
    const { risks } = buildRiskRegister(catalog, all('pass'), DEFAULT_RISK_METHOD);
    for (const risk of risks) {
      assert.deepEqual([risk.mitigation, risk.residualLikelihood, risk.residual], [1, 1, risk.impact], risk.threatId);
      assert.match(risk.reason, new RegExp(`^${risk.controlIds.length} of ${risk.controlIds.length} mitigating controls credited \\(${risk.controlIds[0]}`));
    }
  });

  it('heat map: 25 cells, likelihood 5..1 by impact 1..5, each threat once before and once after controls', () => {
    const statuses = Object.fromEntries(catalog.controls.map((c, i) => [c.id, STATUSES[i % STATUSES.length]!]));
    const { heatMap } = buildRiskRegister(catalog, assessed(statuses), DEFAULT_RISK_METHOD);
    assert.equal(heatMap.cells.length, 25);
    assert.deepEqual(heatMap.cells.slice(0, 6).map((c) => [c.likelihood, c.impact]), [[5, 1], [5, 2], [5, 3], [5, 4], [5, 5], [4, 1]]);
    const last = heatMap.cells.at(-1)!;
    assert.deepEqual([last.likelihood, last.impact, last.score, last.band], [1, 5, 5, 'medium']);
    for (const cell of heatMap.cells) assert.equal(cell.band, riskBand(cell.likelihood * cell.impact, DEFAULT_RISK_METHOD));
    for (const key of ['inherent', 'residual'] as const) {
      assert.deepEqual(heatMap.cells.flatMap((c) => c[key]).sort(), THREAT_IDS, key);
    }
  });
});

describe('resolving the configured method', () => {
  it('with nothing configured is the default, as a copy', () => {
    const method = resolveRiskMethod();
    assert.deepEqual(method, DEFAULT_RISK_METHOD);
    method.credit.pass = 0;
    assert.equal(DEFAULT_RISK_METHOD.credit.pass, 1);
  });

  it('merges what is given over the defaults', () => {
    assert.deepEqual(resolveRiskMethod({ credit: { attested: 0.5 }, minimumLikelihood: 2, bands: { critical: 16 } }), {
      credit: { pass: 1, attested: 0.5, partial: 0.5, fail: 0, not_observed: 0, manual: 0, stale: 0, error: 0 },
      minimumLikelihood: 2,
      bands: { medium: 5, high: 10, critical: 16 },
    });
  });

  it('rejects partial credit above full credit, once merged', () => {
    assert.throws(() => resolveRiskMethod({ credit: { pass: 0.4 } }), /^Error: risk\.credit\.partial must not exceed risk\.credit\.pass, got partial 0\.5 and pass 0\.4 once merged over the defaults$/);
    assert.equal(resolveRiskMethod({ credit: { pass: 0.4, partial: 0.4 } }).credit.partial, 0.4);
  });

  it('rejects bands that do not increase, once merged', () => {
    assert.throws(() => resolveRiskMethod({ bands: { medium: 10 } }), /risk\.bands must increase strictly \(medium < high < critical\).*medium 10, high 10, critical 20/);
    assert.throws(() => resolveRiskMethod({ bands: { medium: 5, high: 15, critical: 12 } }), /risk\.bands/);
  });

  it('rejects credit outside 0..1 and a floor outside 1..5', () => {
    assert.throws(() => resolveRiskMethod({ credit: { pass: 2 } }), /risk\.credit\.pass must be a number from 0 to 1/);
    assert.throws(() => resolveRiskMethod({ minimumLikelihood: 0 }), /risk\.minimumLikelihood/);
  });
});

describe('the risk block of mcp-comply.yaml', () => {
  const configWith = (risk: string) => {
    const file = path.join(tempDir(), 'mcp-comply.yaml');
    fs.writeFileSync(file, `organization: Acme\nrisk:\n${risk}`);
    return loadProjectConfig(file);
  };

  it('is accepted when valid', () => {
    const { loaded, problems } = configWith('  credit: { attested: 0.5, stale: 0 }\n  minimumLikelihood: 2\n  bands: { medium: 4, high: 9, critical: 16 }\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(loaded?.config.risk, { credit: { attested: 0.5, stale: 0 }, minimumLikelihood: 2, bands: { medium: 4, high: 9, critical: 16 } });
  });

  it('rejects credit above 1, with its position', () => {
    const { problems } = configWith('  credit:\n    pass: 2\n');
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.code]), [[4, 11, 'schema']]);
    assert.match(problems[0]!.message, /risk\.credit\.pass must be <= 1/);
  });

  it('rejects unknown keys and a fractional floor', () => {
    const { problems } = configWith('  credit: { not_applicable: 1 }\n  minimumLikelihood: 1.5\n');
    assert.ok(problems.some((p) => /risk\.credit has unknown property "not_applicable"/.test(p.message)), problems.map((p) => p.message).join('\n'));
    assert.ok(problems.some((p) => /risk\.minimumLikelihood must be integer/.test(p.message)), problems.map((p) => p.message).join('\n'));
  });
});
