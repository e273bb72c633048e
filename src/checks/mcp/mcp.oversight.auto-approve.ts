/**
 * mcp.oversight.auto-approve (MCP-HO-01, mcp-formats §3.3 AUTH-014, §3.1 INV-003): tool calls keep a
 * human in the loop. The collector normalises Cline/Kiro autoApprove, Roo/Kilo alwaysAllow, Gemini
 * trust: true, Claude Code permissions.allow, Codex approval_mode = "approve" and Zed
 * tool_permissions `mcp:<server>:<tool>` allow rules into `server.autoApprove`.
 *
 * Each auto-approved tool is rated by what it can do, not by a verb somewhere in its name:
 * - it runs code or shell commands (its name says so: `browser_evaluate`, `execute_command`,
 *   `run_command`, `execute_sql`, `start_process`; or it belongs to a shell server such as
 *   desktop-commander and does not only read): high, whatever its annotations claim;
 * - else, when a tool snapshot of the server has the tool with annotations (MCP tools spec, whose
 *   defaults apply to hints left out; the snapshot is the reviewed one that mcp-tools.lock pins):
 *   `destructiveHint: true` high, even beside `readOnlyHint: true`; `readOnlyHint: true` reads (no
 *   finding); not declared non-destructive medium; non-destructive but `openWorldHint` medium;
 *   non-destructive and closed-world low;
 * - else by its name: a leading reading verb (`get_issue`, `read_file`) reads (no finding); a verb
 *   that changes state, sends or moves money (delete, write, send, transfer...) medium; anything
 *   else is unknown: one `not_observed` result per server listing them (what they do cannot be seen
 *   without their definitions, and a guess from a name was wrong more often than right on real
 *   configurations: bench/real-world-precision.mjs), so the server gets no pass either.
 * `all` (trust: true, a whole-server rule, Codex default_tools_approval_mode = "approve") and
 * wildcard entries: high, since they cover tools the server adds later.
 * Project-server pre-approval: Claude Code enableAllProjectMcpServers: true (high) and each server
 * named in enabledMcpjsonServers (medium in shared settings, low in settings.local.json, where
 * Claude Code records a user's own approval).
 *
 * Tool snapshots sharpen the rating but are not required: without one, names decide, and the check
 * is not_observed only when there is no MCP configuration at all.
 */
import type { McpServer } from '../../collectors/mcp-config/model.js';
import type { SnapshotTool } from '../../collectors/tool-snapshot/model.js';
import type { EvidenceItem } from '../../evidence/types.js';
import type { Severity } from '../../catalog/model.js';
import type { Check } from '../types.js';
import { fieldKey, settingKey, settingLocation } from './locate.js';
import { eachConfig } from './results.js';
import { listed } from '../../lib/listed.js';
import { identifierWords } from '../../lib/identifier-words.js';

/**
 * Verbs of tools that change state, send messages or move money (matched per word of the name).
 * `close` and `restart` are left out: on real servers they end or restart the tool's own session
 * (`browser_close`, `restart_json_repl`), which changes nothing outside it (SESSION_VERBS).
 */
const CONSEQUENTIAL = new Set([
  'delete', 'del', 'remove', 'rm', 'drop', 'destroy', 'purge', 'truncate', 'erase', 'wipe', 'kill', 'terminate', 'shutdown', 'reboot',
  'write', 'overwrite', 'edit', 'update', 'modify', 'patch', 'put', 'create', 'insert', 'upsert', 'set', 'move', 'mv', 'rename',
  'upload', 'push', 'merge', 'publish', 'deploy', 'rollback', 'send', 'post', 'reply', 'invite', 'share', 'transfer', 'pay',
  'charge', 'refund', 'withdraw', 'buy', 'purchase', 'trade', 'run', 'spawn',
  'install', 'uninstall', 'approve', 'revoke', 'grant', 'reset', 'apply', 'transact', 'sign', 'fork',
  'change', 'replace', 'commit', 'dismiss', 'click', 'type', 'fill', 'submit', 'press',
]);
/** Tool names that start with a reading verb (`get_commit`, `read_message`) only read, whatever noun follows. */
const READING = new Set(['get', 'list', 'read', 'search', 'find', 'query', 'describe', 'show', 'view', 'fetch', 'lookup', 'count', 'check', 'status', 'info', 'browse', 'inspect', 'explain', 'preview', 'diff', 'resolve', 'validate', 'analyze', 'analyse']);
/** Words that alone make a tool run code or commands (`browser_evaluate`, `shell_exec`, `bash`). */
const RUNS_CODE = new Set(['eval', 'evaluate', 'exec', 'execute', 'shell', 'bash', 'zsh', 'powershell', 'pwsh', 'terminal', 'repl', 'applescript', 'osascript']);
/** A verb of running followed by what it runs (`run_command`, `start_process`, `interact_with_process`, `run_code`, `call_aws`). */
const RUN_VERBS = new Set(['run', 'invoke', 'spawn', 'start', 'launch', 'interact', 'call']);
const RUNNABLE = new Set(['command', 'commands', 'cmd', 'script', 'scripts', 'code', 'snippet', 'sql', 'query', 'javascript', 'js', 'python', 'py', 'node', 'process', 'program', 'notebook', 'cell',
  // cloud CLIs run whatever command the agent composes (`call_aws` of the AWS API MCP server)
  'aws', 'gcloud', 'az', 'kubectl', 'cli']);
/** Words of a server's package or command that make it a shell server (desktop-commander, mcp-shell-server, iterm-mcp). */
const SHELL_SERVER = new Set(['shell', 'terminal', 'bash', 'zsh', 'powershell', 'pwsh', 'commander', 'iterm', 'ssh']);

/** Verbs that open, close or restart a session (`restart_json_repl`, `close_terminal`): nothing runs through them. */
const SESSION_VERBS = new Set(['open', 'close', 'restart', 'stop', 'clear', 'resize', 'new', 'create', 'list']);

function runsCode(words: string[]): boolean {
  if (words.length === 0 || READING.has(words[0]!) || SESSION_VERBS.has(words[0]!)) return false;
  if (words.some((w) => RUNS_CODE.has(w))) return true;
  const verb = words.findIndex((w) => RUN_VERBS.has(w));
  return verb >= 0 && words.slice(verb + 1).some((w) => RUNNABLE.has(w));
}

/** The server runs shell commands by design, judged from its command and package names (paths and flags left out). */
function isShellServer(server: McpServer): boolean {
  const names = [server.command ?? '', ...server.args].filter((a) => !/^[-/~.]|=|^[A-Za-z]:\\/.test(a));
  return names.some((name) => identifierWords(name.split('/').pop() ?? name).some((w) => SHELL_SERVER.has(w)));
}

function bareName(entry: string, server: McpServer): string {
  const prefix = `mcp__${server.name}__`;
  return entry.startsWith(prefix) ? entry.slice(prefix.length) : entry;
}

function isWildcard(entry: string, server: McpServer): boolean {
  return entry.includes('*') || entry === `mcp__${server.name}` || entry.toLowerCase() === 'all';
}

type Rating =
  | { kind: 'executes'; reason: string }
  | { kind: 'annotated'; severity: Severity; declares: string; snapshot: string }
  | { kind: 'consequential' }
  | { kind: 'reads' }
  | { kind: 'unknown' };

interface SnapshotEntry { tool: SnapshotTool; path: string }

/** What the annotations say, with the MCP defaults for hints left out (destructive and open-world unless declared otherwise). */
function fromAnnotations(annotations: Record<string, unknown>, snapshot: string): Rating {
  // Hints are the server's own claims: one that contradicts itself is taken at its worse.
  if (annotations.destructiveHint === true) return { kind: 'annotated', severity: 'high', declares: 'declares destructive (destructiveHint: true)', snapshot };
  if (annotations.readOnlyHint === true) return { kind: 'reads' };
  if (annotations.destructiveHint !== false) return { kind: 'annotated', severity: 'medium', declares: 'declares as changing data without declaring it non-destructive', snapshot };
  if (annotations.openWorldHint !== false) return { kind: 'annotated', severity: 'medium', declares: 'declares non-destructive but reaching outside systems (openWorldHint)', snapshot };
  return { kind: 'annotated', severity: 'low', declares: 'declares non-destructive and closed-world', snapshot };
}

function rateTool(name: string, server: McpServer, snapshot: SnapshotEntry | undefined): Rating {
  const words = identifierWords(name);
  if (runsCode(words)) return { kind: 'executes', reason: 'runs code or commands that the agent writes' };
  const readsByName = words.length > 0 && READING.has(words[0]!);
  // Before annotations: a shell server's own readOnlyHint does not make its commands read-only.
  if (isShellServer(server) && !readsByName) return { kind: 'executes', reason: 'belongs to a server that runs shell commands' };
  const annotations = snapshot?.tool.annotations;
  const rated = annotations && Object.keys(annotations).some((k) => k.endsWith('Hint')) ? fromAnnotations(annotations, snapshot.path) : undefined;
  if (rated) return rated;
  if (readsByName) return { kind: 'reads' };
  return words.some((w) => CONSEQUENTIAL.has(w)) ? { kind: 'consequential' } : { kind: 'unknown' };
}

/** server name -> tool name -> the first snapshot that has it. */
function snapshotIndex(items: Array<EvidenceItem<'tool-snapshot'>>): Map<string, Map<string, SnapshotEntry>> {
  const index = new Map<string, Map<string, SnapshotEntry>>();
  for (const item of items) {
    const tools = index.get(item.data.server) ?? new Map<string, SnapshotEntry>();
    for (const tool of item.data.tools) if (!tools.has(tool.name)) tools.set(tool.name, { tool, path: item.data.path });
    index.set(item.data.server, tools);
  }
  return index;
}

export const check: Check = {
  meta: {
    id: 'mcp.oversight.auto-approve',
    title: 'Consequential MCP tool calls need human approval',
    severity: 'high',
    evidence: ['mcp-config', 'tool-snapshot'],
    messages: {
      allTools: 'Server "{{server}}"{{state}} in the {{client}} configuration runs every one of its tools without asking the user (auto-approve all, trust, or a whole-server allow rule), so the agent can take consequential actions with no human check.',
      wildcard: 'Server "{{server}}"{{state}} in the {{client}} configuration auto-approves the wildcard "{{entry}}", so tools matching it, including any the server adds later, run without asking the user.',
      executesCode: 'Server "{{server}}"{{state}} in the {{client}} configuration auto-approves the tool "{{tool}}", which {{reason}}: whatever the agent composes runs without a per-call human confirmation.',
      annotatedTool: 'Server "{{server}}"{{state}} in the {{client}} configuration auto-approves the tool "{{tool}}", which the tool snapshot {{snapshot}} {{declares}}, so it runs without a per-call human confirmation.',
      consequentialTool: 'Server "{{server}}"{{state}} in the {{client}} configuration auto-approves the tool "{{tool}}", whose name says it changes data, sends messages or moves money, so it runs without a per-call human confirmation.',
      otherTools: 'Server "{{server}}"{{state}} in the {{client}} configuration auto-approves these tools without asking the user: {{tools}}. Neither a tool snapshot nor their names say what they do, so whether they need a human check cannot be decided here: capture the server\'s tools/list (a tool snapshot with its annotations) to rate them.',
      enableAllProjectServers: 'The {{client}} settings {{path}} set enableAllProjectMcpServers to true, so every MCP server that a repository\'s .mcp.json declares starts without per-server approval.',
      projectServerPreapproved: 'The {{client}} settings {{path}} list "{{name}}" in enabledMcpjsonServers, so the MCP server of that name that the repository\'s .mcp.json declares starts without asking each user who opens it.',
      projectServerApprovedLocally: 'The {{client}} local settings {{path}} record "{{name}}" in enabledMcpjsonServers: this user approved the repository\'s .mcp.json server of that name, which now starts without asking again.',
      readOnlyTools: 'Server "{{server}}"{{state}} in the {{client}} configuration auto-approves only tools that read: {{tools}}.',
      noAutoApprove: 'Server "{{server}}"{{state}} in the {{client}} configuration auto-approves no tools: every call asks the user.',
      nothingAutoApproved: 'The {{client}} configuration {{path}} auto-approves no MCP server or tool.',
    },
    remediation: 'Remove wildcard and whole-server entries (replace "autoApprove": ["*"] or "mcp__github" with individually listed read-only tools, set "trust": false in Gemini CLI), never auto-approve tools that run code or shell commands, keep consequential tools on per-call confirmation, set enableAllProjectMcpServers to false, and enforce the rules through managed settings.',
  },
  run(context) {
    const snapshots = snapshotIndex(context.evidence('tool-snapshot'));
    return eachConfig(context, (results) => {
      const file = results.file;
      if (file.settings.enableAllProjectMcpServers === true) {
        results.failFile({
          messageId: 'enableAllProjectServers', severity: 'high', key: settingKey('enableAllProjectMcpServers'),
          location: settingLocation(file, 'enableAllProjectMcpServers'),
        });
      }
      const local = /(?:^|\/)settings\.local\.json$/.test(file.path);
      for (const { name, at } of file.settings.enabledMcpjsonServers ?? []) {
        results.failFile({
          messageId: local ? 'projectServerApprovedLocally' : 'projectServerPreapproved', severity: local ? 'low' : 'medium',
          key: `${settingKey('enabledMcpjsonServers')}[${name}]`, location: { path: file.path, line: at.line, column: at.column }, data: { name },
        });
      }
      const reading = new Map<McpServer, string[]>();
      for (const server of file.servers) {
        results.evaluate(server);
        const approve = server.autoApprove;
        if (approve === undefined) continue;
        if (approve === 'all') {
          results.fail(server, { messageId: 'allTools', severity: 'high', field: 'autoApprove', key: fieldKey(server, 'autoApprove') });
          continue;
        }
        const tools = snapshots.get(server.name);
        const others: string[] = [];
        const reads: string[] = [];
        approve.forEach((entry, index) => {
          const field = `autoApprove/${index}`;
          const key = `${fieldKey(server, 'autoApprove')}[${entry}]`;
          if (isWildcard(entry, server)) {
            results.fail(server, { messageId: 'wildcard', severity: 'high', field, key, data: { entry } });
            return;
          }
          const name = bareName(entry, server);
          const rating = rateTool(name, server, tools?.get(name));
          switch (rating.kind) {
            case 'executes': results.fail(server, { messageId: 'executesCode', severity: 'high', field, key, data: { tool: entry, reason: rating.reason } }); break;
            case 'annotated': results.fail(server, { messageId: 'annotatedTool', severity: rating.severity, field, key, data: { tool: entry, declares: rating.declares, snapshot: rating.snapshot } }); break;
            case 'consequential': results.fail(server, { messageId: 'consequentialTool', severity: 'medium', field, key, data: { tool: entry } }); break;
            case 'reads': reads.push(entry); break;
            case 'unknown': others.push(entry); break;
          }
        });
        if (others.length > 0) {
          results.notObserved(server, { messageId: 'otherTools', field: 'autoApprove', key: fieldKey(server, 'autoApprove'), data: { count: others.length, tools: listed(others, 5) } });
        }
        if (reads.length > 0) reading.set(server, reads);
      }
      return results.finish((server) => {
        const reads = reading.get(server);
        return reads ? { messageId: 'readOnlyTools', data: { tools: listed(reads, 5) } } : { messageId: 'noAutoApprove' };
      }, 'nothingAutoApproved');
    });
  },
};
