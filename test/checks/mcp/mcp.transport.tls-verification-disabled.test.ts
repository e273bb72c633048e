import { check } from '../../../src/checks/mcp/mcp.transport.tls-verification-disabled.js';
import { checkTable } from '../../helpers/run-check.js';

const DIGEST = `@sha256:${'c'.repeat(64)}`;

checkTable(check, {
  valid: [
    {
      name: 'verification left on, custom CA trusted explicitly',
      config: { servers: [{ name: 's', command: 'npx', args: ['-y', 'pkg@1.0.0'], env: { NODE_TLS_REJECT_UNAUTHORIZED: '1', NODE_EXTRA_CA_CERTS: '/etc/ssl/corp-ca.pem', JIRA_SSL_VERIFY: 'true' } }] },
      passes: ['verificationOn'],
    },
    { name: 'value resolved at run time is not judged', config: { servers: [{ name: 's', command: 'npx', args: ['pkg@1.0.0'], env: { NODE_TLS_REJECT_UNAUTHORIZED: '${TLS_FLAG}', PYTHONHTTPSVERIFY: '$VERIFY' } }] } },
    {
      name: 'flags that are not about TLS',
      config: { servers: [{ name: 's', command: 'npx', args: ['-y', 'mcp-remote@0.1.16', 'https://h.example/mcp', '--allow-http', '--no-verify', '--verify-ssl=true'], env: { DOCKER_MCP_ALLOW_INSECURE_REMOTE_URLS: '1' } }] },
    },
    { name: 'sslmode=disable is plaintext, not a verification bypass', config: { servers: [{ name: 'pg', command: 'uvx', args: ['pg-mcp==1.0.0', 'postgresql://db.internal/app?sslmode=disable'] }] } },
    { name: 'no servers', config: { servers: [] }, empty: ['noServers'] },
  ],
  invalid: [
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED=0 (name only in the message, never the value)',
      config: { servers: [{ name: 'gh', command: 'npx', args: ['-y', 'pkg@1.0.0'], env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' } }] },
      errors: [{
        messageId: 'envDisablesVerification', severity: 'high', line: 10, column: 41, key: '/mcpServers/gh/env/NODE_TLS_REJECT_UNAUTHORIZED',
        message: 'Server "gh" in the Cursor configuration sets NODE_TLS_REJECT_UNAUTHORIZED in its environment, which switches off TLS certificate verification, so anyone on the network path can impersonate the endpoints it connects to.',
      }],
    },
    {
      name: 'Python, per-service and git bypass variables',
      config: { servers: [{ name: 'atl', command: 'uvx', args: ['mcp-atlassian==0.11.0'], env: { PYTHONHTTPSVERIFY: '0', JIRA_SSL_VERIFY: 'false', GIT_SSL_NO_VERIFY: 'true' } }] },
      errors: [
        { messageId: 'envDisablesVerification', severity: 'high', line: 9, column: 30, key: '/mcpServers/atl/env/PYTHONHTTPSVERIFY' },
        { messageId: 'envDisablesVerification', severity: 'high', line: 10, column: 28, key: '/mcpServers/atl/env/JIRA_SSL_VERIFY' },
        { messageId: 'envDisablesVerification', severity: 'high', line: 11, column: 30, key: '/mcpServers/atl/env/GIT_SSL_NO_VERIFY' },
      ],
    },
    {
      name: 'empty CA bundle',
      config: { servers: [{ name: 'py', command: 'uvx', args: ['srv==1.0.0'], env: { REQUESTS_CA_BUNDLE: '' } }] },
      errors: [{ messageId: 'emptyCaBundle', severity: 'medium', line: 9, column: 31, key: '/mcpServers/py/env/REQUESTS_CA_BUNDLE' }],
    },
    {
      name: 'runner and server flags',
      config: { servers: [{ name: 'f', command: 'uvx', args: ['--allow-insecure-host', 'pypi.corp', 'srv==1.0.0', '--insecure', '--verify-ssl', 'false', 'verify=False'] }] },
      errors: [
        { messageId: 'argumentDisablesVerification', severity: 'high', line: 6, column: 9, key: '/mcpServers/f/args[--allow-insecure-host]', data: { setting: '--allow-insecure-host' } },
        { messageId: 'argumentDisablesVerification', severity: 'high', line: 9, column: 9, key: '/mcpServers/f/args[--insecure]' },
        { messageId: 'argumentDisablesVerification', severity: 'high', line: 10, column: 9, key: '/mcpServers/f/args[--verify-ssl]', data: { setting: '--verify-ssl=false' } },
        { messageId: 'argumentDisablesVerification', severity: 'high', line: 12, column: 9, key: '/mcpServers/f/args[verify]', data: { setting: 'verify=False' } },
      ],
    },
    {
      name: 'curl -k is --insecure',
      config: { servers: [{ name: 'c', command: 'curl', args: ['-k', 'https://h.example'] }] },
      errors: [{ messageId: 'argumentDisablesVerification', severity: 'high', line: 6, column: 9, key: '/mcpServers/c/args[-k]' }],
    },
    {
      name: '-k for another program is reported as ambiguous',
      config: { servers: [{ name: 'k', command: 'acme-mcp', args: ['-k'] }] },
      errors: [{ messageId: 'ambiguousShortFlag', severity: 'medium', line: 6, column: 9, key: '/mcpServers/k/args[-k]', data: { program: 'acme-mcp' } }],
    },
    {
      name: 'inline assignment in sh -c',
      config: { servers: [{ name: 'sh', command: 'sh', args: ['-c', 'NODE_TLS_REJECT_UNAUTHORIZED=0 npx -y pkg@1.0.0'] }] },
      errors: [{ messageId: 'envDisablesVerification', severity: 'high', line: 7, column: 9, key: '/mcpServers/sh/args[env NODE_TLS_REJECT_UNAUTHORIZED]' }],
    },
    {
      name: 'container --env',
      config: { servers: [{ name: 'd', command: 'docker', args: ['run', '-i', '--rm', '-e', 'NODE_TLS_REJECT_UNAUTHORIZED=0', `img${DIGEST}`] }] },
      errors: [{ messageId: 'envDisablesVerification', severity: 'high', line: 10, column: 9, key: '/mcpServers/d/args[env NODE_TLS_REJECT_UNAUTHORIZED]' }],
    },
    {
      name: 'URL parameter',
      config: { servers: [{ name: 'm', url: 'https://mcp.example.com/mcp?tlsAllowInvalidCertificates=true' }] },
      errors: [{ messageId: 'urlDisablesVerification', severity: 'high', line: 4, column: 14, key: '/mcpServers/m/url?tlsAllowInvalidCertificates', data: { url: 'https://mcp.example.com/mcp', setting: 'tlsAllowInvalidCertificates=true' } }],
    },
    {
      name: 'disabled server on Windows (cmd /c) with npm strict-ssl off',
      config: { client: 'claude-desktop', path: '%APPDATA%/Claude/claude_desktop_config.json', servers: [{ name: 'w', command: 'cmd', args: ['/c', 'npx', '-y', 'pkg@1.0.0', '--strict-ssl=false'], disabled: true }] },
      errors: [{ messageId: 'argumentDisablesVerification', severity: 'high', line: 10, column: 9, key: '/mcpServers/w/args[--strict-ssl]', data: { state: ' (disabled, but it can be re-enabled)', client: 'Claude Desktop' } }],
    },
  ],
});
