import { check } from '../../../src/checks/mcp/mcp.supply-chain.unpinned-package.js';
import { checkTable } from '../../helpers/run-check.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

checkTable(check, {
  valid: [
    { name: 'npx exact version', config: { servers: [{ name: 'fs', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21', '/srv/docs'] }] }, passes: ['pinned'] },
    { name: 'uvx ==', config: { servers: [{ name: 'git', command: 'uvx', args: ['mcp-server-git==2025.1.14', '--repository', '.'] }] } },
    { name: 'uvx @version', config: { servers: [{ name: 'f', command: 'uvx', args: ['mcp-server-fetch@2025.4.7'] }] } },
    { name: 'git source pinned to a commit', config: { servers: [{ name: 'serena', command: 'uvx', args: ['--from', `git+https://github.com/oraios/serena@${SHA}`, 'serena', 'start-mcp-server'] }] } },
    { name: 'server.json npm package normalised to its runner', config: { client: 'server.json', path: 'server.json', servers: [{ name: 'io.github.acme/crm', command: 'npx', args: ['@acme/crm-mcp@1.0.0'] }] } },
    { name: 'a local package is not fetched', config: { servers: [{ name: 'l', command: 'npx', args: ['./servers/mine'] }] }, empty: ['noPackageRunners'] },
    { name: 'no runner', config: { servers: [{ name: 'd', command: 'docker', args: ['run', '-i', 'mcp/github'] }] }, empty: ['noPackageRunners'] },
  ],
  invalid: [
    {
      name: 'npx without a version',
      config: { client: 'claude-desktop', path: '~/Library/Application Support/Claude/claude_desktop_config.json', servers: [{ name: 'filesystem', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/me/docs'] }] },
      errors: [{
        messageId: 'noVersion', severity: 'medium', line: 7, column: 9, key: '/mcpServers/filesystem/args[@modelcontextprotocol/server-filesystem]',
        message: 'Server "filesystem" in the Claude Desktop configuration runs the npm package @modelcontextprotocol/server-filesystem through npx without a version, so each start may fetch a different release that nobody reviewed.',
      }],
    },
    {
      name: '@latest and @next are high',
      config: { servers: [{ name: 'a', command: 'npx', args: ['-y', 'mcp-remote@latest', 'https://h.example/mcp'] }, { name: 'b', command: 'bunx', args: ['@playwright/mcp@next'] }] },
      errors: [
        { messageId: 'movingTag', severity: 'high', line: 7, column: 9, key: '/mcpServers/a/args[mcp-remote]', data: { tag: 'latest', spec: 'mcp-remote@latest' } },
        { messageId: 'movingTag', severity: 'high', line: 14, column: 9, key: '/mcpServers/b/args[@playwright/mcp]', data: { tag: 'next', runner: 'bunx' } },
      ],
    },
    {
      name: 'a version range is medium',
      config: { servers: [{ name: 'r', command: 'npx', args: ['-y', 'pkg@^1.2.0'] }] },
      errors: [{ messageId: 'versionRange', severity: 'medium', line: 7, column: 9, key: '/mcpServers/r/args[pkg]', data: { range: '^1.2.0' } }],
    },
    {
      name: 'uvx without a version',
      config: { servers: [{ name: 'fetch', command: 'uvx', args: ['mcp-server-fetch'] }] },
      errors: [{ messageId: 'noVersion', severity: 'medium', line: 6, column: 9, key: '/mcpServers/fetch/args[mcp-server-fetch]', data: { ecosystem: 'PyPI', runner: 'uvx' } }],
    },
    {
      name: 'git source without a commit (userinfo stripped)',
      config: { servers: [{ name: 'serena', command: 'uvx', args: ['--from', 'git+https://[REDACTED]@github.com/oraios/serena', 'serena'], secrets: [{ field: 'args/1', kind: 'url-credentials' }] }] },
      errors: [{ messageId: 'unpinnedSource', severity: 'medium', line: 7, column: 9, key: '/mcpServers/serena/args[git+https://github.com/oraios/serena]', data: { spec: 'git+https://github.com/oraios/serena' } }],
    },
    {
      name: 'uv run --with mcp[cli] (the `mcp install` shape)',
      config: { client: 'claude-desktop', servers: [{ name: 'demo', command: 'uv', args: ['run', '--with', 'mcp[cli]', 'mcp', 'run', '/srv/server.py'] }] },
      errors: [{ messageId: 'noVersion', severity: 'medium', line: 8, column: 9, key: '/mcpServers/demo/args[mcp]', data: { runner: 'uv run' } }],
    },
    {
      name: 'version from a variable is low',
      config: { servers: [{ name: 'v', command: 'pnpm', args: ['dlx', 'pkg@${PKG_VERSION}'] }] },
      errors: [{ messageId: 'versionFromVariable', severity: 'low', line: 7, column: 9, key: '/mcpServers/v/args[pkg]', data: { variable: '${PKG_VERSION}', runner: 'pnpm dlx' } }],
    },
    {
      name: 'Windows cmd /c npx, disabled',
      config: { servers: [{ name: 'w', command: 'cmd', args: ['/c', 'npx', '-y', 'pkg'], disabled: true }] },
      errors: [{ messageId: 'noVersion', severity: 'medium', line: 9, column: 9, key: '/mcpServers/w/args[pkg]', data: { disabled: 'true' } }],
    },
    {
      name: 'server.json version "latest"',
      config: { client: 'server.json', path: 'server.json', servers: [{ name: 'io.github.acme/crm', command: 'npx', args: ['@acme/crm-mcp@latest'] }] },
      errors: [{ messageId: 'movingTag', severity: 'high', line: 6, column: 9, key: '/mcpServers/io.github.acme~1crm/args[@acme/crm-mcp]' }],
    },
    {
      name: 'pipx --spec range and npx -p tag',
      config: { servers: [{ name: 'p', command: 'pipx', args: ['run', '--spec', 'mcp-proxy>=0.8', 'mcp-proxy'] }, { name: 'n', command: 'npx', args: ['-p', 'mcp-remote@latest', 'mcp-remote', 'https://h.example/mcp'] }] },
      errors: [
        { messageId: 'versionRange', severity: 'medium', line: 8, column: 9, key: '/mcpServers/p/args[mcp-proxy]' },
        { messageId: 'movingTag', severity: 'high', line: 16, column: 9, key: '/mcpServers/n/args[mcp-remote]' },
      ],
    },
  ],
});
