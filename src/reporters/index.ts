/**
 * The reporters by format (knip's reporters/index.ts). Loaded lazily: printing a PDF pulls in
 * puppeteer, which a Markdown report has no use for.
 */
import type { ReportFormat, Reporter } from './types.js';

export const REPORTERS: Record<ReportFormat, () => Promise<Reporter>> = {
  pdf: async () => (await import('./pdf/index.js')).pdfReporter,
  html: async () => (await import('./html/render-html.js')).htmlReporter,
  md: async () => (await import('./markdown.js')).markdownReporter,
  docx: async () => (await import('./docx/index.js')).docxReporter,
  csv: async () => (await import('./csv.js')).csvReporter,
  sarif: async () => (await import('./sarif.js')).sarifReporter,
  oscal: async () => (await import('./oscal.js')).oscalReporter,
};
