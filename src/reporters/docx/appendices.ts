/**
 * The appendices of the DOCX: the requirement matrix (one line per requirement), the control catalog
 * (one card per control) and the evidence index, lettered in the order the profile gives them.
 */
import type { ReportSection } from '../profiles.js';
import { badgeSpan, bold, heading, mono, muted, none, para, table, type Block } from './blocks.js';
import type { DocxContext } from './context.js';
import { controlCard, evidenceIndex } from './detail.js';

function requirementMatrix(ctx: DocxContext): Block[] {
  const rows = ctx.view.frameworks.flatMap((f) => [...f.requirements, ...f.outOfScope.flatMap((g) => g.requirements)].map((r) => [
    `${f.name} ${f.version}`.trim(), bold(r.id), r.title, badgeSpan(r.status), r.controls.length ? r.controls.map((c) => c.id).join(', ') : muted('none mapped'),
  ]));
  return [
    heading(1, ctx.title('requirement-matrix')),
    para('Every requirement of every assessed framework with its outcome and the controls mapped to it; the reasons are in the body and in requirements.csv.'),
    rows.length ? table(
      [{ title: 'Framework', weight: 2 }, { title: 'Requirement', weight: 1.5 }, { title: 'Title', weight: 4 }, { title: 'Outcome', weight: 1.5 }, { title: 'Controls', weight: 2 }],
      rows, ctx.width,
    ) : none('No framework was assessed.'),
  ];
}

function catalogCards(ctx: DocxContext): Block[] {
  const list = ctx.view.controls.list;
  return [
    heading(1, ctx.title('catalog-cards')),
    ...(list.length ? [
      para(['Every control of the catalog as assessed: its status and why, its objective, checks, risk and what an auditor expects to see. Control ids are the catalog\'s (', mono('controls/'), ').']),
      ...list.flatMap((c) => controlCard(ctx, c)),
    ] : [none('No controls were assessed.')]),
  ];
}

export const appendixSections: Partial<Record<ReportSection, (ctx: DocxContext) => Block[]>> = {
  'requirement-matrix': requirementMatrix,
  'catalog-cards': catalogCards,
  'evidence-index': evidenceIndex,
};
