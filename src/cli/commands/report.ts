/**
 * `mcp-comply report ASSESSMENT.json --format …`: renders reports from a saved assessment, without
 * collecting anything. Files go beside the assessment (or into --out DIR) under their fixed names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { documentControlOf, loadProjectConfig } from '../../config/project-config.js';
import { isBaseline } from '../../engine/baseline.js';
import { answerPlan } from '../../engine/remediation-plan.js';
import { loadResponses, warnUnmatchedResponses } from '../project-files.js';
import { displayPath } from '../../lib/problem.js';
import { readAssessmentFile } from '../assessment-file.js';
import { refuseErrors } from '../catalog-option.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { SUMS_FILE, sha256OfFile } from '../../lib/sha256sums.js';
import { addReportOptions, checkOutput, digestsIn, reportSettings, writeReportSums, writeReports, type ReportFlags } from '../reports.js';
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
    .addOption(new Option('--config <file>', 'mcp-comply.yaml whose report: section gives defaults (formats, paper, templates, browser, profile) and the document control'))
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
      const read = readAssessmentFile(path.resolve(file));
      if (isBaseline(read)) {
        throw new UsageError(`${displayPath(path.resolve(file))} is a baseline (baseline update keeps only what drift compares): give an assessment.json`);
      }
      // Signing off (draft -> final, reviewers, distribution) and management's responses need no new
      // assessment: the config's report: block and responses.yaml win over what the assessment carries.
      const document = documentControlOf(config?.config.report);
      const responses = loadResponses(config);
      const plan = responses && read.plan ? answerPlan(read.plan, responses.responses) : read.plan;
      warnUnmatchedResponses(responses, plan);
      const assessment = { ...read, ...(document ? { document } : {}), ...(plan ? { plan } : {}) };
      const dir = path.resolve(options.out ?? path.dirname(path.resolve(file)));
      const { written, digests, failed } = await writeReports(assessment, formats, renderOptions, { dir, ...(options.output ? { output: options.output } : {}) });
      for (const f of written) writeErr(`wrote ${displayPath(f)}\n`);
      const sums = updateSums(path.resolve(file), dir, options.output, digests, renderOptions.log);
      if (sums) writeErr(`wrote ${displayPath(sums.file)} (${sums.count} file(s))\n`);
      process.exitCode = failed.length > 0 ? ExitCode.Usage : ExitCode.Ok;
    });
}

/**
 * SHA256SUMS of the folder the reports went into, updated (not rewritten): the entries of files still
 * there stay, the reports written now replace theirs. The assessment the reports were made from is
 * listed when it sits in that folder and no entry names it yet. One file named by --output is added
 * only to a folder that already keeps SHA256SUMS; stdout has none.
 */
function updateSums(
  assessmentFile: string, dir: string, output: string | undefined, digests: ReadonlyMap<string, string>, log: (message: string) => void,
): { file: string; count: number } | undefined {
  if (output === '-') return undefined;
  const folder = output ? path.dirname(path.resolve(output)) : dir;
  const fresh = digestsIn(folder, digests);
  if (fresh.size === 0 || (output && !fs.existsSync(path.join(folder, SUMS_FILE)))) return undefined;
  const source = path.dirname(assessmentFile) === folder ? sha256OfFile(assessmentFile) : undefined;
  return writeReportSums(folder, fresh, {
    keepListed: true, log, ...(source?.ok ? { listIfMissing: new Map([[path.basename(assessmentFile), source.sha256]]) } : {}),
  });
}
