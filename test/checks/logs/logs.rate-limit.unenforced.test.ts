/** logs.rate-limit.unenforced as RuleTester-style tables: request peaks above the threshold that never met a 429. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/logs/logs.rate-limit.unenforced.js';
import { logItem, peak, requestWindows } from '../../helpers/log-evidence.js';
import { checkTable, renderMessage, runCheck } from '../../helpers/run-check.js';

const ACCESS_LOG = { path: 'logs/access.log', format: 'combined' as const };

checkTable(check, {
  valid: [
    {
      name: 'busiest client at the default threshold of 600 (not above it)',
      items: [logItem({ ...ACCESS_LOG, requests: requestWindows(60, [peak('10.0.0.7', 600, [1, 600], { throttled: 0 })]) })],
      passes: ['withinLimit'],
    },
    {
      name: 'a client above the threshold that was answered 429',
      items: [logItem({ ...ACCESS_LOG, requests: requestWindows(60, [peak('10.0.0.7', 4_210, [10, 4_219], { throttled: 12 })]) })],
      passes: ['throttled'],
    },
    {
      name: 'a higher threshold from the config',
      items: [logItem({ ...ACCESS_LOG, requests: requestWindows(60, [peak('10.0.0.7', 4_210, [10, 4_219], { throttled: 0 })]) })],
      settings: { options: { 'logs.rate-limit.unenforced': { threshold: 5_000 } } },
      passes: ['withinLimit'],
    },
  ],
  invalid: [
    {
      name: 'a client above the threshold never answered 429',
      items: [logItem({ ...ACCESS_LOG, requests: requestWindows(60, [peak('10.0.0.7', 4_210, [10, 4_219], { throttled: 0 }), peak('10.0.0.8', 20, [5, 30], { throttled: 0 })]) })],
      errors: [{
        messageId: 'unenforced', severity: 'medium', line: 10, key: 'source_ip:10.0.0.7',
        message: 'Client 10.0.0.7 (source_ip) made 4,210 requests within 60 s (lines 10–4,219) and was never answered 429, above the threshold of 600.',
      }],
    },
    {
      name: 'a lower threshold from the config; the throttled client passes, the other fails',
      items: [logItem({ requests: requestWindows(60, [peak('alice', 150, [1, 150], { throttled: 3 }), peak('bob', 120, [200, 330], { throttled: 0 })]) })],
      settings: { options: { 'logs.rate-limit.unenforced': { threshold: 100 } } },
      errors: [{ messageId: 'unenforced', severity: 'medium', line: 200, key: 'identity:bob', data: { threshold: '100', peak: '120', keyType: 'identity' } }],
    },
    {
      name: 'every listed client above the threshold and more were seen: a summary says more may be',
      items: [logItem({ ...ACCESS_LOG, requests: requestWindows(60, [peak('10.0.0.1', 900, [1, 900], { throttled: 0 }), peak('10.0.0.2', 700, [901, 1_600], { throttled: 1 })], { keys: 21 }) })],
      errors: [
        { messageId: 'unenforced', severity: 'medium', line: 1, key: 'source_ip:10.0.0.1' },
        {
          messageId: 'moreClients', severity: 'medium', key: 'unlisted',
          message: 'Every client listed (2) made more than 600 requests within 60 s, and 19 more clients were not listed; some of them may also have gone unthrottled.',
        },
      ],
    },
  ],
});

describe('logs.rate-limit.unenforced: not applicable', () => {
  it('returns nothing without log evidence', () => {
    assert.deepEqual(runCheck(check, []), []);
  });
  it('returns nothing for sources without requests, or with none counted', () => {
    assert.deepEqual(runCheck(check, [logItem({ format: 'claude-desktop', path: 'logs/mcp.log' })]), []);
    assert.deepEqual(runCheck(check, [logItem({ ...ACCESS_LOG, requests: requestWindows(60, []) })]), []);
  });
  it('returns nothing when a client above the threshold has no 429 count in the evidence', () => {
    assert.deepEqual(runCheck(check, [logItem({ ...ACCESS_LOG, requests: requestWindows(60, [peak('10.0.0.7', 4_210, [10, 4_219])]) })]), []);
  });
  it('the passes give the busiest client and the clients that met a limit', () => {
    const [within] = runCheck(check, [logItem({ ...ACCESS_LOG, requests: requestWindows(60, [peak('10.0.0.7', 420, [1, 420], { throttled: 0 })]) })]);
    assert.equal(renderMessage(check, within!), 'No client made more than 600 requests within 60 s in logs/access.log; the busiest made 420.');
    const [throttled] = runCheck(check, [logItem({ ...ACCESS_LOG, requests: requestWindows(60, [peak('10.0.0.7', 4_210, [10, 4_219], { throttled: 12 })]) })]);
    assert.equal(renderMessage(check, throttled!), 'Every client that made more than 600 requests within 60 s in logs/access.log (1 client) was answered 429 at least once.');
  });
});
