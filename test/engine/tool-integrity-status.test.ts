/**
 * MCP-TI-02 with its two checks (issue 19): mcp.tools.snapshot-unpinned passing alone never makes the
 * control pass, and a snapshot without a lock fails it through snapshot-unpinned, not through a
 * "changed" finding.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import type { CheckStatus } from '../../src/checks/types.js';
import { controlStatus } from '../../src/engine/roll-up.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { check as definitionChanged } from '../../src/checks/mcp/mcp.tools.definition-changed.js';
import { check as snapshotUnpinned } from '../../src/checks/mcp/mcp.tools.snapshot-unpinned.js';
import { NOW, snapshotItem } from '../helpers/tool-evidence.js';

const control = loadCatalog().catalog.controls.find((c) => c.id === 'MCP-TI-02')!;

function statusWith(changed: CheckStatus, unpinned: CheckStatus): string {
  const outcomes: Record<string, { status: CheckStatus; failures: number; reason?: string }> = {
    'mcp.tools.definition-changed': { status: changed, failures: changed === 'fail' ? 1 : 0, ...(changed === 'not_observed' ? { reason: 'no baseline' } : {}) },
    'mcp.tools.snapshot-unpinned': { status: unpinned, failures: unpinned === 'fail' ? 1 : 0 },
  };
  return controlStatus(control, (id) => outcomes[id]!).status;
}

describe('MCP-TI-02 and its checks', () => {
  it('lists both checks and stays partial (the approval of each lock entry is manual)', () => {
    assert.deepEqual(control.checks, ['mcp.tools.definition-changed', 'mcp.tools.snapshot-unpinned']);
    assert.equal(statusWith('pass', 'pass'), 'partial');
  });

  it('snapshots without a lock: definition-changed cannot compare (not_observed), snapshot-unpinned fails, so the control fails', () => {
    assert.equal(statusWith('not_observed', 'fail'), 'fail');
  });

  it('a pinned snapshot whose comparison was not seen is not a pass', () => {
    assert.equal(statusWith('not_observed', 'pass'), 'not_observed');
  });

  it('a changed definition fails the control whatever the pinning says', () => {
    assert.equal(statusWith('fail', 'pass'), 'fail');
  });

  it('through the engine: a snapshot and no lock is one low finding under snapshot-unpinned and no "changed" finding', () => {
    const items = [snapshotItem({ server: 'acme', tools: [{ name: 'read_file', description: 'Read a file.' }] }, 'mcp-tools/acme.json')];
    const [changed, unpinned] = runChecks([definitionChanged, snapshotUnpinned], items, { now: NOW }, new Set());
    assert.deepEqual([changed!.status, changed!.reason, changed!.results.map((r) => r.status)], ['not_observed', '1 of 1 part(s) of the evidence could not be seen', ['not_observed']]);
    assert.deepEqual([unpinned!.status, unpinned!.results.map((r) => [r.status, r.severity, r.messageId])], ['fail', [['fail', 'low', 'noLock']]]);
  });
});
