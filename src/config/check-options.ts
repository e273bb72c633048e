/**
 * Thresholds users tune per check in mcp-comply.yaml (`checks: { <check id>: { ... } }`), with their
 * documented defaults. The log collector measures with the windows given here and the checks decide
 * with the thresholds, so one setting drives both.
 */

export interface CheckOptions {
  /** A burst is `threshold` or more 401s for one identity or source IP inside `windowSeconds`. */
  'logs.auth.failure-burst': { windowSeconds: number; threshold: number };
  /** A client above `threshold` requests inside `windowSeconds` that was never answered 429. */
  'logs.rate-limit.unenforced': { windowSeconds: number; threshold: number };
  /**
   * Days of logs that must be at hand. `minimumDays` is the user's override; otherwise the longest of
   * `requirements`, which the engine fills from the `logRetention` of each framework in scope
   * (mappings/*.yaml: the legal basis lives in the data, not in code).
   */
  'logs.retention.insufficient': { minimumDays?: number; requirements: LogRetentionRequirement[] };
  /** mcp-comply.yaml `publicEndpoints:` (DESIGN §2): remote servers that need no credential by design. */
  'mcp.auth.remote-without-auth': { publicEndpoints: PublicEndpoint[] };
  /** A probed certificate that expires within `expiryWarningDays` is a finding (renewal is due). */
  'mcp.transport.tls-certificate': { expiryWarningDays: number };
}

/** One `publicEndpoints:` entry: a URL pattern of remote MCP servers that are public by design, and who said so. */
export interface PublicEndpoint {
  /** `https://host/path`; `*` within a host or path segment, `**` across segments, `{a,b}` alternatives; an origin alone covers every path. */
  pattern: string;
  justification: string;
  approver: string;
}

export interface LogRetentionRequirement {
  /** The framework's name as messages show it. */
  framework: string;
  /** The requirement id that sets the minimum, e.g. `10.5.1`. */
  requirement: string;
  minimumDays: number;
  /** What the minimum means and what local logs cannot show (e.g. archives beyond what is at hand). */
  note: string;
}

export const CHECK_OPTION_DEFAULTS: CheckOptions = {
  'logs.auth.failure-burst': { windowSeconds: 300, threshold: 10 },
  'logs.rate-limit.unenforced': { windowSeconds: 60, threshold: 600 },
  'logs.retention.insufficient': { requirements: [] },
  'mcp.auth.remote-without-auth': { publicEndpoints: [] },
  'mcp.transport.tls-certificate': { expiryWarningDays: 30 },
};

export type ConfiguredCheckOptions = { [K in keyof CheckOptions]?: Partial<CheckOptions[K]> };

/** Defaults overlaid with what the config sets. */
export function resolveCheckOptions(configured: ConfiguredCheckOptions = {}): CheckOptions {
  const merged = { ...CHECK_OPTION_DEFAULTS } as Record<string, object>;
  for (const [id, options] of Object.entries(configured)) merged[id] = { ...merged[id], ...options };
  return merged as unknown as CheckOptions;
}
