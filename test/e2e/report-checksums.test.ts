/**
 * SHA256SUMS beside the reports (DESIGN §7, issue 18 item 6), through the built CLI: assess lists every
 * report and assessment.json, `sha256sum -c` accepts the file, verify names a changed or missing
 * report and every malformed line, and `report` into the folder updates the list.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-catalog.js';

const FORMATS = 'md,csv,sarif,oscal';
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
/** The files of a folder, the evidence bundle and SHA256SUMS itself left out, sorted as SHA256SUMS sorts them. */
const reportFiles = (dir: string) => fs.readdirSync(dir).filter((name) => name !== 'evidence' && name !== 'SHA256SUMS').sort();
const sumsOf = (dir: string) => fs.readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8');
/** What SHA256SUMS must hold for these files of the folder, as they are on disk now. */
const expectedSums = (dir: string, names: string[]) => names.map((name) => `${sha256(path.join(dir, name))}  ${name}\n`).join('');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `sha256sum -c` of the real coreutils, where it is installed. */
const SHA256SUM = spawnSync('sha256sum', ['--version']).status === 0;

/** A fresh copy of one assessed output folder. */
let assessed: string;
function freshOutput(): string {
  const dir = path.join(tempDir('sums-e2e-'), 'out');
  fs.cpSync(assessed, dir, { recursive: true });
  return dir;
}

before(() => {
  assessed = path.join(tempDir('sums-e2e-'), 'out');
  const run = runCli(['assess', '--config', 'examples/mcp-comply.yaml', '--out', assessed, '--format', FORMATS]);
  assert.equal(run.code, 1, run.stderr);
});

describe('SHA256SUMS written by assess', () => {
  it('lists assessment.json and every report written, sorted, in sha256sum format', () => {
    const names = reportFiles(assessed);
    assert.deepEqual(names, [
      'assessment-results.oscal.json', 'assessment.json', 'findings.csv', 'poam.oscal.json', 'remediation-plan.csv', 'report.md',
      'requirements.csv', 'results.sarif',
    ].filter((name) => fs.existsSync(path.join(assessed, name))));
    assert.ok(names.length >= 7, names.join(', '));
    assert.equal(sumsOf(assessed), expectedSums(assessed, names));
  });

  it('is accepted by sha256sum -c', { skip: !SHA256SUM && 'sha256sum is not installed' }, () => {
    const check = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: assessed, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.equal(check.stdout, reportFiles(assessed).map((name) => `${name}: OK\n`).join(''));
  });

  it('is verified along with the evidence bundle, from the output folder or from the bundle', () => {
    for (const dir of [assessed, path.join(assessed, 'evidence')]) {
      const run = runCli(['verify', dir]);
      assert.equal(run.code, 0, run.stdout);
      assert.match(run.stdout, /^verified \d+ evidence item\(s\) in /m);
      assert.match(run.stdout, new RegExp(`^verified ${reportFiles(assessed).length} report file\\(s\\) against .*SHA256SUMS$`, 'm'));
    }
  });

  it('leaves out a report an earlier run left in the folder', () => {
    const dir = freshOutput();
    fs.writeFileSync(path.join(dir, 'report.html'), '<p>an earlier run</p>');
    const run = runCli(['assess', '--config', 'examples/mcp-comply.yaml', '--out', dir, '--format', 'md']);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^Checksums of \d+ file\(s\): .*SHA256SUMS \(mcp-comply verify .* checks them\)$/m);
    // The other reports of the first run are still on disk, but not of this assessment.
    assert.equal(sumsOf(dir), expectedSums(dir, ['assessment.json', 'report.md']));
    const verify = runCli(['verify', dir]);
    assert.equal(verify.code, 0, verify.stdout);
    assert.match(verify.stdout, new RegExp(`^note: ${escape(dir)}/report\\.html is not listed in SHA256SUMS: not verified$`, 'm'));
    assert.match(verify.stdout, new RegExp(`^note: ${escape(dir)}/findings\\.csv is not listed in SHA256SUMS: not verified$`, 'm'));
    assert.match(verify.stdout, /^verified 2 report file\(s\) against /m);
  });
});

describe('verify and SHA256SUMS', () => {
  it('names a report changed after it was listed, and exits 1', () => {
    const dir = freshOutput();
    const recorded = sha256(path.join(dir, 'report.md'));
    fs.appendFileSync(path.join(dir, 'report.md'), '\nAll findings were fixed.\n');
    const run = runCli(['verify', dir]);
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, new RegExp(`^${escape(dir)}/report\\.md: changed \\(SHA256SUMS records ${recorded}, the file has ${sha256(path.join(dir, 'report.md'))}\\)$`, 'm'));
    assert.match(run.stdout, /^verification failed: 1 problem\(s\) with the reports listed in .*SHA256SUMS$/m);
    assert.match(run.stdout, /^verified \d+ evidence item\(s\)/m, 'the bundle itself is still verified');
  });

  it('names a report that is missing', () => {
    const dir = freshOutput();
    fs.rmSync(path.join(dir, 'findings.csv'));
    const run = runCli(['verify', dir]);
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, new RegExp(`^${escape(dir)}/findings\\.csv: missing$`, 'm'));
  });

  it('names every malformed line and still checks the others; never reads a name outside the folder', () => {
    const dir = freshOutput();
    const outside = path.join(path.dirname(dir), 'outside.txt');
    fs.writeFileSync(outside, 'not a report');
    fs.symlinkSync(outside, path.join(dir, 'linked.md'));
    const lines = sumsOf(dir).split('\n').filter(Boolean);
    fs.writeFileSync(path.join(dir, 'SHA256SUMS'), [
      ...lines, 'this is not a checksum line', `${sha256(outside)}  ../outside.txt`, `${sha256(outside)}  linked.md`,
    ].join('\n') + '\n');
    fs.appendFileSync(path.join(dir, 'results.sarif'), ' ');
    const run = runCli(['verify', dir]);
    assert.equal(run.code, 1, run.stdout);
    const sums = `${escape(dir)}/SHA256SUMS`;
    assert.match(run.stdout, new RegExp(`^${sums}:${lines.length + 1}: not a "<64 hex digits>  <file name>" line: the line is not checked$`, 'm'));
    assert.match(run.stdout, new RegExp(`^${sums}:${lines.length + 2}: the name leads out of the folder \\(\\.\\.\\): the line is not checked$`, 'm'));
    assert.match(run.stdout, new RegExp(`^${escape(dir)}/linked\\.md: cannot be checked: .*symbolic link`, 'm'));
    assert.match(run.stdout, new RegExp(`^${escape(dir)}/results\\.sarif: changed`, 'm'));
    assert.match(run.stdout, /^verification failed: 4 problem\(s\) with the reports listed in /m);
  });

  it('fails when the evidence bundle or SHA256SUMS the assessment implies was deleted, naming what is gone', () => {
    // [what is deleted, the line verify prints]
    const table: Array<[string, RegExp]> = [
      ['SHA256SUMS', /\/SHA256SUMS: missing: the reports of this assessment \(schema 2\.1\) cannot be verified$/m],
      ['evidence', /\/evidence\/: missing: assessment\.json records the evidence root hash sha256:[0-9a-f]{64}, and there is no bundle to verify it$/m],
    ];
    for (const [gone, line] of table) {
      const dir = freshOutput();
      fs.rmSync(path.join(dir, gone), { recursive: true });
      const run = runCli(['verify', dir]);
      assert.equal(run.code, 1, `${gone}: ${run.stdout}`);
      assert.match(run.stdout, line, gone);
    }
  });

  it('refuses --output over SHA256SUMS or assessment.json, and leaves both as they were', () => {
    const dir = freshOutput();
    const before = [sumsOf(dir), fs.readFileSync(path.join(dir, 'assessment.json'), 'utf8')];
    for (const name of ['SHA256SUMS', 'assessment.json']) {
      const run = runCli(['report', path.join(dir, 'assessment.json'), '--format', 'md', '--output', path.join(dir, name)]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, new RegExp(`${name} is not a report's file`));
    }
    assert.deepEqual([sumsOf(dir), fs.readFileSync(path.join(dir, 'assessment.json'), 'utf8')], before);
    assert.equal(runCli(['verify', dir]).code, 0);
  });

  it('verifies the reports of a folder that has SHA256SUMS but no evidence bundle', () => {
    const dir = tempDir('sums-e2e-');
    const run = runCli(['report', path.join(assessed, 'assessment.json'), '--format', 'md,csv', '--out', dir]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(sumsOf(dir), expectedSums(dir, ['findings.csv', 'remediation-plan.csv', 'report.md', 'requirements.csv']));
    const verify = runCli(['verify', dir]);
    assert.equal(verify.code, 0, verify.stdout);
    assert.equal(verify.stdout, `verified 4 report file(s) against ${dir}/SHA256SUMS\n`);
  });
});

describe('SHA256SUMS updated by report', () => {
  it('adds the reports written into the folder and keeps the entries of the others', () => {
    const dir = freshOutput();
    const before = sumsOf(dir);
    const run = runCli(['report', path.join(dir, 'assessment.json'), '--format', 'html']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^wrote .*SHA256SUMS \(\d+ file\(s\)\)$/m);
    assert.equal(sumsOf(dir), expectedSums(dir, reportFiles(dir)));
    assert.ok(reportFiles(dir).includes('report.html'));
    assert.ok(before.split('\n').filter(Boolean).every((line) => sumsOf(dir).includes(line)), 'the earlier entries are kept');
    assert.equal(runCli(['verify', dir]).code, 0);
    if (SHA256SUM) assert.equal(spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: dir }).status, 0);
  });

  it('keeps the recorded digest of a report altered since, so verify still names it', () => {
    const dir = freshOutput();
    fs.appendFileSync(path.join(dir, 'requirements.csv'), 'forged,row\r\n');
    assert.equal(runCli(['report', path.join(dir, 'assessment.json'), '--format', 'md']).code, 0);
    const verify = runCli(['verify', dir]);
    assert.equal(verify.code, 1, verify.stdout);
    assert.match(verify.stdout, /requirements\.csv: changed/);
    assert.doesNotMatch(verify.stdout, /report\.md: changed/, 'the report written again is listed anew');
  });

  it('drops the entry of a report deleted since, and replaces a malformed file line by line', () => {
    const dir = freshOutput();
    fs.rmSync(path.join(dir, 'results.sarif'));
    fs.appendFileSync(path.join(dir, 'SHA256SUMS'), 'garbage\n');
    const run = runCli(['report', path.join(dir, 'assessment.json'), '--format', 'md']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /SHA256SUMS:\d+: not a "<64 hex digits>  <file name>" line: the line is dropped/);
    assert.equal(sumsOf(dir), expectedSums(dir, reportFiles(dir)));
    assert.ok(!sumsOf(dir).includes('results.sarif'));
    assert.equal(runCli(['verify', dir]).code, 0);
  });

  it('updates the entry of a file named by --output in a folder that keeps SHA256SUMS, and leaves other folders alone', () => {
    const dir = freshOutput();
    assert.equal(runCli(['report', path.join(dir, 'assessment.json'), '--format', 'md', '--output', path.join(dir, 'report.md')]).code, 0);
    assert.equal(sumsOf(dir), expectedSums(dir, reportFiles(dir)));
    // A name SHA256SUMS cannot hold is written, said, and left out rather than break the file.
    const odd = runCli(['report', path.join(dir, 'assessment.json'), '--format', 'md', '--output', path.join(dir, 'odd\nname.md')]);
    assert.equal(odd.code, 0, odd.stderr);
    assert.match(odd.stderr, /odd\\nname\.md is not listed in .*SHA256SUMS: the name has a control character/);
    assert.equal(sumsOf(dir), expectedSums(dir, reportFiles(dir).filter((name) => !name.includes('\n'))));
    const elsewhere = tempDir('sums-e2e-');
    assert.equal(runCli(['report', path.join(dir, 'assessment.json'), '--format', 'md', '--output', path.join(elsewhere, 'r.md')]).code, 0);
    assert.deepEqual(fs.readdirSync(elsewhere), ['r.md']);
  });
});
