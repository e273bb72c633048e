/** Sliding windows per key: the busiest span of `windowSeconds`, its first and last event, totals, 429s, ordering and sweeping. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WindowPeaks } from '../../../src/collectors/logs/window-peaks.js';

const T0 = Date.UTC(2026, 10, 23, 10);
const s = (seconds: number) => T0 + seconds * 1000;
const iso = (seconds: number) => new Date(s(seconds)).toISOString();

describe('WindowPeaks', () => {
  it('the busiest window of one key, with the lines and times of its first and last event', () => {
    const w = new WindowPeaks(10);
    const times = [0, 1, 2, 30, 31, 32, 33, 34, 39, 40, 41, 60];
    times.forEach((t, i) => w.add('alice', 'identity', s(t), i + 1));
    const summary = w.summary();
    assert.equal(summary.windowSeconds, 10);
    assert.equal(summary.total, 12);
    assert.equal(summary.keys, 1);
    // 30..40 holds 30, 31, 32, 33, 34, 39, 40: seven events (the window includes both ends).
    assert.deepEqual(summary.top, [{ key: 'alice', keyType: 'identity', peak: 7, total: 12, from: { line: 4, ts: iso(30) }, to: { line: 10, ts: iso(40) }, throttled: 0 }]);
  });

  it('the first window that reaches the peak is kept; a later equal one does not replace it', () => {
    const w = new WindowPeaks(5);
    [0, 1, 2, 100, 101, 102].forEach((t, i) => w.add('k', 'source_ip', s(t), i + 1));
    const [peak] = w.summary().top;
    assert.deepEqual([peak!.peak, peak!.from.line, peak!.to.line], [3, 1, 3]);
  });

  it('keys ranked by peak, then total, then name; at most 20 listed, all counted', () => {
    const w = new WindowPeaks(60);
    let line = 0;
    for (let k = 0; k < 25; k++) for (let i = 0; i <= k % 5; i++) w.add(`key-${String(k).padStart(2, '0')}`, 'identity', s(i), ++line);
    w.add('spread', 'identity', s(0), ++line);
    w.add('spread', 'identity', s(1000), ++line);
    const summary = w.summary();
    assert.equal(summary.keys, 26);
    assert.equal(summary.total, line);
    assert.equal(summary.top.length, 20);
    assert.deepEqual(summary.top.slice(0, 6).map((p) => [p.key, p.peak]), [['key-04', 5], ['key-09', 5], ['key-14', 5], ['key-19', 5], ['key-24', 5], ['key-03', 4]]);
    const spread = new WindowPeaks(60);
    spread.add('a', 'identity', s(0), 1);
    spread.add('b', 'identity', s(0), 2);
    spread.add('b', 'identity', s(500), 3);
    assert.deepEqual(spread.summary().top.map((p) => [p.key, p.peak, p.total]), [['b', 1, 2], ['a', 1, 1]]);
  });

  it('429s are counted for keys that have a window', () => {
    const w = new WindowPeaks(60);
    w.throttle('ghost');
    w.add('agent', 'identity', s(0), 1);
    w.throttle('agent');
    w.throttle('agent');
    const summary = w.summary();
    assert.deepEqual(summary.top.map((p) => [p.key, p.throttled]), [['agent', 2]]);
    assert.equal(summary.keys, 1);
  });

  it('long runs: the window slides over many events without losing count', () => {
    const w = new WindowPeaks(60);
    for (let i = 0; i < 10_000; i++) w.add('busy', 'identity', s(i), i + 1); // one a second
    w.add('busy', 'identity', s(20_000), 10_001);
    const [peak] = w.summary().top;
    assert.equal(peak!.peak, 61);
    assert.equal(peak!.total, 10_001);
    assert.deepEqual([peak!.from.line, peak!.to.line], [1, 61]);
  });

  it('many keys: stale ones with low peaks are swept, the busiest and the distinct count survive', () => {
    const w = new WindowPeaks(10);
    for (let i = 0; i < 50; i++) w.add('burst', 'source_ip', s(i / 10), i + 1);
    for (let k = 0; k < 30_000; k++) w.add(`10.${k >> 16}.${(k >> 8) & 255}.${k & 255}`, 'source_ip', s(100 + k), 100 + k);
    const summary = w.summary();
    assert.equal(summary.keys, 30_001);
    assert.equal(summary.total, 30_050);
    assert.deepEqual([summary.top[0]!.key, summary.top[0]!.peak, summary.top[0]!.from.line, summary.top[0]!.to.line], ['burst', 50, 1, 50]);
    assert.equal(summary.top.length, 20);
  });

  it('a window of 0 s counts events at the same instant', () => {
    const w = new WindowPeaks(0);
    [0, 0, 0, 1].forEach((t, i) => w.add('k', 'identity', s(t), i + 1));
    assert.equal(w.summary().top[0]!.peak, 3);
  });
});
