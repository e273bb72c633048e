/**
 * mcp.oversight.auto-approve (MCP-HO-01, mcp-formats §3.3 AUTH-014, §3.1 INV-003): tool calls keep a
 * human in the loop. The collector normalises Cline/Kiro autoApprove, Roo/Kilo alwaysAllow, Gemini
 * trust: true and Claude Code permissions.allow into `server.autoApprove`.
 *
 * - `all` (trust: true, a whole-server mcp__<server> allow) or a wildcard entry: high;
 * - each auto-approved tool whose name sounds consequential (delete, write, send, exec, transfer...): medium;
 * - the remaining auto-approved tools, one finding per server: low;
 * - Claude Code enableAllProjectMcpServers: true (every server a repository ships starts without
 *   per-server approval): high.
 */
import type { McpServer } from '../../collectors/mcp-config/model.js';
import type { Check } from '../types.js';
import { fieldKey, settingKey, settingLocation } from './locate.js';
import { eachConfig } from './results.js';
import { listed } from '../../lib/listed.js';

/** Verbs of tools that change state, move money, send messages or run code (matched per word of the name). */
const CONSEQUENTIAL = new Set([
  'delete', 'del', 'remove', 'rm', 'drop', 'destroy', 'purge', 'truncate', 'erase', 'wipe', 'kill', 'terminate', 'shutdown', 'reboot',
  'write', 'overwrite', 'edit', 'update', 'modify', 'patch', 'put', 'create', 'insert', 'upsert', 'set', 'move', 'mv', 'rename',
  'upload', 'push', 'merge', 'publish', 'deploy', 'rollback', 'send', 'post', 'reply', 'invite', 'share', 'transfer', 'pay',
  'charge', 'refund', 'withdraw', 'buy', 'purchase', 'trade', 'exec', 'execute', 'run', 'shell', 'bash', 'eval', 'spawn',
  'install', 'uninstall', 'approve', 'revoke', 'grant', 'reset', 'restart', 'close', 'apply', 'transact', 'sign', 'fork',
]);
/** Tool names that start with a reading verb (`get_commit`, `read_message`) only read, whatever noun follows. */
const READING = new Set(['get', 'list', 'read', 'search', 'find', 'query', 'describe', 'show', 'view', 'fetch', 'lookup', 'count', 'check', 'status', 'info', 'browse', 'inspect', 'explain', 'preview', 'diff', 'resolve', 'validate', 'analyze', 'analyse']);

function isConsequential(words: string[]): boolean {
  if (words.length === 0 || READING.has(words[0]!)) return false;
  return words.some((w) => CONSEQUENTIAL.has(w));
}

function toolWords(tool: string, server: McpServer): string[] {
  const bare = tool.replace(new RegExp(`^mcp__${server.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}__`), '');
  return bare.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

function isWildcard(entry: string, server: McpServer): boolean {
  return entry.includes('*') || entry === `mcp__${server.name}` || entry.toLowerCase() === 'all';
}


export const check: Check = {
  meta: {
    id: 'mcp.oversight.auto-approve',
    title: 'Consequential MCP tool calls need human approval',
    severity: 'high',
    evidence: ['mcp-config'],
    messages: {
      allTools: 'Server "{{server}}"{{state}} in the {{client}} configuration runs every one of its tools without asking the user (auto-approve all, trust, or a whole-server allow rule), so the agent can take consequential actions with no human check.',
      wildcard: 'Server "{{server}}"{{state}} in the {{client}} configuration auto-approves the wildcard "{{entry}}", so tools matching it, including any the server adds later, run without asking the user.',
      consequentialTool: 'Server "{{server}}"{{state}} in the {{client}} configuration auto-approves the tool "{{tool}}", whose name suggests it changes data, sends messages, moves money or runs code, so it runs without a per-call human confirmation.',
      otherTools: 'Server "{{server}}"{{state}} in the {{client}} configuration auto-approves these tools without asking the user: {{tools}}. Confirm that each only reads; annotations from the server itself are not proof.',
      enableAllProjectServers: 'The {{client}} settings {{path}} set enableAllProjectMcpServers to true, so every MCP server that a repository\'s .mcp.json declares starts without per-server approval.',
      noAutoApprove: 'Server "{{server}}"{{state}} in the {{client}} configuration auto-approves no tools: every call asks the user.',
      nothingAutoApproved: 'The {{client}} configuration {{path}} auto-approves no MCP server or tool.',
    },
    remediation: 'Remove wildcard and whole-server entries (replace "autoApprove": ["*"] or "mcp__github" with individually listed read-only tools, set "trust": false in Gemini CLI), keep consequential tools on per-call confirmation, set enableAllProjectMcpServers to false, and enforce the rules through managed settings.',
  },
  run(context) {
    return eachConfig(context, (results) => {
      const file = results.file;
      if (file.settings.enableAllProjectMcpServers === true) {
        results.failFile({
          messageId: 'enableAllProjectServers', severity: 'high', key: settingKey('enableAllProjectMcpServers'),
          location: settingLocation(file, 'enableAllProjectMcpServers'),
        });
      }
      for (const server of file.servers) {
        results.evaluate(server);
        const approve = server.autoApprove;
        if (approve === undefined) continue;
        if (approve === 'all') {
          results.fail(server, { messageId: 'allTools', severity: 'high', field: 'autoApprove', key: fieldKey(server, 'autoApprove') });
          continue;
        }
        const others: string[] = [];
        approve.forEach((entry, index) => {
          const field = `autoApprove/${index}`;
          if (isWildcard(entry, server)) {
            results.fail(server, { messageId: 'wildcard', severity: 'high', field, key: `${fieldKey(server, 'autoApprove')}[${entry}]`, data: { entry } });
          } else if (isConsequential(toolWords(entry, server))) {
            results.fail(server, { messageId: 'consequentialTool', severity: 'medium', field, key: `${fieldKey(server, 'autoApprove')}[${entry}]`, data: { tool: entry } });
          } else {
            others.push(entry);
          }
        });
        if (others.length > 0) {
          results.fail(server, { messageId: 'otherTools', severity: 'low', field: 'autoApprove', key: fieldKey(server, 'autoApprove'), data: { count: others.length, tools: listed(others, 5) } });
        }
      }
      return results.finish('noAutoApprove', 'nothingAutoApproved');
    });
  },
};
