/**
 * Special files where a repository or a user hands mcp-comply a file (issue 16): a FIFO would block a
 * plain read forever, a symbolic link to /dev/zero would fill memory, a folder or an unreadable file
 * would crash it. Each is refused with what its reader does with bad input: an `unreadable-source`
 * item naming the kind of file (collectors), or an input error naming the file with exit code 2 (CLI
 * inputs). Every run has a timeout, so a regression fails here instead of hanging the suite.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { EvidenceItem, UnreadableSource } from '../../src/evidence/types.js';
import { BIN, CLI_ENV, runCli, WHERE_PERMISSIONS_BIND } from '../helpers/cli.js';
import { sampleAssessment } from '../helpers/sample-assessment.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

/** Long enough for a loaded machine, short enough that a hang fails the test. */
const TIMEOUT = 20_000;

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const result = runCli(args, { timeout: TIMEOUT, env });
  assert.equal(result.signal, null, `the CLI did not exit by itself within ${TIMEOUT} ms (killed by ${result.signal}): ${args.join(' ')}`);
  return result;
};

function mkfifo(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const made = spawnSync('mkfifo', [file]);
  assert.equal(made.status, 0, `mkfifo ${file}: ${made.stderr}`);
  return file;
}

function devZero(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.symlinkSync('/dev/zero', file);
  return file;
}

function folder(file: string): string {
  fs.mkdirSync(file, { recursive: true });
  return file;
}

const sockets: net.Server[] = [];
after(() => { for (const server of sockets) server.close(); });

async function socket(file: string): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const server = net.createServer();
  sockets.push(server);
  await new Promise<void>((resolve) => server.listen(file, resolve));
  return file;
}

/** A sparse file one byte over `cap`: nothing is written, so the test stays cheap. */
function overCap(file: string, cap: number): string {
  write(path.dirname(file), path.basename(file), '');
  fs.truncateSync(file, cap + 1);
  return file;
}

const MiB = 1024 * 1024;

function unreadableItems(out: string): UnreadableSource[] {
  return fs.readFileSync(path.join(out, 'evidence', 'items.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((line) => JSON.parse(line) as EvidenceItem)
    .filter((item) => item.kind === 'unreadable-source')
    .map((item) => item.data as UnreadableSource);
}

/** A git repository with one committed config, so `.git/index` exists and is read. */
function gitRepository(): string {
  const root = tempDir('hostile-repo-');
  write(root, 'README.md', '# app\n');
  const git = (...args: string[]) => assert.equal(spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: root }).status, 0);
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'first');
  return root;
}

describe('special files in an assessed repository become unreadable-source items (collect)', () => {
  const cases: Array<{ name: string; plant: (root: string) => unknown; path: string; code: string; reason: string }> = [
    { name: 'a FIFO as .git/index', plant: (r) => { fs.rmSync(path.join(r, '.git/index')); mkfifo(path.join(r, '.git/index')); }, path: '.git/index', code: 'not-a-file', reason: 'not a regular file: FIFO; the folder was walked instead' },
    { name: '.git/index a link to /dev/zero', plant: (r) => { fs.rmSync(path.join(r, '.git/index')); devZero(path.join(r, '.git/index')); }, path: '.git/index', code: 'not-a-file', reason: 'not a regular file: character device; the folder was walked instead' },
    { name: 'a FIFO as .cursor/mcp.json', plant: (r) => mkfifo(path.join(r, '.cursor/mcp.json')), path: '.cursor/mcp.json', code: 'not-a-file', reason: 'not a regular file: FIFO' },
    { name: '.mcp.json a link to /dev/zero', plant: (r) => devZero(path.join(r, '.mcp.json')), path: '.mcp.json', code: 'not-a-file', reason: 'not a regular file: character device' },
    { name: 'a socket as .vscode/mcp.json', plant: (r) => socket(path.join(r, '.vscode/mcp.json')), path: '.vscode/mcp.json', code: 'not-a-file', reason: 'not a regular file: socket' },
    { name: 'a folder as .cursor/mcp.json', plant: (r) => fs.mkdirSync(path.join(r, '.cursor/mcp.json'), { recursive: true }), path: '.cursor/mcp.json', code: 'not-a-file', reason: 'not a regular file: folder' },
    { name: 'a FIFO as mcp-tools.lock', plant: (r) => mkfifo(path.join(r, 'mcp-tools.lock')), path: 'mcp-tools.lock', code: 'not-a-file', reason: 'not a regular file: FIFO' },
    { name: 'mcp-tools.lock a link to /dev/zero', plant: (r) => devZero(path.join(r, 'mcp-tools.lock')), path: 'mcp-tools.lock', code: 'not-a-file', reason: 'not a regular file: character device' },
    { name: 'a tool snapshot over 5 MiB', plant: (r) => overCap(path.join(r, 'app.tools.json'), 5 * MiB), path: 'app.tools.json', code: 'too-large', reason: 'too large: is 5.0 MiB (5242881 bytes); the limit for this kind of file is 5 MiB' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const root = gitRepository();
      await c.plant(root);
      const out = tempDir('hostile-out-');
      const result = run(['collect', root, '--out', out]);
      assert.equal(result.code, 0, result.stderr);
      const found = unreadableItems(out).find((u) => u.path === c.path);
      assert.deepEqual(found && { path: found.path, code: found.code, reason: found.reason }, { path: c.path, code: c.code, reason: c.reason });
    });
  }

  it('a FIFO and a link to /dev/zero given as logs', () => {
    const root = tempDir('hostile-logs-');
    const fifo = mkfifo(path.join(root, 'audit.jsonl'));
    const zero = devZero(path.join(root, 'zero.jsonl'));
    const out = tempDir('hostile-out-');
    const result = run(['collect', root, '--logs', fifo, '--logs', zero, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    const logs = unreadableItems(out).filter((u) => u.path.endsWith('.jsonl')).map((u) => [path.basename(u.path), u.code, u.reason]);
    assert.deepEqual(logs, [['audit.jsonl', 'not-a-file', 'not a regular file: FIFO'], ['zero.jsonl', 'not-a-file', 'not a regular file: character device']]);
  });
});

describe('special files given as assessments are input errors naming the file (exit 2)', () => {
  const dir = tempDir('hostile-assessments-');
  const current = write(dir, 'current.json', JSON.stringify(sampleAssessment()));
  const bad: Array<[string, () => string, string]> = [
    ['a FIFO', () => mkfifo(path.join(tempDir('hostile-'), 'baseline.json')), 'not a regular file: FIFO'],
    ['a link to /dev/zero', () => devZero(path.join(tempDir('hostile-'), 'baseline.json')), 'not a regular file: character device'],
    ['a folder', () => folder(path.join(tempDir('hostile-'), 'baseline.json')), 'not a regular file: folder'],
    ['a file over 64 MiB', () => overCap(path.join(tempDir('hostile-'), 'baseline.json'), 64 * MiB), 'too large: is 64.0 MiB (67108865 bytes); the limit for this kind of file is 64 MiB'],
  ];
  const expectRefused = (result: ReturnType<typeof run>, file: string, role: string, reason: string) => {
    assert.equal(result.code, 2, `${result.stdout}\n${result.stderr}`);
    assert.ok(result.stderr.includes(`${file}: cannot read the ${role}: ${reason}`), result.stderr);
  };
  for (const [name, make, reason] of bad) {
    it(`drift with ${name} as the baseline`, () => {
      const file = make();
      expectRefused(run(['drift', file, current]), file, 'baseline', reason);
    });
  }
  it('github check --baseline with a FIFO and with a link to /dev/zero (read before any request)', () => {
    for (const [file, reason] of [[mkfifo(path.join(tempDir('hostile-'), 'baseline.json')), 'not a regular file: FIFO'], [devZero(path.join(tempDir('hostile-'), 'baseline.json')), 'not a regular file: character device']] as const) {
      const result = run(['github', 'check', '--assessment', current, '--baseline', file, '--repo', 'acme/agent', '--sha', 'a'.repeat(40)],
        { GITHUB_TOKEN: 'test-token', GITHUB_API_URL: 'http://127.0.0.1:9' });
      expectRefused(result, file, 'baseline', reason);
    }
  });
  it('assess --previous with a FIFO and with a link to /dev/zero', () => {
    const root = tempDir('hostile-project-');
    write(root, '.mcp.json', JSON.stringify({ mcpServers: { app: { command: 'uvx', args: ['app'] } } }));
    for (const [file, reason] of [[mkfifo(path.join(tempDir('hostile-'), 'previous.json')), 'not a regular file: FIFO'], [devZero(path.join(tempDir('hostile-'), 'previous.json')), 'not a regular file: character device']] as const) {
      expectRefused(run(['assess', root, '--previous', file, '--out', tempDir('hostile-out-'), '--format', 'md']), file, 'previous assessment', reason);
    }
  });
});

describe('attestation evidence that is not a readable regular file refuses the run, naming the attestation (exit 2)', () => {
  /** A project whose one attestation names docs/plan.md, planted by `plant`. */
  const project = (plant: (file: string) => void): string => {
    const root = tempDir('hostile-attest-');
    write(root, 'mcp-comply.yaml', 'organization: Test\nattestations: attestations.yaml\n');
    write(root, 'attestations.yaml', [
      'attestations:', '  - control: MCP-IR-01', '    statement: The incident response plan covers MCP servers.',
      '    evidence: docs/plan.md', '    attestedBy: secops@example.com', '    date: 2026-10-15', '    validUntil: 2027-10-15', '',
    ].join('\n'));
    fs.mkdirSync(path.join(root, 'docs'), { mode: 0o755 });
    plant(path.join(root, 'docs', 'plan.md'));
    return root;
  };
  const expectRefused = (result: { code: number | null; stdout: string; stderr: string }, reason: string) => {
    assert.equal(result.code, 2, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stderr, /attestations\.yaml:4:15: error: evidence file "docs\/plan\.md" cannot be used: (.+) \[evidence-unreadable\]/);
    assert.equal(/cannot be used: (.+) \[evidence-unreadable\]/.exec(result.stderr)![1], reason);
    assert.doesNotMatch(result.stderr, /internal error|EISDIR|at .*\.js:\d+/);
  };
  const assess = (root: string) => ['assess', root, '--config', path.join(root, 'mcp-comply.yaml'), '--out', path.join(root, 'out'), '--format', 'md'];
  const cases: Array<[string, (file: string) => void, string]> = [
    ['a FIFO', (f) => mkfifo(f), 'not a regular file: FIFO'],
    ['a link to /dev/zero', (f) => devZero(f), 'not a regular file: character device'],
    ['a folder', (f) => folder(f), 'not a regular file: folder'],
    ['a file over 32 MiB', (f) => overCap(f, 32 * MiB), 'too large: is 32.0 MiB (33554433 bytes); the limit for this kind of file is 32 MiB'],
  ];
  for (const [name, plant, reason] of cases) {
    it(name, () => expectRefused(run(assess(project(plant))), reason));
  }

  it('an unreadable file (where permissions bind: as root, without the capabilities that override them)', () => {
    const root = project((f) => { fs.writeFileSync(f, 'the plan\n'); fs.chmodSync(f, 0o000); });
    const [command, ...prefix] = [...WHERE_PERMISSIONS_BIND, process.execPath];
    const result = spawnSync(command!, [...prefix, BIN, ...assess(root)], {
      encoding: 'utf8', timeout: TIMEOUT, killSignal: 'SIGKILL', env: { ...process.env, ...CLI_ENV, HOME: root },
    });
    assert.equal(result.signal, null, 'the CLI did not exit by itself');
    expectRefused({ code: result.status, stdout: result.stdout, stderr: result.stderr }, 'permission denied (EACCES)');
  });
});

describe('verify on a bundle whose items.jsonl is a special file', () => {
  const bundle = () => {
    const root = tempDir('hostile-bundle-');
    write(root, '.mcp.json', JSON.stringify({ mcpServers: { app: { command: 'uvx', args: ['app'] } } }));
    const out = tempDir('hostile-out-');
    assert.equal(run(['collect', root, '--out', out]).code, 0);
    const items = path.join(out, 'evidence', 'items.jsonl');
    fs.rmSync(items);
    return { out, items };
  };
  for (const [name, plant, reason] of [
    ['a FIFO', mkfifo, 'not a regular file: FIFO'],
    ['a link to /dev/zero', devZero, 'not a regular file: character device'],
  ] as const) {
    it(`${name}: reported as unreadable, exit 1`, () => {
      const { out, items } = bundle();
      plant(items);
      const result = run(['verify', out]);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stdout, new RegExp(`evidence/items\\.jsonl: unreadable: items\\.jsonl: ${reason}\\n`));
      assert.match(result.stdout, /verification failed: 1 problem\(s\)/);
    });
  }
});
