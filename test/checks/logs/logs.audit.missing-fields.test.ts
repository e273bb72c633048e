/** logs.audit.missing-fields as RuleTester-style tables: JSONL audit events lacking who, what or when. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/logs/logs.audit.missing-fields.js';
import { auditGaps, lineRefs, logItem } from '../../helpers/log-evidence.js';
import { checkTable, runCheck } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    {
      name: 'every event has identity, method or tool, and ts',
      items: [logItem({ audit: auditGaps({ events: 50_000 }) })],
      passes: ['complete'],
    },
  ],
  invalid: [
    {
      name: 'identity missing: counts and the first lines, located at the first',
      items: [logItem({ audit: auditGaps({ events: 50_000, identity: lineRefs([3, 7, 9], 1_204) }) })],
      errors: [{
        messageId: 'missingField', severity: 'medium', line: 3, key: 'field:identity',
        message: 'Audit events lack who acted: identity is missing from 1,204 of 50,000 events, first at lines 3, 7, 9.',
      }],
    },
    {
      name: 'one failure per missing field; at most five lines named',
      items: [logItem({ audit: auditGaps({ events: 80, action: lineRefs([2, 4, 6, 8, 10, 12, 14], 40), timestamp: lineRefs([1_500], 1) }) })],
      errors: [
        {
          messageId: 'missingField', severity: 'medium', line: 2, key: 'field:action',
          message: 'Audit events lack what was done: method or tool is missing from 40 of 80 events, first at lines 2, 4, 6, 8, 10.',
        },
        {
          messageId: 'missingField', severity: 'medium', line: 1_500, key: 'field:timestamp',
          message: 'Audit events lack when it happened: ts is missing from 1 of 80 events, first at line 1,500.',
        },
      ],
    },
    {
      name: 'a mapped field is named with the path it is read from',
      items: [logItem({ fields: { identity: 'user.id', tool: 'call.tool' }, audit: auditGaps({ events: 10, identity: lineRefs([1], 10), action: lineRefs([5], 1) }) })],
      errors: [
        { messageId: 'missingField', severity: 'medium', line: 1, key: 'field:identity', data: { field: 'identity (read from user.id)' } },
        { messageId: 'missingField', severity: 'medium', line: 5, key: 'field:action', data: { field: 'method or tool (read from call.tool)' } },
      ],
    },
    {
      name: 'a gap without line numbers has no location line',
      items: [logItem({ audit: auditGaps({ events: 10, identity: lineRefs([], 2) }) })],
      errors: [{ messageId: 'missingField', severity: 'medium', key: 'field:identity', message: 'Audit events lack who acted: identity is missing from 2 of 10 events.' }],
    },
    {
      name: 'each JSONL source on its own; a complete one passes',
      items: [
        logItem({ path: 'logs/a.jsonl', audit: auditGaps({ events: 5 }) }),
        logItem({ path: 'logs/b.jsonl', audit: auditGaps({ events: 5, identity: lineRefs([4]) }) }),
      ],
      errors: [{ messageId: 'missingField', severity: 'medium', line: 4, key: 'field:identity' }],
      passes: ['complete'],
    },
  ],
});

describe('logs.audit.missing-fields: not applicable', () => {
  it('returns nothing without log evidence', () => {
    assert.deepEqual(runCheck(check, []), []);
  });
  it('returns nothing for sources without audit evidence (access logs, client logs)', () => {
    assert.deepEqual(runCheck(check, [logItem({ format: 'combined', path: 'logs/access.log' }), logItem({ format: 'claude-desktop', path: 'logs/mcp.log' })]), []);
  });
  it('returns nothing when no audit event was parsed', () => {
    assert.deepEqual(runCheck(check, [logItem({ events: 0, audit: auditGaps({ events: 0 }) })]), []);
  });
  it('returns nothing for evidence that counts incomplete events but no gap (contradictory)', () => {
    assert.deepEqual(runCheck(check, [logItem({ audit: { ...auditGaps({ events: 5 }), incomplete: 2 } })]), []);
  });
});
