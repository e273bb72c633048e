/**
 * mcp.gateway.insecure-flag (MCP-NS-04, mcp-formats §2.4 and §3.3 AUTH-002, §3.8 LOG-001/003):
 * gateways, bridges and dev tools keep their protective features on.
 *
 * Docker MCP Gateway (`docker mcp gateway run`, or the docker/mcp-gateway image):
 *   --allow-unauthenticated critical; --verify-signatures=false high; --block-secrets=false and
 *   --log-calls=false medium; DOCKER_MCP_ALLOW_INSECURE_REMOTE_URLS set high; host-bind allowlists
 *   (MCP_GATEWAY_DOCKER_BIND_ALLOWED_PATHS, ..._ALLOW_WRITABLE_PATHS) that include / or a home
 *   directory high.
 * MCP Inspector: DANGEROUSLY_OMIT_AUTH=true critical (an unauthenticated process-spawning proxy,
 *   the CVE-2025-49596 class).
 * mcp-remote: --allow-http high (lets the bridge send tokens over plain HTTP).
 */
import type { McpServer } from '../../collectors/mcp-config/model.js';
import type { Check } from '../types.js';
import { envSettings, parseInvocation, tokenField } from './command-line.js';
import { argKey, envKey } from './locate.js';
import { classifyHostPath, splitPathList } from './paths.js';
import { eachConfig } from './results.js';
import { isFalsy, isInterpolated, isTruthy } from './values.js';

const INSPECTOR = /(^|\/)inspector$|^mcp-inspector$/i;
const SWITCHED_OFF: Record<string, { messageId: string; severity: 'high' | 'medium' }> = {
  'verify-signatures': { messageId: 'verifySignaturesOff', severity: 'high' },
  'block-secrets': { messageId: 'blockSecretsOff', severity: 'medium' },
  'log-calls': { messageId: 'logCallsOff', severity: 'medium' },
};

function isInspector(server: McpServer): boolean {
  return INSPECTOR.test(parseInvocation(server).serverName ?? '');
}

export const check: Check = {
  meta: {
    id: 'mcp.gateway.insecure-flag',
    title: 'MCP gateways, bridges and dev tools keep their security features on',
    severity: 'high',
    evidence: ['mcp-config'],
    messages: {
      allowUnauthenticated: 'Server "{{server}}"{{state}} in the {{client}} configuration runs the Docker MCP Gateway with --allow-unauthenticated, so anyone who reaches its port can call every tool behind it.',
      verifySignaturesOff: 'Server "{{server}}"{{state}} in the {{client}} configuration runs the Docker MCP Gateway with {{setting}}, so it starts server images without checking their signatures.',
      blockSecretsOff: 'Server "{{server}}"{{state}} in the {{client}} configuration runs the Docker MCP Gateway with {{setting}}, so secrets in tool arguments and results are no longer blocked.',
      logCallsOff: 'Server "{{server}}"{{state}} in the {{client}} configuration runs the Docker MCP Gateway with {{setting}}, so tool calls leave no audit trail in the gateway log.',
      insecureRemoteUrls: 'Server "{{server}}"{{state}} in the {{client}} configuration sets DOCKER_MCP_ALLOW_INSECURE_REMOTE_URLS, which lets the Docker MCP Gateway connect to plain-HTTP, loopback and private-network remote servers.',
      broadBindAllowlist: 'Server "{{server}}"{{state}} in the {{client}} configuration sets {{setting}} to include {{path}}, so servers behind the Docker MCP Gateway may bind-mount the whole filesystem or a home directory.',
      inspectorOmitAuth: 'Server "{{server}}"{{state}} in the {{client}} configuration sets DANGEROUSLY_OMIT_AUTH for MCP Inspector, leaving its process-spawning proxy without authentication (the CVE-2025-49596 class of attack).',
      allowHttp: 'Server "{{server}}"{{state}} in the {{client}} configuration passes --allow-http to mcp-remote, which lets the bridge send MCP messages and tokens over plain HTTP.',
      secureDefaults: 'Server "{{server}}"{{state}} in the {{client}} configuration keeps the security features of its gateway, bridge or inspector switched on.',
      noGateways: 'The {{client}} configuration {{path}} starts no MCP gateway, bridge or inspector.',
    },
    remediation: 'Remove --allow-unauthenticated and the =false overrides of --verify-signatures, --block-secrets and --log-calls, supply MCP_GATEWAY_AUTH_TOKEN from a secret store for HTTP transports, unset DOCKER_MCP_ALLOW_INSECURE_REMOTE_URLS and DANGEROUSLY_OMIT_AUTH, keep bind allowlists to project directories, and remove --allow-http from mcp-remote. Manage gateway launch arguments centrally so users cannot switch features off locally.',
  },
  run(context) {
    return eachConfig(context, (results) => {
      for (const server of results.file.servers) {
        const invocation = parseInvocation(server);
        if (invocation.gateway || invocation.bridge?.tool === 'mcp-remote' || isInspector(server)) results.evaluate(server);

        for (const flag of invocation.gateway ?? []) {
          if (isInterpolated(flag.value)) continue;
          const at = { field: tokenField(flag.token), key: argKey(server, `--${flag.name}`) };
          if (flag.name === 'allow-unauthenticated' && isTruthy(flag.value)) {
            results.fail(server, { ...at, messageId: 'allowUnauthenticated', severity: 'critical' });
          }
          const off = SWITCHED_OFF[flag.name];
          if (off && isFalsy(flag.value)) {
            const setting = flag.token === flag.valueToken ? flag.token.value : `--${flag.name} ${flag.value}`;
            results.fail(server, { ...at, ...off, data: { setting } });
          }
        }

        for (const setting of envSettings(server)) {
          const at = { field: setting.field, key: envKey(server, setting), data: { setting: setting.name } };
          const literal = !isInterpolated(setting.value);
          if (setting.name === 'DOCKER_MCP_ALLOW_INSECURE_REMOTE_URLS' && literal && setting.value.trim() !== '' && !isFalsy(setting.value)) {
            results.fail(server, { ...at, messageId: 'insecureRemoteUrls', severity: 'high' });
          } else if (setting.name === 'DANGEROUSLY_OMIT_AUTH' && literal && isTruthy(setting.value)) {
            results.fail(server, { ...at, messageId: 'inspectorOmitAuth', severity: 'critical' });
          } else if (/^MCP_GATEWAY_DOCKER_BIND_(ALLOWED_PATHS|ALLOW_WRITABLE_PATHS)$/.test(setting.name)) {
            // Path lists mix literals and variables: `${HOME}` is a known home directory, other variables are not judged.
            const broad = splitPathList(setting.value).find((p) => {
              const kind = classifyHostPath(p)?.kind;
              return kind === 'root' || kind === 'home' || kind === 'all-homes';
            });
            if (broad) results.fail(server, { ...at, messageId: 'broadBindAllowlist', severity: 'high', data: { setting: setting.name, path: broad } });
          }
        }

        const bridge = invocation.bridge;
        if (bridge?.tool === 'mcp-remote') {
          const allowHttp = bridge.flags.find((f) => f.name === '--allow-http' && (f.value === undefined || isTruthy(f.value)));
          if (allowHttp) results.fail(server, { messageId: 'allowHttp', severity: 'high', field: tokenField(allowHttp.token), key: argKey(server, '--allow-http') });
        }
      }
      return results.finish('secureDefaults', 'noGateways');
    });
  },
};
