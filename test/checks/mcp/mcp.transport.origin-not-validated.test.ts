import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/mcp/mcp.transport.origin-not-validated.js';
import { isLocalOrPrivateUrl } from '../../../src/checks/mcp/probe.js';
import { openEndpoint, probeItem, unreachedEndpoint } from '../../helpers/probe-evidence.js';
import { checkTable, renderMessage, runCheck } from '../../helpers/run-check.js';

const LOCAL = 'http://127.0.0.1:8931/mcp';
const foreign = (refused: boolean, status: number) => ({ origin: 'https://evil.example', status, refused });

checkTable(check, {
  valid: [
    { name: 'loopback refuses a foreign Origin with 403', items: [probeItem(openEndpoint(LOCAL, { originCheck: foreign(true, 403) }))], passes: ['foreignOriginRefused'] },
    { name: 'a public endpoint, not tested', items: [probeItem(openEndpoint('https://mcp.example.com/mcp'))], empty: ['publicEndpoint'] },
    { name: 'a loopback endpoint that was not reached', items: [probeItem(unreachedEndpoint(LOCAL, { code: 'refused', reason: 'connection refused' }))], unseen: ['unreached'] },
    { name: 'a 401 to the foreign Origin (authorization before Origin) tells nothing: not observed', items: [probeItem(openEndpoint(LOCAL, { originCheck: foreign(false, 401) }))], unseen: ['originInconclusive'] },
    { name: 'a loopback endpoint reached, but no Origin test recorded', items: [probeItem(openEndpoint('http://localhost:3000/mcp'))], unseen: ['unreached'] },
  ],
  invalid: [
    {
      name: 'loopback accepts a foreign Origin: high',
      items: [probeItem(openEndpoint(LOCAL, { originCheck: foreign(false, 200) }))],
      errors: [{
        messageId: 'foreignOriginAccepted', severity: 'high', key: 'origin',
        message: `The endpoint ${LOCAL}, named by .cursor/mcp.json:3 "crm" answered initialize sent with the foreign Origin https://evil.example (HTTP 200) instead of refusing it with 403: through DNS rebinding, any web page the user opens can call this local or private server.`,
      }],
    },
    { name: 'a private address accepts it: high', items: [probeItem(openEndpoint('http://192.168.1.20:8080/mcp', { originCheck: foreign(false, 200) }))], errors: [{ messageId: 'foreignOriginAccepted', severity: 'high', key: 'origin' }] },
    { name: 'a public endpoint that was tested and accepts it: medium', items: [probeItem(openEndpoint('https://mcp.example.com/mcp', { originCheck: foreign(false, 200) }))], errors: [{ messageId: 'foreignOriginAcceptedPublic', severity: 'medium', key: 'origin' }] },
  ],
});

describe('mcp.transport.origin-not-validated', () => {
  it('knows local and private addresses from the URL alone', () => {
    const urls = ['http://127.0.0.1/mcp', 'http://localhost:3000/mcp', 'http://[::1]:8080/mcp', 'http://10.1.2.3/mcp', 'http://172.16.0.1/mcp', 'http://172.32.0.1/mcp', 'http://192.168.0.1/mcp', 'http://169.254.1.1/mcp', 'http://[fd12:3456::1]/mcp', 'https://10.example.com/mcp', 'https://mcp.example.com/mcp'];
    assert.deepEqual(urls.map(isLocalOrPrivateUrl), [true, true, true, true, true, false, true, true, true, false, false]);
  });
  it('an inconclusive answer says what came back and what would decide it', () => {
    const [result] = runCheck(check, [probeItem(openEndpoint(LOCAL, { originCheck: foreign(false, 401) }))]);
    assert.equal(renderMessage(check, result!), `The endpoint ${LOCAL}, named by .cursor/mcp.json:3 "crm" answered initialize sent with the foreign Origin https://evil.example with HTTP 401, which neither serves nor refuses it: whether it validates Origin cannot be seen without a credential (probe.credentials).`);
  });
  it('a pass names the status', () => {
    const [result] = runCheck(check, [probeItem(openEndpoint(LOCAL, { originCheck: foreign(true, 403) }))]);
    assert.equal(renderMessage(check, result!), `The endpoint ${LOCAL} refused initialize sent with the foreign Origin https://evil.example (HTTP 403).`);
  });
});
