/**
 * Known-vulnerable MCP components, read from data files (the built-in list plus the user's own) and
 * handed to checks as evidence, so the advisory data a result relied on is hashed with the rest.
 */
import type { Severity } from '../../catalog/model.js';

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
}

export interface AdvisoryDatabase {
  /** Display paths of the data files read. */
  sources: string[];
  advisories: Advisory[];
}
