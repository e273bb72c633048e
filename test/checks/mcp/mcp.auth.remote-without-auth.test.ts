import { check } from '../../../src/checks/mcp/mcp.auth.remote-without-auth.js';
import { checkTable } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    {
      name: 'Authorization header from a variable',
      config: { servers: [{ name: 'x', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer ${env:X_TOKEN}' } }] },
      passes: ['credentialDeclared'],
    },
    { name: 'Codex bearer_token_env_var', config: { client: 'codex', path: '.codex/config.toml', servers: [{ name: 'r', url: 'https://mcp.example.com/mcp', auth: { bearerEnvVar: 'MCP_TOKEN' } }] } },
    { name: 'OAuth configured', config: { servers: [{ name: 'o', url: 'https://mcp.example.com/mcp', auth: { oauth: true } }] } },
    { name: 'an API-key header', config: { servers: [{ name: 'k', url: 'https://mcp.example.com/mcp', headers: { 'X-API-Key': '${input:key}' } }] } },
    { name: 'an inline (redacted) header is still a declared credential', config: { servers: [{ name: 'i', url: 'https://mcp.example.com/mcp', headers: { Authorization: '[REDACTED]' }, secrets: [{ field: 'headers/Authorization', kind: 'bearer-token' }] }] } },
    { name: 'mcp-remote with a header', config: { servers: [{ name: 'b', command: 'npx', args: ['mcp-remote@0.1.16', 'https://mcp.example.com/mcp', '--header', 'Authorization:${AUTH_HEADER}'] }] } },
    { name: 'mcp-remote with static OAuth client info', config: { servers: [{ name: 'b', command: 'npx', args: ['mcp-remote@0.1.16', 'https://mcp.example.com/mcp', '--static-oauth-client-info', '@/etc/mcp/client.json'] }] } },
    { name: 'mcp-proxy with API_ACCESS_TOKEN', config: { servers: [{ name: 'p', command: 'uvx', args: ['mcp-proxy==0.8.0', 'https://mcp.example.com/sse'], env: { API_ACCESS_TOKEN: '${env:TOKEN}' } }] } },
    { name: 'server.json remote declaring a secret Authorization input', config: { client: 'server.json', path: 'server.json', servers: [{ name: 'io.github.acme/crm', type: 'streamable-http', url: 'https://{host}/mcp', headers: { Authorization: '' } }] } },
    { name: 'credential in the URL query', config: { servers: [{ name: 'q', url: 'https://mcp.example.com/mcp?api_key=${KEY}' }] } },
    {
      name: 'a hosted MCP key in the URL path, written (redacted by the collector)',
      config: { servers: [{ name: 'z', url: 'https://mcp.zapier.com/api/mcp/s/[REDACTED]/mcp', secrets: [{ field: 'url', kind: 'zapier-mcp-key', part: 'path' }] }] },
      passes: ['credentialDeclared'],
    },
    { name: 'a hosted MCP key in the URL path, interpolated', config: { servers: [{ name: 'f', url: 'https://mcp.firecrawl.dev/${FIRECRAWL_API_KEY}/v2/mcp' }] } },
    { name: 'loopback only', config: { servers: [{ name: 'dev', url: 'http://127.0.0.1:3000/mcp' }] }, passes: ['loopbackOnly'] },
    { name: 'stdio only', config: { servers: [{ name: 'fs', command: 'uvx', args: ['srv==1.0.0'] }] }, empty: ['noRemoteServers'] },
  ],
  invalid: [
    {
      name: 'remote server without any credential',
      config: { client: 'claude-code', path: '.mcp.json', servers: [{ name: 'crm', type: 'http', url: 'https://mcp.crm.example.com/mcp' }] },
      errors: [{
        messageId: 'noCredentialDeclared', severity: 'high', line: 5, column: 14, key: '/mcpServers/crm/url',
        message: 'Server "crm" in the Claude Code configuration connects to the remote endpoint https://mcp.crm.example.com/mcp but declares no credential (no Authorization header, bearer-token variable or OAuth setting). The configuration alone cannot prove the endpoint accepts unauthenticated calls: confirm that it answers 401 without a token.',
      }],
    },
    {
      name: 'an empty Authorization header and a non-credential header',
      config: { servers: [{ name: 'e', url: 'https://mcp.example.com/mcp', headers: { Authorization: '', 'X-Client': 'cursor' } }] },
      errors: [{ messageId: 'noCredentialDeclared', severity: 'high', line: 4, column: 14, key: '/mcpServers/e/url' }],
    },
    {
      name: 'host resolved at run time is treated as remote',
      config: { servers: [{ name: 'v', url: 'https://${env:MCP_HOST}/mcp' }] },
      errors: [{ messageId: 'noCredentialDeclared', severity: 'high', line: 4, column: 14, key: '/mcpServers/v/url', data: { url: 'https://${env:MCP_HOST}/mcp' } }],
    },
    {
      name: 'whole URL in a variable',
      config: { servers: [{ name: 'w', type: 'http', url: '${MCP_URL}' }] },
      errors: [{ messageId: 'noCredentialDeclared', severity: 'high', line: 5, column: 14, key: '/mcpServers/w/url', data: { url: '${MCP_URL}' } }],
    },
    {
      name: 'mcp-remote without a header, even when the collector infers on-demand OAuth',
      config: { servers: [{ name: 'b', command: 'npx', args: ['mcp-remote@0.1.16', 'https://mcp.example.com/mcp'], auth: { oauth: true } }] },
      errors: [{ messageId: 'noCredentialDeclaredBridge', severity: 'high', line: 7, column: 9, key: '/mcpServers/b/args[https://mcp.example.com/mcp]' }],
    },
    {
      name: 'mcp-remote without a header (disabled)',
      config: { client: 'claude-desktop', servers: [{ name: 'b', command: 'npx', args: ['-y', 'mcp-remote@0.1.16', 'https://mcp.example.com/mcp'], disabled: true }] },
      errors: [{ messageId: 'noCredentialDeclaredBridge', severity: 'high', line: 8, column: 9, key: '/mcpServers/b/args[https://mcp.example.com/mcp]', data: { bridge: 'mcp-remote', disabled: 'true' } }],
    },
  ],
});
