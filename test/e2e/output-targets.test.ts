/**
 * Where mcp-comply writes (issue 16): a device or FIFO given as the output is written in place and
 * stays what it is (as root, replacing /dev/null would destroy it); a folder is refused; a folder for
 * --out that is a file, read-only or full is an input error (exit 2) naming the path, with nothing half
 * written; a reader that closes stdout (`| head -1`) ends the output quietly with the exit code the
 * command would have had. Every run has a timeout, so a regression fails here instead of hanging.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BIN, CLI_ENV, runCli, WHERE_PERMISSIONS_BIND } from '../helpers/cli.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { fullDevice } from '../helpers/devices.js';
import { tempDir, write } from '../helpers/temp-catalog.js';
import { upgradeAssessment } from '../../src/engine/upgrade.js';

const TIMEOUT = 30_000;
const EXAMPLE = path.join(PACKAGE_ROOT, 'examples/previous/2026-Q3/assessment.json');
const isRoot = process.getuid?.() === 0;

const run = (args: string[]) => {
  const result = runCli(args, { timeout: TIMEOUT });
  assert.equal(result.signal, null, `the CLI did not exit by itself within ${TIMEOUT} ms: ${args.join(' ')}`);
  return result;
};

function expectInputError(result: ReturnType<typeof run>, message: string): void {
  assert.equal(result.code, 2, result.stderr);
  assert.ok(result.stderr.includes(message), `stderr says "${message}":\n${result.stderr}`);
  assert.doesNotMatch(result.stderr, /internal error|This is a bug|\n\s+at /);
}

/** A project with one MCP configuration: enough for assess and collect. */
function project(): string {
  const root = tempDir('targets-project-');
  write(root, '.mcp.json', JSON.stringify({ mcpServers: { app: { command: 'uvx', args: ['app==1.0.0'] } } }));
  return root;
}

describe('output targets that are not regular files', () => {
  it('a character device (mknod c 1 3, the null device): written in place, still a device', { skip: !isRoot && 'mknod needs root' }, () => {
    const dir = tempDir('targets-');
    const device = path.join(dir, 'null');
    assert.equal(spawnSync('mknod', [device, 'c', '1', '3']).status, 0);
    for (const args of [['report', EXAMPLE, '--format', 'sarif', '--output', device], ['baseline', 'update', '--assessment', EXAMPLE, '--output', device]]) {
      const result = run(args);
      assert.equal(result.code, 0, result.stderr);
      assert.ok(fs.statSync(device).isCharacterDevice(), `${args.slice(0, 2).join(' ')}: still a character device`);
    }
    assert.deepEqual(fs.readdirSync(dir), ['null'], 'no temp file beside it');
  });

  it('a FIFO with a reader: the report streamed into it, still a FIFO', async () => {
    const dir = tempDir('targets-');
    const fifo = path.join(dir, 'pipe');
    const copy = path.join(dir, 'copy.md');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const reader = spawn('sh', ['-c', 'cat "$0" > "$1"', fifo, copy], { stdio: 'ignore', timeout: TIMEOUT, killSignal: 'SIGKILL' });
    const done = new Promise((resolve) => reader.once('close', resolve));
    // Until the reader has opened the FIFO the CLI refuses it (nobody reads it): ask again shortly.
    let result = run(['report', EXAMPLE, '--format', 'md', '--output', fifo]);
    for (let tries = 0; result.code === 2 && result.stderr.includes('nobody is reading') && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      result = run(['report', EXAMPLE, '--format', 'md', '--output', fifo]);
    }
    assert.equal(result.code, 0, result.stderr);
    await done;
    assert.match(fs.readFileSync(copy, 'utf8'), /^# /);
    assert.ok(fs.statSync(fifo).isFIFO(), 'still a FIFO');
  });

  it('a FIFO nobody reads: refused at once (exit 2), not waited on', () => {
    const fifo = path.join(tempDir('targets-'), 'pipe');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    expectInputError(run(['baseline', 'update', '--assessment', EXAMPLE, '--output', fifo]), `mcp-comply: cannot write ${fifo}: it is a FIFO that nobody is reading\n`);
    assert.ok(fs.statSync(fifo).isFIFO());
  });

  const full: Array<[string, (device: string) => string[], string]> = [
    ['report --output', (device) => ['report', EXAMPLE, '--format', 'md', '--output', device], 'mcp-comply: md report not written: cannot write FULL: no space left on the device (ENOSPC)\n'],
    ['baseline update --output', (device) => ['baseline', 'update', '--assessment', EXAMPLE, '--output', device], 'mcp-comply: cannot write FULL: no space left on the device (ENOSPC)\n'],
  ];
  for (const [name, args, message] of full) {
    it(`${name} a full device (no space left): exit 2 naming it, the device left as it is`, () => {
      const device = fullDevice(tempDir('targets-'));
      expectInputError(run(args(device)), message.replace('FULL', device));
      assert.ok(fs.statSync(device).isCharacterDevice());
    });
  }

  it('--output naming a folder: exit 2, the folder left as it is', () => {
    const dir = tempDir('targets-');
    const folder = path.join(dir, 'report.md');
    fs.mkdirSync(folder);
    expectInputError(run(['report', EXAMPLE, '--format', 'md', '--output', folder]), `cannot write ${folder}: it is a folder, not a file; it is left as it is\n`);
    expectInputError(run(['baseline', 'update', '--assessment', EXAMPLE, '--output', folder]), `mcp-comply: cannot write ${folder}: it is a folder, not a file; it is left as it is\n`);
    assert.deepEqual(fs.readdirSync(folder), []);
  });
});

describe('--out DIR that cannot be written', () => {
  const commands: Array<[string, (root: string, out: string) => string[], (out: string) => string]> = [
    ['assess', (root, out) => ['assess', root, '--out', out], (out) => `${out}/evidence/items.jsonl`],
    ['collect', (root, out) => ['collect', root, '--out', out], (out) => `${out}/evidence/items.jsonl`],
    ['report', (_root, out) => ['report', EXAMPLE, '--format', 'md', '--out', out], (out) => `${out}/report.md`],
  ];
  for (const [command, args, first] of commands) {
    it(`${command}: --out is a file: exit 2 naming it`, () => {
      const out = write(tempDir('targets-'), 'out', 'a file\n');
      expectInputError(run(args(project(), out)), `cannot write ${first(out)}: ${out} is a file, not a folder\n`);
      assert.equal(fs.readFileSync(out, 'utf8'), 'a file\n');
    });

    it(`${command}: --out is read-only (where permissions bind): exit 2, nothing left in it`, () => {
      const out = path.join(tempDir('targets-'), 'out');
      fs.mkdirSync(out, { mode: 0o555 });
      fs.chmodSync(out, 0o555);
      const [binary, ...prefix] = [...WHERE_PERMISSIONS_BIND, process.execPath];
      const result = spawnSync(binary!, [...prefix, BIN, ...args(project(), out)], {
        encoding: 'utf8', cwd: PACKAGE_ROOT, timeout: TIMEOUT, killSignal: 'SIGKILL', env: { ...process.env, ...CLI_ENV },
      });
      assert.equal(result.signal, null, 'the CLI did not exit by itself');
      expectInputError({ code: result.status, signal: null, stdout: result.stdout, stderr: result.stderr }, `cannot write ${first(out)}: permission denied (EACCES)\n`);
      assert.deepEqual(fs.readdirSync(out), []);
    });
  }
});

/** The CLI with stdout a pipe whose reading end is closed at once, as `| head -c1` does once it has its byte. */
async function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: PACKAGE_ROOT, env: { ...process.env, ...CLI_ENV }, stdio: ['ignore', 'pipe', 'pipe'], timeout: TIMEOUT, killSignal: 'SIGKILL' });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const code = await new Promise<number | null>((resolve) => child.once('close', (status) => resolve(status)));
  return { code, stderr };
}

describe('a reader that closes stdout (EPIPE)', () => {
  // Today's schema, so that stderr holds no note about reading an older file.
  const current = upgradeAssessment(JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')));
  delete current.upgradedFrom;
  const CURRENT = write(tempDir('targets-'), 'assessment.json', JSON.stringify(current, null, 2));

  it('report --output - into a closed pipe: exit 0, nothing on stderr', async () => {
    for (const format of ['sarif', 'md']) {
      const result = await withClosedStdout(['report', CURRENT, '--format', format, '--output', '-']);
      assert.deepEqual(result, { code: 0, stderr: '' }, format);
    }
  });

  it('drift into a closed pipe: the exit code drift has anyway, nothing on stderr', async () => {
    const dir = tempDir('targets-');
    const changed = structuredClone(current);
    for (const c of changed.controls) if (c.status === 'attested') c.status = 'fail';
    const regressed = write(dir, 'regressed.json', JSON.stringify(changed, null, 2));
    for (const [files, expected] of [[[CURRENT, CURRENT], 0], [[CURRENT, regressed], 1]] as const) {
      for (const format of ['text', 'json']) {
        const args = ['drift', ...files, '--format', format];
        assert.equal(run(args).code, expected, 'the exit code with a reader');
        assert.deepEqual(await withClosedStdout(args), { code: expected, stderr: '' }, args.join(' '));
      }
    }
  });
});
