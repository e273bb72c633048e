/**
 * Hostile logs (issue 16): a line nested 100,000 deep costs that line, not the file; a gzip log that
 * inflates past its limits (size, or ratio as a decompression bomb) is read up to there, kept, and
 * reported as not fully read. Every test has a timeout, so a regression fails instead of hanging.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { MAX_NESTING_DEPTH } from '../../../src/lib/nesting-depth.js';
import { collect, jsonl, logsTemp, only, PARALLEL, unreadables, write } from './support.js';

const TIMEOUT = { timeout: 60_000 };
const DEEP = 100_000;
const MiB = 1024 * 1024;

const event = (n: number) => ({ ts: `2026-11-20T09:00:0${n}Z`, identity: `user-${n}`, method: 'tools/call', tool: 'search', status: 200 });
const deepArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
/** An event whose `args` nest to `depth` levels in all (the event itself is the first). */
const eventNestedTo = (depth: number) => `{"ts":"2026-11-20T09:00:09Z","identity":"u","method":"tools/call","args":${deepArrays(depth - 1)}}`;

describe('a JSONL line nested 100,000 deep is skipped with its number; the rest of the file is read', () => {
  const text = [
    jsonl([event(1)]),
    `${deepArrays(DEEP)}\n`,
    jsonl([event(2)]),
    `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}\n`,
    jsonl([event(3)]),
    `${eventNestedTo(MAX_NESTING_DEPTH)}\n`,
    `${eventNestedTo(MAX_NESTING_DEPTH + 1)}\n`,
  ].join('');
  const expectedSkipped = {
    count: 3,
    byCode: { 'too-deep': 3 },
    samples: [
      { line: 2, code: 'too-deep', reason: 'nested deeper than 1000 levels (at column 1001)' },
      { line: 4, code: 'too-deep', reason: 'nested deeper than 1000 levels (at column 5001)' },
      { line: 7, code: 'too-deep', reason: 'nested deeper than 1000 levels (at column 1073)' },
    ],
  };
  for (const [mode, parallel] of [['on the main thread', undefined], ['on worker threads', PARALLEL]] as const) {
    it(mode, TIMEOUT, async () => {
      const root = logsTemp();
      const items = await collect(root, [{ path: write(root, 'audit.jsonl', text) }], parallel ? { parallel } : {});
      assert.deepEqual(unreadables(items), []);
      const data = only(items);
      assert.equal(data.lines, 7);
      // Lines 1, 3, 5 and the event exactly at the limit (line 6), whose walkers must not overflow either.
      assert.equal(data.events, 4);
      assert.deepEqual(data.skipped, expectedSkipped);
    });
  }

  it('a Claude Desktop message nested 100,000 deep is skipped with its number', TIMEOUT, async () => {
    const prefix = '2026-11-20T09:00:00.000Z [fs] [info] Message from client: ';
    const good = `${prefix}{"jsonrpc":"2.0","id":1,"method":"tools/list"}\n`;
    const root = logsTemp();
    const file = write(root, 'mcp-server-fs.log', `${good}${prefix}{"jsonrpc":"2.0","id":2,"params":${deepArrays(DEEP)}}\n${good}`);
    const data = only(await collect(root, [{ path: file }]));
    assert.equal(data.format, 'claude-desktop');
    assert.equal(data.events, 2);
    assert.deepEqual(data.skipped.samples, [{ line: 2, code: 'too-deep', reason: `nested deeper than 1000 levels (at column ${prefix.length + 33 + 999 + 1})` }]);
  });
});

/**
 * Gzip of `head` followed by `mebibytes` MiB of zero bytes (no newline), streamed through the
 * compressor a MiB at a time: 64 MiB of zeros are some 64 KiB of gzip, and never held inflated.
 */
async function gzipBomb(head: string, mebibytes: number): Promise<Buffer> {
  const gzip = zlib.createGzip();
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve, reject) => { gzip.on('end', resolve); gzip.on('error', reject); });
  gzip.write(head);
  const zeros = Buffer.alloc(MiB);
  for (let i = 0; i < mebibytes; i++) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}

describe('a gzip log that inflates past its limits is read up to there and reported as not fully read', () => {
  const head = jsonl([event(1), event(2), event(3)]);

  it('past maxInflatedBytes (given small here: the default is 4 GiB)', TIMEOUT, async () => {
    const bomb = await gzipBomb(head, 64);
    const root = logsTemp();
    const items = await collect(root, [{ path: write(root, 'audit.jsonl.gz', bomb), maxInflatedBytes: MiB }]);
    const data = only(items);
    assert.deepEqual([data.gzip, data.lines, data.events, data.bytes], [true, 3, 3, bomb.length]);
    assert.equal(data.sha256, createHash('sha256').update(bomb).digest('hex'), 'the hash is of the whole file as stored');
    assert.deepEqual(unreadables(items), [{
      path: 'audit.jsonl.gz', code: 'inflated-too-large', line: 4,
      reason: 'reading stopped after line 3: the gzip stream inflates past 1 MiB (maxInflatedBytes in sources.logs); the rest of the log was not read',
    }]);
  });

  it('past the default inflation ratio (1:500, judged from 16 MiB on)', TIMEOUT, async () => {
    const bomb = await gzipBomb(head, 64);
    const root = logsTemp();
    const items = await collect(root, [{ path: write(root, 'audit.jsonl.gz', bomb) }]);
    assert.deepEqual([only(items).lines, only(items).events], [3, 3]);
    assert.deepEqual(unreadables(items), [{
      path: 'audit.jsonl.gz', code: 'inflation-ratio', line: 4,
      reason: 'reading stopped after line 3: the gzip stream inflates more than 500 times its compressed size, as a decompression bomb does (maxInflationRatio in sources.logs); the rest of the log was not read',
    }]);
  });

  it('a limit passed before the first line: nothing was read, and the file is said to be unread', TIMEOUT, async () => {
    const root = logsTemp();
    const items = await collect(root, [{ path: write(root, 'audit.jsonl.gz', await gzipBomb('', 4)), maxInflatedBytes: MiB }]);
    assert.deepEqual(items.map((i) => i.kind), ['unreadable-source']);
    assert.deepEqual(unreadables(items), [{
      path: 'audit.jsonl.gz', code: 'inflated-too-large', line: 1,
      reason: 'reading stopped before the first line: the gzip stream inflates past 1 MiB (maxInflatedBytes in sources.logs); nothing of the log was read',
    }]);
  });

  it('an honest gzip log under the limits is read whole', TIMEOUT, async () => {
    const root = logsTemp();
    const text = jsonl(Array.from({ length: 2000 }, (_, i) => event(i % 10)));
    const items = await collect(root, [{ path: write(root, 'audit.jsonl.gz', zlib.gzipSync(text)), maxInflatedBytes: text.length }]);
    assert.deepEqual(unreadables(items), []);
    assert.equal(only(items).events, 2000);
  });
});
