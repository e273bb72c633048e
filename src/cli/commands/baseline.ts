/**
 * `mcp-comply baseline update`: writes the committed baseline that `drift` and the GitHub check compare
 * against, from an assessment: only the stable fields, sorted (src/engine/baseline.ts).
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { baselineOf } from '../../engine/baseline.js';
import { writeFileAtomic } from '../../lib/atomic-write.js';
import { displayPath } from '../../lib/problem.js';
import { printable } from '../../lib/printable.js';
import { readAssessmentFile } from '../assessment-file.js';
import { writeErr } from '../text.js';

export const DEFAULT_BASELINE = '.mcp-comply/baseline.json';

export function registerBaseline(program: Command): void {
  const baseline = program.command('baseline').description('the committed baseline that drift compares against');
  baseline.command('update')
    .description(`write the baseline (default ${DEFAULT_BASELINE}) from an assessment: only the fields drift compares, sorted, so its diff reads well in review`)
    .addOption(new Option('--assessment <file>', 'assessment.json to take the baseline from').default('mcp-comply-out/assessment.json'))
    .addOption(new Option('--output <file>', 'baseline file to write').default(DEFAULT_BASELINE))
    .action((options: { assessment: string; output: string }) => {
      const assessment = readAssessmentFile(path.resolve(options.assessment));
      const file = path.resolve(options.output);
      writeFileAtomic(file, `${JSON.stringify(baselineOf(assessment), null, 2)}\n`);
      writeErr(`wrote ${displayPath(file)}: ${assessment.controls.length} controls, ${assessment.findings.length} findings, as of ${printable(String(assessment.generatedAt))}\n`);
    });
}
