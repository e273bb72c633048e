/**
 * Credentials where nothing used to scan: quoted in an exception's justification or an attestation's
 * statement (copied into every report), pasted as a key of mcp-comply.yaml, or read as keys when a file
 * that is not YAML at all (a password file) is named as the exceptions. Each is named by kind and place,
 * its value never printed or written.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Assessment } from '../../src/engine/assessment.js';
import { readAll, runCli } from '../helpers/cli.js';
import { readDocx } from '../helpers/docx.js';
import { readPdf } from '../helpers/pdf.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

// Built at run time, so the repository holds no string shaped like a live credential.
const TOKEN = ['ghp', 'Q7mK2vR9xL4tW7nB3cF6hJ1pS5dG0aZeY2uI'].join('_');
const NPM = ['npm', 'Xw3Rt6Yu9Io2Pa5Sd8Fg1Hj4Kl7Zx0Cv3Bn6M'].join('_');
const HASH = ['$6$', 'saltsalt$', 'Vq3kR8mT6wL2pX9zN4bC7dF0gH5jK1'].join('');

/** Every part of a window of 12 characters of the value, as the canary asks. */
const leaks = (text: string, value: string) => {
  for (let i = 0; i + 12 <= value.length; i++) if (text.includes(value.slice(i, i + 12))) return true;
  return false;
};

describe('credentials in the text of exceptions and attestations', () => {
  it('are replaced in the assessment and every report, and the author is told where, by kind', () => {
    const project = tempDir('secret-text-');
    write(project, '.cursor/mcp.json', JSON.stringify({ mcpServers: { payments: { command: 'npx', args: ['-y', '@acme/payments-mcp@latest'] } } }, null, 2));
    write(project, 'mcp-comply.yaml', 'organization: Acme\nexceptions: exceptions.yaml\nattestations: attestations.yaml\n');
    write(project, 'exceptions.yaml', [
      'exceptions:', '  - id: EX-PAY', '    check: mcp.supply-chain.unpinned-package', '    scope: { servers: [payments] }',
      `    justification: internal mirror, pulled with ${NPM}`, `    compensatingControls: ["mirror token ${TOKEN} rotated weekly"]`,
      '    approver: ciso@example.com', '    approved: 2026-01-01', '    expires: 2099-01-01', '',
    ].join('\n'));
    write(project, 'attestations.yaml', [
      'attestations:', '  - control: MCP-IR-01', `    statement: plan exercised; the break-glass token is ${TOKEN}`, '    evidence: plan.md',
      '    attestedBy: secops@example.com', '    date: 2026-10-15', '    validUntil: 2099-10-15', '',
    ].join('\n'));
    write(project, 'plan.md', '# Incident response plan\n');
    const out = path.join(project, 'out');
    const run = runCli(['assess', '--config', path.join(project, 'mcp-comply.yaml'), '--out', out, '--format', 'html,md,csv,sarif,oscal', '--fail-on', 'none']);
    assert.equal(run.code, 0, run.stderr);

    const everything = [run.stdout, run.stderr, readAll(out)].join('\n');
    assert.ok(!leaks(everything, TOKEN) && !leaks(everything, NPM), 'a credential leaked');
    assert.match(run.stderr, /exceptions\.yaml:5:20: warning: justification quotes a credential \(npm-token\); it is written as \[REDACTED\] in the assessment and every report \[secret-in-text\]/);
    assert.match(run.stderr, /exceptions\.yaml:6:27: warning: compensatingControls quotes a credential \(github-token\)/);
    assert.match(run.stderr, /attestations\.yaml:3:16: warning: statement quotes a credential \(github-token\)/);

    const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
    assert.equal(assessment.exceptions![0]!.justification, 'internal mirror, pulled with [REDACTED]');
    assert.ok(assessment.findings.some((f) => f.exception?.id === 'EX-PAY'), 'the exception still applies');
  });
});

describe('credentials in the keys of a config file', () => {
  it('a token pasted as a key is named by kind, not printed', () => {
    const project = tempDir('secret-key-');
    write(project, 'mcp-comply.yaml', `organization: Acme\n${TOKEN}: 1\nexeptions: x.yaml\n`);
    const run = runCli(['validate', '--config', path.join(project, 'mcp-comply.yaml')]);
    assert.equal(run.code, 2, run.stdout);
    const output = run.stdout + run.stderr;
    assert.ok(!leaks(output, TOKEN), output);
    assert.match(output, /mcp-comply\.yaml:2:1: error: \(document\) has unknown property "<a github-token as a name, not shown>"/);
    assert.match(output, /mcp-comply\.yaml:3:1: error: \(document\) has unknown property "exeptions"/, 'a plain typo is still shown');
  });

  it('a password file named as the exceptions: no line of it is printed', () => {
    const project = tempDir('secret-shadow-');
    write(project, 'shadow', `root:${HASH}:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n`);
    write(project, 'mcp-comply.yaml', 'organization: Acme\nexceptions: shadow\n');
    const run = runCli(['assess', project, '--config', path.join(project, 'mcp-comply.yaml'), '--out', path.join(project, 'out')]);
    assert.equal(run.code, 2, run.stdout);
    assert.ok(!leaks(run.stdout + run.stderr, HASH) && !run.stderr.includes('daemon:*'), run.stderr);
    assert.match(run.stderr, /shadow:1:1: error: \(document\) has unknown property "<a name of \d+ characters, not shown>"/);
  });
});

describe('credentials in names: a file, a log and an environment variable named with one', () => {
  it('are written as [REDACTED] wherever the name goes: evidence, positions, findings, reports, stdout and stderr', () => {
    const project = tempDir('secret-names-');
    // A repository that committed a file named after a token, with a credential in it so that a finding points at it.
    fs.mkdirSync(path.join(project, '.git'));
    write(project, `deploy/${TOKEN}.env`, `SENDGRID_API_KEY=${['SG', 'Qw3Er6Ty9Ui2Op5As8Df1G', 'Hj4Kl7Zx0Cv3Bn6Mq9Wr2Et5Yu8Io1Pa4Sd7Fg0Hj3Kl6'].join('.')}\n`);
    write(project, `logs/${NPM}.jsonl`, `${JSON.stringify({ ts: '2026-11-01T10:00:00Z', identity: 'svc', server: 'files', method: 'tools/call', tool: 'read', status: 200 })}\n`);
    write(project, '.cursor/mcp.json', JSON.stringify({ mcpServers: { files: { command: 'npx', args: ['-y', '@acme/files-mcp@1.2.3'], env: { [TOKEN]: 'x' } } } }, null, 2));
    write(project, 'mcp-comply.yaml', `organization: Acme\nsources:\n  logs:\n    - path: logs/${NPM}.jsonl\n`);
    const out = path.join(project, 'out');
    const run = runCli(['assess', project, '--config', path.join(project, 'mcp-comply.yaml'), '--out', out, '--format', 'html,md,csv,sarif,oscal', '--fail-on', 'none']);
    assert.equal(run.code, 0, run.stderr);
    const everything = [run.stdout, run.stderr, readAll(out)].join('\n');
    assert.ok(!leaks(everything, TOKEN) && !leaks(everything, NPM), 'a credential in a name leaked');
    const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
    const sources = assessment.evidence.items.map((item) => item.source);
    assert.ok(sources.includes('logs/[REDACTED].jsonl'), sources.join('\n'));
    assert.ok(assessment.findings.some((f) => f.location.path === 'deploy/[REDACTED].env'), 'the committed credential is still found, at the redacted path');
  });
});

describe('credentials in URLs: path, query and userinfo, in several clients', () => {
  /** A random-looking body (deterministic by seed), so the repository holds no live-looking value. */
  const body = (n: number, seed: number, alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789') => {
    let out = '';
    let x = seed;
    // High bits: the low bits of this generator repeat with a short period.
    for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) % 2147483648; out += alphabet[Math.floor(x / 65536) % alphabet.length]; }
    return out;
  };
  const hex = (n: number, seed: number) => body(n, seed, '0123456789abcdef');
  const uuid = (seed: number) => { const h = hex(32, seed); return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`; };
  // Same shapes as the platforms issue: Zapier's key is base64 of two UUIDs, Firecrawl's fc-<32 hex>.
  const planted = {
    zapierPath: Buffer.from(`${uuid(11)}:${uuid(12)}`).toString('base64'),
    firecrawlPath: `fc-${hex(32, 13)}`,
    makePath: uuid(14),
    pipedreamPath: uuid(15),
    smitheryQuery: uuid(16),
    exaQuery: uuid(17),
    apifyQuery: `apify_api_${body(36, 18)}`,
    userinfoPassword: body(20, 19),
    flagUrlQuery: body(32, 20),
    clientSecret: body(40, 21),
  };
  const clientId = `0oa${body(17, 22)}`;

  it('are redacted in the assessment, the evidence bundle and every report, and reported by kind and URL part', async () => {
    const project = tempDir('secret-urls-');
    write(project, '.cursor/mcp.json', JSON.stringify({ mcpServers: {
      zapier: { url: `https://mcp.zapier.com/api/mcp/s/${planted.zapierPath}/mcp` },
      firecrawl: { command: 'npx', args: ['-y', 'mcp-remote@0.1.29', `https://mcp.firecrawl.dev/${planted.firecrawlPath}/v2/mcp`] },
      keyless: { url: 'https://mcp.firecrawl.dev/v2/mcp' },
    } }, null, 2));
    write(project, '.vscode/mcp.json', JSON.stringify({ servers: {
      smithery: { type: 'http', url: `https://server.smithery.ai/@acme/weather/mcp?api_key=${planted.smitheryQuery}&profile=brave-otter-x1` },
      exa: { type: 'http', url: `https://mcp.exa.ai/mcp?exaApiKey=${planted.exaQuery}&tools=web_search_exa` },
      internal: { type: 'sse', url: `http://deploy:${planted.userinfoPassword}@mcp.internal.example:8080/sse` },
    } }, null, 2));
    write(project, '.codex/config.toml', `[mcp_servers.make]\nurl = "https://eu1.make.com/mcp/api/v1/u/${planted.makePath}/sse"\n`);
    write(project, '.gemini/settings.json', JSON.stringify({ mcpServers: {
      pipedream: { httpUrl: `https://mcp.pipedream.net/${planted.pipedreamPath}/gmail` },
      bridge: { command: 'npx', args: ['-y', 'supergateway@3.4.0', `--streamableHttp=https://mcp.example.com/mcp?access_token=${planted.flagUrlQuery}`] },
    } }, null, 2));
    write(project, '.mcp.json', JSON.stringify({ mcpServers: {
      apify: { type: 'http', url: `https://mcp.apify.com/?token=${planted.apifyQuery}` },
      jira: { command: 'npx', args: ['-y', 'mcp-remote@0.1.29', 'https://jira.example.com/mcp',
        '--static-oauth-client-info', JSON.stringify({ client_id: clientId, client_secret: planted.clientSecret }),
        '--static-oauth-client-metadata', JSON.stringify({ scope: 'read:jira-work offline_access', redirect_uris: ['http://localhost:3334/oauth/callback'] })] },
      sso: { command: 'npx', args: ['-y', 'mcp-remote@0.1.29', 'https://sso.example.com/mcp', '--static-oauth-client-info', JSON.stringify({ client_id: clientId })] },
    } }, null, 2));
    write(project, 'mcp-comply.yaml', 'organization: Acme\n');
    const out = path.join(project, 'out');
    const run = runCli(['assess', project, '--config', path.join(project, 'mcp-comply.yaml'), '--out', out, '--format', 'pdf,docx,html,md,csv,sarif,oscal', '--fail-on', 'none']);
    assert.equal(run.code, 0, run.stderr);
    const collected = path.join(project, 'collected');
    const collect = runCli(['collect', project, '--config', path.join(project, 'mcp-comply.yaml'), '--out', collected]);
    assert.equal(collect.code, 0, collect.stderr);

    const written = fs.readdirSync(out);
    assert.ok(written.includes('report.pdf') && written.includes('report.docx'), written.join(', '));
    const docx = await readDocx(fs.readFileSync(path.join(out, 'report.docx')));
    const everything = [run.stdout, run.stderr, collect.stdout, collect.stderr, readAll(out), readAll(collected),
      (await readPdf(fs.readFileSync(path.join(out, 'report.pdf')))).texts.join('\n'), [...docx.xml.values()].join('\n')].join('\n');
    const leaked = Object.entries(planted).filter(([, value]) => leaks(everything, value)).map(([name]) => name);
    assert.deepEqual(leaked, []);

    const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
    const secrets = assessment.findings.filter((f) => f.checkId === 'mcp.secrets.inline-credential')
      .map((f) => `${f.location.path}:${f.location.line}:${f.location.column} ${f.message}`).sort();
    assert.deepEqual(secrets, [
      '.codex/config.toml:2:7 Server "make" in the Codex configuration has a literal Make MCP token in its URL path; URLs are copied into logs, proxies and browser history.',
      '.cursor/mcp.json:4:14 Server "zapier" in the Cursor configuration has a literal Zapier MCP key in its URL path; URLs are copied into logs, proxies and browser history.',
      '.cursor/mcp.json:11:9 Server "firecrawl" in the Cursor configuration passes a literal Firecrawl API key as its argument 3 (in the URL path); besides the file, it shows in process listings and client logs.',
      '.gemini/settings.json:4:18 Server "pipedream" in the Gemini CLI configuration has a literal Pipedream personal endpoint id in its URL path; URLs are copied into logs, proxies and browser history.',
      '.gemini/settings.json:11:9 Server "bridge" in the Gemini CLI configuration passes a literal secret value as its argument 3 (in the URL query parameter "access_token"); besides the file, it shows in process listings and client logs.',
      '.mcp.json:5:14 Server "apify" in the Claude Code configuration has a literal Apify API token in its URL query parameter "token"; URLs are copied into logs, proxies and browser history.',
      '.mcp.json:14:9 Server "jira" in the Claude Code configuration passes a literal secret value as its argument 5; besides the file, it shows in process listings and client logs.',
      '.vscode/mcp.json:5:14 Server "smithery" in the VS Code configuration has a literal secret value in its URL query parameter "api_key"; URLs are copied into logs, proxies and browser history.',
      '.vscode/mcp.json:9:14 Server "exa" in the VS Code configuration has a literal secret value in its URL query parameter "exaApiKey"; URLs are copied into logs, proxies and browser history.',
      '.vscode/mcp.json:13:14 Server "internal" in the VS Code configuration has a literal password or token in its URL userinfo; URLs are copied into logs, proxies and browser history.',
    ].sort());
    // Other checks quote the URL with its secret part replaced, and still judge its host and scheme.
    const plaintext = assessment.findings.find((f) => f.checkId === 'mcp.transport.plaintext-http' && f.message.includes('"internal"'));
    assert.match(plaintext?.message ?? '', /http:\/\/mcp\.internal\.example:8080\/sse/);
    const sse = assessment.findings.find((f) => f.checkId === 'mcp.transport.deprecated-sse' && f.server === 'make');
    assert.equal(sse?.message, 'Server "make" in the Codex configuration connects to https://eu1.make.com/mcp/api/v1/u/[REDACTED]/sse, an endpoint of the deprecated HTTP+SSE transport that carries the session id in the URL query.');
    // A key in the path is a credential the entry declares: no "declares no credential" for those servers.
    const unauthenticated = assessment.findings.filter((f) => f.checkId === 'mcp.auth.remote-without-auth').map((f) => f.server);
    assert.deepEqual(unauthenticated.filter((name) => ['zapier', 'firecrawl', 'make', 'pipedream', 'smithery', 'exa', 'apify', 'internal'].includes(name ?? '')), []);
  });
});
