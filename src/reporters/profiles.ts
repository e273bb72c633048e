/**
 * Report profiles (`--profile`, `report.profile`): which sections a human-readable report (HTML, PDF,
 * Markdown, DOCX) holds, in order. One list per profile, read by every such reporter, so the PDF and the
 * editable DOCX of a profile say the same things.
 *
 * - executive: what a CISO or board reads (at most 12 A4 pages for the demo estate);
 * - auditor (default): the executive part, then what needs attention and the workpapers, with the full
 *   requirement matrix, the catalog cards and the evidence index as appendices;
 * - full: everything, every requirement and control in detail.
 */
export const REPORT_PROFILES = ['executive', 'auditor', 'full'] as const;
export type ReportProfile = (typeof REPORT_PROFILES)[number];
export const DEFAULT_PROFILE: ReportProfile = 'auditor';

export type ReportSection =
  | 'cover' // title, organisation, date, root hash, document status and classification
  | 'document-control' // prepared/reviewed/approved by, version, distribution, period
  | 'contents'
  | 'executive-summary' // verdict line, headline figures, per-framework outcome bars, severity bars
  | 'boundary' // systems, what was assessed and what was not
  | 'top-risks' // the highest residual risks and the most severe open plan items, in words
  | 'plan-summary' // the remediation plan's first items
  | 'exceptions'
  | 'changes-summary' // changes since the previous assessment, in figures and a few lines
  | 'scope-and-method' // status legend, roll-up rules, server inventory
  | 'requirements-attention' // deficient, partly effective and untested requirements with their controls
  | 'plan' // the whole remediation plan: findings grouped by root cause, owner, due, status, response
  | 'frameworks' // every requirement of every framework in detail
  | 'controls' // controls overview and one card per control
  | 'findings' // every finding by severity
  | 'attestations'
  | 'risk-register'
  | 'changes' // every change since the previous assessment, and the trend
  | 'requirement-matrix' // appendix: one line per requirement
  | 'catalog-cards' // appendix: one card per control
  | 'evidence-index'; // appendix: every evidence item with its hash

const EXECUTIVE: readonly ReportSection[] = [
  'cover', 'document-control', 'contents', 'executive-summary', 'boundary', 'top-risks', 'plan-summary', 'exceptions', 'changes-summary',
];

export const PROFILE_SECTIONS: Record<ReportProfile, readonly ReportSection[]> = {
  executive: EXECUTIVE,
  auditor: [
    ...EXECUTIVE, 'scope-and-method', 'requirements-attention', 'plan', 'attestations', 'risk-register', 'changes',
    'requirement-matrix', 'catalog-cards', 'evidence-index',
  ],
  full: [
    'cover', 'document-control', 'contents', 'executive-summary', 'boundary', 'top-risks', 'scope-and-method', 'frameworks', 'controls',
    'plan', 'findings', 'exceptions', 'attestations', 'risk-register', 'changes', 'evidence-index',
  ],
};

/** Sections printed as appendices (after the body, lettered). */
export const APPENDIX_SECTIONS: ReadonlySet<ReportSection> = new Set(['requirement-matrix', 'catalog-cards', 'evidence-index']);
