/**
 * Nothing that looks like MCP is passed over in silence: sniffed files that hold an MCP key where no
 * client reads it, or that do not parse, are listed as skipped with why; a Claude Code plugin's named
 * server file is read (or listed with why); and a file classifies alike named on the command line and
 * found by the walk (sniffShape decides both).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { strayMcpKey } from '../../../src/collectors/mcp-config/sniff.js';
import { tempDir } from '../../helpers/temp-catalog.js';
import { collect, configAt, discoveryOf, unreadableAt, write } from './helpers.js';

const ENTRY = { command: 'npx', args: ['-y', 'foo@latest'] };

describe('strayMcpKey: where a document not taken for MCP holds an MCP key', () => {
  const cases: Array<[string, unknown, string | undefined]> = [
    ['one level down', { agent: { mcpServers: { x: ENTRY } } }, 'has mcpServers under /agent, not at a place any client reads'],
    ['deeper, the shallowest named', { a: { b: { mcp_servers: {} } }, c: { context_servers: {} } }, 'has context_servers under /c, not at a place any client reads'],
    ['inside a list', { agents: [{ mcpServers: { x: ENTRY } }] }, 'has mcpServers under /agents/0, not at a place any client reads'],
    ['a key with a slash', { 'a/b': { mcpServers: {} } }, 'has mcpServers under /a~1b, not at a place any client reads'],
    ['at the top, not a map', { context_servers: ['a'] }, 'has context_servers at the top, but it is a list, not a map of servers'],
    ['at the top, a string', { mcp_servers: 'none' }, 'has mcp_servers at the top, but it is a string, not a map of servers'],
    ['only in a string value', { text: 'put mcpServers in your config' }, undefined],
    ['no MCP key', { servers: { a: 1 } }, undefined],
    ['not an object', 'mcpServers', undefined],
  ];
  for (const [name, value, expected] of cases) {
    it(name, () => assert.equal(strayMcpKey(value), expected));
  }
});

describe('sniffed files with MCP keys that are not read are listed as skipped', () => {
  it('lists each with its reason, and passes over a file that only mentions MCP in text', async () => {
    const root = tempDir('mcp-config-');
    write(root, 'agent-config.json', '{"agent":{"mcpServers":{"x":{"command":"npx","args":["-y","foo@latest"]}}}}');
    write(root, 'nested.yaml', 'profiles:\n  dev:\n    mcp_servers:\n      x:\n        command: npx\n');
    write(root, 'zed-like.json', '{"context_servers": ["a"]}');
    write(root, 'dup.yaml', 'mcpServers:\n  x:\n    command: npx\n  x:\n    command: uvx\n');
    write(root, 'deep.yaml', `mcpServers: {x: {command: npx}}\nother: ${'['.repeat(1100)}${']'.repeat(1100)}\n`);
    write(root, 'doc.json', '{"text": "put mcpServers in your config", "command": "run"}');
    const items = await collect(root);
    assert.equal(items.filter((i) => i.kind !== 'discovery').length, 0);
    const summary = discoveryOf(items);
    assert.deepEqual(summary.skipped, [
      { path: 'agent-config.json', reason: 'has mcpServers under /agent, not at a place any client reads' },
      { path: 'deep.yaml', reason: 'mentions MCP servers but cannot be parsed as YAML: nested deeper than 1000 levels (line 2, column 1007)' },
      { path: 'dup.yaml', reason: 'mentions MCP servers but cannot be parsed as YAML: Map keys must be unique (line 4, column 3)' },
      { path: 'nested.yaml', reason: 'has mcp_servers under /profiles/dev, not at a place any client reads' },
      { path: 'zed-like.json', reason: 'has context_servers at the top, but it is a list, not a map of servers' },
    ]);
    assert.deepEqual([summary.filesSniffed, summary.configsParsed], [6, 0]);
  });
});

describe('Claude Code plugin manifests that name their MCP server file', () => {
  it('reads the named file against the plugin root, as Claude Code reads .mcp.json (flat, keys of its own kept)', async () => {
    const root = tempDir('mcp-config-');
    write(root, 'p/.claude-plugin/plugin.json', '{"mcpServers":"./servers.json"}');
    write(root, 'p/servers.json', '{"db":{"command":"npx","args":["-y","db-mcp@latest"],"alwaysLoad":true}}');
    write(root, 'w/.claude-plugin/plugin.json', '{"mcpServers":"${CLAUDE_PLUGIN_ROOT}/config/mcp.json"}');
    write(root, 'w/config/mcp.json', '{"mcpServers":{"api":{"type":"http","url":"https://api.example.com/mcp"}}}');
    const items = await collect(root);
    const plugin = configAt(items, 'p/servers.json');
    assert.deepEqual([plugin.client, plugin.servers.map((s) => [s.name, s.pointer, s.command])], ['claude-code', [['db', '/db', 'npx']]]);
    // The walk reached w/config/mcp.json after the manifest read it: not read twice.
    const wrapped = configAt(items, 'w/config/mcp.json');
    assert.deepEqual([wrapped.client, wrapped.servers.map((s) => [s.name, s.transport])], ['claude-code', [['api', 'streamable-http']]]);
    assert.equal(items.filter((i) => i.kind === 'mcp-config').length, 2);
    assert.deepEqual(discoveryOf(items).skipped, [
      { path: 'w/config/mcp.json', reason: 'same file as one already read (the MCP server file of a Claude Code plugin)' },
    ]);
  });

  it('replaces what the walk sniffed first with the plugin reading', async () => {
    const root = tempDir('mcp-config-');
    write(root, 'p/.claude-plugin/plugin.json', '{"mcpServers":"./a-servers.json"}');
    write(root, 'p/a-servers.json', '{"db":{"command":"npx","args":["-y","db-mcp@latest"]}}');
    const items = await collect(root);
    assert.deepEqual(items.filter((i) => i.kind === 'mcp-config').map((i) => [i.source, (i.data as { client: string }).client]), [['p/a-servers.json', 'claude-code']]);
    assert.deepEqual([discoveryOf(items).configsParsed, discoveryOf(items).serversFound], [1, 1]);
  });

  it('lists a named file that is missing, broken, absolute or outside the plugin, with why', async () => {
    const root = tempDir('mcp-config-');
    write(root, 'q/.claude-plugin/plugin.json', '{"mcpServers":["./missing.json","../../etc/x.json","/etc/y.json","./bad.json",7]}');
    write(root, 'q/bad.json', '{"a": ');
    const items = await collect(root);
    assert.equal(unreadableAt(items, 'q/missing.json').reason, 'named by q/.claude-plugin/plugin.json as its MCP server file: does not exist');
    assert.deepEqual(unreadableAt(items, 'q/bad.json'), {
      path: 'q/bad.json', code: 'parse-error', line: 1, column: 7,
      reason: 'named by q/.claude-plugin/plugin.json as its MCP server file: cannot be parsed as JSON: value expected',
    });
    assert.deepEqual(discoveryOf(items).skipped, [
      { path: 'q/missing.json', reason: 'named by q/.claude-plugin/plugin.json as its MCP server file: does not exist' },
      { path: 'q/.claude-plugin/plugin.json', reason: 'names its MCP server file outside the plugin folder (../../etc/x.json): not read' },
      { path: 'q/.claude-plugin/plugin.json', reason: 'names its MCP server file by an absolute path (/etc/y.json): plugin paths are relative to the plugin root, so it is not read' },
      { path: 'q/bad.json', reason: 'named by q/.claude-plugin/plugin.json as its MCP server file: cannot be parsed as JSON: value expected (line 1, column 7)' },
    ]);
  });
});

describe('a file classifies alike named on the command line and found by the walk', () => {
  const cases: Array<[string, string, string, string[]]> = [
    // [file, content, client, server names]
    ['team.yaml', 'servers:\n  db:\n    command: npx\n    args: ["-y", "db-mcp"]\n', 'unknown', ['db']],
    ['team.toml', '[servers.db]\ncommand = "npx"\n', 'unknown', ['db']],
    ['team.json', '{"servers":{"db":{"type":"sse","url":"https://db.example.com/sse"}}}', 'vscode', ['db']],
    ['state.json', '{"projects":{"/home/a/app":{"mcpServers":{"db":{"command":"npx"}}}}}', 'claude-code', ['db']],
    ['old-continue.json', '{"experimental":{"modelContextProtocolServers":[{"transport":{"type":"stdio","command":"uvx","args":["db"]}}]}}', 'continue', ['experimental.modelContextProtocolServers[0]']],
    ['editor.json', '{"mcp":{"servers":{"db":{"command":"npx"}}}}', 'vscode', ['db']],
  ];
  for (const [file, content, client, names] of cases) {
    it(`${file} -> ${client}`, async () => {
      const root = tempDir('mcp-config-');
      const abs = write(root, `cfg/${file}`, content);
      for (const paths of [[root], [abs]]) {
        const config = configAt(await collect(root, { paths }), `cfg/${file}`);
        assert.deepEqual([config.client, config.servers.map((s) => s.name)], [client, names], `given ${paths[0] === root ? 'the folder' : 'the file'}`);
      }
    });
  }

  it('a `servers` map with entries no client writes is not read either way', async () => {
    const root = tempDir('mcp-config-');
    const abs = write(root, 'cfg/hosts.yaml', 'servers:\n  web:\n    host: example.com\n    port: 80\n');
    assert.deepEqual(discoveryOf(await collect(root)).skipped, []);
    assert.equal(unreadableAt(await collect(root, { paths: [abs] }), 'cfg/hosts.yaml').code, 'unknown-shape');
  });
});
