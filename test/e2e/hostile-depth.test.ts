/**
 * Documents nested 100,000 deep in files a repository supplies (issue 16): JSON, JSONC, YAML (flow
 * and block) and TOML (inline arrays, dotted keys) become `too-deep` unreadable-source items with the
 * line and column where the limit (1000 levels) was passed, never an internal error, and the run goes
 * on; a document exactly at the limit is read like any other. Runs have a timeout, so a regression
 * fails instead of hanging the suite.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { EvidenceItem, UnreadableSource } from '../../src/evidence/types.js';
import { MAX_NESTING_DEPTH } from '../../src/lib/nesting-depth.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const TIMEOUT = 60_000;
const DEEP = 100_000;
const LIMIT = MAX_NESTING_DEPTH;

const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const objects = (depth: number) => '{"k":'.repeat(depth) + '1' + '}'.repeat(depth);

function assess(root: string): { code: number | null; stdout: string; stderr: string; items: EvidenceItem[] } {
  const out = tempDir('hostile-depth-out-');
  const result = runCli(['assess', root, '--out', out, '--format', 'md'], { timeout: TIMEOUT });
  assert.equal(result.signal, null, `the CLI did not exit by itself within ${TIMEOUT} ms (killed by ${result.signal})`);
  const items = fs.readFileSync(path.join(out, 'evidence', 'items.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as EvidenceItem);
  return { ...result, items };
}

/** A git repository with nothing committed: the repository collector walks it (and reads workflows and manifests). */
function gitRepository(prefix: string): string {
  const root = tempDir(prefix);
  assert.equal(spawnSync('git', ['init', '-q'], { cwd: root }).status, 0);
  return root;
}

const unreadable = (items: EvidenceItem[]) => items.filter((i) => i.kind === 'unreadable-source').map((i) => i.data as UnreadableSource);

describe('configurations nested 100,000 deep are unreadable-source items with where the limit was passed', () => {
  // Each file: its text, and the line and column of the collection that opens level 1001 (levels counted from the outermost).
  const files: Array<{ name: string; path: string; text: string; line: number; column: number; reason: string }> = [
    {
      // `{` is level 1, the run's first `[` level 2: its 1000th bracket opens level 1001.
      name: 'JSON arrays', path: '.cursor/mcp.json', text: `{"mcpServers":${arrays(DEEP)}}`,
      line: 1, column: '{"mcpServers":'.length + 1000, reason: 'cannot be parsed as JSON: nested deeper than 1000 levels',
    },
    {
      // Levels 1 to 3 before the run (root, mcpServers, a), so its 998th object opens level 1001.
      name: 'JSONC objects, after a comment', path: '.vscode/mcp.json', text: `// team servers\n{"servers":{"a":{"command":"x","env":${objects(DEEP)}}}}`,
      line: 2, column: '{"servers":{"a":{"command":"x","env":'.length + 5 * 997 + 1, reason: 'cannot be parsed as JSON: nested deeper than 1000 levels',
    },
    {
      // Root map, the sequence, the server's map: the flow run starts at level 4.
      name: 'YAML flow sequences', path: '.continue/config.yaml', text: `mcpServers:\n  - name: a\n    command: x\n    args: ${arrays(DEEP)}\n`,
      line: 4, column: '    args: '.length + 998, reason: 'cannot be parsed as YAML: nested deeper than 1000 levels',
    },
    {
      // The root table, mcp_servers, a: the inline run starts at level 4.
      name: 'TOML inline arrays', path: '.codex/config.toml', text: `[mcp_servers.a]\ncommand = "x"\nargs = ${arrays(DEEP)}\n`,
      line: 3, column: 'args = '.length + 998, reason: 'cannot be parsed as TOML: nested deeper than 1000 levels',
    },
  ];

  const root = gitRepository('hostile-depth-');
  for (const f of files) write(root, f.path, f.text);
  // Read by the repository collector: block YAML (no brackets at all) and TOML dotted keys.
  write(root, '.github/workflows/ci.yml', `on: push\njobs:\n  ${'- '.repeat(DEEP)}x\n`);
  write(root, 'pyproject.toml', `[project]\nname = "app"\n${Array.from({ length: DEEP }, () => 'a').join('.')} = 1\n`);
  write(root, 'app.tools.json', `{"tools":[{"name":"d","inputSchema":${objects(DEEP)}}]}`);

  let run: ReturnType<typeof assess> | undefined;
  const result = () => (run ??= assess(root));

  it('the run completes (no usage or internal error) and names every file in its summary', { timeout: TIMEOUT }, () => {
    const { code, stdout, stderr, items } = result();
    assert.notEqual(code, 2, stderr);
    assert.deepEqual(unreadable(items).filter((u) => u.code === 'internal-error'), []);
    for (const f of files) assert.ok(`${stdout}${stderr}`.includes(`${f.path}:${f.line}:${f.column}: too-deep: ${f.reason}`), `${f.path} in the summary:\n${stdout}${stderr}`);
  });

  for (const f of files) {
    it(f.name, { timeout: TIMEOUT }, () => {
      assert.deepEqual(unreadable(result().items).filter((u) => u.path === f.path), [{ path: f.path, code: 'too-deep', reason: f.reason, line: f.line, column: f.column }]);
    });
  }

  it('YAML block sequences, TOML dotted keys and a tool snapshot', { timeout: TIMEOUT }, () => {
    const found = unreadable(result().items).filter((u) => ['.github/workflows/ci.yml', 'pyproject.toml', 'app.tools.json'].includes(u.path));
    assert.deepEqual(found.map((u) => [u.path, u.code, u.reason, u.line, u.column]).sort(), [
      // The root map is level 1, the first `- ` level 2: the 1000th opens level 1001.
      ['.github/workflows/ci.yml', 'too-deep', 'nested deeper than 1000 levels', 3, 3 + 2 * 999],
      // Three levels before the run ({, [, {): its 998th object opens level 1001.
      ['app.tools.json', 'too-deep', 'nested deeper than 1000 levels', 1, '{"tools":[{"name":"d","inputSchema":'.length + 5 * 997 + 1],
      // A dotted key that makes more than 1000 tables (with the root and [project]) is named where it starts.
      ['pyproject.toml', 'too-deep', 'nested deeper than 1000 levels', 3, 1],
    ]);
  });
});

describe(`configurations exactly ${LIMIT} levels deep are read`, () => {
  it('JSON, YAML and TOML at the limit: no too-deep, no internal error', { timeout: TIMEOUT }, () => {
    const root = gitRepository('hostile-depth-limit-');
    write(root, '.cursor/mcp.json', `{"mcpServers":{"a":{"command":"x","env":${objects(LIMIT - 3)}}}}`);
    write(root, '.continue/config.yaml', `mcpServers:\n  - name: a\n    command: x\n    args: ${arrays(LIMIT - 3)}\n`);
    write(root, '.codex/config.toml', `[mcp_servers.a]\ncommand = "x"\nargs = ${arrays(LIMIT - 3)}\n`);
    write(root, '.github/workflows/ci.yml', `on: push\njobs:\n  ${'- '.repeat(LIMIT - 1)}x\n`);
    const { code, stderr, items } = assess(root);
    assert.notEqual(code, 2, stderr);
    assert.deepEqual(unreadable(items).filter((u) => u.code === 'internal-error' || u.code === 'too-deep'), []);
  });
});
