/** `mcp-comply tools lock`, through lockTools (the function the command calls) and once through commander. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, mock } from 'node:test';
import { Command } from 'commander';
import { check as definitionChanged } from '../../src/checks/mcp/mcp.tools.definition-changed.js';
import { lockTools, registerTools } from '../../src/cli/commands/tools.js';
import { toolSnapshotCollector } from '../../src/collectors/tool-snapshot/index.js';
import { parseToolLock } from '../../src/collectors/tool-snapshot/parse.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { formatProblem, type Problem } from '../../src/lib/problem.js';
import { tempDir } from '../helpers/temp-catalog.js';
import { NOW, runToolCheck } from '../helpers/tool-evidence.js';

const ESTATE = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'tool-snapshot', 'estate');

/** A copy of the fixture estate without its lock and its unreadable files (or with them). */
function estate(options: { keepBroken?: boolean; keepLock?: boolean } = {}): string {
  const dir = tempDir('mcp-comply-tools-');
  fs.cpSync(ESTATE, dir, { recursive: true });
  if (!options.keepBroken) {
    fs.rmSync(path.join(dir, 'mcp-tools', 'broken.json'));
    fs.rmSync(path.join(dir, 'other', 'config.tools.json'));
  }
  if (!options.keepLock) fs.rmSync(path.join(dir, 'mcp-tools.lock'));
  return dir;
}

const lock = (dir: string, name = 'mcp-tools.lock') => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { lockfileVersion: number; servers: Record<string, Record<string, string>> };
const errors = (problems: Problem[]) => problems.filter((p) => p.severity === 'error');

describe('tools lock', () => {
  it('writes a sorted lock of every tool, which definition-changed then finds unchanged', async () => {
    const dir = estate();
    const outcome = await lockTools({ paths: [], cwd: dir, now: NOW });
    assert.equal(outcome.exitCode, 0, outcome.summary);
    assert.deepEqual(errors(outcome.problems), []);
    assert.equal(outcome.output, path.join(dir, 'mcp-tools.lock'));
    const written = lock(dir);
    assert.equal(written.lockfileVersion, 1);
    assert.deepEqual(Object.keys(written.servers), ['filesystem', 'github', 'notes', 'weather']);
    assert.deepEqual(Object.keys(written.servers.filesystem!), ['list_directory', 'read_file']);
    assert.ok(Object.values(written.servers).every((tools) => Object.values(tools).every((h) => /^sha256:[0-9a-f]{64}$/.test(h))));
    assert.equal(written.servers.filesystem!.read_file, lock(ESTATE).servers.filesystem!.read_file);
    assert.match(outcome.summary, /^wrote mcp-tools\.lock: 4 server\(s\), 7 tool\(s\) from 4 snapshot\(s\)\n {2}new lock file/);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temp file left behind');

    const items = await toolSnapshotCollector.collect({ paths: [dir], root: dir, includeUser: false, home: dir, now: NOW });
    const results = runToolCheck(definitionChanged, items);
    assert.deepEqual(results.filter((r) => r.status === 'fail'), []);
    assert.equal(results.length, 7);
  });

  it('is byte-for-byte the same when run twice (sorted, stable)', async () => {
    const dir = estate();
    await lockTools({ paths: ['.'], cwd: dir, now: NOW });
    const first = fs.readFileSync(path.join(dir, 'mcp-tools.lock'), 'utf8');
    const again = await lockTools({ paths: ['.'], cwd: dir, now: NOW });
    assert.equal(fs.readFileSync(path.join(dir, 'mcp-tools.lock'), 'utf8'), first);
    assert.deepEqual(again.changes, { added: [], changed: [], removed: [], keptServers: [] });
    assert.match(first, /^\{\n {2}"lockfileVersion": 1,\n {2}"servers": \{\n {4}"filesystem": \{\n/);
  });

  it('refuses with exit 2 and file:line:column problems when a snapshot cannot be read, writing nothing', async () => {
    const dir = estate({ keepBroken: true });
    const outcome = await lockTools({ paths: [], cwd: dir, now: NOW });
    assert.equal(outcome.exitCode, 2);
    assert.equal(outcome.written, false);
    assert.equal(fs.existsSync(path.join(dir, 'mcp-tools.lock')), false);
    assert.deepEqual(errors(outcome.problems).map((p) => formatProblem(p, dir)).sort(), [
      'mcp-tools/broken.json:4:5: error: not valid JSON: comma expected [parse-error]',
      'other/config.tools.json:1:1: error: not a tool snapshot: no "tools", "prompts" or "resources" list; expected a tools/list, prompts/list or resources/list result (bare or in a JSON-RPC response), an InitializeResult, an mcp-scan signature or scan result, one tool ({"name", "inputSchema"}), or a JSON array of tools [unknown-shape]',
    ]);
    assert.match(outcome.summary, /^nothing written to mcp-tools\.lock: 2 error\(s\)$/);
  });

  it('updates a previous lock: reports what changed, replaces the servers it saw, keeps the others', async () => {
    const dir = estate({ keepLock: true });
    // The fixture lock approves an older list_directory, has github/delete_repo, and a slack server with no snapshot.
    const outcome = await lockTools({ paths: [], cwd: dir, now: NOW });
    assert.equal(outcome.exitCode, 0, outcome.summary);
    assert.deepEqual(outcome.changes, {
      added: ['github/search_issues', 'notes/add_note', 'notes/search_notes', 'weather/get_forecast'],
      changed: ['filesystem/list_directory'],
      removed: ['github/delete_repo'],
      keptServers: ['slack'],
    });
    const written = lock(dir);
    assert.deepEqual(Object.keys(written.servers), ['filesystem', 'github', 'notes', 'slack', 'weather']);
    assert.equal(written.servers.github!.delete_repo, undefined);
    assert.equal(written.servers.slack!.post_message, lock(ESTATE).servers.slack!.post_message);
    assert.match(outcome.summary, /since the previous lock: 4 added, 1 changed, 1 removed\n/);
    assert.match(outcome.summary, /\n {4}changed filesystem\/list_directory\n/);
    assert.match(outcome.summary, /kept 1 server\(s\) of the previous lock that no snapshot here covers: slack/);
  });

  it('warns about poisoning patterns in what it approves, without refusing', async () => {
    const dir = estate();
    const outcome = await lockTools({ paths: [], cwd: dir, now: NOW });
    const warnings = outcome.problems.filter((p) => p.code === 'mcp.tools.poisoning-pattern');
    assert.ok(warnings.length >= 5, JSON.stringify(warnings));
    assert.ok(warnings.every((w) => w.severity === 'warning'));
    assert.ok(warnings.some((w) => formatProblem(w, dir).startsWith('mcp-tools/notes.json:11:11: warning: critical: Tool "add_note" of server "notes" (parameter name inputSchema/properties/sidenote)')));
    assert.match(outcome.summary, /warning: \d+ poisoning pattern\(s\) of high or critical severity/);
  });

  it('writes to --output, creating its folder, from the snapshots of one path only', async () => {
    const dir = estate();
    const outcome = await lockTools({ paths: ['signatures'], cwd: dir, output: 'approved/tools.lock', now: NOW });
    assert.equal(outcome.exitCode, 0, outcome.summary);
    const written = lock(dir, 'approved/tools.lock');
    assert.deepEqual(Object.keys(written.servers), ['weather']);
    assert.deepEqual(Object.keys(written.servers.weather!), ['get_forecast']);
    assert.equal(outcome.tools, 1);
    assert.equal(fs.existsSync(path.join(dir, 'mcp-tools.lock')), false);
  });

  it('refuses two different definitions of one tool', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.tools.json'), '{"server":"s","tools":[{"name":"t","description":"one"}]}');
    fs.writeFileSync(path.join(dir, 'b.tools.json'), '{"server":"s","tools":[\n  {"name":"t","description":"two"}]}');
    const outcome = await lockTools({ paths: [], cwd: dir, now: NOW });
    assert.equal(outcome.exitCode, 2);
    assert.deepEqual(errors(outcome.problems).map((p) => formatProblem(p, dir)), [
      'b.tools.json:2:3: error: tool "t" of server "s" is defined differently in a.tools.json; a lock pins one definition per tool [conflicting-definition]',
    ]);
  });

  it('refuses when there is no snapshot or a path does not exist', async () => {
    const empty = tempDir();
    const none = await lockTools({ paths: [], cwd: empty, now: NOW });
    assert.deepEqual([none.exitCode, none.problems.map((p) => p.code)], [2, ['no-snapshots']]);
    const missing = await lockTools({ paths: ['nope'], cwd: empty, now: NOW });
    assert.deepEqual([missing.exitCode, missing.problems.map((p) => formatProblem(p, empty))], [2, ['nope: error: path does not exist [not-found]']]);
    assert.equal(fs.existsSync(path.join(empty, 'mcp-tools.lock')), false);
  });

  it('replaces an unreadable previous lock, with a warning', async () => {
    const dir = estate();
    fs.writeFileSync(path.join(dir, 'mcp-tools.lock'), '<<<<<<< HEAD\n');
    const outcome = await lockTools({ paths: [], cwd: dir, now: NOW });
    assert.equal(outcome.exitCode, 0, outcome.summary);
    assert.ok(outcome.problems.some((p) => p.severity === 'warning' && p.file === path.join(dir, 'mcp-tools.lock')));
    assert.ok(parseToolLock(fs.readFileSync(path.join(dir, 'mcp-tools.lock'), 'utf8'), 'mcp-tools.lock').lock);
  });

  it('is wired as "tools lock [paths...] --output FILE", with the summary on stderr', async (t) => {
    const dir = estate();
    const stderr: string[] = [];
    t.mock.method(process.stderr, 'write', (chunk: string) => { stderr.push(String(chunk)); return true; });
    const saved = process.exitCode;
    try {
      const program = new Command('mcp-comply').exitOverride();
      registerTools(program);
      await program.parseAsync(['node', 'mcp-comply', 'tools', 'lock', dir, '--output', path.join(dir, 'out.lock')]);
      assert.equal(process.exitCode, 0);
    } finally {
      process.exitCode = saved;
      mock.restoreAll();
    }
    assert.ok(fs.existsSync(path.join(dir, 'out.lock')));
    assert.match(stderr.join(''), /wrote .*out\.lock: 4 server\(s\), 7 tool\(s\)/);
  });
});
