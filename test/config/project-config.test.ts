/** mcp-comply.yaml, exceptions.yaml and attestations.yaml: schema and references, with positions. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { checkAttestationsFile, checkExceptionsFile, loadProjectConfig } from '../../src/config/project-config.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import type { Problem } from '../../src/lib/problem.js';
import { isValidDefinition, validateYaml, type SchemaName } from '../../src/lib/schemas.js';
import { readYamlFile } from '../../src/lib/yaml-file.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const { catalog } = loadCatalog();


const exception = (fields: string) => `exceptions:\n  - id: EX-1\n${fields}    justification: Accepted.\n    approver: ciso@example.com\n    approved: 2026-10-01\n    expires: 2027-06-30\n`;

interface Case { name: string; run: (dir: string) => Problem[]; expect: { line: number; column: number; code: string; message: RegExp } }

const cases: Case[] = [
  {
    name: 'config: misspelt key',
    run: (dir) => loadProjectConfig(write(dir, 'mcp-comply.yaml', 'organization: Acme\nframworks: [gdpr]\n')).problems,
    expect: { line: 2, column: 1, code: 'schema', message: /\(document\) has unknown property "framworks"/ },
  },
  {
    name: 'config: unknown data class',
    run: (dir) => loadProjectConfig(write(dir, 'mcp-comply.yaml', 'dataClasses: [personal-data, pci]\n')).problems,
    expect: { line: 1, column: 30, code: 'schema', message: /dataClasses\[1\] must be one of: personal-data, phi, cardholder-data/ },
  },
  {
    name: 'config: risk bands that do not increase',
    run: (dir) => loadProjectConfig(write(dir, 'mcp-comply.yaml', 'organization: Acme\nrisk:\n  bands: { medium: 10 }\n')).problems,
    expect: { line: 3, column: 3, code: 'risk-method', message: /risk\.bands must increase strictly \(medium < high < critical\), got medium 10, high 10, critical 20/ },
  },
  {
    name: 'config: a negative certificate expiry threshold',
    run: (dir) => loadProjectConfig(write(dir, 'mcp-comply.yaml', 'checks:\n  mcp.transport.tls-certificate: { expiryWarningDays: -1 }\n')).problems,
    expect: { line: 2, column: 55, code: 'schema', message: /expiryWarningDays must be >= 0/ },
  },
  {
    name: 'config: exceptions file that does not exist',
    run: (dir) => loadProjectConfig(write(dir, 'mcp-comply.yaml', 'organization: Acme\nexceptions: missing.yaml\n')).problems,
    expect: { line: 2, column: 13, code: 'file-not-found', message: /exceptions file "missing\.yaml" does not exist/ },
  },
  {
    name: 'exception: unknown check id',
    run: (dir) => checkExceptionsFile(write(dir, 'exceptions.yaml', exception('    check: mcp.supply-chain.unpined-package\n')), catalog).problems,
    expect: { line: 3, column: 12, code: 'unknown-check', message: /did you mean "mcp\.supply-chain\.unpinned-package"/ },
  },
  {
    name: 'exception: names both a check and a control',
    run: (dir) => checkExceptionsFile(write(dir, 'exceptions.yaml', exception('    check: mcp.container.privileged\n    control: MCP-NS-02\n')), catalog).problems,
    expect: { line: 2, column: 9, code: 'exception-target', message: /exactly one of "check" or "control"/ },
  },
  {
    name: 'exception: date that is not ISO 8601',
    run: (dir) => checkExceptionsFile(write(dir, 'exceptions.yaml', exception('    control: MCP-NS-02\n').replace('2027-06-30', '30/06/2027')), catalog).problems,
    expect: { line: 7, column: 14, code: 'schema', message: /exceptions\[0\]\.expires must match format "date"/ },
  },
  {
    name: 'exception: expires before it was approved',
    run: (dir) => checkExceptionsFile(write(dir, 'exceptions.yaml', exception('    control: MCP-NS-02\n').replace('2027-06-30', '2026-01-01')), catalog).problems,
    expect: { line: 7, column: 14, code: 'expires-before-approved', message: /expires 2026-01-01 is before approved 2026-10-01/ },
  },
  {
    name: 'attestation: evidence file missing and unknown control',
    run: (dir) => checkAttestationsFile(write(dir, 'attestations.yaml', [
      'attestations:', '  - control: MCP-IR-01', '    statement: Exercised.', '    evidence: docs/missing.pdf',
      '    attestedBy: secops@example.com', '    date: 2026-10-15', '    validUntil: 2027-10-15', '',
    ].join('\n')), dir, catalog).problems,
    expect: { line: 4, column: 15, code: 'evidence-not-found', message: /evidence file "docs\/missing\.pdf" does not exist/ },
  },
  ...([
    ['attestation: names both a control and a requirement', '  - control: MCP-IR-01\n    framework: gdpr\n    requirement: Art. 33(1)\n', 5, 16, 'attestation-target', /either "control", or "framework" and "requirement"/],
    ['attestation: a framework without its requirement', '  - framework: gdpr\n', 3, 16, 'attestation-target', /either "control", or "framework" and "requirement"/],
    ['attestation: unknown framework', '  - framework: gpdr\n    requirement: Art. 33(1)\n', 2, 16, 'unknown-framework', /unknown framework "gpdr" \(did you mean "gdpr"\?\)/],
    ['attestation: requirement the framework does not have in the catalog', '  - framework: gdpr\n    requirement: Art. 33(9)\n', 3, 18, 'unknown-requirement', /"Art\. 33\(9\)" is not a requirement of gdpr in the catalog/],
  ] as const).map(([name, target, line, column, code, message]): Case => ({
    name,
    run: (dir) => {
      fs.writeFileSync(path.join(dir, 'plan.md'), 'plan\n');
      return checkAttestationsFile(write(dir, 'attestations.yaml', `attestations:\n${target}    statement: Covered by the ISMS.\n    evidence: plan.md\n    attestedBy: dpo@example.com\n    date: 2026-10-15\n    validUntil: 2027-10-15\n`), dir, catalog).problems;
    },
    expect: { line, column, code, message },
  })),
];

describe('project files are validated with positions', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const problems = testCase.run(tempDir());
      const hit = problems.find((p) => p.code === testCase.expect.code && testCase.expect.message.test(p.message));
      assert.ok(hit, problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`).join('\n') || 'no problems');
      assert.deepEqual({ line: hit.line, column: hit.column }, { line: testCase.expect.line, column: testCase.expect.column });
    });
  }

  it('the example project files are valid', () => {
    const { loaded, problems } = loadProjectConfig(path.join(PACKAGE_ROOT, 'examples', 'mcp-comply.yaml'));
    assert.deepEqual(problems, []);
    assert.ok(loaded?.exceptionsFile && loaded.attestationsFile);
    assert.deepEqual(checkExceptionsFile(loaded.exceptionsFile, catalog).problems, []);
    assert.deepEqual(checkAttestationsFile(loaded.attestationsFile, path.dirname(loaded.file), catalog).problems, []);
  });

  it('extra catalogs named in the config add controls and requirement links', () => {
    const dir = tempDir();
    write(dir, 'acme/controls/acme.yaml', [
      'controls:', '  - id: ACME-MCP-01', '    title: Tool calls to the EHR are approved by the duty clinician',
      '    objective: Every EHR write through MCP carries the approving clinician id.', '    practices: [P24]', '    threats: [T10]',
      '    severity: high', '    likelihood: 3', '    impact: 4', '    checks: []', '    automation: none', '    evidence: [EHR audit export]', '    remediation: Enforce in the gateway.', '',
    ].join('\n'));
    write(dir, 'acme/mappings/hipaa.yaml', [
      'framework: { id: hipaa, name: HIPAA, version: "2013", publisher: HHS, source: "https://www.ecfr.gov/" }',
      'requirements:', '  - id: 164.312(b)', '    title: Audit controls', '    controls:',
      '      - { control: ACME-MCP-01, relationship: subset, rationale: Approver ids are part of the audit record. }', '',
    ].join('\n'));
    const config = loadProjectConfig(write(dir, 'mcp-comply.yaml', 'catalogs: [acme]\n'));
    const hipaaVersion = loadCatalog().catalog.frameworks.find((f) => f.id === 'hipaa')!.version;
    fs.writeFileSync(path.join(dir, 'acme/mappings/hipaa.yaml'), fs.readFileSync(path.join(dir, 'acme/mappings/hipaa.yaml'), 'utf8').replace('"2013"', JSON.stringify(hipaaVersion)));
    const layered = loadCatalog([PACKAGE_ROOT, ...config.loaded!.catalogs]);
    assert.deepEqual(layered.problems.filter((p) => p.severity === 'error'), []);
    assert.ok(layered.catalog.controls.some((c) => c.id === 'ACME-MCP-01'));
    const audit = layered.catalog.frameworks.find((f) => f.id === 'hipaa')!.requirements.find((r) => r.id === '164.312(b)')!;
    assert.ok(audit.controls.some((l) => l.control === 'ACME-MCP-01'));
    assert.ok(audit.controls.length > 1, 'the built-in links to the requirement are kept');
  });
});

describe('schemas', () => {
  for (const name of ['controls', 'mapping', 'config', 'exceptions', 'attestations'] as SchemaName[]) {
    it(`${name}.schema.json compiles in ajv strict mode and rejects a wrong document`, () => {
      const dir = tempDir();
      const problems = validateYaml(readYamlFile(write(dir, 'x.yaml', 'unexpected: true\n')), name);
      assert.ok(problems.length > 0);
    });
  }
  it('single definitions can be checked on their own', () => {
    assert.equal(isValidDefinition('mapping', 'link', { control: 'MCP-AC-01', relationship: 'subset', rationale: 'x' }), true);
    assert.equal(isValidDefinition('mapping', 'link', { control: 'MCP-AC-01', relationship: 'partial', rationale: 'x' }), false);
  });
});
