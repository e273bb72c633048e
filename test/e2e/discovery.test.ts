/**
 * The built CLI on files named on the command line (each read by the collector that recognises it,
 * reported unreadable only when none does) and on a folder with skipped candidates (a count in the
 * summary, one line each with --verbose, all of them in assessment.json's discovery summary).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Assessment } from '../../src/engine/assessment.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const assess = (cwd: string, ...args: string[]) => runCli(['assess', ...args, '--out', 'out', '--fail-on', 'none'], { cwd });
const assessmentIn = (cwd: string) => JSON.parse(fs.readFileSync(path.join(cwd, 'out', 'assessment.json'), 'utf8')) as Assessment;

describe('a file named on the command line', () => {
  const root = tempDir('named-file-');
  fs.copyFileSync(path.join(PACKAGE_ROOT, 'test/fixtures/tool-snapshot/estate/github.tools.json'), path.join(root, 'github.tools.json'));
  fs.copyFileSync(path.join(PACKAGE_ROOT, 'test/collectors/logs/fixtures/gateway.jsonl'), path.join(root, 'gateway.jsonl'));
  write(root, '.mcp.json', JSON.stringify({ serena: { command: 'uvx', args: ['serena'] } }));
  write(root, 'agents.json', JSON.stringify({ mcpServers: { files: { command: 'npx', args: ['-y', '@acme/files-mcp@1.2.3'] } } }));
  write(root, 'notes.txt', 'hello\n');

  const cases: Array<{ file: string; kinds: string[]; summary: RegExp }> = [
    { file: '.mcp.json', kinds: ['mcp-config:.mcp.json'], summary: /^Assessed 1 MCP configuration file\(s\), 0 tool snapshot\(s\), 0 log file\(s\)/m },
    { file: 'agents.json', kinds: ['mcp-config:agents.json'], summary: /^Assessed 1 MCP configuration file\(s\), 0 tool snapshot\(s\), 0 log file\(s\)/m },
    { file: 'github.tools.json', kinds: ['tool-snapshot:github.tools.json'], summary: /^Assessed 0 MCP configuration file\(s\), 1 tool snapshot\(s\), 0 log file\(s\)/m },
    { file: 'gateway.jsonl', kinds: ['log-source:gateway.jsonl'], summary: /^Assessed 0 MCP configuration file\(s\), 0 tool snapshot\(s\), 1 log file\(s\)/m },
  ];
  for (const c of cases) {
    it(`${c.file} is read by the collector that recognises it, and no other reports it`, () => {
      const run = assess(root, c.file);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, c.summary);
      assert.doesNotMatch(run.stdout, /could not be read/);
      const assessment = assessmentIn(root);
      const items = assessment.evidence.items.map((i) => i.id).filter((id) => !id.startsWith('discovery:') && !id.startsWith('advisor'));
      assert.deepEqual(items.filter((id) => !id.startsWith('repository:')), c.kinds);
      assert.deepEqual(assessment.evidence.unreadable, []);
      assert.deepEqual(assessment.evidence.discovery?.skipped, []);
    });
  }

  it('a file no collector reads is reported unreadable, with the reason', () => {
    const run = assess(root, 'notes.txt');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^1 source\(s\) could not be read:\n {2}notes\.txt:1:1: parse-error: is not an MCP configuration, tool snapshot or log that mcp-comply reads: it cannot be parsed as JSON: invalid symbol$/m);
    assert.deepEqual(assessmentIn(root).evidence.unreadable, [{
      path: 'notes.txt', code: 'parse-error', line: 1, column: 1,
      reason: 'is not an MCP configuration, tool snapshot or log that mcp-comply reads: it cannot be parsed as JSON: invalid symbol',
    }]);
  });
});

describe('skipped candidates', () => {
  const root = tempDir('skipped-');
  write(root, 'project/.cursor/mcp.json', JSON.stringify({ mcpServers: { files: { command: 'npx', args: ['-y', '@acme/files-mcp@1.2.3'] } } }));
  write(root, 'project/.vscode/mcp.json', '{ "servers": ');
  write(root, 'project/ai/mcp.yaml', 'mcpServers:\n  - name: a\n    command: [\n');
  write(root, 'project/node_modules/x/.mcp.json', '{}');
  // In the order of the walk: a folder's skipped subfolders as it is listed, then its files, then its subfolders.
  const skipped = [
    { path: 'node_modules', reason: 'dependency folder' },
    { path: '.vscode/mcp.json', reason: 'cannot be parsed as JSON: value expected (line 1, column 14)' },
    { path: 'ai/mcp.yaml', reason: 'mentions MCP servers but cannot be parsed as YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (line 4, column 1)' },
  ];

  it('are counted in the summary, and are all in assessment.json\'s discovery summary', () => {
    const run = assess(root, 'project');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Discovery: 3 file\(s\) examined, 1 sniffed for MCP content, 1 configuration\(s\) parsed, 3 skipped \(--verbose lists them with their reasons\)$/m);
    assert.doesNotMatch(run.stdout, / — /);
    assert.deepEqual(assessmentIn(root).evidence.discovery, {
      roots: ['.'], includeUser: false, filesExamined: 3, filesSniffed: 1, configsParsed: 1, serversFound: 1, skipped,
    });
  });

  it('are listed one a line with their reason under --verbose', () => {
    const run = assess(root, 'project', '--verbose');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^Discovery: 3 file\\(s\\) examined, 1 sniffed for MCP content, 1 configuration\\(s\\) parsed, 3 skipped:\n${
      skipped.map((s) => `  ${s.path} — ${s.reason}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\n')}$`, 'm'));
  });
});
