/** The check runner's honesty: no evidence is not_observed, a throwing check or failed collector is error. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Check } from '../../src/checks/types.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { fingerprintOf, formatMessage, runChecks } from '../../src/engine/run-checks.js';

const item: EvidenceItem<'mcp-config'> = {
  id: 'mcp-config:.cursor/mcp.json', kind: 'mcp-config', collector: 'mcp-config', source: '.cursor/mcp.json',
  collectedAt: '2026-11-23T00:00:00.000Z',
  data: { path: '.cursor/mcp.json', client: 'cursor', format: 'json', servers: [], settings: {}, positions: {} },
};

function check(run: Check['run']): Check {
  return {
    meta: {
      id: 'mcp.transport.plaintext-http', title: 'test', severity: 'high', evidence: ['mcp-config'], remediation: 'fix',
      messages: { bad: 'Server "{{server}}" is bad.', good: 'All good in {{file}}.' },
    },
    run,
  };
}
const NOW = '2026-11-23T00:00:00.000Z';

describe('runChecks', () => {
  it('is not_observed when no evidence of its kinds was collected', () => {
    const [result] = runChecks([check(() => [])], [], { now: NOW }, new Set());
    assert.equal(result!.status, 'not_observed');
    assert.match(result!.reason!, /no mcp-config evidence was collected/);
  });

  it('is error when the collector of its evidence failed, even with other evidence present', () => {
    const [result] = runChecks([check(() => [])], [item], { now: NOW }, new Set(['mcp-config']));
    assert.equal(result!.status, 'error');
  });

  it('turns a throwing check into an error result and goes on', () => {
    const results = runChecks([check(() => { throw new Error('boom'); }), check(() => [])], [item], { now: NOW }, new Set());
    assert.equal(results[0]!.status, 'error');
    assert.match(results[0]!.reason!, /boom/);
    // No results at all: the check could not decide, which is missing evidence, not "no population".
    assert.equal(results[1]!.status, 'not_observed');
    assert.equal(results[1]!.reason, 'the evidence held nothing this check could decide on');
  });

  it('is not_applicable, never pass, when its evidence held no population, and passes once one result passes', () => {
    const empty = (path: string) => ({ status: 'not_applicable' as const, messageId: 'good', data: { file: path }, location: { path }, evidenceId: item.id, key: '/' });
    const pass = { ...empty('b.json'), status: 'pass' as const, key: '/b' };
    const table: Array<{ results: ReturnType<typeof empty>[] | Array<ReturnType<typeof empty> | typeof pass>; status: string; reason?: string }> = [
      { results: [empty('a.json')], status: 'not_applicable', reason: 'no population: All good in a.json.' },
      { results: [empty('a.json'), empty('c.json'), empty('d.json'), empty('e.json')], status: 'not_applicable', reason: 'no population: All good in a.json. All good in c.json. All good in d.json. (and 1 more)' },
      { results: [empty('a.json'), pass], status: 'pass' },
    ];
    for (const row of table) {
      const [result] = runChecks([check(() => row.results)], [item], { now: NOW }, new Set());
      assert.equal(result!.status, row.status);
      assert.equal(result!.reason, row.reason);
    }
  });

  it('fails on any fail result, formats messages, and fingerprints stably', () => {
    const [result] = runChecks([check((ctx) => [
      { status: 'pass', messageId: 'good', data: { file: '.cursor/mcp.json' }, location: { path: '.cursor/mcp.json' }, evidenceId: item.id, key: '/' },
      ...ctx.evidence('mcp-config').map((e) => ({
        status: 'fail' as const, messageId: 'bad', data: { server: 'db' }, location: { path: e.data.path, line: 3, column: 5 },
        evidenceId: e.id, key: '/mcpServers/db/url', severity: 'critical' as const,
      })),
    ])], [item], { now: NOW }, new Set());
    assert.equal(result!.status, 'fail');
    assert.equal(result!.results[1]!.message, 'Server "db" is bad.');
    assert.equal(result!.results[1]!.severity, 'critical');
    assert.equal(result!.results[0]!.severity, 'high');
    assert.equal(result!.results[1]!.fingerprint, fingerprintOf('mcp.transport.plaintext-http', '.cursor/mcp.json', '/mcpServers/db/url'));
    assert.match(result!.results[1]!.fingerprint, /^[0-9a-f]{32}$/);
  });

  it('a part that could not be seen keeps the check from passing, and a failure still fails it', () => {
    const result = (statuses: Array<'pass' | 'fail' | 'not_observed'>) => runChecks([check(() => statuses.map((status, i) => ({
      status, messageId: 'good', data: { file: 'x' }, location: { path: `r${i}` }, evidenceId: item.id, key: `k${i}`, ...(status === 'fail' ? { severity: 'high' as const } : {}),
    })))], [item], { now: NOW }, new Set())[0]!;
    assert.equal(result(['pass', 'pass']).status, 'pass');
    const partial = result(['pass', 'not_observed', 'pass']);
    assert.equal(partial.status, 'not_observed');
    assert.equal(partial.reason, '1 of 3 part(s) of the evidence could not be seen');
    assert.equal(result(['not_observed', 'fail']).status, 'fail');
    assert.equal(result(['not_observed']).status, 'not_observed');
  });

  it('reports an unknown messageId as an error of the check, not a crash', () => {
    const [result] = runChecks([check(() => [{ status: 'fail', messageId: 'nope', location: { path: 'x' }, evidenceId: item.id, key: 'k' }])], [item], { now: NOW }, new Set());
    assert.equal(result!.status, 'error');
  });

  it('leaves unknown placeholders visible rather than blank', () => {
    assert.equal(formatMessage('a {{x}} b {{y}}', { x: 1 }), 'a 1 b {{y}}');
  });
});
