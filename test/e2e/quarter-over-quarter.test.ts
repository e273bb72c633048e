/**
 * Quarter over quarter through the built CLI: a small estate assessed in Q3, changed, and assessed in
 * Q4 with --previous. Every kind of change is planted once and must be reported exactly.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Assessment } from '../../src/engine/assessment.js';
import { validateValue } from '../../src/lib/schemas.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const Q3 = String(Date.parse('2026-08-25T09:00:00Z') / 1000);
const Q4 = String(Date.parse('2026-11-23T09:00:00Z') / 1000);

const writeJson = (dir: string, name: string, value: object) => write(dir, name, `${JSON.stringify(value, null, 2)}\n`);

const tool = (name: string, description: string) => ({ name, description, inputSchema: { type: 'object', properties: {}, additionalProperties: false } });

/** The estate as it was in Q3. */
function q3Estate(project: string): void {
  write(project, 'mcp-comply.yaml', [
    'organization: Q Corp', 'frameworks: [gdpr, hipaa, eu-ai-act]', 'dataClasses: [personal-data]',
    'aiAct: { role: deployer, riskLevel: high }', 'exceptions: exceptions.yaml', 'attestations: attestations.yaml', 'failOn: none', '',
  ].join('\n'));
  write(project, 'exceptions.yaml', [
    'exceptions:', '  - id: EX-PAY', '    check: mcp.supply-chain.unpinned-package', '    scope: { servers: [payments] }',
    '    justification: internal mirror', '    approver: ciso@example.com', '    approved: 2026-07-01', '    expires: 2026-09-30', '',
  ].join('\n'));
  write(project, 'attestations.yaml', [
    'attestations:', '  - control: MCP-IR-01', '    statement: IR plan covers MCP', '    evidence: ir-plan.md',
    '    attestedBy: secops@example.com', '    date: 2026-07-15', '    validUntil: 2026-10-31', '',
  ].join('\n'));
  write(project, 'ir-plan.md', '# IR plan\n');
  writeJson(project, '.cursor/mcp.json', {
    mcpServers: {
      github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'], env: { GITHUB_TOKEN: 'ghp_Q3plantedTokenValue0123456789abcdefABCD' } },
      payments: { command: 'npx', args: ['-y', '@acme/payments-mcp@latest'] },
    },
  });
  writeJson(project, 'mcp-tools/github.tools.json', { server: 'github', tools: [tool('create_issue', 'Creates an issue in a repository.')] });
}

/** What changed by Q4: the token moved to the environment, a server and a tool were added, a tool's definition changed. */
function q4Changes(project: string): void {
  writeJson(project, '.cursor/mcp.json', {
    mcpServers: {
      github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'], env: { GITHUB_TOKEN: '${env:GITHUB_TOKEN}' } },
      payments: { command: 'npx', args: ['-y', '@acme/payments-mcp@latest'] },
      search: { command: 'npx', args: ['-y', '@acme/search-mcp'] },
    },
  });
  writeJson(project, 'mcp-tools/github.tools.json', {
    server: 'github',
    tools: [tool('create_issue', 'Creates an issue in a repository, with labels.'), tool('list_issues', 'Lists the issues of a repository.')],
  });
}

function assess(project: string, epoch: string, extra: string[] = []) {
  const out = tempDir();
  const result = runCli(['assess', project, '--config', path.join(project, 'mcp-comply.yaml'), '--out', out, ...extra], { env: { SOURCE_DATE_EPOCH: epoch } });
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  const file = path.join(out, 'assessment.json');
  const assessment = JSON.parse(fs.readFileSync(file, 'utf8')) as Assessment;
  assert.deepEqual(validateValue('assessment', assessment), []);
  return { ...result, file, assessment };
}

describe('assess --previous (built CLI): what changed since last quarter', () => {
  const project = tempDir();
  q3Estate(project);
  const q3 = assess(project, Q3);
  q4Changes(project);
  const q4 = assess(project, Q4, ['--previous', q3.file]);
  const changes = q4.assessment.changes!;

  it('the Q3 run stands on its own: the exception live, the attestation fresh, no changes section', () => {
    assert.equal(q3.assessment.changes, undefined);
    assert.equal(q3.assessment.exceptions![0]!.status, 'live');
    assert.equal(q3.assessment.controls.find((c) => c.id === 'MCP-IR-01')!.status, 'attested');
    assert.deepEqual(q3.assessment.inventory.servers.map((s) => s.name), ['github', 'payments']);
  });

  it('names the previous assessment it compares with', () => {
    assert.deepEqual(changes.previous, { generatedAt: '2026-08-25T09:00:00.000Z', rootHash: q3.assessment.evidence.rootHash, toolVersion: q3.assessment.tool.version });
  });

  it('new and resolved findings by fingerprint: the committed token resolved, the new unpinned server new', () => {
    assert.deepEqual(changes.findings.resolved.map((f) => [f.checkId, f.location.path]), [['mcp.secrets.inline-credential', '.cursor/mcp.json']]);
    assert.ok(changes.findings.new.length > 0);
    assert.ok(changes.findings.new.every((f) => q4.assessment.findings.some((g) => g.fingerprint === f.fingerprint)));
    assert.ok(changes.findings.new.some((f) => f.checkId === 'mcp.supply-chain.unpinned-package' && /search/.test(f.message)), JSON.stringify(changes.findings.new));
    const q3Prints = new Set(q3.assessment.findings.map((f) => f.fingerprint));
    assert.equal(changes.findings.unchanged, new Set(q4.assessment.findings.map((f) => f.fingerprint).filter((p) => q3Prints.has(p))).size);
  });

  it('new servers and tools, and the tool whose definition changed', () => {
    assert.deepEqual(changes.servers.added.map((s) => [s.name, s.path]), [['search', '.cursor/mcp.json']]);
    assert.deepEqual(changes.servers.removed, []);
    assert.deepEqual(changes.tools.added.map((t) => `${t.server}/${t.name}`), ['github/list_issues']);
    assert.deepEqual(changes.tools.changed.map((t) => `${t.server}/${t.name}`), ['github/create_issue']);
    assert.notEqual(changes.tools.changed[0]!.from, changes.tools.changed[0]!.to);
  });

  it('the exception that expired and the attestation that went stale, and the control that regressed with it', () => {
    assert.deepEqual(changes.exceptions.expired, [{ id: 'EX-PAY', target: 'check:mcp.supply-chain.unpinned-package', expires: '2026-09-30' }]);
    assert.deepEqual(changes.attestations.stale, [{ control: 'MCP-IR-01', attestedBy: 'secops@example.com', validUntil: '2026-10-31' }]);
    assert.deepEqual(changes.controls.find((c) => c.id === 'MCP-IR-01'), {
      id: 'MCP-IR-01', title: q4.assessment.controls.find((c) => c.id === 'MCP-IR-01')!.title, from: 'attested', to: 'stale', direction: 'regressed',
    });
  });

  it('figures change for every framework, with from and to as each assessment states them', () => {
    for (const f of changes.frameworks) {
      const before = q3.assessment.frameworks.find((x) => x.id === f.id)!.summary;
      const after = q4.assessment.frameworks.find((x) => x.id === f.id)!.summary;
      assert.deepEqual([f.testingCoverage, f.effectiveness], [
        { from: before.testingCoverage, to: after.testingCoverage }, { from: before.effectiveness, to: after.effectiveness },
      ]);
    }
    assert.deepEqual(changes.frameworks.map((f) => f.id).sort(), ['eu-ai-act', 'gdpr', 'hipaa']);
    // HIPAA is out of scope (no phi declared): its figures are n/a both times, not 0%.
    assert.deepEqual(changes.frameworks.find((f) => f.id === 'hipaa')!.testingCoverage, { from: null, to: null });
    assert.deepEqual(changes.frameworks.find((f) => f.id === 'hipaa')!.effectiveness, { from: null, to: null });
  });

  it('prints the changes in brief', () => {
    assert.match(q4.stdout, /Since 2026-08-25: \d+ control\(s\) regressed, \d+ improved; \d+ new finding\(s\), 1 resolved; 1 new server\(s\), 1 new tool\(s\), 1 changed tool definition\(s\); 1 exception\(s\) expired, 1 attestation\(s\) went stale/);
  });

  it('an assessment compared with itself shows no change', () => {
    const again = assess(project, Q4, ['--previous', q4.file]).assessment.changes!;
    assert.deepEqual(again.summary, {
      regressedControls: 0, improvedControls: 0, newFindings: 0, resolvedFindings: 0, addedServers: 0, addedTools: 0, changedTools: 0, expiredExceptions: 0, staleAttestations: 0,
    });
    assert.deepEqual([again.controls, again.requirements, again.risks], [[], [], []]);
  });

  it('a previous file that is not an assessment is an input error naming it (exit 2)', () => {
    const dir = tempDir();
    write(dir, 'broken.json', '{\n  "schemaVersion": "1.1",\n  "findings": [\n');
    writeJson(dir, 'other.json', { hello: 'world' });
    writeJson(dir, 'future.json', { ...q3.assessment, schemaVersion: '3.0' });
    const cases: Array<[string, RegExp]> = [
      ['broken.json', /broken\.json:4:1: not valid JSON/],
      ['other.json', /other\.json: not an mcp-comply assessment \(missing schemaVersion, generatedAt, evidence, findings, controls, frameworks, risks\)/],
      ['future.json', /future\.json: schemaVersion 3\.0 is not supported by this mcp-comply \(schema 2\.\d+; 1\.x files are read and mapped\)/],
      ['missing.json', /missing\.json: cannot read the previous assessment: does not exist/],
    ];
    for (const [name, message] of cases) {
      const result = runCli(['assess', project, '--config', path.join(project, 'mcp-comply.yaml'), '--out', tempDir(), '--previous', path.join(dir, name)]);
      assert.equal(result.code, 2, name);
      assert.match(result.stderr, message);
    }
  });
});
