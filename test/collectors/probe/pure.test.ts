/** The probe's pure parts: the WWW-Authenticate parser, days to expiry, self-signed detection, URL redaction, private hosts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChallenge } from '../../../src/collectors/probe/challenge.js';
import { credentialRefusal } from '../../../src/collectors/probe/index.js';
import { redactedUrl } from '../../../src/collectors/probe/http.js';
import { isLocalOrPrivateHost } from '../../../src/checks/mcp/url.js';
import { followable } from '../../../src/collectors/probe/observe.js';
import { daysToExpiry, isSelfSigned } from '../../../src/collectors/probe/tls.js';

describe('parseChallenge', () => {
  const cases: Array<[string, ReturnType<typeof parseChallenge>]> = [
    ['Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", scope="files:read files:write"',
      { scheme: 'Bearer', resourceMetadata: 'https://mcp.example.com/.well-known/oauth-protected-resource', scope: 'files:read files:write' }],
    ['Bearer error="invalid_token", error_description="The access token expired"', { scheme: 'Bearer', error: 'invalid_token' }],
    ['Bearer', { scheme: 'Bearer' }],
    ['Basic realm="x", Bearer resource_metadata=https://a.example/m', { scheme: 'Bearer', resourceMetadata: 'https://a.example/m' }],
    ['Basic dXNlcjpwYXNz, Bearer realm="r"', { scheme: 'Bearer' }],
    ['Digest realm="r", nonce="abc"', { scheme: 'Digest' }],
    ['bearer Scope="a\\"b"', { scheme: 'bearer', scope: 'a"b' }],
    ['', undefined],
  ];
  for (const [header, expected] of cases) it(JSON.stringify(header), () => assert.deepEqual(parseChallenge(header), expected));
});

describe('daysToExpiry', () => {
  const now = '2026-12-08T00:00:00.000Z';
  it('whole days left, floored', () => {
    assert.equal(daysToExpiry('2027-01-07T00:00:00.000Z', now), 30);
    assert.equal(daysToExpiry('2026-12-08T12:00:00.000Z', now), 0);
  });
  it('negative once expired', () => {
    assert.equal(daysToExpiry('2026-12-07T00:00:00.000Z', now), -1);
    assert.equal(daysToExpiry('2026-12-07T23:00:00.000Z', now), -1);
  });
});

describe('isSelfSigned', () => {
  const subject = { CN: 'mcp.example.com', O: 'Example' };
  it('the issuer certificate is the certificate itself', () => {
    assert.equal(isSelfSigned({ subject, issuer: subject, fingerprint256: 'AA', issuerCertificate: { fingerprint256: 'AA' } }), true);
  });
  it('a certificate issued by a CA', () => {
    assert.equal(isSelfSigned({ subject, issuer: { CN: 'Example CA', O: 'Example' }, fingerprint256: 'AA', issuerCertificate: { fingerprint256: 'BB' } }), false);
  });
  it('without the issuer certificate: subject equals issuer, in any order of fields', () => {
    assert.equal(isSelfSigned({ subject, issuer: { O: 'Example', CN: 'mcp.example.com' }, fingerprint256: 'AA' }), true);
    assert.equal(isSelfSigned({ subject, issuer: { CN: 'Example CA' }, fingerprint256: 'AA' }), false);
  });
});

describe('redactedUrl', () => {
  it('drops userinfo, query and fragment, and redacts a credential in the path', () => {
    assert.equal(redactedUrl('https://user:pw@mcp.example.com/mcp?api_key=abc#x'), 'https://mcp.example.com/mcp');
    assert.equal(redactedUrl('https://mcp.example.com/mcp'), 'https://mcp.example.com/mcp');
  });
});

describe('isLocalOrPrivateHost', () => {
  const cases: Array<[string, boolean]> = [
    ['127.0.0.1', true], ['localhost', true], ['[::1]', true], ['10.1.2.3', true], ['192.168.0.5', true], ['172.16.0.1', true],
    ['172.32.0.1', false], ['169.254.1.1', true], ['[fd12::1]', true], ['[fe80::1]', true], ['mcp.example.com', false], ['8.8.8.8', false],
    ['10.example.com', false], ['192.168.example.com', false],
  ];
  for (const [host, expected] of cases) it(host, () => assert.equal(isLocalOrPrivateHost(host), expected));
});

describe('credentialRefusal', () => {
  const credential = { pattern: 'http://*/**', header: 'Authorization', env: 'T', value: 'Bearer abcdefgh' };
  it('never over plain http to another host; over https or to loopback it is sent', () => {
    assert.deepEqual(credentialRefusal(new URL('http://mcp.example.com/mcp'), credential), { code: 'plaintext', reason: 'a credential is never sent over plain http to another host' });
    assert.equal(credentialRefusal(new URL('https://mcp.example.com/mcp'), credential), undefined);
    assert.equal(credentialRefusal(new URL('http://127.0.0.1:8080/mcp'), credential), undefined);
    assert.equal(credentialRefusal(new URL('http://[::1]:8080/mcp'), credential), undefined);
  });
  it('an unset variable', () => {
    assert.deepEqual(credentialRefusal(new URL('https://mcp.example.com/mcp'), { ...credential, value: undefined }), { code: 'credential-unset', reason: 'the variable T is not set' });
  });
});

describe('followable: metadata URLs a server names', () => {
  const table: Array<[string, string, boolean]> = [
    ['https://auth.example.com/.well-known/oauth-authorization-server', 'https://mcp.example.com/mcp', true],
    ['http://127.0.0.1:9000/.well-known/oauth-protected-resource', 'https://mcp.example.com/mcp', false],
    ['http://10.0.0.5/metadata', 'https://mcp.example.com/mcp', false],
    ['http://169.254.169.254/latest/meta-data', 'https://mcp.example.com/mcp', false],
    ['http://127.0.0.1:9000/.well-known/oauth-authorization-server', 'http://127.0.0.1:8080/mcp', true],
    ['https://auth.example.com/', 'http://192.168.1.20:8080/mcp', true],
  ];
  for (const [target, endpoint, expected] of table) {
    it(`${target} from ${endpoint}: ${expected}`, () => assert.equal(followable(target, new URL(endpoint)), expected));
  }
});
