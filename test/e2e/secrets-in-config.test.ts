/**
 * Credentials where nothing used to scan: quoted in an exception's justification or an attestation's
 * statement (copied into every report), pasted as a key of mcp-comply.yaml, or read as keys when a file
 * that is not YAML at all (a password file) is named as the exceptions. Each is named by kind and place,
 * its value never printed or written.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Assessment } from '../../src/engine/assessment.js';
import { readAll, runCli } from '../helpers/cli.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

// Built at run time, so the repository holds no string shaped like a live credential.
const TOKEN = ['ghp', 'Q7mK2vR9xL4tW7nB3cF6hJ1pS5dG0aZeY2uI'].join('_');
const NPM = ['npm', 'Xw3Rt6Yu9Io2Pa5Sd8Fg1Hj4Kl7Zx0Cv3Bn6M'].join('_');
const HASH = ['$6$', 'saltsalt$', 'Vq3kR8mT6wL2pX9zN4bC7dF0gH5jK1'].join('');

/** Every part of a window of 12 characters of the value, as the canary asks. */
const leaks = (text: string, value: string) => {
  for (let i = 0; i + 12 <= value.length; i++) if (text.includes(value.slice(i, i + 12))) return true;
  return false;
};

describe('credentials in the text of exceptions and attestations', () => {
  it('are replaced in the assessment and every report, and the author is told where, by kind', () => {
    const project = tempDir('secret-text-');
    write(project, '.cursor/mcp.json', JSON.stringify({ mcpServers: { payments: { command: 'npx', args: ['-y', '@acme/payments-mcp@latest'] } } }, null, 2));
    write(project, 'mcp-comply.yaml', 'organization: Acme\nexceptions: exceptions.yaml\nattestations: attestations.yaml\n');
    write(project, 'exceptions.yaml', [
      'exceptions:', '  - id: EX-PAY', '    check: mcp.supply-chain.unpinned-package', '    scope: { servers: [payments] }',
      `    justification: internal mirror, pulled with ${NPM}`, `    compensatingControls: ["mirror token ${TOKEN} rotated weekly"]`,
      '    approver: ciso@example.com', '    approved: 2026-01-01', '    expires: 2099-01-01', '',
    ].join('\n'));
    write(project, 'attestations.yaml', [
      'attestations:', '  - control: MCP-IR-01', `    statement: plan exercised; the break-glass token is ${TOKEN}`, '    evidence: plan.md',
      '    attestedBy: secops@example.com', '    date: 2026-10-15', '    validUntil: 2099-10-15', '',
    ].join('\n'));
    write(project, 'plan.md', '# Incident response plan\n');
    const out = path.join(project, 'out');
    const run = runCli(['assess', '--config', path.join(project, 'mcp-comply.yaml'), '--out', out, '--format', 'html,md,csv,sarif,oscal', '--fail-on', 'none']);
    assert.equal(run.code, 0, run.stderr);

    const everything = [run.stdout, run.stderr, readAll(out)].join('\n');
    assert.ok(!leaks(everything, TOKEN) && !leaks(everything, NPM), 'a credential leaked');
    assert.match(run.stderr, /exceptions\.yaml:5:20: warning: justification quotes a credential \(npm-token\); it is written as \[REDACTED\] in the assessment and every report \[secret-in-text\]/);
    assert.match(run.stderr, /exceptions\.yaml:6:27: warning: compensatingControls quotes a credential \(github-token\)/);
    assert.match(run.stderr, /attestations\.yaml:3:16: warning: statement quotes a credential \(github-token\)/);

    const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
    assert.equal(assessment.exceptions![0]!.justification, 'internal mirror, pulled with [REDACTED]');
    assert.ok(assessment.findings.some((f) => f.exception?.id === 'EX-PAY'), 'the exception still applies');
  });
});

describe('credentials in the keys of a config file', () => {
  it('a token pasted as a key is named by kind, not printed', () => {
    const project = tempDir('secret-key-');
    write(project, 'mcp-comply.yaml', `organization: Acme\n${TOKEN}: 1\nexeptions: x.yaml\n`);
    const run = runCli(['validate', '--config', path.join(project, 'mcp-comply.yaml')]);
    assert.equal(run.code, 2, run.stdout);
    const output = run.stdout + run.stderr;
    assert.ok(!leaks(output, TOKEN), output);
    assert.match(output, /mcp-comply\.yaml:2:1: error: \(document\) has unknown property "<a github-token as a name, not shown>"/);
    assert.match(output, /mcp-comply\.yaml:3:1: error: \(document\) has unknown property "exeptions"/, 'a plain typo is still shown');
  });

  it('a password file named as the exceptions: no line of it is printed', () => {
    const project = tempDir('secret-shadow-');
    write(project, 'shadow', `root:${HASH}:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n`);
    write(project, 'mcp-comply.yaml', 'organization: Acme\nexceptions: shadow\n');
    const run = runCli(['assess', project, '--config', path.join(project, 'mcp-comply.yaml'), '--out', path.join(project, 'out')]);
    assert.equal(run.code, 2, run.stdout);
    assert.ok(!leaks(run.stdout + run.stderr, HASH) && !run.stderr.includes('daemon:*'), run.stderr);
    assert.match(run.stderr, /shadow:1:1: error: \(document\) has unknown property "<a name of \d+ characters, not shown>"/);
  });
});

describe('credentials in names: a file, a log and an environment variable named with one', () => {
  it('are written as [REDACTED] wherever the name goes: evidence, positions, findings, reports, stdout and stderr', () => {
    const project = tempDir('secret-names-');
    // A repository that committed a file named after a token, with a credential in it so that a finding points at it.
    fs.mkdirSync(path.join(project, '.git'));
    write(project, `deploy/${TOKEN}.env`, `SENDGRID_API_KEY=${['SG', 'Qw3Er6Ty9Ui2Op5As8Df1G', 'Hj4Kl7Zx0Cv3Bn6Mq9Wr2Et5Yu8Io1Pa4Sd7Fg0Hj3Kl6'].join('.')}\n`);
    write(project, `logs/${NPM}.jsonl`, `${JSON.stringify({ ts: '2026-11-01T10:00:00Z', identity: 'svc', server: 'files', method: 'tools/call', tool: 'read', status: 200 })}\n`);
    write(project, '.cursor/mcp.json', JSON.stringify({ mcpServers: { files: { command: 'npx', args: ['-y', '@acme/files-mcp@1.2.3'], env: { [TOKEN]: 'x' } } } }, null, 2));
    write(project, 'mcp-comply.yaml', `organization: Acme\nsources:\n  logs:\n    - path: logs/${NPM}.jsonl\n`);
    const out = path.join(project, 'out');
    const run = runCli(['assess', project, '--config', path.join(project, 'mcp-comply.yaml'), '--out', out, '--format', 'html,md,csv,sarif,oscal', '--fail-on', 'none']);
    assert.equal(run.code, 0, run.stderr);
    const everything = [run.stdout, run.stderr, readAll(out)].join('\n');
    assert.ok(!leaks(everything, TOKEN) && !leaks(everything, NPM), 'a credential in a name leaked');
    const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
    const sources = assessment.evidence.items.map((item) => item.source);
    assert.ok(sources.includes('logs/[REDACTED].jsonl'), sources.join('\n'));
    assert.ok(assessment.findings.some((f) => f.location.path === 'deploy/[REDACTED].env'), 'the committed credential is still found, at the redacted path');
  });
});
