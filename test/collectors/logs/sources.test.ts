/** Which files the log collector reads, and what it reports instead of throwing: globs, missing files, folders, unknown formats, corrupt gzip. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { logsCollector } from '../../../src/collectors/logs/index.js';
import type { LogSourceEvidence } from '../../../src/collectors/logs/model.js';
import { at, collect, context, jsonl, logsTemp, only, unreadables, write } from './support.js';

const events = (n: number) => jsonl(Array.from({ length: n }, (_, i) => ({ ts: at(i), identity: 'svc', method: 'tools/call', tool: `t${i % 4}`, status: 200, args: { i, pad: 'p'.repeat(i % 50) } })));

describe('log sources', () => {
  it('the collector declares what it produces', () => {
    assert.equal(logsCollector.id, 'logs');
    assert.deepEqual(logsCollector.produces, ['log-source', 'unreadable-source']);
  });

  it('no logs named: no items', async () => {
    assert.deepEqual(await collect(logsTemp(), []), []);
    assert.deepEqual(await logsCollector.collect({ ...context(logsTemp(), []), logs: undefined }), []);
  });

  it('a glob expands to one item per file, sorted, with paths relative to the root', async () => {
    const root = logsTemp();
    for (const name of ['logs/b.jsonl', 'logs/a.jsonl', 'logs/c.txt', 'logs/sub/d.jsonl']) write(root, name, events(2));
    const items = await collect(root, [{ path: path.join(root, 'logs/*.jsonl') }]);
    assert.deepEqual(items.map((i) => i.id), ['log-source:logs/a.jsonl', 'log-source:logs/b.jsonl']);
  });

  it('`**` reaches every depth', async () => {
    const root = logsTemp();
    for (const name of ['x.log', 'srv/a/app.log', 'srv/b/deep/app.log', 'srv/b/app.jsonl']) write(root, name, events(1));
    const items = await collect(root, [{ path: path.join(root, '**/*.log') }]);
    assert.deepEqual(items.map((i) => i.source), ['srv/a/app.log', 'srv/b/deep/app.log', 'x.log']);
  });

  it('a glob that matches nothing is `no-match`; a missing file `not-found`; a folder `not-a-file`', async () => {
    const root = logsTemp();
    fs.mkdirSync(path.join(root, 'logs'));
    const items = await collect(root, [
      { path: path.join(root, 'logs/*.jsonl') }, { path: path.join(root, 'missing.jsonl') }, { path: path.join(root, 'logs') },
    ]);
    assert.deepEqual(items.map((i) => [i.id, i.kind, i.collector]), [
      ['unreadable-source:logs:logs/*.jsonl', 'unreadable-source', 'logs'],
      ['unreadable-source:logs:missing.jsonl', 'unreadable-source', 'logs'],
      ['unreadable-source:logs:logs', 'unreadable-source', 'logs'],
    ]);
    assert.deepEqual(unreadables(items).map((u) => [u.path, u.code]), [['logs/*.jsonl', 'no-match'], ['missing.jsonl', 'not-found'], ['logs', 'not-a-file']]);
  });

  it('a file of no known format is `unknown-format` at line 1', async () => {
    const root = logsTemp();
    const file = write(root, 'notes.txt', 'just some notes\nnothing like a log\n');
    assert.deepEqual(unreadables(await collect(root, [{ path: file }])).map((u) => [u.path, u.code, u.line]), [['notes.txt', 'unknown-format', 1]]);
  });

  it('an empty file: `unknown-format` without a format; with `format: jsonl`, an item with no events', async () => {
    const root = logsTemp();
    const file = write(root, 'empty.jsonl', '');
    const sniffed = await collect(root, [{ path: file }]);
    assert.deepEqual(unreadables(sniffed).map((u) => [u.path, u.code, u.line]), [['empty.jsonl', 'unknown-format', undefined]]);
    assert.equal(sniffed.length, 1);
    const given = only(await collect(root, [{ path: file, format: 'jsonl' }]));
    assert.equal(given.format, 'jsonl');
    assert.equal(given.formatFrom, 'config');
    assert.equal(given.lines, 0);
    assert.equal(given.events, 0);
    assert.equal(given.bytes, 0);
    assert.equal(given.sha256, createHash('sha256').digest('hex'));
    assert.equal(given.timeSpan, undefined);
    assert.equal(given.requests, undefined);
  });

  it('two specs naming the same file give one item, read as the first says', async () => {
    const root = logsTemp();
    const file = write(root, 'logs/app.jsonl', events(3));
    const items = await collect(root, [{ path: file, format: 'jsonl' }, { path: path.join(root, 'logs/*.jsonl') }, { path: file }]);
    assert.deepEqual(items.map((i) => i.id), ['log-source:logs/app.jsonl']);
    assert.equal((items[0]!.data as LogSourceEvidence).formatFrom, 'config');
  });

  it('a file outside the root is shown home-relative or absolute, never relative with ..', async () => {
    const root = logsTemp();
    const elsewhere = logsTemp();
    const file = write(elsewhere, 'app.jsonl', events(1));
    const items = await collect(root, [{ path: file }]);
    assert.equal(items[0]!.source, file.split(path.sep).join('/'));
  });

  it('a truncated gzip: an item for what was read, and a `gzip-error` after its last line', async () => {
    const root = logsTemp();
    const gz = zlib.gzipSync(events(2000));
    const cut = gz.subarray(0, Math.floor(gz.length / 2));
    const file = write(root, 'app.jsonl.gz', cut);
    const items = await collect(root, [{ path: file }]);
    const data = only(items);
    assert.equal(data.gzip, true);
    assert.ok(data.events > 100 && data.events < 2000, String(data.events));
    assert.equal(data.sha256, createHash('sha256').update(cut).digest('hex'));
    assert.equal(data.bytes, cut.length);
    // The last line read is cut off mid-way.
    assert.deepEqual(data.skipped.samples.map((s) => [s.line, s.code]), [[data.lines, 'truncated']]);
    const [error] = unreadables(items);
    assert.deepEqual([error!.path, error!.code, error!.line], ['app.jsonl.gz', 'gzip-error', data.lines + 1]);
    assert.match(error!.reason, new RegExp(`^reading stopped after line ${data.lines}: `));
  });

  it('a gzip corrupt near its start: a `gzip-error`, not an unknown format, and the hash and size still cover the whole file', async () => {
    const root = logsTemp();
    // Random text does not compress: the .gz spans several reads of the file stream, and reading stops in the first.
    const hash = (text: string) => createHash('sha256').update(text).digest('base64');
    const lines = Array.from({ length: 40_000 }, (_, i) => JSON.stringify({ ts: at(i), r: hash(`a${i}`), s: hash(`b${i}`) }));
    const gz = zlib.gzipSync(`${lines.join('\n')}\n`);
    assert.ok(gz.length > 2.2 * 1024 * 1024, String(gz.length));
    for (let i = 12; i < 40; i++) gz[i] = gz[i]! ^ 0x5a;
    const file = write(root, 'app.jsonl.gz', gz);
    const sniffed = unreadables(await collect(root, [{ path: file }]));
    assert.deepEqual(sniffed.map((u) => [u.path, u.code, u.line]), [['app.jsonl.gz', 'gzip-error', 1]]);
    assert.match(sniffed[0]!.reason, /^reading stopped before the first line: /);
    const given = await collect(root, [{ path: file, format: 'jsonl' }]);
    const data = only(given);
    assert.equal(data.lines, 0);
    assert.equal(data.bytes, gz.length);
    assert.equal(data.sha256, createHash('sha256').update(gz).digest('hex'));
    assert.deepEqual(unreadables(given).map((u) => u.code), ['gzip-error']);
  });
});
