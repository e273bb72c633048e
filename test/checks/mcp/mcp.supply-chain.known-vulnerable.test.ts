import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, toSemver } from '../../../src/checks/mcp/mcp.supply-chain.known-vulnerable.js';
import { servedTransport, transportWord } from '../../../src/checks/mcp/served-transport.js';
import { formatMessage } from '../../../src/engine/run-checks.js';
import { advisoryItem, configItem, mcpConfig, type FileSpec } from '../../helpers/mcp-evidence.js';
import { checkTable, runCheck } from '../../helpers/run-check.js';

const db = [advisoryItem()];
const desktop = (servers: FileSpec['servers']): FileSpec => ({ client: 'claude-desktop', path: 'claude_desktop_config.json', servers });

checkTable(check, {
  valid: [
    { name: 'mcp-remote at the fixed version', config: desktop([{ name: 'r', command: 'npx', args: ['-y', 'mcp-remote@0.1.16', 'https://h.example/mcp'] }]), items: db, passes: ['notAffected'] },
    { name: 'a range that excludes the affected versions', config: desktop([{ name: 'r', command: 'npx', args: ['mcp-remote@^0.1.16', 'https://h.example/mcp'] }]), items: db },
    { name: '@latest resolves to a release at or above the fix', config: desktop([{ name: 'r', command: 'npx', args: ['mcp-remote@latest', 'https://h.example/mcp'] }]), items: db },
    { name: 'below the affected range (>=0.0.5)', config: desktop([{ name: 'r', command: 'npx', args: ['mcp-remote@0.0.4', 'https://h.example/mcp'] }]), items: db },
    { name: 'inspector and Python SDK at fixed versions', config: desktop([{ name: 'i', command: 'npx', args: ['@modelcontextprotocol/inspector@0.14.1'] }, { name: 'p', command: 'uv', args: ['run', '--with', 'mcp[cli]==1.23.0', 'mcp', 'run', 'server.py'] }]), items: db },
    { name: 'packages without advisories', config: desktop([{ name: 'fs', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/srv'] }]), items: db, passes: ['notAffected'] },
    { name: 'no packages', config: desktop([{ name: 'u', url: 'https://h.example/mcp' }]), items: db, empty: ['noPackages'] },
    {
      name: 'stdio servers on vulnerable SDKs are not affected by their HTTP-only advisories (started by the client, or stdio written out)',
      config: desktop([
        { name: 'py', command: 'uv', args: ['run', '--with', 'mcp[cli]==1.9.4', 'mcp', 'run', 'a.py'] },
        { name: 'ts', command: 'npx', args: ['-p', '@modelcontextprotocol/sdk@1.23.0', 'my-server', '--transport', 'stdio'] },
        { name: 'env', command: 'uvx', args: ['--with', 'mcp', 'srv==1.0.0'], env: { MCP_TRANSPORT: 'stdio' } },
      ]),
      items: db,
      passes: ['notAffectedTransport', 'notAffectedTransport', 'notAffectedTransport'],
    },
    {
      name: 'a transport the configuration leaves open is not observed, never a finding nor a pass',
      config: desktop([
        { name: 'envvar', command: 'npx', args: ['-p', '@modelcontextprotocol/sdk@1.23.0', 'my-server'], env: { MCP_TRANSPORT: '${env:MODE}' } },
        { name: 'flag', command: 'uv', args: ['run', '--with', 'mcp[cli]', 'mcp', 'run', 'a.py', '--transport', '$TRANSPORT'] },
        { name: 'odd', command: 'npx', args: ['-p', '@modelcontextprotocol/sdk@1.0.0', 'my-server', '--transport=websocket'] },
      ]),
      items: db,
      passes: [],
      unseen: ['transportUndecided', 'transportUndecided', 'transportUndecided'],
    },
  ],
  invalid: [
    {
      name: 'mcp-remote 0.1.15 (CVE-2025-6514)',
      config: desktop([{ name: 'r', command: 'npx', args: ['-y', 'mcp-remote@0.1.15', 'https://h.example/mcp'] }]),
      items: db,
      errors: [{
        messageId: 'affectedVersion', severity: 'critical', line: 7, column: 9, key: '/mcpServers/r/args[mcp-remote]/CVE-2025-6514',
        message: 'Server "r" in the Claude Desktop configuration runs mcp-remote 0.1.15, which is affected by CVE-2025-6514: a malicious MCP server can run operating-system commands on the client through a crafted OAuth authorization_endpoint URL. Upgrade to 0.1.16 or later.',
      }],
    },
    {
      name: 'unversioned mcp-remote cannot be excluded (one level lower)',
      config: desktop([{ name: 'r', command: 'npx', args: ['-y', 'mcp-remote', 'https://h.example/mcp'] }]),
      items: db,
      errors: [{
        messageId: 'versionNotExcluded', severity: 'high', line: 7, column: 9, key: '/mcpServers/r/args[mcp-remote]/CVE-2025-6514',
        message: 'Server "r" in the Claude Desktop configuration runs mcp-remote without an exact version (mcp-remote), so it may resolve to a release affected by CVE-2025-6514 (versions >=0.0.5 <0.1.16): a malicious MCP server can run operating-system commands on the client through a crafted OAuth authorization_endpoint URL. Pin version 0.1.16 or later.',
      }],
    },
    {
      name: 'an overlapping range and another dist-tag cannot be excluded',
      config: desktop([{ name: 'a', command: 'npx', args: ['mcp-remote@^0.1.0', 'https://h.example/mcp'] }, { name: 'b', command: 'npx', args: ['mcp-remote@next', 'https://h.example/mcp'] }]),
      items: db,
      errors: [
        { messageId: 'versionNotExcluded', severity: 'high', line: 6, column: 9, key: '/mcpServers/a/args[mcp-remote]/CVE-2025-6514' },
        { messageId: 'versionNotExcluded', severity: 'high', line: 13, column: 9, key: '/mcpServers/b/args[mcp-remote]/CVE-2025-6514' },
      ],
    },
    {
      name: 'MCP Inspector 0.14.0 (CVE-2025-49596), disabled',
      config: desktop([{ name: 'insp', command: 'npx', args: ['@modelcontextprotocol/inspector@0.14.0'], disabled: true }]),
      items: db,
      errors: [{ messageId: 'affectedVersion', severity: 'critical', line: 6, column: 9, key: '/mcpServers/insp/args[@modelcontextprotocol/inspector]/CVE-2025-49596', data: { disabled: 'true', fixed: '0.14.1' } }],
    },
    {
      name: 'Python SDK through uv run --with, exact and PEP 440 short versions, name normalised, served over HTTP (-t sse, MCP_TRANSPORT=http)',
      config: desktop([
        { name: 'a', command: 'uv', args: ['run', '--with', 'mcp[cli]==1.9.4', 'mcp', 'run', 'a.py', '-t', 'sse'] },
        { name: 'b', command: 'uvx', args: ['--with', 'MCP==1.22', 'srv==1.0.0'], env: { MCP_TRANSPORT: 'http' } },
      ]),
      items: db,
      errors: [
        {
          messageId: 'affectedVersion', severity: 'high', line: 8, column: 9, key: '/mcpServers/a/args[mcp]/CVE-2025-66416', data: { version: '1.9.4' },
          message: 'Server "a" in the Claude Desktop configuration runs mcp 1.9.4, which is affected by CVE-2025-66416 when the server serves streamable-http or sse, as this one does (-t sse): HTTP-based servers built with the Python SDK (FastMCP) do not enable DNS-rebinding protection by default, so a web page can call an unauthenticated local server. Upgrade to 1.23.0 or later.',
        },
        { messageId: 'affectedVersion', severity: 'high', line: 20, column: 9, key: '/mcpServers/b/args[mcp]/CVE-2025-66416', data: { version: '1.22', condition: ' when the server serves streamable-http or sse, as this one does (MCP_TRANSPORT=http)' } },
      ],
    },
    {
      name: 'unversioned Python SDK served over HTTP is medium',
      config: desktop([{ name: 'demo', command: 'uv', args: ['run', '--with', 'mcp[cli]', 'mcp', 'run', 'server.py', '--transport', 'streamable-http'] }]),
      items: db,
      errors: [{
        messageId: 'versionNotExcluded', severity: 'medium', line: 8, column: 9, key: '/mcpServers/demo/args[mcp]/CVE-2025-66416',
        message: 'Server "demo" in the Claude Desktop configuration runs mcp without an exact version (mcp[cli]), so it may resolve to a release affected by CVE-2025-66416 (versions <1.23.0) when the server serves streamable-http or sse, as this one does (--transport streamable-http): HTTP-based servers built with the Python SDK (FastMCP) do not enable DNS-rebinding protection by default, so a web page can call an unauthenticated local server. Pin version 1.23.0 or later.',
      }],
    },
    {
      name: 'the same vulnerable TypeScript SDK: the stdio server passes, the one started with --http fails',
      config: desktop([
        { name: 'local', command: 'npx', args: ['-p', '@modelcontextprotocol/sdk@1.23.0', 'my-server'] },
        { name: 'web', command: 'npx', args: ['-p', '@modelcontextprotocol/sdk@1.23.0', 'my-server', '--http'] },
      ]),
      items: db,
      errors: [{ messageId: 'affectedVersion', severity: 'high', line: 15, column: 9, key: '/mcpServers/web/args[@modelcontextprotocol/sdk]/CVE-2025-66414', data: { condition: ' when the server serves streamable-http or sse, as this one does (--http)' } }],
      passes: ['notAffectedTransport'],
    },
    {
      name: 'a registry package that declares the streamable-http transport serves it',
      config: { client: 'server.json', path: 'server.json', servers: [{ name: 'io.example/sdk-server', type: 'streamable-http', transport: 'streamable-http', command: 'npx', args: ['-p', '@modelcontextprotocol/sdk@1.0.0', 'sdk-server'] }] },
      items: db,
      errors: [{ messageId: 'affectedVersion', severity: 'high', line: 8, column: 9, key: '/mcpServers/io.example~1sdk-server/args[@modelcontextprotocol/sdk]/CVE-2025-66414', data: { condition: ' when the server serves streamable-http or sse, as this one does (type "streamable-http")' } }],
    },
    {
      name: 'a globally installed mcp-remote called by name',
      config: desktop([{ name: 'g', command: 'mcp-remote', args: ['https://h.example/mcp'] }]),
      items: db,
      errors: [{ messageId: 'versionNotExcluded', severity: 'high', line: 4, column: 18, key: '/mcpServers/g/args[mcp-remote]/CVE-2025-6514' }],
    },
    {
      name: 'an advisory without a fixed release (user data)',
      config: desktop([{ name: 'x', command: 'npx', args: ['acme-mcp@2.0.0'] }]),
      items: [advisoryItem([{ id: 'GHSA-xxxx-yyyy-zzzz', ecosystem: 'npm', package: 'acme-mcp', affected: '<=2.0.0', severity: 'medium', summary: 'it leaks tokens to its log.' }])],
      errors: [{
        messageId: 'affectedVersionNoFix', severity: 'medium', line: 6, column: 9, key: '/mcpServers/x/args[acme-mcp]/GHSA-xxxx-yyyy-zzzz',
        message: 'Server "x" in the Claude Desktop configuration runs acme-mcp 2.0.0, which is affected by GHSA-xxxx-yyyy-zzzz: it leaks tokens to its log. No fixed release is recorded; disable the server or put a compensating control in place.',
      }],
    },
  ],
});

describe('mcp.supply-chain.known-vulnerable: advisories limited to some transports', () => {
  const messageOf = (r: { messageId: string; data?: Record<string, string | number> }) => formatMessage(check.meta.messages[r.messageId]!, r.data);

  it('a stdio server is cleared by its transport, and the pass says which advisory and why', () => {
    const results = runCheck(check, [configItem(desktop([{ name: 'py', command: 'uv', args: ['run', '--with', 'mcp[cli]==1.9.4', 'mcp', 'run', 'a.py'] }])), ...db]);
    assert.deepEqual(results.map((r) => [r.status, r.location.line, r.location.column, r.key, messageOf(r)]), [[
      'pass', 3, 5, '/mcpServers/py',
      'Server "py" in the Claude Desktop configuration runs mcp 1.9.4, but CVE-2025-66416 holds only for servers that serve streamable-http or sse, and this one serves stdio (the client starts it and talks to it over stdio).',
    ]]);
  });

  it('an open transport is reported at the value that decides it, with what would decide it', () => {
    const results = runCheck(check, [configItem(desktop([
      { name: 'envvar', command: 'npx', args: ['-p', '@modelcontextprotocol/sdk@1.23.0', 'my-server'], env: { MCP_TRANSPORT: '${env:MODE}' } },
      { name: 'odd', command: 'uv', args: ['run', '--with', 'mcp[cli]', 'mcp', 'run', 'a.py', '--transport=websocket'] },
    ])), ...db]);
    assert.deepEqual(results.map((r) => [r.status, r.severity, r.location.line, r.location.column, r.key, messageOf(r)]), [
      [
        'not_observed', undefined, 11, 26, '/mcpServers/envvar/args[@modelcontextprotocol/sdk]/CVE-2025-66414',
        'Server "envvar" in the Claude Desktop configuration runs @modelcontextprotocol/sdk 1.23.0, which CVE-2025-66414 affects only when the server serves streamable-http or sse: HTTP-based servers built with the TypeScript SDK do not enable DNS-rebinding protection by default, so a web page can call an unauthenticated local server. The configuration does not show which transport it serves: the environment variable MCP_TRANSPORT takes its value from a variable (${env:MODE}) that is resolved at run time. Write the transport into the configuration as a literal value, or pin version 1.24.0 or later.',
      ],
      [
        'not_observed', undefined, 23, 9, '/mcpServers/odd/args[mcp]/CVE-2025-66416',
        'Server "odd" in the Claude Desktop configuration runs mcp without an exact version (mcp[cli]), which CVE-2025-66416 affects only when the server serves streamable-http or sse: HTTP-based servers built with the Python SDK (FastMCP) do not enable DNS-rebinding protection by default, so a web page can call an unauthenticated local server. The configuration does not show which transport it serves: the --transport option names a transport this check does not know (websocket). Write the transport into the configuration as a literal value, or pin version 1.23.0 or later.',
      ],
    ]);
  });

  it('an advisory without appliesTo holds whatever the transport', () => {
    const results = runCheck(check, [configItem(desktop([{ name: 'r', command: 'npx', args: ['mcp-remote@0.1.15', 'https://h.example/mcp', '--transport', 'sse-only'] }])), ...db]);
    assert.deepEqual(results.map((r) => [r.status, r.messageId, r.data?.condition]), [['fail', 'affectedVersion', '']]);
  });
});

describe('servedTransport', () => {
  const server = (spec: Parameters<typeof desktop>[0][number]) => mcpConfig(desktop([spec])).servers[0]!;
  it('reads options, switches and variables, and leaves what a bridge sends to its remote alone', () => {
    assert.deepEqual(servedTransport(server({ name: 'a', command: 'node', args: ['s.js'] })), { decided: true, transport: 'stdio', by: 'the client starts it and talks to it over stdio' });
    assert.deepEqual(servedTransport(server({ name: 'a', command: 'node', args: ['s.js', '--transport', 'streamable_http'] })), { decided: true, transport: 'streamable-http', by: '--transport streamable_http', field: 'args/2' });
    assert.deepEqual(servedTransport(server({ name: 'a', command: 'node', args: ['s.js', '--stdio'] })), { decided: true, transport: 'stdio', by: '--stdio', field: 'args/1' });
    assert.deepEqual(servedTransport(server({ name: 'a', command: 'npx', args: ['-y', 'supergateway', '--stdio', 'uvx mcp-server-git'] })), { decided: true, transport: 'sse', by: 'supergateway --stdio serves SSE unless --outputTransport says otherwise', field: 'args/2' });
    assert.deepEqual(servedTransport(server({ name: 'a', command: 'npx', args: ['-y', 'supergateway', '--stdio', 'x', '--outputTransport', 'streamableHttp'] })), { decided: true, transport: 'streamable-http', by: '--outputTransport streamableHttp', field: 'args/4' });
    assert.deepEqual(servedTransport(server({ name: 'a', command: 'npx', args: ['-y', 'supergateway', '--sse', 'https://h.example/sse'] })), { decided: true, transport: 'stdio', by: 'supergateway connects to a remote server and serves it over stdio' });
    assert.deepEqual(servedTransport(server({ name: 'a', command: 'node', args: ['s.js'], env: { TRANSPORT_MODE: 'SSE' } })), { decided: true, transport: 'sse', by: 'TRANSPORT_MODE=SSE', field: 'env/TRANSPORT_MODE' });
    assert.deepEqual(servedTransport(server({ name: 'a', command: 'npx', args: ['mcp-remote', 'https://h.example/mcp', '--transport', 'http-only'] })), { decided: true, transport: 'stdio', by: 'the client starts it and talks to it over stdio' });
    assert.deepEqual(servedTransport(server({ name: 'a', command: 'node', args: ['s.js', '-t', '3'] })), { decided: true, transport: 'stdio', by: 'the client starts it and talks to it over stdio' });
    assert.deepEqual(servedTransport(server({ name: 'a', command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/github/github-mcp-server', 'stdio'] })), { decided: true, transport: 'stdio', by: 'the stdio argument', field: 'args/4' });
    assert.deepEqual(servedTransport(server({ name: 'a', command: 'uvx', args: ['xiyan-mcp-server', 'sse'] })), { decided: true, transport: 'sse', by: 'the sse argument', field: 'args/1' });
    assert.deepEqual(servedTransport(server({ name: 'a', command: 'node', args: ['s.js', '--scheme', 'http'] })), { decided: true, transport: 'stdio', by: 'the client starts it and talks to it over stdio' });
    assert.deepEqual(servedTransport(server({ name: 'a', command: 'node', args: ['s.js'], env: { TRANSPORT: '[REDACTED]' } })), { decided: false, why: 'the environment variable TRANSPORT holds a value that was redacted as a secret', field: 'env/TRANSPORT' });
    assert.deepEqual(servedTransport(server({ name: 'a', command: 'node', args: ['s.js', '--transport'] })), { decided: false, why: 'the --transport option has no value', field: 'args/1' });
  });
  it('knows the common spellings of a transport', () => {
    assert.deepEqual(['stdio', 'SSE', 'http', 'streamable-http', 'streamableHttp', 'ws'].map(transportWord), ['stdio', 'sse', 'streamable-http', 'streamable-http', 'streamable-http', undefined]);
  });
});

describe('mcp.supply-chain.known-vulnerable: evidence', () => {
  it('without advisory data there is no evidence to decide on (not_observed)', () => {
    assert.deepEqual(runCheck(check, [configItem(desktop([{ name: 'r', command: 'npx', args: ['mcp-remote@0.1.15'] }]))]), []);
  });
  it('without configurations there is nothing to report', () => {
    assert.deepEqual(runCheck(check, db), []);
  });
  it('PEP 440 versions map onto semver', () => {
    assert.equal(toSemver('1.22', 'pypi'), '1.22.0');
    assert.equal(toSemver('1.23.0rc1', 'pypi'), '1.23.0-rc.1');
    assert.equal(toSemver('1.9.4.post1', 'pypi'), '1.9.4');
    assert.equal(toSemver('0.1.15', 'npm'), '0.1.15');
  });
});
