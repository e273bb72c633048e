/**
 * assessment.json (DESIGN §6): the one canonical result. Every report format is a view of it.
 * schemas/assessment.schema.json describes it for consumers; tests validate every document we write.
 */
import type { Severity } from '../catalog/model.js';
import type { CheckResult, CheckStatus } from '../checks/types.js';
import type { Location, UnreadableSource } from '../evidence/types.js';

export const ASSESSMENT_SCHEMA_VERSION = '1.0';

export type ControlStatus = 'pass' | 'fail' | 'not_observed' | 'manual' | 'attested' | 'stale' | 'not_applicable' | 'error';
export type RequirementStatus = 'met' | 'partially_met' | 'not_met' | 'not_assessed' | 'not_applicable';

export interface AssessmentResult {
  status: CheckResult['status'];
  messageId: string;
  message: string;
  severity: Severity;
  location: Location;
  fingerprint: string;
  evidenceId: string;
  /** The MCP server the result concerns (from the check's `server` data), so exceptions can be scoped to servers. */
  server?: string;
}

export interface AssessmentCheck {
  id: string;
  title: string;
  status: CheckStatus;
  severity: Severity;
  reason?: string;
  controlIds: string[];
  results: AssessmentResult[];
}

export interface Finding {
  checkId: string;
  severity: Severity;
  messageId: string;
  message: string;
  location: Location;
  fingerprint: string;
  controlIds: string[];
  evidenceId: string;
  server?: string;
  /** A live exception accepting this finding: recorded beside it, never changing its status. */
  exception?: ExceptionNote;
  /** An exception that matched but has expired: it no longer applies. */
  expiredException?: ExceptionNote;
}

/** What a finding or control shows of the exception that accepts it. */
export interface ExceptionNote {
  id: string;
  approver: string;
  expires: string;
  ticket?: string;
  justification: string;
}

export type ExceptionStatus = 'live' | 'expired' | 'not-yet-approved';

/** One row of the exceptions register. */
export interface ExceptionEntry {
  id: string;
  /** `check:<id>` or `control:<id>`. */
  target: string;
  status: ExceptionStatus;
  approver: string;
  approved: string;
  expires: string;
  /** Days from the run's date to `expires`; negative once expired. */
  daysToExpiry: number;
  ticket?: string;
  matchedFindings: number;
  /** It matched no finding and accepted no control. */
  unused: boolean;
}

/** The attestation a control's status rests on (or went stale on). */
export interface ControlAttestation {
  attestedBy: string;
  date: string;
  validUntil: string;
  /** Evidence file, relative to the config folder. */
  evidence: string;
  sha256: string;
}

export interface AssessmentControl {
  id: string;
  title: string;
  family?: string;
  status: ControlStatus;
  severity: Severity;
  checks: Array<{ id: string; status: CheckStatus }>;
  risk: { likelihood: number; impact: number; inherent: number; residual: number };
  exception?: ExceptionNote;
  attestation?: ControlAttestation;
}

export interface AssessmentFramework {
  id: string;
  name: string;
  version: string;
  summary: {
    /** Share of requirements with evidence (status other than not_assessed / not_applicable), 0-1. */
    coverage: number;
    /** Share of requirements met, 0-1, over all requirements in scope: missing evidence never counts as met. */
    compliance: number;
    counts: Record<RequirementStatus, number>;
  };
  requirements: Array<{
    id: string;
    title: string;
    status: RequirementStatus;
    controlIds: string[];
    controls: Array<{ id: string; relationship: string; status: ControlStatus }>;
  }>;
}

export interface AssessmentRisk {
  threatId: string;
  title: string;
  inherent: number;
  residual: number;
  controlIds: string[];
}

export interface Assessment {
  schemaVersion: string;
  tool: { name: string; version: string };
  generatedAt: string;
  scope: {
    organization?: string;
    frameworks: string[];
    dataClasses: string[];
    paths: string[];
    includeUser: boolean;
  };
  evidence: {
    rootHash: string;
    items: Array<{ id: string; kind: string; collector: string; source: string; sha256: string; collectedAt: string }>;
    unreadable: UnreadableSource[];
    collectorFailures: Array<{ collector: string; message: string }>;
  };
  checks: AssessmentCheck[];
  findings: Finding[];
  controls: AssessmentControl[];
  frameworks: AssessmentFramework[];
  risks: AssessmentRisk[];
  /** The exceptions register: every exception of exceptions.yaml with its state on the run's date. */
  exceptions?: ExceptionEntry[];
  summary: {
    checks: Record<CheckStatus, number>;
    /** `excepted`: findings under a live exception, left out of `failed`. */
    findings: { total: number; bySeverity: Record<Severity, number>; excepted?: number };
    exceptions?: { live: number; expired: number; notYetApproved: number; unused: number };
    controls: Record<ControlStatus, number>;
    failOn: Severity | 'none';
    /** Whether findings not under a live exception reach --fail-on (the CLI exits 1). */
    failed: boolean;
  };
}
