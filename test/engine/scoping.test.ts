/** Scoping: declared facts rule requirements out with the reason; undeclared facts never do. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Applicability, Framework } from '../../src/catalog/model.js';
import { applicabilityOf, requirementApplicability, type ScopeFacts } from '../../src/engine/scoping.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';

const highRiskProvider: Applicability = { roles: ['provider', 'product-manufacturer'], riskLevels: ['high', 'prohibited'], basis: 'B.' };
const phiOrCards: Applicability = { dataClasses: ['phi', 'cardholder-data'], basis: 'B.' };

describe('applicability of a condition', () => {
  const cases: Array<[string, Applicability | undefined, ScopeFacts, boolean, string[]]> = [
    ['no condition applies always', undefined, { dataClasses: [] }, true, []],
    ['any of the data classes', phiOrCards, { dataClasses: ['personal-data', 'cardholder-data'] }, true, []],
    ['none of the data classes', phiOrCards, { dataClasses: ['personal-data'] }, false, []],
    ['data classes not declared: assumed', phiOrCards, {}, true, ['dataClasses']],
    ['role and level both match', highRiskProvider, { aiActRole: 'product-manufacturer', aiActRiskLevel: 'high' }, true, []],
    ['right role, wrong level', highRiskProvider, { aiActRole: 'provider', aiActRiskLevel: 'limited' }, false, []],
    ['wrong role, level undeclared', highRiskProvider, { aiActRole: 'deployer' }, false, []],
    ['role undeclared, level matches', highRiskProvider, { aiActRiskLevel: 'prohibited' }, true, ['aiAct.role']],
    ['nothing declared', highRiskProvider, {}, true, ['aiAct.role', 'aiAct.riskLevel']],
  ];
  for (const [name, condition, facts, applies, assumed] of cases) {
    it(name, () => {
      const verdict = applicabilityOf(condition, facts);
      assert.equal(verdict.applies, applies);
      assert.deepEqual(verdict.assumed, assumed);
      assert.equal(verdict.reason !== undefined, !applies, 'a reason exactly when it does not apply');
    });
  }
});

describe('the shipped mappings', () => {
  const { catalog } = loadCatalog();
  const framework = (id: string) => catalog.frameworks.find((f) => f.id === id)!;
  const inScope = (f: Framework, facts: ScopeFacts) => f.requirements.filter((r) => requirementApplicability(f, r.appliesTo, facts).applies).map((r) => r.id);

  it('HIPAA, PCI DSS and GDPR need phi, cardholder data and personal data', () => {
    for (const [id, dataClass] of [['hipaa', 'phi'], ['pci-dss', 'cardholder-data'], ['gdpr', 'personal-data']] as const) {
      assert.equal(inScope(framework(id), { dataClasses: ['personal-data', 'phi', 'cardholder-data'].filter((c) => c !== dataClass) }).length, 0, id);
      assert.equal(inScope(framework(id), { dataClasses: [dataClass] }).length, framework(id).requirements.length, id);
    }
  });

  it('NIST AI RMF and ISO/IEC 42001 do not depend on data classes', () => {
    for (const id of ['nist-ai-rmf', 'iso-42001']) assert.equal(inScope(framework(id), { dataClasses: [] }).length, framework(id).requirements.length);
  });

  it('EU AI Act: a deployer of a high-risk system gets Art. 4, 26 and 27 and the transparency duty of Art. 50(5), no provider duties', () => {
    assert.deepEqual(inScope(framework('eu-ai-act'), { aiActRole: 'deployer', aiActRiskLevel: 'high' }),
      ['Art. 4', 'Art. 26(2)', 'Art. 26(5)', 'Art. 26(6)', 'Art. 26(9)', 'Art. 26(11)', 'Art. 27(1)', 'Art. 50(5)']);
  });

  it('EU AI Act: a provider of a limited-risk system gets Art. 4 and Art. 50 only', () => {
    assert.deepEqual(inScope(framework('eu-ai-act'), { aiActRole: 'provider', aiActRiskLevel: 'limited' }), ['Art. 4', 'Art. 50(1)', 'Art. 50(5)']);
  });

  it('EU AI Act: a provider of a high-risk system gets every article but the deployer\'s', () => {
    const articles = inScope(framework('eu-ai-act'), { aiActRole: 'provider', aiActRiskLevel: 'high' });
    assert.ok(articles.includes('Art. 9(1)') && articles.includes('Annex IV(6)') && articles.includes('Art. 73(1)'));
    assert.ok(!articles.some((a) => a.startsWith('Art. 26') || a.startsWith('Art. 27')));
  });

  it('EU AI Act: a minimal-risk deployer has only AI literacy; an importer none of the mapped duties', () => {
    assert.deepEqual(inScope(framework('eu-ai-act'), { aiActRole: 'deployer', aiActRiskLevel: 'minimal' }), ['Art. 4']);
    assert.deepEqual(inScope(framework('eu-ai-act'), { aiActRole: 'importer', aiActRiskLevel: 'high' }), []);
  });
});
