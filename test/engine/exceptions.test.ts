/** Exceptions: matched by target and scope, live only between approved and expires, recorded beside statuses. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RiskException } from '../../src/config/project-config.js';
import type { AssessmentControl, Finding } from '../../src/engine/assessment.js';
import { applyExceptions, exceptionMatches, exceptionStatus, pathMatches } from '../../src/engine/exceptions.js';

const NOW = '2026-11-22T10:00:00.000Z';
const base = { justification: 'accepted', approver: 'ciso@example.com', approved: '2026-10-01', expires: '2027-06-30' };
const exception = (over: Partial<RiskException>): RiskException => ({ id: 'EX', check: 'mcp.supply-chain.unpinned-package', ...base, ...over });
const finding = (over: Partial<Finding> = {}): Finding => ({
  checkId: 'mcp.supply-chain.unpinned-package', severity: 'high', messageId: 'm', message: 'unpinned',
  location: { path: 'billing-service/.cursor/mcp.json', line: 5 }, fingerprint: 'f'.repeat(32), controlIds: ['MCP-SC-01'],
  evidenceId: 'mcp-config:x', server: 'payments', ...over,
});
const control = (id: string, status: AssessmentControl['status']): AssessmentControl => ({
  id, title: id, status, reason: 'test', severity: 'high', checks: [], risk: { likelihood: 3, impact: 3, inherent: 9, residual: 9 },
});

describe('exception matching', () => {
  const cases: Array<[string, Partial<RiskException>, Partial<Finding>, boolean]> = [
    ['check target', {}, {}, true],
    ['another check', { check: 'mcp.secrets.inline-credential' }, {}, false],
    ['control target matches the control\'s findings', { check: undefined, control: 'MCP-SC-01' }, {}, true],
    ['another control', { check: undefined, control: 'MCP-SC-02' }, {}, false],
    ['exact path', { scope: { paths: ['billing-service/.cursor/mcp.json'] } }, {}, true],
    ['exact path with ./', { scope: { paths: ['./billing-service/.cursor/mcp.json'] } }, {}, true],
    ['exact path is not a suffix match', { scope: { paths: ['.cursor/mcp.json'] } }, {}, false],
    ['folder prefix', { scope: { paths: ['billing-service/'] } }, {}, true],
    ['another folder', { scope: { paths: ['clinical-assistant/'] } }, {}, false],
    ['glob **', { scope: { paths: ['**/.cursor/mcp.json'] } }, {}, true],
    ['glob * stays in a folder', { scope: { paths: ['*/mcp.json'] } }, {}, false],
    ['glob * in a segment', { scope: { paths: ['billing-service/.cursor/*.json'] } }, {}, true],
    ['server', { scope: { servers: ['payments'] } }, {}, true],
    ['another server', { scope: { servers: ['ehr'] } }, {}, false],
    ['server scope on a finding without a server', { scope: { servers: ['payments'] } }, { server: undefined }, false],
    ['local repository root', { scope: { repos: ['billing-service'] } }, {}, true],
    ['repository root is not a name prefix', { scope: { repos: ['billing'] } }, {}, false],
    ['GitHub repository', { scope: { repos: ['github:acme/api'] } }, { location: { path: 'github:acme/api' } }, true],
    ['another GitHub repository', { scope: { repos: ['github:acme/api'] } }, { location: { path: 'github:acme/web' } }, false],
    ['fingerprint', { scope: { fingerprints: ['f'.repeat(32)] } }, {}, true],
    ['another fingerprint', { scope: { fingerprints: ['0'.repeat(32)] } }, {}, false],
    ['every scope dimension must match', { scope: { paths: ['billing-service/'], servers: ['ehr'] } }, {}, false],
  ];
  for (const [name, over, findingOver, expected] of cases) {
    it(name, () => assert.equal(exceptionMatches(exception(over), finding(findingOver)), expected));
  }
  it('globs: ** crosses folders, ? is one character', () => {
    assert.ok(pathMatches('a/**/c.json', 'a/c.json'));
    assert.ok(pathMatches('a/**/c.json', 'a/b/b/c.json'));
    assert.ok(pathMatches('a/?.json', 'a/b.json'));
    assert.ok(!pathMatches('a/?.json', 'a/bc.json'));
  });
});

describe('exception status by the run\'s date', () => {
  const cases: Array<[string, string, string, ReturnType<typeof exceptionStatus>]> = [
    ['live', '2026-10-01', '2027-06-30', 'live'],
    ['live on its last day', '2026-10-01', '2026-11-22', 'live'],
    ['live from its first day', '2026-11-22', '2027-01-01', 'live'],
    ['expired', '2026-01-15', '2026-11-21', 'expired'],
    ['not yet approved', '2026-11-23', '2027-01-01', 'not-yet-approved'],
  ];
  for (const [name, approved, expires, expected] of cases) it(name, () => assert.equal(exceptionStatus({ approved, expires }, '2026-11-22'), expected));
});

describe('applying exceptions', () => {
  const controls = [control('MCP-SC-01', 'fail'), control('MCP-IA-04', 'manual'), control('MCP-OK-01', 'pass')];

  it('records a live exception beside the finding and its control, leaving statuses alone', () => {
    const { findings, controls: out, register } = applyExceptions([exception({ id: 'EX-1', ticket: 'GRC-1' })], [finding()], controls, NOW);
    assert.deepEqual(findings[0]!.exception, { id: 'EX-1', approver: 'ciso@example.com', expires: '2027-06-30', ticket: 'GRC-1', justification: 'accepted' });
    assert.equal(out[0]!.status, 'fail');
    assert.equal(out[0]!.exception?.id, 'EX-1');
    assert.equal(out[1]!.exception, undefined);
    assert.deepEqual(register, [{
      id: 'EX-1', target: 'check:mcp.supply-chain.unpinned-package', status: 'live', approver: 'ciso@example.com',
      approved: '2026-10-01', expires: '2027-06-30', daysToExpiry: 220, ticket: 'GRC-1', justification: 'accepted', matchedFindings: 1, unused: false,
    }]);
  });

  it('flags an expired exception on the finding instead of applying it', () => {
    const { findings, controls: out, register } = applyExceptions([exception({ id: 'EX-OLD', expires: '2026-09-30' })], [finding()], controls, NOW);
    assert.equal(findings[0]!.exception, undefined);
    assert.equal(findings[0]!.expiredException?.id, 'EX-OLD');
    assert.equal(out[0]!.exception, undefined);
    assert.equal(register[0]!.status, 'expired');
    assert.equal(register[0]!.daysToExpiry, -53);
  });

  it('does not apply an exception before it is approved', () => {
    const { findings, register } = applyExceptions([exception({ approved: '2026-12-01' })], [finding()], controls, NOW);
    assert.equal(findings[0]!.exception, undefined);
    assert.equal(findings[0]!.expiredException, undefined);
    assert.equal(register[0]!.status, 'not-yet-approved');
  });

  it('reports an exception matching nothing as unused', () => {
    const { register } = applyExceptions([exception({ scope: { paths: ['nowhere/'] } })], [finding()], controls, NOW);
    assert.equal(register[0]!.matchedFindings, 0);
    assert.equal(register[0]!.unused, true);
  });

  it('an unscoped control exception accepts its control\'s gap even without findings, but not a passing control', () => {
    const { controls: out, register } = applyExceptions([
      exception({ id: 'EX-IA', check: undefined, control: 'MCP-IA-04' }),
      exception({ id: 'EX-OK', check: undefined, control: 'MCP-OK-01' }),
    ], [], controls, NOW);
    assert.equal(out[1]!.exception?.id, 'EX-IA');
    assert.equal(out[1]!.status, 'manual');
    assert.deepEqual(register.map((e) => [e.target, e.unused]), [['control:MCP-IA-04', false], ['control:MCP-OK-01', true]]);
  });
});
