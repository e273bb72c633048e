/** The three log formats read into one event shape: canonical and mapped JSONL, Claude Desktop mcp.log, combined / common access logs; times; sniffing. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  accessLogEvent, accessLogTime, canonicalEvent, claudeDesktopEvent, fieldGetters, jsonlEvent, sniffFormat, timeOf,
} from '../../../src/collectors/logs/formats.js';

describe('canonical JSONL', () => {
  it('reads every canonical field', () => {
    const object = {
      ts: '2026-11-23T10:00:00.250Z', identity: 'alice@example.com', client: 'cursor', server: 'billing', method: 'tools/call',
      tool: 'charge_card', status: 200, source_ip: '10.0.0.5', session: 's-1', args: { amount: 1 }, result: { ok: true },
    };
    assert.deepEqual(canonicalEvent(object), {
      time: Date.UTC(2026, 10, 23, 10, 0, 0, 250), identity: 'alice@example.com', client: 'cursor', server: 'billing',
      method: 'tools/call', tool: 'charge_card', status: 200, sourceIp: '10.0.0.5', payload: object,
    });
  });

  it('takes numbers as text, a three-digit string as a status, and treats empty strings and other types as missing', () => {
    const event = canonicalEvent({ identity: 42, client: '', server: null, method: ['x'], tool: { name: 't' }, status: '401' });
    assert.equal(event.identity, '42');
    assert.equal(event.client, undefined);
    assert.equal(event.server, undefined);
    assert.equal(event.method, undefined);
    assert.equal(event.tool, undefined);
    assert.equal(event.status, 401);
    assert.ok(Number.isNaN(event.time));
    for (const status of ['ok', '20', '2000', 200.5, true]) assert.equal(canonicalEvent({ status }).status, undefined, String(status));
  });
});

describe('mapped JSONL', () => {
  const get = fieldGetters({ ts: 'time', identity: 'user.id', status: 'http.status', method: 'rpc.method', tool: 'rpc.params.name', source_ip: 'http.client.ip' });

  it('reads the canonical fields through dotted paths', () => {
    const object = {
      time: '2026-11-23T10:00:00Z', user: { id: 'u-7' }, http: { status: 429, client: { ip: '192.0.2.1' } },
      rpc: { method: 'tools/call', params: { name: 'search' } }, client: 'gateway',
    };
    const event = jsonlEvent(object, get);
    assert.deepEqual({ ...event, payload: undefined }, {
      time: Date.UTC(2026, 10, 23, 10), identity: 'u-7', client: 'gateway', server: undefined, method: 'tools/call', tool: 'search',
      status: 429, sourceIp: '192.0.2.1', payload: undefined,
    });
    assert.equal(event.payload, object);
  });

  it('reads epoch seconds and epoch milliseconds as the same instant', () => {
    const seconds = Date.UTC(2026, 10, 23, 10) / 1000;
    assert.equal(jsonlEvent({ time: seconds }, get).time, Date.UTC(2026, 10, 23, 10));
    assert.equal(jsonlEvent({ time: seconds * 1000 }, get).time, Date.UTC(2026, 10, 23, 10));
    assert.equal(jsonlEvent({ time: seconds + 0.5 }, get).time, Date.UTC(2026, 10, 23, 10) + 500);
  });

  it('a path that is missing or runs through a non-object is undefined; unmapped fields keep their canonical names', () => {
    assert.equal(jsonlEvent({ user: 'plain' }, get).identity, undefined);
    assert.equal(jsonlEvent({ user: null }, get).identity, undefined);
    assert.equal(jsonlEvent({}, get).identity, undefined);
    assert.equal(jsonlEvent({ identity: 'not-mapped-here' }, get).identity, undefined, 'identity is read from user.id only');
    assert.equal(jsonlEvent({ server: 'billing' }, get).server, 'billing');
  });
});

describe('Claude Desktop mcp.log', () => {
  it('a client message: the JSON-RPC method, with the metadata suffix of real lines', () => {
    const event = claudeDesktopEvent('2025-07-20T13:44:16.395Z [weather] [info] Message from client: {"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{}},"jsonrpc":"2.0","id":0} { metadata: undefined }')!;
    assert.equal(event.time, Date.parse('2025-07-20T13:44:16.395Z'));
    assert.equal(event.server, 'weather');
    assert.equal(event.client, 'claude-desktop');
    assert.equal(event.method, 'initialize');
    assert.equal(event.text, undefined);
    assert.deepEqual(event.payload, { method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {} }, jsonrpc: '2.0', id: 0 });
  });

  it('tools/call: the tool from params.name', () => {
    const event = claudeDesktopEvent('2025-07-20T13:44:17.002Z [weather] [info] Message from client: {"method":"tools/call","params":{"name":"get_forecast","arguments":{"latitude":38.58}},"jsonrpc":"2.0","id":1} { metadata: undefined }')!;
    assert.equal(event.method, 'tools/call');
    assert.equal(event.tool, 'get_forecast');
  });

  it('a server error: its code as the status; without the metadata suffix too', () => {
    const event = claudeDesktopEvent('2025-03-09T12:17:32.271Z [github] [info] Message from server: {"jsonrpc":"2.0","id":9808,"error":{"code":-32601,"message":"Method not found"}}')!;
    assert.equal(event.status, -32601);
    assert.equal(event.method, undefined);
    assert.equal(event.server, 'github');
  });

  it('a server result has no method and no status; a tool name outside tools/call is not a tool', () => {
    const result = claudeDesktopEvent('2025-07-20T13:44:17.250Z [weather] [info] Message from server: {"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"Sunny"}],"isError":false}} { metadata: undefined }')!;
    assert.equal(result.method, undefined);
    assert.equal(result.status, undefined);
    const prompt = claudeDesktopEvent('2025-07-20T13:44:17.250Z [weather] [info] Message from client: {"method":"prompts/get","params":{"name":"summary"},"jsonrpc":"2.0","id":2} { metadata: undefined }')!;
    assert.equal(prompt.method, 'prompts/get');
    assert.equal(prompt.tool, undefined);
  });

  it('lifecycle and error lines are events whose text is scanned', () => {
    for (const [line, server, text] of [
      ['2025-07-20T13:44:16.380Z [weather] [info] Initializing server... { metadata: undefined }', 'weather', 'Initializing server... { metadata: undefined }'],
      ['2025-07-20T13:44:16.382Z [weather] [info] Server started and connected successfully { metadata: undefined }', 'weather', 'Server started and connected successfully { metadata: undefined }'],
      ['2025-07-20T13:44:18.100Z [filesystem] [error] spawn uvx ENOENT { metadata: undefined }', 'filesystem', 'spawn uvx ENOENT { metadata: undefined }'],
      ['2025-07-20T13:44:18.200Z [weather] [info] Client transport closed { metadata: undefined }', 'weather', 'Client transport closed { metadata: undefined }'],
    ]) {
      const event = claudeDesktopEvent(line!)!;
      assert.equal(event.server, server);
      assert.equal(event.text, text);
      assert.equal(event.method, undefined);
      assert.equal(event.payload, undefined);
    }
  });

  it('a message cut short is scanned as text, not parsed', () => {
    const event = claudeDesktopEvent('2025-07-20T13:44:17.250Z [weather] [info] Message from server: {"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"cut')!;
    assert.equal(event.payload, undefined);
    assert.match(event.text!, /^Message from server: /);
  });

  it('continuation lines (a stack trace, server stderr) are not events', () => {
    for (const line of ['Error: spawn uvx ENOENT', '    at ChildProcess._handle.onexit (node:internal/child_process:285:19)', '', '2025-07-20 13:44:18 plain text', '{"jsonrpc":"2.0"}']) {
      assert.equal(claudeDesktopEvent(line), undefined, line);
    }
  });
});

describe('access logs', () => {
  it('combined: source IP from host, identity from authuser, method without the query, status, time zone offset', () => {
    const event = accessLogEvent('10.0.0.5 - alice [23/Nov/2026:10:00:02 -0700] "POST /mcp?sessionId=abc HTTP/1.1" 200 512 "https://app.example.com/" "cursor/1.2.0"')!;
    assert.deepEqual(event, {
      time: Date.UTC(2026, 10, 23, 17, 0, 2), sourceIp: '10.0.0.5', identity: 'alice', method: 'POST /mcp', status: 200,
      payload: { request: 'POST /mcp?sessionId=abc HTTP/1.1', referer: 'https://app.example.com/', 'user-agent': 'cursor/1.2.0' },
    });
  });

  it('common log format (no referer, no agent), no authuser, no size', () => {
    const event = accessLogEvent('203.0.113.9 - - [23/Nov/2026:17:00:06 +0000] "GET /sse HTTP/1.1" 401 -')!;
    assert.equal(event.identity, undefined);
    assert.equal(event.sourceIp, '203.0.113.9');
    assert.equal(event.method, 'GET /sse');
    assert.equal(event.status, 401);
    assert.equal(event.time, Date.UTC(2026, 10, 23, 17, 0, 6));
    assert.deepEqual(event.payload, { request: 'GET /sse HTTP/1.1' });
  });

  it('a request that is not method and target has no method; status `-` is none', () => {
    const event = accessLogEvent('10.0.0.7 - - [23/Nov/2026:17:00:06 +0000] "-" - -')!;
    assert.equal(event.method, undefined);
    assert.equal(event.status, undefined);
  });

  it('escaped quotes inside the request and agent', () => {
    const event = accessLogEvent('10.0.0.7 - bob [23/Nov/2026:17:00:06 +0000] "GET /q?x=\\"y\\" HTTP/1.1" 200 5 "-" "agent \\"quoted\\""')!;
    assert.equal(event.method, 'GET /q');
    assert.equal(event.identity, 'bob');
    assert.equal((event.payload as Record<string, string>)['user-agent'], 'agent \\"quoted\\"');
  });

  it('time zone offsets', () => {
    assert.equal(accessLogTime('23/Nov/2026:10:00:00 -0700'), Date.UTC(2026, 10, 23, 17));
    assert.equal(accessLogTime('23/Nov/2026:10:00:00 +0000'), Date.UTC(2026, 10, 23, 10));
    assert.equal(accessLogTime('23/Nov/2026:10:00:00 +0530'), Date.UTC(2026, 10, 23, 4, 30));
    assert.equal(accessLogTime('01/Jan/2027:01:30:00 +0200'), Date.UTC(2026, 11, 31, 23, 30), 'across a year boundary');
    assert.equal(accessLogTime('31/Dec/2026:20:00:00 -0500'), Date.UTC(2027, 0, 1, 1), 'forward across a year boundary');
    for (const bad of ['23/Noo/2026:10:00:00 +0000', '23/Nov/2026:10:00:00', '2026-11-23T10:00:00Z', '']) assert.ok(Number.isNaN(accessLogTime(bad)), bad);
  });

  it('lines that are not access log lines', () => {
    for (const line of ['this line is not an access log line', '{"ts":"2026-11-23T10:00:00Z"}', '10.0.0.5 - alice [23/Nov/2026:10:00:02 -0700] POST /mcp 200 5']) {
      assert.equal(accessLogEvent(line), undefined, line);
    }
  });
});

describe('timeOf', () => {
  it('the fast path equals Date.parse across minute, hour, day, month and year boundaries', () => {
    const starts = [
      Date.UTC(2026, 10, 23, 9, 58), Date.UTC(2026, 11, 31, 23, 58), Date.UTC(2024, 1, 28, 23, 58), Date.UTC(2024, 1, 29, 23, 58),
      Date.UTC(2025, 1, 28, 23, 58), Date.UTC(1999, 11, 31, 23, 58), Date.UTC(2038, 0, 19, 3, 13), Date.UTC(1970, 0, 1, 0, 0),
    ];
    let checked = 0;
    for (const start of starts) {
      for (let t = start; t < start + 4 * 60_000; t += 997) {
        const iso = new Date(t).toISOString();
        for (const text of [iso, `${iso.slice(0, 19)}Z`]) {
          assert.equal(timeOf(text), Date.parse(text), text);
          checked++;
        }
        // Alternating with another hour, so the cached hour is replaced again and again.
        const other = new Date(t + 3_600_000 * 7).toISOString();
        assert.equal(timeOf(other), Date.parse(other), other);
      }
    }
    assert.ok(checked > 3000);
  });

  it('invalid minutes, seconds or fractions are NaN, as Date.parse has them', () => {
    for (const text of [
      '2026-11-23T10:60:00Z', '2026-11-23T10:00:60Z', '2026-11-23T10:99:99.000Z', '2026-11-23T10:5x:00Z', '2026-11-23T10:00:0xZ',
      '2026-11-23T10:00:00.a00Z', '2026-11-23T10-00-00Z', '2026-11-23T25:00:00Z', '2026-11-23T24:30:00Z', '2026-13-01T10:00:00Z',
    ]) {
      timeOf('2026-11-23T10:00:00Z'); // the hour cached, so the fast path is taken where it can be
      assert.ok(Number.isNaN(timeOf(text)), text);
      assert.ok(Number.isNaN(Date.parse(text)), `Date.parse agrees on ${text}`);
    }
  });

  it('other ISO shapes go to Date.parse; text without a date and other types are NaN', () => {
    for (const text of ['2026-11-23T10:00:00.123456Z', '2026-11-23T10:00:00+02:00', '2026-11-23T10:00:00.5Z', '2026-11-23', '2026-11-23T24:00:00Z']) {
      assert.equal(timeOf(text), Date.parse(text), text);
    }
    for (const value of ['10:00:00', 'Nov 23 2026 10:00:00', 'yesterday', '', null, undefined, true, {}]) assert.ok(Number.isNaN(timeOf(value)), String(value));
  });

  it('numbers: epoch seconds below 1e11, epoch milliseconds above', () => {
    assert.equal(timeOf(1_795_435_200), 1_795_435_200_000);
    assert.equal(timeOf(1_795_435_200_000), 1_795_435_200_000);
    assert.equal(timeOf(0), 0);
  });
});

describe('sniffFormat', () => {
  it('each format from its first lines, by majority', () => {
    assert.equal(sniffFormat(['{"ts":"2026-11-23T10:00:00Z"}', '{"a":1}']), 'jsonl');
    assert.equal(sniffFormat(['2025-07-20T13:44:16.380Z [weather] [info] Initializing server... { metadata: undefined }', 'Error: x', '    at y']), 'claude-desktop');
    assert.equal(sniffFormat(['10.0.0.5 - alice [23/Nov/2026:10:00:02 -0700] "POST /mcp HTTP/1.1" 200 512']), 'combined');
    assert.equal(sniffFormat(['not json', '{"a":1}', '{"b":2}', '10.0.0.5 - - [23/Nov/2026:10:00:02 -0700] "GET / HTTP/1.1" 200 1']), 'jsonl');
  });

  it('nothing it knows: undefined', () => {
    assert.equal(sniffFormat([]), undefined);
    assert.equal(sniffFormat(['hello', 'world', '[1,2,3]']), undefined);
  });
});
