import { check } from '../../../src/checks/mcp/mcp.network.bind-all-interfaces.js';
import { checkTable } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    { name: 'loopback flag', config: { servers: [{ name: 'h', command: 'uvx', args: ['srv==1.0.0', '--transport', 'sse', '--host', '127.0.0.1', '--port', '8000'] }] }, passes: ['loopbackOnly'] },
    { name: 'loopback variables', config: { servers: [{ name: 'h', command: 'node', args: ['server.js'], env: { HOST: 'localhost', MCP_LISTEN_ADDR: '[::1]:3000' } }] } },
    { name: 'container port on loopback', config: { servers: [{ name: 'd', command: 'docker', args: ['run', '-p', '127.0.0.1:8080:8080', '-p', '[::1]:9090:9090', 'img'] }] } },
    { name: 'a remote host name is not a listen address', config: { servers: [{ name: 'gh', command: 'npx', args: ['gh-mcp@1.0.0', '--api-host', 'github.example.com'], env: { GITHUB_HOST: 'github.example.com' } }] }, empty: ['noListeners'] },
    { name: 'a listen address resolved at run time is not judged', config: { servers: [{ name: 'v', command: 'node', args: ['s.js', '--host', '${BIND_HOST}'], env: { HOST: '${HOST}' } }] }, empty: ['noListeners'] },
    { name: 'a gateway on HTTP without --host is not judged', config: { servers: [{ name: 'gw', command: 'docker', args: ['mcp', 'gateway', 'run', '--transport', 'streaming', '--port', '8811'] }] }, empty: ['noListeners'] },
    { name: 'Inspector with its defaults', config: { servers: [{ name: 'i', command: 'npx', args: ['@modelcontextprotocol/inspector@0.16.0'], env: { HOST: '127.0.0.1' } }] } },
  ],
  invalid: [
    {
      name: '--host 0.0.0.0',
      config: { servers: [{ name: 'api', command: 'uvx', args: ['srv==1.0.0', '--transport', 'sse', '--host', '0.0.0.0', '--port', '8000'] }] },
      errors: [{
        messageId: 'bindAllArgument', severity: 'high', line: 10, column: 9, key: '/mcpServers/api/args[--host]',
        message: 'Server "api" in the Cursor configuration is started with --host 0.0.0.0, so it listens on every network interface and anyone on the local network can reach it.',
      }],
    },
    {
      name: '--bind=:: and --listen :8080',
      config: { servers: [{ name: 'b', command: 'acme-mcp', args: ['--bind=::', '--listen', ':8080'] }] },
      errors: [
        { messageId: 'bindAllArgument', severity: 'high', line: 6, column: 9, key: '/mcpServers/b/args[--bind]', data: { value: '::' } },
        { messageId: 'bindAllArgument', severity: 'high', line: 8, column: 9, key: '/mcpServers/b/args[--listen]', data: { value: ':8080' } },
      ],
    },
    {
      name: 'listen-address variables (names only in the message)',
      config: { servers: [{ name: 'e', command: 'uvx', args: ['srv==1.0.0'], env: { HOST: '0.0.0.0', FASTMCP_HOST: '::', MCP_LISTEN_ADDR: ':3000' } }] },
      errors: [
        { messageId: 'bindAllEnv', severity: 'high', line: 9, column: 17, key: '/mcpServers/e/env/HOST', data: { setting: 'HOST' } },
        { messageId: 'bindAllEnv', severity: 'high', line: 10, column: 25, key: '/mcpServers/e/env/FASTMCP_HOST' },
        { messageId: 'bindAllEnv', severity: 'high', line: 11, column: 28, key: '/mcpServers/e/env/MCP_LISTEN_ADDR' },
      ],
    },
    {
      name: 'container ports published on every interface',
      config: { servers: [{ name: 'd', command: 'docker', args: ['run', '-p', '8080:8080', '--publish=0.0.0.0:9000:9000', '-P', '-p', '127.0.0.1:7000:7000', 'img'] }] },
      errors: [
        { messageId: 'publishedPort', severity: 'high', line: 8, column: 9, key: '/mcpServers/d/args[--publish 8080:8080]', data: { port: '8080:8080' } },
        { messageId: 'publishedPort', severity: 'high', line: 9, column: 9, key: '/mcpServers/d/args[--publish 0.0.0.0:9000:9000]' },
        { messageId: 'publishAllPorts', severity: 'high', line: 10, column: 9, key: '/mcpServers/d/args[--publish-all]', data: { setting: '-P' } },
      ],
    },
    {
      name: 'Docker MCP Gateway --host 0.0.0.0',
      config: { servers: [{ name: 'gw', command: 'docker', args: ['mcp', 'gateway', 'run', '--transport', 'streaming', '--host', '0.0.0.0'] }] },
      errors: [{ messageId: 'gatewayHost', severity: 'high', line: 12, column: 9, key: '/mcpServers/gw/args[--host]' }],
    },
    {
      name: 'Inspector: wildcard HOST with the opt-in is high',
      config: { servers: [{ name: 'i', command: 'npx', args: ['@modelcontextprotocol/inspector@0.16.0'], env: { HOST: '0.0.0.0', DANGEROUSLY_BIND_ALL_INTERFACES: 'true' } }] },
      errors: [{ messageId: 'inspectorBindAll', severity: 'high', line: 9, column: 17, key: '/mcpServers/i/env/HOST' }],
    },
    {
      name: 'Inspector: wildcard HOST without the opt-in is refused at start (low)',
      config: { servers: [{ name: 'i', command: 'mcp-inspector', env: { HOST: '0.0.0.0' } }] },
      errors: [{ messageId: 'inspectorHostRefused', severity: 'low', line: 6, column: 17, key: '/mcpServers/i/env/HOST' }],
    },
    {
      name: 'the opt-in alone (disabled server)',
      config: { servers: [{ name: 'i', command: 'npx', args: ['@modelcontextprotocol/inspector@0.16.0'], env: { DANGEROUSLY_BIND_ALL_INTERFACES: 'true' }, disabled: true }] },
      errors: [{ messageId: 'bindAllOptIn', severity: 'medium', line: 9, column: 44, key: '/mcpServers/i/env/DANGEROUSLY_BIND_ALL_INTERFACES', data: { disabled: 'true' } }],
    },
  ],
});
