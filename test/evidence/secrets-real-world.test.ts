/**
 * Secret detection on real public files (test/fixtures/real-world/secrets, provenance in sources.yaml):
 * the URL rules flag none of the public endpoints of a list of remote MCP servers, nor resource ids in
 * real client configs (a Sentry organisation path, a Supabase project_ref, an Exa tool list), while a
 * literal key that sits beside them is still found.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { detectSecret, findSecrets } from '../../src/evidence/secrets.js';

const root = path.join(import.meta.dirname, '..', 'fixtures', 'real-world', 'secrets');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe('real-world URLs and configs', () => {
  it('flags none of the 228 remote endpoints and pages listed by awesome-remote-mcp-servers', () => {
    const urls = [...new Set(read('jaw9c__awesome-remote-mcp-servers/README.md').match(/(?:https?|wss?):\/\/[^\s"'`<>|)]+/g) ?? [])]
      .filter((url) => !url.startsWith('https://github.com/'));
    assert.equal(urls.length, 228);
    assert.deepEqual(urls.filter((url) => findSecrets(url).length > 0), []);
  });

  const configs: Array<[string, Array<[string, string]>]> = [
    ['22syn__crm/.cursor/mcp.json', [['obsidian', 'env/OBSIDIAN_API_KEY high-entropy-secret']]],
    ['0xtsotsi__Conductor.brnd/.cursor/mcp.json', []],
    ['0xMilord__renderiq/.cursor/mcp.json', []],
  ];
  for (const [file, expected] of configs) {
    it(`${file}: ${expected.length} literal secret(s), none in a URL`, () => {
      const servers = (JSON.parse(read(file)) as { mcpServers: Record<string, { url?: string; env?: Record<string, string> }> }).mcpServers;
      const found: Array<[string, string]> = [];
      for (const [name, server] of Object.entries(servers)) {
        for (const match of server.url ? findSecrets(server.url) : []) found.push([name, `url ${match.kind}`]);
        for (const [key, value] of Object.entries(server.env ?? {})) {
          const secret = detectSecret(value, key);
          if (secret) found.push([name, `env/${key} ${secret.kind}`]);
        }
      }
      assert.deepEqual(found, expected);
    });
  }
});
