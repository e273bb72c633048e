/**
 * Properties of the verdict model (DESIGN §5) over generated estates: random catalogs (controls with
 * and without checks, full and partial automation), random mappings (every relationship and supportive
 * property), random check outcomes and attestations. A seeded generator keeps every run the same, and
 * a failure names the seed and the estate to replay.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Catalog, Control, Framework, Relationship, SupportiveProperty } from '../../src/catalog/model.js';
import type { AssessmentFramework, RequirementStatus } from '../../src/engine/assessment.js';
import { requirementKey, type ControlAttestationState } from '../../src/engine/attestations.js';
import { REQUIREMENT_STATUS_RANK } from '../../src/engine/compare.js';
import { buildRiskRegister, DEFAULT_RISK_METHOD } from '../../src/engine/risk-register.js';
import { rollUpControls, rollUpFrameworks, type CheckOutcome } from '../../src/engine/roll-up.js';
import type { CheckStatus } from '../../src/checks/types.js';

/** mulberry32: small, fast and good enough to spread estates over the whole space. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

const CHECK_STATUSES: CheckStatus[] = ['pass', 'fail', 'not_observed', 'not_applicable', 'error'];
const RELATIONSHIPS: Relationship[] = ['equal', 'subset', 'superset', 'intersects'];
const PROPERTIES: SupportiveProperty[] = ['integral', 'example'];
const THREATS = ['T01', 'T02', 'T03', 'T04'];

interface Estate {
  catalog: Catalog;
  checks: Map<string, CheckStatus>;
  controlAttestations: Map<string, ControlAttestationState>;
  restAttestations: Map<string, ControlAttestationState>;
}

const attestation = (state: 'fresh' | 'stale'): ControlAttestationState => ({
  state, attestation: { attestedBy: 'grc@example.com', date: '2026-01-01', validUntil: state === 'fresh' ? '2027-12-31' : '2026-06-30', evidence: 'e.pdf', sha256: 'a'.repeat(64), state },
});

function generateEstate(seed: number): Estate {
  const g = generator(seed);
  const checkIds = Array.from({ length: 3 + g.int(8) }, (_, i) => `check.${i}`);
  const checks = new Map(checkIds.map((id) => [id, g.pick(CHECK_STATUSES)]));
  const controls: Control[] = Array.from({ length: 4 + g.int(10) }, (_, i) => {
    const own = [...new Set(Array.from({ length: g.int(4) }, () => g.pick(checkIds)))];
    const automation = own.length === 0 ? 'none' : g.pick(['full', 'partial'] as const);
    return {
      id: `C-${i}`, title: `control ${i}`, objective: 'o', practices: [], threats: [g.pick(THREATS)], severity: 'high',
      likelihood: 1 + g.int(5), impact: 1 + g.int(5), checks: own, automation,
      ...(automation === 'partial' ? { manualPart: 'the part no check decides' } : {}), evidence: [], remediation: 'r', file: 'c.yaml',
    };
  });
  const framework: Framework = {
    id: 'fw', name: 'Framework', version: '1', publisher: 'p', source: 'https://example.org', files: [],
    requirements: Array.from({ length: 3 + g.int(15) }, (_, i) => ({
      id: `R${i}`, title: `requirement ${i}`, file: 'm.yaml',
      controls: [...new Set(Array.from({ length: g.int(4) }, () => g.pick(controls).id))].map((control) => ({
        control, relationship: g.pick(RELATIONSHIPS), property: g.pick(PROPERTIES), rationale: 'r',
      })),
    })),
  };
  const controlAttestations = new Map<string, ControlAttestationState>();
  for (const c of controls) if (g.next() < 0.3) controlAttestations.set(c.id, attestation(g.pick(['fresh', 'stale'] as const)));
  const restAttestations = new Map<string, ControlAttestationState>();
  for (const r of framework.requirements) if (g.next() < 0.2) restAttestations.set(requirementKey('fw', r.id), attestation(g.pick(['fresh', 'stale'] as const)));
  return { catalog: { roots: [], controls, frameworks: [framework] }, checks, controlAttestations, restAttestations };
}

function assess(estate: Estate) {
  const checkOf = (id: string): CheckOutcome => {
    const status = estate.checks.get(id) ?? 'not_observed';
    return { status, failures: status === 'fail' ? 1 : 0 };
  };
  const controls = rollUpControls(estate.catalog, checkOf, estate.controlAttestations, DEFAULT_RISK_METHOD);
  const [framework] = rollUpFrameworks(estate.catalog.frameworks, controls, {}, estate.restAttestations);
  const residual = buildRiskRegister(estate.catalog, controls, DEFAULT_RISK_METHOD).risks.reduce((sum, r) => sum + r.residual, 0);
  return { controls, framework: framework!, residual };
}

const rank = (s: RequirementStatus) => (s === 'not_applicable' ? undefined : REQUIREMENT_STATUS_RANK[s]);
const tested = (f: AssessmentFramework) => {
  const n = f.summary.counts;
  return n.met + n.effective + n.partly_effective + n.deficient;
};
const ESTATES = 400;
const seeds = Array.from({ length: ESTATES }, (_, i) => 1000 + i);

/** Every requirement ends no worse (by the drift ranks) and no requirement enters or leaves scope. */
function assertNoRequirementWorse(before: AssessmentFramework, after: AssessmentFramework, where: string): void {
  before.requirements.forEach((r, i) => {
    const now = after.requirements[i]!;
    const [a, b] = [rank(r.status), rank(now.status)];
    assert.ok(a === undefined ? b === undefined || now.status !== 'not_applicable' : b !== undefined && b >= a,
      `${where}: ${r.id} ${r.status} -> ${now.status}`);
  });
}

describe('verdict properties over generated estates', () => {
  it('fixing a finding never lowers testing coverage or effectiveness, never worsens a requirement, never raises residual risk', () => {
    let fixes = 0;
    for (const seed of seeds) {
      const estate = generateEstate(seed);
      const before = assess(estate);
      for (const [id, status] of estate.checks) {
        if (status !== 'fail') continue;
        fixes++;
        const fixed = { ...estate, checks: new Map(estate.checks).set(id, 'pass') };
        const after = assess(fixed);
        const where = `seed ${seed}, fixing ${id}`;
        const { summary: a } = before.framework;
        const { summary: b } = after.framework;
        assert.ok((b.testingCoverage ?? 0) >= (a.testingCoverage ?? 0), `${where}: coverage ${a.testingCoverage} -> ${b.testingCoverage}`);
        assert.ok((b.effectiveness ?? 0) >= (a.effectiveness ?? 0), `${where}: effectiveness ${a.effectiveness} -> ${b.effectiveness}`);
        assertNoRequirementWorse(before.framework, after.framework, where);
        assert.ok(after.residual <= before.residual, `${where}: residual ${before.residual} -> ${after.residual}`);
      }
    }
    assert.ok(fixes > 500, `only ${fixes} fixes tried`);
  });

  it('a fresh attestation never lowers testing coverage or the count of effective requirements, never worsens a requirement, never raises residual risk', () => {
    let attestations = 0;
    let denominatorGrew = 0;
    for (const seed of seeds) {
      const estate = generateEstate(seed);
      const before = assess(estate);
      const variants: Array<[string, Estate]> = [
        ...estate.catalog.controls.map((c): [string, Estate] => [`attesting ${c.id}`, { ...estate, controlAttestations: new Map(estate.controlAttestations).set(c.id, attestation('fresh')) }]),
        ...estate.catalog.frameworks[0]!.requirements.map((r): [string, Estate] => [
          `attesting the rest of ${r.id}`, { ...estate, restAttestations: new Map(estate.restAttestations).set(requirementKey('fw', r.id), attestation('fresh')) },
        ]),
      ];
      for (const [what, changed] of variants) {
        attestations++;
        const after = assess(changed);
        const where = `seed ${seed}, ${what}`;
        const [a, b] = [before.framework, after.framework];
        assert.ok((b.summary.testingCoverage ?? 0) >= (a.summary.testingCoverage ?? 0), `${where}: coverage`);
        assert.ok(b.summary.counts.met + b.summary.counts.effective >= a.summary.counts.met + a.summary.counts.effective, `${where}: effective count`);
        assertNoRequirementWorse(a, b, where);
        assert.ok(after.residual <= before.residual, `${where}: residual ${before.residual} -> ${after.residual}`);
        // Effectiveness is a share of tested requirements: it can fall only when the attestation brought
        // an untested requirement into testing without making it effective (more is known, not less done).
        if ((b.summary.effectiveness ?? 0) < (a.summary.effectiveness ?? 0)) {
          assert.ok(tested(b) > tested(a), `${where}: effectiveness fell without new requirements tested`);
          denominatorGrew++;
        }
      }
    }
    assert.ok(attestations > 5000, `only ${attestations} attestations tried`);
    assert.ok(denominatorGrew > 0, 'the generator reaches the case where an attestation brings a partly effective requirement into testing');
  });

  it('a clean estate with every manual part and every requirement\'s rest attested is met throughout, at 100%', () => {
    for (const seed of seeds) {
      const estate = generateEstate(seed);
      const clean: Estate = {
        ...estate,
        checks: new Map([...estate.checks.keys()].map((id) => [id, 'pass'])),
        controlAttestations: new Map(estate.catalog.controls.map((c) => [c.id, attestation('fresh')])),
        restAttestations: new Map(estate.catalog.frameworks[0]!.requirements.map((r) => [requirementKey('fw', r.id), attestation('fresh')])),
      };
      const { framework, controls } = assess(clean);
      assert.ok(controls.every((c) => c.status === 'pass' || c.status === 'attested'), `seed ${seed}`);
      assert.ok(framework.requirements.every((r) => r.status === 'met'), `seed ${seed}: ${framework.requirements.map((r) => r.status).join(' ')}`);
      assert.deepEqual([framework.summary.testingCoverage, framework.summary.effectiveness], [1, 1], `seed ${seed}`);
    }
  });

  it('an estate where every check fails is deficient wherever an integral linked control has checks', () => {
    for (const seed of seeds) {
      const estate = generateEstate(seed);
      const failing: Estate = { ...estate, checks: new Map([...estate.checks.keys()].map((id) => [id, 'fail'])) };
      const { framework } = assess(failing);
      const automated = new Set(estate.catalog.controls.filter((c) => c.checks.length > 0).map((c) => c.id));
      estate.catalog.frameworks[0]!.requirements.forEach((r, i) => {
        const integral = r.controls.some((l) => l.property === 'integral' && automated.has(l.control));
        if (integral) assert.equal(framework.requirements[i]!.status, 'deficient', `seed ${seed} ${r.id}`);
        else assert.notEqual(framework.requirements[i]!.status, 'deficient', `seed ${seed} ${r.id}`);
      });
    }
  });

  it('the figures take values across their whole range', () => {
    const seen = { testingCoverage: new Set<string>(), effectiveness: new Set<string>() };
    const band = (v: number | null) => (v === null ? 'null' : v === 0 ? '0' : v === 1 ? '1' : 'between');
    for (const seed of seeds) {
      const { framework } = assess(generateEstate(seed));
      seen.testingCoverage.add(band(framework.summary.testingCoverage));
      seen.effectiveness.add(band(framework.summary.effectiveness));
    }
    for (const figure of ['testingCoverage', 'effectiveness'] as const) {
      for (const value of ['0', '1', 'between']) assert.ok(seen[figure].has(value), `${figure} never ${value}`);
    }
  });

  it('every outcome occurs, and a control without population earns no risk credit', () => {
    const outcomes = new Set<string>();
    for (const seed of seeds) {
      const estate = generateEstate(seed);
      const { framework, controls } = assess(estate);
      framework.requirements.forEach((r) => outcomes.add(r.status));
      const register = buildRiskRegister(estate.catalog, controls, DEFAULT_RISK_METHOD);
      for (const risk of register.risks) {
        for (const c of risk.controls) if (c.status === 'not_applicable') assert.equal(c.credit, 0);
      }
    }
    assert.deepEqual([...outcomes].sort(), ['deficient', 'effective', 'met', 'not_addressed', 'not_applicable', 'partly_effective', 'untested']);
  });
});
