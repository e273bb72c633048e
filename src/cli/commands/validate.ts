/**
 * `mcp-comply validate`: schemas plus cross-references of the catalog and, with --config, of the
 * project's mcp-comply.yaml, exceptions.yaml, attestations.yaml and responses.yaml. Exit 2 when anything is wrong.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { checkAttestationsFile, checkExceptionsFile, checkResponsesFile } from '../../config/project-config.js';
import { displayPath, formatProblem, sortProblems } from '../../lib/problem.js';
import { ExitCode } from '../exit-codes.js';
import { addCatalogOptions, loadSelectedCatalog, type CatalogOptions } from '../catalog-option.js';
import { writeJson, writeOut } from '../text.js';

export function registerValidate(program: Command): void {
  addCatalogOptions(program
    .command('validate')
    .description('check the control catalog and framework mappings (schemas, ids, cross-references, coverage), and with --config the project files'))
    .action((options: CatalogOptions) => {
      const { catalog, problems, config } = loadSelectedCatalog(options);
      if (config?.exceptionsFile) problems.push(...checkExceptionsFile(config.exceptionsFile, catalog).problems);
      if (config?.responsesFile) problems.push(...checkResponsesFile(config.responsesFile).problems);
      if (config?.attestationsFile) {
        problems.push(...checkAttestationsFile(config.attestationsFile, path.dirname(config.file), catalog).problems);
      }
      const sorted = sortProblems(problems);
      const errors = sorted.filter((p) => p.severity === 'error').length;
      const warnings = sorted.length - errors;
      const links = catalog.frameworks.reduce((n, f) => n + f.requirements.reduce((m, r) => m + r.controls.length, 0), 0);
      if (options.format === 'json') {
        writeJson({
          valid: errors === 0, errors, warnings,
          controls: catalog.controls.length, frameworks: catalog.frameworks.map((f) => f.id), requirementLinks: links,
          problems: sorted.map((p) => ({ ...p, file: displayPath(p.file) })),
        });
      } else {
        for (const problem of sorted) writeOut(`${formatProblem(problem)}\n`);
        const counts = `${errors} error(s), ${warnings} warning(s)`;
        const checked = config ? ` and ${displayPath(config.file)}` : '';
        writeOut(errors === 0
          ? `catalog valid${checked}: ${catalog.controls.length} controls, ${catalog.frameworks.length} frameworks, ${links} requirement links (${counts})\n`
          : `catalog invalid${checked}: ${counts}\n`);
      }
      process.exitCode = errors === 0 ? ExitCode.Ok : ExitCode.Usage;
    });
}
