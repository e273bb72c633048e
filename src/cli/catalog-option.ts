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
  if (!options.config) return loadCatalogFor(options.catalog);
  const { loaded, problems: configProblems } = loadProjectConfig(path.resolve(options.config));
  const result = loadCatalogFor(options.catalog, loaded);
  return { ...result, problems: [...configProblems, ...result.problems], config: loaded };
}

/** --catalog (or the built-in catalog), then the extra catalogs of an already loaded config. */
export function loadCatalogFor(catalog: string | undefined, config?: LoadedConfig): CatalogLoad {
  return loadCatalog([catalog ? path.resolve(catalog) : BUILTIN_CATALOG, ...(config?.catalogs ?? [])]);
}

/** For commands that only read the catalog: an invalid one is refused with its first problems. */
export function loadValidCatalog(options: CatalogOptions): Catalog {
  return refuseInvalid(loadSelectedCatalog(options));
}

export function refuseInvalid({ catalog, problems }: CatalogLoad): Catalog {
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
