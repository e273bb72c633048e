/**
 * Known-vulnerable MCP components, read from data files (the built-in list plus the user's own) and
 * handed to checks as evidence, so the advisory data a result relied on is hashed with the rest.
 */
import type { Severity } from '../../catalog/model.js';

/** The transports an MCP server can serve (the model's McpTransport without `unknown`). */
export const SERVED_TRANSPORTS = ['stdio', 'streamable-http', 'sse'] as const;
export type ServedTransport = (typeof SERVED_TRANSPORTS)[number];

/**
 * Where an advisory holds, when its text limits it to a configuration. Absent: wherever the affected
 * versions run. `transports`: only servers that serve one of these (the SDK DNS-rebinding advisories
 * affect HTTP servers and say that stdio servers are not affected).
 */
export interface AdvisoryApplicability {
  transports?: ServedTransport[];
}

export interface Advisory {
  /** CVE or GHSA id. */
  id: string;
  ecosystem: 'npm' | 'pypi';
  package: string;
  /** semver range of affected versions, e.g. `<0.1.16` or `>=0.0.5 <0.1.16`. */
  affected: string;
  fixed?: string;
  severity: Severity;
  summary: string;
  references?: string[];
  appliesTo?: AdvisoryApplicability;
}

export interface AdvisoryDatabase {
  /** Display paths of the data files read. */
  sources: string[];
  advisories: Advisory[];
}
