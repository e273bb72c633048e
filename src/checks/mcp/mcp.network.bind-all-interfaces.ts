/**
 * mcp.network.bind-all-interfaces (MCP-NS-01, mcp-formats §3.2 NET-004): local MCP servers, bridges
 * and gateways listen on loopback only. Fails (high) on listen-address flags (--host 0.0.0.0,
 * --bind ::, --listen :8080, --sse-host 0.0.0.0, ...), listen-address variables (HOST, *_HOST,
 * *_BIND*, *_LISTEN*, *_ADDR), container ports published without a host address (-p 8080:8080,
 * -p 0.0.0.0:..., -P) and Docker MCP Gateway --host. MCP Inspector refuses a wildcard HOST unless
 * DANGEROUSLY_BIND_ALL_INTERFACES is true: HOST alone is low (refused at start), with the opt-in
 * high; the opt-in alone is medium (the next HOST change exposes it).
 */
import type { Check } from '../types.js';
import { envSettings, parseInvocation, tokenField } from './command-line.js';
import { argKey, envKey } from './locate.js';
import { eachConfig } from './results.js';
import { isLoopbackHost, parseUrl } from './url.js';
import { isInterpolated, isTruthy, looseName } from './values.js';

const LISTEN_FLAG = /^(host|bind|listen|address|addr|ip|interface|hostname)$|(listen|bind)|(host|addr|address)$/;
const LISTEN_ENV = /(^|_)(HOST|BIND|LISTEN|ADDR|ADDRESS|INTERFACE)(_|$)/i;
const NOT_A_LISTENER_ENV = /^(DOCKER_HOST|DB_HOST|DATABASE_HOST|PGHOST|MYSQL_HOST|REDIS_HOST|SMTP_HOST|.*_(DB|DATABASE|SMTP|API|UPSTREAM|REMOTE|PROXY)_HOST)$/i;
const INSPECTOR = /(^|\/)inspector$|^mcp-inspector$/i;

/** A wildcard address: 0.0.0.0, ::, [::], *, optionally with a port; `:8080` (empty host) when `emptyHostCounts`. */
export function isAllInterfaces(raw: string, emptyHostCounts: boolean): boolean {
  let v = raw.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (v === '' || isInterpolated(v)) return false;
  const url = parseUrl(v);
  if (url) return !url.hostIsVariable && (url.host === '0.0.0.0' || url.host === '::' || url.host === '*' || (emptyHostCounts && url.host === ''));
  v = v.replace(/^\[([^\]]*)\](:\d+)?$/, '$1');
  if (v === '0.0.0.0' || v === '::' || v === '*' || v === '0' || v === '0:0:0:0:0:0:0:0') return true;
  if (/^(0\.0\.0\.0|\*):\d+$/.test(v)) return true;
  return emptyHostCounts && /^:\d+$/.test(v);
}

/** A loopback listen address (`127.0.0.1`, `localhost:8080`, `[::1]`, `http://127.0.0.1:3000`). */
function isLoopbackAddress(raw: string): boolean {
  const v = raw.trim().replace(/^(["'])(.*)\1$/, '$2');
  const url = parseUrl(v);
  if (url) return !url.hostIsVariable && isLoopbackHost(url.host);
  const host = v.replace(/^\[([^\]]*)\](:\d+)?$/, '$1').replace(/^([^:]+):\d+$/, '$1');
  return isLoopbackHost(host);
}

/** A value that is a listen address (wildcard or loopback), not a remote host name a client connects to. */
function isListenAddress(raw: string, emptyHostCounts: boolean): boolean {
  return isAllInterfaces(raw, emptyHostCounts) || isLoopbackAddress(raw);
}

/** `-p` value: [ip:][hostPort:]containerPort[/proto]; returns whether it is published beyond loopback. */
export function publishesWide(value: string): boolean {
  const v = value.trim();
  if (isInterpolated(v)) return false;
  const v6 = /^\[([^\]]+)\]:/.exec(v);
  if (v6) return isAllInterfaces(v6[1]!, false);
  const parts = v.split(':');
  if (parts.length <= 2) return true; // "8080" or "8080:80": every interface
  const ip = parts.slice(0, parts.length - 2).join(':');
  return ip === '' || isAllInterfaces(ip, false);
}

export const check: Check = {
  meta: {
    id: 'mcp.network.bind-all-interfaces',
    title: 'Local MCP servers listen on loopback only',
    severity: 'high',
    evidence: ['mcp-config'],
    messages: {
      bindAllArgument: 'Server "{{server}}"{{state}} in the {{client}} configuration is started with {{setting}} {{value}}, so it listens on every network interface and anyone on the local network can reach it.',
      bindAllEnv: 'Server "{{server}}"{{state}} in the {{client}} configuration sets {{setting}} to a wildcard address in its environment, so it listens on every network interface and anyone on the local network can reach it.',
      publishedPort: 'Server "{{server}}"{{state}} in the {{client}} configuration publishes container port {{port}} on every host interface (no 127.0.0.1 host address), so anyone on the local network can reach it.',
      publishAllPorts: 'Server "{{server}}"{{state}} in the {{client}} configuration publishes all exposed container ports on every host interface ({{setting}}).',
      gatewayHost: 'Server "{{server}}"{{state}} in the {{client}} configuration runs the Docker MCP Gateway with --host {{value}}, exposing every server behind the gateway to the network.',
      inspectorBindAll: 'Server "{{server}}"{{state}} in the {{client}} configuration runs MCP Inspector with a wildcard HOST and DANGEROUSLY_BIND_ALL_INTERFACES, exposing its process-spawning proxy to the network.',
      inspectorHostRefused: 'Server "{{server}}"{{state}} in the {{client}} configuration asks MCP Inspector to bind every interface (HOST); Inspector refuses this without DANGEROUSLY_BIND_ALL_INTERFACES, but the intent to expose its process-spawning proxy should be removed.',
      bindAllOptIn: 'Server "{{server}}"{{state}} in the {{client}} configuration sets DANGEROUSLY_BIND_ALL_INTERFACES, which lets MCP Inspector listen on every network interface as soon as HOST is changed.',
      loopbackOnly: 'Server "{{server}}"{{state}} in the {{client}} configuration binds its listeners to the local machine only.',
      noListeners: 'The {{client}} configuration {{path}} declares no listen address or published container port.',
    },
    remediation: 'Prefer stdio for local servers. When HTTP is needed, bind to loopback (--host 127.0.0.1, HOST=127.0.0.1), publish container ports as -p 127.0.0.1:PORT:PORT, and never set DANGEROUSLY_BIND_ALL_INTERFACES. Keep DNS-rebinding protection (Origin and Host checks) on and require a token even on loopback.',
  },
  run(context) {
    return eachConfig(context, (results) => {
      for (const server of results.file.servers) {
        const invocation = parseInvocation(server);
        const inspector = INSPECTOR.test(invocation.serverName ?? '');
        const optIn = envSettings(server).find((e) => e.name === 'DANGEROUSLY_BIND_ALL_INTERFACES' && isTruthy(e.value));
        let inspectorHostFailed = false;

        // listen-address variables
        for (const setting of envSettings(server)) {
          if (!LISTEN_ENV.test(setting.name) || NOT_A_LISTENER_ENV.test(setting.name)) continue;
          const emptyHost = /LISTEN|ADDR/i.test(setting.name);
          if (!isListenAddress(setting.value, emptyHost)) continue;
          results.evaluate(server);
          if (!isAllInterfaces(setting.value, emptyHost)) continue;
          const at = { field: setting.field, key: envKey(server, setting), data: { setting: setting.name } };
          if (inspector && setting.name === 'HOST') {
            inspectorHostFailed = true;
            if (optIn) results.fail(server, { ...at, messageId: 'inspectorBindAll', severity: 'high' });
            else results.fail(server, { ...at, messageId: 'inspectorHostRefused', severity: 'low' });
          } else {
            results.fail(server, { ...at, messageId: 'bindAllEnv', severity: 'high' });
          }
        }
        if (optIn && !inspectorHostFailed) {
          results.fail(server, { messageId: 'bindAllOptIn', severity: 'medium', field: optIn.field, key: envKey(server, optIn) });
        }

        // Docker MCP Gateway --host
        for (const flag of invocation.gateway ?? []) {
          if (flag.name !== 'host') continue;
          results.evaluate(server);
          if (isAllInterfaces(flag.value, true)) {
            results.fail(server, { messageId: 'gatewayHost', severity: 'high', field: tokenField(flag.valueToken), key: argKey(server, '--host'), data: { value: flag.value } });
          }
        }

        // container ports
        for (const option of invocation.docker?.options ?? []) {
          if (option.name === '--publish-all' && (option.value === undefined || isTruthy(option.value))) {
            results.fail(server, { messageId: 'publishAllPorts', severity: 'high', field: tokenField(option.flag), key: argKey(server, '--publish-all'), data: { setting: option.flag.value.startsWith('--') ? '--publish-all' : '-P' } });
          }
          if (option.name !== '--publish' || option.value === undefined || !option.valueToken) continue;
          results.evaluate(server);
          if (publishesWide(option.value)) {
            results.fail(server, { messageId: 'publishedPort', severity: 'high', field: tokenField(option.valueToken), key: argKey(server, `--publish ${option.value}`), data: { port: option.value } });
          }
        }

        // listen-address flags of the server itself (gateway flags were read above)
        if (!invocation.gateway) {
          const args = invocation.serverArgs;
          for (let i = 0; i < args.length; i++) {
            const v = args[i]!.value;
            if (!v.startsWith('-')) continue;
            const eq = v.indexOf('=');
            const flag = eq < 0 ? v : v.slice(0, eq);
            if (!flag.startsWith('--') || !LISTEN_FLAG.test(looseName(flag))) continue;
            const valueToken = eq < 0 ? args[i + 1] : args[i]!;
            const value = eq < 0 ? valueToken?.value : v.slice(eq + 1);
            if (!valueToken || value === undefined || value.startsWith('-')) continue;
            if (eq < 0) i++;
            const emptyHost = /listen|bind|addr/i.test(flag);
            if (!isListenAddress(value, emptyHost)) continue;
            results.evaluate(server);
            if (isAllInterfaces(value, emptyHost)) {
              results.fail(server, { messageId: 'bindAllArgument', severity: 'high', field: tokenField(valueToken), key: argKey(server, flag), data: { setting: flag, value } });
            }
          }
        }
      }
      return results.finish('loopbackOnly', 'noListeners');
    });
  },
};
