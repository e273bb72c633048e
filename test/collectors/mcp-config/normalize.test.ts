/**
 * The building blocks every parser shares: command-line splitting and rebalancing, transport
 * inference, JSON pointers, TOML positions, and the guarantee that the collector never runs anything.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildServer, emptyRaw, pointerOf, splitCommandLine, transportOf } from '../../../src/collectors/mcp-config/normalize.js';
import { parseTomlDoc } from '../../../src/collectors/mcp-config/source-doc.js';
import { PACKAGE_ROOT } from '../../../src/lib/package-root.js';
import { pos } from './helpers.js';

const raw = (fields: Partial<ReturnType<typeof emptyRaw>> = {}) =>
  ({ ...emptyRaw({ name: 's', client: 'claude-code', scope: 'project', pointer: '/mcpServers/s', at: pos(1, 1) }), ...fields });

describe('splitCommandLine', () => {
  const table: Array<[string, string[]]> = [
    ['uv run python server.py', ['uv', 'run', 'python', 'server.py']],
    ['  npx   dubhe-mcp  ', ['npx', 'dubhe-mcp']],
    ['"C:\\Program Files\\node\\node.exe" server.js', ['C:\\Program Files\\node\\node.exe', 'server.js']],
    ["python -c 'print(1)'", ['python', '-c', 'print(1)']],
    ['a "" b', ['a', '', 'b']],
    ['x="quoted value"', ['x=quoted value']],
    ['', []],
  ];
  for (const [line, words] of table) it(JSON.stringify(line), () => assert.deepEqual(splitCommandLine(line), words));
});

describe('command rebalancing', () => {
  const table: Array<[string, string[], string, string[]]> = [
    ['uv run python -m app', ['--port', '1'], 'uv', ['run', 'python', '-m', 'app', '--port', '1']],
    ['npx', ['-y', 'pkg'], 'npx', ['-y', 'pkg']],
    ['/Applications/My App.app/Contents/MacOS/tool', [], '/Applications/My App.app/Contents/MacOS/tool', []],
    ['C:\\Program Files\\Tool\\tool.exe', [], 'C:\\Program Files\\Tool\\tool.exe', []],
    ['/usr/bin/python3 /srv/server.py', [], '/usr/bin/python3', ['/srv/server.py']],
    ['/opt/my tools/bin/run --stdio', [], '/opt/my tools/bin/run', ['--stdio']],
    ['C:\\Program Files\\Tool\\tool.exe --stdio ./data', ['-v'], 'C:\\Program Files\\Tool\\tool.exe', ['--stdio', './data', '-v']],
    ['"/opt/my tools/run" serve', [], '/opt/my tools/run', ['serve']],
  ];
  for (const [command, args, expectCommand, expectArgs] of table) {
    it(JSON.stringify(command), () => {
      const server = buildServer(raw({ command: { value: command, at: pos(2, 3) }, args: args.map((value, i) => ({ value, at: pos(3, i + 1) })) }));
      assert.deepEqual([server.command, server.args], [expectCommand, expectArgs]);
      assert.equal(server.transport, 'stdio');
    });
  }
});

describe('transport inference', () => {
  const declared: Array<[string, string]> = [
    ['stdio', 'stdio'], ['http', 'streamable-http'], ['streamable-http', 'streamable-http'], ['streamable_http', 'streamable-http'],
    ['streamableHttp', 'streamable-http'], ['streamable', 'streamable-http'], ['sse', 'sse'], ['SSE', 'sse'], ['websocket', 'unknown'],
  ];
  for (const [type, transport] of declared) it(`type "${type}" -> ${transport}`, () => assert.equal(transportOf(type), transport));

  it('without a type: httpUrl and serverUrl are HTTP, url follows the client, command is stdio, nothing is unknown', () => {
    const url = (urlKey: string, urlTransport?: 'sse') => buildServer(raw({ url: { value: 'https://h/mcp' }, urlKey }), { urlTransport }).transport;
    assert.equal(url('httpUrl', 'sse'), 'streamable-http');
    assert.equal(url('serverUrl'), 'streamable-http');
    assert.equal(url('url'), 'streamable-http');
    assert.equal(url('url', 'sse'), 'sse');
    assert.equal(buildServer(raw({ command: { value: 'npx' } })).transport, 'stdio');
    assert.equal(buildServer(raw()).transport, 'unknown');
    assert.equal(buildServer(raw({ type: { value: 'sse' }, command: { value: 'npx' } })).transport, 'sse');
  });
});

describe('auth hints', () => {
  it('mcp-remote runs its own OAuth flow unless an Authorization header is passed, even a redacted one', () => {
    const remote = (...args: string[]) => buildServer(raw({ command: { value: 'npx' }, args: args.map((value) => ({ value })) })).auth;
    assert.deepEqual(remote('-y', 'mcp-remote@0.1.16', 'https://h/mcp'), { oauth: true });
    assert.deepEqual(remote('-y', 'mcp-remote', 'https://h/mcp', '--header', 'Authorization:${AUTH_HEADER}'), {});
    assert.deepEqual(remote('-y', 'mcp-remote', 'https://h/mcp', '--header', 'Authorization: Bearer ' + 'Ab1'.repeat(8)), {});
    assert.deepEqual(remote('-y', '@modelcontextprotocol/server-everything'), {});
  });
});

describe('pointerOf', () => {
  it('escapes ~ and / as RFC 6901 says', () => {
    assert.equal(pointerOf(['projects', '/abs/repo', 'mcpServers', 'db']), '/projects/~1abs~1repo/mcpServers/db');
    assert.equal(pointerOf(['a~b', 0]), '/a~0b/0');
    assert.equal(pointerOf([]), '');
  });
});

describe('TOML positions', () => {
  const text = [
    '# comment',                                   // 1
    'top = "x"',                                   // 2
    '[mcp_servers.a]',                             // 3
    'command = "npx" # trailing',                  // 4
    "args = ['-y', \"p@1\",",                      // 5
    '  # inside',                                  // 6
    '  """multi',                                  // 7
    'line""" ]',                                   // 8
    'env = { K = "v", "Q R" = 2 }',                // 9
    '',                                            // 10
    '[mcp_servers."b.c".env]',                     // 11
    'X = true',                                    // 12
    'mcp_servers.d.url = "https://d/"',            // 13 (dotted key inside [mcp_servers."b.c".env])
  ].join('\n');
  const result = parseTomlDoc(text);
  assert.ok(result.ok);
  const { doc } = result;
  const table: Array<[Array<string | number>, 'key' | 'value', { line: number; column: number } | undefined]> = [
    [['top'], 'value', pos(2, 7)],
    [['mcp_servers', 'a'], 'key', pos(3, 1)],
    [['mcp_servers', 'a', 'command'], 'value', pos(4, 11)],
    [['mcp_servers', 'a', 'command'], 'key', pos(4, 1)],
    [['mcp_servers', 'a', 'args', 0], 'value', pos(5, 9)],
    [['mcp_servers', 'a', 'args', 1], 'value', pos(5, 15)],
    [['mcp_servers', 'a', 'args', 2], 'value', pos(7, 3)],
    [['mcp_servers', 'a', 'env', 'K'], 'value', pos(9, 13)],
    [['mcp_servers', 'a', 'env', 'Q R'], 'value', pos(9, 26)],
    [['mcp_servers', 'b.c'], 'key', pos(11, 1)],
    [['mcp_servers', 'b.c', 'env', 'X'], 'value', pos(12, 5)],
    [['mcp_servers', 'b.c', 'env', 'mcp_servers', 'd', 'url'], 'value', pos(13, 21)],
    [['mcp_servers', 'missing'], 'value', undefined],
  ];
  for (const [p, part, expected] of table) {
    it(`${p.join('.')} (${part})`, () => assert.deepEqual(doc.positionOf(p, part), expected));
  }
  it('gives smol-toml values', () => {
    assert.deepEqual((doc.value as { mcp_servers: { a: { args: string[] } } }).mcp_servers.a.args, ['-y', 'p@1', 'multi\nline']);
  });
});

describe('static analysis only', () => {
  it('no module of the collector or of secret detection can start a process', () => {
    const files = [
      ...fs.readdirSync(path.join(PACKAGE_ROOT, 'src/collectors/mcp-config')).map((f) => path.join(PACKAGE_ROOT, 'src/collectors/mcp-config', f)),
      path.join(PACKAGE_ROOT, 'src/evidence/secrets.ts'),
    ];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /child_process|worker_threads|\bspawn(?:Sync)?\(|\bexecFile(?:Sync)?\(|\bexecSync\(|\beval\(|new Function\(/, path.basename(file));
    }
  });
});
