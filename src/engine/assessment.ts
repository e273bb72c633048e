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
}

export interface AssessmentControl {
  id: string;
  title: string;
  family?: string;
  status: ControlStatus;
  severity: Severity;
  checks: Array<{ id: string; status: CheckStatus }>;
  risk: { likelihood: number; impact: number; inherent: number; residual: number };
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
  summary: {
    checks: Record<CheckStatus, number>;
    findings: { total: number; bySeverity: Record<Severity, number> };
    controls: Record<ControlStatus, number>;
    failOn: Severity | 'none';
    /** Whether findings reach --fail-on (the CLI exits 1). */
    failed: boolean;
  };
}
