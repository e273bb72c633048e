/**
 * Secret detection on real public files (test/fixtures/real-world/secrets, provenance in sources.yaml):
 * the URL rules flag none of the public endpoints of a list of remote MCP servers. Secrets in the
 * real client configurations are judged by the labelled corpus (test/real-world/configs.test.ts).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { findSecrets } from '../../src/evidence/secrets.js';

const root = path.join(import.meta.dirname, '..', 'fixtures', 'real-world', 'secrets');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe('real-world URLs and configs', () => {
  it('flags none of the 228 remote endpoints and pages listed by awesome-remote-mcp-servers', () => {
    const urls = [...new Set(read('jaw9c__awesome-remote-mcp-servers/README.md').match(/(?:https?|wss?):\/\/[^\s"'`<>|)]+/g) ?? [])]
      .filter((url) => !url.startsWith('https://github.com/'));
    assert.equal(urls.length, 228);
    assert.deepEqual(urls.filter((url) => findSecrets(url).length > 0), []);
  });

});
