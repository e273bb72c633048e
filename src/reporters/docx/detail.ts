/**
 * The body sections of the DOCX, as the PDF has them (templates/partials/*.hbs): scope and method,
 * requirements needing attention, the remediation plan, frameworks, controls, findings, exceptions,
 * attestations, the risk register and the changes. Plan items and findings carry an empty "Auditor
 * comment" column: the DOCX is where an auditor writes.
 */
import type { ControlView, ExceptionNoteView, FindingRefView, FrameworkView } from '../html/view-model.js';
import { plural } from '../html/helpers.js';
import {
  badgeSpan, bold, heading, keyValues, mono, muted, none, para, table, type Block, type Cell, type Column, type Line, type Span,
} from './blocks.js';
import { figure, type DocxContext } from './context.js';

const COMMENT_COLUMN: Column = { title: 'Auditor comment', weight: 3 };

const joinIds = (items: ReadonlyArray<{ id: string }>) => items.map((i) => i.id).join(', ');

export function scopeAndMethod(ctx: DocxContext): Block[] {
  const { scope, vocabulary, riskMethod } = ctx.view;
  return [
    heading(1, ctx.title('scope-and-method')),
    heading(2, 'Scope'),
    keyValues([
      ['Organisation', scope.organization ?? 'not declared'],
      ['Data classes', scope.dataClassesDeclared ? (scope.dataClasses.length ? scope.dataClasses.join(', ') : 'none processed')
        : 'not declared in mcp-comply.yaml: frameworks and requirements that depend on a data class are assumed to apply'],
      ['EU AI Act role', scope.aiActRole ?? 'not declared'],
      ['EU AI Act risk level', scope.aiActRiskLevel ?? 'not declared'],
      ['Folders read', scope.paths.length ? { lines: scope.paths.map(mono) } : 'none'],
      ['User-level configurations', scope.includeUser ? 'included' : 'not included'],
    ], ctx.width),
    heading(2, 'Frameworks and applicability'),
    scope.frameworks.length ? table(
      [{ title: 'Framework', weight: 3 }, { title: 'Published by', weight: 2 }, { title: 'Applies', weight: 1 }, { title: 'Requirements in scope', weight: 1, numeric: true }, { title: 'Reason and assumptions', weight: 4 }],
      scope.frameworks.map((f) => [
        { lines: [f.title, ...(f.source ? [muted(f.source.text)] : [])] }, f.publisher ?? '', badgeSpan(f.applicability),
        `${f.inScope} of ${f.total}`,
        { lines: [...(f.applicabilityReason ? [f.applicabilityReason] : []), ...(f.assumed.length ? [['Assumed (not declared in mcp-comply.yaml, so requirements depending on it were assessed): ', mono(f.assumed.join(', '))]] : [])] },
      ]),
      ctx.width,
    ) : none('No framework was assessed.'),
    heading(2, 'Statuses'),
    para('Statuses are honest: missing evidence is never a pass. An exception that accepts a risk is shown beside a status and never replaces it.'),
    table([{ title: 'Check status', weight: 1 }, { title: 'Meaning', weight: 4 }], vocabulary.checks.map((v) => [badgeSpan(v.status), v.meaning]), ctx.width),
    para(''),
    table([{ title: 'Control status', weight: 1 }, { title: 'Meaning', weight: 4 }], vocabulary.controls.map((v) => [badgeSpan(v.status), v.meaning]), ctx.width),
    para(''),
    table(
      [{ title: 'Requirement outcome', weight: 1 }, { title: 'Meaning', weight: 3 }, { title: 'In the framework\'s own words', weight: 2 }],
      vocabulary.requirements.map((v) => [badgeSpan(v.status), v.meaning, v.words.length ? { lines: v.words } : muted('as here')]),
      ctx.width,
    ),
    para(''),
    table([{ title: 'Figure', weight: 1 }, { title: 'Share of', weight: 4 }], vocabulary.figures.map((v) => [v.label, v.meaning]), ctx.width),
    heading(2, 'Risk method'),
    ...(riskMethod ? [
      para(`One risk per threat. Inherent risk is the worst likelihood times the worst impact (1 to 5 each) recorded among the threat's mitigating controls. Mitigation is the mean credit of the mitigating controls in scope. Residual likelihood falls with mitigation toward a floor of ${riskMethod.minimumLikelihood} while the impact stays, so residual risk is never above inherent.`),
      table([{ title: 'Control status', weight: 2 }, { title: 'Credit as mitigation', weight: 1, numeric: true }], riskMethod.credit.map((c) => [badgeSpan(c.status), String(c.credit)]), ctx.width),
      para(''),
      table([{ title: 'Band', weight: 1 }, { title: 'Score (likelihood × impact)', weight: 2 }], riskMethod.bands.map((b) => [badgeSpan(b.band), b.range]), ctx.width),
    ] : [none('This assessment does not record its risk method.')]),
  ];
}

function outcomesTable(ctx: DocxContext): Block[] {
  const { rows, overall } = ctx.view.outcomes;
  if (rows.length === 0) return [];
  const columns: Column[] = [
    { title: 'Framework', weight: 4 }, { title: 'In scope', weight: 1, numeric: true }, { title: 'Testing coverage', weight: 1.4, numeric: true },
    { title: 'Effectiveness', weight: 1.4, numeric: true }, ...overall.counts.map((c) => ({ title: c.status.label, weight: 1.2, numeric: true })),
  ];
  const row = (r: typeof overall, total: boolean): Cell[] => [
    total ? bold(r.name) : r.applies ? r.name : muted(`${r.name} (does not apply)`), String(r.inScope), total ? bold(r.coverageText) : r.coverageText,
    total ? bold(r.effectivenessText) : r.effectivenessText, ...r.counts.map((c) => String(c.count)),
  ];
  return [table(columns, [...rows.map((r) => row(r, false)), row(overall, true)], ctx.width)];
}

function attestationLine(a: NonNullable<FrameworkView['requirements'][number]['attestation']>): Line {
  return [`Rest attested by ${a.attestedBy} on ${a.attestedOn}, valid until ${a.validUntil} `, badgeSpan(a.state), '; evidence ', mono(a.evidence)];
}

function frameworkBlocks(ctx: DocxContext, f: FrameworkView): Block[] {
  return [
    heading(2, f.title),
    keyValues([
      ...(f.publisher ? [['Published by', f.publisher] as const] : []),
      ...(f.source ? [['Text', f.source.text] as const] : []),
      ['Applicability', [badgeSpan(f.applicability), ` ${f.inScope} of ${plural(f.total, 'requirement')} in scope${f.applicabilityReason ? `. ${f.applicabilityReason}` : ''}`]],
      ...(f.assumed.length ? [['Assumed', ['Not declared in mcp-comply.yaml, so requirements that depend on it were assessed: ', mono(f.assumed.join(', '))]] as const] : []),
      [f.coverageLabel, [bold(f.coverageText), `: ${f.tested} of ${plural(f.inScope, 'in-scope requirement')} have evidence either way (testing coverage)`]],
      [f.effectivenessLabel, [bold(f.effectivenessText), ' of the tested requirements have an effective MCP part (effectiveness)']],
      ['Outcomes', f.counts.flatMap((c, i): Span[] => [badgeSpan(c.status), { text: `${c.ours ? ` (${c.ours})` : ''} ${c.count}${i < f.counts.length - 1 ? '; ' : ''}` }])],
    ], ctx.width),
    para(''),
    f.requirements.length ? table(
      [{ title: 'Requirement', weight: 3 }, { title: 'Outcome', weight: 1.5 }, { title: 'Reason', weight: 4 }, { title: 'Controls (relationship, property, status)', weight: 3 }],
      f.requirements.map((r) => [
        { lines: [bold(r.id), r.title] }, badgeSpan(r.status),
        { lines: [r.reason, ...(r.attestation ? [attestationLine(r.attestation)] : [])] },
        r.controls.length ? { lines: r.controls.map((c): Line => [mono(c.id), ` ${[c.relationship, c.property].filter(Boolean).join(', ')} `, badgeSpan(c.status)]) } : muted('none mapped'),
      ]),
      ctx.width,
    ) : none('No requirement of this framework is in scope.'),
    ...(f.outOfScope.length ? [
      heading(3, 'Out of scope'),
      ...f.outOfScope.flatMap((group) => [
        para([bold('Not applicable. '), group.reason], { keepNext: true }),
        table(
          [{ title: 'Requirement', weight: 1 }, { title: 'Title', weight: 3 }, { title: 'Controls', weight: 2 }],
          group.requirements.map((r) => [bold(r.id), r.title, r.controls.length ? joinIds(r.controls) : muted('none mapped')]),
          ctx.width,
        ),
      ]),
    ] : []),
  ];
}

export function frameworks(ctx: DocxContext): Block[] {
  const list = ctx.view.frameworks;
  return [
    heading(1, ctx.title('frameworks')),
    ...(list.length ? [
      para('Each framework shows its testing coverage (the share of in-scope requirements with evidence either way) beside its effectiveness (the share of tested requirements whose MCP part is effective) and the count of each outcome, in the framework\'s own words where its mapping gives them. No figure is a verdict on the whole framework: the MCP layer is one part of what it asks.'),
      ...outcomesTable(ctx),
      ...list.flatMap((f) => frameworkBlocks(ctx, f)),
    ] : [none('No framework was assessed.')]),
  ];
}

export function requirementsAttention(ctx: DocxContext): Block[] {
  const { requirementsAttention: attention, present } = ctx.view;
  return [
    heading(1, ctx.title('requirements-attention')),
    ...(attention.total ? [
      para(`${plural(attention.total, 'requirement')} of the applicable frameworks ${attention.total === 1 ? 'is' : 'are'} deficient, partly effective or untested. Each is listed with its linked controls that are not shown to work (failing, partial, or without current evidence); the reasons, every linked control and every other requirement are in ${present['requirement-matrix'] ? 'the requirement matrix and ' : ''}requirements.csv.`),
      ...attention.frameworks.flatMap((f) => [
        heading(2, f.title),
        para(f.counts.flatMap((c): Span[] => [badgeSpan(c.status), { text: ` ${c.count}   ` }]), { keepNext: true }),
        table(
          [{ title: 'Requirement', weight: 5 }, { title: 'Outcome', weight: 1.6 }, { title: 'Controls not shown to work', weight: 3.4 }],
          f.requirements.map((r) => [
            [bold(r.id), ` ${r.title}`], badgeSpan(r.status),
            r.attentionControls.length ? r.attentionControls.flatMap((c, i): Span[] => [mono(c.id), muted(` ${c.status.label}${i < r.attentionControls.length - 1 ? ', ' : ''}`)]) : muted('none mapped'),
          ]),
          ctx.width,
        ),
      ]),
    ] : [none('No requirement of an applicable framework is deficient, partly effective or untested.')]),
  ];
}

export function plan(ctx: DocxContext): Block[] {
  const p = ctx.view.plan;
  return [
    heading(1, ctx.title('plan')),
    ...(p.present ? [
      para(`${p.sentence} Each item groups the findings of one root cause (one check at one server, or one file) as its indicators. ${p.slaSentence}`),
      p.items.length ? table(
        [{ title: 'Item', weight: 2 }, { title: 'Indicators and remediation', weight: 6 }, { title: 'Owner and dates', weight: 2.2 }, COMMENT_COLUMN],
        p.items.map((i) => [
          { lines: [mono(i.id), { text: `${i.priorityLabel} ${i.severity.label}`, bold: true, tone: i.severity.tone }, badgeSpan(i.status)] },
          {
            lines: [
              [bold(i.title), ' ', muted(i.checkId)],
              ...(i.notRetested ? [[bold('Not re-tested: '), `${i.notRetested}.`] as Line] : []),
              ...i.indicators.map((x): Line => ['•\u00A0', mono(x.where), ` ${x.message}`]),
              ...(i.remediation ? [[bold('Remediation. '), i.remediation] as Line] : []),
              muted(`Restores ${i.controls.length ? joinIds(i.controls) : 'no mapped control'}${i.requirementsText ? `; could move ${i.requirementsText}` : ''}`),
              ...(i.exception ? [exceptionLine(i.exception)] : []),
              ...(i.response ? [[bold('Management response '), `(${i.response.by}, ${i.response.respondedOn}${i.response.targetDate ? `, target ${i.response.targetDate}` : ''}${i.response.ticket ? `, ${i.response.ticket}` : ''}): ${i.response.response}`] as Line] : []),
            ],
          },
          {
            lines: [
              ...(i.owner ? [i.owner, ...(i.ownerSource ? [muted(i.ownerSource)] : [])] : [muted('no owner')]),
              `First seen ${i.firstSeen}`,
              i.resolvedOn ? `Resolved ${i.resolvedOn}` : i.overdue ? ['Due ', { text: i.dueText, bold: true, tone: 'bad' as const }] : `Due ${i.dueText}`,
            ],
          },
          '',
        ]),
        ctx.width,
      ) : none('The plan has no item: no check reported a finding.'),
      ...(p.unmatchedResponses.length ? [
        heading(2, 'Responses that match no item'),
        ...p.unmatchedResponses.map((r) => para([mono(r.target), ` by ${r.by}`], { bullet: true })),
      ] : []),
    ] : [none(p.absentText)]),
  ];
}

export function exceptionLine(e: ExceptionNoteView): Line {
  return [bold('Accepted '), `${e.id} approved by ${e.approver}, expires ${e.expires}${e.ticket ? `, ticket ${e.ticket}` : ''}: ${e.justification}`];
}

/** One control as a card: heading 3, its status and reason, then its particulars. */
function controlCard(ctx: DocxContext, c: ControlView): Block[] {
  return [
    heading(3, `${c.id} ${c.title}`),
    para([badgeSpan(c.status), ' ', badgeSpan(c.severity), ` ${c.reason}`], { keepNext: true }),
    ...(c.objective ? [para([bold('Objective. '), c.objective], { keepNext: true })] : []),
    keyValues([
      ['Risk', `likelihood ${c.risk.likelihood} × impact ${c.risk.impact} = ${c.risk.inherent} inherent, ${c.risk.residual} residual`],
      ...(c.threats.length ? [['Threats', c.threats.join(', ')] as const] : []),
      ...(c.practices.length ? [['Practices', c.practices.join(', ')] as const] : []),
      ['Automation', c.automation.text],
      ['Checks', c.checks.length ? {
        lines: c.checks.flatMap((k): Line[] => [
          [badgeSpan(k.status), ' ', mono(k.id), `${k.title ? ` ${k.title}` : ''}${k.findings ? ` (${plural(k.findings, 'finding')})` : ''}`, ...(k.reason ? [muted(` ${k.reason}`)] : [])],
          ...(k.remediation ? [muted(`Fix: ${k.remediation}`)] : []),
        ]),
      } : 'none: no check can decide this control'],
      ...(c.exception ? [['Exception', exceptionLine(c.exception)] as const] : []),
      ...(c.attestation ? [['Attestation', [badgeSpan(c.attestation.state), ` by ${c.attestation.attestedBy} on ${c.attestation.attestedOn}, valid until ${c.attestation.validUntil}; evidence `, mono(c.attestation.evidence), ', sha256 ', mono(c.attestation.sha256)]] as const] : []),
      ...(c.showExpectedEvidence ? [['Expected evidence', { lines: c.expectedEvidence.map((e) => `• ${e}`) }] as const] : []),
      ...(c.remediation ? [['Remediation', c.remediation] as const] : []),
      ...(c.references.length ? [['References', { lines: c.references.map((r): Line => [r.text, muted(` ${r.url}`)]) }] as const] : []),
    ], ctx.width),
  ];
}

function controlsOverview(ctx: DocxContext): Block[] {
  const { list, counts } = ctx.view.controls;
  return [
    para([`${plural(list.length, 'control')}: `, ...counts.filter((c) => c.count).flatMap((c): Span[] => [badgeSpan(c.status), { text: ` ${c.count}  ` }])]),
    table(
      [{ title: 'Control', weight: 1.2 }, { title: 'Title', weight: 4 }, { title: 'Status', weight: 1.6 }, { title: 'Severity', weight: 1.2 }, { title: 'Risk inherent / residual', weight: 1.5, numeric: true }],
      list.map((c) => [mono(c.id), c.title, c.exception ? { lines: [badgeSpan(c.status), `Exception ${c.exception.id}`] } : badgeSpan(c.status), badgeSpan(c.severity), `${c.risk.inherent} / ${c.risk.residual}`]),
      ctx.width,
    ),
  ];
}

export function controls(ctx: DocxContext): Block[] {
  const { list } = ctx.view.controls;
  return [
    heading(1, ctx.title('controls')),
    ...(list.length ? [heading(2, 'Overview'), ...controlsOverview(ctx), heading(2, 'Details'), ...list.flatMap((c) => controlCard(ctx, c))]
      : [none('No controls were assessed.')]),
  ];
}

export function findings(ctx: DocxContext): Block[] {
  const f = ctx.view.findings;
  return [
    heading(1, ctx.title('findings')),
    ...(f.total ? [
      para(`${plural(f.total, 'finding')}, each a failing check result at an exact place${f.excepted ? `; ${f.excepted} accepted by a live exception (shown beside the finding, which keeps its severity)` : ''}.`),
      ...f.groups.flatMap((g) => [
        heading(2, [badgeSpan(g.severity), ` ${plural(g.count, 'finding')}`]),
        g.rows.length ? table(
          [{ title: 'Location and evidence', weight: 3 }, { title: 'Check', weight: 2 }, { title: 'Message', weight: 4 }, { title: 'Controls', weight: 1.2 }, { title: 'Exception', weight: 2 }, COMMENT_COLUMN],
          g.rows.map((r) => [
            { lines: [mono(r.where), ...(r.server ? [muted(`MCP server: ${r.server}`)] : []), [muted('evidence '), mono(r.evidenceId)]] },
            mono(r.checkId), r.message, joinIds(r.controls),
            r.exception ? exceptionLine(r.exception) : r.expiredException ? `Expired ${r.expiredException.id} expired ${r.expiredException.expires}; it no longer applies` : '',
            '',
          ]),
          ctx.width,
        ) : none(`No ${g.severity.value} findings.`),
      ]),
    ] : [none('No check reported a finding.')]),
  ];
}

export function exceptions(ctx: DocxContext): Block[] {
  const e = ctx.view.exceptions;
  return [
    heading(1, ctx.title('exceptions')),
    ...(e.rows.length ? [
      para('Risk acceptances of exceptions.yaml, with their state on the date of the assessment. A live exception is recorded beside the findings and controls it matches and never changes their status; an expired one no longer applies.'),
      table(
        [
          { title: 'Exception', weight: 1.9 }, { title: 'Target', weight: 2.6 }, { title: 'State', weight: 1.5 }, { title: 'Approved', weight: 2 },
          { title: 'Expires', weight: 2 }, { title: 'Ticket', weight: 1.5 }, { title: 'Findings matched', weight: 1.6, numeric: true }, { title: 'Justification', weight: 3.6 },
        ],
        e.rows.map((r) => [
          bold(r.id), mono(r.target), { lines: [badgeSpan(r.status), ...(r.unused ? [{ text: 'Unused', bold: true, tone: 'gap' as const }] : [])] },
          { lines: [r.approved, muted(`by ${r.approver}`)] }, { lines: [r.expires, muted(r.daysText)] }, r.ticket ?? '', String(r.matchedFindings), r.justification ?? '',
        ]),
        ctx.width,
      ),
    ] : [none(e.present ? 'No exceptions are registered.' : 'No exceptions are registered in this assessment (it predates the exceptions register).')]),
  ];
}

export function attestations(ctx: DocxContext): Block[] {
  const list = ctx.view.attestations;
  return [
    heading(1, ctx.title('attestations')),
    ...(list.length ? [
      para('Manual evidence from attestations.yaml. Each evidence file\'s sha256 is recorded in the evidence bundle; an attestation past its validity makes its control stale.'),
      table(
        [
          { title: 'Attests', weight: 3.5 }, { title: 'Attested by', weight: 2 }, { title: 'Date', weight: 1.5 }, { title: 'Valid until', weight: 1.5 },
          { title: 'State', weight: 1.2 }, { title: 'Evidence file', weight: 2.5 }, { title: 'Status it supports', weight: 1.5 },
        ],
        list.map((a) => [
          { lines: [a.subject, ...(a.kind === 'requirement' ? [muted('the part beyond the mapped controls')] : [])] }, a.attestedBy, a.attestedOn, a.validUntil,
          badgeSpan(a.state), { lines: [mono(a.evidence), muted(`sha256 ${a.sha256}`)] }, badgeSpan(a.effect),
        ]),
        ctx.width,
      ),
    ] : [none('No attestations are recorded.')]),
  ];
}

export function riskRegister(ctx: DocxContext): Block[] {
  const { risks, riskMethod } = ctx.view;
  return [
    heading(1, ctx.title('risk-register')),
    ...(risks.length ? [
      para('One risk per threat: inherent risk from the worst likelihood and impact among its mitigating controls, residual risk after the credit its controls earn (full for pass and attested, part for partial).'),
      table(
        [
          { title: 'Threat', weight: 3 }, { title: 'Inherent (L × I)', weight: 1.5, numeric: true }, { title: 'Mitigation', weight: 1.2, numeric: true },
          { title: 'Residual (L × I)', weight: 1.5, numeric: true }, { title: 'Mitigating controls', weight: 2.5 }, { title: 'Reason', weight: 3.5 },
        ],
        risks.map((r) => [
          [bold(r.threatId), ` ${r.title}`], { lines: [`${r.inherent} (${r.likelihood} × ${r.impact})`, badgeSpan(r.inherentBand)] }, r.mitigation,
          { lines: [`${r.residual} (${r.residualLikelihood} × ${r.impact})`, badgeSpan(r.residualBand)] },
          r.controls.length ? { lines: r.controls.map((c): Line => [mono(c.id), ' ', badgeSpan(c.status), ` credit ${c.credit}`]) } : muted('none'),
          r.reason,
        ]),
        ctx.width,
      ),
    ] : [none('No risks are recorded in this assessment.')]),
    ...(ctx.charts.heatMapAlike ? [
      heading(2, 'Inherent and residual risk'),
      ...figure(ctx, 'heatMapAlike', 'Threats by likelihood (rows) and impact (columns): no control moves any threat to another cell, so the inherent and residual maps are the same and are shown once.'),
    ] : ctx.charts.heatMapInherent ? [
      heading(2, 'Inherent risk'),
      ...figure(ctx, 'heatMapInherent', 'Threats by likelihood (rows) and impact (columns) before controls.'),
      heading(2, 'Residual risk'),
      ...figure(ctx, 'heatMapResidual', 'The same threats after the credit their controls earn.'),
    ] : []),
    ...(riskMethod ? [
      heading(2, 'Method'),
      para(`Mitigation credit per control status: ${riskMethod.credit.map((c) => `${c.status.label} ${c.credit}`).join(', ')}. Residual likelihood never falls below ${riskMethod.minimumLikelihood}. Bands: ${riskMethod.bands.map((b) => `${b.band.label} ${b.range}`).join('; ')}.`),
    ] : []),
  ];
}

const findingRefTable = (ctx: DocxContext, rows: readonly FindingRefView[]) => table(
  [{ title: 'Severity', weight: 1.2 }, { title: 'Location', weight: 3 }, { title: 'Check', weight: 2 }, { title: 'Message', weight: 4 }, { title: 'Exception', weight: 1.5 }],
  rows.map((f) => [badgeSpan(f.severity), mono(f.where), mono(f.checkId), f.message, f.exception ?? '']),
  ctx.width,
);

export function changes(ctx: DocxContext): Block[] {
  const c = ctx.view.changes;
  const trend = ctx.view.trend;
  const listOr = (rows: unknown[], make: () => Block, empty: string): Block => (rows.length ? make() : none(empty));
  const move = (from: { label: string }, to: { label: string }, direction: Parameters<typeof badgeSpan>[0]): Cell[] => [badgeSpan(direction), from.label, to.label];
  return [
    heading(1, ctx.title('changes')),
    ...(c ? [
      para([`Compared with the assessment of ${c.previous.assessedOn} (tool ${c.previous.toolVersion}, evidence root hash `, mono(c.previous.rootHash), `). ${c.sentence}`]),
      table([{ title: 'Figure', weight: 3 }, { title: 'Value', weight: 1, numeric: true }, { title: '', weight: 4 }], c.figures.map((f) => [f.label, { text: f.value, bold: true, tone: f.tone }, f.note ?? '']), ctx.width),
      heading(2, 'Framework scores'),
      listOr(c.frameworks, () => table(
        [{ title: 'Framework', weight: 3 }, { title: 'Testing coverage', weight: 2 }, { title: 'Move', weight: 1.2 }, { title: 'Effectiveness', weight: 2 }, { title: 'Move', weight: 1.2 }],
        c.frameworks.map((f) => [f.status ? [f.name, ' ', badgeSpan(f.status)] : f.name, f.coverage, f.coverageMove, f.effectiveness, f.effectivenessMove]), ctx.width,
      ), 'No framework scores to compare.'),
      heading(2, 'Controls'),
      listOr(c.controls, () => table(
        [{ title: 'Control', weight: 4 }, { title: 'Change', weight: 1.3 }, { title: 'Before', weight: 1.5 }, { title: 'Now', weight: 1.5 }],
        c.controls.map((x) => [[mono(x.id), ` ${x.title}`], ...move(x.from, x.to, x.direction)]), ctx.width,
      ), 'No control changed status.'),
      heading(2, 'Requirements'),
      listOr(c.requirements, () => table(
        [{ title: 'Requirement', weight: 4 }, { title: 'Change', weight: 1.3 }, { title: 'Before', weight: 1.5 }, { title: 'Now', weight: 1.5 }],
        c.requirements.map((x) => [[`${x.framework} `, bold(x.id), ` ${x.title}`], ...move(x.from, x.to, x.direction)]), ctx.width,
      ), 'No requirement changed status.'),
      heading(2, 'New findings'),
      listOr(c.newFindings, () => findingRefTable(ctx, c.newFindings), 'No new findings.'),
      heading(2, 'Resolved findings'),
      listOr(c.resolvedFindings, () => findingRefTable(ctx, c.resolvedFindings), 'No findings were resolved.'),
      para(`${plural(c.unchangedFindings, 'finding')} unchanged.`),
      heading(2, 'MCP servers and tools'),
      ...([['Servers added', c.serversAdded, 'No MCP server was added.'], ['Servers removed', c.serversRemoved, 'No MCP server was removed.']] as const).map(([caption, rows, empty]) => listOr([...rows], () => table(
        [{ title: caption, weight: 2 }, { title: 'Client', weight: 2 }, { title: 'Transport', weight: 1.5 }, { title: 'Configuration', weight: 3 }],
        rows.map((s) => [s.disabled ? [s.name, muted(' (disabled)')] : s.name, s.client, s.transport, mono(s.where)]), ctx.width,
      ), empty)),
      ...([['Tools added', c.toolsAdded, 'No tool was added.'], ['Tools removed', c.toolsRemoved, 'No tool was removed.']] as const).map(([caption, rows, empty]) => listOr([...rows], () => table(
        [{ title: caption, weight: 2 }, { title: 'Tool', weight: 2 }, { title: 'Snapshot', weight: 3 }, { title: 'Definition sha256', weight: 3 }],
        rows.map((t) => [t.server, t.name, mono(t.path), mono(t.sha256)]), ctx.width,
      ), empty)),
      listOr(c.toolsChanged, () => table(
        [{ title: 'Tool definitions changed', weight: 2 }, { title: 'Tool', weight: 2 }, { title: 'Snapshot', weight: 3 }, { title: 'sha256 before and now', weight: 3 }],
        c.toolsChanged.map((t) => [t.server, t.name, mono(t.path), { lines: [mono(t.from), mono(t.to)] }]), ctx.width,
      ), 'No tool definition changed.'),
      heading(2, 'Exceptions and attestations'),
      listOr(c.exceptionsExpired, () => table(
        [{ title: 'Exception expired since', weight: 2 }, { title: 'Target', weight: 3 }, { title: 'Expired', weight: 1.5 }],
        c.exceptionsExpired.map((e) => [e.id, mono(e.target), e.expires]), ctx.width,
      ), 'No exception expired since.'),
      listOr(c.attestationsStale, () => table(
        [{ title: 'Attestation gone stale since (control)', weight: 3 }, { title: 'Attested by', weight: 2 }, { title: 'Valid until', weight: 1.5 }],
        c.attestationsStale.map((a) => [mono(a.control), a.attestedBy, a.validUntil]), ctx.width,
      ), 'No attestation went stale since.'),
      heading(2, 'Residual risk'),
      listOr(c.risks, () => table(
        [{ title: 'Threat', weight: 4 }, { title: 'Before', weight: 1, numeric: true }, { title: 'Now', weight: 1, numeric: true }, { title: 'Move', weight: 1.2, numeric: true }],
        c.risks.map((r) => [[bold(r.threatId), ` ${r.title}`], String(r.from), String(r.to), r.move]), ctx.width,
      ), 'No residual risk moved.'),
    ] : [none('No previous assessment was given (assess --previous), so there is nothing to compare with.')]),
    ...(trend ? [
      heading(2, 'Trend'),
      ...figure(ctx, 'trendCoverage', 'Testing coverage per framework, oldest first; this assessment last.'),
      ...figure(ctx, 'trendEffectiveness', 'Effectiveness per framework, oldest first; this assessment last. No point where nothing was tested.'),
      ...figure(ctx, 'trendFindings', 'Findings by severity, oldest first; this assessment last.'),
      table(
        [{ title: 'Series', weight: 3 }, ...trend.dates.map((d) => ({ title: d, weight: 1.3, numeric: true }))],
        [
          ...trend.coverage.map((s) => [`${s.label} testing coverage`, ...s.texts]),
          ...trend.effectiveness.map((s) => [`${s.label} effectiveness`, ...s.texts]),
          ...trend.findings.map((s) => [s.label, ...s.values.map(String)]),
        ],
        ctx.width,
      ),
    ] : []),
  ];
}
