import { check } from '../../../src/checks/mcp/mcp.transport.plaintext-http.js';
import { checkTable } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    { name: 'https remote', config: { servers: [{ name: 'ctx7', type: 'http', url: 'https://mcp.context7.com/mcp' }] }, passes: ['encrypted'] },
    {
      name: 'loopback http with an Authorization header from a variable',
      config: { servers: [{ name: 'local', url: 'http://localhost:3000/mcp', headers: { Authorization: 'Bearer ${env:LOCAL_TOKEN}' } }] },
    },
    { name: 'loopback http with a Codex bearer_token_env_var', config: { client: 'codex', servers: [{ name: 'l', url: 'http://127.0.0.1:8080/mcp', auth: { bearerEnvVar: 'MCP_TOKEN' } }] } },
    { name: 'mcp-remote to https', config: { servers: [{ name: 'r', command: 'npx', args: ['-y', 'mcp-remote@0.1.16', 'https://mcp.example.com/sse'] }] } },
    { name: 'plain-http forward proxy argument is not an MCP connection', config: { servers: [{ name: 'p', command: 'uvx', args: ['srv==1.0.0', '--proxy', 'http://proxy.corp:3128'] }] }, empty: ['noRemoteServers'] },
    { name: 'https host resolved at run time', config: { servers: [{ name: 'v', url: 'https://${env:MCP_HOST}/mcp' }] } },
    { name: 'whole URL in a variable is not judged', config: { servers: [{ name: 'v', url: '${MCP_URL}' }] }, empty: ['noRemoteServers'] },
    { name: 'stdio only', config: { servers: [{ name: 'fs', command: 'npx', args: ['-y', 'pkg@1.0.0'] }] }, empty: ['noRemoteServers'] },
    { name: 'a file without servers', config: { servers: [] }, empty: ['noRemoteServers'] },
  ],
  invalid: [
    {
      name: 'http to a remote host',
      config: { servers: [{ name: 'crm', type: 'http', url: 'http://mcp.crm.example.com/mcp' }] },
      errors: [{
        messageId: 'plainHttp', severity: 'high', line: 5, column: 14, key: '/mcpServers/crm/url',
        message: 'Server "crm" in the Cursor configuration connects to http://mcp.crm.example.com/mcp over plain HTTP, so MCP messages and any credentials cross the network unencrypted.',
      }],
    },
    {
      name: 'disabled servers are evaluated and say so',
      config: { client: 'cline', servers: [{ name: 'old', url: 'http://10.0.0.5:8080/mcp', disabled: true }] },
      errors: [{
        messageId: 'plainHttp', severity: 'high', line: 4, column: 14, key: '/mcpServers/old/url',
        message: 'Server "old" (disabled, but it can be re-enabled) in the Cline configuration connects to http://10.0.0.5:8080/mcp over plain HTTP, so MCP messages and any credentials cross the network unencrypted.',
      }],
    },
    {
      name: 'userinfo and query never reach the message or key',
      config: { servers: [{ name: 'leaky', url: 'http://user:[REDACTED]@mcp.example.com/mcp?api_key=[REDACTED]', secrets: [{ field: 'url', kind: 'url-credentials' }] }] },
      errors: [{ messageId: 'plainHttp', severity: 'high', line: 4, column: 14, key: '/mcpServers/leaky/url', data: { url: 'http://mcp.example.com/mcp' } }],
    },
    {
      name: 'mcp-remote bridging to http',
      config: { servers: [{ name: 'bridge', command: 'npx', args: ['-y', 'mcp-remote@0.1.16', 'http://mcp.example.com/mcp', '--allow-http'] }] },
      errors: [{ messageId: 'plainHttpBridge', severity: 'high', line: 8, column: 9, key: '/mcpServers/bridge/args[http://mcp.example.com/mcp]', data: { bridge: 'mcp-remote' } }],
    },
    {
      name: 'plain-http URL argument',
      config: { servers: [{ name: 'api', command: 'uvx', args: ['api-mcp==1.0.0', '--api-base=http://internal.corp/api'] }] },
      errors: [{ messageId: 'plainHttpArgument', severity: 'high', line: 7, column: 9, key: '/mcpServers/api/args[http://internal.corp/api]' }],
    },
    {
      name: 'loopback http without a credential is low',
      config: { servers: [{ name: 'dev', url: 'http://[::1]:3000/mcp' }] },
      errors: [{ messageId: 'loopbackWithoutCredential', severity: 'low', line: 4, column: 14, key: '/mcpServers/dev/url' }],
    },
    {
      name: 'http to a host known only at run time is medium',
      config: { servers: [{ name: 'var', url: 'http://${MCP_HOST}:8080/mcp' }] },
      errors: [{ messageId: 'plainHttpVariableHost', severity: 'medium', line: 4, column: 14, key: '/mcpServers/var/url', data: { url: 'http://${MCP_HOST}:8080/mcp' } }],
    },
    {
      name: 'plain websocket',
      config: { client: 'vscode', servers: [{ name: 'ws', url: 'ws://mcp.example.com/ws' }] },
      errors: [{ messageId: 'plainHttp', severity: 'high', line: 4, column: 14, key: '/servers/ws/url' }],
    },
    {
      name: 'server.json remote over http',
      config: { client: 'server.json', path: 'server.json', servers: [{ name: 'io.github.acme/crm', type: 'streamable-http', url: 'http://api.acme.example/mcp', headers: { Authorization: '' } }] },
      errors: [{ messageId: 'plainHttp', severity: 'high', line: 5, column: 14, key: '/mcpServers/io.github.acme~1crm/url' }],
    },
    {
      name: 'one failing and one passing server in the same file',
      config: { servers: [{ name: 'a', url: 'http://a.example/mcp' }, { name: 'b', url: 'https://b.example/mcp' }] },
      errors: [{ messageId: 'plainHttp', severity: 'high', line: 4, column: 14, key: '/mcpServers/a/url' }],
      passes: ['encrypted'],
    },
  ],
});
