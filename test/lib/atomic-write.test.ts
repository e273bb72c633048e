/**
 * writeFileAtomic, the one writer of every output: a regular file is replaced whole; a character device
 * or FIFO is written in place and left what it is; a folder, socket or block device is refused; a write
 * that fails (a full disk, a quota, a read-only file system, a file in the way) is a WriteError naming
 * the path, and leaves neither a temp file nor a changed target.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { WriteError, writeFileAtomic, type WriterFs } from '../../src/lib/atomic-write.js';
import { fullDevice } from '../helpers/devices.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const isRoot = process.getuid?.() === 0;

/** The real file system, with one call failing as the disk would. */
function failing(call: keyof WriterFs, code: string): WriterFs {
  const fail = () => { throw Object.assign(new Error(`${code}: simulated`), { code }); };
  return { ...fs, [call]: fail } as WriterFs;
}

function expectWriteError(run: () => void, message: string): void {
  assert.throws(run, (error: Error) => {
    assert.ok(error instanceof WriteError, `a WriteError, not ${error.name}: ${error.message}`);
    assert.equal(error.message, message);
    return true;
  });
}

describe('writeFileAtomic', () => {
  it('writes a new file, making its folder, and replaces a regular file whole', () => {
    const dir = tempDir('atomic-');
    const file = path.join(dir, 'a', 'b', 'report.md');
    writeFileAtomic(file, 'first\n');
    writeFileAtomic(file, 'second\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'second\n');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['report.md']);
  });

  const failures: Array<[string, keyof WriterFs, string, string]> = [
    ['a full disk while writing', 'writeFileSync', 'ENOSPC', 'no space left on the device (ENOSPC)'],
    ['a quota reached at the fsync', 'fsyncSync', 'EDQUOT', 'disk quota exceeded (EDQUOT)'],
    ['a read-only file system at the rename', 'renameSync', 'EROFS', 'read-only file system (EROFS)'],
    ['a folder that may not be written', 'openSync', 'EACCES', 'permission denied (EACCES)'],
  ];
  for (const [name, call, code, reason] of failures) {
    it(`${name}: a WriteError naming the file; the old file kept, no temp file left`, () => {
      const dir = tempDir('atomic-');
      const file = write(dir, 'assessment.json', 'the old one\n');
      expectWriteError(() => writeFileAtomic(file, 'x'.repeat(100_000), { fs: failing(call, code) }), `cannot write ${file}: ${reason}`);
      assert.equal(fs.readFileSync(file, 'utf8'), 'the old one\n');
      assert.deepEqual(fs.readdirSync(dir), ['assessment.json']);
    });
  }

  it('a folder that cannot be made (read-only file system): a WriteError', () => {
    const dir = tempDir('atomic-');
    expectWriteError(() => writeFileAtomic(path.join(dir, 'out', 'evidence', 'items.jsonl'), 'x', { fs: failing('mkdirSync', 'EROFS') }),
      `cannot write ${dir}/out/evidence/items.jsonl: read-only file system (EROFS)`);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('a file where a folder of the path should be: named', () => {
    const dir = tempDir('atomic-');
    const blocker = write(dir, 'out', 'a file\n');
    expectWriteError(() => writeFileAtomic(path.join(blocker, 'evidence', 'items.jsonl'), 'x'), `cannot write ${blocker}/evidence/items.jsonl: ${blocker} is a file, not a folder`);
    expectWriteError(() => writeFileAtomic(path.join(blocker, 'report.md'), 'x'), `cannot write ${blocker}/report.md: ${blocker} is a file, not a folder`);
    assert.equal(fs.readFileSync(blocker, 'utf8'), 'a file\n');
  });

  it('a folder, a socket: refused and left as they are', async () => {
    const dir = tempDir('atomic-');
    const folder = path.join(dir, 'report.md');
    fs.mkdirSync(folder);
    expectWriteError(() => writeFileAtomic(folder, 'x'), `cannot write ${folder}: it is a folder, not a file; it is left as it is`);
    assert.ok(fs.statSync(folder).isDirectory());
    const socket = path.join(dir, 'sock');
    const server = net.createServer().listen(socket);
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      expectWriteError(() => writeFileAtomic(socket, 'x'), `cannot write ${socket}: it is a socket, not a file; it is left as it is`);
      assert.ok(fs.statSync(socket).isSocket());
    } finally {
      server.close();
    }
  });

  it('a character device (the null device, made with mknod): written in place, still a device', { skip: !isRoot && 'mknod needs root' }, () => {
    const dir = tempDir('atomic-');
    const device = path.join(dir, 'null');
    assert.equal(spawnSync('mknod', [device, 'c', '1', '3']).status, 0);
    writeFileAtomic(device, 'a report\n');
    assert.ok(fs.statSync(device).isCharacterDevice(), 'still a character device');
    assert.deepEqual(fs.readdirSync(dir), ['null']);
  });

  it('a full device (writes fail with ENOSPC): a WriteError, the device left as it is', () => {
    const device = fullDevice(tempDir('atomic-'));
    expectWriteError(() => writeFileAtomic(device, 'a report\n'), `cannot write ${device}: no space left on the device (ENOSPC)`);
    assert.ok(fs.statSync(device).isCharacterDevice());
  });

  it('a link to a device outside /dev and /proc (as a repository could commit where an output goes): the link is replaced, the device never written', () => {
    const dir = tempDir('atomic-');
    const planted = path.join(dir, 'assessment.json');
    const device = fullDevice(dir);
    fs.symlinkSync(device, planted);
    writeFileAtomic(planted, 'the assessment\n');
    assert.equal(fs.lstatSync(planted).isFile(), true, 'a regular file where the link was');
    assert.equal(fs.readFileSync(planted, 'utf8'), 'the assessment\n');
    assert.ok(fs.statSync(device).isCharacterDevice(), 'the device is as it was');
  });

  it('a FIFO with a reader: streamed into it, still a FIFO', async () => {
    const dir = tempDir('atomic-');
    const fifo = path.join(dir, 'pipe');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    // More than a pipe holds (64 KiB), so the writer must wait for the reader rather than fail with EAGAIN.
    const data = 'line of a report\n'.repeat(20_000);
    // The reader writes to a file, not to us: this process is blocked in the synchronous write meanwhile.
    const copy = path.join(dir, 'copy');
    const reader = spawn('sh', ['-c', 'cat "$0" > "$1"', fifo, copy], { stdio: 'ignore', timeout: 20_000, killSignal: 'SIGKILL' });
    const done = new Promise((resolve) => reader.once('close', resolve));
    // cat opens the FIFO after it starts: until then nobody reads it, and the write is refused.
    for (let tries = 0; ; tries++) {
      try { writeFileAtomic(fifo, data); break; } catch (error) {
        if (!(error instanceof WriteError) || tries > 200) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    await done;
    assert.equal(fs.readFileSync(copy, 'utf8'), data);
    assert.ok(fs.statSync(fifo).isFIFO(), 'still a FIFO');
  });

  it('a FIFO nobody reads: refused at once rather than waited on', () => {
    const dir = tempDir('atomic-');
    const fifo = path.join(dir, 'pipe');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    expectWriteError(() => writeFileAtomic(fifo, 'x'), `cannot write ${fifo}: it is a FIFO that nobody is reading`);
    assert.ok(fs.statSync(fifo).isFIFO());
  });
});
