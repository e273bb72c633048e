/** Real servers on 127.0.0.1 for the probe tests: MCP servers built with the SDK, a tiny OAuth authorization server, misbehaving HTTP servers. Every request they receive is counted. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface TestServer {
  origin: string;
  /** `METHOD /path` of every request received, in order. */
  hits: string[];
  close(): Promise<void>;
}

export async function startServer(handler: (req: http.IncomingMessage, res: http.ServerResponse, origin: string) => void | Promise<void>): Promise<TestServer> {
  const hits: string[] = [];
  let origin = '';
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    void handler(req, res, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin, hits,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A stateless MCP server at /mcp answering with JSON; with `allowedOrigins`, the SDK's DNS rebinding protection refuses others. */
export async function mcpHandler(req: http.IncomingMessage, res: http.ServerResponse, options: { allowedOrigins?: string[]; instructions?: string } = {}): Promise<void> {
  const server = new McpServer({ name: 'test-server', version: '1.2.3' }, options.instructions ? { instructions: options.instructions } : {});
  server.registerTool('echo', { description: 'Echoes' }, async () => ({ content: [{ type: 'text', text: 'never called' }] }));
  server.registerPrompt('greet', { description: 'Greets' }, () => ({ messages: [] }));
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined, enableJsonResponse: true,
    ...(options.allowedOrigins ? { enableDnsRebindingProtection: true, allowedOrigins: options.allowedOrigins } : {}),
  });
  res.on('close', () => { void transport.close(); void server.close(); });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * An MCP server on the deprecated HTTP+SSE transport only: GET /sse opens the stream, POST /messages
 * carries the client's messages; a POST to /sse is refused with 405, as such servers do.
 */
export function sseOnlyHandler(): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> {
  const sessions = new Map<string, SSEServerTransport>();
  return async (req, res) => {
    if (req.method === 'GET' && req.url === '/sse') {
      const server = new McpServer({ name: 'legacy-server', version: '0.9.0' });
      const transport = new SSEServerTransport('/messages', res);
      sessions.set(transport.sessionId, transport);
      res.on('close', () => { sessions.delete(transport.sessionId); void server.close(); });
      await server.connect(transport);
    } else if (req.method === 'POST' && req.url?.startsWith('/messages')) {
      const transport = sessions.get(new URL(req.url, 'http://x').searchParams.get('sessionId') ?? '');
      if (transport) await transport.handlePostMessage(req, res);
      else json(res, 404, {});
    } else json(res, 405, {});
  };
}
