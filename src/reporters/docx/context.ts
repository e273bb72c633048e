/**
 * What every section builder of the DOCX reads: the HTML report's view of the assessment (so the DOCX
 * says what the PDF says), the text width to lay tables out on, and the charts as pictures.
 */
import { AlignmentType, ImageRun, Paragraph } from 'docx';
import type { Assessment } from '../../engine/assessment.js';
import type { ReportSection } from '../profiles.js';
import type { ReportView } from '../html/view-model.js';
import { muted, para, xmlSafe, type Block } from './blocks.js';
import { pngSize } from './raster.js';

export type ChartKey = 'frameworkOutcomes' | 'severity' | 'heatMapInherent' | 'heatMapResidual' | 'heatMapAlike' | 'trendCoverage' | 'trendEffectiveness' | 'trendFindings';

/** A chart drawn as PNG, with what it shows in words (the SVG's title) for its alt text. */
export interface ChartImage { png: Buffer; description: string }

export interface DocxContext {
  view: ReportView;
  assessment: Assessment;
  /** Text width of the page, in twips (twentieths of a point). */
  width: number;
  charts: Partial<Record<ChartKey, ChartImage>>;
  /** The heading of a section: its title, lettered when it is an appendix. */
  title(section: ReportSection): string;
  /** The next id for a drawing (Word wants each picture's id unique in its part). */
  drawingId(): number;
}

/** Charts are rasterised at twice the size they are shown (96 pixels per inch), so they stay sharp in print. */
export const DISPLAY_SCALE = 2;

/** A chart as a picture paragraph with its alt text, and its caption under it; nothing when the assessment has no such chart. */
export function figure(ctx: DocxContext, key: ChartKey, caption: string): Block[] {
  const chart = ctx.charts[key];
  if (!chart) return [];
  const { width, height } = pngSize(chart.png);
  // Twips to pixels at 96 per inch (1440 twips): never wider than the text.
  const maxWidth = Math.floor((ctx.width / 1440) * 96);
  const shown = Math.min(maxWidth, Math.round(width / DISPLAY_SCALE));
  const id = ctx.drawingId();
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [new ImageRun({
        type: 'png',
        data: chart.png,
        transformation: { width: shown, height: Math.round((height * shown) / width) },
        altText: { id: String(id), name: `Chart ${id}`, title: xmlSafe(caption), description: xmlSafe(chart.description) },
      })],
    }),
    para(muted(caption), { style: 'Caption' }),
  ];
}
