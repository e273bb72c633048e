/**
 * Which `mcp-tools.lock` governs a tool snapshot, shared by mcp.tools.definition-changed (does the
 * snapshot match it?) and mcp.tools.snapshot-unpinned (is there one at all?), so both decide alike.
 */
import path from 'node:path';
import type { EvidenceItem } from '../../evidence/types.js';

/**
 * The lock that governs a snapshot at `snapshotPath` (display paths, POSIX): the lock in the nearest
 * folder that contains the snapshot (as with package-lock.json); failing that, the only lock
 * collected, when there is exactly one.
 */
export function lockFor(snapshotPath: string, locks: Array<EvidenceItem<'tool-lock'>>): EvidenceItem<'tool-lock'> | undefined {
  let best: EvidenceItem<'tool-lock'> | undefined;
  let bestDepth = -1;
  for (const lock of locks) {
    const dir = path.posix.dirname(lock.data.path);
    const contains = dir === '.'
      ? !/^(?:\/|~\/|\.\.\/|[A-Za-z]:\/)/.test(snapshotPath)
      : snapshotPath.startsWith(`${dir}/`);
    const depth = dir === '.' ? 0 : dir.split('/').length;
    if (contains && depth > bestDepth) { best = lock; bestDepth = depth; }
  }
  return best ?? (locks.length === 1 ? locks[0] : undefined);
}
