/**
 * mcp.transport.plaintext-http (MCP-EN-01, mcp-formats §3.2 NET-001): every MCP connection that
 * leaves the local host uses HTTPS. Looks at the entry's url (url / serverUrl / httpUrl, server.json
 * remotes), bridge targets (mcp-remote, mcp-proxy, supergateway) and URLs passed as arguments.
 * http:// to a non-loopback host fails high; to a host known only at run time, medium; to loopback
 * without any declared credential, low (any local process or DNS-rebound page can use it).
 */
import type { Check } from '../types.js';
import { declaredCredential, endpointsOf } from './remote.js';
import { eachConfig } from './results.js';
import { isLoopbackHost, isPlaintextScheme } from './url.js';

export const check: Check = {
  meta: {
    id: 'mcp.transport.plaintext-http',
    title: 'MCP connections use HTTPS',
    severity: 'high',
    evidence: ['mcp-config'],
    messages: {
      plainHttp: 'Server "{{server}}"{{state}} in the {{client}} configuration connects to {{url}} over plain HTTP, so MCP messages and any credentials cross the network unencrypted.',
      plainHttpBridge: 'Server "{{server}}"{{state}} in the {{client}} configuration uses {{bridge}} to reach {{url}} over plain HTTP, so MCP messages and any credentials cross the network unencrypted.',
      plainHttpArgument: 'Server "{{server}}"{{state}} in the {{client}} configuration is started with the plain-HTTP URL {{url}} as an argument, so what the server exchanges with that host is not encrypted.',
      plainHttpVariableHost: 'Server "{{server}}"{{state}} in the {{client}} configuration connects over plain HTTP to {{url}}, whose host is only known at run time; unless it resolves to the local machine, MCP messages cross the network unencrypted.',
      loopbackWithoutCredential: 'Server "{{server}}"{{state}} in the {{client}} configuration connects to the local endpoint {{url}} over plain HTTP and declares no credential, so any local process, or a web page using DNS rebinding, can call it.',
      encrypted: 'Server "{{server}}"{{state}} in the {{client}} configuration uses HTTPS, or plain HTTP only to the local machine with a credential, for every URL it names.',
      noRemoteServers: 'The {{client}} configuration {{path}} names no literal http://, https://, ws:// or wss:// URL for any server.',
    },
    remediation: 'Change http:// URLs to https:// and serve MCP over TLS 1.2 or later (terminate TLS at a gateway or ingress for servers on other hosts). Keep plain HTTP to loopback only, and even there require a token.',
  },
  run(context) {
    return eachConfig(context, (results) => {
      for (const server of results.file.servers) {
        // A URL that is entirely a variable (`${MCP_URL}`) cannot be judged: it earns neither a pass nor a failure.
        const endpoints = endpointsOf(server).filter((e) => e.url);
        if (endpoints.length === 0) continue;
        results.evaluate(server);
        for (const endpoint of endpoints) {
          const url = endpoint.url;
          if (!url || !isPlaintextScheme(url.scheme)) continue;
          const data = { url: endpoint.display, bridge: endpoint.bridge?.tool ?? '' };
          const at = { field: endpoint.field, key: endpoint.key, data };
          if (url.hostIsVariable) {
            if (endpoint.via !== 'argument') results.fail(server, { ...at, messageId: 'plainHttpVariableHost', severity: 'medium' });
          } else if (!isLoopbackHost(url.host)) {
            const messageId = endpoint.via === 'url' ? 'plainHttp' : endpoint.via === 'bridge' ? 'plainHttpBridge' : 'plainHttpArgument';
            results.fail(server, { ...at, messageId, severity: 'high' });
          } else if (endpoint.via !== 'argument' && !declaredCredential(server, endpoint)) {
            results.fail(server, { ...at, messageId: 'loopbackWithoutCredential', severity: 'low' });
          }
        }
      }
      return results.finish('encrypted', 'noRemoteServers');
    });
  },
};
