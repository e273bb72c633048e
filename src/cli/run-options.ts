/**
 * What `collect` and `assess` share: which paths to read, the assessed root that evidence paths are
 * relative to, the project config, and gathering evidence (from sources or from saved bundles).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { COLLECTORS } from '../collectors/index.js';
import { loadProjectConfig, type LoadedConfig } from '../config/project-config.js';
import { readBundle, MANIFEST } from '../evidence/bundle.js';
import type { EvidenceItem, LogFileSpec } from '../evidence/types.js';
import { resolveCheckOptions } from '../config/check-options.js';
import { runCollectors, type CollectorFailure } from '../engine/run-collectors.js';
import { displayPath } from '../lib/problem.js';
import { createProgress } from '../lib/progress.js';
import { refuseErrors } from './catalog-option.js';
import { UsageError } from './exit-codes.js';

export interface SourceOptions {
  config?: string;
  out: string;
  includeUser?: boolean;
  evidence?: string[];
  logs?: string[];
}

export function addSourceOptions(command: Command): Command {
  return command
    .argument('[paths...]', 'files or folders to assess (default: the config\'s sources.paths, else the current folder)')
    .addOption(new Option('--config <file>', 'mcp-comply.yaml with scope, frameworks and sources'))
    .addOption(new Option('--out <dir>', 'output folder').default('mcp-comply-out'))
    .addOption(new Option('--include-user', 'also read user-level MCP client configs in your home folder (shown as ~/...)'))
    .addOption(new Option('--logs <globs...>', 'log files or globs to read (JSONL, Claude Desktop mcp*.log, combined access logs; .gz too); format sniffed'));
}

export interface ResolvedSources {
  paths: string[];
  root: string;
  config?: LoadedConfig;
  /** `--logs` (relative to the current folder) and the config's `sources.logs` (relative to its folder). */
  logs: LogFileSpec[];
  /** The config's `sources.repos`, absolute. */
  repos?: string[];
}

/** Paths, root and config. With one folder given, that folder is the root; with a config, its folder. */
export function resolveSources(args: string[], options: SourceOptions): ResolvedSources {
  let config: LoadedConfig | undefined;
  if (options.config) {
    const { loaded, problems } = loadProjectConfig(path.resolve(options.config));
    refuseErrors(problems, displayPath(path.resolve(options.config)));
    config = loaded;
  }
  const base = config ? path.dirname(config.file) : process.cwd();
  const given = args.length > 0 ? args.map((p) => path.resolve(p)) : (config?.config.sources?.paths ?? ['.']).map((p) => path.resolve(base, p));
  for (const p of given) if (!fs.existsSync(p)) throw new UsageError(`path "${displayPath(p)}" does not exist`);
  const root = config ? base
    : given.length === 1 && fs.statSync(given[0]!).isDirectory() ? given[0]! : process.cwd();
  const logs: LogFileSpec[] = [
    ...(options.logs ?? []).map((p) => ({ path: path.resolve(p) })),
    ...(config?.config.sources?.logs ?? []).map((l) => ({ ...l, path: path.resolve(base, l.path) })),
  ];
  const repos = config?.config.sources?.repos?.map((p) => path.resolve(base, p));
  return { paths: given, root, config, logs, ...(repos ? { repos } : {}) };
}

/** Evidence from the sources, or from saved bundles when --evidence is given (each verified first). */
export async function gatherEvidence(
  sources: ResolvedSources, options: SourceOptions, now: string,
): Promise<{ items: EvidenceItem[]; failures: CollectorFailure[] }> {
  if (options.evidence?.length) {
    const items: EvidenceItem[] = [];
    for (const dir of options.evidence) {
      const bundleDir = locateBundle(path.resolve(dir));
      const { items: loaded, problems } = readBundle(bundleDir);
      if (problems.length > 0) {
        throw new UsageError(`evidence bundle ${displayPath(bundleDir)} does not verify:\n${problems.map((p) => `  ${p.subject}: ${p.reason}: ${p.detail}`).join('\n')}`);
      }
      for (const item of loaded) {
        if (items.some((i) => i.id === item.id)) throw new UsageError(`evidence item ${item.id} appears in more than one bundle`);
        items.push(item);
      }
    }
    return { items, failures: [] };
  }
  const progress = createProgress();
  try {
    return await runCollectors(COLLECTORS, {
      paths: sources.paths, root: sources.root, includeUser: Boolean(options.includeUser),
      home: os.homedir(), now, progress, logs: sources.logs,
      ...(sources.repos ? { repos: sources.repos } : {}),
      checkOptions: resolveCheckOptions(sources.config?.config.checks),
    });
  } finally {
    progress.done();
  }
}

/** A bundle folder, or an output folder that holds one in evidence/. */
export function locateBundle(dir: string): string {
  if (fs.existsSync(path.join(dir, MANIFEST))) return dir;
  if (fs.existsSync(path.join(dir, 'evidence', MANIFEST))) return path.join(dir, 'evidence');
  throw new UsageError(`${displayPath(dir)} is not an evidence bundle (no ${MANIFEST} in it or in its evidence/ folder)`);
}
