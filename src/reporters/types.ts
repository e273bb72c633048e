/**
 * Reporters are pure views of assessment.json (Lighthouse's renderers, ESLint's formatters): one per
 * format, registered by name in ./index.ts. Each returns the files it makes under their fixed names
 * (DESIGN §7); the CLI decides where they go and writes them atomically.
 */
import type { Assessment } from '../engine/assessment.js';
import type { ReportProfile } from './profiles.js';

export const REPORT_FORMATS = ['pdf', 'html', 'md', 'docx', 'csv', 'sarif', 'oscal'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type PaperSize = 'A4' | 'Letter';

export interface ReportFile {
  /** Fixed file name (`report.pdf`, `findings.csv`, ...). */
  name: string;
  content: string | Uint8Array;
}

export interface RenderOptions {
  paper: PaperSize;
  /** Which sections the human-readable reports hold (./profiles.ts); default auditor. */
  profile: ReportProfile;
  /** A folder of the user's own templates and partials, used instead of the shipped ones of the same name (trusted input). */
  templatesDir?: string;
  /** The Chrome or Chromium to print with, as the user named it (--browser or the config); else it is looked for. */
  browserPath?: string;
  /** False to start Chromium without its sandbox (--no-sandbox), where the host forbids it. */
  sandbox?: boolean;
  /** Where the assessed folder sits in the repository (`services/agent`): SARIF paths then start at the repository root, as code scanning reads them. */
  pathPrefix?: string;
  /** The code scanning category the SARIF names (`--sarif-category`, the Action's `sarif-category`). */
  sarifCategory?: string;
  /** Warnings and notes for the person running the command (stderr). */
  log: (message: string) => void;
}

export interface Reporter {
  format: ReportFormat;
  /** The files this format makes, in the order they are written. */
  files: readonly string[];
  render(assessment: Assessment, options: RenderOptions): Promise<ReportFile[]>;
}
