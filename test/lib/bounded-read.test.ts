/**
 * The bounded reader against every kind of file a repository or a user can put where a file is
 * expected. Each read runs in a child process with a timeout: a reader that waited on a FIFO or read
 * /dev/zero without end would fail the row, not hang the suite or fill the machine's memory.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import type { BoundedReadOptions } from '../../src/lib/bounded-read.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { WHERE_PERMISSIONS_BIND } from '../helpers/cli.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const READER = pathToFileURL(path.join(PACKAGE_ROOT, 'src', 'lib', 'bounded-read.ts')).href;
const TIMEOUT = 20_000;

/** What readRegularFile answers, from a child process (where permissions bind, if asked): the length read, or the refusal. */
function readInChild(file: string, options: BoundedReadOptions, permissionsBind = false): unknown {
  const script = `const { readRegularFile } = await import(${JSON.stringify(READER)});
const read = readRegularFile(${JSON.stringify(file)}, ${JSON.stringify(options)});
process.stdout.write(JSON.stringify(read.ok ? { ok: true, length: read.bytes.length } : read));`;
  const node = [process.execPath, '--import', 'tsx', '--input-type=module', '-e', script];
  const command = permissionsBind ? [...WHERE_PERMISSIONS_BIND, ...node] : node;
  const result = spawnSync(command[0]!, command.slice(1), { cwd: PACKAGE_ROOT, encoding: 'utf8', timeout: TIMEOUT, killSignal: 'SIGKILL' });
  assert.equal(result.signal, null, `the read did not end by itself within ${TIMEOUT} ms`);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

const dir = tempDir('bounded-read-');
const at = (name: string) => path.join(dir, name);
const server = net.createServer();
after(() => server.close());

const notAFile = (fileType: string) => ({ ok: false, refusal: { code: 'not-a-file', fileType, reason: `not a regular file: ${fileType}` } });

describe('readRegularFile', () => {
  it('setup: FIFO, socket and links', async () => {
    assert.equal(spawnSync('mkfifo', [at('fifo')]).status, 0);
    await new Promise<void>((resolve) => server.listen(at('socket'), resolve));
    fs.symlinkSync('/dev/zero', at('zero'));
    fs.symlinkSync(write(dir, 'target.txt', 'hello'), at('link'));
    fs.symlinkSync(at('loop'), at('loop'));
    fs.mkdirSync(at('folder'));
    write(dir, 'locked.txt', 'secret');
    fs.chmodSync(at('locked.txt'), 0o000);
  });

  const rows: Array<{ name: string; file: () => string; options: BoundedReadOptions; expected: unknown; permissionsBind?: boolean }> = [
    { name: 'a regular file', file: () => write(dir, 'regular.txt', 'hello'), options: { cap: 100 }, expected: { ok: true, length: 5 } },
    { name: 'an empty file', file: () => write(dir, 'empty.txt', ''), options: { cap: 100 }, expected: { ok: true, length: 0 } },
    { name: 'a file exactly at the cap', file: () => write(dir, 'at-cap.txt', 'x'.repeat(100)), options: { cap: 100 }, expected: { ok: true, length: 100 } },
    {
      name: 'a file one byte over the cap', file: () => write(dir, 'over-cap.txt', 'x'.repeat(101)), options: { cap: 100 },
      expected: { ok: false, refusal: { code: 'too-large', size: 101, cap: 100, reason: 'too large: is 101 bytes; the limit for this kind of file is 100 bytes' } },
    },
    {
      name: 'a file over the cap by MiB', file: () => { const f = write(dir, 'sparse.bin', ''); fs.truncateSync(f, 3 * 1024 * 1024 + 5); return f; }, options: { cap: 2 * 1024 * 1024 },
      expected: { ok: false, refusal: { code: 'too-large', size: 3 * 1024 * 1024 + 5, cap: 2 * 1024 * 1024, reason: 'too large: is 3.0 MiB (3145733 bytes); the limit for this kind of file is 2 MiB' } },
    },
    {
      // /proc files say size 0 and then give more, as a file growing while it is read does: reading stops one byte past the cap.
      name: 'a file that holds more than its size said (growing)', file: () => '/proc/self/maps', options: { cap: 64 },
      expected: { ok: false, refusal: { code: 'too-large', size: 65, cap: 64, reason: 'too large: grew past 64 bytes while being read; the limit for this kind of file is 64 bytes' } },
    },
    { name: 'a FIFO (never waited on)', file: () => at('fifo'), options: { cap: 100 }, expected: notAFile('FIFO') },
    { name: 'a socket', file: () => at('socket'), options: { cap: 100 }, expected: notAFile('socket') },
    { name: '/dev/null', file: () => '/dev/null', options: { cap: 100 }, expected: notAFile('character device') },
    { name: 'a link to /dev/zero', file: () => at('zero'), options: { cap: 100 }, expected: notAFile('character device') },
    { name: 'a link to a regular file', file: () => at('link'), options: { cap: 100 }, expected: { ok: true, length: 5 } },
    { name: 'a link to a regular file, links refused', file: () => at('link'), options: { cap: 100, followSymlinks: false }, expected: notAFile('symbolic link') },
    { name: 'a link to itself', file: () => at('loop'), options: { cap: 100 }, expected: { ok: false, refusal: { code: 'symlink-loop', reason: 'symbolic link loop (ELOOP)' } } },
    { name: 'a folder', file: () => at('folder'), options: { cap: 100 }, expected: notAFile('folder') },
    { name: 'a missing file', file: () => at('missing.txt'), options: { cap: 100 }, expected: { ok: false, refusal: { code: 'missing', reason: 'does not exist' } } },
    {
      // As root permissions do not stop a read: the row runs without the capabilities that override them, never skipped.
      name: 'a file without read permission (EACCES)', file: () => at('locked.txt'), options: { cap: 100 }, permissionsBind: true,
      expected: { ok: false, refusal: { code: 'permission-denied', reason: 'permission denied (EACCES)' } },
    },
  ];
  for (const row of rows) {
    it(row.name, () => assert.deepEqual(readInChild(row.file(), row.options, row.permissionsBind), row.expected));
  }
});
