import { check } from '../../../src/checks/mcp/mcp.transport.deprecated-sse.js';
import { checkTable } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    { name: 'streamable HTTP', config: { client: 'claude-code', path: '.mcp.json', servers: [{ name: 'ctx7', type: 'http', url: 'https://mcp.context7.com/mcp' }] }, passes: ['currentTransport'] },
    { name: 'mcp-remote with the default strategy to /mcp', config: { servers: [{ name: 'r', command: 'npx', args: ['mcp-remote@0.1.16', 'https://h.example/mcp', '--transport', 'http-first'] }] } },
    { name: 'gateway on streaming', config: { servers: [{ name: 'gw', command: 'docker', args: ['mcp', 'gateway', 'run', '--transport', 'streaming'] }] } },
    { name: 'a path that merely contains sse', config: { servers: [{ name: 'p', url: 'https://h.example/sse-events/mcp' }] } },
    { name: 'stdio only', config: { servers: [{ name: 'fs', command: 'uvx', args: ['srv==1.0.0'] }] }, empty: ['noRemoteServers'] },
  ],
  invalid: [
    {
      name: 'declared type sse',
      config: { client: 'claude-code', path: '.mcp.json', servers: [{ name: 'legacy', type: 'sse', url: 'https://h.example/events' }] },
      errors: [{
        messageId: 'sseTransport', severity: 'low', line: 4, column: 15, key: '/mcpServers/legacy/type',
        message: 'Server "legacy" in the Claude Code configuration uses the deprecated HTTP+SSE transport to https://h.example/events; it carries the session id in the URL query, where access and proxy logs record it.',
      }],
    },
    {
      name: 'a client transport normalised to sse without a type field (Gemini url)',
      config: { client: 'gemini-cli', path: '.gemini/settings.json', servers: [{ name: 'g', url: 'https://h.example/stream', transport: 'sse' }] },
      errors: [{ messageId: 'sseTransport', severity: 'low', line: 4, column: 14, key: '/mcpServers/g/type' }],
    },
    {
      name: 'an /sse endpoint',
      config: { servers: [{ name: 'u', type: 'http', url: 'https://h.example/sse', disabled: true }] },
      errors: [{ messageId: 'sseEndpoint', severity: 'low', line: 5, column: 14, key: '/mcpServers/u/url', data: { state: ' (disabled, but it can be re-enabled)' } }],
    },
    {
      name: 'mcp-remote told to use SSE',
      config: { servers: [{ name: 'r', command: 'npx', args: ['-y', 'mcp-remote@0.1.16', 'https://h.example/mcp', '--transport', 'sse-only'] }] },
      errors: [{ messageId: 'bridgeSse', severity: 'low', line: 10, column: 9, key: '/mcpServers/r/args[--transport]', data: { setting: '--transport sse-only', bridge: 'mcp-remote' } }],
    },
    {
      name: 'mcp-remote to an /sse endpoint',
      config: { servers: [{ name: 'r', command: 'npx', args: ['mcp-remote@0.1.16', 'https://h.example/sse'] }] },
      errors: [{ messageId: 'sseEndpoint', severity: 'low', line: 7, column: 9, key: '/mcpServers/r/args[https://h.example/sse]' }],
    },
    {
      name: 'supergateway --sse',
      config: { servers: [{ name: 'sg', command: 'npx', args: ['-y', 'supergateway@3.0.0', '--sse', 'https://h.example/events'] }] },
      errors: [{ messageId: 'bridgeSse', severity: 'low', line: 9, column: 9, key: '/mcpServers/sg/args[--sse]' }],
    },
    {
      name: 'Docker MCP Gateway on sse',
      config: { servers: [{ name: 'gw', command: 'docker', args: ['mcp', 'gateway', 'run', '--transport', 'sse', '--port', '8080'] }] },
      errors: [{ messageId: 'gatewaySse', severity: 'low', line: 10, column: 9, key: '/mcpServers/gw/args[--transport]' }],
    },
  ],
});
