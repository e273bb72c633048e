/** results.sarif: valid against the official OASIS SARIF 2.1.0 schema, within GitHub code scanning's rules, one result per finding. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import type { Location as SarifLocation, Log, ReportingDescriptor, Result } from 'sarif';
import type {
  Assessment, AssessmentCheck, AssessmentControl, AssessmentFramework, ExceptionNote, Finding,
} from '../../src/engine/assessment.js';
import type { Severity } from '../../src/catalog/model.js';
import type { Location } from '../../src/evidence/types.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { FINGERPRINT_KEY, SARIF_SCHEMA_URI, sarifReporter, toSarif } from '../../src/reporters/sarif.js';
import type { GitHubSourceAnchor } from '../../src/engine/assessment.js';
import { sampleAssessment } from '../helpers/sample-assessment.js';

// Both ship CommonJS with a default export that NodeNext sees as a namespace.
const Ajv04 = Ajv04Module as unknown as typeof Ajv04Module.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const SCHEMA_FILE = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'schemas', 'sarif-schema-2.1.0.json');
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as { id: string; $schema: string };
// The official schema is draft-04, which plain Ajv 8 does not read. Strict mode stays on except
// strictRequired: the schema's `anyOf: [{ required: ["index"] }, { required: ["guid"] }, ...]` branches name
// properties declared beside them, not inside the branch, which that check rejects at compile time.
const validateSarif = addFormats(new Ajv04({ allErrors: true, strict: true, strictRequired: false })).compile(schema);

/** Asserts the log is valid against the OASIS schema, naming every error otherwise. */
function assertValid(log: unknown): void {
  const valid = validateSarif(log);
  assert.ok(valid, JSON.stringify(validateSarif.errors, null, 2));
}

const run = (log: Log) => log.runs[0]!;
const results = (log: Log): Result[] => run(log).results ?? [];
const rules = (log: Log): ReportingDescriptor[] => run(log).tool.driver.rules ?? [];
const ruleOf = (log: Log, id: string) => rules(log).find((r) => r.id === id);

async function rendered(assessment: Assessment): Promise<string> {
  const files = await sarifReporter.render(assessment, { paper: 'A4', log: () => {} });
  assert.equal(files.length, 1);
  assert.equal(files[0]!.name, 'results.sarif');
  return files[0]!.content as string;
}

const finding = (fingerprint: string, over: Partial<Finding> = {}): Finding => ({
  checkId: 'mcp.supply-chain.unpinned-package', severity: 'high', messageId: 'movingTag', message: `finding ${fingerprint}`,
  location: { path: 'billing-service/.cursor/mcp.json', line: 5, column: 22 }, fingerprint, controlIds: ['MCP-SC-01'],
  evidenceId: 'mcp-config:billing-service/.cursor/mcp.json', ...over,
});
const check = (id: string, over: Partial<AssessmentCheck> = {}): AssessmentCheck => ({
  id, title: `${id} title`, status: 'fail', severity: 'high', controlIds: ['MCP-SC-01'], remediation: `Fix ${id}.`, results: [], ...over,
});
const control = (id: string, over: Partial<AssessmentControl> = {}): AssessmentControl => ({
  id, title: `${id} title`, status: 'fail', reason: 'r', severity: 'high', checks: [], risk: { likelihood: 3, impact: 3, inherent: 9, residual: 9 },
  objective: `${id} objective`, ...over,
});
const framework = (id: string, requirementIds: string[], controlIds = ['MCP-SC-01']): AssessmentFramework => ({
  id, name: `${id} name`, version: '1', applicability: { applies: true, inScope: requirementIds.length, assumed: [] },
  summary: { coverage: 1, compliance: 0, counts: { met: 0, partially_met: 0, not_met: requirementIds.length, not_assessed: 0, not_applicable: 0 } },
  requirements: requirementIds.map((rid) => ({
    id: rid, title: `${rid} title`, status: 'not_met', reason: 'r', controlIds,
    controls: controlIds.map((cid) => ({ id: cid, relationship: 'subset', status: 'fail' })),
  })),
});

/** A small assessment; only what the SARIF reporter reads matters, the rest makes it a plausible file. */
const assessment = (over: Partial<Assessment> = {}): Assessment => ({
  schemaVersion: '1.2',
  tool: { name: 'mcp-comply', version: '0.1.0' },
  generatedAt: '2026-09-30T09:00:00.000Z',
  scope: { organization: 'Northwind Health', frameworks: ['pci-dss'], dataClasses: [], dataClassesDeclared: true, paths: ['.'], includeUser: false },
  evidence: { rootHash: `sha256:${'a'.repeat(64)}`, items: [], unreadable: [], collectorFailures: [] },
  checks: [check('mcp.supply-chain.unpinned-package')],
  findings: [finding('f1')],
  controls: [control('MCP-SC-01')],
  frameworks: [framework('pci-dss', ['6.3.2'])],
  risks: [],
  riskMethod: { credit: { pass: 1, attested: 1, fail: 0, not_observed: 0, manual: 0, stale: 0, error: 0 }, minimumLikelihood: 1, bands: { medium: 5, high: 10, critical: 20 } },
  riskHeatMap: { cells: [] },
  inventory: { servers: [], tools: [] },
  summary: {
    checks: { pass: 0, fail: 1, not_observed: 0, error: 0 },
    findings: { total: 1, bySeverity: { low: 0, medium: 0, high: 1, critical: 0 } },
    controls: { pass: 0, fail: 1, not_observed: 0, manual: 0, attested: 0, stale: 0, not_applicable: 0, error: 0 },
    failOn: 'high', failed: true,
  },
  ...over,
});

/** Undoes the SARIF plain-text escapes (§3.11.6), as viewers do. */
const unescapePlain = (text: string) => text.replace(/\\([\\[\]])/g, '$1');

describe('SARIF: the official schema', () => {
  it('the vendored schema is the OASIS SARIF 2.1.0 errata01 schema, draft-04', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
    assert.equal(schema.id, SARIF_SCHEMA_URI);
  });

  it('the SARIF of the sample assessment is valid and holds exactly one result per finding', () => {
    const sample = sampleAssessment();
    const log = toSarif(sample);
    assertValid(log);
    assert.ok(sample.findings.length > 0, 'the sample has findings to report');
    assert.equal(results(log).length, sample.findings.length);
    assert.equal(log.$schema, SARIF_SCHEMA_URI);
    assert.equal(log.runs.length, 1);
  });

  it('an assessment with no findings gives a valid SARIF with zero results and zero rules', () => {
    const log = toSarif(assessment({ findings: [] }));
    assertValid(log);
    assert.deepEqual(results(log), []);
    assert.deepEqual(rules(log), []);
  });

  it('an assessment of schema 1.1 (no remediation, objectives or exceptions register) still gives a valid SARIF with help', () => {
    const old = assessment({
      schemaVersion: '1.1',
      checks: [{ ...check('mcp.supply-chain.unpinned-package'), remediation: undefined }],
      controls: [{ ...control('MCP-SC-01'), objective: undefined }],
    });
    const log = toSarif(old);
    assertValid(log);
    const rule = ruleOf(log, 'mcp.supply-chain.unpinned-package')!;
    assert.match(rule.help!.text, /^The assessment records no remediation for this check\./);
    assert.equal(rule.fullDescription!.text, 'mcp.supply-chain.unpinned-package title. MCP-SC-01: MCP-SC-01 title.');
  });
});

describe('SARIF: results and rules', () => {
  it('results follow the findings one for one: rule, rule index, fingerprint, severity and evidence', () => {
    const sample = sampleAssessment();
    const log = toSarif(sample);
    const checkSeverity = new Map(sample.checks.map((c) => [c.id, c.severity]));
    const expectedRuleIds = sample.findings.map((f) => (f.severity === checkSeverity.get(f.checkId) ? f.checkId : `${f.checkId}/${f.severity}`));
    assert.deepEqual(new Set(rules(log).map((r) => r.id)), new Set(expectedRuleIds), 'one rule per check and severity with findings');
    assert.equal(rules(log).length, new Set(expectedRuleIds).size);
    sample.findings.forEach((f, i) => {
      const result = results(log)[i]!;
      assert.equal(result.ruleId, expectedRuleIds[i]);
      assert.equal(rules(log)[result.ruleIndex!]!.id, result.ruleId, `result ${i}: ruleIndex points at its rule`);
      assert.equal(result.properties!.checkId, f.checkId);
      assert.equal(result.partialFingerprints![FINGERPRINT_KEY], f.fingerprint);
      assert.equal(result.partialFingerprints!.primaryLocationLineHash, `${f.fingerprint}:1`);
      assert.equal(result.properties!.severity, f.severity);
      assert.deepEqual(result.properties!.controlIds, f.controlIds);
      assert.equal(result.properties!.evidenceId, f.evidenceId);
      assert.equal(result.properties!.server, f.server);
    });
  });

  it('a rule names the check, describes it and tells how to fix it, with the controls and requirements it bears on', () => {
    const log = toSarif(assessment({
      checks: [check('mcp.supply-chain.unpinned-package', { title: 'MCP server packages are pinned', remediation: 'Pin "@scope/server@1.4.2".' })],
      controls: [control('MCP-SC-01', { title: 'Packages are pinned', objective: 'Every server names one exact version.' })],
      frameworks: [framework('pci-dss', ['6.3.2', '6.5.1']), framework('gdpr', ['Art. 32(1)(b)'])],
    }));
    assert.deepEqual(ruleOf(log, 'mcp.supply-chain.unpinned-package'), {
      id: 'mcp.supply-chain.unpinned-package',
      name: 'McpSupplyChainUnpinnedPackage',
      shortDescription: { text: 'MCP server packages are pinned' },
      fullDescription: { text: 'MCP server packages are pinned. MCP-SC-01: Every server names one exact version.' },
      help: {
        text: [
          'Remediation: Pin "@scope/server@1.4.2".', '', 'Controls tested:', '- MCP-SC-01 Packages are pinned', '',
          'Framework requirements these controls map to:',
          '- pci-dss name', '  - 6.3.2 6.3.2 title', '  - 6.5.1 6.5.1 title', '- gdpr name', '  - Art. 32(1)(b) Art. 32(1)(b) title',
        ].join('\n'),
        markdown: [
          '**Remediation.** Pin "@\u200Bscope/server@1\\.4\\.2"\\.', '', '**Controls tested**', '', '- **MCP\\-SC\\-01** Packages are pinned', '',
          '**Framework requirements these controls map to**', '',
          '- pci\\-dss name', '  - **6\\.3\\.2** 6\\.3\\.2 title', '  - **6\\.5\\.1** 6\\.5\\.1 title',
          '- gdpr name', '  - **Art\\. 32\\(1\\)\\(b\\)** Art\\. 32\\(1\\)\\(b\\) title',
        ].join('\n'),
      },
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 'MCP-SC-01', 'pci-dss', 'gdpr', 'pci-dss:6.3.2', 'gdpr:Art.-32(1)(b)', 'pci-dss:6.5.1'],
        precision: 'high',
        'security-severity': '8.0',
      },
    });
  });

  it('a finding whose check is missing from the file still gets a rule of its own, so no result is lost', () => {
    const log = toSarif(assessment({ checks: [], findings: [finding('f1', { checkId: 'custom.check', severity: 'medium' })] }));
    assertValid(log);
    const rule = ruleOf(log, 'custom.check')!;
    assert.equal(rule.shortDescription!.text, 'custom.check');
    assert.equal(rule.defaultConfiguration!.level, 'warning');
    assert.equal(results(log)[0]!.ruleIndex, 0);
  });

  const severities: Array<[Severity, Result.level, string]> = [
    ['critical', 'error', '9.5'], ['high', 'error', '8.0'], ['medium', 'warning', '5.5'], ['low', 'note', '3.0'],
  ];
  for (const [severity, level, securitySeverity] of severities) {
    it(`a ${severity} finding: level ${level}, security-severity ${securitySeverity}`, () => {
      const log = toSarif(assessment({ checks: [check('c.x', { severity })], findings: [finding('f1', { checkId: 'c.x', severity })] }));
      assert.equal(results(log)[0]!.level, level);
      assert.equal(ruleOf(log, 'c.x')!.defaultConfiguration!.level, level);
      assert.equal(ruleOf(log, 'c.x')!.properties!['security-severity'], securitySeverity);
    });
  }

  // A check of medium severity reporting critical, medium and low findings (hand-made file: the first
  // has no check, so the worst of its findings is taken as its own severity).
  const splits: Array<{ name: string; checks: AssessmentCheck[]; findings: Array<[string, Severity]>; rules: Array<[string, Result.level, string]>; ruleIds: string[] }> = [
    {
      name: 'one severity, the check\'s own: one rule under the check id',
      checks: [check('c.x', { severity: 'medium' })], findings: [['c.x', 'medium'], ['c.x', 'medium']],
      rules: [['c.x', 'warning', '5.5']], ruleIds: ['c.x', 'c.x'],
    },
    {
      name: 'findings above and below the check\'s severity: a rule per severity, the check\'s own first',
      checks: [check('c.x', { severity: 'medium' })], findings: [['c.x', 'critical'], ['c.x', 'low'], ['c.x', 'medium'], ['c.x', 'critical']],
      rules: [['c.x', 'warning', '5.5'], ['c.x/critical', 'error', '9.5'], ['c.x/low', 'note', '3.0']],
      ruleIds: ['c.x/critical', 'c.x/low', 'c.x', 'c.x/critical'],
    },
    {
      name: 'no finding at the check\'s severity: only the other severities\' rules',
      checks: [check('c.x', { severity: 'high' })], findings: [['c.x', 'low']],
      rules: [['c.x/low', 'note', '3.0']], ruleIds: ['c.x/low'],
    },
    {
      name: 'a check missing from the file: the worst of its findings is its own severity',
      checks: [], findings: [['c.y', 'medium'], ['c.y', 'high']],
      rules: [['c.y', 'error', '8.0'], ['c.y/medium', 'warning', '5.5']], ruleIds: ['c.y/medium', 'c.y'],
    },
  ];
  for (const { name, checks, findings, rules: expected, ruleIds } of splits) {
    it(`security-severity never misstates a result: ${name}`, () => {
      const log = toSarif(assessment({
        checks, findings: findings.map(([checkId, severity], i) => finding(`f${i}`, { checkId, severity })),
      }));
      assertValid(log);
      assert.deepEqual(rules(log).map((r) => [r.id, r.defaultConfiguration!.level, r.properties!['security-severity']]), expected);
      assert.deepEqual(results(log).map((r) => r.ruleId), ruleIds);
      for (const result of results(log)) {
        const rule = rules(log)[result.ruleIndex!]!;
        assert.equal(rule.id, result.ruleId);
        assert.equal(rule.defaultConfiguration!.level, result.level, `${result.ruleId}: the rule's level is the result's`);
      }
    });
  }

  it('a rule of another severity than its check\'s says so in its name and names its check', () => {
    const log = toSarif(assessment({ checks: [check('c.x', { title: 'Gateway flags', severity: 'high' })], findings: [finding('f1', { checkId: 'c.x', severity: 'critical' })] }));
    const rule = ruleOf(log, 'c.x/critical')!;
    assert.equal(rule.name, 'CXCritical');
    assert.equal(rule.shortDescription!.text, 'Gateway flags (critical)');
    assert.equal(rule.properties!.checkId, 'c.x');
    assert.equal(rule.help!.text, 'Remediation: Fix c.x.\n\nControls tested:\n- MCP-SC-01 MCP-SC-01 title\n\nFramework requirements these controls map to:\n- pci-dss name\n  - 6.3.2 6.3.2 title');
  });

  it('at most the 10 tags GitHub keeps, even for a check mapped to many requirements: security, controls, frameworks, then requirements in turns', () => {
    const many = (prefix: string) => Array.from({ length: 15 }, (_, i) => `${prefix}.${i + 1}`);
    const log = toSarif(assessment({
      checks: [check('c.x', { controlIds: ['MCP-A', 'MCP-B'] })],
      findings: [finding('f1', { checkId: 'c.x', controlIds: ['MCP-A', 'MCP-B'] })],
      frameworks: [framework('pci-dss', many('10'), ['MCP-A']), framework('hipaa', many('164'), ['MCP-B']), framework('gdpr', many('Art'), ['MCP-A'])],
    }));
    assert.deepEqual(ruleOf(log, 'c.x')!.properties!.tags, [
      'security', 'MCP-A', 'MCP-B', 'pci-dss', 'hipaa', 'gdpr', 'pci-dss:10.1', 'hipaa:164.1', 'gdpr:Art.1', 'pci-dss:10.2',
    ]);
  });

  it('many controls and frameworks: still 10 tags, security first', () => {
    const controlIds = Array.from({ length: 12 }, (_, i) => `MCP-X-${i + 1}`);
    const log = toSarif(assessment({
      checks: [check('c.x', { controlIds })], findings: [finding('f1', { checkId: 'c.x', controlIds })],
      frameworks: [framework('pci-dss', ['1'], controlIds)],
    }));
    assert.deepEqual(ruleOf(log, 'c.x')!.properties!.tags, ['security', ...controlIds.slice(0, 9)]);
  });

  it('the demo assessment: no rule has more than 10 tags, and every result\'s rule states its level and security-severity', () => {
    const log = toSarif(sampleAssessment());
    const securitySeverity: Record<string, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
    assert.ok(rules(log).length > 20, 'the demo has many rules');
    for (const rule of rules(log)) {
      const tags = rule.properties!.tags!;
      assert.ok(tags.length <= 10, `${rule.id}: ${tags.length} tags`);
      assert.equal(new Set(tags).size, tags.length, `${rule.id}: tags are distinct`);
      assert.equal(tags[0], 'security');
    }
    assert.ok(rules(log).some((r) => r.id.includes('/')), 'the demo has checks reporting several severities');
    for (const result of results(log)) {
      const rule = rules(log)[result.ruleIndex!]!;
      assert.equal(rule.id, result.ruleId);
      assert.equal(rule.defaultConfiguration!.level, result.level, result.ruleId);
      assert.equal(rule.properties!['security-severity'], securitySeverity[String(result.properties!.severity)], result.ruleId);
    }
  });

  it('requirements scoped out are not tags and not help', () => {
    const scopedOut = framework('hipaa', ['164.312(b)']);
    scopedOut.requirements[0]!.status = 'not_applicable';
    const rule = ruleOf(toSarif(assessment({ frameworks: [scopedOut] })), 'mcp.supply-chain.unpinned-package')!;
    assert.deepEqual(rule.properties!.tags, ['security', 'MCP-SC-01']);
    assert.match(rule.help!.text, /map to:\n- none in scope$/);
  });

  it('descriptions stay within GitHub\'s 1024 characters and no required text is empty', () => {
    const long = 'x'.repeat(3000);
    const log = toSarif(assessment({
      checks: [check('mcp.supply-chain.unpinned-package', { title: long })],
      controls: [control('MCP-SC-01', { objective: long })],
      findings: [finding('f1', { message: '' })],
    }));
    assertValid(log);
    const rule = ruleOf(log, 'mcp.supply-chain.unpinned-package')!;
    assert.equal(rule.shortDescription!.text.length, 1024);
    assert.ok(rule.shortDescription!.text.endsWith('x…'));
    assert.equal(rule.fullDescription!.text.length, 1024);
    assert.equal(results(log)[0]!.message.text, 'mcp.supply-chain.unpinned-package', 'an empty message falls back to the check id');
  });
});

describe('SARIF: locations', () => {
  const table: Array<{ name: string; location: Location; expected: SarifLocation }> = [
    {
      name: 'a path only: the whole file, no region',
      location: { path: 'billing-service/.env' },
      expected: { physicalLocation: { artifactLocation: { uri: 'billing-service/.env', uriBaseId: '%SRCROOT%' } } },
    },
    {
      name: 'a path and a line',
      location: { path: 'logs/gateway-audit.jsonl', line: 12 },
      expected: { physicalLocation: { artifactLocation: { uri: 'logs/gateway-audit.jsonl', uriBaseId: '%SRCROOT%' }, region: { startLine: 12 } } },
    },
    {
      name: 'a path, a line and a column',
      location: { path: 'billing-service/.cursor/mcp.json', line: 10, column: 16 },
      expected: {
        physicalLocation: { artifactLocation: { uri: 'billing-service/.cursor/mcp.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 10, startColumn: 16 } },
      },
    },
    {
      name: 'a path with spaces, # and %, encoded per segment',
      location: { path: 'My Project/conf #2/100% ready?.json', line: 3 },
      expected: {
        physicalLocation: { artifactLocation: { uri: 'My%20Project/conf%20%232/100%25%20ready%3F.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 3 } },
      },
    },
    {
      name: 'a GitHub repository the assessment does not say where the project names: a placeholder artifact naming it, and the repository as a logical location',
      location: { path: 'github:acme/api' },
      expected: {
        physicalLocation: { artifactLocation: { uri: 'GitHub%20settings/acme/api' } },
        logicalLocations: [{ name: 'acme/api', fullyQualifiedName: 'github:acme/api', kind: 'repository' }],
      },
    },
    {
      name: 'a GitHub organisation',
      location: { path: 'github:acme' },
      expected: {
        physicalLocation: { artifactLocation: { uri: 'GitHub%20settings/acme' } },
        logicalLocations: [{ name: 'acme', fullyQualifiedName: 'github:acme', kind: 'organization' }],
      },
    },
    {
      name: 'a user-level configuration in the home folder: kept apart from the repository',
      location: { path: '~/.cursor/mcp.json', line: 4, column: 9 },
      expected: { physicalLocation: { artifactLocation: { uri: '~/.cursor/mcp.json' }, region: { startLine: 4, startColumn: 9 } } },
    },
    {
      name: 'an absolute path: a file URI',
      location: { path: '/etc/mcp/servers.json', line: 2 },
      expected: { physicalLocation: { artifactLocation: { uri: 'file:///etc/mcp/servers.json' }, region: { startLine: 2 } } },
    },
    {
      name: 'a line that is not a line number: no region rather than an invalid one',
      location: { path: 'a.json', line: 0, column: 3 },
      expected: { physicalLocation: { artifactLocation: { uri: 'a.json', uriBaseId: '%SRCROOT%' } } },
    },
  ];
  for (const { name, location, expected } of table) {
    it(name, () => {
      const log = toSarif(assessment({ findings: [finding('f1', { location })] }));
      assertValid(log);
      const result = results(log)[0]!;
      assert.deepEqual(result.locations, [expected]);
      // Ours everywhere, never the line's text: editing the line must not reopen the alert.
      assert.deepEqual(result.partialFingerprints, { [FINGERPRINT_KEY]: 'f1', primaryLocationLineHash: 'f1:1' });
    });
  }

  it('primaryLocationLineHash is the finding\'s fingerprint whatever the line says: the same for a moved finding', () => {
    const at = (line: number) => results(toSarif(assessment({ findings: [finding('0f1e2d3c4b5a69788796a5b4c3d2e1f0', { location: { path: 'a/.mcp.json', line } })] })))[0]!;
    assert.equal(at(3).partialFingerprints!.primaryLocationLineHash, '0f1e2d3c4b5a69788796a5b4c3d2e1f0:1');
    assert.deepEqual(at(40).partialFingerprints, at(3).partialFingerprints);
  });

  const logical = (subject: string) => [{ name: subject, fullyQualifiedName: `github:${subject}`, kind: subject.includes('/') ? 'repository' : 'organization' }];
  const anchored: Array<{ name: string; subject: string; anchors: GitHubSourceAnchor[]; pathPrefix?: string; expected: SarifLocation['physicalLocation'] }> = [
    {
      name: 'an organisation named in mcp-comply.yaml: at the line and column that name it',
      subject: 'acme', anchors: [{ org: 'acme', path: 'mcp-comply.yaml', line: 14, column: 10 }],
      expected: { artifactLocation: { uri: 'mcp-comply.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 14, startColumn: 10 } },
    },
    {
      name: 'a repository named in mcp-comply.yaml, beside its organisation: at its own line',
      subject: 'acme/api',
      anchors: [{ org: 'acme', path: 'mcp-comply.yaml', line: 14, column: 10 }, { repo: 'acme/api', path: 'mcp-comply.yaml', line: 16, column: 9 }],
      expected: { artifactLocation: { uri: 'mcp-comply.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 16, startColumn: 9 } },
    },
    {
      name: 'named on the command line beside a config: the config file as a whole',
      subject: 'acme/api', anchors: [{ repo: 'acme/api', path: 'config/mcp-comply.yaml' }],
      expected: { artifactLocation: { uri: 'config/mcp-comply.yaml', uriBaseId: '%SRCROOT%' } },
    },
    {
      name: 'named on the command line without a config: the placeholder',
      subject: 'acme', anchors: [{ org: 'acme' }],
      expected: { artifactLocation: { uri: 'GitHub%20settings/acme' } },
    },
    {
      name: 'with --path-prefix: the config file from the repository root',
      subject: 'acme', anchors: [{ org: 'acme', path: 'mcp-comply.yaml', line: 3, column: 8 }], pathPrefix: 'services/agent',
      expected: { artifactLocation: { uri: 'services/agent/mcp-comply.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 8 } },
    },
  ];
  for (const { name, subject, anchors, pathPrefix, expected } of anchored) {
    it(`GitHub subject ${name}`, () => {
      const log = toSarif(
        assessment({ scope: { ...assessment().scope, github: anchors }, findings: [finding('f1', { location: { path: `github:${subject}` } })] }),
        pathPrefix === undefined ? {} : { pathPrefix },
      );
      assertValid(log);
      assert.deepEqual(results(log)[0]!.locations, [{ physicalLocation: expected, logicalLocations: logical(subject) }]);
      assert.equal(results(log)[0]!.partialFingerprints!.primaryLocationLineHash, 'f1:1');
    });
  }

  it('the demo: its GitHub findings sit on the line of mcp-comply.yaml that brings in the recorded GitHub evidence', () => {
    const sample = sampleAssessment();
    const lines = fs.readFileSync(path.join(PACKAGE_ROOT, 'examples', 'mcp-comply.yaml'), 'utf8').split('\n');
    const line = lines.findIndex((l) => /^\s+evidence: \[recorded\/github-evidence\]/.test(l)) + 1;
    assert.ok(line > 0);
    const log = toSarif(sample);
    const github = results(log).filter((r) => String(r.properties!.checkId).startsWith('github.'));
    assert.ok(github.length > 0, 'the demo has GitHub findings');
    for (const result of github) {
      assert.deepEqual(result.locations![0]!.physicalLocation, {
        artifactLocation: { uri: 'mcp-comply.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: line, startColumn: lines[line - 1]!.indexOf('[') + 2 },
      });
    }
  });

  it('with --path-prefix, files of the assessed folder are named from the repository root, as code scanning reads them; the rest is unchanged', () => {
    const paths = ['.cursor/mcp.json', './a b.json', '../shared/mcp.json', '../../../outside.json', 'github:acme/api', '~/.cursor/mcp.json', '/etc/mcp.json'];
    const log = toSarif(assessment({ findings: paths.map((p, i) => finding(`f${i}`, { location: { path: p, line: 2 } })) }), { pathPrefix: 'services/agent' });
    assertValid(log);
    assert.deepEqual(results(log).map((r) => r.locations![0]!.physicalLocation!.artifactLocation), [
      { uri: 'services/agent/.cursor/mcp.json', uriBaseId: '%SRCROOT%' },
      { uri: 'services/agent/a%20b.json', uriBaseId: '%SRCROOT%' },
      { uri: 'services/shared/mcp.json', uriBaseId: '%SRCROOT%' },
      // Out of the repository altogether: no file of it, so it stays as the assessment names it.
      { uri: '../../../outside.json', uriBaseId: '%SRCROOT%' },
      { uri: 'GitHub%20settings/acme/api' },
      { uri: '~/.cursor/mcp.json' },
      { uri: 'file:///etc/mcp.json' },
    ]);
    assert.equal(log.runs[0]!.originalUriBaseIds!['%SRCROOT%']!.description!.text, 'The repository root; mcp-comply assessed its folder services/agent.');
    assert.match(toSarif(assessment({ findings: [] })).runs[0]!.originalUriBaseIds!['%SRCROOT%']!.description!.text ?? '', /^The folder mcp-comply assessed/);
  });
});

describe('SARIF: exceptions', () => {
  const note = (id: string, over: Partial<ExceptionNote> = {}): ExceptionNote => ({
    id, approver: 'ciso@northwind.example', expires: '2027-06-30', ticket: 'GRC-101', justification: 'Pinned through the internal mirror.', ...over,
  });

  it('a finding under a live exception is suppressed, externally and accepted, with who approved it until when and why', () => {
    const log = toSarif(assessment({ findings: [finding('f1', { exception: note('EX-1') })] }));
    assertValid(log);
    assert.deepEqual(results(log)[0]!.suppressions, [{
      kind: 'external',
      status: 'accepted',
      justification: 'Exception EX-1, approved by ciso@northwind.example, expires 2027-06-30, ticket GRC-101: Pinned through the internal mirror.',
      properties: { exceptionId: 'EX-1', approver: 'ciso@northwind.example', expires: '2027-06-30', ticket: 'GRC-101' },
    }]);
  });

  it('a finding whose exception has expired is not suppressed; the expired exception is recorded beside it', () => {
    const log = toSarif(assessment({ findings: [finding('f1', { expiredException: note('EX-2', { expires: '2026-09-01' }) })] }));
    const result = results(log)[0]!;
    assert.equal(result.suppressions, undefined);
    assert.deepEqual(result.properties!.expiredException, { id: 'EX-2', expires: '2026-09-01' });
  });
});

describe('SARIF: the run', () => {
  it('names the tool and the assessment: version, category per organisation and date, evidence root hash', () => {
    const log = toSarif(assessment());
    assert.deepEqual(run(log).tool.driver.name, 'mcp-comply');
    assert.equal(run(log).tool.driver.semanticVersion, '0.1.0');
    assert.equal(run(log).tool.driver.informationUri, 'https://github.com/mcp-comply/mcp-comply');
    assert.deepEqual(run(log).automationDetails, { id: 'mcp-comply/northwind-health/2026-09-30' });
    assert.deepEqual(run(log).invocations, [{ executionSuccessful: true, startTimeUtc: '2026-09-30T09:00:00.000Z', endTimeUtc: '2026-09-30T09:00:00.000Z' }]);
    assert.deepEqual(run(log).properties, { evidenceRootHash: `sha256:${'a'.repeat(64)}`, assessmentSchemaVersion: '1.2' });
  });

  const categories: Array<[string | undefined, string]> = [
    [undefined, 'mcp-comply/assessment/2026-09-30'], ['Zürich Clinics / EU', 'mcp-comply/zurich-clinics-eu/2026-09-30'], ['///', 'mcp-comply/assessment/2026-09-30'],
  ];
  for (const [organization, id] of categories) {
    it(`organisation ${JSON.stringify(organization)}: automation id ${id}`, () => {
      const log = toSarif(assessment({ scope: { ...assessment().scope, organization } }));
      assert.equal(run(log).automationDetails!.id, id);
    });
  }

  // upload-sarif writes its category only into a log without an id, so a given category must be in the log: `<category>/<date>`.
  const given: Array<[string, string]> = [
    ['mcp-comply', 'mcp-comply/2026-09-30'], ['mcp-comply/estate/', 'mcp-comply/estate/2026-09-30'], ['  prod  ', 'prod/2026-09-30'], ['   ', 'mcp-comply/northwind-health/2026-09-30'],
  ];
  for (const [category, id] of given) {
    it(`category ${JSON.stringify(category)}: automation id ${id}`, async () => {
      assert.equal(run(toSarif(assessment(), { category })).automationDetails!.id, id);
      const files = await sarifReporter.render(assessment(), { paper: 'A4', log: () => {}, sarifCategory: category });
      assert.equal((JSON.parse(files[0]!.content as string) as Log).runs[0]!.automationDetails!.id, id);
    });
  }

  it('sources that could not be read and collectors that failed are tool notifications, not silence', () => {
    const log = toSarif(assessment({
      evidence: {
        rootHash: 'r', items: [],
        unreadable: [{ path: 'broken/.cursor/mcp.json', code: 'parse-error', reason: 'comma expected [here]', line: 5, column: 7 }],
        collectorFailures: [{ collector: 'github', message: 'rate limited' }],
      },
    }));
    assertValid(log);
    assert.deepEqual(run(log).invocations![0]!.toolExecutionNotifications, [
      { level: 'error', message: { text: 'Collector github failed: rate limited' }, properties: { collector: 'github' } },
      { level: 'warning', message: { text: 'broken/.cursor/mcp.json:5:7 could not be read (parse-error): comma expected \\[here\\]' }, properties: { code: 'parse-error' } },
    ]);
  });
});

describe('SARIF: the file', () => {
  it('is the log as JSON with a 2-space indent and a trailing newline, byte-identical for the same input', async () => {
    const sample = sampleAssessment();
    const first = await rendered(sample);
    assert.equal(first, `${JSON.stringify(toSarif(sampleAssessment()), null, 2)}\n`);
    assert.equal(await rendered(sampleAssessment()), first);
    assert.deepEqual(sarifReporter.files, ['results.sarif']);
    assert.equal(sarifReporter.format, 'sarif');
  });

  it('a hostile finding message survives the JSON round trip exactly', async () => {
    const hostile = 'Server "evil"\'s <script>alert(1)</script>\nline two\r\n\ttab \u0000 nul \u202Eevil\u202C café 🚀 \u2028 end';
    const text = await rendered(assessment({ findings: [finding('f1', { message: hostile, server: '<img src=x onerror=alert(1)>' })] }));
    const parsed = JSON.parse(text) as Log;
    assertValid(parsed);
    assert.equal(results(parsed)[0]!.message.text, hostile);
    assert.equal(results(parsed)[0]!.properties!.server, '<img src=x onerror=alert(1)>');
  });

  it('link syntax in a message is escaped so no viewer makes it a link, and reads back as written', () => {
    const message = 'See [the docs](https://evil.example) or [here](1) at C:\\Users\\me';
    const text = results(toSarif(assessment({ findings: [finding('f1', { message })] })))[0]!.message.text!;
    assert.equal(text, 'See \\[the docs\\](https://evil.example) or \\[here\\](1) at C:\\\\Users\\\\me');
    assert.equal(unescapePlain(text), message);
  });

  it('hostile catalog text cannot put HTML or a link in the help Markdown', () => {
    const log = toSarif(assessment({
      checks: [check('mcp.supply-chain.unpinned-package', { remediation: '<img src=x onerror=alert(1)> [click](javascript:alert(1))' })],
    }));
    const markdown = ruleOf(log, 'mcp.supply-chain.unpinned-package')!.help!.markdown!;
    assert.ok(!markdown.includes('<'), markdown);
    assert.ok(markdown.includes('&lt;img src=x onerror=alert\\(1\\)&gt; \\[click\\]\\(javascript:alert\\(1\\)\\)'), markdown);
  });
});
