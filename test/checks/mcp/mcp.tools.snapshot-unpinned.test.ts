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
    name: 'fail: no lock at all, once per server and folder (low, at the first snapshot file)',
    items: () => [snapshot('acme', ['read_file'], 'mcp-tools/acme.json'), snapshot('notes', ['add_note', 'list_notes'], 'mcp-tools/notes.json')],
    results: [
      { status: 'fail', messageId: 'noLock', severity: 'low', path: 'mcp-tools/acme.json', key: 'acme', message: 'Server "acme" has 1 tool snapshot file(s) in mcp-tools (1 tool(s)) but no mcp-tools.lock was found, so no approved baseline pins its definitions' },
      { status: 'fail', messageId: 'noLock', severity: 'low', path: 'mcp-tools/notes.json', key: 'notes', message: 'Server "notes" has 1 tool snapshot file(s) in mcp-tools (2 tool(s)) but no mcp-tools.lock was found, so no approved baseline pins its definitions' },
    ],
  },
  {
    name: 'fail: a server kept as one file per tool (github-mcp-server\'s __toolsnaps__) is one finding, fingerprinted on its folder',
    items: () => [
      snapshot('github', ['list_issues'], 'pkg/github/__toolsnaps__/list_issues.snap'),
      snapshot('github', ['get_me'], 'pkg/github/__toolsnaps__/get_me.snap'),
      snapshot('github', ['add_comment'], 'pkg/github/__toolsnaps__/add_comment.snap'),
    ],
    results: [
      { status: 'fail', messageId: 'noLock', severity: 'low', path: 'pkg/github/__toolsnaps__/add_comment.snap', key: 'github', message: 'Server "github" has 3 tool snapshot file(s) in pkg/github/__toolsnaps__ (3 tool(s)) but no mcp-tools.lock was found, so no approved baseline pins its definitions' },
    ],
  },
  {
    name: 'fail: several locks and none in a folder above the snapshot; the nested one passes',
    items: () => [snapshot('api', ['get_user'], 'c/api.tools.json'), snapshot('web', ['get_page'], 'a/web.tools.json'), lock('a/mcp-tools.lock'), lock('b/mcp-tools.lock')],
    results: [
      { status: 'pass', messageId: 'pinned', path: 'a/web.tools.json', key: 'web', message: 'The tool snapshot of server "web" is governed by a/mcp-tools.lock' },
      { status: 'fail', messageId: 'noGoverningLock', severity: 'low', path: 'c/api.tools.json', key: 'api', message: 'Server "api" has 1 tool snapshot file(s) in c (1 tool(s)) but none of the 2 mcp-tools.lock files found is in a folder above them, so no approved baseline pins their definitions' },
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
      assert.ok(results.every((r) => r.status === 'pass' ? r.fingerprintPath === undefined : r.fingerprintPath === `${r.location.path.slice(0, r.location.path.lastIndexOf('/'))}/`));
    });
  }

  it('is low and reads only tool evidence', () => {
    assert.equal(check.meta.severity, 'low');
    assert.deepEqual(check.meta.evidence, ['tool-snapshot', 'tool-lock']);
  });
});
