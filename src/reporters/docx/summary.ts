/**
 * The opening sections of the DOCX: cover, document control, contents, executive summary and the
 * boundary, as the PDF has them (templates/partials/cover.hbs, executive-summary.hbs, boundary.hbs).
 */
import { PageBreak, Paragraph } from 'docx';
import {
  badgeSpan, bold, contents as contentsField, heading, keyValues, mono, muted, none, para, table, type Block, type Cell,
} from './blocks.js';
import { figure, type DocxContext } from './context.js';
import { plural } from '../html/helpers.js';

const pageBreak = () => new Paragraph({ children: [new PageBreak()] });

/** Document control in words, or null when the assessment has none (no `report:` block). */
function documentRows(ctx: DocxContext): Array<readonly [string, Cell]> | null {
  const d = ctx.assessment.document;
  if (!d) return null;
  const rows: Array<readonly [string, Cell]> = [
    ['Status', d.status === 'draft' ? bold('Draft') : 'Final'],
    ['Classification', d.classification ?? 'not marked'],
    ['Version', d.version ?? 'not numbered'],
    ['Prepared by', d.preparedBy ?? 'not named'],
    ['Reviewed by', d.reviewedBy ?? 'not named'],
    ['Approved by', d.approvedBy ?? 'not named'],
    ['Distribution', d.distribution?.length ? { lines: d.distribution } : 'not restricted'],
    ['Assessment period', d.period ? `${d.period.from} to ${d.period.to}` : 'not stated'],
  ];
  return rows;
}

export function cover(ctx: DocxContext): Block[] {
  const { view } = ctx;
  const d = ctx.assessment.document;
  const frameworks = view.meta.frameworkNames;
  return [
    para(muted('MCP controls and risk assessment'), { spacingAfter: 120 }),
    para(view.meta.organization ?? 'Organisation not declared', { style: 'Title' }),
    para(`Gap analysis of the MCP server estate${frameworks.length ? ` against ${plural(frameworks.length, 'framework')}` : ''}`, { style: 'Subtitle' }),
    keyValues([
      ['Date of assessment', [view.meta.assessedOn, muted(` (${view.meta.assessedAt})`)]],
      ...(d ? [
        ['Document status', d.status === 'draft' ? bold('Draft') : 'Final'] as const,
        ['Classification', d.classification ?? 'not marked'] as const,
        ...(d.version ? [['Version', d.version] as const] : []),
      ] : []),
      ['Frameworks', frameworks.length ? { lines: frameworks } : 'none'],
      ['Data classes', view.scope.dataClasses.length ? view.scope.dataClasses.join(', ') : 'none declared'],
      ['Paths assessed', view.scope.paths.length ? { lines: view.scope.paths.map(mono) } : 'none'],
      ['Tool', [`${view.meta.tool.name} ${view.meta.tool.version}`, muted(` (assessment schema ${view.meta.schemaVersion})`)]],
      ['Evidence root hash', mono(view.meta.rootHash)],
    ], ctx.width),
    para(''),
    para([bold('Verifying the evidence. '), 'The root hash above is the sha256 over the sorted hashes of every evidence item listed in the evidence index. To check that the evidence bundle delivered with this report has not been altered since, run ', mono(view.meta.verifyCommand), ' on the bundle folder: it recomputes every item\'s sha256 and the root hash, prints the root hash to compare with the one above, and names any item that was altered.']),
    pageBreak(),
  ];
}

export function documentControl(ctx: DocxContext): Block[] {
  const rows = documentRows(ctx);
  return [
    heading(1, ctx.title('document-control')),
    ...(rows ? [keyValues(rows, ctx.width)] : [none('No document control is recorded (mcp-comply.yaml has no report: block with status, classification and sign-off).')]),
  ];
}

export function contents(): Block[] {
  return [para('Contents', { style: 'TOCHeading' }), contentsField(), pageBreak()];
}

export function executiveSummary(ctx: DocxContext): Block[] {
  const { summary } = ctx.view;
  return [
    heading(1, ctx.title('executive-summary')),
    para([{ text: summary.failed ? 'Fails threshold. ' : 'Within threshold. ', bold: true, tone: summary.verdict.tone }, bold(summary.verdict.headline)]),
    ...summary.verdict.sentences.map((s) => para(s)),
    ...(summary.changes ? [para(summary.changes)] : []),
    table(
      [{ title: 'Figure', weight: 3 }, { title: 'Value', weight: 1, numeric: true }, { title: 'What it counts', weight: 5 }],
      summary.figures.map((f) => [f.label, { text: f.value, bold: true, tone: f.tone }, f.note ?? '']),
      ctx.width,
    ),
    heading(2, 'Requirement outcomes'),
    ...figure(ctx, 'frameworkOutcomes', 'In-scope requirements by outcome, all applicable frameworks pooled first, then each framework. Testing coverage: the share of in-scope requirements with evidence either way; effectiveness: the share of tested requirements whose MCP part is effective (met or effective).'),
    heading(2, 'Findings by severity'),
    ...figure(ctx, 'severity', 'Findings by severity; the part accepted by a live exception is shown apart.'),
    table(
      [{ title: 'Severity', weight: 2 }, { title: 'Findings', weight: 1, numeric: true }, { title: 'Accepted by a live exception', weight: 2, numeric: true }],
      summary.findingsBySeverity.map((s) => [badgeSpan(s.severity), String(s.count), String(s.excepted)]),
      ctx.width,
    ),
    ...(ctx.charts.heatMapResidual ? [
      heading(2, 'Residual risk'),
      ...figure(ctx, 'heatMapResidual', 'Threats by likelihood and impact after the credit their controls earn; the risk register lists the method and every threat.'),
    ] : []),
    ...(ctx.charts.trendFindings ? [
      heading(2, 'Trend'),
      ...figure(ctx, 'trendFindings', 'Findings by severity across the assessments on record, this one last.'),
    ] : []),
  ];
}

export function boundary(ctx: DocxContext): Block[] {
  const b = ctx.view.boundary;
  return [
    heading(1, ctx.title('boundary')),
    ...(b.systems.length ? [table(
      [{ title: 'System', weight: 2 }, { title: 'Description', weight: 4 }, { title: 'Owner', weight: 2 }, { title: 'Data classes', weight: 2 }, { title: 'MCP servers', weight: 1, numeric: true }],
      b.systems.map((s) => [s.name, s.description ?? '', s.owner ?? muted('not declared'), s.dataClasses.join(', '), String(s.servers ?? 0)]),
      ctx.width,
    )] : []),
    ...(b.recorded ? [
      para('Every status in this report is a statement about this boundary, as the evidence shows it:'),
      ...b.statement.map((s) => para(s, { bullet: true })),
      heading(2, 'Not covered'),
      ...b.exclusions.map((s) => para(s, { bullet: true })),
    ] : [none('This assessment does not record its boundary (it predates assessment schema 2.0).')]),
    heading(2, 'MCP server inventory'),
    b.servers.length ? table(
      [
        { title: 'Client', weight: 2 }, { title: 'Configuration', weight: 3 }, { title: 'Server', weight: 2 }, { title: 'Transport', weight: 2 },
        { title: 'Endpoint host', weight: 2 }, { title: 'System (owner)', weight: 2 }, { title: 'Findings', weight: 1, numeric: true },
      ],
      b.servers.map((s) => [s.client, mono(s.config), s.disabled ? [s.name, muted(' (disabled)')] : s.name, s.transport, mono(s.endpoint), s.system, s.findings]),
      ctx.width,
    ) : none('No MCP server was found.'),
  ];
}
