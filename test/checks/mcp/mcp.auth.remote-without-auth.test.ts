import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { McpClient } from '../../../src/collectors/mcp-config/model.js';
import { check } from '../../../src/checks/mcp/mcp.auth.remote-without-auth.js';
import { REMOTE_AUTH_CAPABILITIES } from '../../../src/checks/mcp/remote-auth-capabilities.js';
import type { PublicEndpoint } from '../../../src/config/check-options.js';
import { configItem, type FileSpec } from '../../helpers/mcp-evidence.js';
import { checkTable, renderMessage, runCheck } from '../../helpers/run-check.js';

const DEEPWIKI: PublicEndpoint = { pattern: 'https://mcp.deepwiki.com', justification: 'Public documentation of open-source repositories; no account data', approver: 'security@acme.example' };
const publicEndpoints = (...list: PublicEndpoint[]) => ({ options: { 'mcp.auth.remote-without-auth': { publicEndpoints: list } } });

checkTable(check, {
  valid: [
    {
      name: 'Authorization header from a variable',
      config: { servers: [{ name: 'x', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer ${env:X_TOKEN}' } }] },
      passes: ['credentialDeclared'],
    },
    { name: 'Codex bearer_token_env_var', config: { client: 'codex', path: '.codex/config.toml', servers: [{ name: 'r', url: 'https://mcp.example.com/mcp', auth: { bearerEnvVar: 'MCP_TOKEN' } }] } },
    { name: 'an OAuth block written in the entry', config: { client: 'gemini-cli', path: '.gemini/settings.json', servers: [{ name: 'o', url: 'https://mcp.example.com/mcp', oauth: { enabled: true } }] }, passes: ['credentialDeclared'] },
    { name: 'an API-key header', config: { servers: [{ name: 'k', url: 'https://mcp.example.com/mcp', headers: { 'X-API-Key': '${input:key}' } }] } },
    { name: 'an inline (redacted) header is still a declared credential', config: { servers: [{ name: 'i', url: 'https://mcp.example.com/mcp', headers: { Authorization: '[REDACTED]' }, secrets: [{ field: 'headers/Authorization', kind: 'bearer-token' }] }] } },
    { name: 'mcp-remote with a header', config: { servers: [{ name: 'b', command: 'npx', args: ['mcp-remote@0.1.16', 'https://mcp.example.com/mcp', '--header', 'Authorization:${AUTH_HEADER}'] }] } },
    { name: 'mcp-remote with static OAuth client info', config: { servers: [{ name: 'b', command: 'npx', args: ['mcp-remote@0.1.16', 'https://mcp.example.com/mcp', '--static-oauth-client-info', '@/etc/mcp/client.json'] }] } },
    { name: 'mcp-proxy with API_ACCESS_TOKEN', config: { servers: [{ name: 'p', command: 'uvx', args: ['mcp-proxy==0.8.0', 'https://mcp.example.com/sse'], env: { API_ACCESS_TOKEN: '${env:TOKEN}' } }] } },
    { name: 'server.json remote declaring a secret Authorization input', config: { client: 'server.json', path: 'server.json', servers: [{ name: 'io.github.acme/crm', type: 'streamable-http', url: 'https://{host}/mcp', headers: { Authorization: '' } }] } },
    { name: 'credential in the URL query', config: { servers: [{ name: 'q', url: 'https://mcp.example.com/mcp?api_key=${KEY}' }] } },
    // The query asks isCredentialParameterName (secrets.ts): a credential's name with a value, literal, redacted or interpolated.
    { name: 'a redacted ?key= in the URL query', config: { servers: [{ name: 'k', url: 'https://mcp.example.com/mcp?key=[REDACTED]' }] }, passes: ['credentialDeclared'] },
    { name: 'a word under a credential name (?auth=oauth2) still declares one', config: { servers: [{ name: 'a', url: 'https://mcp.example.com/mcp?auth=oauth2' }] }, passes: ['credentialDeclared'] },
    { name: "Azure Functions' ?code= system key", config: { servers: [{ name: 'f', url: 'https://acme.azurewebsites.net/runtime/webhooks/mcp/sse?code=${FUNCTIONS_KEY}' }] }, passes: ['credentialDeclared'] },
    {
      name: 'a hosted MCP key in the URL path, written (redacted by the collector)',
      config: { servers: [{ name: 'z', url: 'https://mcp.zapier.com/api/mcp/s/[REDACTED]/mcp', secrets: [{ field: 'url', kind: 'zapier-mcp-key', part: 'path' }] }] },
      passes: ['credentialDeclared'],
    },
    { name: 'a hosted MCP key in the URL path, interpolated', config: { servers: [{ name: 'f', url: 'https://mcp.firecrawl.dev/${FIRECRAWL_API_KEY}/v2/mcp' }] } },
    { name: 'loopback only', config: { servers: [{ name: 'dev', url: 'http://127.0.0.1:3000/mcp' }] }, passes: ['loopbackOnly'] },
    { name: 'stdio only', config: { servers: [{ name: 'fs', command: 'uvx', args: ['srv==1.0.0'] }] }, empty: ['noRemoteServers'] },
    // Runtime authorization: the configuration cannot decide, so neither pass nor finding.
    { name: 'Cursor url without credential: negotiated at runtime', config: { servers: [{ name: 'linear', url: 'https://mcp.linear.app/mcp' }] }, passes: [], unseen: ['authorizationAtRuntime'] },
    { name: 'Codex remote left to codex mcp login (OAuth inferred, not declared)', config: { client: 'codex', path: '.codex/config.toml', servers: [{ name: 'l', url: 'https://mcp.linear.app/mcp', auth: { oauth: true } }] }, passes: [], unseen: ['authorizationAtRuntime'] },
    { name: 'mcp-remote without a header, even when the collector infers on-demand OAuth', config: { servers: [{ name: 'b', command: 'npx', args: ['mcp-remote@0.1.16', 'https://mcp.example.com/mcp'], auth: { oauth: true } }] }, unseen: ['authorizationAtRuntimeBridge'] },
    { name: 'mcp-remote in Claude Desktop (disabled)', config: { client: 'claude-desktop', servers: [{ name: 'b', command: 'npx', args: ['-y', 'mcp-remote@0.1.16', 'https://mcp.example.com/mcp'], disabled: true }] }, unseen: ['authorizationAtRuntimeBridge'] },
    { name: 'whole URL in a variable, in a client that negotiates at runtime', config: { client: 'vscode', servers: [{ name: 'w', type: 'http', url: '${MCP_URL}' }] }, unseen: ['authorizationAtRuntime'] },
    { name: 'an unknown client', config: { client: 'unknown', path: 'mcp.json', servers: [{ name: 'u', url: 'https://mcp.example.com/mcp' }] }, unseen: ['clientBehaviourUnknown'] },
    { name: 'Continue (CLI and IDE differ): unknown', config: { client: 'continue', path: '.continue/mcpServers/x.yaml', servers: [{ name: 'c', url: 'https://mcp.example.com/mcp' }] }, unseen: ['clientBehaviourUnknown'] },
    { name: 'Claude Desktop does not connect to url entries of its file', config: { client: 'claude-desktop', path: 'claude_desktop_config.json', servers: [{ name: 'r', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer ${env:T}' } }] }, passes: [], unseen: ['notConnectedFromConfig'] },
    { name: 'a server with a runtime-negotiated endpoint gets no pass for its other, credentialed one', config: { servers: [{ name: 'm', command: 'npx', args: ['mcp-remote@0.1.16', 'https://a.example.com/mcp'], url: 'https://b.example.com/mcp', headers: { Authorization: 'Bearer ${env:T}' } }] }, passes: [], unseen: ['authorizationAtRuntimeBridge'] },
    // Public by design.
    { name: 'an endpoint declared public (origin pattern)', config: { servers: [{ name: 'deepwiki', url: 'https://mcp.deepwiki.com/mcp' }] }, settings: publicEndpoints(DEEPWIKI), passes: ['publicByDesign'] },
    { name: 'public by design even in a client that cannot authenticate', config: { client: 'roo', path: '.roo/mcp.json', servers: [{ name: 'deepwiki', type: 'streamable-http', url: 'https://mcp.deepwiki.com/sse' }] }, settings: publicEndpoints(DEEPWIKI), passes: ['publicByDesign'] },
    { name: 'public by design through supergateway', config: { servers: [{ name: 'g', command: 'npx', args: ['-y', 'supergateway@3.4.0', '--sse', 'https://mcp.deepwiki.com/sse'] }] }, settings: publicEndpoints(DEEPWIKI), passes: ['publicByDesign'] },
    { name: 'a wildcard host and path pattern', config: { servers: [{ name: 'docs', url: 'https://eu.docs.example.com/v2/mcp' }] }, settings: publicEndpoints({ pattern: 'https://*.docs.example.com/*/mcp', justification: 'j', approver: 'a' }), passes: ['publicByDesign'] },
  ],
  invalid: [
    {
      name: 'Roo Code cannot authenticate without a declared credential',
      config: { client: 'roo', path: '.roo/mcp.json', servers: [{ name: 'crm', type: 'streamable-http', url: 'https://mcp.crm.example.com/mcp' }] },
      errors: [{
        messageId: 'noCredentialDeclared', severity: 'high', line: 5, column: 14, key: '/mcpServers/crm/url',
        message: 'Server "crm" in the Roo Code configuration connects to the remote endpoint https://mcp.crm.example.com/mcp but declares no credential (no Authorization header, bearer-token variable or OAuth setting), and Roo Code runs no OAuth flow of its own (https://github.com/RooCodeInc/Roo-Code/issues/8119): its calls reach the endpoint unauthenticated. Declare a credential, or declare the endpoint in publicEndpoints if it is public by design.',
      }],
    },
    {
      name: 'an empty Authorization header and a non-credential header, in Roo Code',
      config: { client: 'roo', path: '.roo/mcp.json', servers: [{ name: 'e', url: 'https://mcp.example.com/mcp', headers: { Authorization: '', 'X-Client': 'roo' } }] },
      errors: [{ messageId: 'noCredentialDeclared', severity: 'high', line: 4, column: 14, key: '/mcpServers/e/url' }],
    },
    {
      name: 'public OAuth parameters (?token_type=, ?scope=) and ?code= off Azure Functions declare no credential',
      config: { client: 'roo', path: '.roo/mcp.json', servers: [{ name: 't', url: 'https://mcp.example.com/mcp?token_type=bearer&scope=read' }, { name: 'c', url: 'https://mcp.example.com/mcp?code=abc' }] },
      errors: [
        { messageId: 'noCredentialDeclared', severity: 'high', line: 4, column: 14, key: '/mcpServers/t/url' },
        { messageId: 'noCredentialDeclared', severity: 'high', line: 7, column: 14, key: '/mcpServers/c/url' },
      ],
    },
    {
      name: 'host resolved at run time is treated as remote',
      config: { client: 'roo', path: '.roo/mcp.json', servers: [{ name: 'v', url: 'https://${env:MCP_HOST}/mcp' }] },
      errors: [{ messageId: 'noCredentialDeclared', severity: 'high', line: 4, column: 14, key: '/mcpServers/v/url', data: { url: 'https://${env:MCP_HOST}/mcp' } }],
    },
    {
      name: 'supergateway without a header',
      config: { client: 'claude-desktop', servers: [{ name: 'g', command: 'npx', args: ['-y', 'supergateway@3.4.0', '--sse', 'https://mcp.example.com/sse'] }] },
      errors: [{
        messageId: 'noCredentialDeclaredBridge', severity: 'high', line: 9, column: 9, key: '/mcpServers/g/args[https://mcp.example.com/sse]',
        message: 'Server "g" in the Claude Desktop configuration uses supergateway to reach the remote endpoint https://mcp.example.com/sse but passes no credential (no Authorization header or OAuth client settings), and supergateway runs no OAuth flow of its own (https://github.com/supercorp-ai/supergateway): its calls reach the endpoint unauthenticated. Pass a credential, or declare the endpoint in publicEndpoints if it is public by design.',
      }],
    },
    {
      name: 'mcp-proxy without a credential (disabled)',
      config: { servers: [{ name: 'p', command: 'uvx', args: ['mcp-proxy==0.8.0', 'https://mcp.example.com/sse'], disabled: true }] },
      errors: [{ messageId: 'noCredentialDeclaredBridge', severity: 'high', line: 7, column: 9, key: '/mcpServers/p/args[https://mcp.example.com/sse]', data: { bridge: 'mcp-proxy', disabled: 'true' } }],
    },
    {
      name: 'a public pattern for another host or port does not cover the endpoint',
      config: { client: 'roo', path: '.roo/mcp.json', servers: [{ name: 'a', url: 'https://mcp.deepwiki.com.evil.example/mcp' }, { name: 'b', url: 'https://mcp.deepwiki.com:8443/mcp' }] },
      settings: publicEndpoints(DEEPWIKI),
      errors: [
        { messageId: 'noCredentialDeclared', severity: 'high', line: 4, column: 14, key: '/mcpServers/a/url' },
        { messageId: 'noCredentialDeclared', severity: 'high', line: 7, column: 14, key: '/mcpServers/b/url' },
      ],
    },
  ],
});

describe('mcp.auth.remote-without-auth: messages that are not findings', () => {
  const only = (spec: FileSpec, settings?: Parameters<typeof runCheck>[2]) => {
    const results = runCheck(check, [configItem(spec)], settings);
    assert.equal(results.length, 1);
    return { result: results[0]!, message: renderMessage(check, results[0]!) };
  };

  it('runtime negotiation says so, at the url, and asks for a probe or an attestation', () => {
    const { result, message } = only({ client: 'claude-code', path: '.mcp.json', servers: [{ name: 'crm', type: 'http', url: 'https://mcp.crm.example.com/mcp' }] });
    assert.deepEqual([result.status, result.severity, result.location.line, result.location.column, result.key], ['not_observed', undefined, 5, 14, '/mcpServers/crm/url']);
    assert.equal(message, 'Server "crm" in the Claude Code configuration connects to the remote endpoint https://mcp.crm.example.com/mcp without a declared credential. Authorization negotiated at runtime: Claude Code runs MCP OAuth when the endpoint answers 401, so the configuration alone cannot tell whether calls are authenticated; confirm that it answers 401 with an OAuth challenge, attest it, or declare the endpoint in publicEndpoints if it is public by design.');
  });

  it('an unknown client is said to be unknown', () => {
    const { message } = only({ client: 'unknown', path: 'mcp.json', servers: [{ name: 'u', url: 'https://mcp.example.com/mcp' }] });
    assert.equal(message, 'Server "u" in the MCP configuration connects to the remote endpoint https://mcp.example.com/mcp without a declared credential, and whether the client that reads this file negotiates MCP OAuth at runtime is not known: The client of this configuration is not recognised, so whether it runs MCP authorization is not known. Confirm that it answers 401 with an OAuth challenge, attest it, or declare the endpoint in publicEndpoints if it is public by design.');
  });

  it('public by design names the pattern, the justification and the approver', () => {
    const { result, message } = only({ servers: [{ name: 'deepwiki', url: 'https://mcp.deepwiki.com/mcp' }] }, publicEndpoints(DEEPWIKI));
    assert.equal(result.status, 'pass');
    assert.equal(message, 'Server "deepwiki" in the Cursor configuration connects to https://mcp.deepwiki.com/mcp, public by design per publicEndpoints (https://mcp.deepwiki.com): "Public documentation of open-source repositories; no account data", approved by security@acme.example.');
  });
});

describe('mcp.auth.remote-without-auth: the same endpoint in every client', () => {
  const URL = 'https://mcp.atlassian.com/v1/sse';
  // Each client's own file shape, as the collectors normalise it: the same endpoint, no credential.
  const clients: Array<[McpClient, string]> = [
    ['claude-code', '.mcp.json'], ['cursor', '.cursor/mcp.json'], ['vscode', '.vscode/mcp.json'], ['windsurf', '.codeium/windsurf/mcp_config.json'],
    ['gemini-cli', '.gemini/settings.json'], ['codex', '.codex/config.toml'], ['zed', '.zed/settings.json'], ['cline', 'cline_mcp_settings.json'],
    ['kiro', '.kiro/settings/mcp.json'], ['amazon-q', '.amazonq/mcp.json'], ['copilot', '.copilot/mcp-config.json'], ['server.json', 'server.json'],
    ['roo', '.roo/mcp.json'], ['kilo', '.kilocode/mcp.json'], ['continue', '.continue/mcpServers/atlassian.yaml'], ['unknown', 'mcp.json'],
    ['claude-desktop', 'claude_desktop_config.json'],
  ];
  const verdictOf = (client: McpClient, path: string, settings?: Parameters<typeof runCheck>[2]) => {
    const results = runCheck(check, [configItem({ client, path, servers: [{ name: 'atlassian', url: URL }] })], settings);
    return results.map((r) => `${r.status}${r.severity ? `/${r.severity}` : ''} ${r.messageId}`).join(', ');
  };

  it('one verdict per capability, never a pass without a declaration', () => {
    const verdicts = Object.fromEntries(clients.map(([client, path]) => [client, verdictOf(client, path)]));
    const runtime = 'not_observed authorizationAtRuntime';
    assert.deepEqual(verdicts, {
      'claude-code': runtime, cursor: runtime, vscode: runtime, windsurf: runtime, 'gemini-cli': runtime, codex: runtime, zed: runtime,
      cline: runtime, kiro: runtime, 'amazon-q': runtime, copilot: runtime, 'server.json': runtime,
      roo: 'fail/high noCredentialDeclared',
      kilo: 'not_observed clientBehaviourUnknown', continue: 'not_observed clientBehaviourUnknown', unknown: 'not_observed clientBehaviourUnknown',
      'claude-desktop': 'not_observed notConnectedFromConfig',
    });
  });

  it('the same verdict follows from the capability table for every client', () => {
    const expected = { discovers: 'not_observed authorizationAtRuntime', cannot: 'fail/high noCredentialDeclared', unknown: 'not_observed clientBehaviourUnknown', 'not-from-config': 'not_observed notConnectedFromConfig' };
    for (const [client, path] of clients) assert.equal(verdictOf(client, path), expected[REMOTE_AUTH_CAPABILITIES[client].runtimeAuthorization], client);
  });

  it('declared public, it passes in every client', () => {
    const settings = publicEndpoints({ pattern: 'https://mcp.atlassian.com/**', justification: 'j', approver: 'a' });
    for (const [client, path] of clients) assert.equal(verdictOf(client, path, settings), 'pass publicByDesign', client);
  });

  it('every row of the capability table names its source', () => {
    for (const [key, row] of Object.entries(REMOTE_AUTH_CAPABILITIES)) {
      if (key === 'unknown') { assert.equal(row.source, 'none'); continue; }
      assert.match(row.source, /^https:\/\//, key);
      assert.ok(row.note.length > 20, key);
    }
  });
});
