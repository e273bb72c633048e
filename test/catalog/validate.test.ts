/**
 * Table tests of catalog validation: each case breaks one thing in a copy of the built-in catalog
 * and names the exact problem it must produce (file, line, column, code, message).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { MAX_YAML_BYTES } from '../../src/lib/yaml-file.js';
import { tempCatalog } from '../helpers/temp-catalog.js';

/** A valid control in YAML, to be broken by the cases below. Line 1 is `controls:`. */
function control(fields: Record<string, string> = {}, id = 'MCP-ZZ-01'): string {
  const base: Record<string, string> = {
    id, title: 'A test control', objective: 'Something testable holds.', practices: '[P01]', threats: '[T01]',
    severity: 'high', likelihood: '3', impact: '4', checks: '[]', automation: 'none', evidence: '["A signed record"]', remediation: 'Fix it.',
    ...fields,
  };
  return Object.entries(base).filter(([, v]) => v !== '<omit>')
    .map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${v}`).join('\n');
}

interface Case {
  name: string;
  files: Record<string, string | Buffer | null>;
  expect: { file: string; line?: number; column?: number; code: string; message?: RegExp };
}

const cases: Case[] = [
  {
    name: 'YAML syntax error',
    files: { 'controls/zz.yaml': 'controls:\n  - id: MCP-ZZ-01\n    title: [unclosed\n' },
    expect: { file: 'controls/zz.yaml', line: 4, column: 1, code: 'yaml-bad-indent' },
  },
  {
    name: 'duplicate key',
    files: { 'controls/zz.yaml': `controls:\n${control()}\n    severity: low\n` },
    expect: { file: 'controls/zz.yaml', line: 14, column: 5, code: 'yaml-duplicate-key', message: /Map keys must be unique/ },
  },
  {
    name: 'YAML alias bomb',
    files: {
      'controls/zz.yaml': [
        'a: &a [x, x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'controls: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      ].join('\n'),
    },
    expect: { file: 'controls/zz.yaml', line: 2, column: 8, code: 'yaml-alias-bomb' },
  },
  {
    name: 'wrong type',
    files: { 'controls/zz.yaml': `controls:\n${control({ likelihood: 'often' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 8, column: 17, code: 'schema', message: /^controls\[0\]\.likelihood must be integer$/ },
  },
  {
    name: 'value outside an enum',
    files: { 'controls/zz.yaml': `controls:\n${control({ severity: 'severe' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 7, column: 15, code: 'schema', message: /severity must be one of: low, medium, high, critical/ },
  },
  {
    name: 'unknown property (typo)',
    files: { 'controls/zz.yaml': `controls:\n${control({ remediation: '<omit>', remediaton: 'Fix it.' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 13, column: 5, code: 'schema', message: /has unknown property "remediaton"/ },
  },
  {
    name: 'missing required property',
    files: { 'controls/zz.yaml': `controls:\n${control({ objective: '<omit>' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 2, column: 5, code: 'schema', message: /controls\[0\] is missing required property "objective"/ },
  },
  {
    name: 'empty file',
    files: { 'controls/zz.yaml': '' },
    expect: { file: 'controls/zz.yaml', line: 1, column: 1, code: 'schema', message: /\(document\) must be object/ },
  },
  {
    name: 'two YAML documents in one file',
    files: { 'controls/zz.yaml': `controls:\n${control()}\n---\ncontrols: []\n` },
    expect: { file: 'controls/zz.yaml', line: 14, column: 1, code: 'yaml-multiple-docs' },
  },
  {
    name: 'not UTF-8',
    files: { 'controls/zz.yaml': Buffer.concat([Buffer.from('controls:\n  - id: MCP-ZZ-01\n    title: caf'), Buffer.from([0xe9, 0x0a])]) },
    expect: { file: 'controls/zz.yaml', line: 3, column: 15, code: 'not-utf8' },
  },
  {
    name: 'file too large',
    files: { 'controls/zz.yaml': `# ${'x'.repeat(MAX_YAML_BYTES)}\ncontrols: []\n` },
    expect: { file: 'controls/zz.yaml', code: 'file-too-large' },
  },
  {
    name: 'unknown check id, with a suggestion',
    files: { 'controls/zz.yaml': `controls:\n${control({ checks: '[mcp.transport.plaintxt-http]', automation: 'full' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 10, column: 14, code: 'unknown-check', message: /"mcp\.transport\.plaintxt-http" \(did you mean "mcp\.transport\.plaintext-http"\?\)/ },
  },
  {
    name: 'unknown practice',
    files: { 'controls/zz.yaml': `controls:\n${control({ practices: '[P01, P25]' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 5, column: 22, code: 'unknown-practice', message: /P25/ },
  },
  {
    name: 'unknown threat',
    files: { 'controls/zz.yaml': `controls:\n${control({ threats: '[T13]' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 6, column: 15, code: 'unknown-threat', message: /T13/ },
  },
  {
    name: 'control without automation',
    files: { 'controls/zz.yaml': `controls:\n${control({ automation: '<omit>' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 2, column: 5, code: 'schema', message: /^controls\[0\] is missing required property "automation"$/ },
  },
  {
    name: 'automation outside its vocabulary',
    files: { 'controls/zz.yaml': `controls:\n${control({ automation: 'manual' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 11, column: 17, code: 'schema', message: /automation must be one of: full, partial, none$/ },
  },
  {
    name: 'automation none on a control with checks',
    files: { 'controls/zz.yaml': `controls:\n${control({ checks: '[mcp.transport.plaintext-http]' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 11, column: 17, code: 'automation-contradicts-checks', message: /^control MCP-ZZ-01 has automation none but lists 1 check\(s\); say full or partial$/ },
  },
  {
    name: 'automation full on a control without checks',
    files: { 'controls/zz.yaml': `controls:\n${control({ automation: 'full' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 11, column: 17, code: 'automation-contradicts-checks', message: /^control MCP-ZZ-01 has automation full but lists no check; say none$/ },
  },
  {
    name: 'automation partial on a control without checks',
    files: { 'controls/zz.yaml': `controls:\n${control({ automation: 'partial', manualPart: 'All of it.' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 11, column: 17, code: 'automation-contradicts-checks', message: /^control MCP-ZZ-01 has automation partial but lists no check; say none$/ },
  },
  {
    name: 'a partial control that does not name its manual part',
    files: { 'controls/zz.yaml': `controls:\n${control({ checks: '[mcp.transport.plaintext-http]', automation: 'partial' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 11, column: 17, code: 'manual-part-missing', message: /^control MCP-ZZ-01 is partial but has no manualPart/ },
  },
  {
    name: 'a manual part on a fully automated control',
    files: { 'controls/zz.yaml': `controls:\n${control({ checks: '[mcp.transport.plaintext-http]', automation: 'full', manualPart: 'Nothing.' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 14, column: 17, code: 'manual-part-not-partial', message: /^control MCP-ZZ-01 has a manualPart but automation full; only a partial control names a manual part$/ },
  },
  {
    name: 'a manual part on a control without checks',
    files: { 'controls/zz.yaml': `controls:\n${control({ manualPart: 'Everything.' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 14, column: 17, code: 'manual-part-not-partial', message: /automation none;/ },
  },
  {
    name: 'an empty manual part',
    files: { 'controls/zz.yaml': `controls:\n${control({ checks: '[mcp.transport.plaintext-http]', automation: 'partial', manualPart: '""' })}\n` },
    expect: { file: 'controls/zz.yaml', line: 14, column: 17, code: 'schema', message: /manualPart must NOT have fewer than 1 characters/ },
  },
  {
    name: 'duplicate control id across files',
    files: { 'controls/zz.yaml': `controls:\n${control({}, 'MCP-AC-01')}\n` },
    expect: { file: 'controls/zz.yaml', line: 2, column: 9, code: 'duplicate-control', message: /MCP-AC-01 is already defined at .*access-control\.yaml:\d+:\d+/ },
  },
  {
    name: 'requirement id that the framework does not have',
    files: { 'mappings/zz.yaml': zzMapping('gdpr', 'Art. 32(9)', 'MCP-EN-01') },
    expect: { file: 'mappings/zz.yaml', line: 9, column: 9, code: 'unknown-requirement', message: /"Art\. 32\(9\)" is not a requirement id of gdpr/ },
  },
  {
    name: 'NIST AI RMF id in its abbreviated spelling',
    files: { 'mappings/zz.yaml': zzMapping('nist-ai-rmf', 'GV-1.6', 'MCP-GV-01') },
    expect: { file: 'mappings/zz.yaml', line: 9, column: 9, code: 'unknown-requirement', message: /write it as "GOVERN 1\.6"/ },
  },
  {
    name: 'ISO 42001 Annex B id instead of Annex A',
    files: { 'mappings/zz.yaml': zzMapping('iso-42001', 'B.6.2.8', 'MCP-LG-01') },
    expect: { file: 'mappings/zz.yaml', line: 9, column: 9, code: 'unknown-requirement', message: /cite the control "A\.6\.2\.8"/ },
  },
  {
    name: 'PCI DSS v4.0 number that v4.0.1 renumbered',
    files: { 'mappings/zz.yaml': zzMapping('pci-dss', '3.5.2', 'MCP-EN-04') },
    expect: { file: 'mappings/zz.yaml', line: 9, column: 9, code: 'unknown-requirement', message: /v4\.0\.1 numbers it 3\.5\.1\.1-3\.5\.1\.3/ },
  },
  {
    name: 'unknown control in a mapping',
    files: { 'mappings/zz.yaml': zzMapping('gdpr', 'Art. 32(1)(a)', 'MCP-EN-99') },
    expect: { file: 'mappings/zz.yaml', line: 12, column: 18, code: 'unknown-control', message: /unknown control "MCP-EN-99" \(did you mean "MCP-EN-0\d"\?\)/ },
  },
  {
    name: 'relationship outside the NIST IR 8477 vocabulary',
    files: { 'mappings/zz.yaml': zzMapping('gdpr', 'Art. 32(1)(a)', 'MCP-EN-01').replace('relationship: subset', 'relationship: partial') },
    expect: { file: 'mappings/zz.yaml', line: 13, column: 23, code: 'schema', message: /relationship must be one of: equal, subset, superset, intersects/ },
  },
  {
    name: 'supportive property outside the NIST IR 8477 vocabulary',
    files: { 'mappings/zz.yaml': zzMapping('gdpr', 'Art. 32(1)(a)', 'MCP-EN-01').replace('relationship: subset\n', 'relationship: subset\n        property: supportive\n') },
    expect: { file: 'mappings/zz.yaml', line: 14, column: 19, code: 'schema', message: /property must be one of: integral, example$/ },
  },
  {
    name: 'an outcome label for an outcome the model does not have',
    files: { 'mappings/zz.yaml': zzMapping('gdpr', 'Art. 32(1)(a)', 'MCP-EN-01').replace('requirements:', '  outcomeLabels:\n    met: measures in place\n    compliant: compliant\nrequirements:') },
    expect: { file: 'mappings/zz.yaml', line: 10, column: 5, code: 'schema', message: /^framework\.outcomeLabels has unknown property "compliant"$/ },
  },
  {
    name: 'an empty outcome label',
    files: { 'mappings/zz.yaml': zzMapping('gdpr', 'Art. 32(1)(a)', 'MCP-EN-01').replace('requirements:', '  outcomeLabels:\n    deficient: " "\nrequirements:') },
    expect: { file: 'mappings/zz.yaml', line: 9, column: 16, code: 'schema', message: /^framework\.outcomeLabels\.deficient does not have the expected form/ },
  },
  {
    name: 'a figure label for a figure the model does not have',
    files: { 'mappings/zz.yaml': zzMapping('gdpr', 'Art. 32(1)(a)', 'MCP-EN-01').replace('requirements:', '  figureLabels:\n    compliance: Compliance\nrequirements:') },
    expect: { file: 'mappings/zz.yaml', line: 9, column: 5, code: 'schema', message: /^framework\.figureLabels has unknown property "compliance"$/ },
  },
  {
    name: 'mapping header without its source',
    files: { 'mappings/zz.yaml': zzMapping('gdpr', 'Art. 32(1)(a)', 'MCP-EN-01').replace('  source: https://example.org/\n', '') },
    expect: { file: 'mappings/zz.yaml', line: 2, column: 3, code: 'schema', message: /^framework is missing required property "source"$/ },
  },
  {
    name: 'a requirement that applies under a condition the framework does not define',
    files: { 'mappings/zz.yaml': zzMapping('gdpr', 'Art. 32(1)(a)', 'MCP-EN-01').replace('    title: Under test\n', '    title: Under test\n    appliesTo: personal\n') },
    expect: { file: 'mappings/zz.yaml', line: 11, column: 16, code: 'unknown-condition', message: /appliesTo "personal" is not a condition of gdpr's applicability$/ },
  },
  {
    name: 'an applicability condition without its legal basis',
    files: { 'mappings/zz.yaml': zzMapping('gdpr', 'Art. 32(1)(a)', 'MCP-EN-01').replace('requirements:', '  applicability:\n    eu: { dataClasses: [personal-data] }\nrequirements:') },
    expect: { file: 'mappings/zz.yaml', line: 9, column: 9, code: 'schema', message: /missing required property "basis"/ },
  },
  {
    name: 'a check that no control lists any more',
    files: { 'controls/human-oversight.yaml': null },
    expect: { file: 'controls', code: 'check-not-covered', message: /mcp\.oversight\.auto-approve/ },
  },
];

/** A one-requirement mapping; the requirement id is on line 9, the control on line 12. */
function zzMapping(framework: string, requirement: string, controlId: string): string {
  return [
    'framework:',
    `  id: ${framework}`,
    '  name: Test extension',
    `  version: "${{ gdpr: '2016/679', 'nist-ai-rmf': '1.0', 'iso-42001': '2023', 'pci-dss': '4.0.1' }[framework]}"`,
    '  publisher: Test',
    '  source: https://example.org/',
    '# the requirement under test',
    'requirements:',
    `  - id: ${JSON.stringify(requirement)}`,
    '    title: Under test',
    '    controls:',
    `      - control: ${controlId}`,
    '        relationship: subset',
    '        rationale: Test link.',
    '',
  ].join('\n');
}

describe('catalog validation reports the exact position of each problem', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const root = tempCatalog(testCase.files);
      const { problems } = loadCatalog([root]);
      const expectedFile = path.join(root, testCase.expect.file);
      const hit = problems.find((p) => p.file === expectedFile && p.code === testCase.expect.code
        && (!testCase.expect.message || testCase.expect.message.test(p.message)));
      assert.ok(hit, `expected a ${testCase.expect.code} problem in ${testCase.expect.file}, got:\n${problems.map((p) => `${path.relative(root, p.file)}:${p.line}:${p.column} ${p.code} ${p.message}`).join('\n')}`);
      assert.equal(hit.severity, 'error');
      assert.deepEqual({ line: hit.line, column: hit.column }, { line: testCase.expect.line, column: testCase.expect.column });
    });
  }

  it('keeps reading after a broken file: problems in other files are still found', () => {
    const root = tempCatalog({
      'controls/aa.yaml': 'controls: [unclosed\n',
      'controls/zz.yaml': `controls:\n${control({ checks: '[no.such-check]' })}\n`,
    });
    const codes = new Set(loadCatalog([root]).problems.map((p) => p.code));
    assert.ok(codes.has('yaml-bad-indent') || codes.has('yaml-missing-char') || codes.has('yaml-unexpected-token'), [...codes].join(','));
    assert.ok(codes.has('unknown-check'));
    assert.ok(codes.has('coverage-not-checked'), 'coverage must not be judged on a half-read catalog');
  });

  it('accepts a valid extra control and mapping', () => {
    const root = tempCatalog({
      'controls/zz.yaml': `controls:\n${control()}\n`,
      'mappings/zz.yaml': zzMapping('gdpr', 'Art. 32(1)(a)', 'MCP-ZZ-01'),
    });
    const errors = loadCatalog([root]).problems.filter((p) => p.severity === 'error');
    assert.deepEqual(errors, []);
  });

  it('merges a second mapping of the same framework into one framework', () => {
    const root = tempCatalog({
      'controls/zz.yaml': `controls:\n${control()}\n`,
      'mappings/zz.yaml': zzMapping('gdpr', 'Art. 32(1)(a)', 'MCP-ZZ-01'),
    });
    const { catalog } = loadCatalog([root]);
    const gdpr = catalog.frameworks.filter((f) => f.id === 'gdpr');
    assert.equal(gdpr.length, 1);
    const requirement = gdpr[0]!.requirements.find((r) => r.id === 'Art. 32(1)(a)');
    assert.ok(requirement?.controls.some((l) => l.control === 'MCP-ZZ-01'));
  });

  it('reads a link\'s supportive property, integral when the mapping leaves it out', () => {
    const root = tempCatalog({
      'controls/zz.yaml': `controls:\n${control()}\n${control({}, 'MCP-ZZ-02')}\n`,
      'mappings/zz.yaml': zzMapping('gdpr', 'Art. 32(1)(a)', 'MCP-ZZ-01')
        + '      - control: MCP-ZZ-02\n        relationship: intersects\n        property: example\n        rationale: Test link.\n',
    });
    const { catalog, problems } = loadCatalog([root]);
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    const links = catalog.frameworks.find((f) => f.id === 'gdpr')!.requirements.find((r) => r.id === 'Art. 32(1)(a)')!.controls;
    assert.deepEqual(links.filter((l) => l.control.startsWith('MCP-ZZ')).map((l) => [l.control, l.property]), [['MCP-ZZ-01', 'integral'], ['MCP-ZZ-02', 'example']]);
  });

  it('lets a later mapping of the same framework reword outcomes and figures, label by label', () => {
    const root = tempCatalog({
      'controls/zz.yaml': `controls:\n${control()}\n`,
      'mappings/zz.yaml': zzMapping('gdpr', 'Art. 32(1)(a)', 'MCP-ZZ-01')
        .replace('requirements:', '  outcomeLabels:\n    deficient: finding\n  figureLabels:\n    testingCoverage: Articles examined\nrequirements:'),
    });
    const gdpr = loadCatalog([root]).catalog.frameworks.find((f) => f.id === 'gdpr')!;
    assert.deepEqual(gdpr.outcomeLabels, {
      met: 'measures in place', effective: 'MCP measures effective', partly_effective: 'MCP measures partly effective',
      deficient: 'finding', untested: 'not tested', not_addressed: 'not addressed by MCP controls', not_applicable: 'does not apply',
    });
    assert.deepEqual(gdpr.figureLabels, { testingCoverage: 'Articles examined', effectiveness: 'Measures effective' });
  });
});
