/**
 * logs.retention.insufficient as RuleTester-style tables, and the pure parts it rests on: the stream
 * rule for rotated files, whole days of coverage, and the required days from frameworks or config.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, coveredDays, requiredRetention } from '../../../src/checks/logs/logs.retention.insufficient.js';
import { groupStreams, streamName, streamOf } from '../../../src/checks/logs/streams.js';
import { resolveCheckOptions, type LogRetentionRequirement } from '../../../src/config/check-options.js';
import { runChecks } from '../../../src/engine/run-checks.js';
import { logItem, timeSpan } from '../../helpers/log-evidence.js';
import { checkTable, NOW, renderMessage, runCheck, type ContextSettings } from '../../helpers/run-check.js';

const PCI: LogRetentionRequirement = {
  framework: 'PCI DSS', requirement: '10.5.1', minimumDays: 365,
  note: 'Twelve months, the last three immediately available; archives beyond the local files cannot be seen here',
};
const AI_ACT: LogRetentionRequirement = {
  framework: 'EU AI Act', requirement: 'Art. 19(1)', minimumDays: 183,
  note: 'At least six months for logs of high-risk AI systems.',
};
const IN_SCOPE: ContextSettings = { frameworks: ['pci-dss', 'eu-ai-act'], options: { 'logs.retention.insufficient': { requirements: [PCI, AI_ACT] } } };
const AI_ACT_ONLY: ContextSettings = { frameworks: ['eu-ai-act'], options: { 'logs.retention.insufficient': { requirements: [AI_ACT] } } };

/** A log file whose oldest event is at `oldest` (NOW is 2026-11-23T12:00:00Z). */
const file = (path: string, oldest: string, line = 1) => logItem({ path, timeSpan: timeSpan(oldest, line) });

/** One gateway stream, rotated four ways; its oldest event is line 4 of the date-named file, 22 days back. */
const ROTATED = [
  file('logs/gateway.log', '2026-11-22T00:00:00Z'),
  file('logs/gateway.log.1', '2026-11-15T00:00:00Z'),
  file('logs/gateway.log.2.gz', '2026-11-08T00:00:00Z'),
  file('logs/gateway-20261101.log', '2026-11-01T00:00:00Z', 4),
];

checkTable(check, {
  valid: [
    {
      name: 'a year and more of history meets the longest framework minimum',
      items: [file('logs/audit.jsonl', '2025-11-01T00:00:00Z', 2)],
      settings: IN_SCOPE,
      passes: ['sufficient'],
    },
    {
      name: 'minimumDays in the config overrides the frameworks (lower here)',
      items: ROTATED,
      settings: { ...IN_SCOPE, options: { 'logs.retention.insufficient': { requirements: [PCI, AI_ACT], minimumDays: 14 } } },
      passes: ['sufficient'],
    },
    {
      name: 'exactly the required days (whole days, floored) is enough',
      items: [file('logs/audit.jsonl', '2026-05-24T12:00:00Z')],
      settings: AI_ACT_ONLY,
      passes: ['sufficient'],
    },
  ],
  invalid: [
    {
      name: 'rotated files are one stream, located at its oldest event',
      items: ROTATED,
      settings: IN_SCOPE,
      errors: [{
        messageId: 'insufficient', severity: 'medium', line: 4, key: 'stream:logs/gateway.log',
        message: 'Log stream logs/gateway.log (4 files) reaches back 22 days, to 2026-11-01T00:00:00Z, short of the 365 days required (PCI DSS 10.5.1: 365 days). Twelve months, the last three immediately available; archives beyond the local files cannot be seen here.',
      }],
    },
    {
      name: 'one second short of the required days is a whole day short',
      items: [file('logs/audit.jsonl', '2026-05-24T12:00:01Z', 7)],
      settings: AI_ACT_ONLY,
      errors: [{ messageId: 'insufficient', severity: 'medium', line: 7, key: 'stream:logs/audit.jsonl', data: { days: '182 days', required: '183 days', basis: 'EU AI Act Art. 19(1): 183 days', files: '1 file' } }],
    },
    {
      name: 'minimumDays in the config overrides the frameworks (higher here) and says what it replaces',
      items: [file('logs/audit.jsonl', '2025-11-01T00:00:00Z', 2)],
      settings: { options: { 'logs.retention.insufficient': { requirements: [PCI], minimumDays: 730 } } },
      errors: [{
        messageId: 'insufficient', severity: 'medium', line: 2, key: 'stream:logs/audit.jsonl',
        message: 'Log stream logs/audit.jsonl (1 file) reaches back 387 days, to 2025-11-01T00:00:00Z, short of the 730 days required (minimumDays set in mcp-comply.yaml, in place of PCI DSS 10.5.1: 365 days). Only local files were read: archives kept elsewhere cannot be seen here, so attest their retention if they exist.',
      }],
    },
    {
      name: 'minimumDays alone, without a framework in scope',
      items: [file('logs/audit.jsonl', '2026-11-20T00:00:00Z')],
      settings: { options: { 'logs.retention.insufficient': { minimumDays: 30 } } },
      errors: [{ messageId: 'insufficient', severity: 'medium', line: 1, key: 'stream:logs/audit.jsonl', data: { days: '3 days', basis: 'minimumDays set in mcp-comply.yaml' } }],
    },
    {
      name: 'one result per stream: same name in another folder is another stream; a long one passes',
      items: [
        ...ROTATED,
        file('archive/gateway.log', '2025-01-01T00:00:00Z', 9),
        file('logs/audit.jsonl', '2025-01-01T00:00:00Z'),
      ],
      settings: IN_SCOPE,
      errors: [{ messageId: 'insufficient', severity: 'medium', line: 4, key: 'stream:logs/gateway.log' }],
      passes: ['sufficient', 'sufficient'],
    },
    {
      name: 'a file without timestamps does not shorten or lengthen its stream',
      items: [file('logs/gateway.log.1', '2026-11-15T00:00:00Z', 3), logItem({ path: 'logs/gateway.log' })],
      settings: IN_SCOPE,
      errors: [{ messageId: 'insufficient', severity: 'medium', line: 3, key: 'stream:logs/gateway.log', data: { files: '2 files', days: '8 days' } }],
    },
  ],
});

describe('logs.retention.insufficient: results', () => {
  it('locates the result in the file holding the oldest event and names that evidence item', () => {
    const [result] = runCheck(check, ROTATED, IN_SCOPE);
    assert.deepEqual(result!.location, { path: 'logs/gateway-20261101.log', line: 4 });
    assert.equal(result!.evidenceId, 'log-source:logs/gateway-20261101.log');
  });
  it('the pass names the days at hand and the requirement met', () => {
    const [result] = runCheck(check, [file('logs/audit.jsonl', '2025-11-01T00:00:00Z')], IN_SCOPE);
    assert.equal(renderMessage(check, result!), 'Log stream logs/audit.jsonl (1 file) reaches back 387 days, to 2025-11-01T00:00:00Z, covering the 365 days required (PCI DSS 10.5.1: 365 days).');
  });
  it('the run\'s clock decides, not the machine\'s', () => {
    const [result] = runCheck(check, [file('logs/audit.jsonl', '2026-11-01T00:00:00Z')], { ...IN_SCOPE, now: '2027-12-01T00:00:00Z' });
    assert.equal(result!.status, 'pass');
  });
});

describe('logs.retention.insufficient: not applicable', () => {
  it('returns nothing without log evidence', () => {
    assert.deepEqual(runCheck(check, [], IN_SCOPE), []);
  });
  it('returns nothing when no framework in scope sets a minimum and the config sets none', () => {
    assert.deepEqual(runCheck(check, [file('logs/audit.jsonl', '2026-11-22T00:00:00Z')]), []);
  });
  it('returns nothing for a stream without any timestamp (its age cannot be told)', () => {
    assert.deepEqual(runCheck(check, [logItem({ path: 'logs/mcp.log', format: 'claude-desktop' }), logItem({ path: 'logs/mcp.log.1' })], IN_SCOPE), []);
  });
  it('ignores a timestamp that does not parse', () => {
    assert.deepEqual(runCheck(check, [logItem({ path: 'logs/x.log', timeSpan: timeSpan('yesterday') })], IN_SCOPE), []);
  });
});

describe('log streams: rotated files of one logger', () => {
  const cases: Array<[string, string]> = [
    ['gateway.log', 'gateway.log'],
    ['gateway.log.1', 'gateway.log'],
    ['gateway.log.10', 'gateway.log'],
    ['gateway.log.gz', 'gateway.log'],
    ['gateway.log.2.gz', 'gateway.log'],
    ['gateway.log.2.GZ', 'gateway.log'],
    ['gateway-20261101.log', 'gateway.log'],
    ['gateway-20261101.log.gz', 'gateway.log'],
    ['gateway-20261101.log.1', 'gateway.log'],
    ['gateway.2026-11-01.log', 'gateway.log'],
    ['audit_2026-11-01.jsonl', 'audit.jsonl'],
    ['gateway.log-20261101', 'gateway.log'],
    ['gateway.log-20261101.gz', 'gateway.log'],
    ['gateway.log-2026110113', 'gateway.log'],
    ['gateway.log.2026-11-01', 'gateway.log'],
    ['gateway.log-2026-11-01', 'gateway.log'],
    ['2026-11-01.log', '{date}.log'],
    ['20261101.log.gz', '{date}.log'],
    ['mcp.log', 'mcp.log'],
    ['mcp-server-github.log', 'mcp-server-github.log'],
    // Kept apart: an index before the extension as often names another instance.
    ['gateway.1.log', 'gateway.1.log'],
    ['gateway-1.log', 'gateway-1.log'],
    // Not a date (no 19xx/20xx year), so not rotation.
    ['build-12345678.log', 'build-12345678.log'],
  ];
  for (const [name, stream] of cases) {
    it(`${name} -> ${stream}`, () => assert.equal(streamName(name), stream));
  }
  it('the folder is part of the stream', () => {
    assert.equal(streamOf('logs/a/gateway.log.1'), 'logs/a/gateway.log');
    assert.equal(streamOf('gateway.log.1'), 'gateway.log');
    assert.notEqual(streamOf('a/gateway.log'), streamOf('b/gateway.log'));
  });
  it('groups files by stream, streams in name order', () => {
    const groups = groupStreams(['logs/gateway.log.1', 'logs/audit.jsonl', 'logs/gateway.log', 'logs/gateway-20261101.log'], (p) => p);
    assert.deepEqual(groups, [
      { stream: 'logs/audit.jsonl', files: ['logs/audit.jsonl'] },
      { stream: 'logs/gateway.log', files: ['logs/gateway.log.1', 'logs/gateway.log', 'logs/gateway-20261101.log'] },
    ]);
  });
});

describe('retention: days and requirements', () => {
  it('counts whole days from the oldest event to the run\'s clock', () => {
    assert.equal(coveredDays('2026-11-22T12:00:01Z', NOW), 0);
    assert.equal(coveredDays('2026-11-22T12:00:00Z', NOW), 1);
    assert.equal(coveredDays('2026-11-30T00:00:00Z', NOW), 0, 'an event after the clock counts as no history');
  });
  it('takes the longest framework minimum, naming every requirement that sets it', () => {
    const sameDays = { ...AI_ACT, framework: 'ISO/IEC 42001', requirement: 'A.6.2.8', minimumDays: 365, note: 'Per the organisation\'s policy.' };
    assert.deepEqual(requiredRetention({ requirements: [AI_ACT, PCI, sameDays] }), {
      days: 365, basis: 'PCI DSS 10.5.1: 365 days; ISO/IEC 42001 A.6.2.8: 365 days',
      note: 'Twelve months, the last three immediately available; archives beyond the local files cannot be seen here. Per the organisation\'s policy.',
    });
  });
  it('prefers minimumDays, even 0, and returns undefined when nothing sets a minimum', () => {
    assert.equal(requiredRetention({ requirements: [PCI], minimumDays: 0 })?.days, 0);
    assert.equal(requiredRetention({ requirements: [] }), undefined);
  });
});

describe('the fingerprint follows the stream, not its oldest file', () => {
  it('stays the same when the oldest rotated file ages out', () => {
    const fingerprint = (items: ReturnType<typeof file>[]) => {
      const [result] = runChecks([check], items, { now: NOW, frameworks: ['eu-ai-act'], options: resolveCheckOptions({ 'logs.retention.insufficient': { requirements: [AI_ACT] } }) }, new Set())[0]!.results;
      return result!;
    };
    const before = fingerprint(ROTATED);
    const after = fingerprint(ROTATED.filter((item) => item.data.path !== 'logs/gateway-20261101.log'));
    assert.notEqual(before.location.path, after.location.path);
    assert.equal(before.fingerprint, after.fingerprint);
  });
});
