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
      name: 'a hosted MCP key in the URL path is placed there',
      config: { servers: [{ name: 'zapier', url: 'https://mcp.zapier.com/api/mcp/s/[REDACTED]/mcp', secrets: [{ field: 'url', kind: 'zapier-mcp-key', part: 'path' }] }] },
      errors: [{
        messageId: 'secretInUrl', severity: 'critical', line: 4, column: 14, key: '/mcpServers/zapier/url',
        message: 'Server "zapier" in the Cursor configuration has a literal Zapier MCP key in its URL path; URLs are copied into logs, proxies and browser history.',
      }],
    },
    {
      name: 'two credential-named query parameters of one kind are keyed apart by parameter',
      config: { client: 'vscode', servers: [{ name: 'search', url: 'https://h.example/mcp?api_key=[REDACTED]&token=[REDACTED]', secrets: [
        { field: 'url', kind: 'high-entropy-secret', part: 'query parameter "api_key"' }, { field: 'url', kind: 'high-entropy-secret', part: 'query parameter "token"' },
      ] }] },
      errors: [
        {
          messageId: 'secretInUrl', severity: 'critical', line: 4, column: 14, key: '/servers/search/url#high-entropy-secret@query parameter "api_key"',
          message: 'Server "search" in the VS Code configuration has a literal secret value in its URL query parameter "api_key"; URLs are copied into logs, proxies and browser history.',
        },
        {
          messageId: 'secretInUrl', severity: 'critical', line: 4, column: 14, key: '/servers/search/url#high-entropy-secret@query parameter "token"',
          message: 'Server "search" in the VS Code configuration has a literal secret value in its URL query parameter "token"; URLs are copied into logs, proxies and browser history.',
        },
      ],
    },
    {
      name: 'a bridge target with a key in its path: the argument, and where in its URL',
      config: { servers: [{ name: 'firecrawl', command: 'npx', args: ['-y', 'mcp-remote@0.1.29', 'https://mcp.firecrawl.dev/[REDACTED]/v2/mcp'], secrets: [{ field: 'args/2', kind: 'firecrawl-key', part: 'path' }] }] },
      errors: [{
        messageId: 'secretInArguments', severity: 'critical', line: 8, column: 9, key: '/mcpServers/firecrawl/args/2',
        message: 'Server "firecrawl" in the Cursor configuration passes a literal Firecrawl API key as its argument 3 (in the URL path); besides the file, it shows in process listings and client logs.',
      }],
    },
    {
      name: 'unknown kinds read as words; disabled servers say so',
      config: { servers: [{ name: 'd', command: 'node', args: ['srv.js'], env: { ACME_KEY: '[REDACTED]' }, disabled: true, secrets: [{ field: 'env/ACME_KEY', kind: 'acme-api-token' }] }] },
      errors: [{ messageId: 'inlineSecret', severity: 'critical', line: 9, column: 21, key: '/mcpServers/d/env/ACME_KEY', data: { kind: 'acme api token', disabled: 'true' } }],
    },
  ],
});
