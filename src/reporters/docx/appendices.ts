/**
 * The appendices of the DOCX: the requirement matrix (one line per requirement), the control catalog
 * (one card per control) and the evidence index, lettered in the order the profile gives them.
 */
import type { ReportSection } from '../profiles.js';
import { dateTime, plural } from '../html/helpers.js';
import type { ControlView } from '../html/view-model.js';
import { badgeSpan, bold, heading, keyValues, mono, muted, none, para, table, type Block, type Span } from './blocks.js';
import type { DocxContext } from './context.js';
import { exceptionLine } from './detail.js';

export function requirementMatrix(ctx: DocxContext): Block[] {
  const { frameworks } = ctx.view.requirementMatrix;
  return [
    heading(1, ctx.title('requirement-matrix')),
    para('Every requirement of every assessed framework with its outcome and the controls mapped to it. The reasons and the mapping rationales are in requirements.csv.'),
    ...frameworks.flatMap((f) => [
      heading(2, f.title),
      f.rows.length ? table(
        [{ title: 'Requirement', weight: 1.6 }, { title: 'Title', weight: 5 }, { title: 'Outcome', weight: 1.8 }, { title: 'Controls', weight: 2.2 }],
        f.rows.map((r) => [bold(r.id), r.title, r.attested ? [badgeSpan(r.status), muted(' attested')] : badgeSpan(r.status), r.controls.length ? mono(r.controls.map((c) => c.id).join(', ')) : muted('none')]),
        ctx.width,
      ) : none('No requirement of this framework is in scope.'),
      ...(f.outOfScope.length ? [para(''), table(
        [{ title: 'Out of scope', weight: 4 }, { title: 'Requirements', weight: 1.2, numeric: true }, { title: 'Reason', weight: 5 }],
        f.outOfScope.map((g) => [mono(g.ids), String(g.count), g.reason]),
        ctx.width,
      )] : []),
    ]),
  ];
}

export function catalogCards(ctx: DocxContext): Block[] {
  const list = ctx.view.controls.list;
  return [
    heading(1, ctx.title('catalog-cards')),
    ...(list.length ? [
      para('One card per control of the catalog, in id order: its status in this assessment and its checks, and the catalog\'s objective, expected evidence, remediation and references. Each control\'s risk is in the risk register, and the fix for each failing check is in the remediation plan.'),
      ...list.flatMap((c) => catalogCard(ctx, c)),
    ] : [none('No controls were assessed.')]),
  ];
}

export function evidenceIndex(ctx: DocxContext): Block[] {
  const e = ctx.view.evidence;
  return [
    heading(1, ctx.title('evidence-index')),
    para(['Every evidence item of the bundle with its sha256. The root hash ', mono(e.rootHash), ' is the sha256 over the sorted item hashes; ', mono(ctx.view.meta.verifyCommand), ' recomputes them all.']),
    heading(2, 'Evidence items'),
    e.items.length ? table(
      [{ title: 'Item', weight: 2.5 }, { title: 'Kind', weight: 1.6 }, { title: 'Source', weight: 3 }, { title: 'Collected', weight: 1.8 }, { title: 'sha256', weight: 3.2 }],
      e.items.map((i) => [mono(i.id), { lines: [i.kind, muted(i.collector)] }, mono(i.source), dateTime(i.collectedAt), mono(i.sha256)]),
      ctx.width,
    ) : none('No evidence was collected.'),
    heading(2, 'Unreadable sources'),
    e.unreadable.length ? table(
      [{ title: 'Source', weight: 3 }, { title: 'Code', weight: 1.5 }, { title: 'Reason', weight: 4 }],
      e.unreadable.map((u) => [mono(u.where), mono(u.code), u.reason]), ctx.width,
    ) : none('Every source found could be read.'),
    heading(2, 'Collector failures'),
    e.collectorFailures.length ? table(
      [{ title: 'Collector', weight: 2 }, { title: 'Message', weight: 5 }],
      e.collectorFailures.map((f) => [mono(f.collector), f.message]), ctx.width,
    ) : none('No collector failed.'),
  ];
}

/** The catalog appendix's card (templates/partials/catalog-card.hbs): no risk, threats or per-check fixes, which the risk register and the plan hold. */
function catalogCard(ctx: DocxContext, c: ControlView): Block[] {
  return [
    heading(3, `${c.id} ${c.title}`),
    para([badgeSpan(c.status), ' ', badgeSpan(c.severity), ` ${c.reason}`], { keepNext: true }),
    ...(c.objective ? [para([bold('Objective. '), c.objective], { keepNext: true })] : []),
    keyValues([
      ['Checks', c.checks.length
        ? c.checks.flatMap((k, i): Span[] => [...(i ? [{ text: '; ' }] : []), badgeSpan(k.status), { text: ' ' }, mono(k.id), ...(k.findings ? [{ text: ` (${plural(k.findings, 'finding')})` }] : [])])
        : c.automation.text],
      ...(c.exception ? [['Exception', exceptionLine(c.exception)] as const] : []),
      ...(c.attestation ? [['Attestation', [badgeSpan(c.attestation.state), ` by ${c.attestation.attestedBy} on ${c.attestation.attestedOn}, valid until ${c.attestation.validUntil}; evidence `, mono(c.attestation.evidence)]] as const] : []),
      ...(c.expectedEvidence.length ? [['Expected evidence', { lines: c.expectedEvidence.map((e) => `• ${e}`) }] as const] : []),
      ...(c.remediation ? [['Remediation', c.remediation] as const] : []),
      ...(c.references.length ? [['References', c.references.map((r) => r.text).join('; ')] as const] : []),
    ], ctx.width),
  ];
}
