/**
 * `assess --probe` through the built CLI against SDK MCP servers the test starts on 127.0.0.1: the
 * endpoints of `.cursor/mcp.json` become `probe-endpoint` items of the evidence bundle; without
 * `--probe` nothing is contacted, and a stdio server of the configuration is never started.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { ProbeEndpointEvidence } from '../../src/collectors/probe/model.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { runCliAsync } from '../helpers/cli.js';
import { tempDir, write } from '../helpers/temp-catalog.js';
import { json, mcpHandler, startServer, type TestServer } from '../collectors/probe/servers.js';

const servers: TestServer[] = [];
after(async () => { await Promise.all(servers.map((s) => s.close())); });

async function estate(): Promise<{ dir: string; open: TestServer; locked: TestServer; marker: string }> {
  const open = await startServer((req, res) => mcpHandler(req, res));
  const locked = await startServer((req, res) => json(res, 401, {}, { 'www-authenticate': 'Bearer realm="mcp"' }));
  servers.push(open, locked);
  const dir = tempDir();
  const marker = path.join(dir, 'stdio-was-started');
  write(dir, '.cursor/mcp.json', JSON.stringify({
    mcpServers: {
      open: { url: `${open.origin}/mcp` },
      locked: { url: `${locked.origin}/mcp` },
      local: { command: process.execPath, args: ['-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`] },
    },
  }, null, 2));
  return { dir, open, locked, marker };
}

function probeItems(out: string): EvidenceItem<'probe-endpoint'>[] {
  return fs.readFileSync(path.join(out, 'evidence', 'items.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((line) => JSON.parse(line) as EvidenceItem).filter((i): i is EvidenceItem<'probe-endpoint'> => i.kind === 'probe-endpoint');
}

describe('assess --probe (built CLI)', () => {
  it('probes the endpoints of the assessed configuration and writes probe-endpoint items', async () => {
    const { dir, open, locked, marker } = await estate();
    const out = tempDir();
    const result = await runCliAsync(['assess', dir, '--probe', '--out', out], {});
    assert.ok(result.code === 0 || result.code === 1, result.stderr);
    // The bundle keeps items in id order.
    const items = probeItems(out).sort((a, b) => (a.source === `${open.origin}/mcp` ? -1 : 1) - (b.source === `${open.origin}/mcp` ? -1 : 1));
    assert.deepEqual(items.map((i) => [i.id, i.collector, i.source]), [
      [`probe-endpoint:${open.origin}/mcp`, 'probe', `${open.origin}/mcp`],
      [`probe-endpoint:${locked.origin}/mcp`, 'probe', `${locked.origin}/mcp`],
    ]);
    const [openData, lockedData] = items.map((i) => i.data as ProbeEndpointEvidence);
    assert.deepEqual(openData!.referencedBy, [{ path: '.cursor/mcp.json', server: 'open', line: 4, column: 14 }]);
    assert.deepEqual(openData!.unauthenticated, { status: 200, initialized: true, protocolVersion: '2025-11-25', serverName: 'test-server', serverVersion: '1.2.3' });
    assert.deepEqual(lockedData!.unauthenticated, { status: 401, initialized: false, challenge: { scheme: 'Bearer' } });
    assert.deepEqual(open.hits, ['POST /mcp', 'POST /mcp', 'POST /mcp']);
    assert.deepEqual(locked.hits, ['POST /mcp', 'GET /.well-known/oauth-protected-resource/mcp', 'GET /.well-known/oauth-protected-resource', 'POST /mcp']);
    assert.equal(fs.existsSync(marker), false, 'the stdio server of the configuration was started');
    // The checks read what was observed: the open loopback server serves a foreign Origin, the locked
    // one answers 401 without pointing at any protected resource metadata.
    const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as { findings: Array<{ checkId: string; severity: string; messageId: string; evidenceId?: string; location: { path: string } }> };
    const probeFindings = assessment.findings.filter((f) => f.evidenceId?.startsWith('probe-endpoint:'))
      .map((f) => [f.checkId, f.severity, f.messageId, f.location.path]).sort();
    assert.deepEqual(probeFindings, [
      ['mcp.auth.protected-resource-metadata-missing', 'medium', 'metadataMissing', `${locked.origin}/mcp`],
      ['mcp.transport.origin-not-validated', 'high', 'foreignOriginAccepted', `${open.origin}/mcp`],
    ].sort());
  });

  it('collect --probe-url probes a named endpoint on its own', async () => {
    const named = await startServer((req, res) => mcpHandler(req, res));
    servers.push(named);
    const out = tempDir();
    const result = await runCliAsync(['collect', tempDir(), '--probe-url', `${named.origin}/mcp`, '--out', out], {});
    assert.equal(result.code, 0, result.stderr);
    const [item] = probeItems(out);
    assert.deepEqual(item!.data.referencedBy, [{ path: 'command line' }]);
    assert.equal(item!.data.unauthenticated!.initialized, true);
    assert.deepEqual(named.hits, ['POST /mcp', 'POST /mcp', 'POST /mcp']);
  });

  it('without --probe nothing is contacted', async () => {
    const { dir, open, locked, marker } = await estate();
    const out = tempDir();
    const result = await runCliAsync(['assess', dir, '--out', out], {});
    assert.ok(result.code === 0 || result.code === 1, result.stderr);
    assert.deepEqual(probeItems(out), []);
    assert.deepEqual([open.hits, locked.hits], [[], []]);
    assert.equal(fs.existsSync(marker), false);
  });
});
