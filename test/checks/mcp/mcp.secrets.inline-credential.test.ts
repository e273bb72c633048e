import { check } from '../../../src/checks/mcp/mcp.secrets.inline-credential.js';
import { checkTable } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    {
      name: 'secrets referenced, not written (the collector found none)',
      config: { servers: [{ name: 'gh', command: 'npx', args: ['-y', 'pkg@1.0.0'], env: { GITHUB_TOKEN: '${env:GITHUB_TOKEN}', PLACEHOLDER: 'YOUR_TOKEN_HERE' } }] },
      passes: ['noInlineSecrets'],
    },
    { name: 'no servers', config: { servers: [] }, empty: ['noServers'] },
  ],
  invalid: [
    {
      name: 'literal token in env: kind and variable name, never the value',
      config: { servers: [{ name: 'github', command: 'npx', args: ['-y', 'pkg@1.0.0'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: '[REDACTED]' }, secrets: [{ field: 'env/GITHUB_PERSONAL_ACCESS_TOKEN', kind: 'github-token' }] }] },
      errors: [{
        messageId: 'inlineSecret', severity: 'critical', line: 10, column: 41, key: '/mcpServers/github/env/GITHUB_PERSONAL_ACCESS_TOKEN',
        message: 'Server "github" in the Cursor configuration holds a literal GitHub token in its environment variable GITHUB_PERSONAL_ACCESS_TOKEN; anyone who can read the file, its backups or its version history can use it.',
      }],
    },
    {
      name: 'literal bearer token in a header',
      config: { client: 'vscode', servers: [{ name: 'api', url: 'https://h.example/mcp', headers: { Authorization: '[REDACTED]' }, secrets: [{ field: 'headers/Authorization', kind: 'bearer-token' }] }] },
      errors: [{ messageId: 'inlineSecret', severity: 'critical', line: 6, column: 26, key: '/servers/api/headers/Authorization', data: { kind: 'bearer token', field: 'header Authorization', client: 'VS Code' } }],
    },
    {
      name: 'secret on the command line',
      config: { servers: [{ name: 's', command: 'uvx', args: ['srv==1.0.0', '--api-key', '[REDACTED]'], secrets: [{ field: 'args/2', kind: 'openai-key' }] }] },
      errors: [{ messageId: 'secretInArguments', severity: 'critical', line: 8, column: 9, key: '/mcpServers/s/args/2', data: { field: 'argument 3', kind: 'OpenAI API key' } }],
    },
    {
      name: 'two findings in one URL are keyed apart',
      config: { servers: [{ name: 'u', url: 'https://user:[REDACTED]@h.example/mcp?key=[REDACTED]', secrets: [{ field: 'url', kind: 'url-credentials' }, { field: 'url', kind: 'high-entropy-secret' }] }] },
      errors: [
        { messageId: 'secretInUrl', severity: 'critical', line: 4, column: 14, key: '/mcpServers/u/url#url-credentials' },
        { messageId: 'secretInUrl', severity: 'critical', line: 4, column: 14, key: '/mcpServers/u/url#high-entropy-secret' },
      ],
    },
    {
      name: 'unknown kinds read as words; disabled servers say so',
      config: { servers: [{ name: 'd', command: 'node', args: ['srv.js'], env: { ACME_KEY: '[REDACTED]' }, disabled: true, secrets: [{ field: 'env/ACME_KEY', kind: 'acme-api-token' }] }] },
      errors: [{ messageId: 'inlineSecret', severity: 'critical', line: 9, column: 21, key: '/mcpServers/d/env/ACME_KEY', data: { kind: 'acme api token', disabled: 'true' } }],
    },
  ],
});
