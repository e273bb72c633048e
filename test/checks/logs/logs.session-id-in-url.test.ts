/** logs.session-id-in-url as RuleTester-style tables (the shape is shared with the card-number check, hits.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/logs/logs.session-id-in-url.js';
import { hitSummary, logItem } from '../../helpers/log-evidence.js';
import { checkTable, runCheck } from '../../helpers/run-check.js';

const ACCESS_LOG = { path: 'logs/nginx/access.log', format: 'combined' as const };

checkTable(check, {
  valid: [
    { name: 'no session identifier in any URL', items: [logItem(ACCESS_LOG)], passes: ['noSessionIds'] },
  ],
  invalid: [
    {
      name: 'legacy SSE ?sessionId= in the request and ;jsessionid= in the referer',
      items: [logItem({ ...ACCESS_LOG, sessionIdsInUrls: hitSummary([{ line: 12, column: 38, field: 'request', kind: 'sessionId' }, { line: 30, column: 101, field: 'referer', kind: 'jsessionid' }]) })],
      errors: [
        {
          messageId: 'sessionIdInUrl', severity: 'medium', line: 12, column: 38, key: 'line:12:request:sessionId',
          message: 'Line 12 records a session identifier in the URL parameter sessionId in field request; anyone who can read the log can replay the session while it is valid.',
        },
        { messageId: 'sessionIdInUrl', severity: 'medium', line: 30, column: 101, key: 'line:30:referer:jsessionid' },
      ],
    },
    {
      name: 'every SSE message POST carries it: summarised beyond the listing',
      items: [logItem({ ...ACCESS_LOG, lines: 90_000, sessionIdsInUrls: hitSummary([{ line: 2, column: 38, field: 'request', kind: 'sessionId' }], { count: 88_000, lines: 88_000 }) })],
      errors: [
        { messageId: 'sessionIdInUrl', severity: 'medium', line: 2, column: 38, key: 'line:2:request:sessionId' },
        {
          messageId: 'moreSessionIds', severity: 'medium', line: 2, key: 'unlisted',
          message: 'The file records 88,000 session identifiers in URLs on 88,000 lines in all; the 87,999 beyond the first 1 are not listed one by one.',
        },
      ],
    },
  ],
});

describe('logs.session-id-in-url: not applicable', () => {
  it('returns nothing without log evidence, or for an empty file', () => {
    assert.deepEqual(runCheck(check, []), []);
    assert.deepEqual(runCheck(check, [logItem({ ...ACCESS_LOG, lines: 0, events: 0 })]), []);
  });
});
