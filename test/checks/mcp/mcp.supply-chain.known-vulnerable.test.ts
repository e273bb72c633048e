import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, toSemver } from '../../../src/checks/mcp/mcp.supply-chain.known-vulnerable.js';
import { advisoryItem, configItem, type FileSpec } from '../../helpers/mcp-evidence.js';
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
      name: 'Python SDK through uv run --with, exact and PEP 440 short versions, name normalised',
      config: desktop([{ name: 'a', command: 'uv', args: ['run', '--with', 'mcp[cli]==1.9.4', 'mcp', 'run', 'a.py'] }, { name: 'b', command: 'uvx', args: ['--with', 'MCP==1.22', 'srv==1.0.0'] }]),
      items: db,
      errors: [
        { messageId: 'affectedVersion', severity: 'high', line: 8, column: 9, key: '/mcpServers/a/args[mcp]/CVE-2025-66416', data: { version: '1.9.4' } },
        { messageId: 'affectedVersion', severity: 'high', line: 18, column: 9, key: '/mcpServers/b/args[mcp]/CVE-2025-66416', data: { version: '1.22' } },
      ],
    },
    {
      name: 'unversioned Python SDK is medium',
      config: desktop([{ name: 'demo', command: 'uv', args: ['run', '--with', 'mcp[cli]', 'mcp', 'run', 'server.py'] }]),
      items: db,
      errors: [{ messageId: 'versionNotExcluded', severity: 'medium', line: 8, column: 9, key: '/mcpServers/demo/args[mcp]/CVE-2025-66416' }],
    },
    {
      name: 'TypeScript SDK through npx -p',
      config: desktop([{ name: 'sdk', command: 'npx', args: ['-p', '@modelcontextprotocol/sdk@1.23.0', 'my-server'] }]),
      items: db,
      errors: [{ messageId: 'affectedVersion', severity: 'high', line: 7, column: 9, key: '/mcpServers/sdk/args[@modelcontextprotocol/sdk]/CVE-2025-66414' }],
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
