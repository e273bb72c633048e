#!/usr/bin/env node
// Writes a canonical JSONL MCP audit log (DESIGN §4) of about SIZE megabytes: 2,000 identities over
// 500 source IPs, a realistic mix of methods, tools and statuses (mostly 200, some 401/403/429/500),
// small args and results, and rare planted sensitive values (a card number, a token, an SSN, a
// session id in a URL) so the detectors do real work. Deterministic (seeded), streamed to disk.
// Usage: node bench/logs/generate.mjs OUT.jsonl [megabytes=500]
import fs from 'node:fs';

const [out, sizeArg = '500'] = process.argv.slice(2);
if (!out) { console.error('usage: generate.mjs OUT.jsonl [megabytes]'); process.exit(2); }
const target = Number(sizeArg) * 1024 * 1024;

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const pick = (list) => list[Math.floor(random() * list.length)];
const identities = Array.from({ length: 2000 }, (_, i) => `agent-${i}@northwind.example`);
const ips = Array.from({ length: 500 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.${(i * 7) % 250 + 1}`);
const servers = ['ehr-readonly', 'scheduling', 'billing', 'github', 'filesystem'];
const tools = ['read_patient', 'list_slots', 'create_invoice', 'search_issues', 'read_file', 'write_file'];
const methods = ['tools/call', 'tools/call', 'tools/call', 'tools/list', 'resources/read', 'initialize'];
const statuses = [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 403, 429, 500];
const planted = [
  () => ({ card: '4111 1111 1111 1111' }),
  () => ({ note: `token ghp_${'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2'}` }),
  () => ({ patient: { ssn: '123-45-6789' } }),
  () => ({ url: 'https://mcp.northwind.example/messages?sessionId=3f2a9c1e8b7d4f60' }),
];

const stream = fs.createWriteStream(out, { highWaterMark: 4 << 20 });
let written = 0;
let time = Date.parse('2026-05-01T00:00:00Z');
let lines = 0;
function batch() {
  let chunk = '';
  for (let i = 0; i < 2000; i++) {
    time += Math.floor(random() * 40);
    lines++;
    const method = pick(methods);
    const event = {
      ts: new Date(time).toISOString(),
      identity: pick(identities),
      client: 'claude-code',
      server: pick(servers),
      method,
      ...(method === 'tools/call' ? { tool: pick(tools) } : {}),
      status: pick(statuses),
      source_ip: pick(ips),
      session: `s-${Math.floor(random() * 1e9).toString(16)}`,
      args: lines % 50_000 === 0 ? planted[(lines / 50_000) % planted.length]() : { path: `/records/${Math.floor(random() * 1e6)}`, limit: 20 },
      result: { items: Math.floor(random() * 50), truncated: false },
    };
    chunk += `${JSON.stringify(event)}\n`;
  }
  written += Buffer.byteLength(chunk);
  return chunk;
}
(function write() {
  while (written < target) {
    if (!stream.write(batch())) { stream.once('drain', write); return; }
  }
  stream.end(() => console.error(`wrote ${out}: ${(written / 1024 / 1024).toFixed(0)} MB, ${lines.toLocaleString('en-US')} lines`));
})();
