import { check } from '../../../src/checks/mcp/mcp.access.broad-filesystem-root.js';
import { checkTable } from '../../helpers/run-check.js';

const FS = '@modelcontextprotocol/server-filesystem@2025.8.21';

checkTable(check, {
  valid: [
    { name: 'project directory', config: { servers: [{ name: 'fs', command: 'npx', args: ['-y', FS, '/srv/project-docs', '/Users/alice/projects/app'] }] }, passes: ['scoped'] },
    { name: 'workspace folder and relative paths', config: { client: 'vscode', servers: [{ name: 'fs', command: 'npx', args: [FS, '${workspaceFolder}', './docs'] }] } },
    { name: 'git server on the current repository', config: { servers: [{ name: 'git', command: 'uvx', args: ['mcp-server-git==2025.1.14', '--repository', '.'] }] } },
    { name: 'read-only data mount', config: { servers: [{ name: 'd', command: 'docker', args: ['run', '-i', '-v', '/srv/data:/data:ro', 'mcp/filesystem', '/data'] }] } },
    { name: 'an example env file is not a secret store', config: { servers: [{ name: 'fs', command: 'npx', args: [FS, '/srv/app/.env.example'] }] } },
    { name: 'owner/repo is not a path', config: { servers: [{ name: 'gh', command: 'npx', args: ['-y', 'github-mcp@1.0.0', '--repo', 'acme/app'] }] }, empty: ['noFilesystemServers'] },
    { name: 'named volumes only', config: { servers: [{ name: 'v', command: 'docker', args: ['run', '-v', 'cache:/cache', 'img'] }] }, empty: ['noFilesystemServers'] },
  ],
  invalid: [
    {
      name: 'the filesystem root',
      config: { client: 'claude-desktop', servers: [{ name: 'filesystem', command: 'npx', args: ['-y', FS, '/'] }] },
      errors: [{
        messageId: 'filesystemRoot', severity: 'critical', line: 8, column: 9, key: '/mcpServers/filesystem/args[/]',
        message: 'Server "filesystem" in the Claude Desktop configuration gives the filesystem server the whole filesystem (/), including every credential store and the agent\'s own configuration.',
      }],
    },
    {
      name: 'home directories: POSIX, Windows, ~ and ${userHome}',
      config: { servers: [{ name: 'fs', command: 'npx', args: ['-y', FS, '/Users/alice', 'C:\\Users\\bob', '~', '${userHome}'] }] },
      errors: [
        { messageId: 'homeDirectory', severity: 'high', line: 8, column: 9, key: '/mcpServers/fs/args[/Users/alice]' },
        { messageId: 'homeDirectory', severity: 'high', line: 9, column: 9, key: '/mcpServers/fs/args[C:\\Users\\bob]' },
        { messageId: 'homeDirectory', severity: 'high', line: 10, column: 9, key: '/mcpServers/fs/args[~]' },
        { messageId: 'homeDirectory', severity: 'high', line: 11, column: 9, key: '/mcpServers/fs/args[${userHome}]' },
      ],
    },
    {
      name: 'a Windows drive root and every home directory',
      config: { servers: [{ name: 'win', command: 'cmd', args: ['/c', 'npx', '-y', FS, 'C:\\', 'C:\\Users'] }] },
      errors: [
        { messageId: 'filesystemRoot', severity: 'critical', line: 10, column: 9, key: '/mcpServers/win/args[C:\\]' },
        { messageId: 'allHomeDirectories', severity: 'high', line: 11, column: 9, key: '/mcpServers/win/args[C:\\Users]' },
      ],
    },
    {
      name: 'credential stores and agent configuration',
      config: { servers: [{ name: 'fs', command: 'npx', args: [FS, '~/.ssh', '/repo/.vscode', '%APPDATA%\\Claude'] }] },
      errors: [
        { messageId: 'sensitivePath', severity: 'critical', line: 7, column: 9, key: '/mcpServers/fs/args[~/.ssh]', data: { what: 'SSH keys' } },
        { messageId: 'sensitivePath', severity: 'critical', line: 8, column: 9, key: '/mcpServers/fs/args[/repo/.vscode]', data: { what: 'agent configuration' } },
        { messageId: 'sensitivePath', severity: 'critical', line: 9, column: 9, key: '/mcpServers/fs/args[%APPDATA%\\Claude]', data: { what: 'agent configuration' } },
      ],
    },
    {
      name: 'mcp-server-git on / (python -m) and on ~ (uvx -r)',
      config: { servers: [{ name: 'a', command: 'python', args: ['-m', 'mcp_server_git', '--repository', '/'] }, { name: 'b', command: 'uvx', args: ['mcp-server-git==2025.1.14', '-r', '~'] }] },
      errors: [
        { messageId: 'filesystemRoot', severity: 'critical', line: 9, column: 9, key: '/mcpServers/a/args[/]', data: { source: 'the server (--repository)' } },
        { messageId: 'homeDirectory', severity: 'high', line: 17, column: 9, key: '/mcpServers/b/args[~]', data: { source: 'the server (-r)' } },
      ],
    },
    {
      name: 'container bind mounts: host root, $HOME via --mount, read-only ~/.aws',
      config: { servers: [{ name: 'd', command: 'docker', args: ['run', '-i', '-v', '/:/host', '--mount', 'type=bind,source=${HOME},target=/home', '-v', '~/.aws:/root/.aws:ro', 'img'] }] },
      errors: [
        { messageId: 'filesystemRoot', severity: 'critical', line: 9, column: 9, key: '/mcpServers/d/args[/]' },
        { messageId: 'homeDirectory', severity: 'high', line: 11, column: 9, key: '/mcpServers/d/args[${HOME}]' },
        { messageId: 'sensitivePath', severity: 'critical', line: 13, column: 9, key: '/mcpServers/d/args[~/.aws]', data: { source: 'its container (read-only bind mount)' } },
      ],
    },
    {
      name: 'a directory flag of another server, disabled',
      config: { servers: [{ name: 'x', command: 'acme-mcp', args: ['--root=/'], disabled: true }] },
      errors: [{ messageId: 'filesystemRoot', severity: 'critical', line: 6, column: 9, key: '/mcpServers/x/args[/]', data: { source: 'the server (--root)', disabled: 'true' } }],
    },
    {
      name: 'allowed directories from an environment variable',
      config: { servers: [{ name: 'fs', command: 'npx', args: [FS], env: { ALLOWED_DIRECTORIES: '/home:/srv' } }] },
      errors: [{ messageId: 'allHomeDirectories', severity: 'high', line: 9, column: 32, key: '/mcpServers/fs/env/ALLOWED_DIRECTORIES[/home]' }],
    },
  ],
});
