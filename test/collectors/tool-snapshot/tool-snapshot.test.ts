/** The tool snapshot collector: discovery, the three snapshot shapes, positions, hashes, the lock file, and what it reports instead of throwing. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MAX_SNAPSHOT_BYTES, toolSnapshotCollector } from '../../../src/collectors/tool-snapshot/index.js';
import type { ToolLockFile, ToolSnapshotFile } from '../../../src/collectors/tool-snapshot/model.js';
import {
  canonicalJson, lockEntries, parseToolLock, parseToolSnapshot, serializeToolLock, toolDefinitionHash,
} from '../../../src/collectors/tool-snapshot/parse.js';
import type { EvidenceItem, UnreadableSource } from '../../../src/evidence/types.js';
import { PACKAGE_ROOT } from '../../../src/lib/package-root.js';
import { tempDir, write } from '../../helpers/temp-catalog.js';
import { NOW } from '../../helpers/tool-evidence.js';

const ESTATE = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'tool-snapshot', 'estate');

async function collect(paths: string[], root = paths[0]!, home = '/nonexistent-home') {
  return toolSnapshotCollector.collect({ paths, root, includeUser: false, home, now: NOW });
}


const byId = (items: EvidenceItem[], id: string) => {
  const item = items.find((i) => i.id === id);
  assert.ok(item, `no item ${id} in ${items.map((i) => i.id).join(', ')}`);
  return item;
};
const snapshotOf = (items: EvidenceItem[], file: string) => byId(items, `tool-snapshot:${file}`).data as ToolSnapshotFile;
const unreadableOf = (items: EvidenceItem[], id: string) => byId(items, `unreadable-source:tool-snapshot:${id}`).data as UnreadableSource;

describe('tool snapshot collector: the fixture estate', async () => {
  const items = await collect([ESTATE]);

  it('emits one item per snapshot and lock, reports what it cannot read, and passes over JSON that is not a snapshot', () => {
    assert.deepEqual(items.map((i) => i.id), [
      'tool-lock:mcp-tools.lock',
      'tool-snapshot:github.tools.json',
      'tool-snapshot:mcp-tools/filesystem.json',
      'tool-snapshot:mcp-tools/notes.json',
      'tool-snapshot:signatures/weather.tools.json',
      'unreadable-source:tool-snapshot:mcp-tools/broken.json',
      'unreadable-source:tool-snapshot:other/config.tools.json',
    ]);
    for (const item of items) {
      assert.equal(item.collector, 'tool-snapshot');
      assert.equal(item.collectedAt, NOW);
      assert.equal(item.id, item.kind === 'unreadable-source' ? `unreadable-source:tool-snapshot:${item.source}` : `${item.kind}:${item.source}`);
    }
  });

  it('reads a tools/list result: server from the file name, tool and field positions', () => {
    const snapshot = snapshotOf(items, 'mcp-tools/filesystem.json');
    assert.equal(snapshot.server, 'filesystem');
    assert.equal(snapshot.serverVersion, undefined);
    assert.deepEqual(snapshot.tools.map((t) => t.name), ['read_file', 'list_directory']);
    const [readFile, listDirectory] = snapshot.tools;
    assert.equal(readFile!.pointer, '/tools/0');
    assert.deepEqual(readFile!.at, { line: 3, column: 5 });
    assert.deepEqual(readFile!.positions, {
      name: { line: 4, column: 15 },
      title: { line: 5, column: 16 },
      description: { line: 6, column: 22 },
      'inputSchema/properties/path': { line: 10, column: 11 },
      'inputSchema/properties/path/description': { line: 10, column: 54 },
    });
    assert.deepEqual({ ...readFile!.annotations }, { readOnlyHint: true, destructiveHint: false });
    assert.deepEqual(listDirectory!.positions['inputSchema/properties/sortBy/enum/1'], { line: 23, column: 58 });
    assert.deepEqual(listDirectory!.positions['inputSchema/properties/sortBy/default'], { line: 23, column: 78 });
    assert.match(readFile!.sha256, /^sha256:[0-9a-f]{64}$/);
  });

  it('reads a JSON-RPC response to tools/list', () => {
    const snapshot = snapshotOf(items, 'github.tools.json');
    assert.equal(snapshot.server, 'github');
    assert.deepEqual(snapshot.tools.map((t) => [t.name, t.pointer, t.at]), [
      ['create_issue', '/result/tools/0', { line: 2, column: 3 }],
      ['search_issues', '/result/tools/1', { line: 4, column: 3 }],
    ]);
    assert.deepEqual(snapshot.tools[0]!.positions.description, { line: 2, column: 43 });
  });

  it('reads an mcp-scan signature file: server name, version and instructions from metadata', () => {
    const snapshot = snapshotOf(items, 'signatures/weather.tools.json');
    assert.equal(snapshot.server, 'weather');
    assert.equal(snapshot.serverVersion, '1.4.0');
    assert.deepEqual(snapshot.instructions, { text: 'Use get_forecast for forecasts up to seven days ahead.', at: { line: 6, column: 21 } });
    assert.deepEqual(snapshot.tools.map((t) => [t.name, t.pointer, t.at]), [['get_forecast', '/tools/0', { line: 12, column: 5 }]]);
  });

  it('takes the server name from a top-level "server" field', () => {
    assert.equal(snapshotOf(items, 'mcp-tools/notes.json').server, 'notes');
  });

  it('reports a malformed snapshot with line and column, and an unknown shape', () => {
    assert.deepEqual(unreadableOf(items, 'mcp-tools/broken.json'), {
      path: 'mcp-tools/broken.json', code: 'parse-error', reason: 'not valid JSON: comma expected', line: 4, column: 5,
    });
    const unknown = unreadableOf(items, 'other/config.tools.json');
    assert.equal(unknown.code, 'unknown-shape');
    assert.match(unknown.reason, /no "tools", "prompts" or "resources" list/);
    assert.deepEqual([unknown.line, unknown.column], [1, 1]);
  });

  it('reads the lock file with the position of every entry', () => {
    const lock = byId(items, 'tool-lock:mcp-tools.lock').data as ToolLockFile;
    assert.equal(lock.path, 'mcp-tools.lock');
    assert.deepEqual(Object.keys(lock.servers), ['filesystem', 'github', 'slack']);
    assert.deepEqual(lock.servers.filesystem!.list_directory, {
      sha256: 'sha256:272486e0ea23fcee728f3ee1760d4d97258725f464e3f330a96ab2408540a8b7', at: { line: 5, column: 7 },
    });
    assert.deepEqual(lock.servers.github!.delete_repo!.at, { line: 10, column: 7 });
  });

  it('hashes the fixture definitions to the values the fixture lock approved', () => {
    const lock = byId(items, 'tool-lock:mcp-tools.lock').data as ToolLockFile;
    const filesystem = snapshotOf(items, 'mcp-tools/filesystem.json');
    assert.equal(filesystem.tools[0]!.sha256, lock.servers.filesystem!.read_file!.sha256);
    assert.equal(snapshotOf(items, 'github.tools.json').tools[0]!.sha256, lock.servers.github!.create_issue!.sha256);
  });
});

describe('tool definition hash', () => {
  const definition = {
    name: 'read_file', title: 'Read file', description: 'Read a file.',
    inputSchema: { type: 'object', properties: { path: { type: 'string', description: 'Path' } }, required: ['path'] },
    annotations: { readOnlyHint: true },
  };

  it('is sha256 over the canonical JSON (sorted keys, no whitespace) of the definition fields', () => {
    const canonical = '{"annotations":{"readOnlyHint":true},"description":"Read a file.","inputSchema":{"properties":{"path":{"description":"Path","type":"string"}},"required":["path"],"type":"object"},"name":"read_file","title":"Read file"}';
    assert.equal(canonicalJson(definition), canonical);
    assert.equal(toolDefinitionHash(definition), `sha256:${createHash('sha256').update(canonical).digest('hex')}`);
  });

  it('does not change with key order or whitespace in the snapshot', () => {
    const compact = JSON.stringify({ tools: [definition] });
    const reordered = `{
      "tools": [ {
        "annotations" : { "readOnlyHint" : true },
        "inputSchema": { "required": [ "path" ], "properties": { "path": { "description": "Path", "type": "string" } }, "type": "object" },
        "description": "Read a file.",
        "title": "Read file",
        "name": "read_file"
      } ]
    }`;
    const a = parseToolSnapshot(compact, 'a.tools.json').snapshots[0]!.tools[0]!;
    const b = parseToolSnapshot(reordered, 'b.tools.json').snapshots[0]!.tools[0]!;
    assert.equal(a.sha256, b.sha256);
    assert.equal(a.sha256, toolDefinitionHash(definition));
  });

  it('changes with any definition field, including a schema default and an annotation', () => {
    const base = toolDefinitionHash(definition);
    const variants = [
      { ...definition, description: 'Read a file. ' },
      { ...definition, title: 'Read File' },
      { ...definition, inputSchema: { ...definition.inputSchema, properties: { path: { type: 'string', description: 'Path', default: '/' } } } },
      { ...definition, annotations: { readOnlyHint: false } },
      { ...definition, outputSchema: { type: 'object' } },
    ];
    for (const variant of variants) assert.notEqual(toolDefinitionHash(variant), base, JSON.stringify(variant));
  });

  it('leaves out what is not the definition (_meta, icons) and treats null as absent', () => {
    const withExtras = JSON.stringify({ tools: [{ ...definition, _meta: { build: 7 }, icons: [], outputSchema: null }] });
    assert.equal(parseToolSnapshot(withExtras, 'x.tools.json').snapshots[0]!.tools[0]!.sha256, toolDefinitionHash(definition));
  });

  it('orders integer-like keys as strings, like every other key', () => {
    assert.equal(canonicalJson({ b: 1, 10: 2, 9: 3, a: [{ z: null, y: 'é' }] }), '{"10":2,"9":3,"a":[{"y":"é","z":null}],"b":1}');
  });
});

describe('snapshot shapes and problems (parseToolSnapshot)', () => {
  it('keeps the valid tools of a file with a bad entry, and reports the entry by its pointer', () => {
    const text = '{"tools": [\n  {"name": "ok"},\n  {"description": "no name"},\n  {"name": "bad", "description": 42},\n  "string"\n]}';
    const { snapshots: [snapshot], problems } = parseToolSnapshot(text, 'x.tools.json');
    assert.deepEqual(snapshot!.tools.map((t) => t.name), ['ok']);
    assert.deepEqual(problems.map((p) => [p.pointer, p.problem.code, p.problem.reason, p.problem.line, p.problem.column]), [
      ['/tools/1', 'invalid-entry', 'tools[1] has no "name"', 3, 3],
      ['/tools/2', 'invalid-entry', 'tools[2].description must be a string', 4, 34],
      ['/tools/3', 'invalid-entry', 'tools[3] is not an object', 5, 3],
    ]);
  });

  const unknown: Array<[string, string, RegExp]> = [
    ['an empty array', '[]', /an empty JSON array, with no tool in it/],
    ['an array of strings', '["a"]', /a JSON array whose entries are not all objects with a "name"/],
    ['a number', '42', /the document is not an object or an array/],
    ['an object without a list', '{"name": "x", "description": "no inputSchema"}', /no "tools", "prompts" or "resources" list/],
    ['a JSON-RPC error', '{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"Method not found"}}', /JSON-RPC error response: Method not found/],
    ['tools that are not a list', '{"tools": {"a": {}}}', /"tools" is not an array/],
    ['prompts that are not a list', '{"jsonrpc":"2.0","id":1,"result":{"prompts": "none"}}', /"prompts" is not an array/],
  ];
  for (const [name, text, reason] of unknown) {
    it(`reports ${name} as an unknown shape`, () => {
      const { snapshots: [snapshot], problems } = parseToolSnapshot(text, 'x.tools.json');
      assert.equal(snapshot, undefined);
      assert.equal(problems[0]!.problem.code, 'unknown-shape');
      assert.match(problems[0]!.problem.reason, reason);
    });
  }

  it('accepts nextCursor, a server object, and a result-level serverInfo', () => {
    const a = parseToolSnapshot('{"server": {"name": "db", "version": "2.0.1"}, "tools": [], "nextCursor": "abc"}', 'x.tools.json').snapshots[0]!;
    assert.deepEqual([a.server, a.serverVersion, a.tools.length], ['db', '2.0.1', 0]);
    const b = parseToolSnapshot('{"jsonrpc":"2.0","id":3,"result":{"serverInfo":{"name":"kv","version":"0.3.0"},"instructions":"Keys are case-sensitive.","tools":[]}}', 'y.tools.json').snapshots[0]!;
    assert.deepEqual([b.server, b.serverVersion, b.instructions?.text], ['kv', '0.3.0', 'Keys are case-sensitive.']);
  });

  it('reads JSONC (comments, trailing commas) and a UTF-8 byte order mark', () => {
    const { snapshots: [snapshot] } = parseToolSnapshot('\uFEFF{\n  // saved with the inspector\n  "tools": [{"name": "a",},],\n}', 'a.tools.json');
    assert.deepEqual(snapshot!.tools.map((t) => [t.name, t.at]), [['a', { line: 3, column: 13 }]]);
  });

  it('never throws on hostile input', () => {
    const deep = `{"tools":[{"name":"d","inputSchema":${'{"properties":{"p":'.repeat(300)}{}${'}}'.repeat(300)}}]}`;
    const inputs = ['', ' ', 'null', '"tools"', '{"tools": [null, 1, [], {"name": ""}]}', '{"tools":[{"name":"__proto__","inputSchema":{"properties":{"__proto__":{"type":"string"}}}}]}', deep, '{"tools":[', '\u0000\u0001'];
    for (const input of inputs) {
      assert.doesNotThrow(() => parseToolSnapshot(input, 'x.tools.json'), input.slice(0, 40));
    }
    assert.equal(parseToolSnapshot(deep, 'x.tools.json').snapshots[0]!.tools.length, 1);
  });

  it('reports a document nested deeper than 1000 levels, with where, instead of throwing', () => {
    const abyss = `{"tools":[{"name":"d","inputSchema":{"default":${'['.repeat(200_000)}${']'.repeat(200_000)}}}]}`;
    const problem = (p: { problem: { code: string; reason: string; line?: number; column?: number } }) => [p.problem.code, p.problem.reason, p.problem.line, p.problem.column];
    // Levels 1 to 5 are the braces and brackets before the run: the 996th bracket of the run opens level 1001.
    assert.deepEqual(parseToolSnapshot(abyss, 'x.tools.json').problems.map(problem), [['too-deep', 'nested deeper than 1000 levels', 1, 48 + 996]]);
    assert.deepEqual(parseToolLock(`{"lockfileVersion":1,"servers":${'['.repeat(200_000)}`, 'mcp-tools.lock').problems.map(problem), [['too-deep', 'nested deeper than 1000 levels', 1, 31 + 1000]]);
  });
});

describe('more snapshot shapes (parseToolSnapshot)', () => {
  const one = (text: string, file = 'x.tools.json') => {
    const { snapshots, problems } = parseToolSnapshot(text, file);
    assert.deepEqual(problems, []);
    assert.equal(snapshots.length, 1);
    return snapshots[0]!;
  };

  it('reads an InitializeResult (a JSON-RPC response) for its instructions, with their position', () => {
    const s = one('{"jsonrpc":"2.0","id":0,"result":{\n  "protocolVersion":"2025-06-18","capabilities":{},\n  "serverInfo":{"name":"kv","version":"1.2.0"},\n  "instructions":"Keys are case-sensitive."}}');
    assert.deepEqual([s.server, s.serverVersion, s.tools.length, s.instructions], ['kv', '1.2.0', 0, { text: 'Keys are case-sensitive.', at: { line: 4, column: 18 } }]);
  });

  it('reads one tool per file (github-mcp-server __toolsnaps__), naming the server after the folder', () => {
    const s = one('{\n  "description": "Get my user",\n  "inputSchema": {"type": "object", "properties": {}},\n  "name": "get_me"\n}', 'pkg/github/__toolsnaps__/get_me.snap');
    assert.deepEqual([s.server, s.tools.map((t) => [t.name, t.pointer, t.at, t.positions.description])], ['github', [['get_me', '', { line: 1, column: 1 }, { line: 2, column: 18 }]]]);
  });

  it('reads a docker/mcp-registry tools.json array, turning "arguments" into the input schema a client sees', () => {
    const text = '[\n  {\n    "name": "query",\n    "description": "Run a query",\n    "arguments": [\n      {"name": "sql", "type": "string", "desc": "The SQL"},\n      {"name": "limit", "type": "number", "desc": "Rows", "optional": true}\n    ]\n  }\n]';
    const s = one(text, 'servers/sqlite-mcp-server/tools.json');
    const tool = s.tools[0]!;
    assert.equal(s.server, 'sqlite-mcp-server');
    assert.deepEqual(tool.inputSchema, { type: 'object', properties: { sql: { type: 'string', description: 'The SQL' }, limit: { type: 'number', description: 'Rows' } }, required: ['sql'] });
    assert.deepEqual([tool.pointer, tool.positions['inputSchema/properties/sql'], tool.positions['inputSchema/properties/limit/description']], ['/0', { line: 6, column: 16 }, { line: 7, column: 51 }]);
  });

  it('reads the prompts, resources and resource templates of an mcp-scan signature file', () => {
    const text = JSON.stringify({
      metadata: { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'Math', version: '1.0' }, instructions: null },
      prompts: [{ name: 'math_prompt', description: 'Prompt for math.', arguments: [{ name: 'x', description: 'A number', required: true }] }],
      resources: [{ name: 'notes', uri: 'file:///notes.txt', mimeType: 'text/plain' }],
      resource_templates: [{ name: 'page', uriTemplate: 'docs://{page}', description: 'A page' }],
      tools: [{ name: 'add', description: 'Add two numbers.', inputSchema: { type: 'object' } }],
    }, null, 2);
    const s = one(text, 'math_server_signature.json');
    assert.deepEqual([s.server, s.tools.map((t) => t.name), s.instructions], ['Math', ['add'], undefined]);
    assert.deepEqual(s.entities!.map((e) => [e.kind, e.name, e.pointer, Object.keys(e.positions)]), [
      ['prompt', 'math_prompt', '/prompts/0', ['name', 'description', 'arguments/0/name', 'arguments/0/description']],
      ['resource', 'notes', '/resources/0', ['name', 'uri', 'mimeType']],
      ['resource-template', 'page', '/resource_templates/0', ['name', 'description', 'uriTemplate']],
    ]);
    assert.deepEqual(s.entities![0]!.arguments, [{ name: 'x', description: 'A number', required: true }]);
  });

  it('reads an mcp-scan --json result as one snapshot per server with a signature, each with its pointer', () => {
    const text = JSON.stringify({
      '~/.cursor/mcp.json': {
        client: 'cursor', path: '~/.cursor/mcp.json',
        servers: [
          { name: 'math', server: { command: 'python' }, signature: { metadata: { serverInfo: { name: 'Math' } }, tools: [{ name: 'add' }] }, error: null },
          { name: 'down', server: { command: 'x' }, signature: null, error: { message: 'could not start' } },
          { name: 'weather', server: { url: 'https://w.example' }, signature: { metadata: {}, prompts: [{ name: 'forecast' }] } },
        ],
      },
    });
    const { snapshots, problems } = parseToolSnapshot(text, 'scan.json');
    assert.deepEqual(problems, []);
    assert.deepEqual(snapshots.map((s) => [s.server, s.pointer, s.tools.map((t) => t.pointer), s.entities?.map((e) => e.pointer)]), [
      ['math', '/~0~1.cursor~1mcp.json/servers/0', ['/~0~1.cursor~1mcp.json/servers/0/signature/tools/0'], undefined],
      ['weather', '/~0~1.cursor~1mcp.json/servers/2', [], ['/~0~1.cursor~1mcp.json/servers/2/signature/prompts/0']],
    ]);
  });

  it('reports a bad prompt by its pointer and keeps the rest', () => {
    const { snapshots, problems } = parseToolSnapshot('{"prompts": [{"name": "ok"}, {"description": "no name"}]}', 'p.json');
    assert.deepEqual(snapshots[0]!.entities!.map((e) => e.name), ['ok']);
    assert.deepEqual(problems.map((p) => [p.pointer, p.problem.reason]), [['/prompts/1', 'prompts[1] has no "name"']]);
  });
});

describe('lock file (parseToolLock, serializeToolLock)', () => {
  const hash = `sha256:${'a'.repeat(64)}`;

  it('round-trips: what tools lock writes, the collector reads', () => {
    const text = serializeToolLock(new Map([['zeta', new Map([['b', hash], ['a', hash]])], ['alpha', new Map()], ['10', new Map([['x', hash]])]]));
    assert.equal(text, `{\n  "lockfileVersion": 1,\n  "servers": {\n    "10": {\n      "x": "${hash}"\n    },\n    "alpha": {},\n    "zeta": {\n      "a": "${hash}",\n      "b": "${hash}"\n    }\n  }\n}\n`);
    const { lock } = parseToolLock(text, 'mcp-tools.lock');
    assert.deepEqual(lock!.servers.zeta!.b, { sha256: hash, at: { line: 10, column: 7 } });
    assert.deepEqual(Object.keys(lock!.servers), ['10', 'alpha', 'zeta']);
  });

  const bad: Array<[string, string, string, number, number]> = [
    ['not JSON', '{"lockfileVersion": 1,, }', 'parse-error', 1, 23],
    ['another version', '{\n  "lockfileVersion": 2,\n  "servers": {}\n}', 'unsupported-version', 2, 22],
    ['no version', '{"servers": {}}', 'unknown-shape', 1, 1],
    ['servers not an object', '{"lockfileVersion": 1, "servers": []}', 'unknown-shape', 1, 35],
    ['a hash that is not sha256', `{"lockfileVersion": 1, "servers": {"s": {"t": "md5:abc"}}}`, 'invalid-entry', 1, 47],
  ];
  for (const [name, text, code, line, column] of bad) {
    it(`refuses a lock with ${name} (${code} at ${line}:${column})`, () => {
      const { lock, problems } = parseToolLock(text, 'mcp-tools.lock');
      assert.equal(lock, undefined);
      assert.deepEqual([problems[0]!.problem.code, problems[0]!.problem.line, problems[0]!.problem.column], [code, line, column]);
    });
  }

  it('lockEntries reports one tool with two definitions instead of picking one', () => {
    const a = parseToolSnapshot('{"server":"s","tools":[{"name":"t","description":"one"}]}', 'a.tools.json').snapshots[0]!;
    const b = parseToolSnapshot('{"server":"s","tools":[{"name":"t","description":"two"}]}', 'b.tools.json').snapshots[0]!;
    const { servers, conflicts } = lockEntries([b, a]);
    assert.equal(servers.get('s')!.get('t'), a.tools[0]!.sha256);
    assert.deepEqual(conflicts.map((c) => [c.server, c.tool, c.path, c.firstPath]), [['s', 't', 'b.tools.json', 'a.tools.json']]);
  });
});

describe('tool snapshot collector: discovery', () => {
  const snapshot = (name: string) => JSON.stringify({ tools: [{ name, description: `The ${name} tool.` }] });

  it('skips node_modules and .git, and finds *.tools.json and mcp-tools/ and .mcp-tools/ folders at any depth', async () => {
    const root = tempDir();
    write(root, 'node_modules/pkg/evil.tools.json', snapshot('evil'));
    write(root, '.git/objects/x.tools.json', snapshot('git'));
    write(root, 'a/b/deep.tools.json', snapshot('deep'));
    write(root, 'services/api/.mcp-tools/api.json', snapshot('api'));
    write(root, 'mcp-tools/v2/nested.json', snapshot('nested'));
    write(root, 'elsewhere/plain.json', snapshot('plain'));
    const items = await collect([root]);
    assert.deepEqual(items.map((i) => i.id), [
      'tool-snapshot:a/b/deep.tools.json', 'tool-snapshot:mcp-tools/v2/nested.json', 'tool-snapshot:services/api/.mcp-tools/api.json',
    ]);
  });

  it('reads a client-config file name in mcp-tools/ when it is a snapshot, and leaves its problems to the mcp-config collector', async () => {
    const root = tempDir();
    write(root, 'mcp-tools/server.json', snapshot('ok'));
    write(root, 'mcp-tools/mcp.json', '{"mcpServers": {,}}');
    write(root, 'mcp-tools/notes.json', '{"tools": [,]}');
    assert.deepEqual((await collect([root])).map((i) => i.id), ['tool-snapshot:mcp-tools/server.json', 'unreadable-source:tool-snapshot:mcp-tools/notes.json']);
  });

  it('does not treat every JSON file as a snapshot when the assessed root itself is called mcp-tools', async () => {
    const root = path.join(tempDir(), 'mcp-tools');
    write(root, 'tsconfig.json', '{"compilerOptions": {"strict": true}}');
    write(root, 'settings.json', '{"tools": "not a list"}');
    write(root, 'server.tools.json', snapshot('ok'));
    assert.deepEqual((await collect([root])).map((i) => i.id), ['tool-snapshot:server.tools.json']);
  });

  it('reports files over 5 MiB and files that are not UTF-8', async () => {
    const root = tempDir();
    write(root, 'big.tools.json', Buffer.alloc(MAX_SNAPSHOT_BYTES + 1, 0x20));
    write(root, 'latin1.tools.json', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    const items = await collect([root]);
    assert.deepEqual(items.map((i) => [i.id, (i.data as UnreadableSource).code]), [
      ['unreadable-source:tool-snapshot:big.tools.json', 'too-large'],
      ['unreadable-source:tool-snapshot:latin1.tools.json', 'not-utf8'],
    ]);
    assert.match((items[0]!.data as UnreadableSource).reason, /^too large: is 5\.0 MiB \(5242881 bytes\); the limit for this kind of file is 5 MiB$/);
  });

  it('survives symlink loops: a folder linked to its parent is visited once, a looping file link is reported', async () => {
    const root = tempDir();
    write(root, 'mcp-tools/a.json', snapshot('a'));
    fs.symlinkSync('..', path.join(root, 'mcp-tools', 'up'));
    fs.symlinkSync('self.tools.json', path.join(root, 'self.tools.json'));
    fs.symlinkSync('missing-target.json', path.join(root, 'dangling.tools.json'));
    const items = await collect([root]);
    assert.deepEqual(items.map((i) => [i.id, i.kind === 'unreadable-source' ? (i.data as UnreadableSource).code : '']), [
      ['tool-snapshot:mcp-tools/a.json', ''],
      ['unreadable-source:tool-snapshot:dangling.tools.json', 'broken-symlink'],
      ['unreadable-source:tool-snapshot:self.tools.json', 'symlink-loop'],
    ]);
  });

  it('reads a file named explicitly, once even when the paths overlap, with paths relative to the root', async () => {
    const root = tempDir();
    const file = write(root, 'snapshots/db.json', snapshot('query'));
    write(root, 'snapshots/mcp-tools/kv.json', snapshot('get'));
    const items = await collect([file, path.join(root, 'snapshots'), root], root);
    assert.deepEqual(items.map((i) => i.id), ['tool-snapshot:snapshots/db.json', 'tool-snapshot:snapshots/mcp-tools/kv.json']);
    assert.equal((items[0]!.data as ToolSnapshotFile).server, 'db');
  });

  it('shows a file outside the root home-relative, never with the home path', async () => {
    const home = tempDir();
    const file = write(home, '.config/mcp/srv.tools.json', snapshot('x'));
    const items = await collect([file], tempDir(), home);
    assert.deepEqual(items.map((i) => i.id), ['tool-snapshot:~/.config/mcp/srv.tools.json']);
  });

  it('reads *.snap in __toolsnaps__ folders (and nowhere else unless named), and gives each server of an mcp-scan result its own item', async () => {
    const root = tempDir();
    write(root, 'pkg/github/__toolsnaps__/get_me.snap', JSON.stringify({ name: 'get_me', inputSchema: { type: 'object' } }));
    write(root, 'src/__snapshots__/app.test.ts.snap', 'exports[`x`] = `y`;');
    write(root, 'mcp-tools/scan.json', JSON.stringify({ '/p/mcp.json': { path: '/p/mcp.json', servers: [{ name: 'a', signature: { tools: [] } }, { name: 'b', signature: { tools: [] } }] } }));
    assert.deepEqual((await collect([root])).map((i) => [i.id, (i.data as ToolSnapshotFile).server]), [
      ['tool-snapshot:mcp-tools/scan.json#/~1p~1mcp.json/servers/0', 'a'],
      ['tool-snapshot:mcp-tools/scan.json#/~1p~1mcp.json/servers/1', 'b'],
      ['tool-snapshot:pkg/github/__toolsnaps__/get_me.snap', 'github'],
    ]);
  });

  it('names the JSON files in mcp-tools/ it passed over as holding no MCP output, in its progress line', async () => {
    const root = tempDir();
    write(root, 'mcp-tools/package.json', '{"name": "x", "version": "1.0.0"}');
    write(root, 'mcp-tools/kv.json', JSON.stringify({ tools: [{ name: 'get' }] }));
    const lines: string[] = [];
    await toolSnapshotCollector.collect({ paths: [root], root, includeUser: false, home: '/nonexistent-home', now: NOW, progress: (m) => lines.push(m) });
    assert.deepEqual(lines, ['tool snapshots: 1 snapshot(s), 0 lock file(s); passed over 1 JSON file(s) in mcp-tools/ that hold no MCP output (mcp-tools/package.json)']);
  });

  it('returns nothing (and does not throw) for paths that do not exist', async () => {
    assert.deepEqual(await collect(['/nonexistent/path/for/mcp-comply']), []);
  });
});

describe('secrets in tool snapshots', () => {
  it('are redacted from the evidence, while the hash still covers the original definition', async () => {
    const root = tempDir();
    const token = ['ghp', 'Q7wE2rT9yU4iO1pA6sD3fG8hJ5kL0zXcVbNm'].join('_');
    const tool = { name: 'deploy', description: `Deploys the app. Use token ${token} for the registry.`, inputSchema: { type: 'object', properties: { key: { type: 'string', default: token } } } };
    write(root, 'deploy.tools.json', JSON.stringify({ server: 'ci', tools: [tool] }));
    const items = await collect([root]);
    const snapshot = items.find((i) => i.kind === 'tool-snapshot') as EvidenceItem<'tool-snapshot'>;
    assert.ok(snapshot);
    assert.ok(!JSON.stringify(items).includes(token), 'the token reached the evidence');
    assert.match(snapshot.data.tools[0]!.description!, /Use token \[REDACTED\] for the registry/);
    write(root, 'other.tools.json', JSON.stringify({ server: 'ci2', tools: [{ ...tool, description: tool.description.replace(token, 'x') }] }));
    const [a, b] = (await collect([root])).filter((i): i is EvidenceItem<'tool-snapshot'> => i.kind === 'tool-snapshot');
    assert.notEqual(a!.data.tools[0]!.sha256, b!.data.tools[0]!.sha256, 'hashes are taken before redaction');
  });
});
