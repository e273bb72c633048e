/**
 * Classification by name and place (dotfile layouts of every client), and content sniffing of files
 * of any name: the byte pre-filter, the shape test, and the files it must never take for MCP.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyFile } from '../../../src/collectors/mcp-config/discovery.js';
import { isFlatServerMap, isSniffable, mayHoldMcp, sniffShape } from '../../../src/collectors/mcp-config/sniff.js';

describe('classifyFile: dotfile layouts of user-level files inside an assessed folder', () => {
  const cases: Array<[string, string | undefined]> = [
    // [path under the assessed folder, "parser client scope" or undefined]
    ['dotfiles/.config/zed/settings.json', 'zed zed user'],
    ['dotfiles/config/zed/settings.json', 'zed zed user'],
    ['zed/settings.json', 'zed zed user'],
    ['.zed/settings.json', 'zed zed project'],
    ['config/codex/config.toml', 'codex codex user'],
    ['codex/config.toml', 'codex codex user'],
    ['home/.codex/config.toml', 'codex codex project'],
    ['home/.gemini/settings.json', 'mcp-servers gemini-cli project'],
    ['config/gemini/settings.json', 'mcp-servers gemini-cli user'],
    ['Library/Application Support/Claude/claude_desktop_config.json', 'mcp-servers claude-desktop user'],
    ['home/.claude.json', 'claude-json claude-code user'],
    ['home/.cursor/mcp.json', 'mcp-servers cursor project'],
    ['.config/Code/User/settings.json', 'vscode-settings vscode user'],
    ['Library/Application Support/Code - Insiders/User/mcp.json', 'vscode-mcp vscode user'],
    ['Code/User/mcp.json', 'vscode-mcp vscode user'],
    ['VSCodium/User/settings.json', 'vscode-settings vscode user'],
    ['home/.continue/config.yaml', 'continue-config continue project'],
    ['config/continue/config.yaml', 'continue-config continue project'],
    ['.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', 'mcp-servers cline project'],
    ['.codeium/windsurf/mcp_config.json', 'any-mcp-json windsurf project'],
    ['home/.copilot/mcp-config.json', 'mcp-servers copilot project'],
    ['plugins/p/.claude-plugin/plugin.json', 'claude-plugin claude-code project'],
    ['plugins/p/.mcp.json', 'mcp-servers claude-code project'],
    // Not configurations by name: sniffed by content, or left alone.
    ['src/settings.json', undefined],
    ['plugin.json', undefined],
    ['User/settings.json', undefined],
    ['app/config.toml', undefined],
  ];
  for (const [file, expected] of cases) {
    it(`${file} -> ${expected ?? 'not by name'}`, () => {
      const kind = classifyFile(`/root/${file}`);
      assert.equal(kind ? `${kind.parser} ${kind.client} ${kind.scope}` : undefined, expected);
    });
  }
});

describe('isSniffable: which names are sniffed for MCP content', () => {
  const cases: Array<[string, boolean]> = [
    ['mcp.yaml', true], ['mcp-config.json', true], ['servers.toml', true], ['agents.jsonc', true], ['x.yml', true],
    ['package.json', false], ['package-lock.json', false], ['tsconfig.json', false], ['tsconfig.build.json', false],
    ['pnpm-lock.yaml', false], ['Cargo.toml', false], ['pyproject.toml', false], ['composer.json', false],
    ['config.schema.json', false], ['github.tools.json', false], ['bundle.min.json', false], ['app.js', false], ['README.md', false],
  ];
  for (const [name, expected] of cases) it(`${name}: ${expected}`, () => assert.equal(isSniffable(name), expected));
});

describe('mayHoldMcp: the byte pre-filter', () => {
  const cases: Array<[string, string, boolean]> = [
    ['an mcpServers key', '{"mcpServers":{}}', true],
    ['a servers key (VS Code, Codex mcp_servers, Zed context_servers)', 'servers: {}', true],
    ['a command (flat map of local servers)', '{"x":{"command":"uvx"}}', true],
    ['a URL beside "mcp"', '{"x":{"url":"https://a.example/mcp"}}', true],
    ['a serverUrl beside headers', '{"x":{"serverUrl":"https://a.example/","headers":{}}}', true],
    ['an i18n file', '{"hello":"Bonjour","bye":"Au revoir"}', false],
    ['a URL with nothing MCP about it', '{"homepage":"https://example.com"}', false],
  ];
  for (const [what, text, expected] of cases) it(`${what}: ${expected}`, () => assert.equal(mayHoldMcp(Buffer.from(text)), expected));
});

describe('sniffShape: MCP server maps by their shape, and the files never taken for one', () => {
  const accepted: Array<[string, unknown, 'json' | 'yaml' | 'toml', string]> = [
    ['mcpServers object', { mcpServers: { a: { command: 'npx' } } }, 'json', 'mcp-servers unknown'],
    ['Claude Code ~/.claude.json', { projects: {}, mcpServers: {} }, 'json', 'claude-json claude-code'],
    ['Continue list', { mcpServers: [{ name: 'a', command: 'uvx' }] }, 'yaml', 'continue-block continue'],
    ['Zed context_servers', { theme: 'x', context_servers: { a: { command: 'x' } } }, 'json', 'zed zed'],
    ['Codex mcp_servers', { model: 'o3', mcp_servers: { a: { command: 'x' } } }, 'toml', 'codex codex'],
    ['VS Code servers in JSON', { servers: { a: { type: 'stdio', command: 'npx', args: [] } }, inputs: [] }, 'json', 'vscode-mcp vscode'],
    ['servers in YAML: no particular client', { servers: { db: { command: 'uvx', args: ['postgres-mcp'] } } }, 'yaml', 'vscode-mcp unknown'],
    ['VS Code gallery entry', { servers: { a: { type: 'http', url: 'https://x.example/', gallery: 'https://api.mcp.github.com', version: '1.0.0' } } }, 'json', 'vscode-mcp vscode'],
    ['mcp.servers', { 'editor.fontSize': 12, mcp: { servers: { a: { url: 'https://x.example/mcp' } } } }, 'json', 'vscode-settings vscode'],
    ['flat map of a local server', { serena: { command: 'uvx', args: ['serena'] } }, 'json', 'mcp-servers unknown'],
    ['flat map of a remote server', { github: { type: 'http', url: 'https://api.githubcopilot.com/mcp/', headers: {} } }, 'json', 'mcp-servers unknown'],
    ['flat map with $schema', { $schema: 'x', a: { serverUrl: 'https://x.example/' } }, 'json', 'mcp-servers unknown'],
  ];
  for (const [what, value, format, expected] of accepted) {
    it(`accepts ${what}`, () => {
      const shape = sniffShape(value, format);
      assert.equal(shape.mcp ? `${shape.parser} ${shape.client}` : shape.reason, expected);
    });
  }

  const refused: Array<[string, unknown]> = [
    ['package.json', { name: 'x', version: '1.0.0', repository: { type: 'git', url: 'https://github.com/x/y' }, scripts: { start: 'node .' } }],
    ['tsconfig.json', { compilerOptions: { strict: true }, include: ['src'] }],
    ['a JSON schema of MCP configs', { $schema: 'http://json-schema.org/draft-07/schema#', properties: { mcpServers: { type: 'object' } } }],
    ['an i18n file', { greeting: 'Hello', farewell: 'Bye' }],
    ['VS Code tasks.json', { version: '2.0.0', tasks: [{ label: 'build', type: 'shell', command: 'make' }] }],
    ['VS Code launch.json', { configurations: [{ type: 'node', request: 'launch', program: 'x.js' }] }],
    ['OpenAPI servers list', { openapi: '3.0.0', servers: [{ url: 'https://api.example.com' }] }],
    ['servers map of non-MCP hosts', { servers: { web: { host: 'a', port: 80 } } }],
    ['servers with a bare URL', { servers: { web: { url: 'https://example.com' } } }],
    ['docker-compose', { services: { db: { image: 'postgres', command: 'postgres -c x' } } }],
    ['a flat map of commands with other keys (npm-ish scripts)', { build: { command: 'make', cwd: '.', outputs: ['dist'] } }],
    ['a flat map with a non-MCP type', { repo: { type: 'git', url: 'https://github.com/x/y/mcp' } }],
    ['a flat map mixing an entry and a string', { a: { command: 'npx' }, name: 'x' }],
    ['a list', [{ command: 'npx' }]],
    ['an empty object', {}],
  ];
  for (const [what, value] of refused) {
    it(`refuses ${what}`, () => assert.equal(sniffShape(value, 'json').mcp, false));
  }
});

describe('isFlatServerMap: strict for sniffed files, lenient for .mcp.json', () => {
  it('takes an entry with keys of its own only when the name already says MCP', () => {
    const rLsp = { 'r-languageserver': { type: 'stdio', command: 'R', args: ['--slave'], extensionToLanguage: { '.R': 'r' } } };
    assert.equal(isFlatServerMap(rLsp), false);
    assert.equal(isFlatServerMap(rLsp, false), true);
  });
});
