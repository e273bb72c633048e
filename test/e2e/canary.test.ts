/**
 * The canary: every credential shape mcp-comply knows, planted in every place a user's or a
 * repository's material can carry one (values, arguments, headers, URLs, names of variables, files and
 * logs, log lines, tool descriptions, the free text of exceptions and attestations, keys of the
 * config), then every output of every command is searched for each value and for any 12-character
 * window of it. Values are built at run time from a seeded generator, so the repository holds none.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { readAll, runCli } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

/** A random-looking alphanumeric body of `n` characters (deterministic by seed). */
function body(n: number, seed: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let out = '';
  let x = seed;
  for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) % 2147483648; out += alphabet[x % alphabet.length]; }
  return out;
}
const upper = (n: number, seed: number) => body(n, seed).toUpperCase().replace(/[^A-Z0-9]/g, 'Q');

/**
 * Credentials that name themselves by their shape, so they are found anywhere, names included: one
 * value per shape and place, so that each planted copy is its own canary.
 */
const SHAPES: Record<string, (seed: number) => string> = {
  'github-token': (s) => `ghp_${body(36, s)}`,
  'gitlab-token': (s) => `glpat-${body(20, s)}`,
  'anthropic-key': (s) => `sk-ant-api03-${body(40, s)}`,
  'openai-key': (s) => `sk-proj-${body(48, s)}`,
  'aws-access-key': (s) => `AKIA${upper(16, s)}`,
  'google-api-key': (s) => `AIza${body(35, s)}`,
  'slack-token': (s) => `xoxb-1234567890-${body(24, s)}`,
  'stripe-key': (s) => `sk_live_${body(24, s)}`,
  'huggingface-token': (s) => `hf_${body(34, s)}`,
  'npm-token': (s) => `npm_${body(36, s)}`,
  'sendgrid-key': (s) => `SG.${body(22, s)}.${body(43, s + 1)}`,
};

/** The secret part of a value: what must never appear (the rest, a prefix like `ghp_`, may). */
const secretOf = (value: string) => value.replace(/^(?:ghp_|glpat-|sk-ant-api03-|sk-proj-|AKIA|AIza|xoxb-1234567890-|sk_live_|hf_|npm_|SG\.)/, '');

interface Plant { place: string; shape: string; value: string }

describe('canary: no credential, of any shape, in any place, reaches any output', () => {
  const plants: Plant[] = [];
  let seed = 1000;
  const plant = (place: string, shape: string, value = SHAPES[shape]!(seed += 10)) => { plants.push({ place, shape, value }); return value; };
  const root = tempDir('canary-');
  const project = path.join(root, 'project');
  const outputs: Array<[string, string]> = [];

  before(async () => {
    const shapes = Object.keys(SHAPES);
    const env: Record<string, string> = {};
    const args: string[] = ['-y', '@acme/files-mcp@1.2.3'];
    const headers: Record<string, string> = {};
    for (const shape of shapes) {
      env[`${shape.toUpperCase().replace(/-/g, '_')}_VALUE`] = plant('env value', shape);
      env[plant('env name', shape)] = 'x';
      args.push(`--${shape}=${plant('argument', shape)}`);
      headers[`X-${shape}`] = plant('header value', shape);
    }
    // Credentials that only their place names: a key, a flag, a header.
    const keyed = {
      password: plant('env DB_PASSWORD', 'password', 'Winter2026!'),
      flagPassword: plant('--password argument', 'password', 'hunter22'),
      apiKey: plant('env API_KEY', 'high-entropy-secret', body(32, 7)),
      headerArg: plant('--header=x-api-key argument', 'high-entropy-secret', body(28, 8)),
      jsonArg: plant('JSON argument', 'high-entropy-secret', body(30, 9)),
      bearer: plant('Authorization header', 'bearer-token', body(40, 10)),
      basic: plant('Basic header', 'basic-auth', Buffer.from(`svc:${body(16, 11)}`).toString('base64')),
      userinfo: plant('URL password', 'url-credentials', body(18, 12)),
      query: plant('URL query', 'high-entropy-secret', body(26, 13)),
      webhook: plant('Slack webhook URL', 'slack-webhook', `T0${upper(9, 14)}/B0${upper(9, 15)}/${body(24, 16)}`),
      azure: plant('Azure connection string', 'azure-key', Buffer.from(body(64, 17)).toString('base64')),
    };
    env.DB_PASSWORD = keyed.password;
    env.API_KEY = keyed.apiKey;
    env.SLACK_WEBHOOK = `https://hooks.slack.com/services/${keyed.webhook}`;
    env.AZURE_STORAGE = `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${keyed.azure};EndpointSuffix=core.windows.net`;
    args.push('--password', keyed.flagPassword, `--header=x-api-key: ${keyed.headerArg}`, '--config', JSON.stringify({ apiKey: keyed.jsonArg, region: 'eu' }));
    write(project, '.cursor/mcp.json', JSON.stringify({
      mcpServers: {
        files: { command: 'npx', args, env },
        remote: {
          type: 'http', url: `https://svc:${keyed.userinfo}@mcp.example.com/mcp?api_key=${keyed.query}`,
          headers: { ...headers, Authorization: `Bearer ${keyed.bearer}`, 'X-Basic': `Basic ${keyed.basic}` },
        },
      },
    }, null, 2));

    // A repository: files named with credentials, and one committed with credentials in it.
    fs.mkdirSync(path.join(project, '.git'));
    const committed: string[] = [];
    for (const shape of shapes) {
      write(project, `deploy/${plant('committed file name', shape)}.txt`, 'nothing here\n');
      committed.push(`${shape.toUpperCase().replace(/-/g, '_')}=${plant('committed file content', shape)}`);
    }
    write(project, 'deploy/app.env', `${committed.join('\n')}\n`);

    // Logs: one named with a credential, lines that carry them.
    const lines = shapes.map((shape, i) => JSON.stringify({
      ts: `2026-11-01T10:0${i % 10}:00Z`, identity: 'svc', server: 'files', method: 'tools/call', tool: 'read', status: 200,
      args: { note: `use ${plant('log line', shape)}` },
    }));
    write(project, `logs/${plant('log file name', 'github-token')}.jsonl`, `${lines.join('\n')}\n`);

    // A tool snapshot whose descriptions quote credentials.
    write(project, 'mcp-tools/files.tools.json', JSON.stringify({
      tools: shapes.map((shape, i) => ({ name: `tool_${i}`, description: `Reads files. Token: ${plant('tool description', shape)}`, inputSchema: { type: 'object' } })),
    }));

    // The free text of exceptions and attestations.
    write(project, 'exceptions.yaml', [
      'exceptions:', '  - id: EX-1', '    check: mcp.supply-chain.unpinned-package', '    scope: { servers: [files] }',
      `    justification: "mirror pulled with ${plant('exception justification', 'npm-token')}"`,
      `    ticket: "${plant('exception ticket', 'gitlab-token')}"`,
      '    approver: ciso@example.com', '    approved: 2026-01-01', '    expires: 2099-01-01', '',
    ].join('\n'));
    write(project, 'attestations.yaml', [
      'attestations:', '  - control: MCP-IR-01', `    statement: "break-glass token ${plant('attestation statement', 'github-token')}"`,
      '    evidence: plan.md', '    attestedBy: secops@example.com', '    date: 2026-10-15', '    validUntil: 2099-10-15', '',
    ].join('\n'));
    write(project, 'plan.md', '# Incident response plan\n');
    const config = ['organization: Canary', 'exceptions: exceptions.yaml', 'attestations: attestations.yaml', 'sources:', '  logs:', `    - path: logs/${plants.find((p) => p.place === 'log file name')!.value}.jsonl`, ''].join('\n');
    write(project, 'mcp-comply.yaml', config);
    // A config that pastes a credential as a key, for validate.
    write(root, 'broken.yaml', `organization: Canary\n${plant('config key', 'github-token')}: 1\n`);

    const out = path.join(root, 'out');
    const record = (name: string, run: { code: number | null; stdout: string; stderr: string }) => {
      outputs.push([`${name} stdout`, run.stdout], [`${name} stderr`, run.stderr]);
      return run;
    };
    const assess = record('assess', runCli(['assess', project, '--config', path.join(project, 'mcp-comply.yaml'), '--out', out, '--format', 'pdf,html,md,csv,sarif,oscal', '--fail-on', 'none']));
    assert.equal(assess.code, 0, assess.stderr);
    record('collect', runCli(['collect', project, '--config', path.join(project, 'mcp-comply.yaml'), '--out', path.join(root, 'collected')]));
    record('verify', runCli(['verify', out]));
    record('report md to stdout', runCli(['report', path.join(out, 'assessment.json'), '--format', 'md', '--output', '-']));
    record('baseline update', runCli(['baseline', 'update', '--assessment', path.join(out, 'assessment.json'), '--output', path.join(root, 'baseline.json')]));
    record('drift', runCli(['drift', path.join(root, 'baseline.json'), path.join(out, 'assessment.json'), '--format', 'md']));
    record('validate', runCli(['validate', '--config', path.join(root, 'broken.yaml')]));
    for (const written of ['out', 'collected']) outputs.push([`every file in ${written}/`, readAll(path.join(root, written))]);
    outputs.push(['baseline.json', fs.readFileSync(path.join(root, 'baseline.json'), 'utf8')]);
    outputs.push(['report.pdf (text)', (await readPdf(fs.readFileSync(path.join(out, 'report.pdf')))).texts.join('\n')]);
  });

  it('plants every shape in every place', () => {
    const places = new Set(plants.map((p) => p.place));
    assert.equal(places.size, 24, [...places].join(', '));
    for (const shape of Object.keys(SHAPES)) assert.ok(plants.filter((p) => p.shape === shape).length >= 8, shape);
  });

  it('finds none of them, nor any 12 characters of one, in any output', () => {
    const leaks: string[] = [];
    for (const { place, shape, value } of plants) {
      const secret = secretOf(value);
      const windows = secret.length <= 12 ? [secret] : Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12));
      for (const [output, text] of outputs) {
        if (windows.some((w) => text.includes(w))) leaks.push(`${shape} planted in ${place} is in ${output}`);
      }
    }
    assert.deepEqual(leaks, []);
  });

  it('reports them by kind and place instead', () => {
    const assessment = JSON.parse(fs.readFileSync(path.join(root, 'out', 'assessment.json'), 'utf8')) as { findings: Array<{ checkId: string; location: { path: string } }> };
    const secretFindings = assessment.findings.filter((f) => f.checkId === 'mcp.secrets.inline-credential' || f.checkId === 'repo.secrets.committed');
    assert.ok(secretFindings.some((f) => f.location.path === '.cursor/mcp.json'));
    assert.ok(secretFindings.some((f) => f.location.path === 'deploy/app.env'));
  });
});
