/** mcp.oversight.approval-bypass: client settings parsed by the real parsers, so positions are those a user sees. */
import assert from 'node:assert/strict';
import { check } from '../../../src/checks/mcp/mcp.oversight.approval-bypass.js';
import type { McpClient, McpConfigFile } from '../../../src/collectors/mcp-config/model.js';
import { parseClaudeSettings } from '../../../src/collectors/mcp-config/parse-claude-code.js';
import { parseCodexConfig } from '../../../src/collectors/mcp-config/parse-codex.js';
import { parseVscodeSettings } from '../../../src/collectors/mcp-config/parse-vscode.js';
import { parseZedSettings } from '../../../src/collectors/mcp-config/parse-zed.js';
import { parseJsonDoc, parseTomlDoc } from '../../../src/collectors/mcp-config/source-doc.js';
import type { EvidenceItem } from '../../../src/evidence/types.js';
import { configItem } from '../../helpers/mcp-evidence.js';
import { checkTable } from '../../helpers/run-check.js';

const PARSERS = { codex: parseCodexConfig, zed: parseZedSettings, 'claude-code': parseClaudeSettings, vscode: parseVscodeSettings } as const;

/** An mcp-config item parsed from `lines` by the parser of `client`. */
function parsed(client: keyof typeof PARSERS & McpClient, path: string, lines: string[], scope: 'project' | 'user' = 'project'): EvidenceItem[] {
  const doc = (path.endsWith('.toml') ? parseTomlDoc : parseJsonDoc)(lines.join('\n'));
  assert.ok(doc.ok);
  const result = PARSERS[client]({ doc: doc.doc, path, client, scope });
  assert.ok(result.ok, JSON.stringify(result));
  return [configItem(result.file as McpConfigFile)];
}

const codex = (...lines: string[]) => parsed('codex', '.codex/config.toml', lines);
const zed = (...lines: string[]) => parsed('zed', '.zed/settings.json', lines);
const claude = (...lines: string[]) => parsed('claude-code', '.claude/settings.json', lines);
const vscode = (...lines: string[]) => parsed('vscode', '.vscode/settings.json', lines);
const vscodeUser = (...lines: string[]) => parsed('vscode', '~/.config/Code/User/settings.json', lines, 'user');

checkTable(check, {
  valid: [
    { name: 'Codex asks on request', items: codex('approval_policy = "on-request"', 'sandbox_mode = "workspace-write"'), passes: ['approvalKept'] },
    { name: 'Zed confirms by default', items: zed('{ "agent": { "always_allow_tool_actions": false, "tool_permissions": { "default": "confirm" } } }'), passes: ['approvalKept'] },
    { name: 'Claude Code plan mode', items: claude('{ "permissions": { "defaultMode": "plan" } }'), passes: ['approvalKept'] },
    {
      name: 'VS Code global auto-approval in a workspace .vscode/settings.json does nothing (VS Code reads it from user settings only)',
      items: vscode('{ "chat.tools.global.autoApprove": true }'), empty: ['noApprovalSettings'],
    },
    { name: 'VS Code assisted permissions', items: vscode('{ "chat.permissions.default": "assisted", "chat.tools.global.autoApprove": false }'), passes: ['approvalKept'] },
    {
      name: 'a server file with no approval setting is no population',
      config: { client: 'cursor', servers: [{ name: 'gh', command: 'npx' }] }, empty: ['noApprovalSettings'],
    },
  ],
  invalid: [
    {
      name: 'Codex never with danger-full-access (high), at approval_policy',
      items: codex('model = "o4-mini"', 'approval_policy = "never"', 'sandbox_mode = "danger-full-access"'),
      errors: [{
        messageId: 'codexNoApprovalNoSandbox', severity: 'high', line: 2, column: 19, key: '/approval_policy',
        message: 'The Codex configuration in .codex/config.toml sets approval_policy = "never" with sandbox_mode = "danger-full-access", so Codex never asks before a shell command or an MCP tool call (it skips MCP tool approval entirely in this mode) and nothing confines them: a prompt injection acts with the user\'s full rights.',
      }],
    },
    {
      name: 'Codex never with the default sandbox (medium)',
      items: codex('approval_policy = "never"'),
      errors: [{
        messageId: 'codexNoApproval', severity: 'medium', line: 1, column: 19, key: '/approval_policy',
        message: 'The Codex configuration in .codex/config.toml sets approval_policy = "never" with the default sandbox, so Codex runs shell commands without asking and never asks the user when the sandbox blocks one.',
      }],
    },
    {
      name: 'Codex profiles: each judged with what it inherits; a read-only CI profile is low',
      items: codex(
        'approval_policy = "on-request"',
        '',
        '[profiles.ci]',
        'approval_policy = "never"',
        'sandbox_mode = "read-only"',
        '',
        '[profiles.yolo]',
        'sandbox_mode = "danger-full-access"',
        'approval_policy = "never"',
        '',
        '[profiles.auto]',
        'approval_policy = "never"',
        'sandbox_mode = "workspace-write"',
      ),
      errors: [
        {
          messageId: 'codexNoApprovalReadOnly', severity: 'low', line: 4, column: 19, key: '/profiles/ci/approval_policy',
          message: 'The Codex profile "ci" in .codex/config.toml sets approval_policy = "never" with sandbox_mode = "read-only", a read-only sandbox: commands run without asking but can only read; MCP tools still ask as their annotations require.',
        },
        { messageId: 'codexNoApprovalNoSandbox', severity: 'high', line: 9, column: 19, key: '/profiles/yolo/approval_policy' },
        {
          messageId: 'codexNoApproval', severity: 'medium', line: 12, column: 19, key: '/profiles/auto/approval_policy',
          data: { sandbox: 'sandbox_mode = "workspace-write"' },
        },
      ],
    },
    {
      name: 'Codex profile that only widens the sandbox of a top-level never: reported at its sandbox_mode',
      items: codex('approval_policy = "never"', 'sandbox_mode = "read-only"', '[profiles.full]', 'sandbox_mode = "danger-full-access"'),
      errors: [
        { messageId: 'codexNoApprovalReadOnly', severity: 'low', line: 1, column: 19, key: '/approval_policy' },
        { messageId: 'codexNoApprovalNoSandbox', severity: 'high', line: 4, column: 16, key: '/profiles/full/sandbox_mode' },
      ],
    },
    {
      name: 'Codex default_permissions (permission profiles) stand for the sandbox: :danger-full-access is high',
      items: codex('approval_policy = "never"', 'default_permissions = ":danger-full-access"'),
      errors: [{
        messageId: 'codexNoApprovalNoSandbox', severity: 'high', line: 1, column: 19, key: '/approval_policy',
        data: { sandbox: 'default_permissions = ":danger-full-access"' },
      }],
    },
    {
      name: 'Zed: always allow, default allow, terminal allow and trust of every worktree',
      items: zed(
        '{',
        '  "agent": {',
        '    "always_allow_tool_actions": true,',
        '    "tool_permissions": { "default": "allow", "tools": { "terminal": { "default": "allow" } } }',
        '  },',
        '  "session": { "trust_all_worktrees": true }',
        '}',
      ),
      errors: [
        {
          messageId: 'zedAlwaysAllow', severity: 'high', line: 3, column: 34, key: '/agent/always_allow_tool_actions',
          message: 'The Zed settings .zed/settings.json set agent.always_allow_tool_actions to true, so the agent runs every tool action, MCP tools and terminal commands included, without asking the user.',
        },
        {
          messageId: 'zedDefaultAllow', severity: 'high', line: 4, column: 38, key: '/agent/tool_permissions/default',
          message: 'The Zed settings .zed/settings.json set agent.tool_permissions.default to "allow", so every tool without a rule of its own, MCP tools included, runs without asking the user.',
        },
        {
          messageId: 'zedTerminalAllow', severity: 'high', line: 4, column: 83, key: '/agent/tool_permissions/tools/terminal/default',
          message: 'The Zed settings .zed/settings.json set agent.tool_permissions.tools.terminal.default to "allow", so the agent runs shell commands without asking the user unless an always_confirm or always_deny pattern matches.',
        },
        {
          messageId: 'zedTrustAllWorktrees', severity: 'high', line: 6, column: 39, key: '/session/trust_all_worktrees',
          message: 'The Zed settings .zed/settings.json set session.trust_all_worktrees to true, so the MCP servers that any opened project\'s .zed/settings.json declares start without the Restricted Mode review.',
        },
      ],
    },
    {
      name: 'VS Code global auto-approval (both names) in user settings, and Allow all for new sessions',
      items: vscodeUser('{', '  "chat.tools.global.autoApprove": true,', '  "chat.tools.autoApprove": true,', '  "chat.permissions.default": "autoApprove"', '}'),
      errors: [
        {
          messageId: 'vscodeGlobalAutoApprove', severity: 'high', line: 2, column: 36, key: '/chat/tools/global/autoApprove',
          message: 'The VS Code settings ~/.config/Code/User/settings.json set chat.tools.global.autoApprove to true, so the agent runs every tool, MCP tools and terminal commands included, without asking the user, in every workspace.',
        },
        { messageId: 'vscodeGlobalAutoApprove', severity: 'high', line: 3, column: 29, key: '/chat/tools/autoApprove' },
        {
          messageId: 'vscodeAllowAll', severity: 'high', line: 4, column: 31, key: '/chat/permissions/default',
          message: 'The VS Code settings ~/.config/Code/User/settings.json set chat.permissions.default to "autoApprove", so new chat sessions run every tool call, MCP tools included, without asking the user.',
        },
      ],
    },
    {
      name: 'Claude Code bypassPermissions',
      items: claude('{', '  "permissions": {', '    "defaultMode": "bypassPermissions"', '  }', '}'),
      errors: [{
        messageId: 'claudeBypassPermissions', severity: 'high', line: 3, column: 20, key: '/permissions/defaultMode',
        message: 'The Claude Code settings .claude/settings.json set permissions.defaultMode to "bypassPermissions", so Claude Code runs every tool, MCP tools and shell commands included, without asking the user.',
      }],
    },
  ],
});
