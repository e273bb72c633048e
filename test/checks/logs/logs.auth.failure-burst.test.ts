/** logs.auth.failure-burst as RuleTester-style tables: 401 bursts per identity or source IP against the threshold. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/logs/logs.auth.failure-burst.js';
import { logItem, peak, windows } from '../../helpers/log-evidence.js';
import { checkTable, renderMessage, runCheck } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    {
      name: 'highest peak below the default threshold of 10',
      items: [logItem({ authFailures: windows(300, [peak('alice', 9, [10, 40]), peak('10.0.0.7', 3, [50, 52])]) })],
      passes: ['noBurst'],
    },
    {
      name: 'no authentication failure at all',
      items: [logItem({ authFailures: windows(300, []) })],
      passes: ['noFailures'],
    },
    {
      name: 'a higher threshold from the config turns a burst into a pass',
      items: [logItem({ authFailures: windows(300, [peak('alice', 25, [10, 40])]) })],
      settings: { options: { 'logs.auth.failure-burst': { threshold: 50 } } },
      passes: ['noBurst'],
    },
  ],
  invalid: [
    {
      name: 'a burst at the threshold, located at the first failure of its window',
      items: [logItem({ authFailures: windows(300, [peak('alice', 10, [120, 388]), peak('bob', 2, [500, 501])]) })],
      errors: [{
        messageId: 'burst', severity: 'high', line: 120, key: 'identity:alice',
        message: 'Client alice (identity) was refused 10 times with 401 within 300 s, from 2026-11-20T10:00:00Z (line 120) to 2026-11-20T10:04:10Z (line 388), at or above the threshold of 10.',
      }],
    },
    {
      name: 'the window is the one the collector measured with, the threshold the configured one',
      items: [logItem({ path: 'logs/access.log', format: 'combined', authFailures: windows(60, [peak('203.0.113.9', 4_210, [10, 4_219])]) })],
      settings: { options: { 'logs.auth.failure-burst': { threshold: 3, windowSeconds: 60 } } },
      errors: [{
        messageId: 'burst', severity: 'high', line: 10, key: 'source_ip:203.0.113.9',
        data: { window: '60', threshold: '3', peak: '4,210', fromLine: '10', toLine: '4,219', keyType: 'source_ip' },
      }],
    },
    {
      name: 'every listed client bursts and more were seen: a summary says more may',
      items: [logItem({ authFailures: windows(300, [peak('10.0.0.1', 30, [1, 30]), peak('10.0.0.2', 12, [31, 60])], { keys: 45 }) })],
      errors: [
        { messageId: 'burst', severity: 'high', line: 1, key: 'source_ip:10.0.0.1' },
        { messageId: 'burst', severity: 'high', line: 31, key: 'source_ip:10.0.0.2' },
        {
          messageId: 'moreClients', severity: 'high', key: 'unlisted',
          message: 'Every client listed (2) reached 10 authentication failures within 300 s, and 43 more clients had failures that were not listed; some of them may have bursts too.',
        },
      ],
    },
    {
      name: 'a listed client below the threshold means the unlisted are too: no summary',
      items: [logItem({ authFailures: windows(300, [peak('alice', 30, [1, 30]), peak('bob', 9, [31, 60])], { keys: 45 }) })],
      errors: [{ messageId: 'burst', severity: 'high', line: 1, key: 'identity:alice' }],
    },
  ],
});

describe('logs.auth.failure-burst: not applicable', () => {
  it('returns nothing without log evidence', () => {
    assert.deepEqual(runCheck(check, []), []);
  });
  it('returns nothing for sources without authFailures (no HTTP-like status)', () => {
    assert.deepEqual(runCheck(check, [logItem({ format: 'claude-desktop', path: 'logs/mcp.log' })]), []);
  });
  it('the pass gives the highest peak and the window', () => {
    const [result] = runCheck(check, [logItem({ authFailures: windows(300, [peak('alice', 9, [10, 40]), peak('bob', 4, [1, 2])]) })]);
    assert.equal(renderMessage(check, result!), 'No client reached 10 authentication failures (401) within 300 s in logs/gateway.jsonl: the most for one client in one window was 9, and 13 were logged in all.');
  });
});
