/**
 * assessment.json (DESIGN §6): the one canonical result. Every report format is a view of it.
 * schemas/assessment.schema.json describes it for consumers; tests validate every document we write.
 */
import type { Automation, FigureLabels, RequirementStatus, Severity, SupportiveProperty } from '../catalog/model.js';
import type { CheckResult, CheckStatus } from '../checks/types.js';
import type { DiscoverySummary, Location, UnreadableSource } from '../evidence/types.js';

/**
 * 2.0: controls `partial` and population-free `not_applicable`, requirement outcomes and figures of DESIGN §5.
 * 2.1: the remediation plan (`plan`) and document control (`document`).
 */
export const ASSESSMENT_SCHEMA_VERSION = '2.1';

export type { RequirementStatus };
export const CONTROL_STATUSES = ['pass', 'partial', 'fail', 'not_observed', 'manual', 'attested', 'stale', 'not_applicable', 'error'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

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
  /** What to do about a failure (the check's metadata), for reports and SARIF help. Absent before schema 1.2. */
  remediation?: string;
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
  /** Why the risk is accepted (absent before schema 1.2). */
  justification?: string;
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
  /** On the run's date: `fresh`, `stale` (past validUntil) or `future` (dated after the run). */
  state: 'fresh' | 'stale' | 'future';
}

export interface AssessmentControl {
  id: string;
  title: string;
  family?: string;
  status: ControlStatus;
  /** Why it has this status: which checks failed or lacked evidence, which attestation is stale, what scoped it out. */
  reason: string;
  severity: Severity;
  /** How much of the control its checks decide (catalog data). */
  automation: Automation;
  /** For a `partial` control: what its checks leave undecided, the manual evidence outstanding (catalog data). */
  manualPart?: string;
  checks: Array<{ id: string; status: CheckStatus }>;
  risk: { likelihood: number; impact: number; inherent: number; residual: number };
  exception?: ExceptionNote;
  attestation?: ControlAttestation;
  /** Catalog text carried along so that every report is a view of assessment.json alone. Absent before schema 1.2. */
  objective?: string;
  remediation?: string;
  /** What an auditor expects to see when no check can decide (the control's `evidence` list). */
  expectedEvidence?: string[];
  threats?: string[];
  practices?: string[];
  references?: Array<{ title: string; url: string }>;
}

export interface AssessmentFramework {
  id: string;
  name: string;
  version: string;
  publisher?: string;
  /** Where the framework's text is published. */
  source?: string;
  /** Whether the framework applies to the declared scope, how many of its requirements do, and what was assumed. */
  applicability: {
    applies: boolean;
    reason?: string;
    inScope: number;
    /** Scope facts (`dataClasses`, `aiAct.role`, `aiAct.riskLevel`) the mapping needed but the config does not declare. */
    assumed: string[];
  };
  /** DESIGN §5 figures; there is no single "compliance %". */
  summary: FrameworkFigures;
  /** The framework's own words for outcomes and figures (mapping data), for reports to use. */
  outcomeLabels?: Partial<Record<RequirementStatus, string>>;
  figureLabels?: FigureLabels;
  requirements: Array<{
    id: string;
    title: string;
    status: RequirementStatus;
    /** Which controls decided it and how, or why it is out of scope. */
    reason: string;
    controlIds: string[];
    /** `rationale`: how the control supports the requirement (mapping data; absent before schema 1.2). */
    controls: Array<{ id: string; relationship: string; property: SupportiveProperty; status: ControlStatus; rationale?: string }>;
    /** An attestation of the part of the requirement its controls leave open. */
    attestation?: ControlAttestation;
  }>;
}

export interface FrameworkFigures {
  /** In-scope requirements with evidence (not untested, not not_addressed) over in-scope requirements, 0-1; null when none is in scope. */
  testingCoverage: number | null;
  /** Tested requirements whose MCP part is effective (met + effective) over tested requirements, 0-1; null when none is tested. */
  effectiveness: number | null;
  counts: Record<RequirementStatus, number>;
}

/** The requirements of every applicable framework pooled as one (DESIGN §5 "overall"). */
export interface PooledFigures extends FrameworkFigures {
  /** Applicable frameworks pooled. */
  frameworks: number;
  inScope: number;
  tested: number;
}

export type RiskBand = 'low' | 'medium' | 'high' | 'critical';

/**
 * How residual risk is worked out (README "Risk register"); mcp-comply.yaml `risk:` overrides the
 * defaults, and the method used is written into assessment.json so a report can state it.
 */
export interface RiskMethod {
  /** How much each control status counts as mitigation, 0-1 (default: pass 1, attested 1, partial 0.5, every other status 0). */
  credit: Record<Exclude<ControlStatus, 'not_applicable'>, number>;
  /** Likelihood never falls below this, however well controlled (default 1). */
  minimumLikelihood: number;
  /** Lowest score of each band above `low` (default medium 5, high 10, critical 20). */
  bands: { medium: number; high: number; critical: number };
}

export interface AssessmentRisk {
  threatId: string;
  title: string;
  /** Worst case the catalog records among the mitigating controls (1-5 each). */
  likelihood: number;
  impact: number;
  /** likelihood x impact, 1-25. */
  inherent: number;
  residualLikelihood: number;
  /** residualLikelihood x impact: never above inherent. */
  residual: number;
  band: { inherent: RiskBand; residual: RiskBand };
  /** Mean credit of the mitigating controls, 0-1 (a control without population counts at no credit). */
  mitigation: number;
  controlIds: string[];
  controls: Array<{ id: string; status: ControlStatus; credit: number }>;
  reason: string;
}

/** 25 cells, likelihood 5..1 by impact 1..5, each naming the threats that sit there before and after controls. */
export interface RiskHeatMap {
  cells: Array<{ likelihood: number; impact: number; score: number; band: RiskBand; inherent: string[]; residual: string[] }>;
}

/** One MCP server of the estate (from the configurations), for the quarter-over-quarter inventory diff. */
export interface InventoryServer {
  name: string;
  client: string;
  transport: string;
  /** Configuration file (display path) and the entry's line. */
  path: string;
  line: number;
  disabled: boolean;
  /** A remote server's host[:port] (never a path, query or userinfo: they may carry credentials). Absent for stdio servers. */
  endpoint?: string;
  /** The system of `scope.systems` the server is assigned to (see ScopeSystem), if any. */
  system?: string;
  /** Findings located at this server (its name, in its configuration file). Absent before schema 2.0. */
  findings?: number;
}

/** One tool definition of a snapshot; `sha256` changes whenever the definition does. */
export interface InventoryTool {
  server: string;
  name: string;
  sha256: string;
  path: string;
}

/** A local repository assessed (`sources.repos`, or found under the assessed paths). */
export interface InventoryRepository {
  /** Display path of its root. */
  path: string;
  /** Whether it is a git repository; its file list was then git's index, else a walk honouring .gitignore. */
  git: boolean;
  listing: 'git-index' | 'walk';
  /** The folders inside it the assessment was limited to, when it encloses the assessed paths. */
  scope?: string[];
}

/** What was assessed through the GitHub API. */
export interface InventoryGitHub {
  organizations: Array<{
    org: string;
    /** Host of the API (api.github.com, or a GitHub Enterprise Server host). */
    apiHost: string;
    repositoriesListed: number;
    repositoriesAssessed: number;
    /** Archived repositories listed and skipped. */
    archivedSkipped: number;
  }>;
  repositories: Array<{ repo: string; visibility: string; defaultBranch: string }>;
}

/** One log stream (a file and its rotations, as logs.retention groups them) and the period its events cover. */
export interface InventoryLogStream {
  stream: string;
  /** Display paths of its files. */
  paths: string[];
  /** The format of its files (`mixed` when they differ). */
  format: string;
  /** Oldest and newest event time across its files; absent when no event carried a time. */
  from?: string;
  to?: string;
  events: number;
}

export interface Inventory {
  servers: InventoryServer[];
  tools: InventoryTool[];
  /** Absent before schema 2.0. */
  repositories?: InventoryRepository[];
  github?: InventoryGitHub;
  logs?: InventoryLogStream[];
}

/** A system of mcp-comply.yaml `systems:`: what the assessment's boundary is drawn around. */
export interface ScopeSystem {
  name: string;
  description?: string;
  owner?: string;
  dataClasses?: string[];
  /** MCP server names (`*` matches any run of characters) assigned to this system. */
  servers?: string[];
  /** Configuration files or folders (display paths; globs allowed) whose MCP servers are assigned to this system. */
  paths?: string[];
}

/**
 * The assessment boundary (DESIGN §5), generated from the evidence: what was looked at, in counts, and
 * what the assessment does not cover. Every status of the assessment is a statement about this boundary.
 */
export interface AssessmentBoundary {
  /** The point in time the assessment speaks for (its generatedAt). */
  asOf: string;
  systems: Array<{ name: string; servers: number }>;
  servers: {
    total: number;
    /** stdio servers (run on the client's machine), remote ones (streamable HTTP, SSE), and those whose transport is unknown. */
    local: number;
    remote: number;
    unknown: number;
    disabled: number;
    /** Servers assigned to no system. */
    unassigned: number;
    byClient: Record<string, number>;
    byTransport: Record<string, number>;
  };
  tools: { definitions: number; servers: number };
  repositories: number;
  github: { organizations: string[]; repositories: number };
  logs: Array<{ stream: string; files: number; events: number; from?: string; to?: string }>;
  /** Fresh attestations: the only way what lies outside the boundary enters the assessment. */
  attested: Array<{ control?: string; framework?: string; requirement?: string; attestedBy: string; validUntil: string }>;
  /** What the assessment does not cover (templates/boundary.yaml). */
  exclusions: Array<{ id: string; statement: string }>;
}

/** `regressed`: further from passing (pass -> fail, attested -> stale, ...); `improved`: closer; `changed`: neither (e.g. not_observed -> manual). */
export type ChangeDirection = 'regressed' | 'improved' | 'changed';

export interface FindingRef {
  checkId: string;
  severity: Severity;
  message: string;
  location: Location;
  fingerprint: string;
  /** Id of the live exception accepting it, if any. */
  exception?: string;
}

/** What changed since a previous assessment (`assess --previous`, and `drift`). */
export interface AssessmentChanges {
  previous: { generatedAt: string; rootHash: string; toolVersion: string };
  controls: Array<{ id: string; title: string; from: ControlStatus; to: ControlStatus; direction: ChangeDirection }>;
  requirements: Array<{ frameworkId: string; id: string; title: string; from: RequirementStatus; to: RequirementStatus; direction: ChangeDirection }>;
  findings: { new: FindingRef[]; resolved: FindingRef[]; unchanged: number };
  servers: { added: InventoryServer[]; removed: InventoryServer[] };
  tools: { added: InventoryTool[]; removed: InventoryTool[]; changed: Array<{ server: string; name: string; path: string; from: string; to: string }> };
  /** Exceptions expired now that were live (or not yet approved, or absent) before. */
  exceptions: { expired: Array<{ id: string; target: string; expires: string }> };
  /** Attestations stale now that were fresh (or absent) before. */
  attestations: { stale: Array<{ control: string; attestedBy: string; validUntil: string }> };
  /** Every framework in either assessment; `added`/`removed` when only one has it. */
  frameworks: Array<{
    id: string; name: string; testingCoverage: { from: number | null; to: number | null }; effectiveness: { from: number | null; to: number | null };
    status?: 'added' | 'removed';
  }>;
  /** Threats whose residual risk moved. */
  risks: Array<{ threatId: string; title: string; residual: { from: number; to: number } }>;
  summary: {
    regressedControls: number; improvedControls: number; newFindings: number; resolvedFindings: number;
    addedServers: number; addedTools: number; changedTools: number; expiredExceptions: number; staleAttestations: number;
  };
}

/** The figures of one earlier assessment, kept so reports can draw the trend across quarters. */
export interface HistoryPoint {
  generatedAt: string;
  rootHash: string;
  frameworks: Array<{ id: string; testingCoverage: number | null; effectiveness: number | null }>;
  findings: { total: number; bySeverity: Record<Severity, number> };
  controls: Record<ControlStatus, number>;
  /** Sum of the residual scores of the risk register. */
  residualRisk: number;
}

/**
 * Where the project names a GitHub organisation or repository that was assessed, so a report can point
 * a finding about it at that place: `path` is the config file (relative to the assessed root), `line`
 * and `column` the place in it that names the subject (or that brings in the evidence about it). No
 * line when it was named on the command line; no path when there was no config file either.
 */
export interface GitHubSourceAnchor {
  /** Exactly one of `org` and `repo` (`owner/name`), spelled as the evidence spells it. */
  org?: string;
  repo?: string;
  path?: string;
  line?: number;
  column?: number;
}

/** What a plan item's status is: open, accepted under a live exception (all of its findings), or resolved since the previous assessment. */
export type PlanItemStatus = 'open' | 'accepted' | 'resolved';

/** One indicator of a plan item: a finding (or, for a resolved item, a finding of the previous assessment). */
export interface PlanIndicator {
  checkId: string;
  messageId?: string;
  message: string;
  location: Location;
  fingerprint: string;
  server?: string;
}

/** Management's response to a plan item, from responses.yaml (validated like exceptions). */
export interface ManagementResponse {
  response: string;
  by: string;
  date: string;
  /** When management plans to have it done (may differ from the SLA due date). */
  targetDate?: string;
  ticket?: string;
}

/**
 * One item of the remediation plan (POA&M): the findings of one root cause (one check at one subject:
 * the same server, or the same file when there is no server). One tool with four poisoning patterns is
 * one item with four indicators.
 */
export interface PlanItem {
  /** Stable across runs for the same root cause (`RP-` + 8 hex of its key), so responses can name it. */
  id: string;
  /** The root cause key: `<checkId>|<server or path>`. */
  rootCause: string;
  /** What to do, in words (the check's title and the subject). */
  title: string;
  checkId: string;
  severity: Severity;
  /** 1 (do first) .. 4; from the severity, accepted items keep theirs. */
  priority: 1 | 2 | 3 | 4;
  indicators: PlanIndicator[];
  /** Controls this item restores. */
  controlIds: string[];
  /** Requirements of the assessed frameworks whose outcome fixing this could move. */
  requirements: Array<{ frameworkId: string; id: string }>;
  remediation?: string;
  server?: string;
  system?: string;
  /** From `owners:` rules, else the owner of the server's system; absent when nobody is named. */
  owner?: string;
  ownerSource?: 'rule' | 'system';
  /** YYYY-MM-DD. */
  firstSeen: string;
  slaDays: number;
  /** firstSeen + slaDays, YYYY-MM-DD. */
  due: string;
  overdue: boolean;
  status: PlanItemStatus;
  /** The live exception accepting every indicator, when status is accepted. */
  exception?: ExceptionNote;
  /**
   * Why an item of the previous assessment is still open though none of its findings is seen now: its check
   * did not decide this run (not observed, an error, not run), so nothing shows it was fixed.
   */
  notRetested?: string;
  /** YYYY-MM-DD of the assessment that no longer saw it, when resolved. */
  resolvedOn?: string;
  response?: ManagementResponse;
}

export interface RemediationPlan {
  /** Days from first seen to due, by severity (`report.slaDays` over the defaults). */
  slaDays: Record<Severity, number>;
  items: PlanItem[];
  /** responses.yaml entries that match no item (kept so nothing is lost silently). */
  unmatchedResponses?: Array<{ target: string; by: string }>;
}

/** Document control of the reports (`report:` in mcp-comply.yaml, DESIGN §2). */
export interface DocumentControl {
  status: 'draft' | 'final';
  classification?: string;
  preparedBy?: string;
  reviewedBy?: string;
  approvedBy?: string;
  version?: string;
  distribution?: string[];
  /** The assessment period, YYYY-MM-DD. */
  period?: { from: string; to: string };
}

export interface Assessment {
  schemaVersion: string;
  tool: { name: string; version: string };
  generatedAt: string;
  scope: {
    organization?: string;
    frameworks: string[];
    dataClasses: string[];
    /** False when mcp-comply.yaml does not declare dataClasses: frameworks that need one are then assumed to apply. */
    dataClassesDeclared: boolean;
    aiAct?: { role?: string; riskLevel?: string };
    paths: string[];
    includeUser: boolean;
    /** mcp-comply.yaml `systems:` (absent before schema 2.0). */
    systems?: ScopeSystem[];
    /** What was assessed and what was not (absent before schema 2.0). */
    boundary?: AssessmentBoundary;
    /** Where the project names each GitHub organisation and repository assessed (see GitHubSourceAnchor). */
    github?: GitHubSourceAnchor[];
  };
  evidence: {
    rootHash: string;
    items: Array<{ id: string; kind: string; collector: string; source: string; sha256: string; collectedAt: string }>;
    unreadable: UnreadableSource[];
    collectorFailures: Array<{ collector: string; message: string }>;
    /** MCP configuration discovery: files examined and sniffed, configurations parsed, and every candidate skipped with why. */
    discovery?: DiscoverySummary;
  };
  checks: AssessmentCheck[];
  findings: Finding[];
  controls: AssessmentControl[];
  frameworks: AssessmentFramework[];
  risks: AssessmentRisk[];
  riskMethod: RiskMethod;
  riskHeatMap: RiskHeatMap;
  /** MCP servers and tool definitions seen, so the next assessment can say what is new. */
  inventory: Inventory;
  /** What changed since `assess --previous`. */
  changes?: AssessmentChanges;
  /** Earlier assessments, oldest first: the previous one and the history it carried (at most 11). */
  history?: HistoryPoint[];
  /** The exceptions register: every exception of exceptions.yaml with its state on the run's date. */
  exceptions?: ExceptionEntry[];
  /** The remediation plan (POA&M): findings grouped by root cause, with owner, due date and status (absent before schema 2.1). */
  plan?: RemediationPlan;
  /** Document control from `report:` in mcp-comply.yaml (absent before schema 2.1, or without a report: block). */
  document?: DocumentControl;
  /** Set in memory when a schema 1.x file was read and mapped to this model: its version and how it was mapped. */
  upgradedFrom?: { schemaVersion: string; notes: string[] };
  summary: {
    checks: Record<CheckStatus, number>;
    /** `excepted`: findings under a live exception, left out of `failed`. */
    findings: { total: number; bySeverity: Record<Severity, number>; excepted?: number };
    exceptions?: { live: number; expired: number; notYetApproved: number; unused: number };
    controls: Record<ControlStatus, number>;
    /** The overall figures: every applicable framework's requirements pooled. */
    requirements: PooledFigures;
    failOn: Severity | 'none';
    /** Whether findings not under a live exception reach --fail-on (the CLI exits 1). */
    failed: boolean;
  };
}
