/**
 * The HTML report: one self-contained file (CSS and fonts inline, charts as inline SVG, no script and
 * no outside request of any kind) that reads on screen and is what the PDF reporter prints.
 *
 * Templates are Handlebars (templates/report.hbs and templates/partials/*.hbs) over the view of
 * view-model.ts, compiled in strict mode on an isolated instance per render. Everything from the
 * assessment goes through `{{ }}` (escaped); the only raw insertions are the CSS and the chart SVGs,
 * made here by trusted code and passed as SafeString.
 *
 * `templatesDir` is TRUSTED INPUT: a template is code (it decides what the report prints and may emit
 * raw HTML of its own), so only templates from the report's owner belong there, never ones that come
 * with an assessed repository.
 */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Assessment } from '../../engine/assessment.js';
import { READ_CAPS, readRegularText } from '../../lib/bounded-read.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import type { PaperSize, Reporter } from '../types.js';
import type { ReportProfile } from '../profiles.js';
import { frameworkOutcomesChart, heatMapsAlike, riskHeatMapChart, severityChart, trendChart } from './charts.js';
import { fontFaceCss } from './fonts.js';
import { registerHelpers } from './helpers.js';
import { buildView, type ReportView, type TrendSeries } from './view-model.js';
import { pooledFigures } from '../../engine/roll-up.js';

export const SHIPPED_TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates');

export interface HtmlOptions {
  /** A folder whose report.hbs, print.css and partials/<name>.hbs replace the shipped files of the same name (trusted input). */
  templatesDir?: string;
  paper: PaperSize;
  /** Which sections the report holds (src/reporters/profiles.ts); default auditor. */
  profile?: ReportProfile;
}

/** A template that does not compile or fails while rendering (missing partial or field), named by its file. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(readonly file: string, readonly reason: string, readonly line?: number, readonly column?: number) {
    super(`${file}${line !== undefined ? `:${line}${column !== undefined ? `:${column}` : ''}` : ''}: ${reason}`);
  }
}

interface TemplateFile { name: string; file: string; source: string }

interface Templates { report: TemplateFile; partials: TemplateFile[]; css: { file: string; text: string } }

/** A template of the user's folder, read bounded (regular files only); undefined when there is none. */
function readIfExists(file: string): string | undefined {
  const read = readRegularText(file, { cap: READ_CAPS.template });
  if (read.ok) return read.text;
  if (read.refusal.code === 'missing') return undefined;
  throw new TemplateError(file, `cannot be read: ${read.refusal.reason}`);
}

function partialsIn(dir: string): Map<string, TemplateFile> {
  const folder = path.join(dir, 'partials');
  const partials = new Map<string, TemplateFile>();
  if (!fs.existsSync(folder)) return partials;
  for (const entry of fs.readdirSync(folder).filter((f) => f.endsWith('.hbs')).sort()) {
    const file = path.join(folder, entry);
    const source = readIfExists(file);
    if (source === undefined) throw new TemplateError(file, 'cannot be read: does not exist');
    partials.set(entry.slice(0, -'.hbs'.length), { name: entry.slice(0, -'.hbs'.length), file, source });
  }
  return partials;
}

/** The shipped templates, each replaced by the user's file of the same name; the user's extra partials added. */
function loadTemplates(templatesDir: string | undefined): Templates {
  if (templatesDir !== undefined && !fs.statSync(templatesDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new TemplateError(templatesDir, 'the templates folder does not exist');
  }
  const pick = (name: string): { file: string; source: string } => {
    const own = templatesDir === undefined ? undefined : path.join(templatesDir, name);
    const source = own === undefined ? undefined : readIfExists(own);
    if (own !== undefined && source !== undefined) return { file: own, source };
    const shipped = path.join(SHIPPED_TEMPLATES_DIR, name);
    return { file: shipped, source: fs.readFileSync(shipped, 'utf8') };
  };
  const partials = partialsIn(SHIPPED_TEMPLATES_DIR);
  if (templatesDir !== undefined) for (const [name, partial] of partialsIn(templatesDir)) partials.set(name, partial);
  const css = pick('print.css');
  return {
    report: { name: 'report', ...pick('report.hbs') },
    partials: [...partials.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    css: { file: css.file, text: css.source },
  };
}

/** Handlebars reports a line and a 0-based column on its exceptions, or the line inside a parse error's message. */
function templateError(file: string, error: unknown): TemplateError {
  if (error instanceof TemplateError) return error;
  const e = error as { message?: unknown; lineNumber?: unknown; column?: unknown };
  const message = String(e?.message ?? error);
  let line = typeof e?.lineNumber === 'number' ? e.lineNumber : undefined;
  const column = line !== undefined && typeof e?.column === 'number' ? e.column + 1 : undefined;
  line ??= Number(/^Parse error on line (\d+):/.exec(message)?.[1]) || undefined;
  return new TemplateError(file, message.replace(/ - \d+:\d+$/, ''), line, column);
}

type Hb = ReturnType<typeof Handlebars.create>;

/** Parsed now (a syntax error is reported before anything renders), run wrapped so a failure names its file. */
function compile(hb: Hb, template: TemplateFile): Handlebars.TemplateDelegate {
  let ast: hbs.AST.Program;
  try {
    ast = hb.parse(template.source);
  } catch (error) {
    throw templateError(template.file, error);
  }
  // strict: a field the view lacks throws instead of printing nothing. preventIndent: a partial's output
  // is not re-indented line by line (big tables stay lean, and no text changes with its indentation).
  const run = hb.compile(ast, { strict: true, preventIndent: true });
  return (context, options) => {
    try {
      return run(context, options);
    } catch (error) {
      throw templateError(template.file, error);
    }
  };
}

/** The charts, made from the assessment by trusted code, each SVG passed through `safe` (raw SVG for the templates, a PNG for the DOCX). */
export function charts<T>(assessment: Assessment, view: ReportView, safe: (svg: string) => T) {
  const excepted = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of assessment.findings) if (f.exception && Object.hasOwn(excepted, f.severity)) excepted[f.severity]++;
  const trend = view.trend;
  const points = (values: (key: string, i: number) => number | null, keys: string[]) =>
    trend!.dates.map((date, i) => ({ date, values: Object.fromEntries(keys.map((k) => [k, values(k, i)])) }));
  const shareTrend = (series: TrendSeries[]) => trendChart(
    points((k, i) => series.find((s) => s.key === k)!.values[i] ?? null, series.map((s) => s.key)),
    series.map((s) => ({ key: s.key, label: s.label })), 'percent',
  );
  return {
    // All applicable frameworks pooled first (the overall figures), then each framework.
    frameworkOutcomes: safe(frameworkOutcomesChart(assessment.frameworks.length === 0 ? [] : [
      { id: 'all', name: view.outcomes.overall.name, applies: view.outcomes.overall.applies, ...pooledFigures(assessment.frameworks) },
      ...assessment.frameworks.map((f) => ({ id: f.id, name: f.name, applies: f.applicability?.applies ?? true, ...f.summary })),
    ])),
    severity: safe(severityChart(assessment.summary.findings.bySeverity, excepted)),
    heatMapInherent: assessment.riskHeatMap ? safe(riskHeatMapChart(assessment.riskHeatMap, 'inherent')) : null,
    heatMapResidual: assessment.riskHeatMap ? safe(riskHeatMapChart(assessment.riskHeatMap, 'residual')) : null,
    // One map for both when no threat moves: the risk register shows it once instead of the same picture twice.
    heatMapAlike: assessment.riskHeatMap && heatMapsAlike(assessment.riskHeatMap) ? safe(riskHeatMapChart(assessment.riskHeatMap, 'both')) : null,
    trendCoverage: trend ? safe(shareTrend(trend.coverage)) : null,
    trendEffectiveness: trend ? safe(shareTrend(trend.effectiveness)) : null,
    trendFindings: trend ? safe(trendChart(
      points((k, i) => trend.findings.find((s) => s.key === k)!.values[i] ?? null, trend.findings.map((s) => s.key)),
      trend.findings.map((s) => ({ key: s.key, label: s.label })), 'count',
    )) : null,
  };
}

/** CSS size keyword of each paper size. */
const PAGE_SIZE: Record<PaperSize, string> = { A4: 'A4', Letter: 'letter' };

/** The report as one HTML document. Pure apart from reading the templates and fonts: the same input gives the same bytes. */
export function renderHtml(assessment: Assessment, options: HtmlOptions): string {
  const templates = loadTemplates(options.templatesDir);
  const hb = Handlebars.create();
  registerHelpers(hb);
  for (const partial of templates.partials) hb.registerPartial(partial.name, compile(hb, partial));
  const report = compile(hb, templates.report);

  const view = buildView(assessment, options.paper, options.profile);
  // The paper size comes last so that it wins over any size in print.css: the user chose it for this run.
  const styles = `${fontFaceCss()}\n${templates.css.text}\n@page { size: ${PAGE_SIZE[options.paper]}; }\n`;
  return report({ ...view, styles: new hb.SafeString(styles), charts: charts(assessment, view, (svg) => new hb.SafeString(svg)) });
}

export const htmlReporter: Reporter = {
  format: 'html',
  files: ['report.html'],
  async render(assessment, options) {
    return [{ name: 'report.html', content: renderHtml(assessment, { paper: options.paper, profile: options.profile, templatesDir: options.templatesDir }) }];
  },
};
