#!/usr/bin/env node
// Benchmark: `mcp-comply collect --logs` (the full log analysis) against `jq -c 'select(.status==401)'`
// on the same generated canonical JSONL file, in the same run, at each size given (default 250 and
// 1024 MB, to show memory staying flat as the file grows). Prints MB/s of both, the ratio, and our
// peak RSS (all threads). Needs jq on PATH and a build (npm run build).
// Usage: node bench/logs/run.mjs [megabytes...]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sizes = process.argv.slice(2).map(Number);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-comply-logs-bench-'));
const empty = path.join(dir, 'empty');
fs.mkdirSync(empty);

function timed(command, args, options = {}) {
  const start = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const seconds = (performance.now() - start) / 1000;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { seconds, stderr: run.stderr };
}

console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${spawnSync('jq', ['--version'], { encoding: 'utf8' }).stdout.trim()}`);
try {
  for (const mb of sizes.length ? sizes : [250, 1024]) {
    const file = path.join(dir, `audit-${mb}.jsonl`);
    spawnSync(process.execPath, [path.join(root, 'bench/logs/generate.mjs'), file, String(mb)], { stdio: 'inherit' });
    // Flush the new file to disk first, so neither run shares the machine with its write-back.
    spawnSync('sync');
    const megabytes = fs.statSync(file).size / 1024 / 1024;
    const jq = timed('sh', ['-c', `jq -c 'select(.status==401)' '${file}' > /dev/null`]);
    const ours = timed(process.execPath, ['--import', path.join(root, 'bench/report-rss.mjs'), path.join(root, 'dist/cli/index.js'),
      'collect', '--logs', file, '--out', path.join(dir, 'out'), empty]);
    const rss = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(ours.stderr)?.[1] ?? NaN) / 1024;
    const rate = (s) => `${(megabytes / s).toFixed(1)} MB/s`;
    console.log(`${megabytes.toFixed(0)} MB: jq select ${jq.seconds.toFixed(2)} s (${rate(jq.seconds)}); mcp-comply collect --logs ${ours.seconds.toFixed(2)} s (${rate(ours.seconds)}); ${(jq.seconds / ours.seconds).toFixed(2)}x jq; peak RSS ${rss.toFixed(0)} MB`);
    fs.rmSync(file);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
