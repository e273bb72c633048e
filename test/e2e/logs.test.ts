/** End-to-end: `collect --logs` and `assess --logs` through the built CLI (dist/; `npm test` builds first). A planted token never comes out. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readAll, runCli as run } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-catalog.js';

describe('mcp-comply with --logs (built CLI)', () => {
  const token = ['ghp', 'R8mK2vQ9xL4tW7nB3cF6hJ1pS5dG0aZeY2uI'].join('_');
  const pan = ['4111', '1111', '1111', '1111'].join('');
  const logs = tempDir();
  const file = path.join(logs, 'gateway.jsonl');
  fs.writeFileSync(file, [
    { ts: '2026-11-20T09:00:00.000Z', identity: 'alice', method: 'tools/call', tool: 'charge', status: 200, args: { card: pan, token } },
    { ts: '2026-11-20T09:00:01.000Z', identity: token, method: 'tools/call', tool: 'charge', status: 401, source_ip: '203.0.113.9' },
    { ts: '2026-11-20T09:00:02.000Z', identity: pan, method: 'tools/call', status: 401 },
  ].map((e) => `${JSON.stringify(e)}\n`).join('') + `{"ts":"2026-11-20T09:00:03Z","args":{"token":"${token}"`);

  it('collect writes a log-source item to the bundle, and the token appears nowhere', () => {
    const out = tempDir();
    const result = run(['collect', '--logs', file, '--out', out, tempDir()]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^collected \d+ evidence item\(s\) into /);
    const items = fs.readFileSync(path.join(out, 'evidence', 'items.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const logItems = items.filter((i) => i.kind === 'log-source');
    assert.equal(logItems.length, 1);
    const data = logItems[0].data;
    assert.equal(data.format, 'jsonl');
    assert.equal(data.lines, 4);
    assert.equal(data.events, 3);
    assert.deepEqual(data.skipped.samples.map((s: { line: number; code: string }) => [s.line, s.code]), [[4, 'truncated']]);
    assert.ok(data.sensitive.secrets.count >= 2);
    assert.ok(data.sensitive.cardNumbers.count >= 2);
    const everything = [result.stdout, result.stderr, readAll(out)].join('\n');
    assert.ok(!everything.includes(token), 'the token leaked');
    assert.ok(!everything.includes(token.slice(4)), 'the token body leaked');
    assert.ok(!everything.includes(pan), 'the card number leaked');
  });

  it('assess reads the same log and reports on it without the token', () => {
    const out = tempDir();
    const result = run(['assess', '--logs', file, '--out', out, '--fail-on', 'none', tempDir()]);
    assert.equal(result.code, 0, result.stderr);
    const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as { findings: Array<{ checkId: string }> };
    const checks = new Set(assessment.findings.map((f) => f.checkId));
    assert.ok(checks.has('logs.sensitive-data.secret'), [...checks].join(', '));
    assert.ok(checks.has('logs.sensitive-data.card-number'), [...checks].join(', '));
    const everything = [result.stdout, result.stderr, readAll(out)].join('\n');
    assert.ok(!everything.includes(token), 'the token leaked');
    assert.ok(!everything.includes(pan), 'the card number leaked');
  });
});
