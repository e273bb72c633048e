/** Device nodes for tests of writers, made so that a broken writer can destroy nothing of the machine's. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * A device whose writes fail with ENOSPC, like /dev/full. As root, a node of its own (mknod c 1 7) in
 * `dir`: a writer that replaced its target would replace that node, not the machine's /dev/full. As
 * any other user, /dev/full itself, which such a user cannot replace.
 */
export function fullDevice(dir: string): string {
  if (process.getuid?.() !== 0) return '/dev/full';
  const node = path.join(dir, 'full');
  const made = spawnSync('mknod', [node, 'c', '1', '7'], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`mknod ${node}: ${made.stderr || made.error?.message}`);
  return node;
}
