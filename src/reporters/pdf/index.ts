/**
 * report.pdf: the HTML report printed by a local Chrome or Chromium, with a running header (who and
 * when), the document's classification in every page's header and footer, and page numbers on every page.
 */
import { renderHtml } from '../html/render-html.js';
import { dateOf } from '../labels.js';
import type { Reporter } from '../types.js';
import { findBrowser } from './browser.js';
import { printPdf } from './print-pdf.js';

export { BrowserNotFoundError } from './browser.js';

export const pdfReporter: Reporter = {
  format: 'pdf',
  files: ['report.pdf'],
  async render(assessment, options) {
    // Before any work, so that a missing browser fails fast.
    const browser = findBrowser({ explicit: options.browserPath });
    const html = renderHtml(assessment, { templatesDir: options.templatesDir, paper: options.paper, profile: options.profile });
    const date = dateOf(assessment.generatedAt);
    const content = await printPdf(html, {
      executablePath: browser.path,
      paper: options.paper,
      header: `${assessment.scope.organization ?? 'MCP estate'} · MCP controls assessment · ${date}`,
      ...(assessment.document?.classification ? { marking: assessment.document.classification } : {}),
      documentDate: assessment.generatedAt,
      ...(options.sandbox === false ? { sandbox: false } : {}),
    });
    return [{ name: 'report.pdf', content }];
  },
};
