/**
 * Worker threads for the per-line work of large logs: JSON parsing and the detectors dominate the
 * cost (measured: bench/logs), and blocks of whole lines are independent, so they spread over the
 * cores while the main thread reads, hashes and merges in file order.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BlockResult, BlockSpec } from './block-analysis.js';

/**
 * Run from src/ under tsx in development and tests (the worker then needs tsx too), from dist/ once
 * built. Node 20 does not apply loader hooks given in a worker's execArgv (`--import tsx`) to the
 * worker's own entry (nodejs/node#47747), so from source the worker registers tsx before importing it.
 */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./block-worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);
const WORKER_ENTRY: string | URL = FROM_SOURCE
  ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(WORKER_URL.href)}))`
  : WORKER_URL;
/** Not the parent's flags: `--input-type`, `--test` and the like do not apply to a worker. */
const WORKER_EXEC_ARGV: string[] = [];

/** A small young generation keeps each worker's memory flat; the per-line garbage dies young anyway (measured: bench/logs). */
const YOUNG_MB = 8;

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

export class BlockPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (r: BlockResult) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  /** Set once a worker has failed or exited: later blocks are refused, not posted to a thread that will never answer. */
  private failure: Error | undefined;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_ENTRY, { eval: FROM_SOURCE, execArgv: WORKER_EXEC_ARGV, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
      worker.on('message', ({ id, result, error }: { id: number; result?: BlockResult; error?: string }) => {
        const waiter = this.waiting.get(id)!;
        this.waiting.delete(id);
        if (result) waiter.resolve(result); else waiter.reject(new Error(error));
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', () => this.fail(new Error('a log analysis worker thread exited')));
      this.workers.push(worker);
    }
  }

  get size(): number { return this.workers.length; }

  analyse(buf: Buffer, spec: BlockSpec): Promise<BlockResult> {
    const id = this.nextId++;
    // Blocks own their memory (block-reader.ts) and move to the worker; a small one may sit in Node's
    // shared buffer pool, which must not be transferred, so it is copied.
    const owned = buf.buffer.byteLength > Buffer.poolSize ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : new Uint8Array(buf);
    const result = new Promise<BlockResult>((resolve, reject) => {
      if (this.failure) { reject(this.failure); return; }
      this.waiting.set(id, { resolve, reject });
      this.workers[id % this.workers.length]!.postMessage({ id, buf: owned, spec }, [owned.buffer as ArrayBuffer]);
    });
    // Results are awaited in file order: a block that fails while an earlier one is awaited must not be an unhandled rejection.
    result.catch(() => {});
    return result;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
