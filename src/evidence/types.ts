/**
 * Evidence: what collectors gather and checks evaluate (Lighthouse's artifacts). Every item is
 * plain JSON, already redacted: a secret found by a collector is recorded as its kind and place,
 * never its value, before the item exists.
 */
import type { AdvisoryDatabase } from '../collectors/advisories/model.js';
import type { GitHubOrgEvidence, GitHubRepoEvidence } from '../collectors/github/model.js';
import type { Shard } from '../collectors/github/shard.js';
import type { LogFormat, LogSourceEvidence } from '../collectors/logs/model.js';
import type { McpConfigFile } from '../collectors/mcp-config/model.js';
import type { ProbeEndpointEvidence, ProbeReference } from '../collectors/probe/model.js';
import type { RepositoryEvidence } from '../collectors/repo/model.js';
import type { CheckOptions } from '../config/check-options.js';
import type { ToolLockFile, ToolSnapshotFile } from '../collectors/tool-snapshot/model.js';

/**
 * Where a result points. `path` is relative to the assessed root, POSIX style; a user-level file
 * outside it is written home-relative (`~/.cursor/mcp.json`), never with the user's home path.
 */
export interface Location {
  path: string;
  line?: number;
  column?: number;
}

/** A source that exists but could not be read or understood: reported, never silently dropped. */
export interface UnreadableSource {
  path: string;
  /** Stable reason code: `parse-error`, `unknown-shape`, `too-large`, `symlink-loop`, `not-utf8`, `permission-denied`, ... */
  code: string;
  reason: string;
  line?: number;
  column?: number;
}

/** What discovery looked at, so coverage of the evidence is itself evidence. */
export interface DiscoverySummary {
  roots: string[];
  includeUser: boolean;
  filesExamined: number;
  /** Files of a name no client uses whose content was examined for an MCP server map (JSON, YAML, TOML up to 1 MiB). */
  filesSniffed: number;
  configsParsed: number;
  serversFound: number;
  /** Every candidate not read (too large, does not parse, no servers, unknown shape, symlink loop, ...) and every folder not entered, with why. */
  skipped: Array<{ path: string; reason: string }>;
}

/** An attestation of attestations.yaml with the sha256 of its evidence file, so `verify` covers the file. */
export interface AttestationEvidence {
  /** The control attested; or `framework` and `requirement` for the rest of a requirement. */
  control?: string;
  framework?: string;
  requirement?: string;
  statement: string;
  attestedBy: string;
  date: string;
  validUntil: string;
  /** Evidence file, relative to the config folder, POSIX style. */
  evidence: string;
  sha256: string;
  bytes: number;
}

/** Evidence kinds and the data each carries. */
export interface EvidenceDataMap {
  'mcp-config': McpConfigFile;
  'tool-snapshot': ToolSnapshotFile;
  'tool-lock': ToolLockFile;
  'advisory-db': AdvisoryDatabase;
  'log-source': LogSourceEvidence;
  'repository': RepositoryEvidence;
  'github-org': GitHubOrgEvidence;
  'github-repo': GitHubRepoEvidence;
  'unreadable-source': UnreadableSource;
  'discovery': DiscoverySummary;
  'attestation': AttestationEvidence;
  /** What `--probe` observed at one remote endpoint (issue 20). */
  'probe-endpoint': ProbeEndpointEvidence;
}

export type EvidenceKind = keyof EvidenceDataMap;

export interface EvidenceItem<K extends EvidenceKind = EvidenceKind> {
  /** Stable across runs for the same source: `<kind>:<path>` (plus a suffix when one source yields several items). */
  id: string;
  kind: K;
  /** Collector id, e.g. `mcp-config`. */
  collector: string;
  /** Display path or URL of the source (same rules as Location.path). */
  source: string;
  /** ISO 8601, the run's clock. */
  collectedAt: string;
  data: EvidenceDataMap[K];
}

/** What every collector is given. Collectors do all I/O; nothing else touches the file system. */
export interface CollectContext {
  /** Absolute paths to assess (folders or files). */
  paths: string[];
  /** Absolute folder that evidence paths are relative to. */
  root: string;
  /** Also read user-level client configs under `home`. */
  includeUser: boolean;
  home: string;
  /** The run's clock (ISO 8601); collectors never read the clock themselves. */
  now: string;
  /** Progress for long work (discovery); shown on a TTY only. */
  progress?: (message: string) => void;
  /** Log files to read (`--logs` and the config's `sources.logs`). */
  logs?: LogFileSpec[];
  /** Repository folders the config names (`sources.repos`), absolute; without them, repositories are found under `paths`. */
  repos?: string[];
  /** Thresholds; the log collector measures with the windows the checks decide on. */
  checkOptions?: CheckOptions;
  /** GitHub sources (`--github-org`, `--github-repo`, the config's `sources.github`); network the tool touches, with the opt-in probe. */
  github?: GitHubSources;
  /** The opt-in probe (`--probe`, `probe:` in mcp-comply.yaml); absent, nothing is contacted. */
  probe?: ProbeSettings;
  /** What the collectors before this one gathered (the probe reads the MCP configurations from it). */
  collected?: readonly EvidenceItem[];
  /** Diagnostics for stderr (the GitHub calls made and rate limit left; every call with --verbose); never secrets. */
  log?: (message: string) => void;
}

export interface GitHubSources {
  org?: string;
  /** `owner/name`, each assessed whether or not it belongs to `org`. */
  repos: string[];
  /** API base URL: `--github-api-url`, `GITHUB_API_URL`, the config's `apiUrl`, else https://api.github.com. */
  apiUrl: string;
  /** From `GITHUB_TOKEN`; never written anywhere. */
  token?: string;
  /** Also assess archived repositories of the organisation (skipped and listed by default). */
  includeArchived?: boolean;
  /** Only this share of the repositories (`--github-shard i/n`); the organisation's facts come with shard 1. */
  shard?: Shard;
  /** Folder of the ETag cache (`--github-cache`), so a repeated run's reads are conditional and cost no rate limit. */
  cacheDir?: string;
  /** Log every call (method, route, status, rate limit left) to `CollectContext.log`. */
  verbose?: boolean;
}

/** What `--probe` contacts besides the configurations' endpoints, and its bounds. */
export interface ProbeSettings {
  /** `--probe-url` and `probe.urls`, each with where it was named. */
  urls: Array<{ url: string; reference: ProbeReference }>;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  /** `probe.credentials`: for endpoints matching `pattern`, `header` with the value of the variable `env` (read by the CLI; absent when unset). */
  credentials?: ProbeCredential[];
}

export interface ProbeCredential {
  /** URL pattern, as in `publicEndpoints`. */
  pattern: string;
  header: string;
  env: string;
  /** Never written anywhere. */
  value?: string;
}

/** One log file and how to read it. */
export interface LogFileSpec {
  /** Absolute path or glob (`*`, `?`, `**`, `{a,b}`). */
  path: string;
  /** Given in the config; sniffed from the first lines when absent. */
  format?: LogFormat;
  /** For JSONL not in the canonical shape: canonical field -> dotted path. */
  fields?: Record<string, string>;
  /** Gzip only: reading stops once this many bytes were inflated (default DEFAULT_INFLATE_LIMITS). */
  maxInflatedBytes?: number;
  /** Gzip only: reading stops once, past 16 MiB, the data inflates more than this many times the bytes read. */
  maxInflationRatio?: number;
}

export interface Collector {
  id: string;
  title: string;
  /** Evidence kinds it emits; when it fails, checks that read them are `error`, not `not_observed`. */
  produces: EvidenceKind[];
  collect(context: CollectContext): Promise<EvidenceItem[]>;
}
