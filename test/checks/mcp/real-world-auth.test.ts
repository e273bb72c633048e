/**
 * mcp.auth.remote-without-auth on real public configurations (test/fixtures/real-world/auth, provenance
 * in sources.yaml): each result matches its labelled row of measurement.yaml, so a false high finding
 * that comes back, or a verdict that drifts between clients, fails here.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { check } from '../../../src/checks/mcp/mcp.auth.remote-without-auth.js';
import { PACKAGE_ROOT } from '../../../src/lib/package-root.js';
import { collect } from '../../collectors/mcp-config/helpers.js';
import { runCheck } from '../../helpers/run-check.js';

const ROOT = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'real-world', 'auth');
const read = <T>(name: string) => parse(fs.readFileSync(path.join(ROOT, name), 'utf8')) as T;
const sources = read<Array<{ file: string; repo: string; commit: string; licence: string }>>('sources.yaml');
const rows = read<Array<{ file: string; server: string; after: string; withPublicEndpoints: string }>>('measurement.yaml');
const PUBLIC = [
  { pattern: 'https://mcp.deepwiki.com', justification: 'Public documentation of open-source repositories.', approver: 'ciso@example.com' },
  { pattern: 'https://wd-mcp.wmcloud.org', justification: 'Wikidata, public and read-only.', approver: 'ciso@example.com' },
  { pattern: 'https://docs.sodax.com/mcp', justification: 'Product documentation, public.', approver: 'ciso@example.com' },
];

async function verdicts(publicEndpoints: typeof PUBLIC = []) {
  const items = await collect(ROOT);
  const results = runCheck(check, items, { options: { 'mcp.auth.remote-without-auth': { publicEndpoints } } });
  return results.filter((r) => r.data?.server !== undefined)
    .map((r) => [r.location.path, String(r.data!.server), `${r.status} ${r.messageId}`] as const)
    .sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`));
}

const expected = (column: 'after' | 'withPublicEndpoints') => rows
  .filter((row) => sources.some((s) => s.file === row.file))
  .map((row) => [row.file, row.server, row[column]] as const)
  .sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`));

describe('mcp.auth.remote-without-auth on real configurations', () => {
  it('every kept file has its provenance and a known licence', () => {
    for (const source of sources) {
      assert.ok(fs.existsSync(path.join(ROOT, source.file)), source.file);
      assert.match(source.commit, /^[0-9a-f]{40}$/);
      assert.notEqual(source.licence, 'unknown', source.file);
    }
  });

  it('the verdicts are the labelled ones: the same public endpoints in Claude Code and Cursor are negotiated at runtime, Roo Code cannot authenticate', async () => {
    assert.deepEqual(await verdicts(), expected('after'));
    assert.deepEqual(await verdicts(), [
      ['0x0603__sodax-leverage-yield-starter/.cursor/mcp.json', 'sodax-docs', 'not_observed authorizationAtRuntime'],
      ['0x0603__sodax-leverage-yield-starter/.cursor/mcp.json', 'sodax-marketing', 'not_observed authorizationAtRuntime'],
      ['0x0603__sodax-leverage-yield-starter/.mcp.json', 'sodax-docs', 'not_observed authorizationAtRuntime'],
      ['0x0603__sodax-leverage-yield-starter/.mcp.json', 'sodax-marketing', 'not_observed authorizationAtRuntime'],
      ['AIGeekSquad__AIContext/.roo/mcp.json', 'deepwiki', 'fail noCredentialDeclared'],
      ['AIGeekSquad__AIContext/.roo/mcp.json', 'wikidata', 'fail noCredentialDeclared'],
    ]);
  });

  it('declared public by design, those endpoints pass in every client; the others stay unseen', async () => {
    assert.deepEqual(await verdicts(PUBLIC), expected('withPublicEndpoints'));
  });
});
