/**
 * The GitHub Action (action.yml) and its workflow examples, as far as they can be tested without GitHub:
 * the metadata (inputs declared and used, no expression inside a script, pinned actions, outputs that
 * exist), then the composite's shell steps run in order with the environment Actions would give them
 * (`uses:` steps skipped, the build skipped by MCP_COMPLY_SKIP_BUILD=1 as dist/ is built by `npm test`),
 * then the workflow examples.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import type { Log } from 'sarif';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { CLI_ENV, runCli } from '../helpers/cli.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface ActionFile {
  name: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }>;
}

/** As Actions gives it: no trailing slash. */
const ACTION_PATH = path.resolve(PACKAGE_ROOT);
const readYaml = <T>(file: string): T => parse(fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8')) as T;
const action = readYaml<ActionFile>('action.yml');
const steps = action.runs.steps;
const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
/** Every `${{ ... }}` in a value (with:, env:, outputs, defaults) or an `if:` (which may omit the braces). */
const expressionsIn = (text: string) => [...text.matchAll(EXPRESSION)].map((m) => m[1]!.trim());
const inputRefs = (expression: string) => [...expression.matchAll(/\binputs\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
/** Every place an expression may appear in a step, with the step's `if:` as an expression of its own. */
const stepExpressions = (step: Step) => [
  ...(step.if ? [step.if.replace(/^\$\{\{|\}\}$/g, '')] : []),
  ...Object.values({ ...step.env, ...step.with }).flatMap((v) => expressionsIn(String(v))),
];

// ---------------------------------------------------------------------------------------------------
// A small evaluator for the expressions the action uses: context paths (inputs.x, steps.id.outputs.y,
// github.event.pull_request.head.sha), string literals, ==, !=, && and ||. Anything else throws, so a
// new construct in action.yml fails here loudly rather than being run wrongly.
type Context = Record<string, unknown>;

function evaluate(expression: string, context: Context): string | boolean {
  const or = expression.split('||').map((s) => s.trim());
  if (or.length > 1) {
    for (const part of or) { const v = evaluate(part, context); if (v !== '' && v !== false) return v; }
    return '';
  }
  const and = expression.split('&&').map((s) => s.trim());
  if (and.length > 1) return and.every((part) => { const v = evaluate(part, context); return v !== '' && v !== false; });
  const comparison = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(expression);
  if (comparison) {
    // GitHub compares strings without regard to case.
    const equal = String(evaluate(comparison[1]!, context)).toLowerCase() === String(evaluate(comparison[3]!, context)).toLowerCase();
    return comparison[2] === '==' ? equal : !equal;
  }
  const literal = /^'((?:[^']|'')*)'$/.exec(expression);
  if (literal) return literal[1]!.replace(/''/g, "'");
  if (!/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/.test(expression)) throw new Error(`the test's evaluator does not support: ${expression}`);
  let value: unknown = context;
  for (const key of expression.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value === undefined || value === null ? '' : typeof value === 'boolean' ? value : String(value);
}

const interpolate = (text: string, context: Context) => text.replace(EXPRESSION, (_, e: string) => String(evaluate(e.trim(), context)));

/** Reads a GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks. */
function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      outputs[block[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

interface StepRun { name: string; status: 'ran' | 'skipped: uses' | 'skipped: if'; code?: number; stdout?: string; stderr?: string }
interface ActionRun {
  steps: StepRun[];
  /** The step that failed, as Actions would stop there; undefined when all passed. */
  failedStep?: string;
  outputs: Record<string, string>;
  stepOutputs: Record<string, Record<string, string>>;
  summary: string;
  workspace: string;
}

/** bash as the runner starts it for `shell: bash`; asynchronous, so a fake API in this process can answer. */
function runBash(scriptFile: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * Runs the composite's `run:` steps in order as the runner would (bash -e -o pipefail, cwd the workspace,
 * one GITHUB_OUTPUT file a step, a shared GITHUB_STEP_SUMMARY), skipping `uses:` steps.
 */
async function runAction(workspace: string, given: Record<string, string>, extraEnv: NodeJS.ProcessEnv = {}): Promise<ActionRun> {
  const runnerTemp = tempDir('action-runner-');
  const summaryFile = path.join(runnerTemp, 'step-summary.md');
  fs.writeFileSync(summaryFile, '');
  const github = {
    token: 'ghs_testtoken', sha: 'a'.repeat(40), repository: 'acme/estate', action_path: ACTION_PATH, workspace,
    event: { pull_request: { head: { sha: 'b'.repeat(40) } } },
  };
  const context: Context = { github, runner: { os: 'Linux', temp: runnerTemp }, steps: {} };
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) inputs[name] = given[name] ?? interpolate(String(spec.default ?? ''), context);
  for (const name of Object.keys(given)) assert.ok(name in action.inputs, `input ${name} is not declared`);
  context.inputs = inputs;
  const stepOutputs: Record<string, Record<string, string>> = {};
  const contextSteps: Record<string, { outputs: Record<string, string> }> = {};
  context.steps = contextSteps;
  const run: ActionRun = { steps: [], outputs: {}, stepOutputs, summary: '', workspace };

  for (const [index, step] of steps.entries()) {
    const name = step.name ?? step.id ?? `step ${index + 1}`;
    if (step.if && evaluate(step.if.replace(/^\$\{\{|\}\}$/g, '').trim(), context) !== true) { run.steps.push({ name, status: 'skipped: if' }); continue; }
    if (step.uses) { run.steps.push({ name, status: 'skipped: uses' }); continue; }
    const outputFile = path.join(runnerTemp, `output-${index}`);
    fs.writeFileSync(outputFile, '');
    const scriptFile = path.join(runnerTemp, `step-${index}.sh`);
    fs.writeFileSync(scriptFile, step.run!);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH, HOME: process.env.HOME, ...CLI_ENV,
      CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_ACTION_PATH: ACTION_PATH, GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: runnerTemp, RUNNER_OS: 'Linux',
      GITHUB_REPOSITORY: github.repository, GITHUB_SHA: github.sha, GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '42',
      GITHUB_API_URL: 'http://127.0.0.1:9', MCP_COMPLY_SKIP_BUILD: '1',
      ...extraEnv,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v), context)])),
    };
    assert.equal(step.shell, 'bash', `${name}: shell`);
    const result = await runBash(scriptFile, path.resolve(workspace, step['working-directory'] ?? '.'), env);
    run.steps.push({ name, status: 'ran', ...result });
    if (step.id) {
      stepOutputs[step.id] = readOutputs(outputFile);
      contextSteps[step.id] = { outputs: stepOutputs[step.id]! };
    }
    if (result.code !== 0) { run.failedStep = name; break; }
  }
  for (const [name, spec] of Object.entries(action.outputs)) run.outputs[name] = interpolate(spec.value, context);
  run.summary = fs.readFileSync(summaryFile, 'utf8');
  return run;
}

const stepNamed = (run: ActionRun, name: string) => run.steps.find((s) => s.name === name);
const log = (run: ActionRun) => run.steps.map((s) => `--- ${s.name}: ${s.status} ${s.code ?? ''}\n${s.stdout ?? ''}${s.stderr ?? ''}`).join('\n');

// ---------------------------------------------------------------------------------------------------
describe('action.yml: metadata', () => {
  const runScripts = steps.filter((s) => s.run).map((s) => s.run!);
  const used = new Set([
    ...steps.flatMap((s) => stepExpressions(s).flatMap(inputRefs)),
    ...Object.values(action.outputs).flatMap((o) => inputRefs(o.value)),
  ]);

  it('is valid action metadata by SchemaStore\'s schema (action-validator)', () => {
    assert.deepEqual(validateAction(fs.readFileSync(path.join(PACKAGE_ROOT, 'action.yml'), 'utf8')).errors, []);
  });

  it('the schema check is not vacuous: a run step without a shell is refused', () => {
    const broken = fs.readFileSync(path.join(PACKAGE_ROOT, 'action.yml'), 'utf8').replace(/^ {6}shell: bash\n/m, '');
    assert.notDeepEqual(validateAction(broken).errors, []);
  });

  it('is a composite action with a name and described inputs and outputs', () => {
    assert.equal(action.runs.using, 'composite');
    assert.equal(action.name, 'mcp-comply');
    for (const [name, spec] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)]) {
      assert.ok(spec.description.length > 10, `${name} has a description`);
    }
  });

  it('declares the inputs of the issue, kebab-case, with their defaults', () => {
    const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default]));
    assert.deepEqual(defaults, {
      paths: '', config: '', baseline: '', previous: '', 'fail-on': 'high', formats: 'sarif,md,html', 'output-dir': 'mcp-comply-out',
      'check-run': 'true', 'check-name': 'mcp-comply', 'report-only': 'false', 'upload-sarif': 'false', 'sarif-category': 'mcp-comply',
      'path-prefix': '', 'github-token': '${{ github.token }}',
    });
    for (const name of Object.keys(action.inputs)) assert.match(name, /^[a-z]+(-[a-z]+)*$/);
  });

  it('uses every input it declares, and declares every input it uses', () => {
    assert.deepEqual([...used].sort(), Object.keys(action.inputs).sort());
  });

  it('puts no expression inside a run: script (script injection); values arrive through env:', () => {
    assert.ok(runScripts.length >= 5);
    for (const script of runScripts) assert.doesNotMatch(script, /\$\{\{/);
    // A composite's run steps get no INPUT_* variables: reading one would silently read nothing.
    for (const script of runScripts) assert.doesNotMatch(script, /\bINPUT_/);
  });

  it('runs every script in bash, where the runner adds -e -o pipefail', () => {
    for (const step of steps.filter((s) => s.run)) assert.equal(step.shell, 'bash', step.name);
  });

  it('pins every action it uses to a major version tag at least (or a commit)', () => {
    const uses = steps.filter((s) => s.uses).map((s) => s.uses!);
    assert.deepEqual(uses, ['actions/setup-node@v6', 'actions/cache@v5', 'github/codeql-action/upload-sarif@v4']);
    for (const u of uses) assert.match(u, /^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
  });

  it('sets up Node 24, the current runtime of Actions', () => {
    assert.equal(String(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!.with!['node-version']), '24');
  });

  it('maps every output to an output a step with that id writes', () => {
    for (const [name, spec] of Object.entries(action.outputs)) {
      const ref = /^\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$/.exec(spec.value);
      assert.ok(ref, `output ${name} is one step output`);
      const step = steps.find((s) => s.id === ref[1]);
      assert.ok(step?.run, `output ${name}: a run step with id ${ref[1]}`);
      assert.match(step.run, new RegExp(`echo "${ref[2]}=`), `output ${name}: step ${ref[1]} writes ${ref[2]}`);
    }
  });

  it('reads every step output it uses from an earlier step', () => {
    const seen = new Set<string>();
    for (const step of steps) {
      for (const e of stepExpressions(step)) {
        for (const [, id] of e.matchAll(/\bsteps\.([\w-]+)\.outputs/g)) assert.ok(seen.has(id!), `${step.name} reads steps.${id} before it ran`);
      }
      if (step.id) seen.add(step.id);
    }
  });

  it('gives upload-sarif the SARIF the assess step wrote and the sarif-category input', () => {
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.deepEqual(upload.with, {
      sarif_file: '${{ steps.assess.outputs.sarif }}', category: '${{ inputs.sarif-category }}', token: '${{ inputs.github-token }}',
    });
    // upload-sarif ignores its category for a run with an automation id, so the assess step writes it into the SARIF too.
    assert.equal(steps.find((s) => s.id === 'assess')!.env!.SARIF_CATEGORY, '${{ inputs.sarif-category }}');
  });

  it('gates in its last step, and only uploads SARIF or publishes the check run when asked', () => {
    assert.equal(steps.at(-1)!.name, 'Gate');
    assert.equal(steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!.if, "inputs.upload-sarif == 'true'");
    assert.equal(steps.find((s) => s.name === 'Publish the check run')!.if, "inputs.check-run == 'true'");
  });
});

// ---------------------------------------------------------------------------------------------------
const CLEAN = JSON.stringify({ mcpServers: { docs: { command: 'node', args: ['server.js'] } } }, null, 2);
// A new server with a literal token in its environment: a critical finding, one control and three requirements regressed.
const REGRESSED = JSON.stringify({
  mcpServers: {
    docs: { command: 'node', args: ['server.js'] },
    gh: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'], env: { GITHUB_TOKEN: `ghp_${'a'.repeat(36)}` } },
  },
}, null, 2);
const BASELINE = '.mcp-comply/baseline.json';
// A pull request can name a server so as to forge workflow commands (issue 16) and hide text on a terminal.
const HOSTILE_SERVER = 'x\n::add-mask::Failing\n::error file=a,line=1::forged\n::stop-commands::abc'
  + ' \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \x1b[2K\r\x1b[8mhidden \x9b2K \u202Eevil ##[warning]legacy';
const SHOWN_HOSTILE_SERVER = 'x\\n::add-mask::Failing\\n::error file=a,line=1::forged\\n::stop-commands::abc'
  + ' \\x1b]8;;https://evil.example\\x07link\\x1b]8;;\\x07 \\x1b[2K\\r\\x1b[8mhidden \\x9b2K \\u202eevil ##\\x5bwarning]legacy';
// What a terminal or a log viewer obeys rather than shows (tab and line feed are text).
const ACTING = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

describe('action.yml: the shell steps, run locally', () => {
  let baselineFile = '';
  /** A fresh workspace: the estate's .mcp.json and the committed baseline of the clean estate. */
  const workspace = (mcpJson: string) => {
    const dir = tempDir('action-workspace-');
    write(dir, '.mcp.json', mcpJson);
    write(dir, BASELINE, fs.readFileSync(baselineFile));
    return dir;
  };

  before(() => {
    const estate = tempDir('action-baseline-');
    write(estate, '.mcp.json', CLEAN);
    const assessed = runCli(['assess', '--out', 'out'], { cwd: estate });
    assert.equal(assessed.code, 0, assessed.stdout + assessed.stderr);
    baselineFile = path.join(estate, 'baseline.json');
    const updated = runCli(['baseline', 'update', '--assessment', 'out/assessment.json', '--output', baselineFile], { cwd: estate });
    assert.equal(updated.code, 0, updated.stderr);
  });

  it('without drift: passes, the summary holds the drift Markdown, the outputs and reports are there', async () => {
    const ws = workspace(CLEAN);
    const run = await runAction(ws, { baseline: BASELINE, 'check-run': 'false' });
    assert.equal(run.failedStep, undefined, log(run));
    assert.deepEqual(run.steps.map((s) => `${s.name}: ${s.status}`), [
      'Set up Node.js: skipped: uses', 'Key the npm cache on mcp-comply\'s lockfile: ran', 'Cache ~/.npm: skipped: uses',
      'Install and build mcp-comply: ran', 'Assess: ran', 'Drift and job summary: ran', 'Publish the check run: skipped: if',
      'Upload SARIF to code scanning: skipped: if', 'Gate: ran',
    ]);
    assert.match(stepNamed(run, 'Install and build mcp-comply')!.stdout!, /^MCP_COMPLY_SKIP_BUILD=1: using the dist\/ already built/);
    assert.match(run.stepOutputs['npm-cache-key']!.key!, /^mcp-comply-npm-Linux-[0-9a-f]{64}$/);
    const out = path.join(ws, 'mcp-comply-out');
    assert.deepEqual(run.outputs, {
      assessment: path.join(out, 'assessment.json'), 'report-dir': out, failed: 'false', drift: path.join(out, 'drift.md'),
      cli: path.join(ACTION_PATH, 'dist', 'cli', 'index.js'),
    });
    assert.ok(fs.existsSync(run.outputs.cli!));
    assert.match(run.summary, /^# MCP control drift\n\n\*\*No drift that fails the gate\*\*/);
    assert.equal(run.summary, `${fs.readFileSync(run.outputs.drift!, 'utf8')}\n`);
    for (const file of ['assessment.json', 'evidence/manifest.json', 'results.sarif', 'report.md', 'report.html', 'drift.md']) {
      assert.ok(fs.existsSync(path.join(out, file)), file);
    }
    assert.match(stepNamed(run, 'Gate')!.stdout!, /^mcp-comply: the gate passes\.$/m);
  });

  it('with a planted regression: the gate step exits 1, after the summary says why', async () => {
    const run = await runAction(workspace(REGRESSED), { baseline: BASELINE, 'check-run': 'false' });
    assert.equal(run.failedStep, 'Gate', log(run));
    assert.equal(stepNamed(run, 'Gate')!.code, 1);
    assert.match(stepNamed(run, 'Gate')!.stdout!, /^::error title=mcp-comply::Drift against the baseline fails the gate\. See the job summary\.$/m);
    assert.equal(run.outputs.failed, 'true');
    assert.match(run.summary, /^\*\*Drift fails the gate:\*\* 1 control and 8 requirements regressed; 1 new finding at or above high without a live exception\.$/m);
    assert.match(run.summary, /\| Critical \| \\\.mcp\\\.json:\d+:\d+ \| mcp\\\.secrets\\\.inline\\-credential \|/);
    assert.ok(!run.summary.includes('a'.repeat(36)), 'the token is not in the summary');
    // Every step before the gate ran and passed: reports and the summary exist for the failing run too.
    assert.deepEqual(run.steps.filter((s) => s.status === 'ran' && s.code !== 0).map((s) => s.name), ['Gate']);
  });

  it('report-only: the same regression warns and passes, failed is still true', async () => {
    const run = await runAction(workspace(REGRESSED), { baseline: BASELINE, 'check-run': 'false', 'report-only': 'true' });
    assert.equal(run.failedStep, undefined, log(run));
    assert.equal(run.outputs.failed, 'true');
    assert.match(stepNamed(run, 'Gate')!.stdout!, /^::warning title=mcp-comply::Drift against the baseline fails the gate \(report-only: the job goes on\)\. See the job summary\.$/m);
  });

  it('a new finding below fail-on is listed, not failed', async () => {
    const run = await runAction(workspace(REGRESSED), { baseline: BASELINE, 'check-run': 'false', 'fail-on': 'none' });
    // The control still regressed: drift fails on a regression whatever the threshold.
    assert.equal(run.failedStep, 'Gate', log(run));
    assert.match(run.summary, /^\*\*Drift fails the gate:\*\* 1 control and 8 requirements regressed; 0 new findings at or above none without a live exception\.\n\nNew findings below the threshold or accepted: 1 /m);
  });

  it('without a baseline: the summary is the report\'s summary section, and the findings are the gate', async () => {
    const clean = await runAction(workspace(CLEAN), { 'check-run': 'false' });
    assert.equal(clean.failedStep, undefined, log(clean));
    assert.equal(clean.outputs.failed, 'false');
    assert.equal(clean.outputs.drift, '');
    assert.match(clean.summary, /^# MCP controls assessment: /);
    assert.match(clean.summary, /^\*\*Summary:\*\* .*gate \(--fail-on high\) passed: /m);
    assert.match(clean.summary, /^## Frameworks$/m);
    assert.doesNotMatch(clean.summary, /^## (Assessment boundary|Controls|Requirement|Risk register)/m);
    assert.ok(!fs.existsSync(path.join(clean.outputs['report-dir']!, 'drift.md')));

    const regressed = await runAction(workspace(REGRESSED), { 'check-run': 'false' });
    assert.equal(regressed.failedStep, 'Gate', log(regressed));
    assert.match(stepNamed(regressed, 'Gate')!.stdout!, /^::error title=mcp-comply::Findings at or above fail-on fail the gate\. See the job summary\.$/m);
    assert.match(regressed.summary, /^## Findings \(1\)\n\n\| Severity \|/m);
  });

  it('a baseline named but not committed yet: a warning, and the assessment is the gate', async () => {
    const run = await runAction(workspace(CLEAN), { baseline: 'nope/baseline.json', 'check-run': 'false' });
    assert.equal(run.failedStep, undefined, log(run));
    assert.match(stepNamed(run, 'Drift and job summary')!.stdout!, /^::warning title=mcp-comply::The baseline file does not exist yet/m);
    assert.match(run.summary, /^# MCP controls assessment: /);
  });

  it('formats without md still give a summary; upload-sarif adds sarif; paths, config and output-dir are passed', async () => {
    const ws = workspace(CLEAN);
    write(ws, 'estate/mcp-comply.yaml', 'organization: "Acme $(touch PWNED)"\nframeworks: [gdpr]\n');
    fs.renameSync(path.join(ws, '.mcp.json'), path.join(ws, 'estate', '.mcp.json'));
    const run = await runAction(ws, {
      paths: ' estate\n', config: 'estate/mcp-comply.yaml', formats: 'csv', 'output-dir': 'reports/mcp', 'upload-sarif': 'true', 'check-run': 'false',
    });
    assert.equal(run.failedStep, undefined, log(run));
    const out = path.join(ws, 'reports', 'mcp');
    assert.deepEqual(fs.readdirSync(out).sort(), ['SHA256SUMS', 'assessment.json', 'evidence', 'findings.csv', 'remediation-plan.csv', 'requirements.csv', 'results.sarif']);
    assert.equal(run.stepOutputs.assess!.sarif, path.join(out, 'results.sarif'));
    // The default category, as upload-sarif is given it: `mcp-comply/<date>` is read as category mcp-comply.
    assert.equal((JSON.parse(fs.readFileSync(run.stepOutputs.assess!.sarif!, 'utf8')) as Log).runs[0]!.automationDetails!.id, 'mcp-comply/2026-11-23');
    assert.match(run.summary, /^# MCP controls assessment: /);
    const assessment = JSON.parse(fs.readFileSync(run.outputs.assessment!, 'utf8')) as { scope: { frameworks: string[]; organization: string } };
    assert.deepEqual(assessment.scope.frameworks, ['gdpr']);
    assert.equal(assessment.scope.organization, 'Acme $(touch PWNED)');
    assert.ok(!fs.existsSync(path.join(ws, 'PWNED')));
  });

  // Code scanning reads the category as everything before the last slash of the id: the input itself.
  const categories: Array<[string, string]> = [['mcp-comply/agent', 'mcp-comply/agent/2026-11-23'], ['estate; $(touch PWNED)', 'estate; $(touch PWNED)/2026-11-23']];
  for (const [category, id] of categories) {
    it(`sarif-category ${JSON.stringify(category)}: the SARIF's automation id is ${id}, the category upload-sarif is given`, async () => {
      const ws = workspace(CLEAN);
      const run = await runAction(ws, { 'upload-sarif': 'true', 'sarif-category': category, 'check-run': 'false' });
      assert.equal(run.failedStep, undefined, log(run));
      assert.equal(stepNamed(run, 'Upload SARIF to code scanning')!.status, 'skipped: uses');
      const sarif = JSON.parse(fs.readFileSync(run.stepOutputs.assess!.sarif!, 'utf8')) as Log;
      assert.equal(sarif.runs[0]!.automationDetails!.id, id);
      assert.deepEqual(fs.readdirSync(ws).filter((f) => f.startsWith('PWNED')), []);
    });
  }

  it('a report that fails (no browser for the PDF) fails the step, yet names what was written, the HTML in the PDF\'s place', async () => {
    const ws = workspace(CLEAN);
    write(ws, 'mcp-comply.yaml', 'organization: Acme\nreport:\n  browser: no-such-chrome\n');
    const run = await runAction(ws, { config: 'mcp-comply.yaml', formats: 'pdf,md', 'check-run': 'false' });
    assert.equal(run.failedStep, 'Assess', log(run));
    assert.equal(stepNamed(run, 'Assess')!.code, 2);
    assert.match(stepNamed(run, 'Assess')!.stderr!, /pdf report not written: .*no-such-chrome/);
    const out = path.join(ws, 'mcp-comply-out');
    assert.equal(run.stepOutputs.assess!['report-dir'], out);
    for (const file of ['assessment.json', 'report.html', 'report.md']) assert.ok(fs.existsSync(path.join(out, file)), file);
  });

  it('inputs are data, never shell code', async () => {
    const ws = workspace(CLEAN);
    const run = await runAction(ws, { paths: '$(touch PWNED) `touch PWNED2`;touch PWNED3', 'check-run': 'false', 'fail-on': 'high; touch PWNED4' });
    assert.equal(run.failedStep, 'Assess', log(run));
    assert.equal(stepNamed(run, 'Assess')!.code, 2);
    assert.deepEqual(fs.readdirSync(ws).filter((f) => f.startsWith('PWNED')), []);
  });

  it('a bad input (an unknown severity) fails the assess step with the CLI\'s usage error', async () => {
    const run = await runAction(workspace(CLEAN), { 'fail-on': 'severe', 'check-run': 'false' });
    assert.equal(run.failedStep, 'Assess');
    assert.match(stepNamed(run, 'Assess')!.stderr!, /severe/);
  });

  it('an output-dir with a line break is refused before it can reach GITHUB_OUTPUT as a second output', async () => {
    const ws = workspace(CLEAN);
    const run = await runAction(ws, { 'output-dir': 'out\nfailed=false', 'check-run': 'false' });
    assert.equal(run.failedStep, 'Assess', log(run));
    assert.equal(stepNamed(run, 'Assess')!.code, 2);
    assert.match(stepNamed(run, 'Assess')!.stderr!, /^mcp-comply: output-dir must be one line$/m);
    assert.deepEqual(run.stepOutputs.assess, {});
  });

  describe('the check run', () => {
    let fake: FakeGitHub;
    before(async () => { fake = await startFakeGitHub({ org: { login: 'acme' }, repos: [{ name: 'estate' }], token: 'ghs_testtoken' }); });
    after(async () => { await fake?.close(); });

    it('is published on the pull request\'s head commit with the token and API of the environment', async () => {
      const run = await runAction(workspace(REGRESSED), { baseline: BASELINE }, { GITHUB_API_URL: fake.apiUrl });
      assert.equal(run.failedStep, 'Gate', log(run));
      assert.match(stepNamed(run, 'Publish the check run')!.stderr!, /check run "mcp-comply" on acme\/estate@b{12} concluded failure/, log(run));
      assert.deepEqual(fake.written.checkRuns.map((c) => [c.name, c.head_sha, c.conclusion, c.details_url]), [
        ['mcp-comply', 'b'.repeat(40), 'failure', 'https://github.com/acme/estate/actions/runs/42'],
      ]);
      const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === '/repos/acme/estate/check-runs');
      assert.equal(posts.length, 1);
      assert.equal(posts[0]!.headers.authorization?.replace(/^(token|bearer) /i, ''), '[token]');
    });

    it('a server named to forge workflow commands and hide text: every step\'s log, the summary and the annotations are inert', async () => {
      const named = JSON.stringify({ mcpServers: { docs: { command: 'node', args: ['server.js'] }, [HOSTILE_SERVER]: { url: 'http://mcp.example.com/mcp' } } }, null, 2);
      for (const baseline of [BASELINE, '']) {
        const run = await runAction(workspace(named), { baseline, formats: 'md' }, { GITHUB_API_URL: fake.apiUrl });
        assert.equal(run.failedStep, 'Gate', log(run));
        for (const step of run.steps.filter((s) => s.status === 'ran')) {
          // The gate's own annotation is the only workflow command, and it is fixed text.
          const deliberate = step.name === 'Gate' ? /^::error title=mcp-comply::(Drift against the baseline|Findings at or above fail-on) fail(s)? the gate\. See the job summary\.$/ : /^$/;
          for (const line of `${step.stdout}\n${step.stderr}`.split('\n').filter((l) => !deliberate.test(l))) {
            assert.doesNotMatch(line, /^\s*::|##\[/, `${step.name}: a workflow command in the log: ${JSON.stringify(line)}`);
            assert.doesNotMatch(line, ACTING, `${step.name}: a control character in the log: ${JSON.stringify(line)}`);
          }
        }
        assert.equal(run.outputs.failed, 'true');
        for (const line of run.summary.split('\n')) {
          assert.doesNotMatch(line, /^\s*::|##\[/, `summary: ${JSON.stringify(line)}`);
          assert.doesNotMatch(line, ACTING, `summary: ${JSON.stringify(line)}`);
        }
        assert.ok(run.summary.includes('Server "x\\\\n::add\\-mask::Failing\\\\n::error file=a,line=1::forged\\\\n::stop\\-commands::abc \\\\x1b\\]8;;'), run.summary);
        const messages = fake.written.checkRuns.at(-1)!.annotations.map((a) => String(a.message));
        assert.ok(messages.length > 0 && messages.every((m) => m.startsWith(`Server "${SHOWN_HOSTILE_SERVER}"`)), messages.join('\n'));
      }
    });

    it('GitHub findings sit in code scanning on the line of mcp-comply.yaml that names the organisation', async () => {
      const ws = workspace(CLEAN);
      write(ws, 'mcp-comply.yaml', 'organization: Acme\nsources:\n  paths: [.]\n  github:\n    org: acme\n');
      const run = await runAction(ws, { config: 'mcp-comply.yaml', 'upload-sarif': 'true', 'check-run': 'false', 'fail-on': 'none' }, { GITHUB_API_URL: fake.apiUrl });
      assert.equal(run.failedStep, undefined, log(run));
      const sarif = JSON.parse(fs.readFileSync(run.stepOutputs.assess!.sarif!, 'utf8')) as Log;
      const github = sarif.runs[0]!.results!.filter((r) => String(r.properties!.checkId).startsWith('github.'));
      assert.ok(github.length > 0, log(run));
      for (const result of github) {
        assert.deepEqual(result.locations![0]!.physicalLocation, {
          artifactLocation: { uri: 'mcp-comply.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 10 },
        });
      }
      // The place is in assessment.json (scope.github), so `report` makes the same SARIF from it alone.
      const again = runCli(['report', run.outputs.assessment!, '--format', 'sarif', '--sarif-category', 'mcp-comply', '--output', '-'], { cwd: ws });
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stdout, fs.readFileSync(run.stepOutputs.assess!.sarif!, 'utf8'));
    });

    it('path-prefix: an estate in a subfolder is annotated, and its SARIF named, from the repository root', async () => {
      const ws = workspace(REGRESSED);
      fs.mkdirSync(path.join(ws, 'services', 'agent'), { recursive: true });
      fs.renameSync(path.join(ws, '.mcp.json'), path.join(ws, 'services', 'agent', '.mcp.json'));
      const run = await runAction(ws, { paths: 'services/agent', 'path-prefix': 'services/agent', 'upload-sarif': 'true' }, { GITHUB_API_URL: fake.apiUrl });
      assert.equal(run.failedStep, 'Gate', log(run));
      const annotated = fake.written.checkRuns.at(-1)!.annotations.map((a) => a.path);
      assert.ok(annotated.length > 0 && annotated.every((p) => p === 'services/agent/.mcp.json'), annotated.join(', '));
      const sarif = JSON.parse(fs.readFileSync(run.stepOutputs.assess!.sarif!, 'utf8')) as Log;
      const uris = sarif.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri);
      assert.ok(uris.length > 0 && uris.every((uri) => uri === 'services/agent/.mcp.json'), uris.join(', '));
    });
  });
});

// ---------------------------------------------------------------------------------------------------
describe('workflow examples', () => {
  const examples = {
    'examples/workflows/pull-request.yml': { needs: { contents: 'read', checks: 'write', 'security-events': 'write', 'pull-requests': 'write' } },
    'examples/workflows/quarterly-report.yml': { needs: { contents: 'read', actions: 'read' } },
  };

  for (const [file, { needs }] of Object.entries(examples)) {
    describe(file, () => {
      const workflow = readYaml<Workflow>(file);
      const allSteps = Object.values(workflow.jobs).flatMap((j) => j.steps);
      const uses = allSteps.filter((s) => s.uses);
      const mcpComply = uses.filter((s) => /(^|\/)mcp-comply@/.test(s.uses!));

      it('is a valid workflow by SchemaStore\'s schema (action-validator)', () => {
        assert.deepEqual(validateWorkflow(fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8')).errors, []);
      });

      it('uses the action with inputs it declares', () => {
        assert.equal(mcpComply.length, 1);
        for (const name of Object.keys(mcpComply[0]!.with ?? {})) assert.ok(name in action.inputs, `${name} is an input of the action`);
      });

      it('declares the permissions it needs, and only at the job that needs them', () => {
        assert.deepEqual(workflow.permissions, {}, 'nothing at the top level');
        const jobs = Object.values(workflow.jobs);
        assert.equal(jobs.length, 1);
        assert.deepEqual(jobs[0]!.permissions, needs);
      });

      it('pins every action to a major version tag at least, and puts no expression inside a script', () => {
        for (const step of uses) assert.match(step.uses!, /@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/, step.uses);
        for (const step of allSteps.filter((s) => s.run)) assert.doesNotMatch(step.run!, /\$\{\{/, step.name);
      });
    });
  }

  it('pull request: gates on drift against the committed baseline, with SARIF and a check run', () => {
    const workflow = readYaml<Workflow>('examples/workflows/pull-request.yml');
    assert.deepEqual(Object.keys(workflow.on), ['pull_request']);
    const step = Object.values(workflow.jobs)[0]!.steps.find((s) => /mcp-comply@/.test(s.uses ?? ''))!;
    assert.equal(step.with!.baseline, BASELINE);
    assert.equal(step.with!['upload-sarif'], '${{ github.event.pull_request.head.repo.full_name == github.repository }}');
  });

  it('quarterly report: 06:00 on the first day of each quarter, every report format, kept 400 days', () => {
    const workflow = readYaml<Workflow>('examples/workflows/quarterly-report.yml');
    assert.deepEqual(workflow.on, { schedule: [{ cron: '0 6 1 1,4,7,10 *' }], workflow_dispatch: null });
    const jobSteps = Object.values(workflow.jobs)[0]!.steps;
    const step = jobSteps.find((s) => /mcp-comply@/.test(s.uses ?? ''))!;
    assert.deepEqual(String(step.with!.formats).split(',').sort(), ['csv', 'html', 'md', 'oscal', 'pdf']);
    assert.ok(step.with!.previous, 'the previous quarter is given');
    const upload = jobSteps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    assert.equal(Number(upload.with!['retention-days']), 400);
    // The literal output-dir, not the step's output: kept even when the action fails on a report.
    assert.equal(upload.with!.path, step.with!['output-dir']);
    assert.equal(upload.if, '${{ !cancelled() }}');
  });
});
