import { check } from '../../../src/checks/mcp/mcp.oversight.auto-approve.js';
import { checkTable } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    { name: 'nothing auto-approved', config: { client: 'cline', servers: [{ name: 'gh', command: 'npx', args: ['pkg@1.0.0'] }] }, passes: ['noAutoApprove'] },
    { name: 'an empty list', config: { client: 'cline', servers: [{ name: 'gh', command: 'npx', autoApprove: [] }] }, passes: ['noAutoApprove'] },
    { name: 'settings without auto-approval', config: { client: 'claude-code', path: '.claude/settings.json', servers: [], settings: { enableAllProjectMcpServers: false } }, empty: ['nothingAutoApproved'] },
  ],
  invalid: [
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
      name: 'consequential tools one by one, the rest together',
      config: { client: 'roo', servers: [{ name: 'gh', command: 'npx', autoApprove: ['get_issue', 'list_repos', 'create_issue', 'delete_file', 'read_message', 'send_message', 'deleteRepository'] }] },
      errors: [
        { messageId: 'consequentialTool', severity: 'medium', line: 8, column: 9, key: '/mcpServers/gh/autoApprove[create_issue]' },
        { messageId: 'consequentialTool', severity: 'medium', line: 9, column: 9, key: '/mcpServers/gh/autoApprove[delete_file]' },
        { messageId: 'consequentialTool', severity: 'medium', line: 11, column: 9, key: '/mcpServers/gh/autoApprove[send_message]' },
        { messageId: 'consequentialTool', severity: 'medium', line: 12, column: 9, key: '/mcpServers/gh/autoApprove[deleteRepository]' },
        {
          messageId: 'otherTools', severity: 'low', line: 5, column: 22, key: '/mcpServers/gh/autoApprove', data: { count: 3 },
          message: 'Server "gh" in the Roo Code configuration auto-approves these tools without asking the user: get_issue, list_repos, read_message. Confirm that each only reads; annotations from the server itself are not proof.',
        },
      ],
    },
    {
      name: 'Claude Code permissions: whole server, wildcard, and a named read tool',
      config: { client: 'claude-code', servers: [{ name: 'github', command: 'npx', autoApprove: ['mcp__github', 'mcp__github__*', 'mcp__github__get_issue'] }] },
      errors: [
        { messageId: 'wildcard', severity: 'high', line: 6, column: 9, key: '/mcpServers/github/autoApprove[mcp__github]' },
        { messageId: 'wildcard', severity: 'high', line: 7, column: 9, key: '/mcpServers/github/autoApprove[mcp__github__*]' },
        { messageId: 'otherTools', severity: 'low', line: 5, column: 22, key: '/mcpServers/github/autoApprove', data: { tools: 'mcp__github__get_issue' } },
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
