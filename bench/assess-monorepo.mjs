#!/usr/bin/env node
// Benchmark: `mcp-comply assess` on a generated monorepo of N MCP config files (default 10,000, spread
// over .cursor/mcp.json, .vscode/mcp.json (JSONC), .mcp.json, .gemini/settings.json and .codex/config.toml),
// against baselines on the same files in the same run: reading every file (cat) and parsing every JSON
// file with jq. Prints files per second and peak memory; run it at two sizes to see memory stay flat.
// Beside each package's MCP file sit the files a real package has (package.json, tsconfig.json, a locale
// file, an OpenAPI spec with `servers`, a docker-compose.yml with a `command`, a CI workflow): discovery
// sniffs those of a name no client uses, and must accept none of them.
// Usage: npm run build && node bench/assess-monorepo.mjs [files=10000] [cli=dist/cli/index.js of this checkout]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const total = Number(process.argv[2] ?? 10_000);
const cli = path.resolve(process.argv[3] ?? path.join(root, 'dist', 'cli', 'index.js'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-comply-monorepo-'));

const server = (i) => ({
  [`fs-${i}`]: { command: 'npx', args: ['-y', `@modelcontextprotocol/server-filesystem${i % 3 ? '@2025.8.21' : ''}`, i % 7 ? `/srv/app-${i}` : '/'] },
  [`remote-${i}`]: { type: 'http', url: i % 5 ? `https://mcp-${i}.example.com/mcp` : `http://mcp-${i}.internal/mcp`, headers: { Authorization: 'Bearer ${env:TOKEN}' } },
  [`db-${i}`]: { command: 'uvx', args: ['postgres-mcp==0.3.0'], env: { DATABASE_URI: '${env:DB}', LOG_LEVEL: 'info' } },
});
const layouts = [
  ['.cursor/mcp.json', (i) => JSON.stringify({ mcpServers: server(i) }, null, 2)],
  ['.vscode/mcp.json', (i) => `// workspace servers\n${JSON.stringify({ servers: server(i) }, null, 2).replace(/\n}$/, ',\n}')}`],
  ['.mcp.json', (i) => JSON.stringify({ mcpServers: server(i) }, null, 2)],
  ['.gemini/settings.json', (i) => JSON.stringify({ mcpServers: server(i) }, null, 2)],
  ['.codex/config.toml', (i) => `[mcp_servers.fs-${i}]\ncommand = "npx"\nargs = ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/srv/${i}"]\n`],
];
const packageFiles = (n) => ({
  'package.json': JSON.stringify({ name: `pkg-${n}`, version: '1.0.0', repository: { type: 'git', url: 'https://github.com/acme/mono' }, scripts: { build: 'tsc' } }, null, 2),
  'tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'dist' } }, null, 2),
  'locales/en.json': JSON.stringify({ greeting: 'Hello', docs: 'See https://docs.example.com', command: 'Run the command' }, null, 2),
  'openapi.yaml': `openapi: 3.0.0\ninfo:\n  title: pkg-${n}\n  version: 1.0.0\nservers:\n  - url: https://api.example.com/v1\npaths: {}\n`,
  'docker-compose.yml': `services:\n  app:\n    image: node:20\n    command: node dist/index.js\n`,
  '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
});
const NOISE_PER_PACKAGE = Object.keys(packageFiles(0)).length;
const jsonFiles = [];
let noise = 0;
for (let i = 0; i < total; i++) {
  const [name, render] = layouts[i % layouts.length];
  const pkg = path.join(dir, 'packages', `pkg-${Math.floor(i / layouts.length)}`);
  const file = path.join(pkg, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, render(i));
  if (name.endsWith('.json') && !name.startsWith('.vscode')) jsonFiles.push(file);
  if (i % layouts.length === 0) {
    for (const [rel, text] of Object.entries(packageFiles(i))) {
      fs.mkdirSync(path.dirname(path.join(pkg, rel)), { recursive: true });
      fs.writeFileSync(path.join(pkg, rel), text);
      noise++;
    }
  }
}
const bytes = execFileSync('du', ['-sk', dir], { encoding: 'utf8' }).split('\t')[0];

function timed(label, command, args, options = {}) {
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const ms = performance.now() - start;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${label} failed (${result.status}): ${result.stderr}`);
  const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(result.stderr ?? '')?.[1];
  return { label, ms, rssMb: rss ? Number(rss) / 1024 : undefined, stdout: result.stdout };
}

const list = path.join(dir, 'files.txt');
fs.writeFileSync(list, jsonFiles.join('\n'));
const runs = [
  timed('baseline: cat every file', 'sh', ['-c', `find "${dir}/packages" -type f -exec cat {} + > /dev/null`]),
  timed(`baseline: jq parse of the ${jsonFiles.length} plain JSON files`, 'sh', ['-c', `xargs jq -c . < "${list}" > /dev/null`]),
  timed('mcp-comply assess', process.execPath, ['--import', path.join(root, 'bench', 'report-rss.mjs'), cli,
    'assess', dir, '--out', path.join(dir, 'out'), '--fail-on', 'none'], { env: { ...process.env, CI: '1' } }),
];
const assessment = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'assessment.json'), 'utf8'));
const configs = assessment.evidence.items.filter((i) => i.kind === 'mcp-config').length;
fs.rmSync(dir, { recursive: true, force: true });

const discovery = assessment.evidence.discovery;
console.log(`monorepo: ${total} MCP config files and ${noise} other package files (${NOISE_PER_PACKAGE} per package; ${(bytes / 1024).toFixed(1)} MiB on disk); `
  + `assess parsed ${configs}, ${assessment.findings.length} findings`
  + (discovery ? `; discovery examined ${discovery.filesExamined} files, sniffed ${discovery.filesSniffed ?? 0}, skipped ${discovery.skipped.length}` : ''));
for (const r of runs) {
  console.log(`${r.label.padEnd(52)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(total / (r.ms / 1000)).toString().padStart(7)} files/s${r.rssMb ? `  peak RSS ${r.rssMb.toFixed(0)} MiB` : ''}`);
}
if (configs !== total) { console.error(`expected ${total} parsed configs, got ${configs}`); process.exitCode = 1; }
