/**
 * Discovery on trees built at test time: skipped dependency and VCS folders, symlink loops and
 * duplicates, oversized and non-UTF-8 files, progress, files given directly, user-level files under
 * a fake home, and the discovery counts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { classifyFile } from '../../../src/collectors/mcp-config/discovery.js';
import { evidencePath as displayPath } from '../../../src/evidence/paths.js';
import { tempDir } from '../../helpers/temp-catalog.js';
import { FIXTURES, collect, configAt, discoveryOf, kinds, pos, serverNamed, unreadableAt, write } from './helpers.js';

const SERVERS = (name: string) => JSON.stringify({ mcpServers: { [name]: { command: 'uvx', args: [name] } } }, null, 2);

describe('walking a project', () => {
  it('skips node_modules, .git and other dependency/VCS folders, reporting each skip', async () => {
    const root = tempDir('mcp-config-');
    write(root, '.mcp.json', SERVERS('app'));
    write(root, 'node_modules/pkg/.mcp.json', SERVERS('dep'));
    write(root, 'packages/web/node_modules/x/.cursor/mcp.json', SERVERS('dep2'));
    write(root, '.git/hooks/.mcp.json', SERVERS('vcs'));
    write(root, '.venv/lib/.mcp.json', SERVERS('venv'));
    write(root, 'packages/web/.cursor/mcp.json', SERVERS('web'));
    write(root, 'packages/web/README.md', '# web\n');
    const items = await collect(root);
    assert.deepEqual(kinds(items), ['mcp-config:.mcp.json', 'mcp-config:packages/web/.cursor/mcp.json', 'discovery:mcp-config']);
    assert.deepEqual(discoveryOf(items), {
      roots: ['.'], includeUser: false, filesExamined: 3, filesSniffed: 0, configsParsed: 2, serversFound: 2,
      skipped: [
        { path: '.git', reason: 'version-control folder' },
        { path: '.venv', reason: 'dependency folder' },
        { path: 'node_modules', reason: 'dependency folder' },
        { path: 'packages/web/node_modules', reason: 'dependency folder' },
      ],
    });
  });

  it('reports a symlink loop once and never follows it', async () => {
    const root = tempDir('mcp-config-');
    write(root, 'a/.cursor/mcp.json', SERVERS('a'));
    fs.symlinkSync('..', path.join(root, 'a', 'up'));
    fs.symlinkSync(path.join(root, 'a'), path.join(root, 'a', 'self'));
    const items = await collect(root);
    assert.deepEqual(kinds(items), ['mcp-config:a/.cursor/mcp.json', 'unreadable-source:mcp-config:a/self', 'unreadable-source:mcp-config:a/up', 'discovery:mcp-config']);
    assert.deepEqual(unreadableAt(items, 'a/up'), { path: 'a/up', code: 'symlink-loop', reason: 'the symbolic link points back to a folder above it (.)' });
    assert.equal(unreadableAt(items, 'a/self').code, 'symlink-loop');
    assert.deepEqual(discoveryOf(items).skipped, [{ path: 'a/self', reason: 'symlink loop' }, { path: 'a/up', reason: 'symlink loop' }]);
  });

  it('reports a link that resolves to itself', async () => {
    const root = tempDir('mcp-config-');
    fs.symlinkSync('.mcp.json', path.join(root, '.mcp.json'));
    const items = await collect(root);
    assert.deepEqual(unreadableAt(items, '.mcp.json'), { path: '.mcp.json', code: 'symlink-loop', reason: 'the symbolic link resolves to itself' });
  });

  it('follows a symlink to a folder outside the root once, and not a second link to a folder already visited', async () => {
    const outside = tempDir('mcp-config-shared-');
    write(outside, '.cursor/mcp.json', SERVERS('shared'));
    const root = tempDir('mcp-config-');
    write(root, 'real/.roo/mcp.json', SERVERS('real'));
    fs.symlinkSync(outside, path.join(root, 'linked'));
    fs.symlinkSync(outside, path.join(root, 'linked-again'));
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'alias'));
    fs.symlinkSync(path.join(root, 'real', '.roo', 'mcp.json'), path.join(root, '.mcp.json'));
    const items = await collect(root);
    assert.deepEqual(kinds(items), ['mcp-config:.mcp.json', 'mcp-config:linked/.cursor/mcp.json', 'discovery:mcp-config']);
    // The file behind two names is read once, under the first name reached.
    assert.equal(serverNamed(configAt(items, '.mcp.json'), 'real').client, 'claude-code');
    assert.deepEqual(discoveryOf(items).skipped, [
      { path: 'real/.roo/mcp.json', reason: 'same file as one already read' },
      { path: 'alias', reason: 'symbolic link to a folder already visited' },
      { path: 'linked-again', reason: 'symbolic link to a folder already visited' },
    ]);
  });

  it('does not read files over 5 MiB', async () => {
    const root = tempDir('mcp-config-');
    const big = write(root, '.mcp.json', '');
    fs.truncateSync(big, 5 * 1024 * 1024 + 1);
    const items = await collect(root);
    assert.deepEqual(unreadableAt(items, '.mcp.json'), {
      path: '.mcp.json', code: 'too-large', reason: 'too large: is 5.0 MiB (5242881 bytes); the limit for this kind of file is 5 MiB',
    });
    assert.deepEqual(discoveryOf(items).skipped, [{ path: '.mcp.json', reason: 'too large: is 5.0 MiB (5242881 bytes); the limit for this kind of file is 5 MiB' }]);
  });

  it('reports a file that is not UTF-8 with the line and column of the first bad byte', async () => {
    const root = tempDir('mcp-config-');
    write(root, '.cursor/mcp.json', Buffer.concat([Buffer.from('{\n  "mcpServers": {\n    "caf'), Buffer.from([0xe9]), Buffer.from('": {}\n  }\n}\n')]));
    assert.deepEqual(unreadableAt(await collect(root), '.cursor/mcp.json'), { path: '.cursor/mcp.json', code: 'not-utf8', reason: 'is not valid UTF-8', line: 3, column: 9 });
  });

  it('reads a file with a UTF-8 byte order mark', async () => {
    const root = tempDir('mcp-config-');
    write(root, '.mcp.json', '\ufeff' + SERVERS('bom'));
    assert.deepEqual(serverNamed(configAt(await collect(root), '.mcp.json'), 'bom').at, pos(3, 5));
  });

  it('reports permission-denied folders and files', { skip: process.getuid?.() === 0 ? 'running as root: permissions are not enforced' : false }, async () => {
    const root = tempDir('mcp-config-');
    write(root, 'locked/.mcp.json', SERVERS('x'));
    const file = write(root, '.cursor/mcp.json', SERVERS('y'));
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    fs.chmodSync(file, 0o000);
    try {
      const items = await collect(root);
      assert.equal(unreadableAt(items, 'locked').code, 'permission-denied');
      assert.equal(unreadableAt(items, '.cursor/mcp.json').code, 'permission-denied');
    } finally {
      fs.chmodSync(path.join(root, 'locked'), 0o755);
      fs.chmodSync(file, 0o644);
    }
  });

  it('reports progress every 500 files and counts every file examined', async () => {
    const root = tempDir('mcp-config-');
    for (let d = 0; d < 11; d++) for (let f = 0; f < 100; f++) write(root, `src/m${d}/f${f}.ts`, '');
    write(root, '.mcp.json', SERVERS('app'));
    const messages: string[] = [];
    const items = await collect(root, { progress: (m) => messages.push(m) });
    assert.deepEqual(messages, ['mcp-config: 500 files examined', 'mcp-config: 1000 files examined']);
    assert.equal(discoveryOf(items).filesExamined, 1101);
  });

  it('leaves general settings files alone when they do not mention MCP, even if empty or broken', async () => {
    const root = tempDir('mcp-config-');
    write(root, '.continue/config.yaml', '');
    write(root, '.vscode/settings.json', '[]');
    write(root, '.zed/settings.json', '{ "theme": ');
    write(root, '.gemini/settings.json', '{ "mcpServers": ');
    const items = await collect(root);
    assert.deepEqual(kinds(items), ['unreadable-source:mcp-config:.gemini/settings.json', 'discovery:mcp-config']);
    assert.deepEqual(unreadableAt(items, '.gemini/settings.json'), {
      path: '.gemini/settings.json', code: 'parse-error', reason: 'cannot be parsed as JSON: value expected', line: 1, column: 17,
    });
    assert.deepEqual(discoveryOf(items).skipped.map((s) => s.path), ['.continue/config.yaml', '.gemini/settings.json', '.vscode/settings.json', '.zed/settings.json']);
  });

  it('never throws: a path that does not exist is reported as skipped', async () => {
    const root = tempDir('mcp-config-');
    const items = await collect(root, { paths: [path.join(root, 'missing')] });
    assert.deepEqual(discoveryOf(items), {
      roots: ['missing'], includeUser: false, filesExamined: 0, filesSniffed: 0, configsParsed: 0, serversFound: 0,
      skipped: [{ path: 'missing', reason: 'does not exist' }],
    });
  });
});

describe('files given directly', () => {
  it('parses a given file by its name, or by its shape when the name is unknown', async () => {
    const root = tempDir('mcp-config-');
    const team = write(root, 'config/team-mcp.json', JSON.stringify({ servers: { a: { type: 'sse', url: 'https://a.example.com/sse' } } }));
    const codex = write(root, 'ops/codex.toml', '[mcp_servers.b]\ncommand = "uvx"\n');
    const cursor = write(root, 'x/.cursor/mcp.json', SERVERS('c'));
    const notes = write(root, 'notes.json', '{"title": "not MCP"}');
    const items = await collect(root, { paths: [team, codex, cursor, notes] });
    assert.deepEqual([configAt(items, 'config/team-mcp.json').client, configAt(items, 'config/team-mcp.json').servers[0]!.transport], ['vscode', 'sse']);
    assert.deepEqual([configAt(items, 'ops/codex.toml').client, configAt(items, 'ops/codex.toml').format], ['codex', 'toml']);
    assert.equal(configAt(items, 'x/.cursor/mcp.json').client, 'cursor');
    assert.deepEqual(unreadableAt(items, 'notes.json'), {
      path: 'notes.json', code: 'unknown-shape',
      reason: 'is not an MCP configuration, tool snapshot or log that mcp-comply reads: it parses, but it has no MCP server map (mcpServers, servers, context_servers, mcp_servers, mcp.servers, or a map of server entries) and is no registry server.json',
    });
    assert.deepEqual(discoveryOf(items).roots, ['config/team-mcp.json', 'ops/codex.toml', 'x/.cursor/mcp.json', 'notes.json']);
    assert.equal(discoveryOf(items).filesExamined, 4);
  });
});

describe('user-level files (--include-user) under a fake home', () => {
  const setup = () => {
    const home = tempDir('mcp-config-home-');
    fs.cpSync(path.join(FIXTURES, 'home'), home, { recursive: true });
    const root = tempDir('mcp-config-project-');
    write(root, '.mcp.json', SERVERS('project'));
    return { home, root };
  };

  it('reads nothing from home without includeUser', async () => {
    const { home, root } = setup();
    const items = await collect(root, { home });
    assert.deepEqual(kinds(items), ['mcp-config:.mcp.json', 'discovery:mcp-config']);
  });

  it('reads the user-level files of every client, shown as ~/...', async () => {
    const { home, root } = setup();
    const items = await collect(root, { home, includeUser: true });
    assert.deepEqual(kinds(items), [
      'mcp-config:~/.claude.json',
      'mcp-config:~/.claude/settings.json',
      'mcp-config:~/Library/Application Support/Claude/claude_desktop_config.json',
      'mcp-config:~/.cursor/mcp.json',
      'mcp-config:~/.codex/config.toml',
      'mcp-config:~/.config/zed/settings.json',
      'mcp-config:.mcp.json',
      'discovery:mcp-config',
    ]);
    const summary = discoveryOf(items);
    assert.equal(summary.includeUser, true);
    assert.equal(summary.configsParsed, 7);
    assert.equal(summary.serversFound, 7);
    assert.equal(summary.filesExamined, 8);
    assert.deepEqual(summary.skipped, [{ path: '~/.gemini/settings.json', reason: 'Gemini CLI settings without MCP servers' }]);
    assert.ok(!JSON.stringify(items).includes(home), 'the home folder path never appears in evidence');
  });

  it('reads ~/.claude.json user scope and per-project local scope with their pointers', async () => {
    const { home, root } = setup();
    const file = configAt(await collect(root, { home, includeUser: true }), '~/.claude.json');
    assert.equal(file.client, 'claude-code');
    assert.deepEqual(file.servers.map((s) => [s.name, s.scope, s.pointer, s.at, s.transport]), [
      ['ctx7', 'user', '/mcpServers/ctx7', pos(4, 5), 'streamable-http'],
      ['db', 'local', '/projects/~1work~1acme~1api/mcpServers/db', pos(10, 9), 'stdio'],
    ]);
    assert.deepEqual(serverNamed(file, 'db').positions, {
      type: pos(11, 19), command: pos(12, 22), 'args/0': pos(13, 20), 'env/PGPASSWORD': pos(14, 34),
    });
  });

  it('keeps client and scope of user-level files', async () => {
    const { home, root } = setup();
    const items = await collect(root, { home, includeUser: true });
    const desktop = configAt(items, '~/Library/Application Support/Claude/claude_desktop_config.json');
    assert.deepEqual([desktop.client, desktop.servers.map((s) => s.name)], ['claude-desktop', ['filesystem']]);
    assert.deepEqual(serverNamed(configAt(items, '~/.cursor/mcp.json'), 'sentry').scope, 'user');
    assert.deepEqual(serverNamed(configAt(items, '~/.claude/settings.json'), 'ctx7').autoApprove, ['resolve-library-id']);
    assert.equal(configAt(items, '~/.config/zed/settings.json').client, 'zed');
  });

  it('reads a user-level file once when the walk reaches it too (root = home)', async () => {
    const { home } = setup();
    const items = await collect(home, { home, includeUser: true });
    assert.equal(items.filter((i) => i.id.endsWith('.cursor/mcp.json')).length, 1);
    assert.ok(items.some((i) => i.id === 'mcp-config:~/.cursor/mcp.json'));
    assert.ok(discoveryOf(items).skipped.some((s) => s.path === '.cursor/mcp.json' && s.reason === 'same file as one already read'));
  });
});

describe('classifyFile and displayPath', () => {
  const table: Array<[string, string | undefined]> = [
    ['/r/.mcp.json', 'mcp-servers claude-code project'],
    ['/r/.cursor/mcp.json', 'mcp-servers cursor project'],
    ['/r/.vscode/mcp.json', 'vscode-mcp vscode project'],
    ['/r/.vscode/settings.json', 'vscode-settings vscode project'],
    ['/r/.claude/settings.json', 'claude-settings claude-code project'],
    ['/r/.claude/settings.local.json', 'claude-settings claude-code local'],
    ['/r/.gemini/settings.json', 'mcp-servers gemini-cli project'],
    ['/r/.codex/config.toml', 'codex codex project'],
    ['/r/.zed/settings.json', 'zed zed project'],
    ['/r/.continue/config.yaml', 'continue-config continue project'],
    ['/r/.continue/mcpServers/x.yml', 'continue-block continue project'],
    ['/r/.continue/mcpServers/x.json', 'continue-block continue project'],
    ['/r/.roo/mcp.json', 'mcp-servers roo project'],
    ['/r/.kilocode/mcp.json', 'mcp-servers kilo project'],
    ['/r/.kiro/settings/mcp.json', 'mcp-servers kiro project'],
    ['/r/.amazonq/mcp.json', 'mcp-servers amazon-q project'],
    ['/r/claude_desktop_config.json', 'mcp-servers claude-desktop user'],
    ['/r/server.json', 'server-json server.json registry'],
    ['/r/tools/mcp.json', 'any-mcp-json unknown project'],
    ['/r/mcp_config.json', 'any-mcp-json windsurf project'],
    ['/r/mcp_settings.json', 'mcp-servers roo project'],
    ['/r/cline_mcp_settings.json', 'mcp-servers cline project'],
    ['/r/settings.json', undefined],
    ['/r/.continue/config.ts', undefined],
    ['/r/package.json', undefined],
  ];
  for (const [file, expected] of table) {
    it(`${file} -> ${expected ?? 'not a candidate'}`, () => {
      const kind = classifyFile(file);
      assert.equal(kind ? `${kind.parser} ${kind.client} ${kind.scope}` : undefined, expected);
    });
  }

  it('shows paths relative to the root, then home-relative, then absolute, in POSIX form', () => {
    assert.equal(displayPath('/r/a/b.json', '/r', '/home/u'), 'a/b.json');
    assert.equal(displayPath('/r', '/r', '/home/u'), '.');
    assert.equal(displayPath('/home/u/.cursor/mcp.json', '/r', '/home/u'), '~/.cursor/mcp.json');
    assert.equal(displayPath('/etc/claude-code/managed-mcp.json', '/r', '/home/u'), '/etc/claude-code/managed-mcp.json');
  });
});
