/**
 * What `collect` and `assess` share: which paths to read, the assessed root that evidence paths are
 * relative to, the project config, and gathering evidence (from sources or from saved bundles).
 */
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { COLLECTORS } from '../collectors/index.js';
import { parseShard } from '../collectors/github/shard.js';
import { loadProjectConfig, type LoadedConfig } from '../config/project-config.js';
import { readBundle, MANIFEST } from '../evidence/bundle.js';
import { KeyFileError, readPrivateKey } from '../evidence/signature.js';
import { canonicalJson } from '../lib/canonical-json.js';
import type { EvidenceItem, GitHubSources, LogFileSpec, ProbeSettings } from '../evidence/types.js';
import { probeUrlProblem } from '../collectors/probe/http.js';
import { resolveCheckOptions, type CheckOptions } from '../config/check-options.js';
import { runCollectors, type CollectorFailure } from '../engine/run-collectors.js';
import { httpUrlOf } from '../lib/http-url.js';
import { displayPath, formatProblem, sortProblems } from '../lib/problem.js';
import { createProgress } from '../lib/progress.js';
import { refuseErrors } from './catalog-option.js';
import { UsageError } from './exit-codes.js';
import { writeErr } from './text.js';

export interface SourceOptions {
  config?: string;
  out: string;
  includeUser?: boolean;
  evidence?: string[];
  logs?: string[];
  githubOrg?: string;
  githubRepo?: string[];
  githubApiUrl?: string;
  includeArchived?: boolean;
  githubShard?: string;
  githubCache?: string;
  verbose?: boolean;
  signKey?: string;
  probe?: boolean;
  probeUrl?: string[];
}

export function addSourceOptions(command: Command): Command {
  return command
    .argument('[paths...]', 'files or folders to assess (default: the config\'s sources.paths, else the current folder)')
    .addOption(new Option('--config <file>', 'mcp-comply.yaml with scope, frameworks and sources'))
    .addOption(new Option('--out <dir>', 'output folder').default('mcp-comply-out'))
    .addOption(new Option('--include-user', 'also read user-level MCP client configs in your home folder (shown as ~/...)'))
    .addOption(new Option('--logs <globs...>', 'log files or globs to read (JSONL, Claude Desktop mcp*.log, combined access logs; .gz too); format sniffed'))
    .addOption(new Option('--github-org <org>', 'assess a GitHub organisation and its repositories (token from GITHUB_TOKEN)'))
    .addOption(new Option('--github-repo <owner/repo...>', 'assess GitHub repositories (repeatable)'))
    .addOption(new Option('--github-api-url <url>', 'GitHub API base URL (default: GITHUB_API_URL, else https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3)'))
    .addOption(new Option('--include-archived', 'also assess the organisation\'s archived repositories (listed and skipped by default)'))
    .addOption(new Option('--github-shard <i/n>', 'collect only shard i of n of the repositories (stable hash of owner/name), for parallel jobs; merge with assess --evidence'))
    .addOption(new Option('--github-cache <dir>', 'keep GitHub answers with their ETags in this folder, so the next run asks conditionally (304s cost no rate limit)'))
    .addOption(new Option('--verbose', 'list every skipped file with its reason (assess), and log every GitHub API call (method, route, status, rate limit left) to stderr'))
    .addOption(new Option('--probe', 'contact the remote http(s) MCP endpoints of the assessed configurations: initialize without a credential, OAuth metadata, TLS, Origin check (read-only, bounded, logged; never a tool call or a stdio command)'))
    .addOption(new Option('--probe-url <url...>', 'also probe this MCP endpoint (repeatable; implies --probe)'))
    .addOption(new Option('--sign-key <file>', 'sign the evidence bundle\'s root hash with this PEM private key (evidence/manifest.sig; verify --key checks it)'));
}

/** The private key of --sign-key, read before any work so that a bad one fails at once. */
export function signingKey(options: SourceOptions): KeyObject | undefined {
  return options.signKey ? keyOfFlag('--sign-key', options.signKey, readPrivateKey) : undefined;
}

/** A key file a flag names, read with `read`; one that is not a usable key is an input error naming the flag. */
export function keyOfFlag(flag: string, file: string, read: (file: string) => KeyObject): KeyObject {
  try {
    return read(path.resolve(file));
  } catch (error) {
    if (error instanceof KeyFileError) throw new UsageError(`${flag} ${error.message}`);
    throw error;
  }
}

/** File names that say "log": `*.log`, rotated `*.log.1`, `*.jsonl`, `*.ndjson`, each possibly gzipped. */
const LOG_FILE_NAME = /\.(?:log(?:\.\d+)?|jsonl|ndjson)(?:\.gz)?$/i;

export interface ResolvedSources {
  paths: string[];
  root: string;
  config?: LoadedConfig;
  /** `--logs` (relative to the current folder) and the config's `sources.logs` (relative to its folder). */
  logs: LogFileSpec[];
  /** The config's `sources.repos`, absolute. */
  repos?: string[];
  /** The flags', else the config's, GitHub organisation and repositories. */
  github?: GitHubSources;
  /** Thresholds: defaults overlaid with the config's `checks:` (the log collector and the checks share them), and its `publicEndpoints:`. */
  checkOptions: CheckOptions;
  /** The config's `sources.evidence`: saved bundles added to what is collected, absolute. */
  evidence?: string[];
  /** `--probe`, `--probe-url` or the config's `probe:`; absent, nothing is contacted. */
  probe?: ProbeSettings;
}

/** Paths, root and config. With one folder given, that folder is the root; with a config, its folder. */
export function resolveSources(args: string[], options: SourceOptions): ResolvedSources {
  let config: LoadedConfig | undefined;
  if (options.config) {
    const { loaded, problems } = loadProjectConfig(path.resolve(options.config));
    refuseErrors(problems, displayPath(path.resolve(options.config)));
    // Warnings (a credential quoted in a justification, replaced in what is loaded) do not stop the run.
    for (const warning of sortProblems(problems.filter((p) => p.severity === 'warning'))) writeErr(`${formatProblem(warning)}\n`);
    config = loaded;
  }
  const base = config ? path.dirname(config.file) : process.cwd();
  const given = args.length > 0 ? args.map((p) => path.resolve(p)) : (config?.config.sources?.paths ?? ['.']).map((p) => path.resolve(base, p));
  for (const p of given) if (!fs.existsSync(p)) throw new UsageError(`path "${displayPath(p)}" does not exist`);
  const root = config ? base
    : given.length === 1 && fs.statSync(given[0]!).isDirectory() ? given[0]! : process.cwd();
  const logs: LogFileSpec[] = [
    ...(options.logs ?? []).map((p) => ({ path: path.resolve(p) })),
    // A log named like one among the paths is offered to the log collector too (the collector that reads it wins).
    ...given.filter((p) => LOG_FILE_NAME.test(path.basename(p)) && fs.statSync(p).isFile()).map((p) => ({ path: p })),
    ...(config?.config.sources?.logs ?? []).map((l) => ({ ...l, path: path.resolve(base, l.path) })),
  ];
  const repos = config?.config.sources?.repos?.map((p) => path.resolve(base, p));
  const evidence = config?.config.sources?.evidence?.map((p) => path.resolve(base, p));
  const github = githubSources(options, config?.config.sources?.github);
  const probe = probeSettings(options, config);
  return {
    paths: given, root, config, logs, ...(repos ? { repos } : {}), ...(github ? { github } : {}), ...(evidence ? { evidence } : {}),
    ...(probe ? { probe } : {}),
    checkOptions: resolveCheckOptions({
      // probe.expiryWarningDays (DESIGN §2) is the certificate check's threshold; checks: may still set it.
      ...(typeof config?.config.probe === 'object' && config.config.probe.expiryWarningDays !== undefined
        ? { 'mcp.transport.tls-certificate': { expiryWarningDays: config.config.probe.expiryWarningDays } } : {}),
      ...config?.config.checks,
      ...(config?.publicEndpoints.length ? { 'mcp.auth.remote-without-auth': { publicEndpoints: config.publicEndpoints } } : {}),
    }),
  };
}

/** The probe's settings when the user opted in (flag or config); `--probe-url` is checked like `probe.urls`. */
function probeSettings(options: SourceOptions, config: LoadedConfig | undefined): ProbeSettings | undefined {
  const configured = config?.config.probe;
  if (!options.probe && !options.probeUrl?.length && !configured) return undefined;
  for (const url of options.probeUrl ?? []) {
    const problem = probeUrlProblem(url);
    if (problem) throw new UsageError(`--probe-url ${problem}`);
  }
  const settings = typeof configured === 'object' ? configured : {};
  const configFile = config ? displayPath(config.file) : 'mcp-comply.yaml';
  return {
    urls: [
      ...(options.probeUrl ?? []).map((url) => ({ url, reference: { path: 'command line' } })),
      ...(settings.urls ?? []).map((url, i) => ({ url, reference: { path: configFile, ...config!.positionOf(['probe', 'urls', i]) } })),
    ],
    ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.credentials?.length ? {
      credentials: settings.credentials.map(({ url, header, env }) => ({ pattern: url, header, env, ...(process.env[env] ? { value: process.env[env] } : {}) })),
    } : {}),
  };
}

/**
 * The GitHub API base: the flag, else GITHUB_API_URL (as Actions sets it), else the config's, else
 * github.com; an http(s) URL without a trailing slash.
 */
export function resolveGitHubApiUrl(flag: string | undefined, configured?: string): string {
  const apiUrl = flag ?? process.env.GITHUB_API_URL ?? configured ?? 'https://api.github.com';
  if (!httpUrlOf(apiUrl)) throw new UsageError(`GitHub API URL "${apiUrl}" is not an http(s) URL`);
  return apiUrl.replace(/\/+$/, '');
}

/** The GitHub sources of the flags (over the config's); undefined when none is named. */
function githubSources(options: SourceOptions, configured: { org?: string; repos?: string[]; apiUrl?: string } = {}): GitHubSources | undefined {
  const org = options.githubOrg ?? configured.org;
  const repos = options.githubRepo ?? configured.repos ?? [];
  if (!org && repos.length === 0) return undefined;
  for (const repo of repos) if (!/^[^/\s]+\/[^/\s]+$/.test(repo)) throw new UsageError(`--github-repo "${repo}" is not owner/name`);
  const apiUrl = resolveGitHubApiUrl(options.githubApiUrl, configured.apiUrl);
  const shard = options.githubShard === undefined ? undefined : parseShard(options.githubShard);
  if (options.githubShard !== undefined && !shard) throw new UsageError(`--github-shard "${options.githubShard}" is not i/n with 1 <= i <= n`);
  const token = process.env.GITHUB_TOKEN || undefined;
  return {
    ...(org ? { org } : {}), repos, apiUrl, ...(token ? { token } : {}),
    ...(options.includeArchived ? { includeArchived: true } : {}), ...(shard ? { shard } : {}),
    ...(options.githubCache ? { cacheDir: path.resolve(options.githubCache) } : {}),
    ...(options.verbose ? { verbose: true } : {}),
  };
}

/**
 * Evidence from the sources, or only from saved bundles when --evidence is given (each verified first).
 * The config's `sources.evidence` bundles (recorded GitHub evidence, say) are added to what is collected.
 */
export async function gatherEvidence(
  sources: ResolvedSources, options: SourceOptions, now: string,
): Promise<{ items: EvidenceItem[]; failures: CollectorFailure[] }> {
  if (options.evidence?.length) return { items: readBundles(options.evidence.map((d) => path.resolve(d))), failures: [] };
  const progress = createProgress();
  let collected: { items: EvidenceItem[]; failures: CollectorFailure[] };
  try {
    collected = await runCollectors(COLLECTORS, {
      paths: sources.paths, root: sources.root, includeUser: Boolean(options.includeUser),
      home: os.homedir(), now, progress, logs: sources.logs,
      ...(sources.repos ? { repos: sources.repos } : {}),
      checkOptions: sources.checkOptions,
      ...(sources.github ? { github: sources.github } : {}),
      ...(sources.probe ? { probe: sources.probe } : {}),
      log: (message: string) => writeErr(`${message}\n`),
    });
  } finally {
    progress.done();
  }
  if (!sources.evidence?.length) return collected;
  return { items: readBundles(sources.evidence, collected.items), failures: collected.failures };
}

/**
 * Items of saved bundles after `items`. Shards of one run share some items (the advisory data, say):
 * the same content is kept once, different content under one id is refused.
 */
function readBundles(dirs: string[], items: EvidenceItem[] = []): EvidenceItem[] {
  const merged = [...items];
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const dir of dirs) {
    const bundleDir = locateBundle(dir);
    const { items: loaded, problems } = readBundle(bundleDir);
    if (problems.length > 0) {
      throw new UsageError(`evidence bundle ${displayPath(bundleDir)} does not verify:\n${problems.map((p) => `  ${p.subject}: ${p.reason}: ${p.detail}`).join('\n')}`);
    }
    for (const item of loaded) {
      const seen = byId.get(item.id);
      if (seen && canonicalJson(seen.data) !== canonicalJson(item.data)) {
        throw new UsageError(`evidence item ${item.id} differs between ${displayPath(bundleDir)} and the evidence before it`);
      }
      if (seen) continue;
      byId.set(item.id, item);
      merged.push(item);
    }
  }
  return merged;
}

/** A bundle folder, or an output folder that holds one in evidence/. */
export function locateBundle(dir: string): string {
  if (fs.existsSync(path.join(dir, MANIFEST))) return dir;
  if (fs.existsSync(path.join(dir, 'evidence', MANIFEST))) return path.join(dir, 'evidence');
  throw new UsageError(`${displayPath(dir)} is not an evidence bundle (no ${MANIFEST} in it or in its evidence/ folder)`);
}
