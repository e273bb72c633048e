/**
 * mcp.tools.snapshot-unpinned (MCP-TI-02): every tool snapshot is governed by an `mcp-tools.lock`, the
 * approved baseline that mcp.tools.definition-changed compares it with (tool-lock.ts's lockFor: the
 * lock in the nearest folder above the snapshot, else the only lock collected).
 *
 * - snapshots that no lock governs: one failure per server and folder (low: nothing is known to be
 *   wrong with the tools, but any later change to them would go unseen until a baseline is
 *   committed). A server kept as one file per tool (github-mcp-server's __toolsnaps__, 100+ files)
 *   lacks one baseline, not one per file; the finding points at its first file and is fingerprinted
 *   on the folder, so adding a tool file does not make it a new finding;
 * - a snapshot that a lock governs: pass. The pass claims only that a baseline exists; whether the
 *   snapshot matches it, and whether the lock lists its server at all (otherwise each of its tools is
 *   "new and unreviewed"), is definition-changed's to say.
 *
 * Split from definition-changed (issue 19), whose id says "changed": a missing lock is not a change.
 */
import path from 'node:path';
import type { EvidenceItem } from '../../evidence/types.js';
import type { Check, CheckResult } from '../types.js';
import { lockFor } from './tool-lock.js';

export const check: Check = {
  meta: {
    id: 'mcp.tools.snapshot-unpinned',
    title: 'Every tool snapshot is pinned by a committed mcp-tools.lock',
    severity: 'low',
    evidence: ['tool-snapshot', 'tool-lock'],
    messages: {
      noLock: 'Server "{{server}}" has {{files}} tool snapshot file(s) in {{folder}} ({{tools}} tool(s)) but no mcp-tools.lock was found, so no approved baseline pins its definitions',
      noGoverningLock: 'Server "{{server}}" has {{files}} tool snapshot file(s) in {{folder}} ({{tools}} tool(s)) but none of the {{locks}} mcp-tools.lock files found is in a folder above them, so no approved baseline pins their definitions',
      pinned: 'The tool snapshot of server "{{server}}" is governed by {{lockPath}}',
    },
    remediation: 'Review the snapshot\'s tool definitions (scan them for poisoning), then pin them with "mcp-comply tools lock" beside the snapshot and commit mcp-tools.lock in a reviewed pull request, so that any later change is reported.',
  },

  run(context) {
    const locks = context.evidence('tool-lock');
    const results: CheckResult[] = [];
    const unpinned = new Map<string, Array<EvidenceItem<'tool-snapshot'>>>();
    for (const item of context.evidence('tool-snapshot')) {
      const snapshot = item.data;
      const lock = lockFor(snapshot.path, locks);
      if (lock) {
        results.push({ status: 'pass', messageId: 'pinned', data: { server: snapshot.server, lockPath: lock.data.path }, location: { path: snapshot.path }, evidenceId: item.id, key: snapshot.server });
        continue;
      }
      const group = `${path.posix.dirname(snapshot.path)}\0${snapshot.server}`;
      unpinned.set(group, [...(unpinned.get(group) ?? []), item]);
    }
    for (const items of unpinned.values()) {
      const [first] = [...items].sort((a, b) => (a.data.path < b.data.path ? -1 : a.data.path > b.data.path ? 1 : 0));
      const folder = path.posix.dirname(first!.data.path);
      results.push({
        status: 'fail', messageId: locks.length === 0 ? 'noLock' : 'noGoverningLock', severity: 'low',
        data: { server: first!.data.server, files: items.length, folder, tools: items.reduce((n, item) => n + item.data.tools.length, 0), locks: locks.length },
        location: { path: first!.data.path }, evidenceId: first!.id, key: first!.data.server, fingerprintPath: `${folder}/`,
      });
    }
    return results;
  },
};
