import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/mcp/mcp.transport.tls-certificate.js';
import { oauthEndpoint, openEndpoint, probeItem, tlsOf, unreachedEndpoint } from '../../helpers/probe-evidence.js';
import { checkTable, renderMessage, runCheck } from '../../helpers/run-check.js';

const URL = 'https://mcp.example.com/mcp';
const withTls = (overrides: Parameters<typeof tlsOf>[0]) => probeItem(oauthEndpoint({ tls: tlsOf(overrides) }));
const threshold = (expiryWarningDays: number) => ({ options: { 'mcp.transport.tls-certificate': { expiryWarningDays } } });

checkTable(check, {
  valid: [
    { name: 'trusted, matching, 200 days left', items: [probeItem(oauthEndpoint())], passes: ['certificateValid'] },
    { name: '31 days left with the default threshold of 30', items: [withTls({ daysToExpiry: 31 })], passes: ['certificateValid'] },
    { name: '20 days left with a threshold of 14', items: [withTls({ daysToExpiry: 20 })], settings: threshold(14), passes: ['certificateValid'] },
    { name: 'a plain http endpoint', items: [probeItem(openEndpoint('http://mcp.example.com/mcp'))], empty: ['notTls'] },
    { name: 'an https endpoint the probe could not reach', items: [probeItem(unreachedEndpoint())], unseen: ['unreached'] },
  ],
  invalid: [
    {
      name: 'expired: critical, and not reported again as untrusted',
      items: [withTls({ validTo: '2026-11-20T00:00:00.000Z', daysToExpiry: -3, trusted: false, verifyError: 'CERT_HAS_EXPIRED' })],
      errors: [{
        messageId: 'expired', severity: 'critical', key: 'tls/expiry',
        message: `The certificate of ${URL}, named by .cursor/mcp.json:3 "crm" expired on 2026-11-20T00:00:00.000Z (3 day(s) ago): verifying clients refuse the endpoint, and any that connect do so without verification.`,
      }],
    },
    {
      name: 'expiring within the default 30 days: medium',
      items: [withTls({ validTo: '2026-12-03T12:00:00.000Z', daysToExpiry: 10 })],
      errors: [{
        messageId: 'expiringSoon', severity: 'medium', key: 'tls/expiry',
        message: `The certificate of ${URL}, named by .cursor/mcp.json:3 "crm" expires on 2026-12-03T12:00:00.000Z, in 10 day(s) (threshold 30 days): renew it before clients start refusing the endpoint.`,
      }],
    },
    { name: 'within a configured threshold of 60', items: [withTls({ daysToExpiry: 45 })], settings: threshold(60), errors: [{ messageId: 'expiringSoon', severity: 'medium', key: 'tls/expiry', data: { threshold: 60 } }] },
    {
      name: 'the wrong host',
      items: [withTls({ hostnameMatches: false, trusted: false, verifyError: 'ERR_TLS_CERT_ALTNAME_INVALID' })],
      errors: [
        { messageId: 'hostnameMismatch', severity: 'high', key: 'tls/hostname', message: `The certificate of ${URL}, named by .cursor/mcp.json:3 "crm" does not name the host mcp.example.com: a verifying client refuses it, and one that accepts it would accept any server.` },
        { messageId: 'untrusted', severity: 'high', key: 'tls/trust' },
      ],
    },
    {
      name: 'self-signed',
      items: [withTls({ trusted: false, selfSigned: true, verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT' })],
      errors: [{
        messageId: 'untrusted', severity: 'high', key: 'tls/trust',
        message: `The certificate of ${URL}, named by .cursor/mcp.json:3 "crm" is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT): a verifying client refuses it, and accepting it means accepting any server that presents such a certificate.`,
      }],
    },
    { name: 'an unknown issuer', items: [withTls({ trusted: false, verifyError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' })], errors: [{ messageId: 'untrusted', severity: 'high', key: 'tls/trust', data: { trust: 'not issued by a trusted CA' } }] },
    {
      name: 'a certificate read although the MCP exchange then failed',
      items: [probeItem({ ...unreachedEndpoint(URL, { code: 'tls', reason: 'certificate has expired' }), tls: tlsOf({ daysToExpiry: -1, trusted: false, verifyError: 'CERT_HAS_EXPIRED' }) })],
      errors: [{ messageId: 'expired', severity: 'critical', key: 'tls/expiry' }],
    },
  ],
});

describe('mcp.transport.tls-certificate: messages', () => {
  it('a pass says until when', () => {
    const [result] = runCheck(check, [probeItem(oauthEndpoint())]);
    assert.equal(renderMessage(check, result!), `The certificate of ${URL} is trusted, names its host and is valid until 2027-06-11T12:00:00.000Z (200 days).`);
  });
  it('an endpoint whose handshake was not observed is not_observed with the reason', () => {
    const [result] = runCheck(check, [probeItem(unreachedEndpoint(URL, { code: 'refused', reason: 'connection refused' }))]);
    assert.equal(renderMessage(check, result!), `The probe could not observe the TLS certificate at ${URL} (refused: connection refused), named by .cursor/mcp.json:3 "crm".`);
  });
});
