/**
 * A check is metadata plus one pure function of evidence (ESLint's rule, Lighthouse's audit):
 * no I/O, no clock (the run's time is in the context), no environment. One file per check id.
 */
import type { Severity } from '../catalog/model.js';
import type { CheckOptions } from '../config/check-options.js';
import type { EvidenceItem, EvidenceKind, Location } from '../evidence/types.js';
import type { CheckId } from './ids.js';

/** DESIGN §5: `not_applicable` is "no population" (nothing the check applies to was found), never a pass. */
export type CheckStatus = 'pass' | 'fail' | 'not_observed' | 'not_applicable' | 'error';

export interface CheckMeta {
  id: CheckId;
  title: string;
  /** Default severity of a failure; a result may raise or lower it (e.g. a root filesystem is critical). */
  severity: Severity;
  /** The evidence kinds the check reads. With none collected, the check is `not_observed`, never `pass`. */
  evidence: EvidenceKind[];
  /** Message templates by id; `{{name}}` is filled from the result's data. Tests assert them verbatim. */
  messages: Record<string, string>;
  /** What to do about a failure, one or two sentences. */
  remediation: string;
}

export interface CheckResult {
  /**
   * `not_observed`: this part of the evidence could not be seen (an API call the token may not make);
   * the message says what would let us see it. Never a finding, and the check cannot pass while any
   * part is unseen.
   * `not_applicable`: the evidence held nothing this check applies to (a configuration that starts no
   * container, a repository without workflows): no population, so neither a pass nor a finding.
   */
  status: 'pass' | 'fail' | 'not_observed' | 'not_applicable';
  messageId: string;
  /** Placeholders for the message. Never a secret value: collectors have already redacted them. */
  data?: Record<string, string | number>;
  location: Location;
  /** The evidence item this result was decided from. */
  evidenceId: string;
  /**
   * What distinguishes this result from others in the same file, stable across edits that move lines
   * (e.g. `/mcpServers/github/env/API_KEY`). With the check id and path it makes the fingerprint.
   */
  key: string;
  severity?: Severity;
  /**
   * The path the fingerprint is made from when the result concerns more than the file it points at
   * (a log stream whose oldest file rotates away); default: `location.path`.
   */
  fingerprintPath?: string;
}

export interface CheckContext {
  /** The run's time, ISO 8601. */
  now: string;
  /** Framework ids in scope (some thresholds, such as log retention, depend on them). */
  frameworks: string[];
  /** Every check's tunable thresholds, defaults overlaid with mcp-comply.yaml's `checks:`. */
  options: CheckOptions;
  /** The evidence items of one kind (only kinds listed in meta.evidence are given). */
  evidence<K extends EvidenceKind>(kind: K): Array<EvidenceItem<K>>;
}

export interface Check {
  meta: CheckMeta;
  run(context: CheckContext): CheckResult[];
}
