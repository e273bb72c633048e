/**
 * `mcp-comply drift BASELINE CURRENT`: what changed against the committed baseline, and whether it fails
 * the gate (exit 1): a control or requirement that regressed, or a new finding at or above --fail-on
 * that no live exception accepts. New findings below it are listed, not failed.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { SEVERITIES, type Severity } from '../../catalog/model.js';
import type { FindingRef } from '../../engine/assessment.js';
import { driftOf, type Drift } from '../../engine/drift.js';
import { locationText, percent } from '../../reporters/labels.js';
import { renderDriftMarkdown } from '../../reporters/markdown.js';
import { readAssessmentFile } from '../assessment-file.js';
import { ExitCode } from '../exit-codes.js';
import { writeJson, writeOut } from '../text.js';
import { printable } from '../../lib/printable.js';

interface DriftOptions {
  format: 'text' | 'json' | 'md';
  failOn: Severity | 'none';
}

export function registerDrift(program: Command): void {
  program.command('drift')
    .description('compare an assessment with the committed baseline: exit 1 when a control or requirement regressed or a new finding reaches --fail-on')
    .argument('<baseline>', 'the baseline assessment.json')
    .argument('<current>', 'the current assessment.json')
    .addOption(new Option('--format <format>', 'output').choices(['text', 'json', 'md']).default('text'))
    .addOption(new Option('--fail-on <severity>', 'new findings at or above this severity fail; below it they are listed').choices([...SEVERITIES, 'none']).default('high'))
    .action((baselineFile: string, currentFile: string, options: DriftOptions) => {
      const baseline = readAssessmentFile(path.resolve(baselineFile), 'baseline');
      const current = readAssessmentFile(path.resolve(currentFile), 'current assessment');
      const drift = driftOf(baseline, current, options.failOn);
      if (options.format === 'json') writeJson(drift);
      else writeOut(options.format === 'md' ? renderDriftMarkdown(drift) : driftText(drift));
      process.exitCode = drift.failed ? ExitCode.Findings : ExitCode.Ok;
    });
}

// Every field of a baseline and an assessment is untrusted (a pull request can edit the committed baseline).
const findingLine = (f: FindingRef) => `  ${printable(f.severity).padEnd(8)} ${printable(locationText(f.location))}  ${printable(f.checkId)}  ${printable(f.message)}`
  + `${f.exception ? ` [accepted: exception ${printable(f.exception)}]` : ''}`;

/** The drift for a terminal or a CI log: the verdict first, then what decided it, then the rest. */
export function driftText(drift: Drift): string {
  const { changes, regressions } = drift;
  const lines = [drift.failed
    ? `Drift fails: ${regressions.controls.length} control(s) and ${regressions.requirements.length} requirement(s) regressed, ${drift.failing.length} new finding(s) at or above ${drift.failOn}.`
    : `No drift that fails (at or above ${drift.failOn}).`];
  lines.push(`Baseline: ${printable(changes.previous.generatedAt)} (root hash ${printable(changes.previous.rootHash)}).`);
  const moves = (title: string, items: Array<{ id: string; from: string; to: string; frameworkId?: string }>) => {
    if (items.length === 0) return;
    lines.push(`${title}:`, ...items.map((c) => `  ${c.frameworkId ? `${printable(c.frameworkId)} ` : ''}${printable(c.id)}: ${printable(c.from)} -> ${printable(c.to)}`));
  };
  moves('Regressed controls', regressions.controls);
  moves('Regressed requirements', regressions.requirements);
  if (drift.failing.length) lines.push('New findings that fail:', ...drift.failing.map(findingLine));
  if (drift.listed.length) lines.push('New findings listed (below the threshold or accepted):', ...drift.listed.map(findingLine));
  moves('Improved controls', changes.controls.filter((c) => c.direction === 'improved'));
  if (changes.findings.resolved.length) lines.push('Resolved findings:', ...changes.findings.resolved.map(findingLine));
  const moved = (m: { from: number | null; to: number | null }) => m.from !== m.to;
  const scores = changes.frameworks.filter((f) => f.status || moved(f.testingCoverage) || moved(f.effectiveness));
  if (scores.length) {
    lines.push('Framework figures:', ...scores.map((f) => `  ${printable(f.id)}: ${f.status ? `${f.status}; ` : ''}`
      + `testing coverage ${percent(f.testingCoverage.from)} -> ${percent(f.testingCoverage.to)}, effectiveness ${percent(f.effectiveness.from)} -> ${percent(f.effectiveness.to)}`));
  }
  return `${lines.join('\n')}\n`;
}
