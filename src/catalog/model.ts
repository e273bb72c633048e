/** The catalog as the engine and the reporters see it: controls and the frameworks they map to. */

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Relationship = 'equal' | 'subset' | 'superset' | 'intersects';

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
  evidence: string[];
  remediation: string;
  references?: Array<{ title: string; url: string }>;
  family?: ControlFamily;
  /** The YAML file that defines it (absolute). */
  file: string;
}

export interface RequirementLink { control: string; relationship: Relationship; rationale: string }

export interface Requirement {
  id: string;
  title: string;
  note?: string;
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
  requirements: Requirement[];
  files: string[];
}

export interface Catalog {
  /** Catalog folders, in the order they were layered (built-in first). */
  roots: string[];
  controls: Control[];
  frameworks: Framework[];
}
