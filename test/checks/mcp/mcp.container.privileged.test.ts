import { check } from '../../../src/checks/mcp/mcp.container.privileged.js';
import { checkTable } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    {
      name: 'hardened container',
      config: { servers: [{ name: 'gh', command: 'docker', args: ['run', '-i', '--rm', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges', '--read-only', '--user', '1000:1000', '--network', 'none', 'mcp/github'] }] },
      passes: ['unprivileged'],
    },
    { name: 'explicitly not privileged; data mount', config: { servers: [{ name: 'd', command: 'podman', args: ['run', '--privileged=false', '-v', '/srv/data:/data', 'img'] }] } },
    { name: 'no containers', config: { servers: [{ name: 'n', command: 'npx', args: ['pkg@1.0.0'] }] }, empty: ['noContainers'] },
  ],
  invalid: [
    {
      name: '--privileged',
      config: { servers: [{ name: 'p', command: 'docker', args: ['run', '-i', '--privileged', 'img'] }] },
      errors: [{
        messageId: 'privileged', severity: 'critical', line: 8, column: 9, key: '/mcpServers/p/args[--privileged]',
        message: 'Server "p" in the Cursor configuration runs its container with --privileged, which gives it every capability and the host\'s devices, so a compromised server controls the host.',
      }],
    },
    {
      name: 'Docker socket (POSIX, //, --mount and the Windows pipe)',
      config: {
        servers: [{
          name: 'gw', command: 'docker',
          args: ['run', '-i', '-v', '/var/run/docker.sock:/var/run/docker.sock', '--mount', 'type=bind,src=//var/run/docker.sock,dst=/s', '-v', '\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine', 'docker/mcp-gateway@sha256:' + 'e'.repeat(64)],
        }],
      },
      errors: [
        { messageId: 'runtimeSocket', severity: 'critical', line: 9, column: 9, key: '/mcpServers/gw/args[/var/run/docker.sock]' },
        { messageId: 'runtimeSocket', severity: 'critical', line: 11, column: 9, key: '/mcpServers/gw/args[//var/run/docker.sock]' },
        { messageId: 'runtimeSocket', severity: 'critical', line: 13, column: 9, key: '/mcpServers/gw/args[\\\\.\\pipe\\docker_engine]' },
      ],
    },
    {
      name: 'added capabilities by tier',
      config: { servers: [{ name: 'c', command: 'docker', args: ['run', '--cap-add', 'SYS_ADMIN', '--cap-add=CAP_NET_ADMIN', '--cap-add', 'chown', '--cap-add=ALL', 'img'] }] },
      errors: [
        { messageId: 'capabilityAdded', severity: 'high', line: 8, column: 9, key: '/mcpServers/c/args[--cap-add SYS_ADMIN]' },
        { messageId: 'capabilityAdded', severity: 'medium', line: 9, column: 9, key: '/mcpServers/c/args[--cap-add NET_ADMIN]', data: { capability: 'NET_ADMIN' } },
        { messageId: 'capabilityAdded', severity: 'low', line: 11, column: 9, key: '/mcpServers/c/args[--cap-add CHOWN]' },
        { messageId: 'capabilityAdded', severity: 'high', line: 12, column: 9, key: '/mcpServers/c/args[--cap-add ALL]' },
      ],
    },
    {
      name: 'host namespaces',
      config: { servers: [{ name: 'n', command: 'docker', args: ['run', '--pid=host', '--net', 'host', '--ipc', 'host', '--uts=host', 'img'] }] },
      errors: [
        { messageId: 'hostNamespace', severity: 'high', line: 7, column: 9, key: '/mcpServers/n/args[--pid]', data: { namespace: 'pid' } },
        { messageId: 'hostNamespace', severity: 'high', line: 9, column: 9, key: '/mcpServers/n/args[--network]', data: { setting: '--network host' } },
        { messageId: 'hostNamespace', severity: 'high', line: 11, column: 9, key: '/mcpServers/n/args[--ipc]' },
        { messageId: 'hostNamespace', severity: 'medium', line: 12, column: 9, key: '/mcpServers/n/args[--uts]' },
      ],
    },
    {
      name: 'confinement switched off and the host root mounted (disabled, podman)',
      config: { servers: [{ name: 'u', command: 'podman', args: ['run', '--security-opt', 'seccomp=unconfined', '-v', '/:/host:ro', 'img'], disabled: true }] },
      errors: [
        { messageId: 'confinementDisabled', severity: 'high', line: 8, column: 9, key: '/mcpServers/u/args[--security-opt seccomp=unconfined]', data: { disabled: 'true' } },
        { messageId: 'hostRoot', severity: 'critical', line: 10, column: 9, key: '/mcpServers/u/args[/]' },
      ],
    },
  ],
});
