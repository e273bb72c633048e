import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifierWords } from '../../src/lib/identifier-words.js';

describe('identifierWords', () => {
  const table: Array<[string, string[]]> = [
    ['content_from_reading_ssh_id_rsa', ['content', 'from', 'reading', 'ssh', 'id', 'rsa']],
    ['sshPrivateKey', ['ssh', 'private', 'key']],
    ['browser_evaluate', ['browser', 'evaluate']],
    ['--no-verify-ssl', ['no', 'verify', 'ssl']],
    ['NODE_TLS_REJECT_UNAUTHORIZED', ['node', 'tls', 'reject', 'unauthorized']],
    ['http.sslVerify', ['http', 'ssl', 'verify']],
    ['desktop-commander@latest', ['desktop', 'commander', 'latest']],
    ['run2Command', ['run2', 'command']],
    ['id_ed25519', ['id', 'ed25519']],
    ['Side note.', ['side', 'note']],
    ['文件_路径', ['文件', '路径']],
    ['', []],
    ['__', []],
  ];
  for (const [name, words] of table) {
    it(`${JSON.stringify(name)} -> ${JSON.stringify(words)}`, () => assert.deepEqual(identifierWords(name), words));
  }
});
