/** A worker thread that analyses blocks of a log (block-pool.ts sends them; results go back in any order). */
import { parentPort } from 'node:worker_threads';
import { analyseBlock, type BlockSpec } from './block-analysis.js';

parentPort!.on('message', ({ id, buf, spec }: { id: number; buf: Uint8Array; spec: BlockSpec }) => {
  try {
    const result = analyseBlock(buf, spec);
    const w = result.windows;
    const columns = [w.times, w.lines, w.statuses, w.identities, w.sourceIps].map((column) => column.buffer as ArrayBuffer);
    parentPort!.postMessage({ id, result }, columns);
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
