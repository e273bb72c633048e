/**
 * mcp.transport.deprecated-sse (MCP-EN-03, MCP-IA-06, mcp-formats §3.2 NET-003): no server uses the
 * HTTP+SSE transport of protocol revision 2024-11-05, whose message endpoint carries the session id
 * in the URL query (`?sessionId=`) and which predates MCP-Protocol-Version. Evidence: `type: "sse"`
 * (or a client transport normalised to sse), URLs ending in /sse, bridges told to use SSE
 * (mcp-remote --transport sse-only / sse-first, supergateway --sse, mcp-proxy --transport sse) and
 * Docker MCP Gateway --transport sse.
 */
import type { Check } from '../types.js';
import { parseInvocation, tokenField } from './command-line.js';
import { argKey, fieldKey } from './locate.js';
import { endpointsOf } from './remote.js';
import { eachConfig } from './results.js';

const SSE_PATH = /\/sse\/?$/i;

export const check: Check = {
  meta: {
    id: 'mcp.transport.deprecated-sse',
    title: 'MCP servers use the streamable HTTP transport, not legacy HTTP+SSE',
    severity: 'low',
    evidence: ['mcp-config'],
    messages: {
      sseTransport: 'Server "{{server}}"{{state}} in the {{client}} configuration uses the deprecated HTTP+SSE transport to {{url}}; it carries the session id in the URL query, where access and proxy logs record it.',
      sseEndpoint: 'Server "{{server}}"{{state}} in the {{client}} configuration connects to {{url}}, an endpoint of the deprecated HTTP+SSE transport that carries the session id in the URL query.',
      bridgeSse: 'Server "{{server}}"{{state}} in the {{client}} configuration tells {{bridge}} to use the deprecated HTTP+SSE transport ({{setting}}) for {{url}}.',
      gatewaySse: 'Server "{{server}}"{{state}} in the {{client}} configuration runs the Docker MCP Gateway with --transport sse, the deprecated HTTP+SSE transport; use --transport streaming.',
      currentTransport: 'Server "{{server}}"{{state}} in the {{client}} configuration uses stdio or the streamable HTTP transport, not legacy HTTP+SSE.',
      noRemoteServers: 'The {{client}} configuration {{path}} declares no HTTP server, bridge or gateway transport.',
    },
    remediation: 'Move to the streamable HTTP transport (protocol revision 2025-03-26 or later): set type to http or streamable-http, point the URL at the streamable endpoint (usually /mcp instead of /sse), use --transport streaming for Docker MCP Gateway, and retire the legacy endpoint on the server.',
  },
  run(context) {
    return eachConfig(context, (results) => {
      for (const server of results.file.servers) {
        const invocation = parseInvocation(server);
        for (const endpoint of endpointsOf(server)) {
          if (endpoint.via === 'argument') continue;
          results.evaluate(server);
          const data = { url: endpoint.display };
          if (endpoint.via === 'url') {
            if (server.transport === 'sse' || /^sse$/i.test(server.declaredType ?? '')) {
              const field = server.positions.type ? 'type' : 'url';
              results.fail(server, { messageId: 'sseTransport', severity: 'low', field, key: fieldKey(server, 'type'), data });
            } else if (endpoint.url && SSE_PATH.test(endpoint.url.path)) {
              results.fail(server, { messageId: 'sseEndpoint', severity: 'low', field: endpoint.field, key: endpoint.key, data });
            }
            continue;
          }
          const bridge = endpoint.bridge!;
          const transport = bridge.transport;
          if (transport && /^sse/i.test(transport.value)) {
            const setting = bridge.tool === 'supergateway' ? '--sse' : `--transport ${transport.value}`;
            results.fail(server, {
              messageId: 'bridgeSse', severity: 'low', field: tokenField(transport.token), key: argKey(server, setting.split(' ')[0]!),
              data: { ...data, bridge: bridge.tool, setting },
            });
          } else if (endpoint.url && SSE_PATH.test(endpoint.url.path)) {
            results.fail(server, { messageId: 'sseEndpoint', severity: 'low', field: endpoint.field, key: endpoint.key, data });
          }
        }
        const transport = invocation.gateway?.find((f) => f.name === 'transport');
        if (transport) {
          results.evaluate(server);
          if (/^sse$/i.test(transport.value)) {
            results.fail(server, { messageId: 'gatewaySse', severity: 'low', field: tokenField(transport.valueToken), key: argKey(server, '--transport') });
          }
        }
      }
      return results.finish('currentTransport', 'noRemoteServers');
    });
  },
};
