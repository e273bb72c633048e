/** Worker threads give the same evidence as the inline path, line numbers right across block boundaries; the pool fails loudly, never hangs. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { BlockPool } from '../../../src/collectors/logs/block-pool.js';
import { readBlocks, type ReadStats } from '../../../src/collectors/logs/block-reader.js';
import { openRegularFile } from '../../../src/lib/bounded-read.js';
import type { LogSourceEvidence } from '../../../src/collectors/logs/model.js';
import { at, collect, INLINE, logsTemp, only, PARALLEL, planted, write } from './support.js';

const LINE_BYTES = 3000;
const LINES = 3500;
const PAD = 'lorem ipsum dolor sit amet consectetur adipiscing elit ';

/**
 * ~10 MiB of fixed-width JSONL lines (so blocks of 4 MiB end mid-file), with card numbers on known
 * lines around both block boundaries, a 401 burst, 429s, bad lines of every kind and a truncated end.
 */
function generate(): { bytes: Buffer; cardLines: number[]; bad: Array<[number, string]> } {
  const cardLines: number[] = [];
  const bad: Array<[number, string]> = [];
  const parts: Buffer[] = [];
  const boundaries = [Math.floor((4 * 1024 * 1024) / LINE_BYTES), Math.floor((8 * 1024 * 1024) / LINE_BYTES)];
  for (let n = 1; n <= LINES; n++) {
    if (n === 500) { parts.push(Buffer.from('{"ts":"2026-11-23T10:00:00Z", not json\n')); bad.push([n, 'not-json']); continue; }
    if (n === 2000) { parts.push(Buffer.from('[1,2,3]\n')); bad.push([n, 'not-object']); continue; }
    if (n === 2500) { parts.push(Buffer.concat([Buffer.from('{"note":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')])); bad.push([n, 'not-utf8']); continue; }
    const burst = n >= 1000 && n < 1030;
    const card = n % 250 === 0 || boundaries.some((b) => Math.abs(n - b) <= 3);
    if (card) cardLines.push(n);
    const event = {
      // Mostly in order, one step back every 100 lines.
      ts: at(n % 100 === 0 ? n - 50 : n),
      identity: burst ? undefined : `user-${n % 7}`,
      method: 'tools/call', tool: `tool-${n % 5}`,
      status: burst ? 401 : n % 300 === 0 ? 429 : 200,
      source_ip: burst ? '198.51.100.7' : `10.0.0.${n % 11}`,
      args: { ...(card ? { card: n % 2 ? planted.visa : planted.mastercard } : {}), pad: '' },
    };
    const bare = JSON.stringify(event);
    event.args.pad = PAD.repeat(60).slice(0, LINE_BYTES - 1 - Buffer.byteLength(bare));
    const line = JSON.stringify(event);
    assert.equal(Buffer.byteLength(line), LINE_BYTES - 1);
    parts.push(Buffer.from(`${line}\n`));
  }
  parts.push(Buffer.from(`{"ts":"${at(LINES + 1)}","identity":"user-1","args":{"card":"${planted.visa}`));
  bad.push([LINES + 1, 'truncated']);
  cardLines.push(LINES + 1);
  return { bytes: Buffer.concat(parts), cardLines, bad };
}

describe('parallel analysis', async () => {
  const root = logsTemp();
  const { bytes, cardLines, bad } = generate();
  const file = write(root, 'big.jsonl', bytes);

  it('the file spans at least three blocks', async () => {
    const stats: ReadStats = { sha256: '', bytes: 0, gzip: false };
    const blocks: number[] = [];
    const opened = openRegularFile(file, { cap: Infinity });
    assert.ok(opened.ok);
    for await (const block of readBlocks({ path: file, fd: opened.fd, size: opened.size }, stats)) if (block.kind === 'lines') blocks.push(block.lines);
    assert.ok(blocks.length >= 3, JSON.stringify(blocks));
    assert.equal(blocks.reduce((a, b) => a + b, 0), LINES + 1);
  });

  it('workers give evidence deep-equal to the inline path, with line numbers right across block boundaries', async () => {
    const [inline, parallel] = await Promise.all([collect(root, [{ path: file }], { parallel: INLINE }), collect(root, [{ path: file }], { parallel: PARALLEL })]);
    assert.deepEqual(parallel, inline);
    const data: LogSourceEvidence = only(inline);
    assert.equal(data.lines, LINES + 1);
    assert.equal(data.events, LINES - 3);
    assert.deepEqual(data.skipped.samples.map((s) => [s.line, s.code]), bad);
    assert.deepEqual(data.sensitive.cardNumbers.hits.map((h) => h.line), cardLines);
    assert.equal(data.sensitive.cardNumbers.count, cardLines.length);
    // Each hit's column points at the card in its own line, wherever the line fell among the blocks.
    const lines = bytes.toString('latin1').split('\n');
    for (const hit of data.sensitive.cardNumbers.hits) {
      const value = hit.kind === 'visa' ? planted.visa : planted.mastercard;
      assert.ok(lines[hit.line - 1]!.slice(hit.column! - 1).startsWith(value), `line ${hit.line}`);
    }
    assert.deepEqual(data.authFailures!.top.map((p) => [p.key, p.peak, p.from.line, p.to.line]), [['198.51.100.7', 30, 1000, 1029]]);
    assert.equal(data.requests!.throttled, 11);
    assert.deepEqual(data.timeSpan, { oldest: { ts: at(1), line: 1 }, newest: { ts: at(LINES - 1), line: LINES - 1 } }, 'the truncated line is no event; line 3500 steps back in time');
  });
});

describe('the worker pool', () => {
  const spec = { format: 'jsonl' as const, unterminatedLast: false };

  it('analyses blocks on worker threads, each answer to its own block', async () => {
    const pool = new BlockPool(2);
    try {
      const results = await Promise.all([1, 2, 3].map((n) => pool.analyse(Buffer.from(`{"identity":"u"}\n`.repeat(n)), spec)));
      assert.deepEqual(results.map((r) => r.events), [1, 2, 3]);
    } finally {
      await pool.close();
    }
  });

  it('a block that cannot be analysed rejects its own promise only', async () => {
    const pool = new BlockPool(1);
    try {
      const broken = pool.analyse(Buffer.from('{}\n'), { ...spec, fields: { ts: 5 as unknown as string } });
      const fine = pool.analyse(Buffer.from('{}\n'), spec);
      await assert.rejects(broken);
      assert.equal((await fine).events, 1);
    } finally {
      await pool.close();
    }
  });

  it('once its workers are gone, it refuses work instead of waiting forever', async () => {
    const pool = new BlockPool(1);
    await pool.close();
    await assert.rejects(pool.analyse(Buffer.from('{}\n'), spec), /exited/);
  });
});
