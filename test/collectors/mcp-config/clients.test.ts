/**
 * One fixture folder per client format (test/collectors/mcp-config/fixtures/<scenario>): the
 * normalised fields of each server and the exact line and column of its values.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collect, configAt, discoveryOf, pos, serverNamed, unreadableAt } from './helpers.js';

describe('VS Code (.vscode/mcp.json JSONC, legacy settings.json)', async () => {
  const items = await collect('vscode');
  const file = configAt(items, '.vscode/mcp.json');

  it('reads comments and trailing commas, servers and inputs', () => {
    assert.equal(file.client, 'vscode');
    assert.equal(file.format, 'jsonc');
    assert.deepEqual(file.servers.map((s) => s.name), ['home-assistant', 'files', 'legacy-sse']);
    assert.deepEqual(file.settings, { inputs: [{ id: 'ha-token', password: true }, { id: 'ha-domain', password: false }] });
    assert.deepEqual(file.positions, { 'settings/inputs': pos(3, 13), 'settings/inputs/0': pos(4, 5), 'settings/inputs/1': pos(10, 5) });
  });

  it('normalises a remote server whose secrets come from ${input:...}', () => {
    const ha = serverNamed(file, 'home-assistant');
    assert.deepEqual(ha, {
      name: 'home-assistant', client: 'vscode', scope: 'project', pointer: '/servers/home-assistant', at: pos(14, 5),
      transport: 'streamable-http', declaredType: 'http', args: [], env: {},
      url: 'https://${input:ha-domain}/mcp_server/sse', headers: { Authorization: 'Bearer ${input:ha-token}' },
      auth: {}, disabled: false, interpolations: ['${input:ha-domain}', '${input:ha-token}'], secrets: [],
      positions: { type: pos(15, 15), url: pos(16, 14), 'headers/Authorization': pos(17, 37) },
    });
  });

  it('normalises a stdio server with envFile and ${workspaceFolder}', () => {
    const files = serverNamed(file, 'files');
    assert.equal(files.transport, 'stdio');
    assert.equal(files.command, 'npx');
    assert.deepEqual(files.args, ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21', '${workspaceFolder}']);
    assert.equal(files.envFile, '${workspaceFolder}/.env');
    assert.deepEqual(files.interpolations, ['${workspaceFolder}']);
    assert.deepEqual(files.positions, { command: pos(20, 18), 'args/0': pos(21, 16), 'args/1': pos(21, 22), 'args/2': pos(21, 75), envFile: pos(22, 18) });
  });

  it('honours an explicit sse type', () => {
    const sse = serverNamed(file, 'legacy-sse');
    assert.equal(sse.transport, 'sse');
    assert.equal(sse.declaredType, 'sse');
    assert.deepEqual(sse.positions, { type: pos(24, 29), url: pos(24, 43) });
  });

  it('reads the legacy "mcp" key of settings.json and skips settings without one', () => {
    const legacy = configAt(items, '.vscode/settings.json');
    assert.equal(legacy.format, 'json');
    const time = serverNamed(legacy, 'time');
    assert.equal(time.pointer, '/mcp/servers/time');
    assert.deepEqual(time.at, pos(5, 7));
    assert.deepEqual(time.positions, { command: pos(5, 28), 'args/0': pos(5, 44) });
    assert.deepEqual(discoveryOf(items), {
      roots: ['.'], includeUser: false, filesExamined: 3, filesSniffed: 0, configsParsed: 2, serversFound: 4,
      skipped: [{ path: 'other/.vscode/settings.json', reason: 'VS Code settings without an "mcp" key or tool approval settings' }],
    });
  });
});

describe('Claude Code (.mcp.json, .claude/settings*.json)', async () => {
  const items = await collect('claude-code');
  const file = configAt(items, '.mcp.json');

  it('splits a command line into command and arguments, positioned at the command', () => {
    const db = serverNamed(file, 'db');
    assert.equal(db.command, 'uv');
    assert.deepEqual(db.args, ['run', 'python', '-m', 'pg_mcp', '--dsn', '${DATABASE_URL:-postgresql://localhost/dev}']);
    assert.equal(db.transport, 'stdio');
    assert.equal(db.timeoutMs, 30000);
    assert.deepEqual(db.env, { PGPASSWORD: '${PGPASSWORD}' });
    assert.deepEqual(db.interpolations, ['${DATABASE_URL:-postgresql://localhost/dev}', '${PGPASSWORD}']);
    assert.deepEqual(db.positions, {
      command: pos(9, 18), 'args/0': pos(9, 18), 'args/1': pos(9, 18), 'args/2': pos(9, 18), 'args/3': pos(9, 18),
      'args/4': pos(10, 16), 'args/5': pos(10, 25), 'env/PGPASSWORD': pos(11, 30), timeoutMs: pos(12, 18),
    });
  });

  it('infers HTTP from a url with no type, and honours type: http', () => {
    assert.equal(serverNamed(file, 'ctx').transport, 'streamable-http');
    assert.equal(serverNamed(file, 'ctx').declaredType, undefined);
    const github = serverNamed(file, 'github');
    assert.equal(github.transport, 'streamable-http');
    assert.deepEqual(github.headers, { Authorization: 'Bearer ${GITHUB_PAT}' });
    assert.deepEqual(github.positions, { type: pos(4, 15), url: pos(5, 14), 'headers/Authorization': pos(6, 37) });
  });

  it('maps settings: enableAllProjectMcpServers, enabledMcpjsonServers and mcp__ permissions as autoApprove', () => {
    const settings = configAt(items, '.claude/settings.json');
    assert.deepEqual(settings.settings, { enableAllProjectMcpServers: true, enabledMcpjsonServers: [{ name: 'github', at: pos(3, 29) }, { name: 'db', at: pos(3, 39) }] });
    assert.deepEqual(settings.positions, { 'settings/enableAllProjectMcpServers': pos(2, 33) });
    const github = serverNamed(settings, 'github');
    assert.equal(github.autoApprove, 'all');
    assert.equal(github.pointer, '/permissions/allow/1');
    assert.deepEqual(github.at, pos(5, 33));
    assert.deepEqual(github.positions, { autoApprove: pos(5, 33) });
    assert.equal(github.transport, 'unknown');
    const db = serverNamed(settings, 'db');
    assert.deepEqual(db.autoApprove, ['query', 'schema']);
    assert.deepEqual(db.positions, { autoApprove: pos(5, 48) });
  });

  it('skips a settings file without MCP settings and does not count permission entries as servers', () => {
    const summary = discoveryOf(items);
    assert.equal(summary.serversFound, 3);
    assert.equal(summary.configsParsed, 2);
    assert.deepEqual(summary.skipped, [{ path: '.claude/settings.local.json', reason: 'Claude Code settings without MCP settings' }]);
  });
});

describe('Codex (.codex/config.toml)', async () => {
  const items = await collect('codex');
  const file = configAt(items, '.codex/config.toml');

  it('reads [mcp_servers.<name>] tables, sub-tables, inline tables and quoted names', () => {
    assert.equal(file.client, 'codex');
    assert.equal(file.format, 'toml');
    assert.deepEqual(file.servers.map((s) => [s.name, s.transport, s.pointer, s.at]), [
      ['remote', 'streamable-http', '/mcp_servers/remote', pos(4, 1)],
      ['fs', 'stdio', '/mcp_servers/fs', pos(8, 1)],
      ['docs server', 'streamable-http', '/mcp_servers/docs server', pos(22, 1)],
      ['linear', 'streamable-http', '/mcp_servers/linear', pos(26, 1)],
    ]);
  });

  it('positions every value, including elements of a multi-line array', () => {
    const fs = serverNamed(file, 'fs');
    assert.deepEqual(fs.args, ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21', '/srv/data']);
    assert.deepEqual(fs.env, { DEBUG: 'mcp:*' });
    assert.equal(fs.disabled, true);
    assert.equal(fs.timeoutMs, 45000);
    assert.deepEqual(fs.toolFilter, { include: ['read_file', 'list_directory'] });
    assert.deepEqual(fs.positions, {
      command: pos(9, 11), 'args/0': pos(11, 3), 'args/1': pos(12, 3), 'args/2': pos(13, 3), 'env/DEBUG': pos(20, 9),
      disabled: pos(15, 11), 'toolFilter/include': pos(17, 17), timeoutMs: pos(16, 20),
    });
  });

  it('records bearer_token_env_var, env_http_headers as env references, and OAuth for a bare remote', () => {
    const remote = serverNamed(file, 'remote');
    assert.deepEqual(remote.auth, { bearerEnvVar: 'MCP_TOKEN' });
    assert.deepEqual(remote.positions, { url: pos(5, 7), 'auth/bearerEnvVar': pos(6, 24) });
    const docs = serverNamed(file, 'docs server');
    assert.deepEqual(docs.headers, { 'X-Api-Key': '$DOCS_KEY' });
    assert.deepEqual(docs.interpolations, ['$DOCS_KEY']);
    assert.deepEqual(docs.auth, {});
    assert.deepEqual(docs.positions, { url: pos(23, 7), 'headers/X-Api-Key': pos(24, 36) });
    assert.deepEqual(serverNamed(file, 'linear').auth, { oauth: true });
  });
});

describe('Continue (.continue/config.yaml, block files)', async () => {
  const items = await collect('continue');

  it('reads the mcpServers YAML list, hub references and ${{ secrets.X }}', () => {
    const file = configAt(items, '.continue/config.yaml');
    assert.equal(file.format, 'yaml');
    assert.deepEqual(file.servers.map((s) => [s.name, s.transport, s.pointer, s.at]), [
      ['Playwright', 'stdio', '/mcpServers/0', pos(10, 5)],
      ['Remote', 'streamable-http', '/mcpServers/1', pos(13, 5)],
      ['acme/github-mcp', 'unknown', '/mcpServers/2', pos(19, 5)],
    ]);
    const playwright = serverNamed(file, 'Playwright');
    assert.deepEqual(playwright.args, ['-y', '@playwright/mcp@0.0.30']);
    assert.deepEqual(playwright.positions, { command: pos(11, 14), 'args/0': pos(12, 12), 'args/1': pos(12, 18) });
    const remote = serverNamed(file, 'Remote');
    assert.deepEqual(remote.headers, { Authorization: 'Bearer ${{ secrets.REMOTE_TOKEN }}' });
    assert.deepEqual(remote.interpolations, ['${{ secrets.REMOTE_TOKEN }}']);
    assert.deepEqual(remote.positions, { type: pos(14, 11), url: pos(15, 10), 'headers/Authorization': pos(18, 24) });
    const hub = serverNamed(file, 'acme/github-mcp');
    assert.deepEqual(hub.interpolations, ['${{ secrets.GITHUB_TOKEN }}']);
    assert.deepEqual(hub.positions, { 'with/GITHUB_TOKEN': pos(21, 21) });
  });

  it('reads YAML block files and JSON files copied from other clients', () => {
    const sqlite = serverNamed(configAt(items, '.continue/mcpServers/sqlite.yaml'), 'sqlite');
    assert.deepEqual(sqlite.args, ['mcp-server-sqlite', '--db-path', './data/app.db']);
    assert.deepEqual(sqlite.positions, { command: pos(6, 14), 'args/0': pos(8, 9), 'args/1': pos(9, 9), 'args/2': pos(10, 9) });
    const copied = configAt(items, '.continue/mcpServers/copied.json');
    assert.equal(copied.client, 'continue');
    assert.deepEqual(serverNamed(copied, 'fetch').at, pos(3, 5));
    assert.equal(discoveryOf(items).serversFound, 5);
  });
});

describe('Zed (.zed/settings.json, both shapes)', async () => {
  const file = configAt(await collect('zed'), '.zed/settings.json');

  it('reads the older {command: {path, args, env}} shape', () => {
    const pg = serverNamed(file, 'postgres');
    assert.equal(pg.command, '/usr/local/bin/postgres-mcp');
    assert.deepEqual(pg.args, ['--read-only']);
    assert.deepEqual(pg.env, { PGHOST: 'localhost' });
    assert.deepEqual(pg.positions, { command: pos(7, 17), 'args/0': pos(8, 18), 'env/PGHOST': pos(9, 28) });
  });

  it('reads the current shape, remote entries, enabled: false and extension settings', () => {
    assert.deepEqual(serverNamed(file, 'git').args, ['mcp-server-git']);
    const linear = serverNamed(file, 'linear');
    assert.equal(linear.disabled, true);
    assert.equal(linear.transport, 'streamable-http');
    assert.deepEqual(linear.positions, { url: pos(16, 14), 'headers/Authorization': pos(17, 37), disabled: pos(18, 18) });
    const brave = serverNamed(file, 'brave');
    assert.equal(brave.transport, 'unknown');
    assert.deepEqual(brave.secrets, []);
    assert.deepEqual(brave.positions, { 'settings/brave_api_key': pos(22, 38) });
  });
});

describe('Registry server.json (2025-07-09 snake_case and current camelCase)', async () => {
  const items = await collect('server-json');

  it('turns packages and remotes of an old file into servers', () => {
    const file = configAt(items, 'old/server.json');
    assert.equal(file.client, 'server.json');
    const [pkg, remote] = file.servers;
    assert.deepEqual([pkg!.scope, pkg!.pointer, pkg!.at, pkg!.transport, pkg!.command, pkg!.args], ['registry', '/packages/0', pos(7, 5), 'stdio', 'uvx', ['weather-mcp-server==0.5.0']]);
    assert.deepEqual(pkg!.env, { WEATHER_API_KEY: '', WEATHER_UNITS: 'celsius' });
    assert.deepEqual(pkg!.positions, { command: pos(11, 23), 'args/0': pos(9, 21), 'env/WEATHER_API_KEY': pos(13, 9), 'env/WEATHER_UNITS': pos(14, 47) });
    assert.deepEqual([remote!.pointer, remote!.transport, remote!.declaredType, remote!.url, remote!.headers], ['/remotes/0', 'sse', 'sse', 'https://weather.example.com/sse', { 'X-API-Key': '' }]);
    assert.deepEqual(remote!.positions, { type: pos(20, 25), url: pos(21, 14), 'headers/X-API-Key': pos(22, 19) });
  });

  it('builds the command a client would run for npm and OCI packages; templates are interpolations', () => {
    const file = configAt(items, 'current/server.json');
    const [npm, oci, remote] = file.servers;
    assert.deepEqual([npm!.command, npm!.args, npm!.env], ['npx', ['@example/files-mcp@1.2.0', '/data'], { FILES_TOKEN: '' }]);
    assert.deepEqual(npm!.positions, { command: pos(8, 23), 'args/0': pos(9, 21), 'args/1': pos(12, 84), 'env/FILES_TOKEN': pos(13, 32), type: pos(11, 30) });
    assert.deepEqual([oci!.command, oci!.args], ['docker', ['run', '-i', '--rm', '--mount', 'type=bind,src={host_dir},dst=/data', 'ghcr.io/example/files-mcp:1.2.0']]);
    assert.deepEqual(oci!.interpolations, ['{host_dir}']);
    assert.deepEqual([remote!.transport, remote!.url, remote!.headers, remote!.secrets], ['streamable-http', 'https://{tenant}.files.example.com/mcp', { Authorization: 'Bearer {token}' }, []]);
    assert.deepEqual(remote!.interpolations, ['{tenant}', '{token}']);
  });

  it('leaves a server.json that is not an MCP registry file alone', () => {
    const summary = discoveryOf(items);
    assert.deepEqual(summary.skipped, [{ path: 'web/server.json', reason: 'not an MCP registry server.json' }]);
    assert.equal(summary.configsParsed, 2);
    assert.equal(summary.serversFound, 5);
  });
});

describe('Cline and Roo (autoApprove, alwaysAllow)', async () => {
  const items = await collect('cline-roo');

  it('reads autoApprove ["*"] as all, timeouts in seconds, disabled', () => {
    const file = configAt(items, 'cline_mcp_settings.json');
    assert.equal(file.client, 'cline');
    const gitcode = serverNamed(file, 'gitcode');
    assert.equal(gitcode.autoApprove, 'all');
    assert.equal(gitcode.timeoutMs, 60000);
    assert.equal(gitcode.disabled, false);
    assert.deepEqual(gitcode.env, { GITCODE_TOKEN: '<your gitcode token>' });
    assert.deepEqual(gitcode.secrets, [], 'a placeholder is not a secret');
    assert.deepEqual(gitcode.positions, { command: pos(4, 18), 'args/0': pos(5, 16), 'env/GITCODE_TOKEN': pos(6, 33), disabled: pos(8, 19), autoApprove: pos(7, 22), timeoutMs: pos(9, 18) });
    const time = serverNamed(file, 'time');
    assert.deepEqual(time.autoApprove, ['get_current_time']);
    assert.equal(time.disabled, true);
  });

  it('reads Roo alwaysAllow', () => {
    const files = serverNamed(configAt(items, '.roo/mcp.json'), 'files');
    assert.equal(files.client, 'roo');
    assert.deepEqual(files.autoApprove, ['read_file', 'list_directory']);
    assert.deepEqual(files.positions.autoApprove, pos(6, 22));
  });
});

describe('Gemini CLI (.gemini/settings.json)', async () => {
  const file = configAt(await collect('gemini'), '.gemini/settings.json');

  it('reads httpUrl as streamable HTTP and url as SSE', () => {
    assert.equal(serverNamed(file, 'github').transport, 'streamable-http');
    assert.deepEqual(serverNamed(file, 'github').positions, { url: pos(6, 18), 'headers/Authorization': pos(7, 37), 'toolFilter/include': pos(10, 23), timeoutMs: pos(8, 18) });
    assert.equal(serverNamed(file, 'events').transport, 'sse');
  });

  it('reads trust: true as autoApprove all, at the trust key; trust: false as nothing', () => {
    const local = serverNamed(file, 'local');
    assert.equal(local.autoApprove, 'all');
    assert.deepEqual(local.positions.autoApprove, pos(16, 16));
    assert.equal(local.cwd, './tools');
    assert.deepEqual(local.toolFilter, { exclude: ['delete_all'] });
    assert.equal(serverNamed(file, 'github').autoApprove, undefined);
    assert.deepEqual(serverNamed(file, 'github').toolFilter, { include: ['get_issue', 'list_issues'] });
    assert.deepEqual(serverNamed(file, 'github').interpolations, ['$GITHUB_MCP_PAT']);
  });

  it('reads mcp.allowed / mcp.excluded', () => {
    assert.deepEqual(file.settings, { allowedMcpServers: ['github', 'local'], deniedMcpServers: ['experimental'] });
    assert.deepEqual(file.positions, { 'settings/allowedMcpServers': pos(3, 23), 'settings/deniedMcpServers': pos(3, 56) });
  });
});

describe('Cursor and Windsurf (pseudo-comments, nesting, commands with spaces)', async () => {
  const items = await collect('cursor-windsurf');
  const cursor = configAt(items, '.cursor/mcp.json');

  it('skips _comment, $schema, _-notes and preferences, but keeps an _-named entry with a command', () => {
    assert.deepEqual(cursor.servers.map((s) => s.name), ['_option1_docker_gateway', 'api', 'nested', 'tool', 'app', 'remote-bridge']);
    assert.deepEqual(serverNamed(cursor, '_option1_docker_gateway').args, ['mcp', 'gateway', 'run']);
  });

  it('reads transport: {type, url} nesting', () => {
    const nested = serverNamed(cursor, 'nested');
    assert.deepEqual([nested.transport, nested.declaredType, nested.url], ['streamable-http', 'http', 'https://nested.example.com/mcp']);
    assert.deepEqual(nested.positions, { type: pos(16, 30), url: pos(16, 45) });
  });

  it('splits a quoted Windows path from its arguments and keeps a macOS path with spaces whole', () => {
    const tool = serverNamed(cursor, 'tool');
    assert.deepEqual([tool.command, tool.args], ['C:\\Program Files\\Tool\\tool.exe', ['--stdio']]);
    const app = serverNamed(cursor, 'app');
    assert.deepEqual([app.command, app.args], ['/Applications/My Tool.app/Contents/MacOS/my-tool', []]);
  });

  it('records that mcp-remote runs its own OAuth flow', () => {
    assert.deepEqual(serverNamed(cursor, 'remote-bridge').auth, { oauth: true });
    assert.deepEqual(serverNamed(cursor, 'api').auth, {});
  });

  it('reads Windsurf serverUrl and disabledTools', () => {
    const search = serverNamed(configAt(items, 'mcp_config.json'), 'search');
    assert.equal(search.client, 'windsurf');
    assert.deepEqual([search.transport, search.url, search.toolFilter], ['streamable-http', 'https://search.example.com/mcp', { exclude: ['admin_reindex'] }]);
    assert.deepEqual(search.positions, { url: pos(4, 20), 'headers/Authorization': pos(5, 37), 'toolFilter/exclude': pos(6, 24) });
  });
});

describe('Unreadable files (parse errors with line and column, unknown shapes)', async () => {
  const items = await collect('broken');

  const cases: Array<{ path: string; expect: Record<string, unknown> }> = [
    { path: '.cursor/mcp.json', expect: { code: 'parse-error', reason: 'cannot be parsed as JSON: comma expected', line: 4, column: 5 } },
    { path: '.continue/config.yaml', expect: { code: 'parse-error', line: 4, column: 1 } },
    { path: '.codex/config.toml', expect: { code: 'parse-error', line: 2, column: 15 } },
    { path: '.kiro/settings/mcp.json', expect: { code: 'unknown-shape', reason: 'parses, but is not an MCP configuration for kiro: no "mcpServers" object' } },
    {
      path: '.vscode/mcp.json',
      expect: { code: 'unknown-shape', reason: 'parses, but is not an MCP configuration for vscode: no "servers" object (it has "mcpServers", which VS Code does not read in this file)' },
    },
  ];
  for (const c of cases) {
    it(`${c.path}: ${c.expect.code}`, () => {
      const source = unreadableAt(items, c.path);
      assert.equal(source.path, c.path);
      for (const [key, value] of Object.entries(c.expect)) assert.deepEqual(source[key as keyof typeof source], value, key);
    });
  }

  it('yields no config for them and counts them in discovery', () => {
    assert.equal(items.filter((i) => i.kind === 'mcp-config').length, 0);
    // Every one is listed as skipped too, with its reason and where it went wrong.
    assert.deepEqual(discoveryOf(items), {
      roots: ['.'], includeUser: false, filesExamined: 5, filesSniffed: 0, configsParsed: 0, serversFound: 0,
      skipped: [
        { path: '.codex/config.toml', reason: 'cannot be parsed as TOML: control characters are not allowed in strings (line 2, column 15)' },
        { path: '.continue/config.yaml', reason: 'cannot be parsed as YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (line 4, column 1)' },
        { path: '.cursor/mcp.json', reason: 'cannot be parsed as JSON: comma expected (line 4, column 5)' },
        { path: '.kiro/settings/mcp.json', reason: 'parses, but is not an MCP configuration for kiro: no "mcpServers" object' },
        { path: '.vscode/mcp.json', reason: 'parses, but is not an MCP configuration for vscode: no "servers" object (it has "mcpServers", which VS Code does not read in this file)' },
      ],
    });
    assert.match(unreadableAt(items, '.continue/config.yaml').reason, /^cannot be parsed as YAML: /);
    assert.match(unreadableAt(items, '.codex/config.toml').reason, /^cannot be parsed as TOML: /);
  });
});
