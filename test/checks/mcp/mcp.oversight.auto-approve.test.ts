/**
 * mcp.oversight.auto-approve: auto-approved tools rated by what they can do (tool snapshot
 * annotations, else what the tool runs, else its name), with real tool names of well-known servers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../src/checks/mcp/mcp.oversight.auto-approve.js';
import { parseClaudeSettings } from '../../../src/collectors/mcp-config/parse-claude-code.js';
import { parseJsonDoc } from '../../../src/collectors/mcp-config/source-doc.js';
import type { EvidenceItem } from '../../../src/evidence/types.js';
import { configItem } from '../../helpers/mcp-evidence.js';
import { runChecks } from '../../../src/engine/run-checks.js';
import { NOW, checkTable, renderMessage, runCheck } from '../../helpers/run-check.js';
import { snapshotItem } from '../../helpers/tool-evidence.js';

/** Claude Code settings parsed by the real parser, so positions are those a user sees. */
function claudeSettings(path: string, text: string): EvidenceItem[] {
  const doc = parseJsonDoc(text);
  assert.ok(doc.ok);
  const result = parseClaudeSettings({ doc: doc.doc, path, client: 'claude-code', scope: 'project' });
  assert.ok(result.ok);
  return [configItem(result.file)];
}

/** A tool snapshot of `server`: tool name -> annotations (none when null). */
function snapshot(server: string, tools: Record<string, Record<string, boolean> | null>): EvidenceItem {
  return snapshotItem({
    server,
    tools: Object.entries(tools).map(([name, annotations]) => ({ name, description: `The ${name} tool.`, ...(annotations ? { annotations } : {}) })),
  }, `mcp-tools/${server}.tools.json`);
}

checkTable(check, {
  valid: [
    { name: 'nothing auto-approved', config: { client: 'cline', servers: [{ name: 'gh', command: 'npx', args: ['pkg@1.0.0'] }] }, passes: ['noAutoApprove'] },
    { name: 'an empty list', config: { client: 'cline', servers: [{ name: 'gh', command: 'npx', autoApprove: [] }] }, passes: ['noAutoApprove'] },
    { name: 'settings without auto-approval', config: { client: 'claude-code', path: '.claude/settings.json', servers: [], settings: { enableAllProjectMcpServers: false } }, empty: ['nothingAutoApproved'] },
    {
      name: 'tools that read by their names (GitHub, filesystem, Claude Code rules) are not findings',
      config: { client: 'claude-code', servers: [{ name: 'github', command: 'npx', autoApprove: ['mcp__github__get_file_contents', 'mcp__github__list_issues', 'mcp__github__search_code'] }] },
      passes: ['readOnlyTools'],
    },
    {
      name: 'opening, closing or restarting a session runs nothing (restart_json_repl, close_terminal): not rated by the REPL or terminal they name',
      config: { client: 'cline', servers: [{ name: 'repl', command: 'uvx', args: ['json-repl-mcp==0.3.0'], autoApprove: ['restart_json_repl', 'close_terminal'] }] },
      passes: [], unseen: ['otherTools'],
    },
    {
      name: 'tools a snapshot declares read-only pass even when a verb in the name says otherwise (browser_close, run_report)',
      config: { client: 'cline', servers: [{ name: 'playwright', command: 'npx', args: ['@playwright/mcp@0.0.41'], autoApprove: ['browser_close', 'browser_snapshot'] }, { name: 'analytics', command: 'pipx', args: ['run', 'analytics-mcp'], autoApprove: ['run_report'] }] },
      items: [snapshot('playwright', { browser_close: { readOnlyHint: true }, browser_snapshot: { readOnlyHint: true } }), snapshot('analytics', { run_report: { readOnlyHint: true } })],
      passes: ['readOnlyTools', 'readOnlyTools'],
    },
  ],
  invalid: [
    {
      name: 'hints that contradict themselves are taken at their worse; a shell server\'s readOnlyHint does not lower its commands',
      config: {
        client: 'kiro',
        servers: [
          { name: 'bank', command: 'npx', args: ['bank-mcp@1.0.0'], autoApprove: ['transfer_funds'] },
          { name: 'desktop-commander', command: 'npx', args: ['@wonderwhy-er/desktop-commander@0.2.3'], autoApprove: ['write_file'] },
        ],
      },
      items: [
        snapshot('bank', { transfer_funds: { readOnlyHint: true, destructiveHint: true } }),
        snapshot('desktop-commander', { write_file: { readOnlyHint: true } }),
      ],
      errors: [
        { messageId: 'annotatedTool', severity: 'high', line: 9, column: 9, key: '/mcpServers/bank/autoApprove[transfer_funds]', data: { declares: 'declares destructive (destructiveHint: true)' } },
        { messageId: 'executesCode', severity: 'high', line: 18, column: 9, key: '/mcpServers/desktop-commander/autoApprove[write_file]', data: { reason: 'belongs to a server that runs shell commands' } },
      ],
    },
    {
      name: 'wildcard (Cline autoApprove ["*"])',
      config: { client: 'cline', servers: [{ name: 'os', command: 'uvx', autoApprove: ['*'] }] },
      errors: [{
        messageId: 'wildcard', severity: 'high', line: 6, column: 9, key: '/mcpServers/os/autoApprove[*]',
        message: 'Server "os" in the Cline configuration auto-approves the wildcard "*", so tools matching it, including any the server adds later, run without asking the user.',
      }],
    },
    {
      name: 'all tools (Gemini trust: true)',
      config: { client: 'gemini-cli', path: '.gemini/settings.json', servers: [{ name: 'g', command: 'npx', autoApprove: 'all' }] },
      errors: [{ messageId: 'allTools', severity: 'high', line: 5, column: 22, key: '/mcpServers/g/autoApprove' }],
    },
    {
      name: 'consequential tools one by one by name, reading tools not at all, unknown ones together and not observed',
      config: { client: 'roo', servers: [{ name: 'gh', command: 'npx', autoApprove: ['get_issue', 'directory_tree', 'create_issue', 'delete_file', 'read_message', 'send_message', 'deleteRepository', 'sequentialthinking'] }] },
      errors: [
        {
          messageId: 'consequentialTool', severity: 'medium', line: 8, column: 9, key: '/mcpServers/gh/autoApprove[create_issue]',
          message: 'Server "gh" in the Roo Code configuration auto-approves the tool "create_issue", whose name says it changes data, sends messages or moves money, so it runs without a per-call human confirmation.',
        },
        { messageId: 'consequentialTool', severity: 'medium', line: 9, column: 9, key: '/mcpServers/gh/autoApprove[delete_file]' },
        { messageId: 'consequentialTool', severity: 'medium', line: 11, column: 9, key: '/mcpServers/gh/autoApprove[send_message]' },
        { messageId: 'consequentialTool', severity: 'medium', line: 12, column: 9, key: '/mcpServers/gh/autoApprove[deleteRepository]' },
      ],
      unseen: ['otherTools'],
    },
    {
      name: 'Claude Code permissions: whole server and wildcard; a named read tool is no finding',
      config: { client: 'claude-code', servers: [{ name: 'github', command: 'npx', autoApprove: ['mcp__github', 'mcp__github__*', 'mcp__github__get_issue'] }] },
      errors: [
        { messageId: 'wildcard', severity: 'high', line: 6, column: 9, key: '/mcpServers/github/autoApprove[mcp__github]' },
        { messageId: 'wildcard', severity: 'high', line: 7, column: 9, key: '/mcpServers/github/autoApprove[mcp__github__*]' },
      ],
    },
    {
      name: 'real tools that run code or commands are high, without a snapshot (Playwright, desktop-commander, Supabase, Chrome DevTools)',
      config: {
        client: 'cline',
        servers: [
          { name: 'playwright', command: 'npx', args: ['@playwright/mcp@0.0.41'], autoApprove: ['browser_evaluate', 'browser_run_code', 'browser_snapshot'] },
          { name: 'desktop-commander', command: 'npx', args: ['-y', '@wonderwhy-er/desktop-commander@0.2.3'], autoApprove: ['execute_command', 'start_process', 'interact_with_process', 'write_file', 'read_file', 'list_directory'] },
          { name: 'supabase', command: 'npx', args: ['-y', '@supabase/mcp-server-supabase@0.5.5'], autoApprove: ['execute_sql', 'list_tables'] },
          { name: 'chrome-devtools', command: 'npx', args: ['chrome-devtools-mcp@0.6.0'], autoApprove: ['evaluate_script', 'take_screenshot'] },
        ],
      },
      errors: [
        {
          messageId: 'executesCode', severity: 'high', line: 9, column: 9, key: '/mcpServers/playwright/autoApprove[browser_evaluate]',
          message: 'Server "playwright" in the Cline configuration auto-approves the tool "browser_evaluate", which runs code or commands that the agent writes: whatever the agent composes runs without a per-call human confirmation.',
        },
        { messageId: 'executesCode', severity: 'high', line: 10, column: 9, key: '/mcpServers/playwright/autoApprove[browser_run_code]' },
        { messageId: 'executesCode', severity: 'high', line: 21, column: 9, key: '/mcpServers/desktop-commander/autoApprove[execute_command]' },
        { messageId: 'executesCode', severity: 'high', line: 22, column: 9, key: '/mcpServers/desktop-commander/autoApprove[start_process]' },
        { messageId: 'executesCode', severity: 'high', line: 23, column: 9, key: '/mcpServers/desktop-commander/autoApprove[interact_with_process]' },
        {
          messageId: 'executesCode', severity: 'high', line: 24, column: 9, key: '/mcpServers/desktop-commander/autoApprove[write_file]',
          message: 'Server "desktop-commander" in the Cline configuration auto-approves the tool "write_file", which belongs to a server that runs shell commands: whatever the agent composes runs without a per-call human confirmation.',
        },
        { messageId: 'executesCode', severity: 'high', line: 36, column: 9, key: '/mcpServers/supabase/autoApprove[execute_sql]' },
        { messageId: 'executesCode', severity: 'high', line: 46, column: 9, key: '/mcpServers/chrome-devtools/autoApprove[evaluate_script]' },
      ],
      unseen: ['otherTools', 'otherTools'],
    },
    {
      name: 'with a snapshot, annotations decide (MCP defaults for hints left out); running code stays high whatever they claim',
      config: {
        client: 'cline',
        servers: [
          { name: 'playwright', command: 'npx', args: ['@playwright/mcp@0.0.41'], autoApprove: ['browser_evaluate', 'browser_click', 'browser_type', 'browser_close'] },
          { name: 'slack', command: 'npx', args: ['@modelcontextprotocol/server-slack@2025.4.25'], autoApprove: ['slack_post_message', 'slack_add_reaction'] },
          { name: 'notes', command: 'uvx', args: ['notes-mcp==1.2.0'], autoApprove: ['add_note', 'archive_note'] },
        ],
      },
      items: [
        snapshot('playwright', {
          browser_evaluate: { readOnlyHint: true },
          browser_click: { readOnlyHint: false, destructiveHint: true, openWorldHint: true },
          browser_type: { readOnlyHint: false },
          browser_close: { readOnlyHint: true },
        }),
        snapshot('slack', { slack_post_message: { readOnlyHint: false, destructiveHint: false, openWorldHint: true }, slack_add_reaction: null }),
        snapshot('notes', { add_note: { destructiveHint: false, openWorldHint: false } }),
      ],
      errors: [
        { messageId: 'executesCode', severity: 'high', line: 9, column: 9, key: '/mcpServers/playwright/autoApprove[browser_evaluate]' },
        {
          messageId: 'annotatedTool', severity: 'high', line: 10, column: 9, key: '/mcpServers/playwright/autoApprove[browser_click]',
          message: 'Server "playwright" in the Cline configuration auto-approves the tool "browser_click", which the tool snapshot mcp-tools/playwright.tools.json declares destructive (destructiveHint: true), so it runs without a per-call human confirmation.',
        },
        {
          messageId: 'annotatedTool', severity: 'medium', line: 11, column: 9, key: '/mcpServers/playwright/autoApprove[browser_type]',
          data: { declares: 'declares as changing data without declaring it non-destructive' },
        },
        {
          messageId: 'annotatedTool', severity: 'medium', line: 21, column: 9, key: '/mcpServers/slack/autoApprove[slack_post_message]',
          data: { declares: 'declares non-destructive but reaching outside systems (openWorldHint)' },
        },
        {
          messageId: 'annotatedTool', severity: 'low', line: 31, column: 9, key: '/mcpServers/notes/autoApprove[add_note]',
          data: { declares: 'declares non-destructive and closed-world' },
        },
      ],
      unseen: ['otherTools', 'otherTools'],
    },
    {
      name: 'enabledMcpjsonServers: shared settings pre-approve for everyone (medium), local settings record one user\'s approval (low)',
      items: [
        ...claudeSettings('.claude/settings.json', '{\n  "enabledMcpjsonServers": ["github", "shell"]\n}'),
        ...claudeSettings('.claude/settings.local.json', '{\n  "enabledMcpjsonServers": ["github"]\n}'),
      ],
      errors: [
        {
          messageId: 'projectServerPreapproved', severity: 'medium', line: 2, column: 29, key: '/enabledMcpjsonServers[github]',
          message: 'The Claude Code settings .claude/settings.json list "github" in enabledMcpjsonServers, so the MCP server of that name that the repository\'s .mcp.json declares starts without asking each user who opens it.',
        },
        { messageId: 'projectServerPreapproved', severity: 'medium', line: 2, column: 39, key: '/enabledMcpjsonServers[shell]' },
        {
          messageId: 'projectServerApprovedLocally', severity: 'low', line: 2, column: 29, key: '/enabledMcpjsonServers[github]',
          message: 'The Claude Code local settings .claude/settings.local.json record "github" in enabledMcpjsonServers: this user approved the repository\'s .mcp.json server of that name, which now starts without asking again.',
        },
      ],
    },
    {
      name: 'enableAllProjectMcpServers',
      config: { client: 'claude-code', path: '.claude/settings.json', servers: [], settings: { enableAllProjectMcpServers: true } },
      errors: [{
        messageId: 'enableAllProjectServers', severity: 'high', line: 3, column: 33, key: '/enableAllProjectMcpServers',
        message: 'The Claude Code settings .claude/settings.json set enableAllProjectMcpServers to true, so every MCP server that a repository\'s .mcp.json declares starts without per-server approval.',
      }],
    },
    {
      name: 'disabled server',
      config: { client: 'kiro', servers: [{ name: 'k', command: 'npx', autoApprove: 'all', disabled: true }] },
      errors: [{ messageId: 'allTools', severity: 'high', line: 6, column: 22, key: '/mcpServers/k/autoApprove', data: { state: ' (disabled, but it can be re-enabled)' } }],
    },
  ],
});

describe('mcp.oversight.auto-approve: evidence kinds', () => {
  it('is decided from configurations alone when no tool snapshot was collected (not not_observed)', () => {
    const config = configItem({ client: 'cline', servers: [{ name: 'pw', command: 'npx', autoApprove: ['browser_evaluate'] }] });
    const [evaluated] = runChecks([check], [config], { now: NOW }, new Set());
    assert.equal(evaluated!.status, 'fail');
    assert.deepEqual(evaluated!.results.map((r) => [r.messageId, r.severity]), [['executesCode', 'high']]);
  });

  it('tools that neither a snapshot nor a name rates are one not_observed result at the list, and the server gets no pass', () => {
    const config = configItem({ client: 'roo', servers: [{ name: 'gh', command: 'npx', autoApprove: ['get_issue', 'directory_tree', 'sequentialthinking'] }] });
    const results = runCheck(check, [config]);
    assert.deepEqual(results.map((r) => [r.status, r.messageId, r.severity, r.location.line, r.location.column, r.key]), [
      ['not_observed', 'otherTools', undefined, 5, 22, '/mcpServers/gh/autoApprove'],
    ]);
    assert.equal(renderMessage(check, results[0]!), 'Server "gh" in the Roo Code configuration auto-approves these tools without asking the user: directory_tree, sequentialthinking. Neither a tool snapshot nor their names say what they do, so whether they need a human check cannot be decided here: capture the server\'s tools/list (a tool snapshot with its annotations) to rate them.');
  });

  it('is not_observed with tool snapshots but no configuration', () => {
    const [evaluated] = runChecks([check], [snapshot('pw', { browser_evaluate: null })], { now: NOW }, new Set());
    assert.equal(evaluated!.status, 'not_observed');
  });
});
