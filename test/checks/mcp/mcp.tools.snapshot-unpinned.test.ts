/** mcp.tools.snapshot-unpinned as a table: each snapshot passes or fails with exact status, messageId, severity, path, key and message. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/mcp/mcp.tools.snapshot-unpinned.js';
import type { EvidenceItem } from '../../../src/evidence/types.js';
import { lockItem, messageOf, runToolCheck, snapshotItem } from '../../helpers/tool-evidence.js';

const OTHER = `sha256:${'0'.repeat(64)}`;

const snapshot = (server: string, tools: string[], path: string): EvidenceItem<'tool-snapshot'> =>
  snapshotItem({ server, tools: tools.map((name) => ({ name, description: `Does ${name}.` })) }, path);
const lock = (path: string, servers: Record<string, Record<string, string>> = {}) => lockItem({ lockfileVersion: 1, servers }, path);

interface Expected { status: string; messageId: string; severity?: string; path: string; key: string; message: string }

const cases: Array<{ name: string; items: () => EvidenceItem[]; results: Expected[] }> = [
  {
    name: 'pass: a lock in a folder above the snapshot governs it (even one that does not list the server: definition-changed reports its tools as new)',
    items: () => [snapshot('acme', ['read_file'], 'mcp-tools/acme.json'), snapshot('notes', ['add_note'], 'mcp-tools/notes.json'), lock('mcp-tools.lock', { acme: { read_file: OTHER } })],
    results: [
      { status: 'pass', messageId: 'pinned', path: 'mcp-tools/acme.json', key: 'acme', message: 'The tool snapshot of server "acme" is governed by mcp-tools.lock' },
      { status: 'pass', messageId: 'pinned', path: 'mcp-tools/notes.json', key: 'notes', message: 'The tool snapshot of server "notes" is governed by mcp-tools.lock' },
    ],
  },
  {
    name: 'pass: the only lock collected governs a snapshot outside its folder',
    items: () => [snapshot('api', ['get_user'], 'snapshots/api.tools.json'), lock('config/mcp-tools.lock')],
    results: [{ status: 'pass', messageId: 'pinned', path: 'snapshots/api.tools.json', key: 'api', message: 'The tool snapshot of server "api" is governed by config/mcp-tools.lock' }],
  },
  {
    name: 'fail: no lock at all, once per snapshot (low, at the snapshot file)',
    items: () => [snapshot('acme', ['read_file'], 'mcp-tools/acme.json'), snapshot('notes', ['add_note', 'list_notes'], 'mcp-tools/notes.json')],
    results: [
      { status: 'fail', messageId: 'noLock', severity: 'low', path: 'mcp-tools/acme.json', key: 'acme', message: 'Server "acme" has a tool snapshot (1 tool(s)) but no mcp-tools.lock was found, so no approved baseline pins its definitions' },
      { status: 'fail', messageId: 'noLock', severity: 'low', path: 'mcp-tools/notes.json', key: 'notes', message: 'Server "notes" has a tool snapshot (2 tool(s)) but no mcp-tools.lock was found, so no approved baseline pins its definitions' },
    ],
  },
  {
    name: 'fail: several locks and none in a folder above the snapshot; the nested one passes',
    items: () => [snapshot('api', ['get_user'], 'c/api.tools.json'), snapshot('web', ['get_page'], 'a/web.tools.json'), lock('a/mcp-tools.lock'), lock('b/mcp-tools.lock')],
    results: [
      { status: 'fail', messageId: 'noGoverningLock', severity: 'low', path: 'c/api.tools.json', key: 'api', message: 'Server "api" has a tool snapshot (1 tool(s)) but none of the 2 mcp-tools.lock files found is in a folder above it, so no approved baseline pins its definitions' },
      { status: 'pass', messageId: 'pinned', path: 'a/web.tools.json', key: 'web', message: 'The tool snapshot of server "web" is governed by a/mcp-tools.lock' },
    ],
  },
  {
    name: 'nothing: a lock without snapshots has no population here (the engine reports not_observed)',
    items: () => [lock('mcp-tools.lock', { acme: { read_file: OTHER } })],
    results: [],
  },
];

describe('mcp.tools.snapshot-unpinned', () => {
  for (const c of cases) {
    it(c.name, () => {
      const results = runToolCheck(check, c.items());
      assert.deepEqual(
        results.map((r) => ({ status: r.status, messageId: r.messageId, ...(r.severity ? { severity: r.severity } : {}), path: r.location.path, key: r.key, message: messageOf(check, r) })),
        c.results,
      );
      assert.ok(results.every((r) => r.location.line === undefined && r.evidenceId === `tool-snapshot:${r.location.path}`));
    });
  }

  it('is low and reads only tool evidence', () => {
    assert.equal(check.meta.severity, 'low');
    assert.deepEqual(check.meta.evidence, ['tool-snapshot', 'tool-lock']);
  });
});
