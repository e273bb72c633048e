/**
 * The assessment boundary end to end: `systems:` of mcp-comply.yaml reaches assessment.json and the
 * reports, each server is assigned to its system with its endpoint host, and a credential planted in a
 * remote URL's userinfo, path or query reaches no output.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Assessment } from '../../src/engine/assessment.js';
import { validateValue } from '../../src/lib/schemas.js';
import { readAll, runCli } from '../helpers/cli.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

// Built at run time, so the repository holds no string shaped like a live credential.
const TOKEN = ['ghp', 'Q7mK2vR9xL4tW7nB3cF6hJ1pS5dG0aZeY2uI'].join('_');
const QUERY_KEY = ['qk', 'Zt4Wm8Rp2Lx6Vn0Bc'].join('');

describe('the assessment boundary (built CLI)', () => {
  const project = tempDir('boundary-');
  write(project, 'care/.cursor/mcp.json', JSON.stringify({
    mcpServers: {
      ehr: { url: `https://svc:${TOKEN}@ehr.example.com:8443/mcp?api_key=${QUERY_KEY}`, headers: { Authorization: 'Bearer ${env:EHR_TOKEN}' } },
      files: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21', '.'] },
    },
  }, null, 2));
  write(project, 'legacy/.mcp.json', JSON.stringify({ mcpServers: { hooks: { type: 'sse', url: `http://hooks.example.com/in/${TOKEN}/sse` } } }, null, 2));
  write(project, 'mcp-comply.yaml', [
    'organization: Acme Health',
    'systems:',
    '  - name: Care portal',
    '    description: Patient-facing assistant.',
    '    owner: care-team@example.com',
    '    dataClasses: [personal-data, phi]',
    '    paths: [care]',
    '  - name: Integrations',
    '    servers: [hooks]',
    '',
  ].join('\n'));
  const out = path.join(project, 'out');
  const run = runCli(['assess', '--config', path.join(project, 'mcp-comply.yaml'), '--out', out, '--format', 'html,md,csv,sarif,oscal', '--fail-on', 'none']);
  const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;

  it('writes systems: into assessment.json, valid against the schema', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(validateValue('assessment', assessment), []);
    assert.deepEqual(assessment.scope.systems, [
      { name: 'Care portal', description: 'Patient-facing assistant.', owner: 'care-team@example.com', dataClasses: ['personal-data', 'phi'], paths: ['care'] },
      { name: 'Integrations', servers: ['hooks'] },
    ]);
  });

  it('assigns each server its system and endpoint host, and states the boundary', () => {
    assert.deepEqual(assessment.inventory.servers.map((s) => [s.path, s.name, s.transport, s.endpoint, s.system]), [
      ['care/.cursor/mcp.json', 'ehr', 'streamable-http', 'ehr.example.com:8443', 'Care portal'],
      ['care/.cursor/mcp.json', 'files', 'stdio', undefined, 'Care portal'],
      ['legacy/.mcp.json', 'hooks', 'sse', 'hooks.example.com', 'Integrations'],
    ]);
    const hooks = assessment.inventory.servers.find((s) => s.name === 'hooks')!;
    assert.equal(hooks.findings, assessment.findings.filter((f) => f.server === 'hooks' && f.location.path === 'legacy/.mcp.json').length);
    assert.ok(hooks.findings! > 0, 'plain HTTP to a remote server is a finding at that server');
    const boundary = assessment.scope.boundary!;
    assert.deepEqual(boundary.systems, [{ name: 'Care portal', servers: 2 }, { name: 'Integrations', servers: 1 }]);
    assert.deepEqual(boundary.servers, {
      total: 3, local: 1, remote: 2, unknown: 0, disabled: 0, unassigned: 0,
      byClient: { 'claude-code': 1, cursor: 2 }, byTransport: { sse: 1, stdio: 1, 'streamable-http': 1 },
    });
    assert.equal(boundary.asOf, assessment.generatedAt);
    assert.deepEqual(boundary.exclusions.map((e) => e.id).slice(0, 4), ['management-system', 'identity-provider', 'network', 'processes']);
  });

  it('prints the systems, the boundary and the server inventory in report.md and report.html', () => {
    const markdown = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    assert.ok(markdown.includes('| Care portal | Patient\\-facing assistant\\. | care\\-team@example\\.com | personal\\-data, phi |'), markdown);
    assert.ok(markdown.includes('- The boundary is the MCP layer of 2 systems: Care portal \\(2 MCP servers\\); Integrations \\(1 MCP server\\)\\.'));
    assert.ok(markdown.includes('| cursor | care/\\.cursor/mcp\\.json:3 | ehr | streamable\\-http | ehr\\.example\\.com:8443 | Care portal \\(care\\-team@example\\.com\\) | '));
    assert.ok(markdown.includes('- It is not an audit opinion'));
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    assert.ok(html.includes('<h1>Assessment boundary</h1>'));
    assert.ok(html.includes('<td class="m">ehr.example.com:8443</td><td>Care portal (care-team@example.com)</td>'));
  });

  it('writes no part of the credentials planted in the URLs anywhere', () => {
    const everything = [run.stdout, run.stderr, readAll(out)].join('\n');
    for (const secret of [TOKEN, QUERY_KEY]) {
      for (let i = 0; i + 12 <= secret.length; i++) assert.ok(!everything.includes(secret.slice(i, i + 12)), `${secret.slice(0, 4)}... leaked`);
    }
  });
});
