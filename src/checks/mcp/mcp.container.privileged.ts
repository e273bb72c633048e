/**
 * mcp.container.privileged (MCP-NS-02, mcp-formats §3.2 NET-006): containers that run MCP servers
 * get no elevated privileges or host access. In `docker/podman/nerdctl run` entries:
 * --privileged and mounts of a container-runtime socket (/var/run/docker.sock, podman, containerd,
 * the Windows docker_engine pipe) or of the host root (-v /:/host) are critical; --cap-add ALL or
 * SYS_ADMIN, host namespaces (--network host, --pid host, --ipc host) and disabled confinement
 * (--security-opt seccomp=unconfined, apparmor=unconfined, label=disable) are high; other
 * escape-relevant capabilities and the uts/userns/cgroupns host namespaces medium; any other added
 * capability low.
 */
import type { Severity } from '../../catalog/model.js';
import type { Check } from '../types.js';
import { hostMounts, parseInvocation, tokenField } from './command-line.js';
import { argKey } from './locate.js';
import { classifyHostPath } from './paths.js';
import { eachConfig } from './results.js';
import { isFalsy, isInterpolated } from './values.js';

const ESCAPE_CAPABILITIES = new Set([
  'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'SYS_BOOT', 'SYS_TIME', 'DAC_READ_SEARCH', 'DAC_OVERRIDE', 'NET_ADMIN', 'BPF',
  'PERFMON', 'MAC_ADMIN', 'MAC_OVERRIDE', 'SETFCAP', 'SYSLOG', 'MKNOD',
]);
const HOST_NAMESPACE: Record<string, Severity> = { '--network': 'high', '--pid': 'high', '--ipc': 'high', '--uts': 'medium', '--userns': 'medium', '--cgroupns': 'medium' };
const UNCONFINED = /^(seccomp|apparmor|systempaths)[=:]unconfined$|^label[=:]disable$|^no-new-privileges[=:]false$/i;

export const check: Check = {
  meta: {
    id: 'mcp.container.privileged',
    title: 'Containerised MCP servers run without elevated privileges or host access',
    severity: 'critical',
    evidence: ['mcp-config'],
    messages: {
      privileged: 'Server "{{server}}"{{state}} in the {{client}} configuration runs its container with {{setting}}, which gives it every capability and the host\'s devices, so a compromised server controls the host.',
      runtimeSocket: 'Server "{{server}}"{{state}} in the {{client}} configuration mounts the container runtime socket {{path}} into its container, which lets it start privileged containers and so control the host.',
      hostRoot: 'Server "{{server}}"{{state}} in the {{client}} configuration mounts the host root filesystem ({{path}}) into its container.',
      capabilityAdded: 'Server "{{server}}"{{state}} in the {{client}} configuration adds the {{capability}} capability to its container ({{setting}}).',
      hostNamespace: 'Server "{{server}}"{{state}} in the {{client}} configuration shares the host\'s {{namespace}} namespace with its container ({{setting}}), removing that isolation.',
      confinementDisabled: 'Server "{{server}}"{{state}} in the {{client}} configuration switches off container confinement ({{setting}}).',
      unprivileged: 'Server "{{server}}"{{state}} in the {{client}} configuration runs its container without privileged mode, added capabilities, host namespaces, disabled confinement, or mounts of the host root or a container runtime socket.',
      noContainers: 'The {{client}} configuration {{path}} starts no server in a container.',
    },
    remediation: 'Remove --privileged, --cap-add, host namespaces (--network host, --pid host, --ipc host), unconfined security options and mounts of /var/run/docker.sock or / from MCP container arguments; add --cap-drop ALL, --security-opt no-new-privileges, --read-only and --user with a non-root UID. Give servers that must manage containers a scoped API proxy instead of the raw socket.',
  },
  run(context) {
    return eachConfig(context, (results) => {
      for (const server of results.file.servers) {
        const invocation = parseInvocation(server);
        const run = invocation.docker;
        if (invocation.kind !== 'docker-run' || !run) continue;
        results.evaluate(server);
        for (const option of run.options) {
          const value = option.value;
          const valueToken = option.valueToken ?? option.flag;
          if (option.name === '--privileged' && !isFalsy(value)) {
            results.fail(server, { messageId: 'privileged', severity: 'critical', field: tokenField(option.flag), key: argKey(server, '--privileged'), data: { setting: '--privileged' } });
          } else if (option.name === '--cap-add' && value !== undefined && !isInterpolated(value)) {
            for (const raw of value.split(',')) {
              const capability = raw.trim().toUpperCase().replace(/^CAP_/, '');
              if (!capability) continue;
              const severity: Severity = capability === 'ALL' || capability === 'SYS_ADMIN' ? 'high' : ESCAPE_CAPABILITIES.has(capability) ? 'medium' : 'low';
              results.fail(server, {
                messageId: 'capabilityAdded', severity, field: tokenField(valueToken), key: argKey(server, `--cap-add ${capability}`),
                data: { capability, setting: `--cap-add ${capability}` },
              });
            }
          } else if (HOST_NAMESPACE[option.name] && value?.trim().toLowerCase() === 'host') {
            results.fail(server, {
              messageId: 'hostNamespace', severity: HOST_NAMESPACE[option.name]!, field: tokenField(valueToken), key: argKey(server, option.name),
              data: { namespace: option.name.slice(2), setting: `${option.name} host` },
            });
          } else if (option.name === '--security-opt' && value !== undefined && UNCONFINED.test(value.trim())) {
            results.fail(server, {
              messageId: 'confinementDisabled', severity: 'high', field: tokenField(valueToken), key: argKey(server, `--security-opt ${value.trim()}`),
              data: { setting: `--security-opt ${value.trim()}` },
            });
          }
        }
        for (const mount of hostMounts(run)) {
          const found = classifyHostPath(mount.source);
          const token = mount.option.valueToken ?? mount.option.flag;
          if (found?.kind === 'runtime-socket') {
            results.fail(server, { messageId: 'runtimeSocket', severity: 'critical', field: tokenField(token), key: argKey(server, mount.source), data: { path: mount.source } });
          } else if (found?.kind === 'root') {
            results.fail(server, { messageId: 'hostRoot', severity: 'critical', field: tokenField(token), key: argKey(server, mount.source), data: { path: mount.source } });
          }
        }
      }
      return results.finish('unprivileged', 'noContainers');
    });
  },
};
