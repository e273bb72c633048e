/** The built-in advisory list and the collector that hands it to checks as `advisory-db` evidence. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import semver from 'semver';
import { AdvisoryFileError, BUILTIN_ADVISORIES_FILE, advisoriesCollector, readAdvisoryFile } from '../../src/collectors/advisories/index.js';
import { SERVED_TRANSPORTS } from '../../src/collectors/advisories/model.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { validateYaml } from '../../src/lib/schemas.js';
import { readYamlFile } from '../../src/lib/yaml-file.js';
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

  it('the built-in advisories state the transports they hold for, where their text limits them', () => {
    const advisories = readAdvisoryFile(BUILTIN_ADVISORIES_FILE);
    assert.deepEqual(advisories.map((a) => [a.id, a.appliesTo?.transports]), [
      ['CVE-2025-6514', undefined],
      ['CVE-2025-49596', undefined],
      ['CVE-2025-66414', ['streamable-http', 'sse']],
      ['CVE-2025-66416', ['streamable-http', 'sse']],
    ]);
  });

  it('the built-in file follows schemas/advisories.schema.json, whose transports are the loader\'s', () => {
    assert.deepEqual(validateYaml(readYamlFile(BUILTIN_ADVISORIES_FILE), 'advisories'), []);
    const schema = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'schemas', 'advisories.schema.json'), 'utf8'));
    assert.deepEqual(schema.properties.advisories.items.properties.appliesTo.properties.transports.items.enum, [...SERVED_TRANSPORTS]);
  });

  it('reports an invalid appliesTo at its line: unknown condition, unknown or repeated transport, empty list, not a mapping', () => {
    const file = path.join(tempDir(), 'applies.yaml');
    const entry = (id: string, appliesTo: string[]) => [`  - id: ${id}`, '    ecosystem: npm', '    package: a', '    affected: "<1.0.0"', '    severity: high', '    summary: s', '    appliesTo:', ...appliesTo];
    fs.writeFileSync(file, [
      'advisories:',
      ...entry('A-1', ['      transports: [streamable-http, websocket, streamable-http]', '      flags: [--http]']),
      ...entry('A-2', ['      transports: []']),
      '  - id: A-3', '    ecosystem: npm', '    package: a', '    affected: "<1.0.0"', '    severity: high', '    summary: s', '    appliesTo: http',
    ].join('\n'));
    assert.throws(() => readAdvisoryFile(file), (error: unknown) => {
      assert.ok(error instanceof AdvisoryFileError);
      assert.deepEqual(error.problems.map((p) => [p.line, p.column, p.message]), [
        [10, 14, 'advisories[0].appliesTo.flags is not a known condition (known: transports)'],
        [9, 37, 'advisories[0].appliesTo.transports[1] must be one of: stdio, streamable-http, sse'],
        [9, 48, 'advisories[0].appliesTo.transports[2] repeats streamable-http'],
        [18, 19, 'advisories[1].appliesTo.transports must be a non-empty list of: stdio, streamable-http, sse'],
        [25, 16, 'advisories[2].appliesTo must be a mapping (e.g. transports: [streamable-http, sse])'],
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
