/** The log collector end to end on files: the fixture logs, gzip, hashes, bad lines, windows, sensitive hits and what evidence shows of them. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import type { LogSourceEvidence, SensitiveHit } from '../../../src/collectors/logs/model.js';
import { resolveCheckOptions } from '../../../src/config/check-options.js';
import { at, collect, collectText, FIXTURES, jsonl, logsTemp, only, planted, write } from './support.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const fixtureLines = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8').split('\n');

/** The hit's column points at the value in the raw line. */
function assertColumn(lines: string[], hit: SensitiveHit, value: string): void {
  assert.ok(hit.column, `hit without a column: ${JSON.stringify(hit)}`);
  const line = lines[hit.line - 1]!;
  assert.ok(line.slice(hit.column - 1).startsWith(value.slice(0, 10)), `column ${hit.column} of line ${hit.line} is at ${JSON.stringify(line.slice(hit.column - 1, hit.column + 20))}, not at the value`);
}

/** What does not depend on how the file was stored. */
const content = ({ path: _p, gzip: _g, sha256: _s, bytes: _b, ...rest }: LogSourceEvidence) => rest;

describe('the canonical JSONL fixture', async () => {
  const items = await collect(FIXTURES, [{ path: path.join(FIXTURES, 'gateway.jsonl') }]);
  const data = only(items);
  const lines = fixtureLines('gateway.jsonl');

  it('one log-source item, format sniffed, the file hashed and measured', () => {
    assert.deepEqual(items.map((i) => [i.id, i.kind, i.collector, i.source, i.collectedAt]), [
      ['log-source:gateway.jsonl', 'log-source', 'logs', 'gateway.jsonl', '2026-11-23T12:00:00.000Z'],
    ]);
    const bytes = fs.readFileSync(path.join(FIXTURES, 'gateway.jsonl'));
    assert.equal(data.path, 'gateway.jsonl');
    assert.equal(data.format, 'jsonl');
    assert.equal(data.formatFrom, 'detected');
    assert.equal(data.fields, undefined);
    assert.equal(data.gzip, false);
    assert.equal(data.sha256, sha256(bytes));
    assert.equal(data.bytes, bytes.length);
    assert.equal(data.lines, 8);
    assert.equal(data.events, 8);
    assert.deepEqual(data.skipped, { count: 0, byCode: {}, samples: [] });
  });

  it('time span: oldest and newest wherever they are in the file', () => {
    assert.deepEqual(data.timeSpan, { oldest: { ts: '2026-11-20T08:59:59.000Z', line: 7 }, newest: { ts: '2026-11-20T09:00:05.500Z', line: 8 } });
  });

  it('counts of identities, clients, servers, methods, tools and statuses', () => {
    assert.deepEqual(data.identities, { distinct: 3, capped: false, top: [{ value: 'alice@example.com', count: 3 }, { value: 'bob@example.com', count: 2 }, { value: 'carol', count: 2 }] });
    assert.deepEqual(data.clients, { distinct: 2, capped: false, top: [{ value: 'cursor', count: 6 }, { value: 'claude-code', count: 2 }] });
    assert.deepEqual(data.servers, { distinct: 1, capped: false, top: [{ value: 'billing', count: 8 }] });
    assert.deepEqual(data.methods.top, [{ value: 'tools/call', count: 4 }, { value: 'initialize', count: 1 }, { value: 'ping', count: 1 }, { value: 'tools/list', count: 1 }]);
    assert.deepEqual(data.tools.top, [{ value: 'refund', count: 2 }, { value: 'charge_card', count: 1 }, { value: 'lookup_customer', count: 1 }]);
    assert.deepEqual(data.statuses, { 200: 5, 401: 1, 429: 1, 500: 1 });
  });

  it('audit gaps: who, what and when missing, with their lines', () => {
    assert.deepEqual(data.audit, {
      events: 8, incomplete: 3, identity: { count: 1, lines: [4] }, action: { count: 1, lines: [5] }, timestamp: { count: 1, lines: [6] },
    });
  });

  it('sensitive data: kind, line, column and field; identifiers such as session are not hits', () => {
    assert.deepEqual(data.sensitive.cardNumbers, { count: 1, lines: 1, hits: [{ line: 2, column: data.sensitive.cardNumbers.hits[0]!.column, field: 'args.card', kind: 'visa' }] });
    assertColumn(lines, data.sensitive.cardNumbers.hits[0]!, '4111 1111 1111 1111');
    assert.deepEqual(data.sensitive.nationalIds.hits.map(({ column: _, ...h }) => h), [{ line: 3, field: 'result.content[0].text', kind: 'us-ssn' }]);
    assertColumn(lines, data.sensitive.nationalIds.hits[0]!, '123-45-6789');
    assert.deepEqual(data.sensitive.secrets, { count: 0, lines: 0, hits: [] });
    assert.deepEqual(data.sessionIdsInUrls, { count: 0, lines: 0, hits: [] });
  });

  it('windows: a 401 keyed by source IP, requests per identity (or source IP), default windows', () => {
    assert.equal(data.authFailures!.windowSeconds, 300);
    assert.deepEqual(data.authFailures!.top.map((p) => [p.key, p.keyType, p.peak, p.total, p.from.line, p.to.line]), [['203.0.113.9', 'source_ip', 1, 1, 4, 4]]);
    assert.equal(data.requests!.windowSeconds, 60);
    // Line 6 has no time: it is in the statuses, not in the windows.
    assert.equal(data.requests!.total, 7);
    assert.deepEqual(data.requests!.top.map((p) => [p.key, p.keyType, p.peak, p.total]), [
      ['alice@example.com', 'identity', 3, 3], ['bob@example.com', 'identity', 2, 2], ['203.0.113.9', 'source_ip', 1, 1], ['carol', 'identity', 1, 1],
    ]);
  });

  it('samples are shapes: identifiers shown, payloads reduced to types, never their values', () => {
    assert.deepEqual(data.samples.map((s) => s.line), [1, 2, 3]);
    assert.deepEqual(data.samples[1]!.event, {
      ts: '2026-11-20T09:00:01.000Z', identity: 'alice@example.com', client: 'cursor', server: 'billing', method: 'tools/call',
      tool: 'charge_card', source_ip: '10.0.0.5', status: 200,
      args: { card: '<string(19)>', amount: '<number>' }, result: { content: ['<object>'] },
    });
    const shown = JSON.stringify(data.samples);
    assert.ok(!shown.includes('4111') && !shown.includes('6789') && !shown.includes('s-7f3a'), shown);
  });
});

describe('the Claude Desktop fixture', async () => {
  const data = only(await collect(FIXTURES, [{ path: path.join(FIXTURES, 'mcp.log') }]));
  const lines = fixtureLines('mcp.log');

  it('timestamped lines are events; stack trace lines continue a message and are neither events nor skipped', () => {
    assert.equal(data.format, 'claude-desktop');
    assert.equal(data.formatFrom, 'detected');
    assert.equal(data.lines, 13);
    assert.equal(data.events, 10);
    assert.deepEqual(data.skipped, { count: 0, byCode: {}, samples: [] });
  });

  it('servers, the client, JSON-RPC methods, tools called and error codes', () => {
    assert.deepEqual(data.servers.top, [{ value: 'weather', count: 7 }, { value: 'filesystem', count: 1 }, { value: 'github', count: 1 }, { value: 'payments', count: 1 }]);
    assert.deepEqual(data.clients.top, [{ value: 'claude-desktop', count: 10 }]);
    assert.deepEqual(data.methods.top, [{ value: 'tools/call', count: 2 }, { value: 'initialize', count: 1 }]);
    assert.deepEqual(data.tools.top, [{ value: 'charge', count: 1 }, { value: 'get_forecast', count: 1 }]);
    assert.deepEqual(data.statuses, { '-32601': 1 });
    assert.deepEqual(data.timeSpan, { oldest: { ts: '2025-03-09T12:17:32.271Z', line: 8 }, newest: { ts: '2025-07-20T13:44:18.200Z', line: 13 } });
  });

  it('a card number in tool arguments, with its JSON path inside the message', () => {
    assert.deepEqual(data.sensitive.cardNumbers.hits.map(({ column: _, ...h }) => h), [{ line: 7, field: 'params.arguments.card', kind: 'mastercard' }]);
    assertColumn(lines, data.sensitive.cardNumbers.hits[0]!, '5555 5555 5555 4444');
  });

  it('no audit, no request or authentication windows: a client log of local processes', () => {
    assert.equal(data.audit, undefined);
    assert.equal(data.requests, undefined);
    assert.equal(data.authFailures, undefined);
  });
});

describe('the combined access log fixture', async () => {
  const data = only(await collect(FIXTURES, [{ path: path.join(FIXTURES, 'access.log') }]));
  const lines = fixtureLines('access.log');

  it('format sniffed; a line of another shape is skipped as unrecognised', () => {
    assert.equal(data.format, 'combined');
    assert.equal(data.lines, 8);
    assert.equal(data.events, 7);
    assert.deepEqual(data.skipped, { count: 1, byCode: { unrecognised: 1 }, samples: [{ line: 8, code: 'unrecognised', reason: 'not a combined or common log format line' }] });
  });

  it('identities from authuser, methods without the query, statuses, times with their offsets', () => {
    assert.deepEqual(data.identities.top, [{ value: 'alice', count: 3 }, { value: 'bob', count: 1 }]);
    assert.deepEqual(data.methods.top, [{ value: 'POST /mcp', count: 5 }, { value: 'GET /sse', count: 1 }, { value: 'POST /messages', count: 1 }]);
    assert.deepEqual(data.statuses, { 200: 3, 202: 1, 401: 2, 429: 1 });
    assert.deepEqual(data.timeSpan, { oldest: { ts: '2026-11-23T17:00:00.000Z', line: 1 }, newest: { ts: '2026-11-23T17:00:06.000Z', line: 7 } });
  });

  it('a session id in the request URL, located in the line', () => {
    assert.deepEqual(data.sessionIdsInUrls.hits.map(({ column: _, ...h }) => h), [{ line: 5, field: 'request', kind: 'sessionId' }]);
    assertColumn(lines, data.sessionIdsInUrls.hits[0]!, 'sessionId=');
    assert.deepEqual(data.sensitive.secrets.hits, []);
  });

  it('401s per source IP, requests per identity or source IP, 429s counted; no audit', () => {
    assert.deepEqual(data.authFailures!.top.map((p) => [p.key, p.keyType, p.peak, p.from, p.to]), [
      ['203.0.113.9', 'source_ip', 2, { line: 1, ts: '2026-11-23T17:00:00.000Z' }, { line: 2, ts: '2026-11-23T17:00:01.000Z' }],
    ]);
    assert.equal(data.requests!.total, 7);
    assert.equal(data.requests!.keys, 4);
    assert.equal(data.requests!.throttled, 1);
    assert.deepEqual(data.requests!.top.map((p) => [p.key, p.keyType, p.peak, p.throttled]), [
      ['alice', 'identity', 3, 0], ['203.0.113.9', 'source_ip', 2, 0], ['10.0.0.7', 'source_ip', 1, 0], ['bob', 'identity', 1, 1],
    ]);
    assert.equal(data.audit, undefined);
  });

  it('samples never show the request with its query', () => {
    assert.deepEqual(data.samples[0], { line: 1, event: { ts: '2026-11-23T17:00:00.000Z', method: 'POST /mcp', source_ip: '203.0.113.9', status: 401 } });
    assert.ok(!JSON.stringify(data.samples).includes('trace=1'));
  });
});

describe('how a file is read', () => {
  const events = (n: number, extra: (i: number) => object = () => ({})) =>
    Array.from({ length: n }, (_, i) => ({ ts: at(i), identity: `user-${i % 3}`, method: 'tools/call', tool: 'search', status: 200, ...extra(i) }));

  it('a format given in the config is used as given, with its field mapping', async () => {
    const fields = { ts: 'time', identity: 'user.id', status: 'http.status' };
    const data = await collectText(jsonl([
      { time: Date.UTC(2026, 10, 23, 10) / 1000, user: { id: 'u-1' }, http: { status: 401 }, method: 'tools/call' },
      { time: Date.UTC(2026, 10, 23, 10, 0, 1), user: { id: 'u-2' }, http: { status: 200 }, method: 'tools/call' },
    ]), { format: 'jsonl', fields });
    assert.equal(data.formatFrom, 'config');
    assert.deepEqual(data.fields, fields);
    assert.deepEqual(data.identities.top.map((v) => v.value), ['u-1', 'u-2']);
    assert.deepEqual(data.statuses, { 200: 1, 401: 1 });
    assert.deepEqual(data.timeSpan, { oldest: { ts: '2026-11-23T10:00:00.000Z', line: 1 }, newest: { ts: '2026-11-23T10:00:01.000Z', line: 2 } });
    assert.deepEqual(data.audit!.identity, { count: 0, lines: [] });
  });

  it('a format given overrides what sniffing would say', async () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'access.log'), 'utf8');
    const data = await collectText(text, { format: 'jsonl' });
    assert.equal(data.format, 'jsonl');
    assert.equal(data.events, 0);
    assert.equal(data.skipped.count, 8);
    assert.ok(data.skipped.samples.every((s) => s.code === 'not-json'));
  });

  it('gzip: the same summary as the plain file, flagged, with the hash and size of the compressed bytes', async () => {
    const root = logsTemp();
    const text = jsonl(events(300, (i) => (i % 50 === 7 ? { args: { card: planted.visa } } : {}))) + 'not json\n{"ts":"2026';
    const plainFile = write(root, 'app.jsonl', text);
    const gz = zlib.gzipSync(text);
    const gzFile = write(root, 'app.jsonl.gz', gz);
    const plain = only(await collect(root, [{ path: plainFile }]));
    const zipped = only(await collect(root, [{ path: gzFile }]));
    assert.equal(zipped.gzip, true);
    assert.equal(zipped.path, 'app.jsonl.gz');
    assert.equal(zipped.sha256, sha256(gz));
    assert.equal(zipped.bytes, gz.length);
    assert.equal(plain.gzip, false);
    assert.equal(plain.sha256, sha256(Buffer.from(text)));
    assert.equal(plain.bytes, Buffer.byteLength(text));
    assert.deepEqual(content(zipped), content(plain));
    assert.equal(plain.sensitive.cardNumbers.count, 6);
    assert.deepEqual(plain.skipped.samples.map((s) => [s.line, s.code]), [[301, 'not-json'], [302, 'truncated']]);
  });

  it('gzip is told by its magic bytes, not by the name', async () => {
    const data = await collectText(zlib.gzipSync(jsonl(events(3))), {}, 'rotated.log.1');
    assert.equal(data.gzip, true);
    assert.equal(data.events, 3);
  });

  it('a truncated last line is `truncated` at its line; a bad line mid-file is `not-json`; a whole last line without a newline is an event', async () => {
    const good = jsonl(events(4)).split('\n');
    const truncated = await collectText(`${good[0]}\nnot json {\n${good[1]}\n${good[2]!.slice(0, 40)}`);
    assert.equal(truncated.lines, 4);
    assert.equal(truncated.events, 2);
    assert.deepEqual(truncated.skipped.samples.map((s) => [s.line, s.code]), [[2, 'not-json'], [4, 'truncated']]);
    assert.match(truncated.skipped.samples[1]!.reason, /^the last line ends without a newline and is incomplete/);
    const whole = await collectText(`${good[0]}\n${good[1]}`);
    assert.equal(whole.lines, 2);
    assert.equal(whole.events, 2);
    assert.equal(whole.skipped.count, 0);
  });

  it('a line that is not UTF-8 is `not-utf8` at its line, and the rest is read', async () => {
    const [a, b, c] = jsonl(events(3)).split('\n');
    const bytes = Buffer.concat([
      Buffer.from(`${a}\n{"ts":"${at(9)}","identity":"`), Buffer.from([0xff, 0xfe]), Buffer.from(`"}\n${b}\n`),
      Buffer.from(`{"ts":"${at(10)}","identity":"r\u00e9al \ufffd","method":"ping"}\n${c}\n`),
    ]);
    const data = await collectText(bytes);
    assert.equal(data.lines, 5);
    assert.equal(data.events, 4, 'a real U+FFFD in valid UTF-8 is text, not a bad line');
    assert.deepEqual(data.skipped.samples.map((s) => [s.line, s.code]), [[2, 'not-utf8']]);
    assert.ok(data.identities.top.some((v) => v.value === 'r\u00e9al \ufffd'));
  });

  it('CRLF line endings, in every format', async () => {
    const json = await collectText(jsonl(events(3, (i) => (i === 1 ? { args: { card: planted.visa } } : {}))).replace(/\n/g, '\r\n'));
    assert.equal(json.lines, 3);
    assert.equal(json.events, 3);
    assert.equal(json.skipped.count, 0);
    assert.equal(json.sensitive.cardNumbers.hits[0]!.line, 2);
    for (const name of ['mcp.log', 'access.log']) {
      const original = only(await collect(FIXTURES, [{ path: path.join(FIXTURES, name) }]));
      const crlf = await collectText(fs.readFileSync(path.join(FIXTURES, name), 'utf8').replace(/\n/g, '\r\n'));
      assert.deepEqual(content(crlf), content(original), name);
    }
  });

  it('a UTF-8 byte order mark does not cost the first line, in any format; the hash is of the bytes as stored', async () => {
    for (const name of ['gateway.jsonl', 'mcp.log', 'access.log']) {
      const original = only(await collect(FIXTURES, [{ path: path.join(FIXTURES, name) }]));
      const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(path.join(FIXTURES, name))]);
      const bom = await collectText(withBom, {}, name);
      assert.deepEqual(content(bom), content(original), name);
      assert.equal(bom.bytes, withBom.length);
      assert.equal(bom.sha256, sha256(withBom));
    }
  });

  it('skipped lines: the total and the count per code are exact, the samples capped at 100', async () => {
    const lines = [...Array.from({ length: 150 }, (_, i) => `not json ${i}`), ...Array.from({ length: 30 }, () => '[1]'), jsonl(events(1)).trim()];
    const data = await collectText(`${lines.join('\n')}\n`, { format: 'jsonl' });
    assert.equal(data.skipped.count, 180);
    assert.deepEqual(data.skipped.byCode, { 'not-json': 150, 'not-object': 30 });
    assert.equal(data.skipped.samples.length, 100);
    assert.deepEqual(data.skipped.samples.map((s) => s.line), Array.from({ length: 100 }, (_, i) => i + 1));
    assert.equal(data.events, 1);
  });

  it('blank lines are neither events nor skipped, but are counted as lines', async () => {
    const [a, b] = jsonl(events(2)).split('\n');
    const data = await collectText(`\n${a}\n\n   \n\t\n${b}\n\n`);
    assert.equal(data.lines, 7);
    assert.equal(data.events, 2);
    assert.equal(data.skipped.count, 0);
    assert.deepEqual(data.samples.map((s) => s.line), [2, 6]);
  });

  it('a line over 8 MiB is `too-long`, and the lines after it keep their numbers', async () => {
    const [a, b, c] = jsonl(events(3, (i) => (i === 2 ? { args: { card: planted.visa } } : {}))).split('\n');
    const long = `{"pad":"${'x'.repeat(9.5 * 1024 * 1024)}"}`;
    const data = await collectText(`${a}\n${long}\n${b}\n${c}\n`);
    assert.equal(data.lines, 4);
    assert.equal(data.events, 3);
    assert.deepEqual(data.skipped, { count: 1, byCode: { 'too-long': 1 }, samples: [{ line: 2, code: 'too-long', reason: 'the line is longer than 8 MiB and was not read' }] });
    assert.deepEqual(data.sensitive.cardNumbers.hits.map((h) => h.line), [4]);
    assert.deepEqual(data.timeSpan, { oldest: { ts: at(0), line: 1 }, newest: { ts: at(2), line: 4 } });
  });

  it('JSON values that are not objects are `not-object`', async () => {
    const data = await collectText(`${jsonl(events(1))}[1,2]\n"text"\n42\nnull\n${jsonl(events(1))}`);
    assert.equal(data.events, 2);
    assert.deepEqual(data.skipped.samples.map((s) => [s.line, s.code]), [[2, 'not-object'], [3, 'not-object'], [4, 'not-object'], [5, 'not-object']]);
    assert.equal(data.audit!.events, 2);
  });

  it('reasons for skipped lines never hold the line content', async () => {
    const marker = 'Kq7MARKERvX2';
    const jsonLines = Buffer.concat([
      Buffer.from(`{"ts":"x","note":"${marker}"\n[${JSON.stringify(marker)}]\n{${marker}}\n${marker}\n{"a":"${marker}`),
    ]);
    const notUtf8 = Buffer.concat([Buffer.from(`{"note":"${marker}`), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
    const json = await collectText(Buffer.concat([notUtf8, jsonLines]));
    const access = await collectText(`10.0.0.5 - alice [23/Nov/2026:10:00:02 -0700] "POST /mcp HTTP/1.1" 200 512\n${marker} - - [bad]\n`);
    const samples = [...json.skipped.samples, ...access.skipped.samples];
    assert.deepEqual(samples.map((s) => s.code).sort(), ['not-json', 'not-json', 'not-json', 'not-object', 'not-utf8', 'truncated', 'unrecognised']);
    for (const s of samples) {
      assert.ok(!s.reason.includes(marker) && !s.reason.includes('MARKER') && !s.reason.includes('"note"'), s.reason);
    }
  });

  it('audit gaps are counted exactly and listed up to 20 lines', async () => {
    const data = await collectText(jsonl(Array.from({ length: 30 }, (_, i) => (
      i % 2 === 0 ? { ts: at(i), method: 'ping' } : { identity: 'svc', tool: 'search' }))));
    assert.deepEqual(data.audit!.identity, { count: 15, lines: Array.from({ length: 15 }, (_, i) => 2 * i + 1) });
    assert.deepEqual(data.audit!.timestamp, { count: 15, lines: Array.from({ length: 15 }, (_, i) => 2 * i + 2) });
    assert.deepEqual(data.audit!.action, { count: 0, lines: [] });
    assert.equal(data.audit!.incomplete, 30);
    const many = await collectText(jsonl(Array.from({ length: 45 }, (_, i) => ({ ts: at(i), method: 'ping' }))));
    assert.deepEqual(many.audit!.identity, { count: 45, lines: Array.from({ length: 20 }, (_, i) => i + 1) });
  });
});

describe('windows', () => {
  it('an authentication failure burst from one source IP: the peak inside the configured window, with its first and last line', async () => {
    const rows: object[] = [];
    const add = (seconds: number, status: number, sourceIp: string, identity?: string) => rows.push({ ts: at(seconds), method: 'tools/call', status, source_ip: sourceIp, ...(identity ? { identity } : {}) });
    add(0, 401, '198.51.100.7'); add(100, 401, '198.51.100.7'); add(200, 401, '198.51.100.7'); // lines 1-3, spread out
    for (let i = 0; i < 12; i++) add(1000 + 2 * i, 401, '198.51.100.7', `guess-${i}`); // lines 4-15: a burst, one IP, many claimed identities
    add(1100, 401, '198.51.100.7'); // line 16
    for (let i = 0; i < 3; i++) add(1001 + i, 401, '192.0.2.44'); // lines 17-19
    for (let i = 0; i < 5; i++) add(1002 + i, 200, '10.0.0.5', 'alice'); // lines 20-24
    const text = jsonl(rows);
    const checkOptions = resolveCheckOptions({ 'logs.auth.failure-burst': { windowSeconds: 30 } });
    const data = await collectText(text, {}, 'app.log', { checkOptions });
    assert.equal(data.authFailures!.windowSeconds, 30);
    assert.equal(data.authFailures!.total, 19);
    assert.equal(data.authFailures!.keys, 2);
    assert.deepEqual(data.authFailures!.top, [
      { key: '198.51.100.7', keyType: 'source_ip', peak: 12, total: 16, from: { line: 4, ts: at(1000) }, to: { line: 15, ts: at(1022) }, throttled: 0 },
      { key: '192.0.2.44', keyType: 'source_ip', peak: 3, total: 3, from: { line: 17, ts: at(1001) }, to: { line: 19, ts: at(1003) }, throttled: 0 },
    ]);
    // With the default window of 300 s the burst reaches line 16 as well.
    const wide = await collectText(text);
    assert.equal(wide.authFailures!.windowSeconds, 300);
    assert.deepEqual([wide.authFailures!.top[0]!.peak, wide.authFailures!.top[0]!.from.line, wide.authFailures!.top[0]!.to.line], [13, 4, 16]);
  });

  it('a 401 without a source IP is keyed by identity', async () => {
    const data = await collectText(jsonl([{ ts: at(0), identity: 'bot-7', method: 'ping', status: 401 }, { ts: at(1), identity: 'bot-7', method: 'ping', status: 401 }]));
    assert.deepEqual(data.authFailures!.top.map((p) => [p.key, p.keyType, p.peak]), [['bot-7', 'identity', 2]]);
  });

  it('request peaks per identity, and 429s counted per client and in all', async () => {
    const rows: object[] = [];
    for (let i = 0; i < 50; i++) rows.push({ ts: at(i / 5), identity: 'agent-1', method: 'tools/call', status: 200, source_ip: '10.0.0.9' });
    for (let i = 0; i < 3; i++) rows.push({ ts: at(10 + i), identity: 'agent-1', method: 'tools/call', status: 429, source_ip: '10.0.0.9' });
    for (let i = 0; i < 5; i++) rows.push({ ts: at(i * 30), identity: 'agent-2', method: 'tools/call', status: 200 });
    rows.push({ ts: at(200), method: 'tools/call', status: 429, source_ip: '10.0.0.10' });
    const checkOptions = resolveCheckOptions({ 'logs.rate-limit.unenforced': { windowSeconds: 20 } });
    const data = await collectText(jsonl(rows), {}, 'app.log', { checkOptions });
    const requests = data.requests!;
    assert.equal(requests.windowSeconds, 20);
    assert.equal(requests.total, 59);
    assert.equal(requests.keys, 3);
    assert.equal(requests.throttled, 4);
    assert.deepEqual(requests.top.map((p) => [p.key, p.keyType, p.peak, p.total, p.throttled, p.from.line, p.to.line]), [
      ['agent-1', 'identity', 53, 53, 3, 1, 53], ['agent-2', 'identity', 1, 5, 0, 54, 54], ['10.0.0.10', 'source_ip', 1, 1, 1, 59, 59],
    ]);
    assert.equal(data.authFailures!.total, 0);
    assert.deepEqual(data.authFailures!.top, []);
  });

  it('JSONL without any status has no request or authentication windows', async () => {
    const data = await collectText(jsonl([{ ts: at(0), identity: 'a', method: 'ping' }, { ts: at(1), identity: 'a', method: 'ping' }]));
    assert.equal(data.requests, undefined);
    assert.equal(data.authFailures, undefined);
    assert.deepEqual(data.statuses, {});
    assert.ok(data.audit);
  });
});

describe('sensitive hits', () => {
  it('field paths and columns in args and result, after escaped characters too', async () => {
    const rows = [
      { ts: at(0), identity: 'a', method: 'tools/call', args: { card: planted.visa, note: 'multi\nline "quoted"' } },
      { ts: at(1), identity: 'a', method: 'tools/call', result: { content: [{ type: 'text', text: `line one\n\tssn: ${planted.ssn}` }] } },
      { ts: at(2), identity: 'a', method: 'tools/call', args: { headers: { Authorization: `Bearer ${planted.githubToken}` } } },
      { ts: at(3), identity: 'a', method: 'tools/call', args: { cards: ['none', `amex ${planted.amex}`] } },
      { ts: at(4), identity: 'a', method: 'tools/call', args: { ssn: '123456789', n: 5555555555554444 } },
      { ts: at(5), identity: 'a', method: 'tools/call', args: { password: planted.password } },
    ];
    const text = jsonl(rows);
    const lines = text.split('\n');
    const data = await collectText(text);
    const { cardNumbers, secrets, nationalIds } = data.sensitive;
    assert.deepEqual(cardNumbers.hits.map(({ column: _, ...h }) => h), [
      { line: 1, field: 'args.card', kind: 'visa' }, { line: 4, field: 'args.cards[1]', kind: 'amex' }, { line: 5, field: 'args.n', kind: 'mastercard' },
    ]);
    assertColumn(lines, cardNumbers.hits[0]!, planted.visa);
    assertColumn(lines, cardNumbers.hits[1]!, planted.amex);
    assertColumn(lines, cardNumbers.hits[2]!, '5555555555554444');
    assert.deepEqual(nationalIds.hits.map(({ column: _, ...h }) => h), [
      { line: 2, field: 'result.content[0].text', kind: 'us-ssn' }, { line: 5, field: 'args.ssn', kind: 'us-ssn' },
    ]);
    assertColumn(lines, nationalIds.hits[0]!, planted.ssn);
    assertColumn(lines, nationalIds.hits[1]!, '123456789');
    assert.deepEqual(secrets.hits.map(({ column: _, ...h }) => h), [
      { line: 3, field: 'args.headers.Authorization', kind: 'github-token' }, { line: 6, field: 'args.password', kind: 'high-entropy-secret' },
    ]);
    assertColumn(lines, secrets.hits[0]!, planted.githubToken);
    assertColumn(lines, secrets.hits[1]!, planted.password);
  });

  it('a bare nine-digit SSN under an `ssn` key is found even when nothing else on the line looks sensitive', async () => {
    const data = await collectText(jsonl([
      { ts: at(0), identity: 'a', method: 'tools/call', args: { customer_ssn: '123456789' } },
      { ts: at(1), identity: 'a', method: 'tools/call', args: { ssn: 123456789 } },
      { ts: at(2), identity: 'a', method: 'tools/call', args: { id: '123456789', count: 123456789 } },
    ]));
    assert.deepEqual(data.sensitive.nationalIds.hits.map((h) => [h.line, h.field, h.kind]), [[1, 'args.customer_ssn', 'us-ssn'], [2, 'args.ssn', 'us-ssn']]);
  });

  it('lines that are not events are scanned too, without a field: malformed JSON, stack traces, unrecognised access log lines', async () => {
    const json = await collectText(`{"ts":"${at(0)}","args":{"card":"${planted.visa}"\n`);
    assert.deepEqual(json.sensitive.cardNumbers.hits.map(({ column: _, ...h }) => h), [{ line: 1, kind: 'visa' }]);
    const claude = await collectText(`${fixtureLines('mcp.log')[0]}\nError: charge failed for ${planted.mastercard}\n    at charge (/srv/pay.js:1:1)\n`);
    assert.deepEqual(claude.sensitive.cardNumbers.hits.map(({ column: _, ...h }) => h), [{ line: 2, kind: 'mastercard' }]);
    assert.equal(claude.events, 1);
    const access = await collectText(`${fixtureLines('access.log')[0]}\ngarbage ${planted.ssn}\n`);
    assert.deepEqual(access.sensitive.nationalIds.hits.map(({ column: _, ...h }) => h), [{ line: 2, kind: 'us-ssn' }]);
  });

  it('the same value twice on a line: each hit at its own column', async () => {
    const text = jsonl([{ ts: at(0), identity: 'a', method: 'tools/call', args: { card: planted.visa, again: planted.visa } }]);
    const data = await collectText(text);
    const [first, second] = data.sensitive.cardNumbers.hits;
    assert.deepEqual([first!.field, second!.field], ['args.card', 'args.again']);
    assert.ok(second!.column! > first!.column!);
    assertColumn(text.split('\n'), first!, planted.visa);
    assertColumn(text.split('\n'), second!, planted.visa);
  });

  it('capped at 100 listed, with the exact total and the distinct lines', async () => {
    const rows: object[] = Array.from({ length: 150 }, (_, i) => ({ ts: at(i), identity: 'a', method: 'tools/call', args: { card: planted.visa } }));
    rows.push({ ts: at(200), identity: 'a', method: 'tools/call', args: { card: planted.visa, backup: planted.mastercard } });
    const data = await collectText(jsonl(rows));
    const cards = data.sensitive.cardNumbers;
    assert.equal(cards.count, 152);
    assert.equal(cards.lines, 151);
    assert.equal(cards.hits.length, 100);
    assert.deepEqual(cards.hits.map((h) => h.line), Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('an identity holding a card number is redacted wherever identities are shown', async () => {
    const data = await collectText(jsonl([
      { ts: at(0), identity: planted.visa, method: 'ping', status: 200 },
      { ts: at(1), identity: planted.visa, method: 'ping', status: 401 },
      { ts: at(2), identity: 'alice', method: 'ping', status: 200 },
    ]));
    assert.deepEqual(data.identities.top, [{ value: '[REDACTED: visa]', count: 2 }, { value: 'alice', count: 1 }]);
    assert.equal(data.requests!.top[0]!.key, '[REDACTED: visa]');
    assert.equal(data.authFailures!.top[0]!.key, '[REDACTED: visa]');
    assert.equal(data.samples[0]!.event.identity, '[REDACTED: visa]');
    assert.deepEqual(data.sensitive.cardNumbers.hits.map((h) => [h.line, h.field]), [[1, 'identity'], [2, 'identity']]);
    const shown = JSON.stringify(data);
    assert.ok(!shown.includes(planted.visa) && !shown.includes(planted.visa.replace(/ /g, '')));
  });
});
