/**
 * Client-wide approval settings and per-tool approvals read by the Codex, Zed, Claude Code and VS Code
 * parsers (mcp.oversight.approval-bypass and mcp.oversight.auto-approve judge them): the exact
 * values as written and the line and column of each.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { McpConfigFile } from '../../../src/collectors/mcp-config/model.js';
import { parseClaudeSettings } from '../../../src/collectors/mcp-config/parse-claude-code.js';
import { parseCodexConfig } from '../../../src/collectors/mcp-config/parse-codex.js';
import type { ParseInput, ParseResult } from '../../../src/collectors/mcp-config/parse-result.js';
import { parseVscodeSettings } from '../../../src/collectors/mcp-config/parse-vscode.js';
import { parseZedSettings } from '../../../src/collectors/mcp-config/parse-zed.js';
import { parseJsonDoc, parseTomlDoc } from '../../../src/collectors/mcp-config/source-doc.js';
import { pos } from './helpers.js';

function parsed(parse: (input: ParseInput) => ParseResult, text: string, path: string, client: ParseInput['client']): ParseResult {
  const doc = (path.endsWith('.toml') ? parseTomlDoc : parseJsonDoc)(text);
  assert.ok(doc.ok, 'fixture parses');
  return parse({ doc: doc.doc, path, client, scope: 'project' });
}

function file(result: ParseResult): McpConfigFile {
  assert.ok(result.ok, `parsed as a configuration: ${JSON.stringify(result)}`);
  return result.file;
}

describe('Codex approval settings', () => {
  it('reads approval_policy and sandbox_mode at the top level and in each profile, with no [mcp_servers]', () => {
    const text = [
      'model = "o4-mini"',
      'approval_policy = "never"',
      'sandbox_mode = "danger-full-access"',
      '',
      '[profiles.ci]',
      'approval_policy = "never"',
      'sandbox_mode = "read-only"',
    ].join('\n');
    const config = file(parsed(parseCodexConfig, text, '.codex/config.toml', 'codex'));
    assert.deepEqual(config.servers, []);
    assert.deepEqual(config.settings.approval, [
      { setting: 'approval_policy', value: 'never', at: pos(2, 19) },
      { setting: 'sandbox_mode', value: 'danger-full-access', at: pos(3, 16) },
      { setting: 'profiles.ci.approval_policy', value: 'never', at: pos(6, 19) },
      { setting: 'profiles.ci.sandbox_mode', value: 'read-only', at: pos(7, 16) },
    ]);
  });

  it('turns default_tools_approval_mode and tools.<tool>.approval_mode "approve" into autoApprove, at each line', () => {
    const text = [
      '[mcp_servers.pw]',
      'command = "npx"',
      '',
      '[mcp_servers.pw.tools.browser_evaluate]',
      'approval_mode = "approve"',
      '',
      '[mcp_servers.pw.tools.browser_snapshot]',
      'approval_mode = "approve"',
      '',
      '[mcp_servers.pw.tools.browser_click]',
      'approval_mode = "prompt"',
      '',
      '[mcp_servers.gh]',
      'url = "https://api.githubcopilot.com/mcp/"',
      'default_tools_approval_mode = "approve"',
    ].join('\n');
    const config = file(parsed(parseCodexConfig, text, '.codex/config.toml', 'codex'));
    const [pw, gh] = config.servers;
    assert.deepEqual(pw!.autoApprove, ['browser_evaluate', 'browser_snapshot']);
    assert.deepEqual([pw!.positions.autoApprove, pw!.positions['autoApprove/0'], pw!.positions['autoApprove/1']], [pos(5, 17), pos(5, 17), pos(8, 17)]);
    assert.equal(gh!.autoApprove, 'all');
    assert.deepEqual(gh!.positions.autoApprove, pos(15, 31));
    assert.equal(config.settings.approval, undefined);
  });

  it('still skips a Codex file with neither servers nor approval settings', () => {
    assert.deepEqual(parsed(parseCodexConfig, 'model = "o4-mini"\n', '.codex/config.toml', 'codex'),
      { ok: false, code: 'no-mcp-content', reason: 'Codex configuration without [mcp_servers] or approval settings' });
  });
});

describe('Zed approval settings', () => {
  it('reads agent tool permissions and worktree trust without context_servers, and MCP tool grants as autoApprove', () => {
    const text = `{
  "agent": {
    "always_allow_tool_actions": true,
    "tool_permissions": {
      "default": "allow",
      "tools": {
        "terminal": { "default": "allow" },
        "mcp:github:create_issue": { "default": "allow" },
        "mcp:github:get_issue": { "default": "allow" },
        "mcp:github:merge_pull_request": { "default": "confirm" }
      }
    }
  },
  "session": { "trust_all_worktrees": true }
}`;
    const config = file(parsed(parseZedSettings, text, '.zed/settings.json', 'zed'));
    assert.deepEqual(config.settings.approval, [
      { setting: 'agent.always_allow_tool_actions', value: true, at: pos(3, 34) },
      { setting: 'agent.tool_permissions.default', value: 'allow', at: pos(5, 18) },
      { setting: 'agent.tool_permissions.tools.terminal.default', value: 'allow', at: pos(7, 34) },
      { setting: 'session.trust_all_worktrees', value: true, at: pos(14, 39) },
    ]);
    assert.equal(config.servers.length, 1);
    const github = config.servers[0]!;
    assert.equal(github.name, 'github');
    assert.equal(github.pointer, '/agent/tool_permissions/tools/mcp:github:create_issue/default');
    assert.deepEqual(github.autoApprove, ['create_issue', 'get_issue']);
    assert.deepEqual(github.positions, { autoApprove: pos(8, 49), 'autoApprove/0': pos(8, 49), 'autoApprove/1': pos(9, 46) });
  });

  it('attaches a grant to the server the same file defines', () => {
    const text = `{
  "context_servers": { "pw": { "command": "npx", "args": ["@playwright/mcp@0.0.41"] } },
  "agent": { "tool_permissions": { "tools": { "mcp:pw:browser_evaluate": { "default": "allow" } } } }
}`;
    const config = file(parsed(parseZedSettings, text, '.zed/settings.json', 'zed'));
    assert.equal(config.servers.length, 1);
    assert.equal(config.servers[0]!.pointer, '/context_servers/pw');
    assert.deepEqual(config.servers[0]!.autoApprove, ['browser_evaluate']);
    assert.deepEqual(config.servers[0]!.positions['autoApprove/0'], pos(3, 87));
  });
});

describe('Claude Code approval settings', () => {
  it('reads permissions.defaultMode and enabledMcpjsonServers apart from the managed allowlist', () => {
    const text = `{
  "enabledMcpjsonServers": ["github", "shell"],
  "allowedMcpServers": [{ "serverName": "github" }],
  "permissions": { "defaultMode": "bypassPermissions" }
}`;
    const config = file(parsed(parseClaudeSettings, text, '.claude/settings.json', 'claude-code'));
    assert.deepEqual(config.settings, {
      enabledMcpjsonServers: [{ name: 'github', at: pos(2, 29) }, { name: 'shell', at: pos(2, 39) }],
      approval: [{ setting: 'permissions.defaultMode', value: 'bypassPermissions', at: pos(4, 35) }],
      allowedMcpServers: ['github'],
    });
  });
});

describe('VS Code approval settings', () => {
  it('reads global auto-approval and the default permission level from settings.json without an "mcp" key', () => {
    const text = '{\n  "editor.fontSize": 14,\n  "chat.tools.global.autoApprove": true,\n  "chat.permissions.default": "autoApprove"\n}';
    const config = file(parsed(parseVscodeSettings, text, '.vscode/settings.json', 'vscode'));
    assert.deepEqual(config.servers, []);
    assert.deepEqual(config.settings.approval, [
      { setting: 'chat.tools.global.autoApprove', value: true, at: pos(3, 36) },
      { setting: 'chat.permissions.default', value: 'autoApprove', at: pos(4, 31) },
    ]);
  });

  it('still skips settings with neither an "mcp" key nor approval settings', () => {
    assert.deepEqual(parsed(parseVscodeSettings, '{ "editor.fontSize": 14 }', '.vscode/settings.json', 'vscode'),
      { ok: false, code: 'no-mcp-content', reason: 'VS Code settings without an "mcp" key or tool approval settings' });
  });
});
