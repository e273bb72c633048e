import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/mcp/mcp.transport.tls-protocol.js';
import { oauthEndpoint, openEndpoint, probeItem, tlsOf, unreachedEndpoint } from '../../helpers/probe-evidence.js';
import { checkTable, renderMessage, runCheck } from '../../helpers/run-check.js';

const URL = 'https://mcp.example.com/mcp';
const withProtocol = (protocol: string) => probeItem(oauthEndpoint({ tls: tlsOf({ protocol }) }));

checkTable(check, {
  valid: [
    { name: 'TLS 1.3', items: [withProtocol('TLSv1.3')], passes: ['currentProtocol'] },
    { name: 'TLS 1.2', items: [withProtocol('TLSv1.2')], passes: ['currentProtocol'] },
    { name: 'plain http', items: [probeItem(openEndpoint('http://10.0.0.5:8080/mcp'))], empty: ['notTls'] },
    { name: 'unreached', items: [probeItem(unreachedEndpoint())], unseen: ['unreached'] },
    { name: 'a protocol string this check does not know', items: [withProtocol('unknown')], unseen: ['unknownProtocol'] },
  ],
  invalid: [
    {
      name: 'TLS 1.1', items: [withProtocol('TLSv1.1')],
      errors: [{ messageId: 'deprecatedProtocol', severity: 'high', key: 'tls/protocol', message: `The endpoint ${URL}, named by .cursor/mcp.json:3 "crm" negotiated TLSv1.1, a TLS version below 1.2 that is deprecated (RFC 8996) and open to known attacks.` }],
    },
    { name: 'TLS 1.0', items: [withProtocol('TLSv1')], errors: [{ messageId: 'deprecatedProtocol', severity: 'high', key: 'tls/protocol' }] },
    { name: 'SSLv3', items: [withProtocol('SSLv3')], errors: [{ messageId: 'deprecatedProtocol', severity: 'high', key: 'tls/protocol' }] },
  ],
});

describe('mcp.transport.tls-protocol: messages', () => {
  it('a pass claims only the negotiated version', () => {
    const [result] = runCheck(check, [withProtocol('TLSv1.3')]);
    assert.equal(renderMessage(check, result!), `The endpoint ${URL} negotiated TLSv1.3 (the version agreed with the probe; whether older versions are also accepted needs a TLS scan).`);
  });
});
