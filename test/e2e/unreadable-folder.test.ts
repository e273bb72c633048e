/**
 * A folder the user cannot read, met by two collectors (MCP discovery and the repository walk), is
 * reported by each and the run goes on: it once aborted the whole run ("two evidence items share the
 * id"). The CLI runs where permissions bind (WHERE_PERMISSIONS_BIND: as root, without the capabilities
 * that override them).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Assessment } from '../../src/engine/assessment.js';
import { BIN, CLI_ENV, WHERE_PERMISSIONS_BIND } from '../helpers/cli.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

/** Runs the built CLI where permissions bind. */
function runCliBoundByPermissions(args: string[], cwd: string) {
  const [command, ...prefix] = [...WHERE_PERMISSIONS_BIND, process.execPath];
  const result = spawnSync(command!, [...prefix, BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...CLI_ENV, HOME: cwd }, timeout: 120_000 });
  assert.equal(result.error, undefined, `${command}: ${result.error?.message}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('an unreadable folder (where permissions bind)', () => {
  it('is reported by each collector that meets it, and the assessment is written', () => {
    const root = tempDir('unreadable-folder-');
    const project = path.join(root, 'project');
    write(project, '.cursor/mcp.json', JSON.stringify({ mcpServers: { files: { command: 'npx', args: ['-y', '@acme/files-mcp@1.2.3'] } } }));
    write(project, 'locked/.cursor/mcp.json', '{}');
    fs.chmodSync(path.join(project, 'locked'), 0o000);
    const out = path.join(root, 'out');

    const run = runCliBoundByPermissions(['assess', 'project', '--out', 'out', '--fail-on', 'none'], root);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /internal error/);
    assert.match(run.stdout, /2 source\(s\) could not be read:\n {2}locked: permission-denied: .*\n {2}locked: permission-denied: /);

    const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
    const unreadable = assessment.evidence.items.filter((item) => item.kind === 'unreadable-source').map((item) => [item.id, item.collector]);
    assert.deepEqual(unreadable, [['unreadable-source:mcp-config:locked', 'mcp-config'], ['unreadable-source:repo:locked', 'repo']]);
    // The readable rest was still assessed.
    assert.ok(assessment.findings.length + assessment.checks.length > 0);
    assert.ok(assessment.evidence.items.some((item) => item.id === 'mcp-config:.cursor/mcp.json'));
  });
});
