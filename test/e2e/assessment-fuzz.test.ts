/**
 * A seeded fuzzer of the files drift, report, baseline update and the GitHub check read (issue 16):
 * mutations of a real assessment of examples/ and of its baseline (a key deleted, a type changed, an
 * array element nulled, an object made an array, a string truncated, deep garbage). Whatever the
 * mutant, each command ends with 0, 1 or 2, never an internal error, and an input error names the
 * file. Deterministic: the same seed gives the same mutants; a failure prints the seed and the mutant.
 * Most runs are in-process (runCli of src/cli/program.ts, output captured) for speed; a few go through
 * the built CLI, for the path from an error to the process's exit code.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli as runCliInProcess } from '../../src/cli/program.js';
import { baselineOf } from '../../src/engine/baseline.js';
import { runCli } from '../helpers/cli.js';
import { sampleAssessment } from '../helpers/sample-assessment.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const SEED = 0x16c0ffee;
const MUTANTS = 300;
/** Of them, how many also go through the built CLI (a process each). */
const THROUGH_THE_BUILT_CLI = 12;

/** mulberry32: a small seeded generator, so every run makes the same mutants. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

/** Every path in the document, the root's children first, so that shallow places are as likely as deep ones. */
function paths(value: Json, at: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) value.forEach((v, i) => { out.push([...at, i]); paths(v, [...at, i], out); });
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) { out.push([...at, k]); paths(v, [...at, k], out); }
  return out;
}

const REPLACEMENTS: Json[] = [null, 0, -1, 1.5, 1e308, '', 'x', true, false, {}, [], [null], { '': null }, '2026-13-45T99:99:99Z', 'not-a-status'];

function deepGarbage(depth: number): Json {
  let value: Json = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** One mutation of `document` at a random place, and what it was (for a failure message). */
function mutate(document: Json, random: () => number): string {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  // Shallow places matter most (the fields every consumer reads): half the time, one of depth 1 or 2.
  const all = paths(document);
  const shallow = all.filter((p) => p.length <= 2 || (p.length === 3 && typeof p[1] === 'number'));
  const where = random() < 0.5 ? pick(shallow) : pick(all);
  const parent = where.slice(0, -1).reduce<Json>((v, k) => (v as Record<string | number, Json>)[k]!, document) as Record<string | number, Json>;
  const key = where.at(-1)!;
  const old = parent[key]!;
  const operation = pick(['delete', 'replace', 'replace', 'null-element', 'object-to-array', 'truncate', 'deep', 'number-as-string']);
  switch (operation) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1); else delete parent[key];
      break;
    case 'null-element': {
      const list = Array.isArray(old) && old.length ? old : undefined;
      if (list) list[Math.floor(random() * list.length)] = null; else parent[key] = null;
      break;
    }
    case 'object-to-array':
      parent[key] = old && typeof old === 'object' && !Array.isArray(old) ? Object.values(old) : [old];
      break;
    case 'truncate':
      parent[key] = typeof old === 'string' ? old.slice(0, Math.floor(random() * old.length)) : String(old).slice(0, 3);
      break;
    case 'deep':
      parent[key] = deepGarbage(50 + Math.floor(random() * 2000));
      break;
    case 'number-as-string':
      parent[key] = typeof old === 'number' ? String(old) : typeof old === 'string' ? old.length : 7;
      break;
    default:
      parent[key] = pick(REPLACEMENTS);
  }
  return `${operation} at /${where.join('/')}`;
}

/** runCli of src/cli/program.ts with stdout and stderr captured, and the exit code restored after. */
async function inProcess(args: string[]): Promise<{ code: number; stderr: string }> {
  const writes = { out: process.stdout.write, err: process.stderr.write };
  let stderr = '';
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
  try {
    return { code: await runCliInProcess(['node', 'mcp-comply', ...args]), stderr };
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    process.exitCode = 0;
  }
}

describe(`mutated assessments and baselines (seed ${SEED}, ${MUTANTS} mutants)`, () => {
  const dir = tempDir('fuzz-');
  const assessment = sampleAssessment() as unknown as Json;
  const baseline = baselineOf(sampleAssessment()) as unknown as Json;
  const good = { assessment: write(dir, 'assessment.json', JSON.stringify(assessment, null, 2)), baseline: write(dir, 'baseline.json', JSON.stringify(baseline, null, 2)) };
  const random = generator(SEED);
  const mutants = Array.from({ length: MUTANTS }, (_, n) => {
    const fromBaseline = n % 4 === 3;
    const document = structuredClone(fromBaseline ? baseline : assessment);
    const mutations = Array.from({ length: 1 + Math.floor(random() * 3) }, () => mutate(document, random));
    const file = write(dir, `mutant-${n}.json`, JSON.stringify(document, null, 2));
    return { n, file, what: `${fromBaseline ? 'baseline' : 'assessment'}: ${mutations.join('; ')}` };
  });
  after(() => { process.exitCode = 0; });

  const commands = (file: string, out: string): string[][] => [
    ['drift', file, good.assessment],
    ['drift', good.baseline, file, '--format', 'json'],
    ['report', file, '--format', 'md', '--output', path.join(out, 'report.md')],
    ['baseline', 'update', '--assessment', file, '--output', path.join(out, 'baseline.json')],
  ];

  const expectHandled = (result: { code: number | null; stderr: string }, args: string[], what: string) => {
    const context = `seed ${SEED}, ${what}: mcp-comply ${args.join(' ')}\n${result.stderr.slice(0, 2000)}`;
    assert.ok(result.code === 0 || result.code === 1 || result.code === 2, `exit code ${result.code}: ${context}`);
    assert.doesNotMatch(result.stderr, /internal error|This is a bug/, context);
    if (result.code === 2) assert.ok(result.stderr.includes(path.basename(args.find((a) => a.includes('mutant-'))!)), `stderr names the file: ${context}`);
  };

  it('drift, report --format md and baseline update in-process: 0, 1 or 2, never an internal error, the file named', async () => {
    let refused = 0;
    for (const { n, file, what } of mutants) {
      const out = path.join(dir, `out-${n}`);
      // Two of the four commands per mutant, in turn (the error path parses the file again, with positions: ~60 ms).
      const all = commands(file, out);
      for (const args of [all[n % 2]!, all[2 + ((n >> 1) % 2)]!]) {
        const result = await inProcess(args);
        expectHandled(result, args, what);
        if (result.code === 2) refused += 1;
      }
      fs.rmSync(out, { recursive: true, force: true });
    }
    // The mutants are meant to be wrong: most runs must have been refused, or the fuzzer tests nothing.
    assert.ok(refused > MUTANTS / 2, `only ${refused} of ${MUTANTS * 2} runs refused their input`);
  });

  it(`${THROUGH_THE_BUILT_CLI} of them through the built CLI`, () => {
    for (const { n, file, what } of mutants.filter((m) => m.n % Math.floor(MUTANTS / THROUGH_THE_BUILT_CLI) === 0)) {
      const args = commands(file, path.join(dir, `cli-out-${n}`))[n % 4]!;
      const result = runCli(args, { timeout: 60_000 });
      assert.equal(result.signal, null, `the CLI did not exit by itself: ${what}`);
      expectHandled(result, args, what);
    }
  });
});
