import { check } from '../../../src/checks/mcp/mcp.supply-chain.unpinned-image.js';
import { checkTable } from '../../helpers/run-check.js';

const DIGEST = `sha256:${'d'.repeat(64)}`;

checkTable(check, {
  valid: [
    { name: 'image by digest', config: { servers: [{ name: 'gh', command: 'docker', args: ['run', '-i', '--rm', '-e', 'GITHUB_TOKEN', `mcp/github@${DIGEST}`] }] }, passes: ['pinnedByDigest'] },
    { name: 'tag plus digest, podman', config: { servers: [{ name: 'p', command: 'podman', args: ['run', '--rm', `ghcr.io/acme/mcp:1.2@${DIGEST}`, 'stdio'] }] } },
    { name: 'gateway --oci-ref by digest', config: { servers: [{ name: 'gw', command: 'docker', args: ['mcp', 'gateway', 'run', `--oci-ref=acme/tool@${DIGEST}`] }] } },
    { name: 'no containers', config: { servers: [{ name: 'n', command: 'npx', args: ['pkg@1.0.0'] }] }, empty: ['noContainers'] },
  ],
  invalid: [
    {
      name: ':latest after value-taking options',
      config: { servers: [{ name: 'github', command: 'docker', args: ['run', '-i', '--rm', '-e', 'GITHUB_TOKEN', 'mcp/github:latest'] }] },
      errors: [{
        messageId: 'latestTag', severity: 'medium', line: 11, column: 9, key: '/mcpServers/github/args[mcp/github]',
        message: 'Server "github" in the Cursor configuration runs the container image mcp/github:latest; the latest tag points at whatever was pushed last, so an unreviewed image runs on the next pull.',
      }],
    },
    {
      name: 'no tag means latest',
      config: { servers: [{ name: 'g', command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/github/github-mcp-server'] }] },
      errors: [{ messageId: 'noTag', severity: 'medium', line: 9, column: 9, key: '/mcpServers/g/args[ghcr.io/github/github-mcp-server]' }],
    },
    {
      name: 'a mutable version tag is low; a registry port is not a tag',
      config: { servers: [{ name: 't', command: 'docker', args: ['run', '--network=none', 'localhost:5000/mcp/x:1.0', '--flag'] }] },
      errors: [{ messageId: 'mutableTag', severity: 'low', line: 8, column: 9, key: '/mcpServers/t/args[localhost:5000/mcp/x]' }],
    },
    {
      name: 'image from a variable',
      config: { servers: [{ name: 'v', command: 'docker', args: ['run', '-i', '${MCP_IMAGE}'] }] },
      errors: [{ messageId: 'imageFromVariable', severity: 'low', line: 8, column: 9, key: '/mcpServers/v/args[${MCP_IMAGE}]' }],
    },
    {
      name: 'server.json OCI package normalised to docker run',
      config: { client: 'server.json', path: 'server.json', servers: [{ name: 'io.github.acme/crm', command: 'docker', args: ['run', '-i', '--rm', 'docker.io/acme/crm-mcp:1.0.0'] }] },
      errors: [{ messageId: 'mutableTag', severity: 'low', line: 9, column: 9, key: '/mcpServers/io.github.acme~1crm/args[docker.io/acme/crm-mcp]' }],
    },
    {
      name: 'gateway --oci-ref by tag',
      config: { servers: [{ name: 'gw', command: 'docker', args: ['mcp', 'gateway', 'run', '--oci-ref', 'acme/tool:latest'] }] },
      errors: [{ messageId: 'latestTag', severity: 'medium', line: 10, column: 9, key: '/mcpServers/gw/args[acme/tool]' }],
    },
    {
      name: 'Windows cmd /c docker, disabled',
      config: { servers: [{ name: 'w', command: 'cmd', args: ['/c', 'docker', 'run', '-i', 'mcp/time'], disabled: true }] },
      errors: [{ messageId: 'noTag', severity: 'medium', line: 10, column: 9, key: '/mcpServers/w/args[mcp/time]', data: { disabled: 'true' } }],
    },
  ],
});
