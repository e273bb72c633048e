/**
 * `mcp-comply report ASSESSMENT.json --format …`: renders reports from a saved assessment, without
 * collecting anything. Files go beside the assessment (or into --out DIR) under their fixed names.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadProjectConfig } from '../../config/project-config.js';
import { isBaseline } from '../../engine/baseline.js';
import { displayPath } from '../../lib/problem.js';
import { readAssessmentFile } from '../assessment-file.js';
import { refuseErrors } from '../catalog-option.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { addReportOptions, checkOutput, reportSettings, writeReports, type ReportFlags } from '../reports.js';
import { writeErr } from '../text.js';

interface ReportOptions extends ReportFlags {
  output?: string;
  out?: string;
  config?: string;
}

export function registerReport(program: Command): void {
  addReportOptions(program.command('report'), 'formats to render')
    .description('render reports (PDF, HTML, Markdown, CSV, SARIF, OSCAL) from an assessment.json')
    .argument('<assessment>', 'assessment.json written by assess')
    .addOption(new Option('--output <file>', 'write the one format asked for to this file (- for stdout)'))
    .addOption(new Option('--out <dir>', 'folder for the reports (default: the assessment\'s folder)'))
    .addOption(new Option('--config <file>', 'mcp-comply.yaml whose report: section gives defaults (formats, paper, templates, browser)'))
    .action(async (file: string, options: ReportOptions) => {
      let config;
      if (options.config) {
        const { loaded, problems } = loadProjectConfig(path.resolve(options.config));
        refuseErrors(problems, displayPath(path.resolve(options.config)));
        config = loaded;
      }
      const { formats, options: renderOptions } = reportSettings(options, config);
      if (formats.length === 0) throw new UsageError('no format asked for: give --format (e.g. --format pdf,md) or report.formats in the config');
      await checkOutput(options.output, formats);
      const assessment = readAssessmentFile(path.resolve(file));
      if (isBaseline(assessment)) {
        throw new UsageError(`${displayPath(path.resolve(file))} is a baseline (baseline update keeps only what drift compares): give an assessment.json`);
      }
      const dir = path.resolve(options.out ?? path.dirname(path.resolve(file)));
      const { written, failed } = await writeReports(assessment, formats, renderOptions, { dir, ...(options.output ? { output: options.output } : {}) });
      for (const f of written) writeErr(`wrote ${displayPath(f)}\n`);
      process.exitCode = failed.length > 0 ? ExitCode.Usage : ExitCode.Ok;
    });
}
