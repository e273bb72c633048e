/** The built-in advisory list and the collector that hands it to checks as `advisory-db` evidence. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import semver from 'semver';
import { AdvisoryFileError, advisoriesCollector, readAdvisoryFile } from '../../src/collectors/advisories/index.js';
import { tempDir } from '../helpers/temp-catalog.js';

const context = { paths: [], root: '/tmp', includeUser: false, home: '/home/u', now: '2026-11-23T12:00:00.000Z' };

describe('advisories collector', () => {
  it('emits one advisory-db item with the built-in advisories', async () => {
    const items = await advisoriesCollector.collect(context);
    assert.equal(items.length, 1);
    const item = items[0]!;
    assert.equal(item.id, 'advisory-db:builtin');
    assert.equal(item.kind, 'advisory-db');
    assert.equal(item.collectedAt, context.now);
    assert.deepEqual(advisoriesCollector.produces, ['advisory-db']);
    const data = item.data as { sources: string[]; advisories: Array<{ id: string; package: string; affected: string; fixed?: string }> };
    assert.deepEqual(data.sources, ['advisories/mcp-known-vulnerable.yaml']);
    assert.deepEqual(data.advisories.map((a) => [a.id, a.package, a.affected, a.fixed]), [
      ['CVE-2025-6514', 'mcp-remote', '>=0.0.5 <0.1.16', '0.1.16'],
      ['CVE-2025-49596', '@modelcontextprotocol/inspector', '<0.14.1', '0.14.1'],
      ['CVE-2025-66414', '@modelcontextprotocol/sdk', '<1.24.0', '1.24.0'],
      ['CVE-2025-66416', 'mcp', '<1.23.0', '1.23.0'],
    ]);
    for (const a of data.advisories) assert.ok(!semver.satisfies(a.fixed!, a.affected), `${a.id}: the fixed version is outside the affected range`);
  });

  it('reports every invalid entry with its position', () => {
    const file = path.join(tempDir(), 'bad.yaml');
    fs.writeFileSync(file, [
      'advisories:',
      '  - id: X-1',
      '    ecosystem: maven',
      '    package: a',
      '    affected: "not a range"',
      '    severity: severe',
      '    summary: s',
    ].join('\n'));
    assert.throws(() => readAdvisoryFile(file), (error: unknown) => {
      assert.ok(error instanceof AdvisoryFileError);
      assert.deepEqual(error.problems.map((p) => [p.line, p.column, p.message]), [
        [3, 16, 'advisories[0].ecosystem must be npm or pypi'],
        [5, 15, 'advisories[0].affected is not a valid version range: not a range'],
        [6, 15, 'advisories[0].severity must be one of: low, medium, high, critical'],
      ]);
      return true;
    });
  });

  it('refuses a file without an advisories list', () => {
    const file = path.join(tempDir(), 'empty.yaml');
    fs.writeFileSync(file, 'other: 1\n');
    assert.throws(() => readAdvisoryFile(file), AdvisoryFileError);
  });
});
