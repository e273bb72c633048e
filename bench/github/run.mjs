#!/usr/bin/env node
// Benchmark: the GitHub collector (dist/, so build first) against the fake GitHub of the tests
// (test/helpers/fake-github.ts, loaded through tsx) with an organisation of N repositories (default
// 1,000) and a fixed latency per request (default 50 ms), at several concurrencies (default 8, 16,
// 32), then once more at the last concurrency with the ETag cache of the run before (all 304s).
// Prints wall time, requests per second, calls per repository and the most requests in flight.
// Usage: npm run build && node --import tsx bench/github/run.mjs [repos=1000] [latencyMs=50] [concurrency...]
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { collectGitHub } from '../../dist/collectors/github/index.js';
import { EtagCache } from '../../dist/collectors/github/etag-cache.js';
import { startFakeGitHub } from '../../test/helpers/fake-github.ts';

const [repoCount = 1000, latencyMs = 50, ...levels] = process.argv.slice(2).map(Number);
const concurrencies = levels.length ? levels : [8, 16, 32];
const TOKEN = 'ghp_BENCHbenchBENCHbenchBENCHbench0123';

/** Settings vary by index as in a real organisation: a third protected each way, alerts, files in subfolders. */
function repository(i) {
  return {
    name: `service-${String(i).padStart(4, '0')}`,
    archived: i % 25 === 0,
    classic: i % 3 === 0 ? { reviews: 1 } : null,
    rules: i % 3 === 1 ? [{ type: 'pull_request', parameters: { required_approving_review_count: 2 } }] : [],
    dependabot: i % 5 === 0 ? 'disabled' : { critical: i % 7 === 0 ? 1 : 0, high: i % 3, medium: i % 4 },
    secretScanning: { enabled: i % 2 === 0, pushProtection: i % 4 === 0 },
    files: [['SECURITY.md', 'CODEOWNERS'], ['.github/SECURITY.md', '.github/CODEOWNERS'], ['docs/SECURITY.md', 'CODEOWNERS'], []][i % 4],
  };
}

const fake = await startFakeGitHub({ org: { login: 'bench' }, repos: Array.from({ length: repoCount }, (_, i) => repository(i)), token: TOKEN, latencyMs,
  // Room for every run: one cold run of 1,000 repositories already needs more than a personal token's 5,000 calls an hour.
  rateLimit: 1_000_000 });
const context = { paths: [], root: '/', includeUser: false, home: os.homedir(), now: new Date().toISOString(), github: { org: 'bench', repos: [], apiUrl: fake.apiUrl, token: TOKEN } };

async function run(label, concurrency, cache) {
  fake.requests.length = 0;
  fake.maxInFlight = 0;
  const start = performance.now();
  const items = await collectGitHub(context, { concurrency, cache });
  const seconds = (performance.now() - start) / 1000;
  const calls = items.filter((i) => i.kind === 'github-repo').map((i) => i.data.calls);
  const mean = calls.reduce((a, b) => a + b, 0) / calls.length;
  const notModified = fake.requests.filter((r) => r.status === 304).length;
  console.log([
    label.padEnd(22), `concurrency ${String(concurrency).padStart(2)}`, `${seconds.toFixed(1).padStart(5)} s`,
    `${String(fake.requests.length).padStart(5)} requests (${notModified} 304)`, `${(fake.requests.length / seconds).toFixed(0).padStart(4)} req/s`,
    `calls/repo mean ${mean.toFixed(2)} max ${Math.max(...calls)}`, `max in flight ${fake.maxInFlight}`,
  ].join('  '));
  return items;
}

console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}; ${repoCount} repositories (${Math.ceil(repoCount / 25)} archived), ${latencyMs} ms per request`);
try {
  let cache;
  for (const concurrency of concurrencies) {
    cache = new EtagCache();
    const items = await run('cold', concurrency, cache);
    if (concurrency === concurrencies[0]) console.log(`  ${items.filter((i) => i.kind === 'github-repo').length} repositories assessed, ${items.filter((i) => i.kind === 'unreadable-source').length} unreadable`);
  }
  await run('again, ETag cache', concurrencies.at(-1), cache);
} finally {
  await fake.close();
}
