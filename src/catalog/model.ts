/** The catalog as the engine and the reporters see it: controls and the frameworks they map to. */

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Whether a finding of this severity reaches --fail-on (`none`: nothing does). */
export function reachesFailOn(severity: Severity, failOn: Severity | 'none'): boolean {
  return failOn !== 'none' && SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(failOn);
}
export type Relationship = 'equal' | 'subset' | 'superset' | 'intersects';
/** NIST IR 8477 supportive property: `integral` (the requirement cannot be met without it) or `example` (one way among others). */
export type SupportiveProperty = 'integral' | 'example';
/** How much of a control its checks decide (DESIGN §5): all of it, part of it, or none (no checks). */
export type Automation = 'full' | 'partial' | 'none';
/** What each automation level means, for every place that explains it (report cards, `controls show`). */
export const AUTOMATION_MEANING: Record<Automation, string> = {
  full: 'its checks decide it within the MCP boundary',
  partial: 'its checks decide part of it; the rest needs manual evidence or an attestation',
  none: 'no check can decide it; it rests on manual evidence or an attestation',
};
/** Outcomes of a framework requirement (DESIGN §5); mapping files may give each the framework's own words. */
export const REQUIREMENT_STATUSES = ['met', 'effective', 'partly_effective', 'deficient', 'untested', 'not_addressed', 'not_applicable'] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];
/** The framework's own words for the two figures (mapping data, `framework.figureLabels`). */
export interface FigureLabels { testingCoverage?: string; effectiveness?: string }

export interface ControlFamily { id: string; title: string; description?: string }

export interface Control {
  id: string;
  title: string;
  objective: string;
  practices: string[];
  threats: string[];
  severity: Severity;
  likelihood: number;
  impact: number;
  checks: string[];
  automation: Automation;
  /** What the checks of a `partial` control leave undecided: the manual evidence still outstanding. */
  manualPart?: string;
  evidence: string[];
  remediation: string;
  references?: Array<{ title: string; url: string }>;
  family?: ControlFamily;
  /** The YAML file that defines it (absolute). */
  file: string;
}

export const DATA_CLASSES = ['personal-data', 'phi', 'cardholder-data'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];
export const AI_ACT_ROLES = ['provider', 'deployer', 'importer', 'distributor', 'product-manufacturer', 'authorised-representative'] as const;
export type AiActRole = (typeof AI_ACT_ROLES)[number];
export const AI_ACT_RISK_LEVELS = ['prohibited', 'high', 'limited', 'minimal'] as const;
export type AiActRiskLevel = (typeof AI_ACT_RISK_LEVELS)[number];

/**
 * When a framework or a requirement applies (mapping data): every condition given must hold, each
 * met by any of its values. `basis` says where the law draws the line.
 */
export interface Applicability {
  dataClasses?: DataClass[];
  roles?: AiActRole[];
  riskLevels?: AiActRiskLevel[];
  basis: string;
}

export interface RequirementLink { control: string; relationship: Relationship; property: SupportiveProperty; rationale: string }

export interface Requirement {
  id: string;
  title: string;
  note?: string;
  /** Name of a condition in the framework's `applicability`; absent: applies whenever the framework does. */
  appliesTo?: string;
  controls: RequirementLink[];
  file: string;
}

export interface Framework {
  id: string;
  name: string;
  version: string;
  publisher: string;
  source: string;
  /** The shortest time logs must be kept at hand under this framework (legal basis in the mapping data). */
  logRetention?: { minimumDays: number; requirement: string; note: string };
  /** Named conditions of applicability, referred to by `appliesTo` here and on requirements. */
  applicability?: Record<string, Applicability>;
  /** The condition under which the framework applies at all. */
  appliesTo?: string;
  requirements: Requirement[];
  /** The framework's own words for requirement outcomes (PCI DSS "In Place", ISO/IEC 42001 "conforming"). */
  outcomeLabels?: Partial<Record<RequirementStatus, string>>;
  figureLabels?: FigureLabels;
  files: string[];
}

export interface Catalog {
  /** Catalog folders, in the order they were layered (built-in first). */
  roots: string[];
  controls: Control[];
  frameworks: Framework[];
}
