/**
 * mcp.tools.definition-changed (MCP-TI-02): every tool snapshot is compared with the approved
 * baseline in `mcp-tools.lock` (`{ "lockfileVersion": 1, "servers": { "<server>": { "<tool>": "sha256:<hex>" } } }`,
 * written by `mcp-comply tools lock`).
 *
 * - a tool whose definition hash differs from the lock: changed since approval (high; a rug pull
 *   when the server's version did not move);
 * - a tool that the lock does not list: new and unreviewed (medium: a capability nobody approved;
 *   its content is judged by mcp.tools.poisoning-pattern);
 * - a tool the lock lists that no snapshot of its server has any more: removed (low);
 * - a tool that matches: pass;
 * - a snapshot that no lock governs: `not_observed`, once per snapshot. Without a baseline the
 *   comparison cannot be made (DESIGN §5: evidence the check needs is missing), which is neither a
 *   pass nor a change; that the snapshot is unpinned is mcp.tools.snapshot-unpinned's finding, so
 *   this id says only what it names, a definition that changed.
 *
 * A locked server without a snapshot gives no result: with nothing to compare, the check can neither
 * pass it (that would claim the live definitions were seen) nor fail it (the server may simply not
 * have been captured in this run); the missing snapshot shows as evidence coverage instead.
 *
 * Which lock applies to a snapshot: tool-lock.ts's lockFor (the lock in the nearest folder above it,
 * else the only lock collected).
 */
import { getOwn } from '../../collectors/tool-snapshot/parse.js';
import type { Check, CheckResult } from '../types.js';
import { lockFor } from './tool-lock.js';

/** `sha256:` and the first 12 hex digits: enough to tell hashes apart in a message. */
function short(hash: string): string {
  return `${hash.slice(0, 19)}…`;
}

export const check: Check = {
  meta: {
    id: 'mcp.tools.definition-changed',
    title: 'Tool definitions match their approved, pinned baseline',
    severity: 'high',
    evidence: ['tool-snapshot', 'tool-lock'],
    messages: {
      changed: 'Tool "{{tool}}" of server "{{server}}" changed since approval (approved {{locked}} in {{lockPath}}, now {{current}})',
      added: 'Tool "{{tool}}" of server "{{server}}" is not in {{lockPath}}: new and unreviewed',
      removed: 'Tool "{{tool}}" of server "{{server}}" is approved in {{lockPath}} but no snapshot of the server has it any more',
      noBaseline: 'The tool snapshot of server "{{server}}" ({{tools}} tool(s)) cannot be compared: no mcp-tools.lock governs it, so whether its definitions changed since approval is not known',
      unchanged: 'Tool "{{tool}}" of server "{{server}}" matches its approved definition',
    },
    remediation: 'Review the changed, added or removed tool definitions (diff the snapshot against the approved one and scan them for poisoning), then re-approve them with "mcp-comply tools lock" in a reviewed pull request; treat a change without a server version bump as a possible rug pull and disable the server until it is explained.',
  },

  run(context) {
    const snapshots = context.evidence('tool-snapshot');
    const locks = context.evidence('tool-lock');
    const results: CheckResult[] = [];
    // lock id -> server -> tool names present in some snapshot governed by that lock
    const seen = new Map<string, Map<string, Set<string>>>();

    for (const item of snapshots) {
      const snapshot = item.data;
      const lock = lockFor(snapshot.path, locks);
      if (!lock) {
        results.push({
          status: 'not_observed', messageId: 'noBaseline',
          data: { server: snapshot.server, tools: snapshot.tools.length },
          location: { path: snapshot.path }, evidenceId: item.id, key: snapshot.server,
        });
        continue;
      }
      const approved = getOwn(lock.data.servers, snapshot.server);
      const servers = seen.get(lock.id) ?? new Map<string, Set<string>>();
      seen.set(lock.id, servers);
      const names = servers.get(snapshot.server) ?? new Set<string>();
      servers.set(snapshot.server, names);
      for (const tool of snapshot.tools) {
        names.add(tool.name);
        const entry = approved ? getOwn(approved, tool.name) : undefined;
        const base = { location: { path: snapshot.path, ...tool.at }, evidenceId: item.id, key: `${snapshot.server}/${tool.name}` };
        const data = { server: snapshot.server, tool: tool.name, lockPath: lock.data.path };
        if (!entry) {
          results.push({ status: 'fail', messageId: 'added', severity: 'medium', data, ...base });
        } else if (entry.sha256 !== tool.sha256) {
          results.push({ status: 'fail', messageId: 'changed', severity: 'high', data: { ...data, locked: short(entry.sha256), current: short(tool.sha256) }, ...base });
        } else {
          results.push({ status: 'pass', messageId: 'unchanged', data: { server: snapshot.server, tool: tool.name }, ...base });
        }
      }
    }

    // Removals: approved tools that no snapshot of a server (governed by the same lock) has any more.
    for (const lock of locks) {
      const servers = seen.get(lock.id);
      if (!servers) continue;
      for (const [server, names] of servers) {
        const approved = getOwn(lock.data.servers, server);
        if (!approved) continue;
        for (const [tool, entry] of Object.entries(approved)) {
          if (names.has(tool)) continue;
          results.push({
            status: 'fail', messageId: 'removed', severity: 'low',
            data: { server, tool, lockPath: lock.data.path },
            location: { path: lock.data.path, ...entry.at }, evidenceId: lock.id, key: `${server}/${tool}`,
          });
        }
      }
    }
    return results;
  },
};
