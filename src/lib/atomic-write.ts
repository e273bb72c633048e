/** Writes that never leave half a file: write a temp file beside the target, then rename over it. */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * `durable: false` skips the fsync: for many small files whose index (written last, durably) is what
 * makes them count, like evidence items under a manifest. A torn item is then caught by verify.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, { durable = true } = {}): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, 'w', 0o644);
    try {
      fs.writeFileSync(fd, data);
      if (durable) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
