/**
 * Regenerates the recorded parts of the examples/ estate that `npm run demo` cannot collect itself:
 *
 * - examples/recorded/github-evidence/: an evidence bundle of the Northwind Health GitHub organisation,
 *   collected by the real GitHub collector from the fake GitHub API of the tests (127.0.0.1), as if
 *   recorded on 2026-11-20. The demo adds it to what it collects through `sources.evidence`.
 * - examples/previous/2026-Q3/assessment.json: the previous quarter's assessment of an earlier state of
 *   the estate (which itself carries the Q2 assessment in its history), so the demo can show what
 *   changed and a trend.
 *
 * Run: npm run build && node --import tsx scripts/record-examples.ts
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBundle, writeBundle } from '../src/evidence/bundle.js';
import { startFakeGitHub } from '../test/helpers/fake-github.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const examples = path.join(root, 'examples');
const bin = path.join(root, 'dist', 'cli', 'index.js');
const epoch = (date: string) => String(Date.parse(`${date}T09:00:00Z`) / 1000);

/** Asynchronous, because the fake GitHub API answers from this very process. */
async function cli(args: string[], date: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: epoch(date), ...env } });
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (status !== 0 && status !== 1) throw new Error(`mcp-comply ${args.join(' ')} exited ${status}`);
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const target = path.join(dir, file);
  const before = fs.readFileSync(target, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`${file}: the edit for the earlier quarter no longer applies`);
  fs.writeFileSync(target, after);
}

async function recordGitHub(): Promise<void> {
  const fake = await startFakeGitHub({
    org: { login: 'northwind-health', owner: true, twoFactorRequired: true, defaultRepositoryPermission: 'read', workflowDefault: 'read' },
    repos: [
      { name: 'clinical-assistant', classic: { reviews: 1, enforceAdmins: true }, dependabot: { high: 1 }, secretScanning: { enabled: true, pushProtection: true }, workflowDefault: 'read', files: ['SECURITY.md', '.github/CODEOWNERS'] },
      { name: 'billing-service', classic: null, dependabot: { critical: 1, medium: 2 }, secretScanning: { enabled: false }, workflowDefault: 'write', files: [] },
      { name: 'ehr-gateway', rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 2 } }], dependabot: {}, secretScanning: { enabled: true, pushProtection: false }, workflowDefault: 'read', files: ['SECURITY.md', 'docs/CODEOWNERS'] },
      { name: 'mcp-registry-mirror', archived: true },
    ],
  });
  try {
    const out = path.join(examples, 'recorded', 'github-evidence');
    fs.rmSync(out, { recursive: true, force: true });
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'record-github-'));
    await cli(['collect', empty, '--github-org', 'northwind-health', '--github-api-url', fake.apiUrl, '--out', out], '2026-11-20', { GITHUB_TOKEN: 'recorded-demo-token' });
    // Keep the GitHub items only (collect also records the empty folder's discovery and the advisory data),
    // in a bundle directly in the folder.
    const { items, manifest } = readBundle(path.join(out, 'evidence'));
    fs.rmSync(path.join(out, 'evidence'), { recursive: true });
    writeBundle(out, items.filter((i) => i.collector === 'github'), manifest!.generatedAt);
  } finally {
    await fake.close();
  }
}

/** A copy of the estate as it was in an earlier quarter. */
function earlierEstate(quarter: 'Q2' | 'Q3'): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `estate-${quarter}-`)), 'examples');
  fs.cpSync(examples, dir, { recursive: true, filter: (p) => !p.includes(`${path.sep}previous`) && !p.includes(`${path.sep}recorded`) });
  // GitHub was first assessed in Q4.
  edit(dir, 'mcp-comply.yaml', (t) => t.replace(/^  evidence: .*\n/m, ''));
  // The Inspector was added to the billing service's Cursor config after Q3.
  edit(dir, 'billing-service/.cursor/mcp.json', (t) => t.replace(/,\n    "inspector": \{[\s\S]*?\n    \}/, ''));
  // The scheduling server changed a tool's description after Q3 (a rug pull shows up as a changed definition).
  edit(dir, 'clinical-assistant/mcp-tools/scheduling.tools.json', (t) => t.replace('Books an appointment slot for a patient.', 'Books an appointment slot.'));
  // In Q3 the pharmacy key was still written into the file; it moved to a prompted input since.
  edit(dir, 'clinical-assistant/.vscode/mcp.json', (t) => t.replace('"X-Api-Key": "${input:scheduling-key}"', '"X-Api-Key": "nwpk_live_7Hq2Lm9Xc4Vb8Nz1Rt6Yw3Pd"'));
  // The incident response attestation of the time was last year's, still valid then.
  edit(dir, 'attestations.yaml', (t) => t.replaceAll('date: 2026-10-15', 'date: 2025-10-01').replaceAll('validUntil: 2027-10-15', 'validUntil: 2026-10-01'));
  if (quarter === 'Q2') {
    // No attestations were collected before Q3, and CODEOWNERS came later.
    edit(dir, 'mcp-comply.yaml', (t) => t.replace(/^attestations: .*\n/m, ''));
    fs.rmSync(path.join(dir, 'clinical-assistant', '.github', 'CODEOWNERS'));
  }
  return dir;
}

async function main(): Promise<void> {
  await recordGitHub();
  const q2 = earlierEstate('Q2');
  await cli(['assess', '--config', path.join(q2, 'mcp-comply.yaml'), '--out', path.join(q2, 'out')], '2026-05-25');
  const q3 = earlierEstate('Q3');
  const q3out = path.join(examples, 'previous', '2026-Q3');
  fs.rmSync(q3out, { recursive: true, force: true });
  await cli(['assess', '--config', path.join(q3, 'mcp-comply.yaml'), '--previous', path.join(q2, 'out', 'assessment.json'), '--out', path.join(q3, 'out')], '2026-08-24');
  fs.mkdirSync(q3out, { recursive: true });
  fs.copyFileSync(path.join(q3, 'out', 'assessment.json'), path.join(q3out, 'assessment.json'));
  process.stdout.write(`recorded ${path.relative(root, path.join(examples, 'recorded', 'github-evidence'))}/ and ${path.relative(root, path.join(q3out, 'assessment.json'))}\n`);
}

await main();
