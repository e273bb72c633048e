/** Evidence from logs never holds a sensitive value, wherever in a log it was planted and whatever shape its line has. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EvidenceItem } from '../../../src/evidence/types.js';
import type { LogSourceEvidence } from '../../../src/collectors/logs/model.js';
import { at, collect, logsTemp, PARALLEL, planted, write } from './support.js';

const { githubToken, jwt, password, visa, ssn } = planted;
const panDigits = visa.replace(/ /g, '');

/** Every planted value, and the parts of them that would give them away. */
const FORBIDDEN = [
  githubToken, githubToken.slice(4), jwt, jwt.split('.')[2]!, password, visa, panDigits, planted.mastercard, planted.amex,
  planted.amex.replace(/ /g, ''), ssn, ssn.replace(/-/g, ''), planted.nino, planted.highEntropy,
];

function assertNoLeak(items: EvidenceItem[]): void {
  const text = JSON.stringify(items);
  for (const value of FORBIDDEN) assert.ok(!text.includes(value), `${value.slice(0, 6)}... leaked into the evidence`);
}

function plantedLogs(root: string): string[] {
  const line = (o: object) => `${JSON.stringify(o)}\n`;
  const base = { method: 'tools/call', tool: 'pay', source_ip: '10.0.0.1' };
  const jsonlFile = write(root, 'gateway.jsonl', Buffer.concat([
    Buffer.from([
      line({ ts: at(0), identity: githubToken, client: jwt, server: panDigits, ...base, status: 200 }),
      line({ ts: at(1), identity: 'alice', ...base, status: 401, args: { card: visa, password, headers: { Authorization: `Bearer ${jwt}` } } }),
      line({ ts: at(2), identity: jwt, ...base, status: 429, result: { content: [{ type: 'text', text: `ssn ${ssn}, card ${visa}, nino ${planted.nino}` }], password } }),
      line({ ts: at(3), identity: visa, ...base, tool: panDigits, status: 401, args: { token: githubToken } }),
      line({ ts: at(4), identity: ssn, ...base, status: 401, session: githubToken, args: { amex: planted.amex, n: Number(planted.mastercard) } }),
      `{"ts":"${at(5)}","identity":"${githubToken}","args":{"password":"${password}","card":"${visa}","ssn":"${ssn}"\n`,
      `["${githubToken}","${password}","${jwt}"]\n`,
      `{"ts":"${at(6)}","url":"https://svc:${password}@db.example.com/?access_token=${planted.highEntropy}"}\n`,
    ].join('')),
    Buffer.from(`{"identity":"${password}","note":"`), Buffer.from([0xff, 0xfe]), Buffer.from(` ${githubToken} ${visa} ${ssn} ${jwt}"}\n`),
    Buffer.from(`{"ts":"${at(7)}","identity":"${password}","args":{"token":"${githubToken}","card":"${visa}`),
  ]));
  const claudeFile = write(root, 'mcp.log', [
    `2025-07-20T13:44:17.002Z [pay] [info] Message from client: {"method":"tools/call","params":{"name":"${panDigits}","arguments":{"card":"${visa}","token":"${githubToken}"}},"jsonrpc":"2.0","id":1} { metadata: undefined }`,
    `2025-07-20T13:44:17.100Z [${githubToken}] [info] Message from server: {"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"${ssn} ${jwt}`,
    `Error: login failed for postgres://svc:${password}@db.internal/app with Bearer ${jwt}`,
    `    at charge (/srv/pay.js:1:1) card=${visa}`,
    '',
  ].join('\n'));
  const accessFile = write(root, 'access.log', [
    `10.0.0.5 - ${panDigits} [23/Nov/2026:10:00:00 -0700] "POST /mcp?access_token=${planted.highEntropy} HTTP/1.1" 401 0 "-" "curl/8"`,
    `10.0.0.5 - ${githubToken} [23/Nov/2026:10:00:01 -0700] "GET /pay;jsessionid=${planted.highEntropy}?card=${panDigits} HTTP/1.1" 200 0 "https://x.example/?token=${githubToken}" "agent ${jwt}"`,
    `10.0.0.5 - - [23/Nov/2026:10:00:02 -0700] "GET /${githubToken} HTTP/1.1" 404 0`,
    `garbage ${password} ${githubToken} ${visa}`,
    '',
  ].join('\n'));
  return [jsonlFile, claudeFile, accessFile];
}

describe('secrets never leak into log evidence', () => {
  const root = logsTemp();
  const files = plantedLogs(root);

  it('inline: none of the planted values appears anywhere, though every kind was found', async () => {
    const items = await collect(root, files.map((path) => ({ path })));
    assert.deepEqual(items.filter((i) => i.kind === 'log-source').map((i) => i.source), ['gateway.jsonl', 'mcp.log', 'access.log']);
    assertNoLeak(items);
    const [json, claude, access] = items.filter((i) => i.kind === 'log-source').map((i) => i.data as LogSourceEvidence);
    const kindsOf = (d: LogSourceEvidence) => new Set([...d.sensitive.cardNumbers.hits, ...d.sensitive.secrets.hits, ...d.sensitive.nationalIds.hits, ...d.sessionIdsInUrls.hits].map((h) => h.kind));
    for (const kind of ['visa', 'amex', 'mastercard', 'github-token', 'jwt', 'high-entropy-secret', 'url-credentials', 'us-ssn', 'uk-nino']) {
      assert.ok(kindsOf(json!).has(kind), `${kind} not found in the JSONL log`);
    }
    for (const kind of ['visa', 'github-token', 'jwt', 'url-credentials', 'us-ssn']) assert.ok(kindsOf(claude!).has(kind), `${kind} not found in mcp.log`);
    for (const kind of ['visa', 'github-token', 'jwt', 'jsessionid']) assert.ok(kindsOf(access!).has(kind), `${kind} not found in access.log`);
    assert.deepEqual(json!.skipped.samples.map((s) => [s.line, s.code]), [[6, 'not-json'], [7, 'not-object'], [9, 'not-utf8'], [10, 'truncated']]);
    // Identities, clients, servers and tools that hold secrets are shown as their kind only.
    assert.ok(json!.identities.top.some((v) => v.value === '[REDACTED: github-token]'));
    assert.ok(json!.requests!.top.some((p) => p.key === '[REDACTED: visa]'));
    assert.ok(access!.identities.top.some((v) => v.value === '[REDACTED: visa]'));
  });

  it('on worker threads too', async () => {
    assertNoLeak(await collect(root, files.map((path) => ({ path })), { parallel: PARALLEL }));
  });
});
