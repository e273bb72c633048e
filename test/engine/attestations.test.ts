/** Attestations: fresh makes a manual control attested, expired makes it stale, checks always outrank them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Catalog, Control } from '../../src/catalog/model.js';
import type { AttestationEvidence } from '../../src/evidence/types.js';
import { attestationState, attestationsByControl } from '../../src/engine/attestations.js';
import { rollUpControls } from '../../src/engine/roll-up.js';
import { DEFAULT_RISK_METHOD } from '../../src/engine/risk-register.js';

const NOW = '2026-11-22T10:00:00.000Z';
const attestation = (over: Partial<AttestationEvidence> = {}): AttestationEvidence => ({
  control: 'MCP-IR-01', statement: 's', attestedBy: 'secops@example.com', date: '2026-10-15', validUntil: '2027-10-15',
  evidence: 'docs/ir-plan.md', sha256: 'a'.repeat(64), bytes: 10, ...over,
});
const control = (id: string, checks: string[] = []) => ({ id, title: id, checks, severity: 'high', likelihood: 4, impact: 3 } as unknown as Control);
const roll = (controls: Control[], attestations: AttestationEvidence[], status: 'pass' | 'fail' = 'fail') =>
  rollUpControls({ controls } as unknown as Catalog, () => ({ status, failures: status === 'fail' ? 1 : 0 }), attestationsByControl(attestations, NOW), DEFAULT_RISK_METHOD);

describe('attestation state by the run\'s date', () => {
  const cases: Array<[string, string, string, ReturnType<typeof attestationState>]> = [
    ['fresh', '2026-10-15', '2027-10-15', 'fresh'],
    ['fresh on its last day', '2025-11-22', '2026-11-22', 'fresh'],
    ['stale', '2025-09-01', '2026-09-01', 'stale'],
    ['dated after the run', '2026-12-01', '2027-12-01', 'future'],
  ];
  for (const [name, date, validUntil, expected] of cases) it(name, () => assert.equal(attestationState({ date, validUntil }, '2026-11-22'), expected));
});

describe('attestations on controls', () => {
  it('a fresh attestation makes a manual control attested, records it, and brings residual risk down', () => {
    const [c] = roll([control('MCP-IR-01')], [attestation()]);
    assert.equal(c!.status, 'attested');
    assert.deepEqual(c!.attestation, { attestedBy: 'secops@example.com', date: '2026-10-15', validUntil: '2027-10-15', evidence: 'docs/ir-plan.md', sha256: 'a'.repeat(64), state: 'fresh' });
    assert.match(c!.reason, /attested by secops@example\.com on 2026-10-15, valid until 2027-10-15/);
    assert.equal(c!.risk.residual, 3);
  });

  it('an expired attestation makes it stale, and stale leaves the inherent risk standing', () => {
    const [c] = roll([control('MCP-IR-01')], [attestation({ validUntil: '2026-09-01', date: '2025-09-01' })]);
    assert.equal(c!.status, 'stale');
    assert.equal(c!.attestation?.state, 'stale');
    assert.match(c!.reason, /expired on 2026-09-01/);
    assert.equal(c!.risk.residual, 12);
  });

  it('a renewed attestation wins over the stale one it renews', () => {
    const [c] = roll([control('MCP-IR-01')], [attestation({ validUntil: '2026-09-01', date: '2025-09-01' }), attestation()]);
    assert.equal(c!.status, 'attested');
  });

  it('a control with checks keeps its check-based status, the attestation recorded beside it', () => {
    const [c] = roll([control('MCP-IR-01', ['mcp.x.y'])], [attestation()]);
    assert.equal(c!.status, 'fail');
    assert.equal(c!.attestation?.validUntil, '2027-10-15');
    assert.match(c!.reason, /failed: mcp\.x\.y \(1 finding\); its checks decide; the attestation is recorded beside them/);
    assert.equal(c!.risk.residual, 12);
  });

  it('a control without an attestation stays manual', () => {
    const [c] = roll([control('MCP-GV-01')], [attestation()]);
    assert.equal(c!.status, 'manual');
    assert.equal(c!.reason, 'no check can decide this control and no attestation covers it');
    assert.equal(c!.attestation, undefined);
  });
});
