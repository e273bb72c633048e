/**
 * Names a pull request can choose (an MCP server's, a folder's) that try to act on whoever reads the
 * output: workflow commands for the GitHub Actions runner (`::add-mask::`, `::error file=...::`,
 * `::stop-commands::`, the legacy `##[...]` anywhere in a line) and ESC, OSC, C1 and bidi sequences for a
 * terminal. Every printer must show them, escaped, on the line they belong to (issue 16).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Assessment } from '../../src/engine/assessment.js';
import { gateOfAssessment, planCheckRun } from '../../src/github/check-run.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const COMMANDS = 'x\n::add-mask::Failing\n::error file=a,line=1::forged\n::stop-commands::abc';
const DISGUISES = ' \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \x1b[2K\r\x1b[8mhidden \x9b2K \u202Eevil\u200B ##[warning]legacy';
const SERVER = COMMANDS + DISGUISES;
const FOLDER = 'sub\n::error file=b,line=2::folder';
// As printable() shows them.
const SHOWN_SERVER = 'x\\n::add-mask::Failing\\n::error file=a,line=1::forged\\n::stop-commands::abc'
  + ' \\x1b]8;;https://evil.example\\x07link\\x1b]8;;\\x07 \\x1b[2K\\r\\x1b[8mhidden \\x9b2K \\u202eevil\\u200b ##\\x5bwarning]legacy';
const SHOWN_FOLDER = 'sub\\n::error file=b,line=2::folder';

// What a terminal or a log viewer obeys rather than shows (tab and line feed are text).
const ACTING = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

/** No line the runner reads as a workflow command, and nothing a terminal acts on. */
function assertInert(output: string, what: string): void {
  for (const line of output.split('\n')) {
    assert.doesNotMatch(line, /^\s*::/, `${what}: a workflow command: ${JSON.stringify(line)}`);
    assert.ok(!line.includes('##['), `${what}: a legacy workflow command: ${JSON.stringify(line)}`);
    assert.doesNotMatch(line, ACTING, `${what}: a control character: ${JSON.stringify(line)}`);
  }
}

const mcpJson = JSON.stringify({ mcpServers: { [SERVER]: { url: 'http://mcp.example.com/mcp' } } }, null, 2);

describe('hostile server and folder names (built CLI)', () => {
  const project = tempDir('hostile-');
  const out = tempDir('hostile-out-');
  const empty = tempDir('hostile-baseline-');
  const current = path.join(out, 'assessment.json');
  const baseline = path.join(empty, 'out', 'assessment.json');
  let assess: ReturnType<typeof runCli>;
  before(() => {
    write(project, '.cursor/mcp.json', mcpJson);
    write(project, `${FOLDER}/.cursor/mcp.json`, mcpJson);
    // The full profile, as the Action's job summary renders it: every finding in report.md.
    assess = runCli(['assess', project, '--out', out, '--format', 'md', '--profile', 'full']);
    const clean = runCli(['assess', empty, '--out', path.dirname(baseline), '--fail-on', 'none']);
    assert.equal(clean.code, 0, clean.stderr);
  });

  it('assess prints the names escaped, each finding on its line', () => {
    assert.equal(assess.code, 1, assess.stderr);
    assertInert(assess.stdout, 'assess stdout');
    assertInert(assess.stderr, 'assess stderr');
    assert.match(assess.stdout, new RegExp(`^ {2}high +\\.cursor/mcp\\.json:4:\\d+ +mcp\\.transport\\.plaintext-http +Server "${escapeRegExp(SHOWN_SERVER)}" in the Cursor`, 'm'));
    assert.match(assess.stdout, new RegExp(`^ {2}high +${escapeRegExp(SHOWN_FOLDER)}/\\.cursor/mcp\\.json:4:\\d+ `, 'm'));
  });

  it('report.md (the job summary without a baseline) keeps them inert and in their table cells', () => {
    const md = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    assertInert(md, 'report.md');
    assert.ok(md.includes('Server "x\\\\n::add\\-mask::Failing\\\\n::error file=a,line=1::forged\\\\n::stop\\-commands::abc \\\\x1b\\]8;;'), md);
  });

  it('drift --format text', () => {
    const run = runCli(['drift', baseline, current]);
    assert.equal(run.code, 1, run.stderr);
    assertInert(run.stdout, 'drift text');
    assert.match(run.stdout, new RegExp(`^ {2}high {5}${escapeRegExp(SHOWN_FOLDER)}/\\.cursor/mcp\\.json:4:\\d+ {2}mcp\\.transport\\.plaintext-http {2}Server "${escapeRegExp(SHOWN_SERVER)}"`, 'm'));
  });

  it('drift --format md (the job summary and the pull-request comment)', () => {
    const run = runCli(['drift', baseline, current, '--format', 'md']);
    assert.equal(run.code, 1, run.stderr);
    assertInert(run.stdout, 'drift md');
    assert.ok(run.stdout.includes('| High | sub\\\\n::error file=b,line=2::folder/\\.cursor/mcp\\.json:4:'), run.stdout);
    assert.ok(run.stdout.includes('\\\\u202eevil\\\\u200b \\#\\#\\\\x5bwarning\\]legacy'), run.stdout);
  });

  it('drift --format json is the same data, and inert', () => {
    const run = runCli(['drift', baseline, current, '--format', 'json']);
    assertInert(run.stdout, 'drift json');
    const drift = JSON.parse(run.stdout) as { failing: Array<{ message: string; location: { path: string } }> };
    assert.ok(drift.failing.some((f) => f.message.includes(`Server "${SERVER}"`)));
    assert.ok(drift.failing.some((f) => f.location.path.startsWith(`${FOLDER}/`)));
  });

  it('the check run: annotations and title printable, summary inert', () => {
    const assessment = JSON.parse(fs.readFileSync(current, 'utf8')) as Assessment;
    const plan = planCheckRun(gateOfAssessment(assessment), { name: 'mcp-comply' });
    assertInert(plan.summary, 'check summary');
    assertInert(plan.title, 'check title');
    assert.ok(plan.annotations.length > 0);
    for (const annotation of plan.annotations) {
      assertInert(annotation.message, 'annotation message');
      assert.ok(annotation.message.startsWith(`Server "${SHOWN_SERVER}"`), annotation.message);
    }
    assert.ok(plan.annotations.some((a) => a.path === `${FOLDER}/.cursor/mcp.json`), 'the path is GitHub\'s file name, as it is');
  });

  it('collect, and verify of a bundle altered since, name the folder escaped', () => {
    const bundle = tempDir('hostile-bundle-');
    const collect = runCli(['collect', project, '--out', bundle]);
    assert.equal(collect.code, 0, collect.stderr);
    assertInert(collect.stdout + collect.stderr, 'collect');
    const items = path.join(bundle, 'evidence', 'items.jsonl');
    fs.writeFileSync(items, fs.readFileSync(items, 'utf8').replaceAll('mcp.example.com', 'mcp.example.org'));
    const verify = runCli(['verify', bundle]);
    assert.equal(verify.code, 1, verify.stderr);
    assertInert(verify.stdout, 'verify');
    assert.match(verify.stdout, new RegExp(`: altered: mcp-config:${escapeRegExp(SHOWN_FOLDER)}/\\.cursor/mcp\\.json: sha256 is `));
  });

  it('tools lock names a tool added since the last lock escaped', () => {
    const dir = tempDir('hostile-tools-');
    const tool = (name: string) => ({ name, description: 'x', inputSchema: { type: 'object' } });
    write(dir, 'srv.tools.json', JSON.stringify({ tools: [tool('ok')] }));
    assert.equal(runCli(['tools', 'lock', dir, '--output', path.join(dir, 'mcp-tools.lock')]).code, 0);
    write(dir, 'srv.tools.json', JSON.stringify({ tools: [tool('ok'), tool(SERVER)] }));
    const run = runCli(['tools', 'lock', dir, '--output', path.join(dir, 'mcp-tools.lock')]);
    assert.equal(run.code, 0, run.stderr);
    assertInert(run.stderr, 'tools lock');
    assert.ok(run.stderr.includes(`\n    added srv/${SHOWN_SERVER}\n`), run.stderr);
  });

  it('validate names a hostile key of a catalog without printing it', () => {
    const catalog = tempDir('hostile-catalog-');
    write(catalog, 'controls/zz.yaml', `controls:\n  - id: MCP-ZZ-01\n    ${JSON.stringify('x\n::error file=a,line=1::forged \x1b[2K\u202E')}: 1\n`);
    const run = runCli(['validate', '--catalog', catalog]);
    assert.equal(run.code, 2, run.stderr);
    assertInert(run.stdout, 'validate');
    // Not a plain name (it could as well be a line of a file that is not YAML): described, not quoted.
    assert.match(run.stdout, /^\S+\/controls\/zz\.yaml:3:5: error: controls\[0\] has unknown property "<a name of \d+ characters, not shown>" \[schema\]$/m);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
