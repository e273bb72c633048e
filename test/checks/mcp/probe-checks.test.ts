/** The probe checks in the engine: without probe evidence not_observed (never a pass), with it decided per endpoint. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS } from '../../../src/checks/index.js';
import { runChecks } from '../../../src/engine/run-checks.js';
import { configItem } from '../../helpers/mcp-evidence.js';
import { oauthEndpoint, openEndpoint, probeItem, unreachedEndpoint } from '../../helpers/probe-evidence.js';
import { NOW } from '../../helpers/run-check.js';

const PROBE_CHECKS = [
  'mcp.auth.protected-resource-metadata-missing', 'mcp.auth.pkce-s256-unsupported', 'mcp.auth.insecure-authorization-endpoint',
  'mcp.transport.tls-certificate', 'mcp.transport.tls-protocol', 'mcp.transport.origin-not-validated',
];
const checks = CHECKS.filter((c) => PROBE_CHECKS.includes(c.meta.id));
const statuses = (items: Parameters<typeof runChecks>[1]) => runChecks(checks, items, { now: NOW }, new Set()).map((c) => [c.id, c.status, c.reason ?? '']);

describe('the probe checks in the engine', () => {
  it('are all registered, read only probe evidence, and speak in complete sentences', () => {
    assert.equal(checks.length, PROBE_CHECKS.length);
    for (const check of checks) {
      assert.deepEqual(check.meta.evidence, ['probe-endpoint']);
      for (const [id, text] of Object.entries(check.meta.messages)) assert.match(text, /^[A-Z].*[.]$/s, `${check.meta.id} ${id}`);
    }
  });

  it('are not_observed without probe evidence, saying so', () => {
    const config = configItem({ servers: [{ name: 'crm', url: 'https://mcp.example.com/mcp' }] });
    assert.deepEqual(statuses([config]), checks.map((c) => [c.meta.id, 'not_observed', 'no probe-endpoint evidence was collected']));
  });

  it('are not_observed, never pass, when the only endpoint was not reached (a public address is no population for the Origin test)', () => {
    assert.deepEqual(statuses([probeItem(unreachedEndpoint())]).map(([id, status]) => [id, status]),
      checks.map((c) => [c.meta.id, c.meta.id === 'mcp.transport.origin-not-validated' ? 'not_applicable' : 'not_observed']));
    assert.deepEqual(statuses([probeItem(unreachedEndpoint('http://127.0.0.1:8931/mcp'))]).map(([id, status]) => [id, status]),
      checks.map((c) => [c.meta.id, c.meta.id.startsWith('mcp.transport.tls-') ? 'not_applicable' : 'not_observed']));
  });

  it('pass a sound OAuth endpoint; an open endpoint is no population for the OAuth checks', () => {
    assert.deepEqual(statuses([probeItem(oauthEndpoint())]).map(([id, status]) => [id, status]), [
      ['mcp.auth.insecure-authorization-endpoint', 'pass'],
      ['mcp.auth.pkce-s256-unsupported', 'pass'],
      ['mcp.auth.protected-resource-metadata-missing', 'pass'],
      ['mcp.transport.origin-not-validated', 'not_applicable'],
      ['mcp.transport.tls-certificate', 'pass'],
      ['mcp.transport.tls-protocol', 'pass'],
    ]);
    assert.deepEqual(statuses([probeItem(openEndpoint('http://10.0.0.7:8080/mcp', { originCheck: { origin: 'https://evil.example', status: 200, refused: false } }))]).map(([id, status]) => [id, status]), [
      ['mcp.auth.insecure-authorization-endpoint', 'not_applicable'],
      ['mcp.auth.pkce-s256-unsupported', 'not_applicable'],
      ['mcp.auth.protected-resource-metadata-missing', 'not_applicable'],
      ['mcp.transport.origin-not-validated', 'fail'],
      ['mcp.transport.tls-certificate', 'not_applicable'],
      ['mcp.transport.tls-protocol', 'not_applicable'],
    ]);
  });
});
