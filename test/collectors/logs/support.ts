/**
 * Shared by the log collector tests: a temp folder per test, the collect context, inline and parallel
 * runs, and sensitive values built at run time (no literal token sits in the repository).
 */
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { collectLogs, type ParallelOptions } from '../../../src/collectors/logs/index.js';
import type { LogSourceEvidence } from '../../../src/collectors/logs/model.js';
import type { CheckOptions } from '../../../src/config/check-options.js';
import type { CollectContext, EvidenceItem, LogFileSpec, UnreadableSource } from '../../../src/evidence/types.js';
import { PACKAGE_ROOT } from '../../../src/lib/package-root.js';
import { tempDir, write } from '../../helpers/temp-catalog.js';

export { write };

export const NOW = '2026-11-23T12:00:00.000Z';
export const FIXTURES = path.join(PACKAGE_ROOT, 'test', 'collectors', 'logs', 'fixtures');
export const INLINE: ParallelOptions = { parallelFrom: Infinity, workers: 1 };
export const PARALLEL: ParallelOptions = { parallelFrom: 0, workers: 2 };

export function logsTemp(): string {
  return tempDir('mcp-comply-logs-');
}

export function context(root: string, logs: LogFileSpec[], checkOptions?: CheckOptions): CollectContext {
  return { paths: [], root, includeUser: false, home: os.homedir(), now: NOW, logs, ...(checkOptions ? { checkOptions } : {}) };
}

export function collect(root: string, logs: LogFileSpec[], options: { parallel?: ParallelOptions; checkOptions?: CheckOptions } = {}): Promise<EvidenceItem[]> {
  return collectLogs(context(root, logs, options.checkOptions), options.parallel ?? INLINE);
}


/** One JSON object a line, with a trailing newline. */
export const jsonl = (events: object[]): string => events.map((e) => `${JSON.stringify(e)}\n`).join('');

/** The single log-source item of a run (fails when there is not exactly one). */
export function only(items: EvidenceItem[]): LogSourceEvidence {
  const sources = items.filter((i) => i.kind === 'log-source');
  assert.equal(sources.length, 1, `expected one log-source item, got ${JSON.stringify(items.map((i) => i.id))}`);
  return sources[0]!.data as LogSourceEvidence;
}

export const unreadables = (items: EvidenceItem[]): UnreadableSource[] =>
  items.filter((i) => i.kind === 'unreadable-source').map((i) => i.data as UnreadableSource);

/** Collects one file written from `content` and returns its evidence. */
export async function collectText(content: string | Buffer, spec: Omit<LogFileSpec, 'path'> = {}, name = 'app.log', options: Parameters<typeof collect>[2] = {}): Promise<LogSourceEvidence> {
  const root = logsTemp();
  const file = write(root, name, content);
  return only(await collect(root, [{ path: file, ...spec }], options));
}

/** ISO time `seconds` after 10:00:00 on 23 Nov 2026. */
export const at = (seconds: number): string => new Date(Date.UTC(2026, 10, 23, 10, 0, 0) + seconds * 1000).toISOString();

/** Sensitive values, put together at run time. PANs are the card schemes' published test numbers. */
export const planted = {
  githubToken: ['ghp', 'R8mK2vQ9xL4tW7nB3cF6hJ1pS5dG0aZeY2uI'].join('_'),
  jwt: ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiJ1c2VyLTQyIiwicm9sZSI6ImFkbWluIn0', 'Qm9uZ2xlV2lkZ2V0U2lnbmF0dXJlMTIzNDU2Nzg5MA'].join('.'),
  password: ['Zq8', 'vN3kR!mT6wL2', 'pX9'].join(''),
  opaqueToken: ['tk', 'V7pQ2mX9rL4wZ8nB6cJ3'].join(''),
  highEntropy: ['aB3d', 'E5fG7h', 'J9kL1mN3pQ'].join(''),
  visa: ['4111', '1111', '1111', '1111'].join(' '),
  mastercard: ['5555', '5555', '5555', '4444'].join(''),
  amex: ['3782', '822463', '10005'].join(' '),
  ssn: ['123', '45', '6789'].join('-'),
  nino: ['AB', '123456', 'C'].join(''),
};
