/**
 * mcp.oversight.approval-bypass (MCP-HO-01, mcp-formats §3.3 AUTH-014): the client's own approval
 * mode stays on. mcp.oversight.auto-approve judges which servers and tools are pre-approved; this
 * check judges client-wide settings that switch asking off for every tool at once, MCP tools
 * included. Each finding is at the setting's line (the collector records them in `settings.approval`).
 *
 * - Codex `approval_policy = "never"`, at the top level or in a `[profiles.<name>]` (a profile
 *   inherits what it does not set): with `sandbox_mode = "danger-full-access"` high, because Codex
 *   then also skips MCP tool approval (`is_full_access_mode` in codex-rs/core/src/mcp_tool_call.rs)
 *   and nothing confines commands; with `workspace-write` or the default sandbox medium; with
 *   `read-only` low (a non-interactive run that can only read, the usual CI set-up).
 * - Zed `agent.always_allow_tool_actions: true` (before v0.224), `agent.tool_permissions.default:
 *   "allow"` and `agent.tool_permissions.tools.terminal.default: "allow"` (zed docs/src/ai/tool-permissions.md):
 *   high. `session.trust_all_worktrees: true` (docs/src/worktree-trust.md): every opened project's
 *   MCP servers start without the Restricted Mode review: high.
 * - Claude Code `permissions.defaultMode: "bypassPermissions"` (every permission prompt skipped): high.
 * - VS Code `chat.tools.global.autoApprove` (older `chat.tools.autoApprove`) true, and
 *   `chat.permissions.default` "autoApprove" (Allow all) or "autopilot" (microsoft/vscode-docs
 *   docs/agents/run/approvals.md): high.
 *
 * A file that sets any of these settings to a value that keeps asking passes; a file that sets none
 * of them is no population (not_applicable): the client's defaults ask.
 */
import type { ApprovalSetting, McpConfigFile } from '../../collectors/mcp-config/model.js';
import type { Severity } from '../../catalog/model.js';
import type { Check, CheckResult } from '../types.js';
import { FILE_KEY, clientLabel } from './locate.js';

interface Bypass { messageId: string; severity: Severity; setting: ApprovalSetting; data?: Record<string, string> }

/** A `default_permissions` built-in profile as the sandbox mode it stands for; sandbox modes and named profiles as written. */
function sandboxOf(value: string): string {
  return { ':danger-full-access': 'danger-full-access', ':read-only': 'read-only', ':workspace': 'workspace-write' }[value] ?? value;
}

/** Codex layers: the top level, then each profile with what it inherits; one finding per layer whose effective policy is `never`. */
function codexBypasses(settings: ApprovalSetting[]): Bypass[] {
  const layers = new Map<string, { approval?: ApprovalSetting; sandbox?: ApprovalSetting }>();
  for (const setting of settings) {
    const m = /^(?:profiles\.(.+)\.)?(approval_policy|sandbox_mode|default_permissions)$/.exec(setting.setting);
    if (!m) continue;
    const layer = layers.get(m[1] ?? '') ?? {};
    if (m[2] === 'approval_policy') layer.approval = setting;
    else if (m[2] === 'sandbox_mode' || !layer.sandbox) layer.sandbox = setting;
    layers.set(m[1] ?? '', layer);
  }
  const top = layers.get('') ?? {};
  const bypasses: Bypass[] = [];
  for (const [profile, own] of layers) {
    const approval = own.approval ?? top.approval;
    const sandbox = own.sandbox ?? top.sandbox;
    if (approval?.value !== 'never') continue;
    const scope = profile === '' ? 'configuration' : `profile "${profile}"`;
    const setting = own.approval ?? own.sandbox!;
    const mode = typeof sandbox?.value === 'string' ? sandboxOf(sandbox.value) : undefined;
    const data = { scope, sandbox: sandbox ? `${sandbox.setting.split('.').pop()} = ${JSON.stringify(sandbox.value)}` : 'the default sandbox' };
    if (mode === 'danger-full-access') bypasses.push({ messageId: 'codexNoApprovalNoSandbox', severity: 'high', setting, data });
    else if (mode === 'read-only') bypasses.push({ messageId: 'codexNoApprovalReadOnly', severity: 'low', setting, data });
    else bypasses.push({ messageId: 'codexNoApproval', severity: 'medium', setting, data });
  }
  return bypasses;
}

/**
 * Zed, Claude Code and VS Code settings whose value alone switches asking off. `userOnly`: the client
 * reads the setting from user settings alone (VS Code registers chat.tools.global.autoApprove with
 * ConfigurationScope.APPLICATION_MACHINE, chat.contribution.ts), so in a workspace file it does nothing.
 */
const SWITCHES: Record<string, { values: Array<string | boolean>; messageId: string; userOnly?: true }> = {
  'agent.always_allow_tool_actions': { values: [true], messageId: 'zedAlwaysAllow' },
  'agent.tool_permissions.default': { values: ['allow'], messageId: 'zedDefaultAllow' },
  'agent.tool_permissions.tools.terminal.default': { values: ['allow'], messageId: 'zedTerminalAllow' },
  'session.trust_all_worktrees': { values: [true], messageId: 'zedTrustAllWorktrees' },
  'permissions.defaultMode': { values: ['bypassPermissions'], messageId: 'claudeBypassPermissions' },
  'chat.tools.global.autoApprove': { values: [true], messageId: 'vscodeGlobalAutoApprove', userOnly: true },
  'chat.tools.autoApprove': { values: [true], messageId: 'vscodeGlobalAutoApprove', userOnly: true },
  'chat.permissions.default': { values: ['autoApprove', 'autopilot'], messageId: 'vscodeAllowAll' },
};

/** VS Code's user settings (`Code/User/settings.json`, Insiders, VSCodium, Code - OSS), not a workspace's `.vscode/settings.json`. */
const VSCODE_USER_SETTINGS = /(?:^|\/)User\/settings\.json$/;

function bypassesOf(file: McpConfigFile, settings: ApprovalSetting[]): Bypass[] {
  if (file.client === 'codex') return codexBypasses(settings);
  return settings.flatMap((setting) => {
    const known = SWITCHES[setting.setting];
    return known?.values.includes(setting.value)
      ? [{ messageId: known.messageId, severity: 'high' as const, setting, data: { setting: setting.setting, value: String(setting.value) } }]
      : [];
  });
}

function asWritten(setting: ApprovalSetting): string {
  return `${setting.setting} = ${JSON.stringify(setting.value)}`;
}

export const check: Check = {
  meta: {
    id: 'mcp.oversight.approval-bypass',
    title: 'MCP clients keep asking before tools run',
    severity: 'high',
    evidence: ['mcp-config'],
    messages: {
      codexNoApprovalNoSandbox: 'The Codex {{scope}} in {{path}} sets approval_policy = "never" with {{sandbox}}, so Codex never asks before a shell command or an MCP tool call (it skips MCP tool approval entirely in this mode) and nothing confines them: a prompt injection acts with the user\'s full rights.',
      codexNoApproval: 'The Codex {{scope}} in {{path}} sets approval_policy = "never" with {{sandbox}}, so Codex runs shell commands without asking and never asks the user when the sandbox blocks one.',
      codexNoApprovalReadOnly: 'The Codex {{scope}} in {{path}} sets approval_policy = "never" with {{sandbox}}, a read-only sandbox: commands run without asking but can only read; MCP tools still ask as their annotations require.',
      zedAlwaysAllow: 'The Zed settings {{path}} set agent.always_allow_tool_actions to true, so the agent runs every tool action, MCP tools and terminal commands included, without asking the user.',
      zedDefaultAllow: 'The Zed settings {{path}} set agent.tool_permissions.default to "allow", so every tool without a rule of its own, MCP tools included, runs without asking the user.',
      zedTerminalAllow: 'The Zed settings {{path}} set agent.tool_permissions.tools.terminal.default to "allow", so the agent runs shell commands without asking the user unless an always_confirm or always_deny pattern matches.',
      zedTrustAllWorktrees: 'The Zed settings {{path}} set session.trust_all_worktrees to true, so the MCP servers that any opened project\'s .zed/settings.json declares start without the Restricted Mode review.',
      claudeBypassPermissions: 'The Claude Code settings {{path}} set permissions.defaultMode to "bypassPermissions", so Claude Code runs every tool, MCP tools and shell commands included, without asking the user.',
      vscodeGlobalAutoApprove: 'The VS Code settings {{path}} set {{setting}} to true, so the agent runs every tool, MCP tools and terminal commands included, without asking the user, in every workspace.',
      vscodeAllowAll: 'The VS Code settings {{path}} set chat.permissions.default to "{{value}}", so new chat sessions run every tool call, MCP tools included, without asking the user.',
      approvalKept: 'The {{client}} configuration {{path}} switches no approval prompt off (its settings: {{settings}}).',
      noApprovalSettings: 'The {{client}} configuration {{path}} sets no client-wide approval, sandbox or trust setting that takes effect in it (the client\'s other settings files decide).',
    },
    remediation: 'Keep the client\'s approval prompts on: in Codex use approval_policy = "on-request" or "untrusted" (and never with sandbox_mode = "danger-full-access" outside a disposable container), in Zed remove always_allow_tool_actions and set tool_permissions.default to "confirm" with patterns for specific safe commands, remove session.trust_all_worktrees, in Claude Code use a permission mode other than bypassPermissions and set disableBypassPermissionsMode in managed settings, and in VS Code leave chat.tools.global.autoApprove off (an organisation can disable it by policy) and keep chat.permissions.default at manual permissions.',
  },
  run(context) {
    return context.evidence('mcp-config').flatMap((item): CheckResult[] => {
      const file = item.data;
      const settings = (file.settings.approval ?? []).filter((s) => !(SWITCHES[s.setting]?.userOnly && !VSCODE_USER_SETTINGS.test(file.path)));
      const data = { client: clientLabel(file.client), path: file.path };
      if (settings.length === 0) {
        return [{ status: 'not_applicable', messageId: 'noApprovalSettings', data, location: { path: file.path }, evidenceId: item.id, key: FILE_KEY }];
      }
      const bypasses = bypassesOf(file, settings);
      if (bypasses.length === 0) {
        return [{ status: 'pass', messageId: 'approvalKept', data: { ...data, settings: settings.map(asWritten).join(', ') }, location: { path: file.path }, evidenceId: item.id, key: FILE_KEY }];
      }
      return bypasses.map((b) => ({
        status: 'fail', messageId: b.messageId, severity: b.severity, data: { ...data, ...b.data },
        location: { path: file.path, line: b.setting.at.line, column: b.setting.at.column }, evidenceId: item.id,
        key: `/${b.setting.setting.split('.').join('/')}`,
      }));
    });
  },
};
