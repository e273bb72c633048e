#!/usr/bin/env node
// `npm run demo`: runs the built CLI on the bundled examples/ estate and says what it did.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'dist', 'cli', 'index.js');

/** Runs one CLI step; `expected` lists the exit codes that are a success for this step. */
function step(args, expected = [0]) {
  process.stdout.write(`\n$ mcp-comply ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });
  if (!expected.includes(result.status)) {
    process.stderr.write(`demo: "mcp-comply ${args.join(' ')}" exited ${result.status}\n`);
    process.exit(result.status ?? 2);
  }
  return result.status;
}

step(['validate', '--config', 'examples/mcp-comply.yaml']);
// The example estate has high findings on purpose, so assess exits 1 ("findings at or above --fail-on").
const assessed = step(['assess', '--config', 'examples/mcp-comply.yaml', '--out', 'mcp-comply-out'], [0, 1]);
step(['verify', 'mcp-comply-out']);

process.stdout.write(`
demo: validated the catalog and the example project files; assessed the examples/ estate (MCP client configs
      of eight clients, a registry server.json, tool snapshots, a gateway audit log, a Claude Desktop server log,
      a proxy access log, and two repositories) and wrote mcp-comply-out/assessment.json and the
      hashed evidence bundle mcp-comply-out/evidence/; verified the bundle. assess exited ${assessed}${assessed === 1 ? ' because the estate has high findings, as intended' : ''}.
demo: not yet here: the reports (PDF, HTML, Markdown, CSV, SARIF, OSCAL); they arrive with the report command.
`);
