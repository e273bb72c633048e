/** End-to-end: the built CLI (dist/), as a user runs it. `npm test` builds first. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempCatalog } from '../helpers/temp-catalog.js';

const run = (...args: string[]) => runCli(args);

describe('mcp-comply (built CLI)', () => {
  it('validate passes on the built-in catalog', () => {
    const { code, stdout } = run('validate');
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^catalog valid: \d+ controls, 6 frameworks, \d+ requirement links \(0 error\(s\), 0 warning\(s\)\)$/m);
  });

  it('validate refuses a broken catalog with file:line:column and exit 2', () => {
    const root = tempCatalog({ 'controls/zz.yaml': 'controls:\n  - id: MCP-ZZ-01\n    severity: severe\n' });
    const { code, stdout } = run('validate', '--catalog', root);
    assert.equal(code, 2);
    assert.match(stdout, /controls\/zz\.yaml:3:15: error: controls\[0\]\.severity must be one of: low, medium, high, critical \[schema\]/);
    assert.match(stdout, /controls\/zz\.yaml:2:5: error: controls\[0\] is missing required property "objective" \[schema\]/);
    assert.match(stdout, /^catalog invalid: \d+ error\(s\)/m);
  });

  it('validate refuses a control whose automation contradicts its checks, with file:line:column', () => {
    const root = tempCatalog({
      'controls/zz.yaml': [
        'controls:', '  - id: MCP-ZZ-01', '    title: A test control', '    objective: Something testable holds.',
        '    practices: [P01]', '    threats: [T01]', '    severity: high', '    likelihood: 3', '    impact: 4',
        '    checks: [mcp.transport.plaintext-http]', '    automation: none', '    evidence: [A record]', '    remediation: Fix it.', '',
      ].join('\n'),
    });
    const { code, stdout } = run('validate', '--catalog', root);
    assert.equal(code, 2);
    assert.match(stdout, /controls\/zz\.yaml:11:17: error: control MCP-ZZ-01 has automation none but lists 1 check\(s\); say full or partial \[automation-contradicts-checks\]/);
  });

  it('validate --format json is a document on stdout', () => {
    const { code, stdout } = run('validate', '--format', 'json');
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.valid, true);
    assert.deepEqual(report.problems, []);
    assert.deepEqual([...report.frameworks].sort(), ['eu-ai-act', 'gdpr', 'hipaa', 'iso-42001', 'nist-ai-rmf', 'pci-dss']);
  });

  it('controls list and show', () => {
    const list = run('controls', 'list');
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^MCP-IA-01\s+critical\s+\d+\s+1\s+partial\s+Remote MCP servers require authentication$/m);
    assert.match(list.stdout, /^MCP-SC-04\s+medium\s+\d+\s+1\s+full\s+CI actions are pinned to full commit SHAs$/m);
    assert.match(list.stdout, /^MCP-IR-01\s+\w+\s+\d+\s+manual\s+none\s+/m);
    const json = JSON.parse(run('controls', 'list', '--format', 'json', '--framework', 'pci-dss').stdout);
    assert.ok(json.length > 10 && json.every((c: { requirements: Array<{ framework: string }> }) => c.requirements.some((r) => r.framework === 'pci-dss')));
    const show = run('controls', 'show', 'mcp-ia-01');
    assert.equal(show.code, 0);
    assert.match(show.stdout, /^Checks\s+mcp\.auth\.remote-without-auth$/m);
    assert.match(show.stdout, /^Automation\s+partial: its checks decide part of it; the rest needs manual evidence or an attestation$/m);
    assert.match(show.stdout, /^Not decided by the checks \(manual evidence outstanding until attested\)\n {2}The check reads only client entries, /m);
    assert.match(show.stdout, /^Manual evidence an auditor accepts$/m);
    assert.match(show.stdout, /^\s+hipaa\s+164\.312\(d\)\s+\w+\s+integral\s+\w/m);
  });

  it('frameworks list and show, with the requirements no control reaches', () => {
    const list = run('frameworks', 'list');
    assert.equal(list.code, 0);
    for (const id of ['gdpr', 'hipaa', 'pci-dss', 'eu-ai-act', 'nist-ai-rmf', 'iso-42001']) assert.match(list.stdout, new RegExp(`^${id}\\s`, 'm'));
    const show = run('frameworks', 'show', 'gdpr');
    assert.equal(show.code, 0);
    assert.match(show.stdout, /^Art\. 32\(1\)\(a\)\s+\S/m);
    assert.match(show.stdout, /^Outcomes in the framework's words\n {2}met\s+measures in place$/m);
    assert.match(show.stdout, /^ {4}MCP-EN-01\s+subset\s+integral\s+Remote MCP traffic is encrypted with TLS$/m);
    assert.match(show.stdout, /^Requirements no control reaches \(\d+\)$/m);
    const json = JSON.parse(run('frameworks', 'show', 'nist-ai-rmf', '--format', 'json').stdout);
    assert.equal(json.id, 'nist-ai-rmf');
    assert.deepEqual(json.figureLabels, { testingCoverage: 'Outcomes evidenced', effectiveness: 'Outcomes achieved for MCP' });
    assert.ok(Array.isArray(json.unreached));
  });

  const usage: Array<[string, string[], RegExp]> = [
    ['no command', [], /Usage: mcp-comply/],
    ['unknown command', ['asses'], /unknown command 'asses'/],
    ['unknown option', ['validate', '--catalgo', 'x'], /unknown option '--catalgo'/],
    ['bad --format', ['validate', '--format', 'xml'], /argument 'xml' is invalid/],
    ['missing argument', ['controls', 'show'], /missing required argument 'id'/],
    ['unknown control', ['controls', 'show', 'MCP-AC-99'], /unknown control "MCP-AC-99" \(did you mean "MCP-AC-0\d"\?\)/],
    ['unknown framework', ['frameworks', 'show', 'gdrp'], /unknown framework "gdrp" \(did you mean "gdpr"\?\)/],
    ['missing catalog folder', ['controls', 'list', '--catalog', '/nonexistent/catalog'], /is not a catalog folder/],
  ];
  for (const [name, args, message] of usage) {
    it(`usage error exits 2 with a message on stderr: ${name}`, () => {
      const { code, stdout, stderr } = run(...args);
      assert.equal(code, 2);
      assert.match(stderr, message);
      assert.equal(stdout, '');
    });
  }

  it('--help and --version exit 0', () => {
    for (const args of [['--help'], ['validate', '--help'], ['controls', 'show', '--help'], ['frameworks', '--help']]) {
      const { code, stdout } = run(...args);
      assert.equal(code, 0, args.join(' '));
      assert.match(stdout, /Usage: mcp-comply/);
    }
    assert.match(run('--version').stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
