/** logs.sensitive-data.secret as RuleTester-style tables (the shape is shared with the card-number check, hits.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/logs/logs.sensitive-data.secret.js';
import { hitSummary, logItem, sensitive } from '../../helpers/log-evidence.js';
import { checkTable, runCheck } from '../../helpers/run-check.js';

const secrets = (...args: Parameters<typeof hitSummary>) => ({ sensitive: sensitive({ secrets: hitSummary(...args) }) });

checkTable(check, {
  valid: [
    { name: 'no secret in the file', items: [logItem()], passes: ['noSecrets'] },
    {
      name: 'a card number is another check\'s business',
      items: [logItem({ sensitive: sensitive({ cardNumbers: hitSummary([{ line: 3, kind: 'visa' }]) }) })],
      passes: ['noSecrets'],
    },
  ],
  invalid: [
    {
      name: 'each secret by kind and field, never its value',
      items: [logItem(secrets([{ line: 42, column: 31, field: 'args.headers.Authorization', kind: 'bearer-token' }, { line: 43, column: 18, field: 'result.content[0].text', kind: 'github-token' }]))],
      errors: [
        {
          messageId: 'secret', severity: 'high', line: 42, column: 31, key: 'line:42:args.headers.Authorization:bearer-token',
          message: 'Line 42 holds a credential (bearer-token) in field args.headers.Authorization; anyone who can read the log, its copies or its backups can use it until it is revoked.',
        },
        { messageId: 'secret', severity: 'high', line: 43, column: 18, key: 'line:43:result.content[0].text:github-token', data: { kind: 'github-token' } },
      ],
    },
    {
      name: 'two kinds on one line and field are keyed apart by kind',
      items: [logItem({ format: 'combined', path: 'logs/access.log', ...secrets([{ line: 7, column: 40, field: 'request', kind: 'api-key' }, { line: 7, column: 80, field: 'request', kind: 'jwt' }]) })],
      errors: [
        { messageId: 'secret', severity: 'high', line: 7, column: 40, key: 'line:7:request:api-key' },
        { messageId: 'secret', severity: 'high', line: 7, column: 80, key: 'line:7:request:jwt' },
      ],
    },
    {
      name: 'more secrets than listed',
      items: [logItem(secrets([{ line: 1, kind: 'openai-key' }], { count: 101, lines: 60 }))],
      errors: [
        { messageId: 'secret', severity: 'high', line: 1, key: 'line:1:openai-key' },
        { messageId: 'moreSecrets', severity: 'high', line: 1, key: 'unlisted', message: 'The file holds 101 credentials on 60 lines in all; the 100 beyond the first 1 are not listed one by one.' },
      ],
    },
  ],
});

describe('logs.sensitive-data.secret: not applicable', () => {
  it('returns nothing without log evidence, or for an empty file', () => {
    assert.deepEqual(runCheck(check, []), []);
    assert.deepEqual(runCheck(check, [logItem({ lines: 0, events: 0 })]), []);
  });
});
