#!/usr/bin/env node
// `npm run demo`: runs the built CLI on the bundled examples/ estate, writes every report under out/,
// and says what it did.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { provision } from './provision.mjs';

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

// The PDF needs Chrome or Chromium: found, or installed as root on Debian, by the same code as npm test's.
try {
  await provision('demo');
} catch (error) {
  process.stderr.write(`demo: ${error.message}\n`);
  process.exit(1);
}
step(['validate', '--config', 'examples/mcp-comply.yaml']);
// The example estate has high findings on purpose, so assess exits 1 ("findings at or above --fail-on").
const assessed = step([
  'assess', '--config', 'examples/mcp-comply.yaml', '--previous', 'examples/previous/2026-Q3/assessment.json',
  '--format', 'pdf,html,md,docx,csv,sarif,oscal', '--out', 'out',
], [0, 1]);
// The executive report beside the auditor's (report.pdf, the default profile): a few pages for a board.
step(['report', 'out/assessment.json', '--profile', 'executive', '--format', 'pdf', '--output', 'out/report-executive.pdf']);
step(['verify', 'out']);

process.stdout.write(`
demo: validated the catalog and the example project files; assessed the examples/ estate (MCP client configs
      of eight clients, a registry server.json, tool snapshots, a gateway audit log, a Claude Desktop server log,
      a proxy access log, two repositories, and the Northwind Health GitHub organisation recorded in
      examples/recorded/) against last quarter's assessment (examples/previous/2026-Q3/, written at schema 1.2
      and read as 2.1); verified the evidence and the checksums of every report.
demo: reports in out/: report.pdf, report.html and report.docx (the auditor profile: the executive part, then what
      needs attention, the remediation plan and the workpapers, with appendices; the DOCX editable for the auditor's
      comments), report-executive.pdf (the executive profile, for a board: at most 12 pages), report.md,
      findings.csv, requirements.csv and remediation-plan.csv, results.sarif (code scanning),
      assessment-results.oscal.json and poam.oscal.json (OSCAL assessment results and plan of action and
      milestones), beside assessment.json, evidence/ and SHA256SUMS (the checksums verify checks).
      assess exited ${assessed}${assessed === 1 ? ' because the estate has high findings, as intended' : ''}.
`);
