/**
 * mcp.transport.tls-protocol (probe): the TLS version an https endpoint negotiated with the probe.
 * Below TLS 1.2 (TLS 1.1, 1.0, SSL) is deprecated (RFC 8996) and fails: high. The probe sees the
 * version negotiated, not every version the server would accept, so a pass says so: a TLS scan
 * still has to show that older versions are refused. Plain http endpoints: not_applicable
 * (mcp.transport.plaintext-http judges them); no handshake observed: not_observed with the reason.
 */
import type { Check } from '../types.js';
import { PROBE_MESSAGES, eachEndpoint } from './probe.js';

const DEPRECATED = new Set(['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1']);
const CURRENT = new Set(['TLSv1.2', 'TLSv1.3']);

export const check: Check = {
  meta: {
    id: 'mcp.transport.tls-protocol',
    title: 'Remote MCP endpoints negotiate TLS 1.2 or later',
    severity: 'high',
    evidence: ['probe-endpoint'],
    messages: {
      ...PROBE_MESSAGES,
      deprecatedProtocol: 'The endpoint {{url}}{{referenced}} negotiated {{protocol}}, a TLS version below 1.2 that is deprecated (RFC 8996) and open to known attacks.',
      unknownProtocol: 'The endpoint {{url}}{{referenced}} negotiated the protocol "{{protocol}}", which this check does not know, so whether it is TLS 1.2 or later cannot be told.',
      currentProtocol: 'The endpoint {{url}} negotiated {{protocol}} (the version agreed with the probe; whether older versions are also accepted needs a TLS scan).',
      notTls: 'The endpoint {{url}} is plain http, so it has no TLS to judge (mcp.transport.plaintext-http covers plain http).',
    },
    remediation: 'Configure the server, load balancer or gateway in front of the MCP endpoint with TLS 1.2 as the minimum version (TLS 1.3 preferred) and disable SSLv3, TLS 1.0 and TLS 1.1.',
  },
  run(context) {
    return eachEndpoint(context.evidence('probe-endpoint'), (results) => {
      const { tls, url } = results.endpoint;
      if (!tls) {
        if (!url.startsWith('https:')) return results.notApplicable('notTls', 'tls');
        return results.unreached('the TLS handshake', 'tls');
      }
      const data = { protocol: tls.protocol };
      if (DEPRECATED.has(tls.protocol)) results.fail('deprecatedProtocol', 'high', 'tls/protocol', data);
      else if (CURRENT.has(tls.protocol)) results.pass('currentProtocol', 'tls/protocol', data);
      else results.notObserved('unknownProtocol', 'tls/protocol', data);
    });
  },
};
