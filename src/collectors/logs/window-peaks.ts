/**
 * The busiest window per key (identity or source IP): the most events inside any span of
 * `windowSeconds`, found in one pass with a sliding window per key. Memory is bounded by the
 * events inside one window plus a small record per key; keys whose window has emptied and whose
 * peak cannot reach the top are dropped when many accumulate. Timestamps are taken as they come:
 * a log that is not roughly chronological gives approximate peaks.
 */
import { MAX_TOP, type WindowPeak, type WindowSummary } from './model.js';

interface KeyState {
  keyType: WindowPeak['keyType'];
  times: number[];
  lines: number[];
  head: number;
  total: number;
  peak: number;
  fromLine: number; fromTime: number;
  toLine: number; toTime: number;
  throttled: number;
}

/** Keys kept before stale ones are swept. */
const SWEEP_AT = 20_000;
/** Distinct keys counted exactly up to this many. */
const MAX_DISTINCT = 1_000_000;

export class WindowPeaks {
  private readonly keys = new Map<string, KeyState>();
  private readonly seen = new Set<string>();
  private total = 0;
  private latest = -Infinity;
  private sweepAt = SWEEP_AT;

  constructor(readonly windowSeconds: number) {}

  add(key: string, keyType: WindowPeak['keyType'], time: number, line: number): void {
    this.total++;
    if (time > this.latest) this.latest = time;
    let state = this.keys.get(key);
    if (!state) {
      if (this.seen.size < MAX_DISTINCT) this.seen.add(key);
      state = { keyType, times: [], lines: [], head: 0, total: 0, peak: 0, fromLine: line, fromTime: time, toLine: line, toTime: time, throttled: 0 };
      this.keys.set(key, state);
      if (this.keys.size >= this.sweepAt) this.sweep();
    }
    state.total++;
    state.times.push(time);
    state.lines.push(line);
    const earliest = time - this.windowSeconds * 1000;
    while (state.times[state.head]! < earliest) state.head++;
    const count = state.times.length - state.head;
    if (count > state.peak) {
      state.peak = count;
      state.fromLine = state.lines[state.head]!; state.fromTime = state.times[state.head]!;
      state.toLine = line; state.toTime = time;
    }
    if (state.head > 1024 && state.head * 2 > state.times.length) {
      state.times = state.times.slice(state.head);
      state.lines = state.lines.slice(state.head);
      state.head = 0;
    }
  }

  /** Counts a 429 answered to the key (the key need not have a window yet). */
  throttle(key: string): void {
    const state = this.keys.get(key);
    if (state) state.throttled++;
  }

  summary(): WindowSummary {
    return { windowSeconds: this.windowSeconds, total: this.total, keys: this.seen.size, top: this.top() };
  }

  private top(): WindowPeak[] {
    return [...this.keys.entries()]
      .sort(([ka, a], [kb, b]) => b.peak - a.peak || b.total - a.total || (ka < kb ? -1 : 1))
      .slice(0, MAX_TOP)
      .map(([key, s]) => ({
        key, keyType: s.keyType, peak: s.peak, total: s.total,
        from: { line: s.fromLine, ts: new Date(s.fromTime).toISOString() },
        to: { line: s.toLine, ts: new Date(s.toTime).toISOString() },
        throttled: s.throttled,
      }));
  }

  /** Drops keys whose window is empty and whose peak is below the current top: they can only return as new keys. */
  private sweep(): void {
    const earliest = this.latest - this.windowSeconds * 1000;
    const peaks = [...this.keys.values()].map((s) => s.peak).sort((a, b) => b - a);
    const floor = peaks[Math.min(MAX_TOP, peaks.length) - 1] ?? 0;
    for (const [key, s] of this.keys) {
      if (s.times[s.times.length - 1]! < earliest && s.peak < floor && s.throttled === 0) this.keys.delete(key);
    }
    // If little could be dropped, wait for twice as many before sweeping again.
    this.sweepAt = Math.max(SWEEP_AT, this.keys.size * 2);
  }
}
