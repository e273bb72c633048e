/** logs.sensitive-data.national-id as RuleTester-style tables (the shape is shared with the card-number check, hits.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/logs/logs.sensitive-data.national-id.js';
import { hitSummary, logItem, sensitive } from '../../helpers/log-evidence.js';
import { checkTable, runCheck } from '../../helpers/run-check.js';

const ids = (...args: Parameters<typeof hitSummary>) => ({ sensitive: sensitive({ nationalIds: hitSummary(...args) }) });

checkTable(check, {
  valid: [
    { name: 'no national identifier in the file', items: [logItem({ lines: 2_000 })], passes: ['noNationalIds'] },
  ],
  invalid: [
    {
      name: 'a US SSN and a UK NINO, by kind and field',
      items: [logItem(ids([{ line: 15, column: 44, field: 'args.customer.ssn', kind: 'us-ssn' }, { line: 2_310, column: 9, field: 'result.content[0].text', kind: 'uk-nino' }]))],
      errors: [
        {
          messageId: 'nationalId', severity: 'high', line: 15, column: 44, key: 'line:15:args.customer.ssn:us-ssn',
          message: 'Line 15 holds a national identifier (us-ssn) in field args.customer.ssn; it identifies a person directly and the audit trail does not need it.',
        },
        { messageId: 'nationalId', severity: 'high', line: 2_310, column: 9, key: 'line:2310:result.content[0].text:uk-nino', data: { line: '2,310', kind: 'uk-nino' } },
      ],
    },
    {
      name: 'more national identifiers than listed',
      items: [logItem(ids([{ line: 3, column: 5, field: 'args.ssn', kind: 'us-ssn' }], { count: 4, lines: 4 }))],
      errors: [
        { messageId: 'nationalId', severity: 'high', line: 3, column: 5, key: 'line:3:args.ssn:us-ssn' },
        { messageId: 'moreNationalIds', severity: 'high', line: 3, key: 'unlisted', data: { count: '4', lines: '4 lines', unlisted: '3', listed: '1' } },
      ],
    },
  ],
});

describe('logs.sensitive-data.national-id: not applicable', () => {
  it('returns nothing without log evidence, or for an empty file', () => {
    assert.deepEqual(runCheck(check, []), []);
    assert.deepEqual(runCheck(check, [logItem({ lines: 0, events: 0 })]), []);
  });
});
