/**
 * Line breaks as JSON and YAML count them: `\n`, `\r\n` and a lone `\r` (old Mac files). A file with
 * CR-only line endings must not put every finding on line 1.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collect, configAt, pos, serverNamed, unreadableAt, write } from '../collectors/mcp-config/helpers.js';
import { scanTextForSecrets } from '../../src/collectors/repo/secrets-scan.js';
import { parseJsonc } from '../../src/lib/jsonc-file.js';
import { firstInvalidUtf8, lineStarts, positionFinder, splitLines } from '../../src/lib/text-position.js';
import { readYamlFile } from '../../src/lib/yaml-file.js';
import { tempDir } from '../helpers/temp-catalog.js';

describe('line breaks', () => {
  const table: Array<[string, string, number[], string[]]> = [
    ['LF', 'a\nbc\nd', [0, 2, 5], ['a', 'bc', 'd']],
    ['CRLF (one break, not two)', 'a\r\nbc\r\nd', [0, 3, 7], ['a', 'bc', 'd']],
    ['CR only', 'a\rbc\rd', [0, 2, 5], ['a', 'bc', 'd']],
    ['mixed', 'a\rb\r\nc\nd', [0, 2, 5, 7], ['a', 'b', 'c', 'd']],
    ['CR at the end', 'a\r', [0, 2], ['a', '']],
  ];
  for (const [name, text, starts, lines] of table) {
    it(name, () => {
      assert.deepEqual(lineStarts(text), starts);
      assert.deepEqual(splitLines(text), lines);
      assert.deepEqual(positionFinder(text)(starts.at(-1)!), pos(starts.length, 1));
    });
  }

  it('the first invalid UTF-8 byte of a CR-only file is on its own line', () => {
    assert.deepEqual(firstInvalidUtf8(Buffer.concat([Buffer.from('{\r"a": "caf'), Buffer.from([0xe9]), Buffer.from('"\r}')])), pos(2, 10));
    assert.deepEqual(firstInvalidUtf8(Buffer.concat([Buffer.from('{\r\n"a": "caf'), Buffer.from([0xe9])])), pos(2, 10));
  });

  it('JSON parse errors of a CR-only file name their line', () => {
    const parsed = parseJsonc('{\r  "a": 1,\r  "b": x\r}');
    assert.ok(!parsed.ok);
    assert.deepEqual({ line: parsed.error.line, column: parsed.error.column }, pos(3, 8));
  });

  it('YAML with CR-only line endings parses line by line, and problems name their line', () => {
    const dir = tempDir('cr-yaml-');
    const ok = readYamlFile(write(dir, 'ok.yaml', 'controls:\r  - id: A\r    title: T\r'));
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(ok.value, { controls: [{ id: 'A', title: 'T' }] });
    assert.deepEqual(ok.positionOf(['controls', 0, 'title']), pos(3, 12));
    const bad = readYamlFile(write(dir, 'bad.yaml', 'a: 1\rb: 2\ra: 3\r'));
    assert.deepEqual(bad.problems.map((p) => [p.line, p.code]), [[3, 'yaml-duplicate-key']]);
  });
});

describe('repository files with CR-only line endings', () => {
  it('a secret in a committed file is found on its line', () => {
    const token = `ghp_${'a1B2c3D4e5F6g7H8i9J0'.repeat(2).slice(0, 36)}`;
    assert.deepEqual(scanTextForSecrets(`# config\rname: app\rtoken: ${token}\r`).map((h) => [h.line, h.column]), [[3, 8]]);
  });
});

describe('MCP configurations with CR-only line endings: positions on the right line', () => {
  it('JSON (.cursor/mcp.json)', async () => {
    const root = tempDir('cr-config-');
    write(root, '.cursor/mcp.json', '{\r  "mcpServers": {\r    "github": {\r      "command": "npx",\r      "args": ["-y", "server-github"]\r    }\r  }\r}\r');
    const server = serverNamed(configAt(await collect(root), '.cursor/mcp.json'), 'github');
    assert.deepEqual(server.at, pos(3, 5));
    assert.deepEqual(server.positions.command, pos(4, 18));
    assert.deepEqual(server.positions['args/1'], pos(5, 22));
  });

  it('YAML (.continue/config.yaml)', async () => {
    const root = tempDir('cr-config-');
    write(root, '.continue/config.yaml', 'name: test\rmcpServers:\r  - name: files\r    command: npx\r    args: ["-y", "server-filesystem"]\r');
    const server = serverNamed(configAt(await collect(root), '.continue/config.yaml'), 'files');
    assert.deepEqual(server.positions.command, pos(4, 14));
  });

  it('a parse error in a CR-only JSON file', async () => {
    const root = tempDir('cr-config-');
    write(root, '.mcp.json', '{\r  "mcpServers": {\r    "a": { "command": }\r  }\r}\r');
    const unreadable = unreadableAt(await collect(root), '.mcp.json');
    assert.deepEqual([unreadable.code, unreadable.line], ['parse-error', 3]);
  });
});
