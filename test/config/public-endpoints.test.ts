/**
 * `publicEndpoints:` of mcp-comply.yaml: schema and pattern errors at their line, the patterns'
 * matching, and through the CLI the endpoint reported as public by design and a stale pattern warned about.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { matchPublicEndpoint, publicEndpointPatternProblem } from '../../src/checks/mcp/public-endpoints.js';
import { loadProjectConfig } from '../../src/config/project-config.js';
import type { Assessment } from '../../src/engine/assessment.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

// Built at run time, so the repository holds no string shaped like a live credential.
const TOKEN = ['ghp', 'Q7mK2vR9xL4tW7nB3cF6hJ1pS5dG0aZeY2uI'].join('_');

const entry = (pattern: string, rest = '    justification: Public docs.\n    approver: ciso@example.com\n') => `organization: Acme\npublicEndpoints:\n  - pattern: ${pattern}\n${rest}`;

describe('publicEndpoints in mcp-comply.yaml: errors at their line', () => {
  const table: Array<[string, string, { line: number; column: number; code: string; message: string }]> = [
    ['no approver', entry('https://mcp.deepwiki.com', '    justification: Public docs.\n'),
      { line: 3, column: 5, code: 'schema', message: 'publicEndpoints[0] is missing required property "approver"' }],
    ['an empty justification', entry('https://mcp.deepwiki.com', '    justification: ""\n    approver: ciso@example.com\n'),
      { line: 4, column: 20, code: 'schema', message: 'publicEndpoints[0].justification must NOT have fewer than 1 characters' }],
    ['no scheme', entry('mcp.deepwiki.com/mcp'),
      { line: 3, column: 14, code: 'public-endpoint-pattern', message: 'publicEndpoints pattern: a URL pattern is scheme://host[/path], with the scheme http, https or *' }],
    ['a query', entry('"https://mcp.example.com/mcp?key=*"'),
      { line: 3, column: 14, code: 'public-endpoint-pattern', message: 'publicEndpoints pattern: a URL pattern matches the URL without its query or fragment: remove the part from "?" or "#"' }],
    ['every host', entry('"https://*/mcp"'),
      { line: 3, column: 14, code: 'public-endpoint-pattern', message: 'publicEndpoints pattern: a URL pattern names a host (a pattern matching every host would make every endpoint public)' }],
    // A pasted URL with its key in the path: refused, and the key is quoted nowhere (the position says where).
    ['a credential in the path', entry(`https://mcp.firecrawl.dev/fc-${'3f9a0c7b2e5d4a18'.repeat(2)}/v2/mcp`),
      { line: 3, column: 14, code: 'public-endpoint-pattern', message: 'publicEndpoints pattern: a URL pattern holds no credential (a firecrawl key in its path): declare the endpoint without it, e.g. with * in its place' }],
  ];
  for (const [name, text, expected] of table) {
    it(name, () => {
      const dir = tempDir('public-endpoints-');
      const { problems } = loadProjectConfig(write(dir, 'mcp-comply.yaml', text));
      const errors = problems.filter((p) => p.severity === 'error');
      assert.equal(errors.length, 1, JSON.stringify(errors));
      const { line, column, code, message } = errors[0]!;
      assert.deepEqual({ line, column, code, message }, expected);
    });
  }

  it('a valid list is loaded, a credential quoted in its text replaced and warned about', () => {
    const dir = tempDir('public-endpoints-');
    const { loaded, problems } = loadProjectConfig(write(dir, 'mcp-comply.yaml', entry('https://mcp.deepwiki.com', `    justification: Public docs, token ${TOKEN} not needed.\n    approver: ciso@example.com\n`)));
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.severity, p.code]), [[4, 20, 'warning', 'secret-in-text']]);
    assert.deepEqual(loaded!.publicEndpoints, [{ pattern: 'https://mcp.deepwiki.com', justification: 'Public docs, token [REDACTED] not needed.', approver: 'ciso@example.com' }]);
  });
});

describe('publicEndpoints patterns', () => {
  const declared = (pattern: string) => [{ pattern, justification: 'j', approver: 'a' }];
  const table: Array<[string, string, boolean]> = [
    ['https://mcp.deepwiki.com', 'https://mcp.deepwiki.com/mcp', true],
    ['https://mcp.deepwiki.com', 'https://mcp.deepwiki.com', true],
    ['https://mcp.deepwiki.com/', 'https://mcp.deepwiki.com/sse', true],
    ['https://MCP.DeepWiki.com', 'https://mcp.deepwiki.com/mcp', true],
    ['https://mcp.deepwiki.com', 'http://mcp.deepwiki.com/mcp', false],
    ['*://mcp.deepwiki.com', 'http://mcp.deepwiki.com/mcp', true],
    ['https://mcp.deepwiki.com', 'https://mcp.deepwiki.com.evil.example/mcp', false],
    ['https://mcp.deepwiki.com', 'https://mcp.deepwiki.com:8443/mcp', false],
    ['https://mcp.deepwiki.com/mcp', 'https://mcp.deepwiki.com/sse', false],
    ['https://mcp.deepwiki.com/mcp', 'https://mcp.deepwiki.com/mcp/', true],
    ['https://*.example.com/mcp', 'https://eu.docs.example.com/mcp', true],
    ['https://docs.example.com/*/mcp', 'https://docs.example.com/a/b/mcp', false],
    ['https://docs.example.com/**/mcp', 'https://docs.example.com/a/b/mcp', true],
    ['https://{eu,us}.example.com', 'https://us.example.com/mcp', true],
  ];
  for (const [pattern, url, matches] of table) {
    it(`${pattern} ${matches ? 'matches' : 'does not match'} ${url}`, () => {
      assert.equal(publicEndpointPatternProblem(pattern), undefined);
      assert.equal(matchPublicEndpoint(url, declared(pattern)) !== undefined, matches);
    });
  }
});

describe('publicEndpoints through the CLI', () => {
  it('assess: the endpoint is public by design in assessment.json; a pattern matching nothing is warned about at its line', () => {
    const project = tempDir('public-endpoints-cli-');
    write(project, 'app/.roo/mcp.json', JSON.stringify({ mcpServers: {
      deepwiki: { type: 'streamable-http', url: 'https://mcp.deepwiki.com/mcp' },
      crm: { type: 'streamable-http', url: 'https://mcp.crm.example.com/mcp' },
    } }, null, 2));
    write(project, 'mcp-comply.yaml', [
      'organization: Acme', 'sources:', '  paths: [app]', 'publicEndpoints:',
      '  - pattern: https://mcp.deepwiki.com', '    justification: Public documentation of open-source repositories.', '    approver: ciso@example.com',
      '  - pattern: https://docs.retired.example.com', '    justification: Old docs server.', '    approver: ciso@example.com', '',
    ].join('\n'));
    const out = path.join(project, 'out');
    const run = runCli(['assess', '--config', path.join(project, 'mcp-comply.yaml'), '--out', out, '--fail-on', 'none'], { env: { SOURCE_DATE_EPOCH: '1796731200' } });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /mcp-comply\.yaml:8:14: warning: publicEndpoints pattern "https:\/\/docs\.retired\.example\.com" matches no remote MCP endpoint of the assessed configurations \(a stale declaration: remove or correct it\) \[unused-public-endpoint\]/);
    assert.doesNotMatch(run.stderr, /mcp\.deepwiki\.com" matches no/);
    const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
    const results = assessment.checks.find((c) => c.id === 'mcp.auth.remote-without-auth')!.results;
    assert.deepEqual(results.map((r) => [r.status, r.messageId, r.server]), [
      ['fail', 'noCredentialDeclared', 'crm'],
      ['pass', 'publicByDesign', 'deepwiki'],
    ]);
    assert.equal(results[1]!.message, 'Server "deepwiki" in the Roo Code configuration connects to https://mcp.deepwiki.com/mcp, public by design per publicEndpoints (https://mcp.deepwiki.com): "Public documentation of open-source repositories.", approved by ciso@example.com.');
  });
});
