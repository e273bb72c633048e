/**
 * The editable export: report.docx, the same sections as the PDF of the chosen profile (./profiles.ts),
 * from the same view of the assessment (html/view-model.ts), built with the docx library, for auditors
 * and GRC leads to annotate and hand on.
 *
 * What Word users expect of an audit deliverable: real Heading 1-3 styles (the navigation pane and a
 * table of contents field), tables whose header row repeats and whose short rows never split, the
 * charts as pictures with alt text, page numbers, the classification in every page's header and footer,
 * a DRAFT watermark on every page of a draft, core properties, and an empty "Auditor comment" column
 * beside findings and plan items.
 *
 * Reproducible: the same assessment gives the same bytes (dates are the assessment's, not the clock's).
 */
import {
  Document, Footer, Header, HorizontalPositionAlign, HorizontalPositionRelativeFrom, ImageRun, Packer, PageNumber, Paragraph, TabStopType,
  TextRun, TextWrappingType, VerticalPositionAlign, VerticalPositionRelativeFrom, type IStylesOptions,
} from 'docx';
import type { Assessment } from '../../engine/assessment.js';
import { charts } from '../html/render-html.js';
import { buildView, type ReportView } from '../html/view-model.js';
import type { ReportProfile, ReportSection } from '../profiles.js';
import type { PaperSize, Reporter } from '../types.js';
import { catalogCards, evidenceIndex, requirementMatrix } from './appendices.js';
import { BODY_SIZE, FONT, xmlSafe, type Block } from './blocks.js';
import { DISPLAY_SCALE, type ChartImage, type ChartKey, type DocxContext } from './context.js';
import {
  attestations, changes, controls, exceptions, findings, frameworks, plan, requirementsAttention, riskRegister, scopeAndMethod,
} from './detail.js';
import { corePropertiesXml, stampZip } from './package.js';
import { rasterise } from './raster.js';
import {
  boundary, changesSummary, contents, cover, documentControl, executiveSummary, planSummary, topRisks,
} from './summary.js';

/** Page size and margins in twips (A4 210 × 297 mm, US Letter 8.5 × 11 in; 2 cm margins). */
const PAGE: Record<PaperSize, { width: number; height: number }> = { A4: { width: 11906, height: 16838 }, Letter: { width: 12240, height: 15840 } };
const MARGIN = 1134;

type Builder = (ctx: DocxContext) => Block[];

/** One builder per section: every section of every profile is drawn. */
const BUILDERS: Record<ReportSection, Builder> = {
  cover,
  'document-control': documentControl,
  contents,
  'executive-summary': executiveSummary,
  boundary,
  'top-risks': topRisks,
  'plan-summary': planSummary,
  exceptions,
  'changes-summary': changesSummary,
  'scope-and-method': scopeAndMethod,
  'requirements-attention': requirementsAttention,
  plan,
  frameworks,
  controls,
  findings,
  attestations,
  'risk-register': riskRegister,
  changes,
  'requirement-matrix': requirementMatrix,
  'catalog-cards': catalogCards,
  'evidence-index': evidenceIndex,
};

/** The SVG's <title>: what the chart shows, in words, for its alt text. */
function titleOf(svg: string): string {
  const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? '';
  return title.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, '\'').replace(/&amp;/g, '&');
}

/** The DRAFT watermark: large light grey letters across the page, drawn as a picture (every editor shows it). */
const WATERMARK_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 600" width="600" height="600">'
  + '<text x="300" y="300" transform="rotate(-45 300 300)" text-anchor="middle" dominant-baseline="central" '
  + 'font-family="Inter" font-weight="700" font-size="150" fill="#D9D9D9">DRAFT</text></svg>';

/**
 * The charts as PNG with their alt text, and the watermark of a draft, rasterised in one go (the charts
 * are 640 units wide).
 */
function pictures(assessment: Assessment, view: ReportView): { charts: Partial<Record<ChartKey, ChartImage>>; watermark: Buffer | null } {
  const svgs = Object.entries(charts(assessment, view, (svg) => svg)).filter((e): e is [ChartKey, string] => e[1] !== null);
  const pngs = rasterise([...svgs.map(([, svg]) => ({ svg, width: 640 * DISPLAY_SCALE })), ...(view.document.draft ? [{ svg: WATERMARK_SVG, width: 600 }] : [])]);
  return {
    charts: Object.fromEntries(svgs.map(([key, svg], i) => [key, { png: pngs[i]!, description: titleOf(svg) }])),
    watermark: view.document.draft ? pngs[svgs.length]! : null,
  };
}

function styles(): IStylesOptions {
  const heading = (size: number, before: number) => ({
    run: { font: FONT, size, bold: true, color: '1A1A1A' },
    paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      document: { run: { font: FONT, size: BODY_SIZE }, paragraph: { spacing: { after: 120 } } },
      title: { run: { font: FONT, size: 52, bold: true, color: '1A1A1A' }, paragraph: { spacing: { after: 120 } } },
      heading1: { ...heading(32, 360), paragraph: { ...heading(32, 360).paragraph, outlineLevel: 0 } },
      heading2: { ...heading(26, 240), paragraph: { ...heading(26, 240).paragraph, outlineLevel: 1 } },
      heading3: { ...heading(22, 200), paragraph: { ...heading(22, 200).paragraph, outlineLevel: 2 } },
    },
    paragraphStyles: [
      { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 28, color: '5F6368' }, paragraph: { spacing: { after: 360 } } },
      { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 16, italics: true }, paragraph: { spacing: { after: 240 } } },
      { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 32, bold: true }, paragraph: { spacing: { after: 240 } } },
      // Word's own names for the contents entries, so updating the field keeps this look.
      { id: 'TOC1', name: 'toc 1', basedOn: 'Normal', next: 'Normal', paragraph: { spacing: { before: 60, after: 60 } } },
      { id: 'TOC2', name: 'toc 2', basedOn: 'Normal', next: 'Normal', paragraph: { spacing: { after: 40 }, indent: { left: 240 } } },
    ],
  };
}

/** The running header: classification first (and DRAFT), then what the document is; the watermark is anchored here, so it is on every page. */
function header(view: ReportView, watermark: Buffer | null): Header {
  const marking = [view.document.marking, view.document.draft ? 'DRAFT' : null].filter(Boolean).join(' · ');
  return new Header({
    children: [new Paragraph({
      children: [
        ...(watermark ? [new ImageRun({
          type: 'png',
          data: watermark,
          transformation: { width: 480, height: 480 },
          floating: {
            horizontalPosition: { relative: HorizontalPositionRelativeFrom.PAGE, align: HorizontalPositionAlign.CENTER },
            verticalPosition: { relative: VerticalPositionRelativeFrom.PAGE, align: VerticalPositionAlign.CENTER },
            behindDocument: true,
            allowOverlap: true,
            wrap: { type: TextWrappingType.NONE },
          },
          altText: { id: '1000', name: 'Watermark', title: 'DRAFT', description: 'Watermark: DRAFT. This document is a draft and not approved.' },
        })] : []),
        ...(marking ? [new TextRun({ text: xmlSafe(marking), bold: true, size: 16 }), new TextRun({ text: '  ', size: 16 })] : []),
        new TextRun({ text: xmlSafe(view.title), size: 16, color: '5F6368' }),
      ],
    })],
  });
}

function footer(view: ReportView, width: number): Footer {
  const classification = view.document.marking;
  return new Footer({
    children: [new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: width }],
      children: [
        ...(classification ? [new TextRun({ text: xmlSafe(classification), bold: true, size: 16 })] : []),
        new TextRun({ children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16 }),
      ],
    })],
  });
}

export interface DocxOptions { paper: PaperSize; profile: ReportProfile }

/** report.docx of an assessment. Pure: the same assessment and options give the same bytes. */
export async function renderDocx(assessment: Assessment, options: DocxOptions): Promise<Buffer> {
  const view = buildView(assessment, options.paper, options.profile);
  const page = PAGE[options.paper];
  const width = page.width - 2 * MARGIN;
  const titles = new Map(view.sections.map((s) => [s.id, s.title]));
  const { charts: chartPictures, watermark } = pictures(assessment, view);
  let drawings = 0;
  const ctx: DocxContext = {
    view, assessment, width, charts: chartPictures, title: (section) => titles.get(section) ?? section, drawingId: () => ++drawings,
  };
  const d = view.document;
  const creator = d.preparedBy ?? `${view.meta.tool.name} ${view.meta.tool.version}`;
  const doc = new Document({
    // The core properties (title, creator, dates) are written by corePropertiesXml below.
    styles: styles(),
    features: { updateFields: true },
    customProperties: [
      ...(d.classification ? [{ name: 'Classification', value: xmlSafe(d.classification) }] : []),
      ...(d.version ? [{ name: 'Version', value: xmlSafe(d.version) }] : []),
      { name: 'Evidence root hash', value: view.meta.rootHash },
      { name: 'Report profile', value: options.profile },
    ],
    sections: [{
      properties: { page: { size: page, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 } } },
      headers: { default: header(view, watermark) },
      footers: { default: footer(view, width) },
      children: view.sections.flatMap((s) => BUILDERS[s.id](ctx)),
    }],
  });
  const core = corePropertiesXml({
    title: view.title,
    subject: `MCP controls and risk assessment${view.meta.frameworkNames.length ? ` against ${view.meta.frameworkNames.join(', ')}` : ''}`,
    creator,
    keywords: 'MCP, compliance, assessment',
    description: `${options.profile} report; evidence root hash ${view.meta.rootHash}`,
    contentStatus: d.status?.label ?? null,
    category: d.classification,
    created: assessment.generatedAt,
  });
  const zip = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: core }]);
  return stampZip(zip, assessment.generatedAt);
}

export const docxReporter: Reporter = {
  format: 'docx',
  files: ['report.docx'],
  async render(assessment, options) {
    return [{ name: 'report.docx', content: await renderDocx(assessment, { paper: options.paper, profile: options.profile }) }];
  },
};
