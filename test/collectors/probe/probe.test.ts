/**
 * The probe against real servers on 127.0.0.1 (SDK MCP servers, a tiny OAuth authorization server,
 * misbehaving HTTP servers): every observation asserted, and every request the servers received is
 * one the probe logged, so nothing but the probed endpoints was contacted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collectProbe } from '../../../src/collectors/probe/index.js';
import type { ProbeEndpointEvidence } from '../../../src/collectors/probe/model.js';
import type { ToolSnapshotFile } from '../../../src/collectors/tool-snapshot/model.js';
import type { CollectContext, EvidenceItem, ProbeSettings } from '../../../src/evidence/types.js';
import { json, mcpHandler, sseOnlyHandler, startServer, type TestServer } from './servers.js';

const NOW = '2026-12-08T00:00:00.000Z';
const servers: TestServer[] = [];
const start = async (...args: Parameters<typeof startServer>) => { const s = await startServer(...args); servers.push(s); return s; };

async function probe(urls: string[], timeoutMs?: number, collected: EvidenceItem[] = []): Promise<ProbeEndpointEvidence[]> {
  return (await probeItems({ urls: urls.map((url) => ({ url, reference: { path: 'command line' } })), ...(timeoutMs ? { timeoutMs } : {}) }, collected))
    .map((item) => item.data as ProbeEndpointEvidence);
}

function probeItems(settings: ProbeSettings, collected: EvidenceItem[] = []): Promise<EvidenceItem[]> {
  const context: CollectContext = { paths: [], root: '/', includeUser: false, home: '/', now: NOW, collected, probe: settings };
  return collectProbe(context);
}

/** The probe's log as the servers should have seen it: `METHOD /path` of each request that got an answer. */
function logged(data: ProbeEndpointEvidence): string[] {
  return data.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`);
}

function authorizationServer(methods: string[]): Promise<TestServer> {
  return start((req, res, origin) => {
    if (req.url === '/.well-known/oauth-authorization-server') {
      json(res, 200, {
        issuer: origin, authorization_endpoint: `${origin}/authorize`, token_endpoint: `${origin}/token`,
        registration_endpoint: `${origin}/register`, code_challenge_methods_supported: methods, scopes_supported: ['mcp:read'],
        response_types_supported: ['code'],
      });
    } else json(res, 404, {});
  });
}

/** An MCP endpoint at /mcp behind OAuth: 401 with a challenge naming its RFC 9728 metadata (unless `withMetadata` is false). */
function protectedServer(issuer: string | undefined, withMetadata: boolean): Promise<TestServer> {
  return start((req, res, origin) => {
    if (req.url === '/mcp') {
      const challenge = withMetadata ? `Bearer resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp", scope="mcp:read"` : 'Bearer realm="mcp"';
      json(res, 401, { error: 'unauthorized' }, { 'www-authenticate': challenge });
    } else if (withMetadata && req.url === '/.well-known/oauth-protected-resource/mcp') {
      json(res, 200, { resource: `${origin}/mcp`, authorization_servers: [issuer], scopes_supported: ['mcp:read'], bearer_methods_supported: ['header'], extra: 'dropped' });
    } else json(res, 404, {});
  });
}

after(async () => { await Promise.all(servers.map((s) => s.close())); });

describe('probe collector against real servers', () => {
  it('an endpoint that answers initialize without a token, and accepts any Origin', async () => {
    const server = await start((req, res) => mcpHandler(req, res));
    const [data] = await probe([`${server.origin}/mcp`]);
    assert.deepEqual(data, {
      url: `${server.origin}/mcp`, referencedBy: [{ path: 'command line' }], reached: true, transport: 'streamable-http',
      unauthenticated: { status: 200, initialized: true, protocolVersion: '2025-11-25', serverName: 'test-server', serverVersion: '1.2.3' },
      originCheck: { origin: 'https://probe.mcp-comply.invalid', status: 200, refused: false },
      requests: [
        { purpose: 'POST initialize', method: 'POST', url: `${server.origin}/mcp`, status: 200, bytes: 197 },
        { purpose: 'POST notifications/initialized', method: 'POST', url: `${server.origin}/mcp`, status: 202, bytes: 0 },
        { purpose: 'POST initialize (foreign Origin)', method: 'POST', url: `${server.origin}/mcp`, status: 200, bytes: 197 },
      ],
    });
    assert.deepEqual(server.hits, logged(data!));
  });

  it('an endpoint that refuses a foreign Origin with 403', async () => {
    const server = await start((req, res, origin) => mcpHandler(req, res, { allowedOrigins: [origin] }));
    const [data] = await probe([`${server.origin}/mcp`]);
    assert.deepEqual(data!.originCheck, { origin: 'https://probe.mcp-comply.invalid', status: 403, refused: true });
    assert.equal(data!.unauthenticated!.initialized, true);
    assert.deepEqual(server.hits, ['POST /mcp', 'POST /mcp', 'POST /mcp']);
    assert.deepEqual(server.hits, logged(data!));
  });

  it('an endpoint behind OAuth: the challenge, RFC 9728 metadata and the authorization server metadata with S256', async () => {
    const as = await authorizationServer(['S256']);
    const server = await protectedServer(as.origin, true);
    const [data] = await probe([`${server.origin}/mcp`]);
    assert.equal(data!.reached, true);
    assert.equal(data!.transport, 'streamable-http');
    assert.deepEqual(data!.unauthenticated, {
      status: 401, initialized: false,
      challenge: { scheme: 'Bearer', resourceMetadata: `${server.origin}/.well-known/oauth-protected-resource/mcp`, scope: 'mcp:read' },
    });
    assert.deepEqual(data!.protectedResource, {
      url: `${server.origin}/.well-known/oauth-protected-resource/mcp`, foundBy: 'challenge', status: 200,
      document: { resource: `${server.origin}/mcp`, authorization_servers: [as.origin], scopes_supported: ['mcp:read'], bearer_methods_supported: ['header'] },
    });
    assert.deepEqual(data!.authorizationServers, [{
      issuer: as.origin, url: `${as.origin}/.well-known/oauth-authorization-server`, status: 200,
      document: {
        issuer: as.origin, authorization_endpoint: `${as.origin}/authorize`, token_endpoint: `${as.origin}/token`,
        registration_endpoint: `${as.origin}/register`, code_challenge_methods_supported: ['S256'], scopes_supported: ['mcp:read'],
      },
    }]);
    // Loopback: the foreign-Origin request is sent too; the 401 is not a refusal.
    assert.deepEqual(data!.originCheck, { origin: 'https://probe.mcp-comply.invalid', status: 401, refused: false });
    assert.deepEqual(server.hits, ['POST /mcp', 'GET /.well-known/oauth-protected-resource/mcp', 'POST /mcp']);
    assert.deepEqual(as.hits, ['GET /.well-known/oauth-authorization-server']);
    assert.deepEqual(logged(data!), ['POST /mcp', 'GET /.well-known/oauth-protected-resource/mcp', 'GET /.well-known/oauth-authorization-server', 'POST /mcp']);
  });

  it('an authorization server without S256', async () => {
    const as = await authorizationServer(['plain']);
    const server = await protectedServer(as.origin, true);
    const [data] = await probe([`${server.origin}/mcp`]);
    assert.deepEqual(data!.authorizationServers![0]!.document!.code_challenge_methods_supported, ['plain']);
    assert.deepEqual(as.hits, ['GET /.well-known/oauth-authorization-server']);
  });

  it('no protected resource metadata: the well-known URLs answer 404', async () => {
    const server = await protectedServer(undefined, false);
    const [data] = await probe([`${server.origin}/mcp`]);
    assert.deepEqual(data!.unauthenticated, { status: 401, initialized: false, challenge: { scheme: 'Bearer' } });
    assert.deepEqual(data!.protectedResource, { url: `${server.origin}/.well-known/oauth-protected-resource`, foundBy: 'well-known', status: 404, problem: 'not-found' });
    assert.equal(data!.authorizationServers, undefined);
    assert.deepEqual(server.hits, ['POST /mcp', 'GET /.well-known/oauth-protected-resource/mcp', 'GET /.well-known/oauth-protected-resource', 'POST /mcp']);
    assert.deepEqual(server.hits, logged(data!));
  });

  it('an endpoint on the deprecated HTTP+SSE transport: Streamable HTTP refused with 405, then the SSE fallback', async () => {
    const server = await start(sseOnlyHandler());
    const [data] = await probe([`${server.origin}/sse`]);
    assert.equal(data!.transport, 'sse');
    assert.deepEqual(data!.unauthenticated, { status: 200, initialized: true, protocolVersion: '2025-11-25', serverName: 'legacy-server', serverVersion: '0.9.0' });
    assert.deepEqual(data!.requests.map((r) => [r.purpose, r.method, r.url, r.status]), [
      ['POST initialize', 'POST', `${server.origin}/sse`, 405],
      ['GET event stream', 'GET', `${server.origin}/sse`, 200],
      ['POST initialize', 'POST', `${server.origin}/messages`, 202],
      ['POST notifications/initialized', 'POST', `${server.origin}/messages`, 202],
      ['POST initialize (foreign Origin)', 'POST', `${server.origin}/sse`, 405],
    ]);
    assert.deepEqual(server.hits.map((h) => h.replace(/\?sessionId=.*$/, '')), logged(data!));
  });

  it('with a configured credential: initialize and the list methods with the header, saved as a tool snapshot; the token appears nowhere', async () => {
    const TOKEN = ['probe', 'test', 'token', '7f3a9c2e5b1d'].join('-');
    const server = await start(async (req, res) => {
      if (req.url !== '/mcp') return json(res, 404, {});
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(res, 401, {}, { 'www-authenticate': 'Bearer' });
      await mcpHandler(req, res, { instructions: `Always send ${TOKEN} along.` });
    });
    const url = `${server.origin}/mcp`;
    const items = await probeItems({
      urls: [{ url, reference: { path: 'command line' } }],
      credentials: [{ pattern: `${server.origin}/**`, header: 'Authorization', env: 'PROBE_TOKEN', value: `Bearer ${TOKEN}` }],
    });
    assert.deepEqual(items.map((i) => [i.id, i.kind]), [[`probe-endpoint:${url}`, 'probe-endpoint'], [`tool-snapshot:probe:${url}`, 'tool-snapshot']]);
    const data = items[0]!.data as ProbeEndpointEvidence;
    assert.deepEqual(data.unauthenticated, { status: 401, initialized: false, challenge: { scheme: 'Bearer' } });
    assert.deepEqual(data.authenticated, {
      header: 'Authorization', initialized: true, status: 200, serverName: 'test-server', serverVersion: '1.2.3', tools: 1, prompts: 1,
      snapshot: `tool-snapshot:probe:${url}`,
    });
    assert.deepEqual(data.requests.slice(-4).map((r) => [r.purpose, r.status]), [
      ['POST initialize (with Authorization)', 200], ['POST notifications/initialized (with Authorization)', 202],
      ['POST tools/list (with Authorization)', 200], ['POST prompts/list (with Authorization)', 200],
    ]);
    assert.equal(server.hits.length, data.requests.length);
    const snapshot = items[1]!.data as ToolSnapshotFile;
    assert.equal(snapshot.server, 'test-server');
    assert.equal(snapshot.serverVersion, '1.2.3');
    assert.deepEqual(snapshot.tools.map((t) => [t.name, t.description]), [['echo', 'Echoes']]);
    assert.deepEqual(snapshot.entities?.map((e) => [e.kind, e.name, e.description]), [['prompt', 'greet', 'Greets']]);
    assert.equal(snapshot.instructions?.text, 'Always send [REDACTED] along.');
    assert.equal(JSON.stringify(items).includes(TOKEN), false);
  });

  it('a credential whose variable is not set: no session, the reason recorded', async () => {
    const server = await protectedServer(undefined, false);
    const [item] = await probeItems({
      urls: [{ url: `${server.origin}/mcp`, reference: { path: 'command line' } }],
      credentials: [{ pattern: `${server.origin}/mcp`, header: 'Authorization', env: 'PROBE_TOKEN_UNSET' }],
    });
    assert.deepEqual((item!.data as ProbeEndpointEvidence).authenticated, {
      header: 'Authorization', initialized: false, failure: { code: 'credential-unset', reason: 'the variable PROBE_TOKEN_UNSET is not set' },
    });
  });

  it('an endpoint that never answers: reached false, timeout, kept', async () => {
    const server = await start(() => { /* never answers */ });
    const [data] = await probe([`${server.origin}/mcp`], 200);
    assert.deepEqual(data, {
      url: `${server.origin}/mcp`, referencedBy: [{ path: 'command line' }], reached: false,
      failure: { code: 'timeout', reason: 'no answer within 200 ms' },
      requests: [{ purpose: 'POST initialize', method: 'POST', url: `${server.origin}/mcp`, error: 'timeout' }],
    });
    assert.deepEqual(server.hits, ['POST /mcp']);
  });

  it('an oversized response: the read stops at 1 MiB', async () => {
    const server = await start((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('x'.repeat(2 * 1024 * 1024)); });
    const [data] = await probe([`${server.origin}/mcp`]);
    assert.equal(data!.reached, true);
    assert.deepEqual(data!.failure, { code: 'too-large', reason: 'response larger than 1048576 bytes' });
    assert.equal(data!.requests[0]!.error, 'too-large');
    assert.equal(data!.requests[0]!.status, 200);
    assert.ok(data!.requests[0]!.bytes! > 1024 * 1024 && data!.requests[0]!.bytes! <= 2 * 1024 * 1024);
    assert.deepEqual(server.hits, logged(data!));
  });

  it('at most four endpoints at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const hanging = await Promise.all(Array.from({ length: 6 }, () => start((_req, res) => {
      most = Math.max(most, ++inFlight);
      res.on('close', () => { inFlight--; });
    })));
    const data = await probe(hanging.map((s) => `${s.origin}/mcp`), 300);
    assert.deepEqual(data.map((d) => d.failure?.code), ['timeout', 'timeout', 'timeout', 'timeout', 'timeout', 'timeout']);
    assert.equal(most, 4);
  });

  it('a redirect to another host is not followed', async () => {
    const elsewhere = await start((req, res) => mcpHandler(req, res));
    const server = await start((_req, res) => { res.writeHead(307, { location: `${elsewhere.origin}/mcp?token=abc` }); res.end(); });
    const [data] = await probe([`${server.origin}/mcp`]);
    assert.deepEqual(data!.failure, { code: 'redirect-off-host', reason: `redirected to another host (${elsewhere.origin}/mcp)` });
    assert.equal(data!.reached, true);
    assert.deepEqual(data!.requests, [{ purpose: 'POST initialize', method: 'POST', url: `${server.origin}/mcp`, status: 307, error: 'redirect-off-host' }]);
    assert.deepEqual(elsewhere.hits, []);
    assert.deepEqual(server.hits, ['POST /mcp']);
  });

  it('a refused connection, a redacted URL and an interpolated one are items with the reason, never dropped; the same endpoint named without a credential is probed', async () => {
    const closed = await start(() => undefined);
    await closed.close();
    const collected: EvidenceItem[] = [{
      id: 'mcp-config:.cursor/mcp.json', kind: 'mcp-config', collector: 'mcp-config', source: '.cursor/mcp.json', collectedAt: NOW,
      data: {
        path: '.cursor/mcp.json', client: 'cursor', format: 'json', settings: {}, positions: {},
        servers: [
          server('zapier', 'https://mcp.zapier.com/api/mcp/s/[REDACTED]/mcp'),
          server('env', 'https://${env:MCP_HOST}/mcp'),
          server('stdio', undefined),
          server('again', `${closed.origin}/mcp?api_key=[REDACTED]`),
        ],
      } as never,
    }];
    const data = await probe([`${closed.origin}/mcp`], undefined, collected);
    assert.deepEqual(data.map((d) => [d.url, d.reached, d.failure?.code, d.referencedBy]), [
      ['https://mcp.zapier.com/api/mcp/s/[REDACTED]/mcp', false, 'redacted-url', [{ path: '.cursor/mcp.json', server: 'zapier', line: 2, column: 3 }]],
      ['https://${env:MCP_HOST}/mcp', false, 'unresolved-url', [{ path: '.cursor/mcp.json', server: 'env', line: 2, column: 3 }]],
      [`${closed.origin}/mcp`, false, 'refused', [{ path: '.cursor/mcp.json', server: 'again', line: 2, column: 3 }, { path: 'command line' }]],
    ]);
    assert.deepEqual(data[2]!.requests, [{ purpose: 'POST initialize', method: 'POST', url: `${closed.origin}/mcp`, error: 'refused' }]);
  });
});

function server(name: string, url: string | undefined) {
  return {
    name, client: 'cursor', scope: 'project', pointer: `/mcpServers/${name}`, at: { line: 2, column: 3 },
    transport: url ? 'streamable-http' : 'stdio', ...(url ? { url } : { command: 'npx' }), args: [], env: {}, headers: {},
    auth: {}, disabled: false, interpolations: [], secrets: [], positions: {},
  };
}
