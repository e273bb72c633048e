/**
 * The TLS observation against real HTTPS MCP servers on 127.0.0.1, with certificates made during the
 * test by the `openssl` command (Node cannot create X.509 certificates); skipped where it is absent.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { collectProbe } from '../../../src/collectors/probe/index.js';
import type { ProbeEndpointEvidence } from '../../../src/collectors/probe/model.js';
import { tempDir } from '../../helpers/temp-catalog.js';
import { mcpHandler } from './servers.js';

const HAS_OPENSSL = spawnSync('openssl', ['version']).status === 0;
const servers: https.Server[] = [];
after(() => { for (const s of servers) { s.closeAllConnections(); s.close(); } });

/** A self-signed certificate valid `days` days from now, for `san` (`IP:127.0.0.1`, `DNS:other.example`). */
function certificate(san: string, days: number): { key: string; cert: string } {
  const dir = tempDir();
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert,
    '-days', String(days), '-subj', '/CN=mcp-test', '-addext', `subjectAltName=${san}`], { stdio: 'ignore' });
  return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
}

async function httpsServer(credentials: { key: string; cert: string }, options: https.ServerOptions = {}): Promise<{ origin: string; hits: string[] }> {
  const hits: string[] = [];
  const server = https.createServer({ ...credentials, ...options }, (req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.setHeader('strict-transport-security', 'max-age=31536000');
    void mcpHandler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

async function probe(url: string, now: string): Promise<ProbeEndpointEvidence> {
  const [item] = await collectProbe({ paths: [], root: '/', includeUser: false, home: '/', now, probe: { urls: [{ url, reference: { path: 'command line' } }] } });
  return item!.data as ProbeEndpointEvidence;
}

describe('TLS observation (certificates made by openssl)', { skip: HAS_OPENSSL ? false : 'no openssl command' }, () => {
  it('a self-signed certificate for the host: the MCP client refuses it, the certificate is still observed', async () => {
    const credentials = certificate('IP:127.0.0.1', 30);
    const server = await httpsServer(credentials);
    const x509 = new (await import('node:crypto')).X509Certificate(credentials.cert);
    const now = new Date(Date.parse(x509.validFrom)).toISOString();
    const data = await probe(`${server.origin}/mcp`, now);
    assert.equal(data.reached, false);
    assert.equal(data.failure!.code, 'tls');
    assert.deepEqual(data.tls, {
      protocol: 'TLSv1.3', validFrom: new Date(x509.validFrom).toISOString(), validTo: new Date(x509.validTo).toISOString(),
      daysToExpiry: 30, hostnameMatches: true, trusted: false, verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT', selfSigned: true,
    });
    assert.deepEqual(data.requests.map((r) => [r.purpose, r.method, r.error]), [['POST initialize', 'POST', 'tls'], ['TLS handshake', 'TLS', undefined]]);
    // The refused handshake of the client sent no HTTP request.
    assert.deepEqual(server.hits, []);
  });

  it('a certificate for another host, expired by the run\'s time, over TLS 1.2', async () => {
    const credentials = certificate('DNS:other.example', 1);
    const server = await httpsServer(credentials, { maxVersion: 'TLSv1.2' });
    const x509 = new (await import('node:crypto')).X509Certificate(credentials.cert);
    const tenDaysLater = new Date(Date.parse(x509.validFrom) + 10 * 86_400_000).toISOString();
    const data = await probe(`${server.origin}/mcp`, tenDaysLater);
    assert.equal(data.tls!.protocol, 'TLSv1.2');
    assert.equal(data.tls!.hostnameMatches, false);
    assert.equal(data.tls!.daysToExpiry, -9);
    assert.equal(data.tls!.selfSigned, true);
    assert.equal(data.tls!.trusted, false);
  });
});
