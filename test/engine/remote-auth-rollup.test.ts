/**
 * MCP-IA-01 ("Remote MCP servers require authentication") from mcp.auth.remote-without-auth as the
 * engine rolls it up (DESIGN §5): authorization negotiated at runtime is not_observed, and a control
 * cannot pass, not even partly, while any of its results is not observed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { check } from '../../src/checks/mcp/mcp.auth.remote-without-auth.js';
import { resolveCheckOptions } from '../../src/config/check-options.js';
import { controlStatus } from '../../src/engine/roll-up.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { configItem, type FileSpec } from '../helpers/mcp-evidence.js';
import { NOW } from '../helpers/run-check.js';

const { catalog } = loadCatalog();
const control = catalog.controls.find((c) => c.id === 'MCP-IA-01')!;
const PUBLIC = [{ pattern: 'https://mcp.deepwiki.com', justification: 'Public documentation.', approver: 'ciso@example.com' }];

function rollUp(specs: FileSpec[], publicEndpoints = PUBLIC.slice(0, 0)) {
  const options = resolveCheckOptions({ 'mcp.auth.remote-without-auth': { publicEndpoints } });
  const [evaluated] = runChecks([check], specs.map((s) => configItem(s)), { now: NOW, options }, new Set());
  const failures = evaluated!.results.filter((r) => r.status === 'fail').length;
  const outcome = { status: evaluated!.status, failures, ...(evaluated!.reason ? { reason: evaluated!.reason } : {}) };
  return { check: evaluated!.status, control: controlStatus(control, () => outcome) };
}

const credentialed: FileSpec = { servers: [{ name: 'crm', url: 'https://mcp.crm.example.com/mcp', headers: { Authorization: 'Bearer ${env:CRM_TOKEN}' } }] };
const runtime: FileSpec = { client: 'claude-code', path: '.mcp.json', servers: [{ name: 'linear', type: 'http', url: 'https://mcp.linear.app/mcp' }] };
const deepwiki: FileSpec = { client: 'vscode', servers: [{ name: 'deepwiki', type: 'http', url: 'https://mcp.deepwiki.com/mcp' }] };
const roo: FileSpec = { client: 'roo', path: '.roo/mcp.json', servers: [{ name: 'crm', url: 'https://mcp.crm.example.com/mcp' }] };

describe('MCP-IA-01 from mcp.auth.remote-without-auth', () => {
  it('the control maps the check and decides only part of it (automation: partial)', () => {
    assert.deepEqual([control.checks, control.automation], [['mcp.auth.remote-without-auth'], 'partial']);
  });

  it('a credential declared everywhere: partial (the 401 is still to be shown), never a full pass', () => {
    assert.deepEqual([rollUp([credentialed]).check, rollUp([credentialed]).control.status], ['pass', 'partial']);
  });

  it('one entry negotiated at runtime beside credentialed ones: not observed, not partial', () => {
    const { check: status, control: rolled } = rollUp([credentialed, runtime]);
    assert.equal(status, 'not_observed');
    assert.deepEqual(rolled, { status: 'not_observed', reason: 'not observed: mcp.auth.remote-without-auth (1 of 2 part(s) of the evidence could not be seen)' });
  });

  it('a public endpoint declared as such counts as decided', () => {
    assert.equal(rollUp([credentialed, deepwiki], PUBLIC).control.status, 'partial');
    assert.equal(rollUp([credentialed, deepwiki]).control.status, 'not_observed');
  });

  it('a client that cannot authenticate fails the control, whatever else is unseen', () => {
    assert.equal(rollUp([runtime, roo]).control.status, 'fail');
  });
});
