/** logs.sensitive-data.card-number as RuleTester-style tables, plus the sources it does not apply to. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/logs/logs.sensitive-data.card-number.js';
import { hitSummary, logItem, sensitive } from '../../helpers/log-evidence.js';
import { checkTable, renderMessage, runCheck } from '../../helpers/run-check.js';

const cards = (...args: Parameters<typeof hitSummary>) => ({ sensitive: sensitive({ cardNumbers: hitSummary(...args) }) });

checkTable(check, {
  valid: [
    {
      name: 'no card number in the file',
      items: [logItem({ lines: 50_000 })],
      passes: ['noCardNumbers'],
    },
    {
      name: 'other sensitive data is not this check\'s business',
      items: [logItem({ sensitive: sensitive({ secrets: hitSummary([{ line: 3, kind: 'github-token' }]) }) })],
      passes: ['noCardNumbers'],
    },
    {
      name: 'one pass per clean source',
      items: [logItem({ path: 'logs/a.jsonl' }), logItem({ path: 'logs/b.log', format: 'combined' })],
      passes: ['noCardNumbers', 'noCardNumbers'],
    },
  ],
  invalid: [
    {
      name: 'one failure per hit, at its line and column, keyed by line, field and brand',
      items: [logItem(cards([{ line: 120, column: 57, field: 'args.card', kind: 'visa' }, { line: 1_204, column: 12, field: 'result.content[0].text', kind: 'mastercard' }]))],
      errors: [
        {
          messageId: 'cardNumber', severity: 'critical', line: 120, column: 57, key: 'line:120:args.card:visa',
          message: 'Line 120 holds a full card number (visa) in field args.card; PCI DSS requires the PAN to be unreadable wherever it is stored, logs included (requirement 3.5.1).',
        },
        { messageId: 'cardNumber', severity: 'critical', line: 1_204, column: 12, key: 'line:1204:result.content[0].text:mastercard', data: { line: '1,204', kind: 'mastercard', field: 'result.content[0].text' } },
      ],
    },
    {
      name: 'a hit without a field (plain-text client log) is keyed by line and brand',
      items: [logItem({ path: 'logs/mcp.log', format: 'claude-desktop', ...cards([{ line: 7, kind: 'amex' }]) })],
      errors: [{ messageId: 'cardNumber', severity: 'critical', line: 7, key: 'line:7:amex', message: 'Line 7 holds a full card number (amex); PCI DSS requires the PAN to be unreadable wherever it is stored, logs included (requirement 3.5.1).' }],
    },
    {
      name: 'two cards of one brand in one field of one line are told apart by column',
      items: [logItem(cards([{ line: 9, column: 20, field: 'args.note', kind: 'visa' }, { line: 9, column: 44, field: 'args.note', kind: 'visa' }]))],
      errors: [
        { messageId: 'cardNumber', severity: 'critical', line: 9, column: 20, key: 'line:9:args.note:visa:col20' },
        { messageId: 'cardNumber', severity: 'critical', line: 9, column: 44, key: 'line:9:args.note:visa:col44' },
      ],
    },
    {
      name: 'more hits counted than listed: a summary at the last listed line',
      items: [logItem(cards([{ line: 5, column: 30, field: 'args.card', kind: 'visa' }, { line: 8, column: 30, field: 'args.card', kind: 'visa' }], { count: 1_250, lines: 1_100 }))],
      errors: [
        { messageId: 'cardNumber', severity: 'critical', line: 5, column: 30, key: 'line:5:args.card:visa' },
        { messageId: 'cardNumber', severity: 'critical', line: 8, column: 30, key: 'line:8:args.card:visa' },
        {
          messageId: 'moreCardNumbers', severity: 'critical', line: 8, key: 'unlisted',
          message: 'The file holds 1,250 card numbers on 1,100 lines in all; the 1,248 beyond the first 2 are not listed one by one.',
        },
      ],
    },
    {
      name: 'hits counted but none listed: the summary has no line',
      items: [logItem(cards([], { count: 3, lines: 1 }))],
      errors: [{ messageId: 'moreCardNumbers', severity: 'critical', key: 'unlisted', data: { lines: '1 line', listed: '0', unlisted: '3' } }],
    },
    {
      name: 'a clean source still passes beside a failing one',
      items: [logItem({ path: 'logs/clean.jsonl' }), logItem({ path: 'logs/dirty.jsonl', ...cards([{ line: 2, column: 1, field: 'args.pan', kind: 'discover' }]) })],
      errors: [{ messageId: 'cardNumber', severity: 'critical', line: 2, column: 1, key: 'line:2:args.pan:discover' }],
      passes: ['noCardNumbers'],
    },
  ],
});

describe('logs.sensitive-data.card-number: not applicable', () => {
  it('returns nothing without log evidence (not_observed)', () => {
    assert.deepEqual(runCheck(check, []), []);
  });
  it('returns nothing for an empty file: it shows neither presence nor absence', () => {
    assert.deepEqual(runCheck(check, [logItem({ lines: 0, events: 0 })]), []);
  });
  it('locates results in the log file and names the evidence item', () => {
    const [result] = runCheck(check, [logItem({ path: 'var/log/gw.jsonl', ...cards([{ line: 4, column: 9, field: 'args.card', kind: 'visa' }]) })]);
    assert.deepEqual(result!.location, { path: 'var/log/gw.jsonl', line: 4, column: 9 });
    assert.equal(result!.evidenceId, 'log-source:var/log/gw.jsonl');
  });
  it('the pass names the file and its line count', () => {
    const [result] = runCheck(check, [logItem({ lines: 50_000 })]);
    assert.equal(renderMessage(check, result!), 'No card number was found in the 50,000 lines of logs/gateway.jsonl.');
  });
  it('the pass says which lines were too long to scan', () => {
    const skipped = {
      count: 3, byCode: { 'not-json': 1, 'too-long': 2 },
      samples: [{ line: 3, code: 'not-json', reason: 'x' }, { line: 1_207, code: 'too-long', reason: 'the line is longer than 8 MiB' }],
    };
    const [result] = runCheck(check, [logItem({ lines: 50_000, skipped })]);
    assert.equal(renderMessage(check, result!), 'No card number was found in the 50,000 lines of logs/gateway.jsonl, except 2 lines too long to read (first at line 1,207), which were not scanned.');
  });
  it('counts too-long lines beyond the samples listed', () => {
    const skipped = { count: 1, byCode: { 'too-long': 1 }, samples: [] };
    const [result] = runCheck(check, [logItem({ lines: 10, skipped })]);
    assert.equal(renderMessage(check, result!), 'No card number was found in the 10 lines of logs/gateway.jsonl, except 1 line too long to read, which was not scanned.');
  });
});
