/**
 * Which transport a configured MCP server serves, read statically from its entry, for advisories that
 * hold only for some transports (advisories/*.yaml `appliesTo.transports`).
 *
 * - An entry that declares an HTTP transport and also starts a process (a registry server.json package
 *   with `transport.type: streamable-http`): the process serves that transport.
 * - A transport named on the server's own command line (`--transport http`, `--transport=sse`,
 *   `-t sse`, the switches `--http`, `--sse`, `--stdio`, a subcommand such as `github-mcp-server
 *   stdio`) or by a transport variable in its environment (`MCP_TRANSPORT`, `TRANSPORT`,
 *   `TRANSPORT_MODE`, ...): that transport. supergateway is read by its own options (below).
 * - Otherwise a process the client starts serves stdio: the client talks to it over its standard
 *   input and output, which is what a command entry declares.
 *
 * A transport option or variable whose value is a run-time variable, or a word this module does not
 * know, leaves the transport undecided; the caller must say so rather than guess. The `--transport` of
 * mcp-remote and mcp-proxy (as clients) names how they reach the remote server, not what they serve to
 * the client, so it is not read.
 */
import type { McpServer } from '../../collectors/mcp-config/model.js';
import type { ServedTransport } from '../../collectors/advisories/model.js';
import { envSettings, parseInvocation, tokenField, type ArgToken } from './command-line.js';
import { safeText } from './url.js';
import { isInterpolated, isRedacted } from './values.js';

export type TransportReading =
  /**
   * `by`: what decided it, as written (`--transport sse`, `MCP_TRANSPORT=http`, `type "sse"`) or the
   * stdio default's reason; `field`: where (`args/3`, `env/MCP_TRANSPORT`, `type`), none for the default.
   */
  | { decided: true; transport: ServedTransport; by: string; field?: string }
  | { decided: false; why: string; field: string };

/** Options that take the transport as their value. */
const VALUE_OPTIONS = new Set(['--transport', '--transport-type']);
/** Switches that name a transport by themselves. */
const SWITCHES: Record<string, ServedTransport> = { '--stdio': 'stdio', '--sse': 'sse', '--http': 'streamable-http', '--streamable-http': 'streamable-http' };
/** Environment variables that choose a server's transport by common convention. */
const TRANSPORT_VARIABLE = /^(?:[A-Z0-9]+_)*TRANSPORT(?:_TYPE|_MODE)?$/i;

/** A transport word as servers spell it (`http`, `streamable_http`, `streamableHttp`, `SSE`, ...). */
export function transportWord(value: string): ServedTransport | undefined {
  const word = value.trim().toLowerCase().replace(/[-_\s]/g, '');
  if (word === 'stdio') return 'stdio';
  if (word === 'sse') return 'sse';
  if (word === 'http' || word === 'streamablehttp' || word === 'shttp' || word === 'streamable' || word === 'httpstream') return 'streamable-http';
  return undefined;
}

/** `label` names the source in a sentence (`the --transport option`); `shown` is how it reads as decided (`--transport sse`). */
function fromValue(value: string, label: string, shown: string, field: string): TransportReading {
  const transport = transportWord(value);
  if (transport) return { decided: true, transport, by: safeText(shown), field };
  if (isRedacted(value)) return { decided: false, why: `${label} holds a value that was redacted as a secret`, field };
  return isInterpolated(value)
    ? { decided: false, why: `${label} takes its value from a variable (${safeText(value)}) that is resolved at run time`, field }
    : { decided: false, why: `${label} names a transport this check does not know (${safeText(value)})`, field };
}

function fromArgs(args: ArgToken[]): TransportReading | undefined {
  for (let i = 0; i < args.length; i++) {
    const token = args[i]!;
    const [rawName, attached] = token.value.includes('=') ? [token.value.slice(0, token.value.indexOf('=')), token.value.slice(token.value.indexOf('=') + 1)] : [token.value, undefined];
    const name = rawName.toLowerCase();
    const switched = attached === undefined ? SWITCHES[name] : undefined;
    if (switched) return { decided: true, transport: switched, by: token.value, field: tokenField(token) };
    if (VALUE_OPTIONS.has(name)) {
      const valueToken = attached === undefined ? args[i + 1] : token;
      if (!valueToken) return { decided: false, why: `the ${rawName} option has no value`, field: tokenField(token) };
      const value = attached ?? valueToken.value;
      return fromValue(value, `the ${rawName} option`, `${rawName} ${value}`, tokenField(valueToken));
    }
    // `-t` is a transport option only in some servers (click's `-t/--transport`); elsewhere it means
    // anything, so it counts only when its value is a transport word.
    if (name === '-t' && attached === undefined && args[i + 1]) {
      const transport = transportWord(args[i + 1]!.value);
      if (transport) return { decided: true, transport, by: `-t ${args[i + 1]!.value}`, field: tokenField(args[i + 1]!) };
    }
    // A transport as a subcommand or positional (`github-mcp-server stdio`, `server sse`), unless the
    // word may be the value of the option before it (`--scheme http`).
    const previous = args[i - 1]?.value;
    const afterOption = previous !== undefined && previous.startsWith('-') && !previous.includes('=');
    const positional = !name.startsWith('-') && !afterOption ? transportWord(token.value) : undefined;
    if (positional) return { decided: true, transport: positional, by: `the ${token.value} argument`, field: tokenField(token) };
  }
  return undefined;
}

/**
 * supergateway serves what `--outputTransport` names; without it, SSE when it wraps a stdio server
 * (`--stdio "cmd"`) and stdio when it connects to a remote one (`--sse URL`, `--streamableHttp URL`),
 * as its README's option list says.
 */
function supergateway(flags: Array<{ name: string; value?: string; token: ArgToken }>): TransportReading {
  const output = flags.find((f) => f.name === '--outputTransport');
  if (output?.value !== undefined) return fromValue(output.value, 'the --outputTransport option', `--outputTransport ${output.value}`, tokenField(output.token));
  const wrapped = flags.find((f) => f.name === '--stdio');
  if (wrapped) return { decided: true, transport: 'sse', by: 'supergateway --stdio serves SSE unless --outputTransport says otherwise', field: tokenField(wrapped.token) };
  return { decided: true, transport: 'stdio', by: 'supergateway connects to a remote server and serves it over stdio' };
}

export function servedTransport(server: McpServer): TransportReading {
  if (server.transport === 'streamable-http' || server.transport === 'sse') {
    return { decided: true, transport: server.transport, by: `type "${server.declaredType ?? server.transport}"`, field: 'type' };
  }
  const invocation = parseInvocation(server);
  if (invocation.bridge?.tool === 'supergateway') return supergateway(invocation.bridge.flags);
  const bridgeClient = invocation.bridge?.tool === 'mcp-remote' || invocation.bridge?.tool === 'mcp-proxy';
  const fromFlags = bridgeClient ? undefined : fromArgs(invocation.serverArgs);
  if (fromFlags) return fromFlags;
  for (const setting of envSettings(server)) {
    if (TRANSPORT_VARIABLE.test(setting.name)) return fromValue(setting.value, `the environment variable ${setting.name}`, `${setting.name}=${setting.value}`, setting.field);
  }
  return { decided: true, transport: 'stdio', by: 'the client starts it and talks to it over stdio' };
}
