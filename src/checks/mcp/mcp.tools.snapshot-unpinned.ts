/**
 * mcp.tools.snapshot-unpinned (MCP-TI-02): every tool snapshot is governed by an `mcp-tools.lock`, the
 * approved baseline that mcp.tools.definition-changed compares it with (tool-lock.ts's lockFor: the
 * lock in the nearest folder above the snapshot, else the only lock collected).
 *
 * - a snapshot that no lock governs: one failure per snapshot (low: nothing is known to be wrong with
 *   the tools, but any later change to them would go unseen until a baseline is committed);
 * - a snapshot that a lock governs: pass. The pass claims only that a baseline exists; whether the
 *   snapshot matches it, and whether the lock lists its server at all (otherwise each of its tools is
 *   "new and unreviewed"), is definition-changed's to say.
 *
 * Split from definition-changed (issue 19), whose id says "changed": a missing lock is not a change.
 */
import type { Check, CheckResult } from '../types.js';
import { lockFor } from './tool-lock.js';

export const check: Check = {
  meta: {
    id: 'mcp.tools.snapshot-unpinned',
    title: 'Every tool snapshot is pinned by a committed mcp-tools.lock',
    severity: 'low',
    evidence: ['tool-snapshot', 'tool-lock'],
    messages: {
      noLock: 'Server "{{server}}" has a tool snapshot ({{tools}} tool(s)) but no mcp-tools.lock was found, so no approved baseline pins its definitions',
      noGoverningLock: 'Server "{{server}}" has a tool snapshot ({{tools}} tool(s)) but none of the {{locks}} mcp-tools.lock files found is in a folder above it, so no approved baseline pins its definitions',
      pinned: 'The tool snapshot of server "{{server}}" is governed by {{lockPath}}',
    },
    remediation: 'Review the snapshot\'s tool definitions (scan them for poisoning), then pin them with "mcp-comply tools lock" beside the snapshot and commit mcp-tools.lock in a reviewed pull request, so that any later change is reported.',
  },

  run(context) {
    const locks = context.evidence('tool-lock');
    return context.evidence('tool-snapshot').map((item): CheckResult => {
      const snapshot = item.data;
      const base = { location: { path: snapshot.path }, evidenceId: item.id, key: snapshot.server };
      const lock = lockFor(snapshot.path, locks);
      if (lock) return { status: 'pass', messageId: 'pinned', data: { server: snapshot.server, lockPath: lock.data.path }, ...base };
      return {
        status: 'fail', messageId: locks.length === 0 ? 'noLock' : 'noGoverningLock', severity: 'low',
        data: { server: snapshot.server, tools: snapshot.tools.length, locks: locks.length }, ...base,
      };
    });
  },
};
