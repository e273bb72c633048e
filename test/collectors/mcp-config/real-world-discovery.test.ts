/**
 * Discovery on real public files (test/fixtures/real-world/discovery, provenance in sources.yaml):
 * Claude Code plugin `.mcp.json` in its flat form, a dotfiles repository's Codex and VS Code user
 * files, and an MCP configuration of a generic name found by content sniffing. Then a temp folder
 * laid out like a dotfiles repository with every client's user-level file.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { PACKAGE_ROOT } from '../../../src/lib/package-root.js';
import { tempDir } from '../../helpers/temp-catalog.js';
import { collect, configAt, discoveryOf, kinds, serverNamed, write } from './helpers.js';

const ROOT = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'real-world', 'discovery');

describe('real-world discovery fixtures', async () => {
  const items = await collect(ROOT);

  it('sources.yaml gives the provenance of every fixture file, and no other', () => {
    const sources = parseYaml(fs.readFileSync(path.join(ROOT, 'sources.yaml'), 'utf8')) as Array<Record<string, string>>;
    const files = (fs.readdirSync(ROOT, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((e) => e.isFile() && e.name !== 'sources.yaml')
      .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
    // sources.yaml itself is sniffed (it is YAML) and left alone: filesSniffed counts it below.
    assert.deepEqual(sources.map((s) => s.file).sort(), files);
    for (const s of sources) {
      assert.match(s.commit!, /^[0-9a-f]{40}$/, s.file);
      assert.ok(s.repo && s.path && s.licence && s.changes, s.file);
      assert.equal(s.file, `${s.repo!.replace('/', '__')}/${s.path}`);
    }
  });

  it('reads every file, by name, by dotfile layout or by content', () => {
    assert.deepEqual(kinds(items), [
      'mcp-config:0maru__dotfiles/config/codex/config.toml',
      'mcp-config:247arjun__mcp-curl/examples/mcp-config.json',
      'mcp-config:anthropics__claude-plugins-official/external_plugins/github/.mcp.json',
      'mcp-config:anthropics__claude-plugins-official/external_plugins/serena/.mcp.json',
      'mcp-config:anthropics__claude-plugins-official/external_plugins/telegram/.mcp.json',
      'mcp-config:anthropics__claude-plugins-official/plugins/r-lsp/.mcp.json',
      'discovery:mcp-config',
    ]);
    assert.deepEqual(discoveryOf(items), {
      roots: ['.'], includeUser: false, filesExamined: 7, filesSniffed: 2, configsParsed: 6, serversFound: 7, skipped: [],
    });
  });

  it('reads a Claude Code plugin .mcp.json in its flat form (no mcpServers wrapper)', () => {
    const github = serverNamed(configAt(items, 'anthropics__claude-plugins-official/external_plugins/github/.mcp.json'), 'github');
    assert.deepEqual([github.client, github.pointer, github.transport, github.url, github.at], ['claude-code', '/github', 'streamable-http', 'https://api.githubcopilot.com/mcp/', { line: 2, column: 3 }]);
    assert.deepEqual(github.interpolations, ['${GITHUB_PERSONAL_ACCESS_TOKEN}']);
    assert.deepEqual(github.secrets, []);
    const serena = serverNamed(configAt(items, 'anthropics__claude-plugins-official/external_plugins/serena/.mcp.json'), 'serena');
    assert.deepEqual([serena.command, serena.args[1], serena.positions['args/1']], ['uvx', 'git+https://github.com/oraios/serena', { line: 4, column: 24 }]);
    // An entry with keys of its own (an LSP mapping) in a file named .mcp.json is still a server Claude Code starts.
    const rLsp = serverNamed(configAt(items, 'anthropics__claude-plugins-official/plugins/r-lsp/.mcp.json'), 'r-languageserver');
    assert.deepEqual([rLsp.transport, rLsp.command], ['stdio', 'R']);
  });

  it('takes ${CLAUDE_PLUGIN_ROOT} for an interpolation, not a literal path', () => {
    const telegram = serverNamed(configAt(items, 'anthropics__claude-plugins-official/external_plugins/telegram/.mcp.json'), 'telegram');
    assert.deepEqual([telegram.args, telegram.interpolations], [['${CLAUDE_PLUGIN_ROOT}/server.ts'], ['${CLAUDE_PLUGIN_ROOT}']]);
  });

  it('reads config/codex/config.toml of a dotfiles repository as the Codex user file', () => {
    const file = configAt(items, '0maru__dotfiles/config/codex/config.toml');
    assert.deepEqual(file.servers.map((s) => [s.name, s.client, s.scope, s.command, s.at.line]), [
      ['serena', 'codex', 'user', 'uvx', 30], ['context7', 'codex', 'user', 'npx', 43],
    ]);
  });

  it('reads an mcp-config.json in an examples folder by its content', () => {
    const file = configAt(items, '247arjun__mcp-curl/examples/mcp-config.json');
    assert.deepEqual([file.client, file.servers.map((s) => [s.name, s.command, s.at])], ['unknown', [['mcp-curl', 'node', { line: 3, column: 5 }]]]);
  });
});

describe('a dotfiles repository with every client\'s user-level file', () => {
  const server = (name: string) => ({ command: 'npx', args: ['-y', `${name}-mcp@latest`] });

  it('reads each where a dotfiles repository keeps it, and sniffs the rest by content', async () => {
    const root = tempDir('mcp-dotfiles-');
    write(root, '.config/zed/settings.json', `// Zed\n${JSON.stringify({ theme: 'One Dark', context_servers: { zed: server('zed') } }, null, 2)}`);
    write(root, 'config/codex/config.toml', '[mcp_servers.codex]\ncommand = "npx"\nargs = ["-y", "codex-mcp@latest"]\n');
    write(root, '.codex/config.toml', 'model = "o3"\n');
    write(root, '.gemini/settings.json', JSON.stringify({ mcpServers: { gemini: server('gemini') } }));
    write(root, 'Library/Application Support/Claude/claude_desktop_config.json', JSON.stringify({ mcpServers: { desktop: server('desktop') } }));
    write(root, '.claude.json', JSON.stringify({ mcpServers: { user: server('user') }, projects: { '/src/app': { mcpServers: { local: server('local') } } } }));
    write(root, '.cursor/mcp.json', JSON.stringify({ mcpServers: { cursor: server('cursor') } }));
    write(root, '.config/Code/User/settings.json', JSON.stringify({ 'editor.fontSize': 13, mcp: { servers: { vscode: server('vscode') } } }));
    write(root, 'Code/User/mcp.json', JSON.stringify({ servers: { vscodemcp: server('vscodemcp') } }));
    write(root, '.continue/config.yaml', 'name: x\nmcpServers:\n  - name: continue\n    command: npx\n    args: ["-y", "continue-mcp@latest"]\n');
    write(root, '.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', JSON.stringify({ mcpServers: { cline: server('cline') } }));
    write(root, '.codeium/windsurf/mcp_config.json', JSON.stringify({ mcpServers: { windsurf: { serverUrl: 'https://windsurf.example.com/mcp' } } }));
    // Generic names: read by content; everything else JSON, YAML or TOML is sniffed and left alone.
    write(root, 'ai/mcp.yaml', 'servers:\n  yaml:\n    command: uvx\n    args: ["yaml-mcp"]\n');
    write(root, 'ai/agents.json', JSON.stringify({ flat: { command: 'docker', args: ['run', '--network', 'host', 'img'] } }));
    write(root, 'kitty/theme.json', JSON.stringify({ background: '#000', url: 'https://example.com' }));
    write(root, 'starship.toml', 'format = "$all"\n[character]\nsuccess_symbol = "[>](bold green)"\n');
    write(root, 'package.json', JSON.stringify({ name: 'dotfiles', scripts: { install: 'stow .' } }));
    const items = await collect(root);
    const read = items.filter((i) => i.kind === 'mcp-config').map((i) => i.data as { path: string; client: string; servers: Array<{ name: string; scope: string }> });
    assert.deepEqual(read.map((f) => [f.path, f.client, f.servers.map((s) => `${s.name}/${s.scope}`).join(',')]), [
      ['.claude.json', 'claude-code', 'user/user,local/local'],
      ['.codeium/windsurf/mcp_config.json', 'windsurf', 'windsurf/project'],
      ['.config/Code/User/settings.json', 'vscode', 'vscode/user'],
      ['.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', 'cline', 'cline/project'],
      ['.config/zed/settings.json', 'zed', 'zed/user'],
      ['.continue/config.yaml', 'continue', 'continue/project'],
      ['.cursor/mcp.json', 'cursor', 'cursor/project'],
      ['.gemini/settings.json', 'gemini-cli', 'gemini/project'],
      ['Code/User/mcp.json', 'vscode', 'vscodemcp/user'],
      ['Library/Application Support/Claude/claude_desktop_config.json', 'claude-desktop', 'desktop/user'],
      ['ai/agents.json', 'unknown', 'flat/project'],
      ['ai/mcp.yaml', 'unknown', 'yaml/project'],
      ['config/codex/config.toml', 'codex', 'codex/user'],
    ]);
    const summary = discoveryOf(items);
    assert.deepEqual([summary.filesExamined, summary.filesSniffed, summary.configsParsed], [17, 4, 13]);
    // A Codex file without servers is a general settings file: listed as skipped, with why.
    assert.deepEqual(summary.skipped, [{ path: '.codex/config.toml', reason: 'Codex configuration without [mcp_servers] or approval settings' }]);
  });

  it('lists what it sniffed as MCP but could not read, and never reports it as an unreadable source', async () => {
    const root = tempDir('mcp-dotfiles-');
    write(root, 'ai/broken.json', '{ "mcpServers": { "a": ');
    write(root, 'ai/empty.json', '{ "mcpServers": {} }');
    write(root, 'ai/big.json', `{"pad": "${'x'.repeat(1024 * 1024)}"}`);
    write(root, 'ai/notes.json', '{ "command": ');
    const items = await collect(root);
    assert.deepEqual(kinds(items), ['discovery:mcp-config']);
    assert.deepEqual(discoveryOf(items).skipped, [
      { path: 'ai/big.json', reason: 'not examined for MCP content: larger than 1 MiB' },
      { path: 'ai/broken.json', reason: 'mentions MCP servers but cannot be parsed as JSON: value expected (line 1, column 24)' },
      { path: 'ai/empty.json', reason: 'sniffed as an MCP configuration, but its server map is empty' },
    ]);
  });
});
