/**
 * mcp.transport.tls-certificate (probe): the certificate an https endpoint presented to the probe
 * (read with Node's tls, verification recorded rather than enforced, so a bad certificate is still
 * seen). Findings, each its own result:
 * - expired: critical (every verifying client refuses it; one that connects anyway was told not to verify);
 * - expires within `expiryWarningDays` (mcp-comply.yaml `checks:`, default 30): medium;
 * - does not match the host name: high (a verifying client refuses it; accepting it accepts any server);
 * - not trusted (self-signed or an unknown issuer): high, for the same reason. An expired certificate
 *   is not reported a second time as untrusted.
 * Plain http endpoints: not_applicable; no handshake observed: not_observed with the reason.
 */
import type { Check } from '../types.js';
import { PROBE_MESSAGES, eachEndpoint } from './probe.js';
import { parseUrl } from './url.js';

export const check: Check = {
  meta: {
    id: 'mcp.transport.tls-certificate',
    title: 'Remote MCP endpoints present a valid, trusted certificate for their host name',
    severity: 'high',
    evidence: ['probe-endpoint'],
    messages: {
      ...PROBE_MESSAGES,
      expired: 'The certificate of {{url}}{{referenced}} expired on {{validTo}} ({{days}} day(s) ago): verifying clients refuse the endpoint, and any that connect do so without verification.',
      expiringSoon: 'The certificate of {{url}}{{referenced}} expires on {{validTo}}, in {{days}} day(s) (threshold {{threshold}} days): renew it before clients start refusing the endpoint.',
      hostnameMismatch: 'The certificate of {{url}}{{referenced}} does not name the host {{host}}: a verifying client refuses it, and one that accepts it would accept any server.',
      untrusted: 'The certificate of {{url}}{{referenced}} is {{trust}} ({{verifyError}}): a verifying client refuses it, and accepting it means accepting any server that presents such a certificate.',
      certificateValid: 'The certificate of {{url}} is trusted, names its host and is valid until {{validTo}} ({{days}} days).',
      notTls: 'The endpoint {{url}} is plain http, so it presents no certificate (mcp.transport.plaintext-http covers plain http).',
    },
    remediation: 'Serve the MCP endpoint with a certificate from a publicly trusted CA (or the organisation\'s internal CA, distributed to clients) that names the host and is renewed automatically well before it expires (e.g. ACME), and monitor expiry.',
  },
  run(context) {
    const { expiryWarningDays } = context.options['mcp.transport.tls-certificate'];
    return eachEndpoint(context.evidence('probe-endpoint'), (results) => {
      const { tls, url } = results.endpoint;
      if (!tls) {
        if (!url.startsWith('https:')) return results.notApplicable('notTls', 'tls');
        return results.unreached('the TLS certificate', 'tls');
      }
      const dates = { validTo: tls.validTo, days: Math.abs(tls.daysToExpiry) };
      const expired = tls.daysToExpiry < 0;
      let failed = true;
      if (expired) results.fail('expired', 'critical', 'tls/expiry', dates);
      else if (tls.daysToExpiry <= expiryWarningDays) results.fail('expiringSoon', 'medium', 'tls/expiry', { ...dates, threshold: expiryWarningDays });
      else failed = false;
      if (!tls.hostnameMatches) {
        failed = true;
        results.fail('hostnameMismatch', 'high', 'tls/hostname', { host: parseUrl(url)?.host ?? url });
      }
      if (!tls.trusted && !(expired && tls.verifyError === 'CERT_HAS_EXPIRED')) {
        failed = true;
        results.fail('untrusted', 'high', 'tls/trust', { trust: tls.selfSigned ? 'self-signed' : 'not issued by a trusted CA', verifyError: tls.verifyError ?? 'no verification error recorded' });
      }
      if (!failed) results.pass('certificateValid', 'tls', dates);
    });
  },
};
