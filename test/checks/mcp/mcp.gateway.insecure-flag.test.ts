import { check } from '../../../src/checks/mcp/mcp.gateway.insecure-flag.js';
import { checkTable } from '../../helpers/run-check.js';

const GATEWAY = ['mcp', 'gateway', 'run'];

checkTable(check, {
  valid: [
    { name: 'gateway with its defaults', config: { servers: [{ name: 'MCP_DOCKER', command: 'docker', args: [...GATEWAY, '--servers', 'github'] }] }, passes: ['secureDefaults'] },
    { name: 'features explicitly on', config: { servers: [{ name: 'gw', command: 'docker', args: [...GATEWAY, '--verify-signatures', '--log-calls=true', '--block-secrets=true'] }] } },
    { name: 'mcp-remote over https', config: { servers: [{ name: 'r', command: 'npx', args: ['mcp-remote@0.1.16', 'https://h.example/mcp'] }] } },
    { name: 'Inspector with auth on', config: { servers: [{ name: 'i', command: 'npx', args: ['@modelcontextprotocol/inspector@0.16.0'], env: { DANGEROUSLY_OMIT_AUTH: 'false' } }] } },
    { name: 'value resolved at run time is not judged', config: { servers: [{ name: 'gw', command: 'docker', args: [...GATEWAY, '--log-calls=${LOG_CALLS}'], env: { DOCKER_MCP_ALLOW_INSECURE_REMOTE_URLS: '${ALLOW}' } }] } },
    { name: 'narrow bind allowlist', config: { servers: [{ name: 'gw', command: 'docker', args: GATEWAY, env: { MCP_GATEWAY_DOCKER_BIND_ALLOWED_PATHS: '/srv/projects:/srv/data' } }] } },
    { name: 'no gateway, bridge or inspector', config: { servers: [{ name: 'n', command: 'npx', args: ['pkg@1.0.0'] }] }, empty: ['noGateways'] },
  ],
  invalid: [
    {
      name: '--allow-unauthenticated',
      config: { servers: [{ name: 'gw', command: 'docker', args: [...GATEWAY, '--transport', 'streaming', '--allow-unauthenticated'] }] },
      errors: [{
        messageId: 'allowUnauthenticated', severity: 'critical', line: 11, column: 9, key: '/mcpServers/gw/args[--allow-unauthenticated]',
        message: 'Server "gw" in the Cursor configuration runs the Docker MCP Gateway with --allow-unauthenticated, so anyone who reaches its port can call every tool behind it.',
      }],
    },
    {
      name: 'signature verification, secret blocking and call logging switched off',
      config: { servers: [{ name: 'gw', command: 'docker', args: [...GATEWAY, '--verify-signatures=false', '--block-secrets=false', '--log-calls=false'] }] },
      errors: [
        { messageId: 'verifySignaturesOff', severity: 'high', line: 9, column: 9, key: '/mcpServers/gw/args[--verify-signatures]', data: { setting: '--verify-signatures=false' } },
        { messageId: 'blockSecretsOff', severity: 'medium', line: 10, column: 9, key: '/mcpServers/gw/args[--block-secrets]' },
        { messageId: 'logCallsOff', severity: 'medium', line: 11, column: 9, key: '/mcpServers/gw/args[--log-calls]' },
      ],
    },
    {
      name: 'the docker/mcp-gateway image run directly',
      config: { servers: [{ name: 'gw', command: 'docker', args: ['run', '-i', '-v', '/var/run/docker.sock:/var/run/docker.sock', 'docker/mcp-gateway', '--transport=sse', '--allow-unauthenticated'] }] },
      errors: [{ messageId: 'allowUnauthenticated', severity: 'critical', line: 12, column: 9, key: '/mcpServers/gw/args[--allow-unauthenticated]' }],
    },
    {
      name: 'insecure remote URLs allowed',
      config: { servers: [{ name: 'gw', command: 'docker', args: GATEWAY, env: { DOCKER_MCP_ALLOW_INSECURE_REMOTE_URLS: '1' } }] },
      errors: [{ messageId: 'insecureRemoteUrls', severity: 'high', line: 11, column: 50, key: '/mcpServers/gw/env/DOCKER_MCP_ALLOW_INSECURE_REMOTE_URLS' }],
    },
    {
      name: 'bind allowlist including the home directory',
      config: { servers: [{ name: 'gw', command: 'docker', args: GATEWAY, env: { MCP_GATEWAY_DOCKER_BIND_ALLOWED_PATHS: '/srv/projects:${HOME}' } }] },
      errors: [{ messageId: 'broadBindAllowlist', severity: 'high', line: 11, column: 50, key: '/mcpServers/gw/env/MCP_GATEWAY_DOCKER_BIND_ALLOWED_PATHS', data: { path: '${HOME}' } }],
    },
    {
      name: 'MCP Inspector without authentication',
      config: { servers: [{ name: 'insp', command: 'npx', args: ['@modelcontextprotocol/inspector@0.16.0'], env: { DANGEROUSLY_OMIT_AUTH: 'true' } }] },
      errors: [{ messageId: 'inspectorOmitAuth', severity: 'critical', line: 9, column: 34, key: '/mcpServers/insp/env/DANGEROUSLY_OMIT_AUTH' }],
    },
    {
      name: 'mcp-remote --allow-http (disabled server)',
      config: { servers: [{ name: 'r', command: 'npx', args: ['-y', 'mcp-remote@0.1.16', 'http://10.0.0.5/mcp', '--allow-http'], disabled: true }] },
      errors: [{ messageId: 'allowHttp', severity: 'high', line: 9, column: 9, key: '/mcpServers/r/args[--allow-http]', data: { disabled: 'true' } }],
    },
  ],
});
