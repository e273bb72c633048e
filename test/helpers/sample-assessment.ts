/**
 * A real assessment.json for reporter tests: the built CLI (`npm test` builds first) assessing the
 * bundled examples/ estate, as `npm run demo` does, once per test process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Assessment } from '../../src/engine/assessment.js';
import { runCli } from './cli.js';
import { tempDir } from './temp-catalog.js';

let cached: string | undefined;

/** A fresh deep copy each call, so a test may change it freely. */
export function sampleAssessment(): Assessment {
  if (!cached) {
    const out = path.join(tempDir('sample-assessment-'), 'out');
    const run = runCli(['assess', '--config', 'examples/mcp-comply.yaml', '--out', out]);
    if (run.code !== 0 && run.code !== 1) throw new Error(`assess of examples/ exited ${run.code}: ${run.stderr}`);
    cached = fs.readFileSync(path.join(out, 'assessment.json'), 'utf8');
  }
  return JSON.parse(cached) as Assessment;
}
