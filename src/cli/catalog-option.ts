/** Options shared by the catalog commands (--catalog, --config, --format) and catalog loading. */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { BUILTIN_CATALOG, loadCatalog, type CatalogLoad } from '../catalog/load-catalog.js';
import type { Catalog } from '../catalog/model.js';
import { loadProjectConfig, type LoadedConfig } from '../config/project-config.js';
import { formatProblem, sortProblems, type Problem } from '../lib/problem.js';
import { UsageError } from './exit-codes.js';

export interface CatalogOptions { catalog?: string; config?: string; format: 'text' | 'json' }

export function addCatalogOptions(command: Command): Command {
  return command
    .addOption(new Option('--catalog <dir>', 'catalog folder with controls/ and mappings/ (default: the built-in catalog)'))
    .addOption(new Option('--config <file>', 'mcp-comply.yaml: its extra catalog folders are layered on top'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
}

/** The catalog the options select: --catalog (or the built-in one), then the config's extra catalogs. */
export function loadSelectedCatalog(options: CatalogOptions): CatalogLoad & { config?: LoadedConfig } {
  const base = options.catalog ? path.resolve(options.catalog) : BUILTIN_CATALOG;
  if (!options.config) return loadCatalog([base]);
  const { loaded, problems: configProblems } = loadProjectConfig(path.resolve(options.config));
  const result = loadCatalog([base, ...(loaded?.catalogs ?? [])]);
  return { ...result, problems: [...configProblems, ...result.problems], config: loaded };
}

/** For read-only commands: an invalid catalog is refused with its first problems. */
export function loadValidCatalog(options: CatalogOptions): Catalog {
  const { catalog, problems } = loadSelectedCatalog(options);
  refuseErrors(problems, 'the catalog');
  return catalog;
}

export function refuseErrors(problems: Problem[], what: string): void {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return;
  throw new UsageError(
    `${what} has ${errors.length} error(s); run "mcp-comply validate" for all of them:\n`
    + sortProblems(errors).slice(0, 10).map((p) => formatProblem(p)).join('\n'),
  );
}
