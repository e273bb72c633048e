/**
 * View types shared by view-model.ts and section-views.ts (below both, so neither imports the other's
 * types): plain JSON-safe data, every field present, strings from the assessment untrusted (see view-model.ts).
 */
import type { Badge, Tone } from './badge.js';

/** A link to an outside page: `href` is http(s) or null (then only the text and the URL are shown). */
export interface LinkView { text: string; url: string; href: string | null }

/** A reference to a control of the report: `anchor` is null when the assessment has no such control. */
export interface ControlRef { id: string; anchor: string | null }

export interface ExceptionNoteView { id: string; approver: string; expires: string; ticket: string | null; justification: string }

export interface AttestationNoteView {
  attestedBy: string; attestedOn: string; validUntil: string; evidence: string; sha256: string; state: Badge;
}

export interface Figure { label: string; value: string; note: string | null; tone: Tone }

export interface FrameworkView {
  id: string;
  anchor: string;
  name: string;
  version: string;
  /** The name with the version, which is left out where the name already says it (labels.ts frameworkTitle). */
  title: string;
  publisher: string | null;
  source: LinkView | null;
  applies: boolean;
  applicability: Badge;
  /** Why the framework does not apply (or what decided it), null when nothing needs saying. */
  applicabilityReason: string | null;
  /** Scope facts the mapping needed that the config does not declare (requirements assessed, not scoped out). */
  assumed: string[];
  inScope: number;
  total: number;
  /** In-scope requirements with evidence either way (the numerator of testing coverage). */
  tested: number;
  /** DESIGN §5 figures, 0-1 or null, with their text and their names in the framework's own words. */
  testingCoverage: number | null;
  effectiveness: number | null;
  coverageText: string;
  effectivenessText: string;
  coverageLabel: string;
  effectivenessLabel: string;
  /** Requirement outcomes in report order (gaps first), in the framework's words; `ours` names our outcome where its words differ. */
  counts: OutcomeCount[];
  /** Requirements in scope, in the framework's order. */
  requirements: RequirementView[];
  /** Requirements out of scope (not applicable), grouped by their reason (often one long reason shared by many), in order of first appearance. */
  outOfScope: Array<{ reason: string; requirements: RequirementView[] }>;
}

/** One outcome of a framework with its count; `ours` is our word for it when the framework's own differs (null otherwise). */
export interface OutcomeCount { status: Badge; ours: string | null; count: number }

export type RequirementControlView = ControlRef & { relationship: string; property: string; status: Badge; rationale: string | null };

export interface RequirementView {
  id: string;
  title: string;
  status: Badge;
  reason: string;
  controls: RequirementControlView[];
  /**
   * The controls in runs short enough for one printed row each (controlRuns): a row stays on one page,
   * so a requirement that maps many controls splits between rows, each continued row naming the
   * requirement again. Always at least one part.
   */
  parts: Array<{ continued: boolean; controls: RequirementControlView[] }>;
  attestation: AttestationNoteView | null;
}

export interface FindingRefView { severity: Badge; where: string; whereParts: string[]; checkId: string; message: string; exception: string | null }

export interface ServerView { name: string; client: string; transport: string; where: string; disabled: boolean }

export interface ChangesView {
  previous: { generatedAt: string; assessedOn: string; rootHash: string; toolVersion: string };
  figures: Figure[];
  /** The summary of the change in one sentence, for the executive summary. */
  sentence: string;
  controls: Array<ControlRef & { title: string; from: Badge; to: Badge; direction: Badge }>;
  requirements: Array<{ framework: string; frameworkAnchor: string | null; id: string; title: string; from: Badge; to: Badge; direction: Badge }>;
  newFindings: FindingRefView[];
  resolvedFindings: FindingRefView[];
  unchangedFindings: number;
  serversAdded: ServerView[];
  serversRemoved: ServerView[];
  toolsAdded: Array<{ server: string; name: string; path: string; sha256: string }>;
  toolsRemoved: Array<{ server: string; name: string; path: string; sha256: string }>;
  toolsChanged: Array<{ server: string; name: string; path: string; from: string; to: string }>;
  exceptionsExpired: Array<{ id: string; target: string; expires: string }>;
  attestationsStale: Array<{ control: string; anchor: string | null; attestedBy: string; validUntil: string }>;
  frameworks: Array<{ id: string; name: string; coverage: string; effectiveness: string; coverageMove: string; effectivenessMove: string; status: Badge | null }>;
  risks: Array<{ threatId: string; title: string; from: number; to: number; move: string }>;
}
