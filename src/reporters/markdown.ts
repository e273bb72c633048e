/**
 * Markdown reporter: report.md, the story of the PDF in GitHub-flavoured Markdown for PR comments and
 * wikis. Long lists are kept whole (the file is the record) but the detail a reviewer does not need
 * first sits in <details> blocks, so a PR comment stays short.
 *
 * Everything read from the assessment is untrusted (finding messages, paths, server and tool names,
 * attestation and exception fields come from MCP servers and users): it goes through escapeMarkdown()
 * and nothing else, so it can never become a link, an image, HTML, a heading or a new table cell.
 */
import type {
  Assessment, AssessmentChanges, AssessmentControl, AssessmentFramework, ChangeDirection, ControlAttestation, ControlStatus, DocumentControl,
  ExceptionEntry, ExceptionNote, FindingRef, HistoryPoint, RequirementStatus, RiskBand,
} from '../engine/assessment.js';
import { SEVERITIES, type Severity } from '../catalog/model.js';
import type { Location } from '../evidence/types.js';
import {
  ATTESTATION_STATE_LABEL, CONTROL_STATUS_LABEL, CONTROL_REPORT_ORDER, DIRECTION_LABEL, DOCUMENT_STATUS_LABEL, EXCEPTION_STATE_LABEL, FIGURE_LABEL, LEVEL_LABEL, REQUIREMENT_STATUS_LABEL,
  REQUIREMENT_REPORT_ORDER, dateOf, figureLabel, frameworkTitle, locationText, outcomeLabel, percent,
} from './labels.js';
import { historyPoint } from '../engine/compare.js';
import { boundaryStatement, serverRows } from './boundary.js';
import { httpUrlOf } from '../lib/http-url.js';
import { plural } from '../lib/plural.js';
import { printable } from '../lib/printable.js';
import type { Drift } from '../engine/drift.js';
import type { Reporter } from './types.js';
import { DEFAULT_PROFILE, type ReportProfile, type ReportSection } from './profiles.js';
import { buildView, type ReportView } from './html/view-model.js';
import type { PlanItemView } from './html/section-views.js';
import { pooledFigures } from '../engine/roll-up.js';

// `@team` and `#123` would notify people or cross-reference issues in a PR comment; a zero-width space
// after the sign (as Dependabot does in quoted release notes) keeps the text readable but inert.
const MENTION = /(^|[^\p{L}\p{N}_])@(?=[\p{L}\p{N}])|#(?=\p{N})/gu;
// `:` only before `//`: GitHub autolinks `http://...` from the raw text, backslash escapes and all, so
// the scheme's colon is escaped to leave a URL in untrusted text as plain text.
const MARKUP = /[\\`*_{}[\]()#+\-.!|~$&<>]|:(?=\/\/)/g;
const HTML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Untrusted text as inert Markdown: one line (line breaks, controls, bidi and invisible characters as
 * visible escapes by printable(), so a value stays on its line and in its table cell and shows what it
 * hid), Markdown punctuation backslash-escaped (`|` too, so a table cell stays one cell), `& < >` as
 * entities so no HTML or entity gets through.
 */
export function escapeMarkdown(text: string): string {
  return printable(text)
    .replace(/ {2,}/g, ' ')
    .replace(MENTION, (sign: string) => `${sign}\u200B`)
    .replace(MARKUP, (char) => HTML_ENTITY[char] ?? `\\${char}`);
}

/** The URL as a Markdown link destination when it is http(s), else undefined (no javascript:, data:, ...). */
export function httpUrl(url: string): string | undefined {
  // Characters that would end the destination or the table cell are percent-encoded.
  return httpUrlOf(url)?.href.replace(/[()<>|\\"'`\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A link when the URL is http(s); otherwise only the text, so a hostile URL is never clickable. */
function safeLink(text: string, url: string | undefined): string {
  const href = url === undefined ? undefined : httpUrl(url);
  return href === undefined ? escapeMarkdown(text) : `[${escapeMarkdown(text)}](${href})`;
}

// Labels by key, falling back to the escaped raw value for a status this version does not know (a tampered or newer file).
export function labelOf(labels: Record<string, string>, key: string): string {
  return Object.hasOwn(labels, key) ? labels[key]! : escapeMarkdown(String(key));
}
const controlLabel = (status: ControlStatus) => labelOf(CONTROL_STATUS_LABEL, status);
const requirementLabel = (status: RequirementStatus) => labelOf(REQUIREMENT_STATUS_LABEL, status);
/** An outcome in the framework's own words (mapping data, so escaped), else ours. */
const frameworkOutcome = (framework: AssessmentFramework, status: RequirementStatus) =>
  (Object.hasOwn(REQUIREMENT_STATUS_LABEL, status) ? escapeMarkdown(outcomeLabel(framework, status)) : labelOf(REQUIREMENT_STATUS_LABEL, status));
const levelLabel = (level: Severity | RiskBand) => labelOf(LEVEL_LABEL, level);
/** Most severe first. */
const SEVERITY_ORDER: readonly Severity[] = [...SEVERITIES].reverse();

/** A GFM table of cells that are already Markdown (escaped or trusted). */
export function table(header: readonly string[], rows: readonly string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

/** A collapsed block; the summary is trusted text only (raw HTML does not read Markdown escapes). */
function details(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

function countsText<K extends string>(order: readonly K[], counts: Partial<Record<K, number>>, label: (key: K) => string): string {
  const parts = order.filter((key) => (counts[key] ?? 0) > 0).map((key) => `${counts[key]} ${label(key)}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function locationCell(location: Location): string {
  return escapeMarkdown(locationText(location));
}

function liveExceptionText(note: ExceptionNote): string {
  const ticket = note.ticket ? `, ${escapeMarkdown(note.ticket)}` : '';
  return `${escapeMarkdown(note.id)} (approved by ${escapeMarkdown(note.approver)}, until ${escapeMarkdown(note.expires)}${ticket})`;
}

function exceptionCell(live: ExceptionNote | undefined, expired: ExceptionNote | undefined): string {
  const parts: string[] = [];
  if (live) parts.push(`Excepted: ${liveExceptionText(live)}`);
  if (expired) parts.push(`Expired exception ${escapeMarkdown(expired.id)} (ended ${escapeMarkdown(expired.expires)})`);
  return parts.join('; ');
}

/**
 * The title block and the verdict under it (report.md has no cover page: the verdict comes first, and
 * the Action's job summary keeps what precedes the first section).
 */
function header(a: Assessment): string[] {
  const date = escapeMarkdown(dateOf(a.generatedAt));
  const organization = a.scope.organization ? `${escapeMarkdown(a.scope.organization)}, ` : '';
  const findings = a.summary.findings;
  const excepted = findings.excepted ? `; ${findings.excepted} under a live exception` : '';
  const findingsText = findings.total === 0
    ? 'no findings'
    : `${plural(findings.total, 'finding')} (${countsText(SEVERITY_ORDER, findings.bySeverity, levelLabel).toLowerCase()}${excepted})`;
  const failOn = a.summary.failOn;
  const threshold = escapeMarkdown(failOn);
  const gate = failOn === 'none'
    ? 'no gate (--fail-on none)'
    : a.summary.failed
      ? `gate (--fail-on ${threshold}) **failed**: findings at or above ${threshold} are not under a live exception`
      : `gate (--fail-on ${threshold}) passed: no finding at or above ${threshold} outside a live exception`;
  const aiAct = a.scope.aiAct && (a.scope.aiAct.role || a.scope.aiAct.riskLevel)
    ? `; EU AI Act role ${escapeMarkdown(a.scope.aiAct.role ?? 'not declared')}, risk level ${escapeMarkdown(a.scope.aiAct.riskLevel ?? 'not declared')}`
    : '';
  const dataClasses = a.scope.dataClasses.length > 0 ? a.scope.dataClasses.map(escapeMarkdown).join(', ') : 'none';
  const { unreadable, collectorFailures } = a.evidence;
  const gaps = unreadable.length + collectorFailures.length > 0
    ? ` ${plural(unreadable.length, 'source')} could not be read and ${plural(collectorFailures.length, 'collector')} failed (see [Sources not read](#sources-not-read)).`
    : '';
  return [
    `# MCP controls assessment: ${organization}${date}`,
    '',
    `Generated ${escapeMarkdown(a.generatedAt)} by ${escapeMarkdown(a.tool.name)} ${escapeMarkdown(a.tool.version)} (assessment schema ${escapeMarkdown(a.schemaVersion)}).`,
    `Scope: ${a.scope.frameworks.map(escapeMarkdown).join(', ') || 'no framework'}; data classes ${dataClasses}${a.scope.dataClassesDeclared === false ? ' (not declared)' : ''}${aiAct}.`,
    ...documentLines(a.document),
    '',
    `**Summary:** ${findingsText}; controls: ${countsText(CONTROL_REPORT_ORDER, a.summary.controls, controlLabel).toLowerCase()}; ${gate}.`,
    '',
    `**Requirements:** ${figuresText(pooledFigures(a.frameworks))}.`,
    '',
    `**Evidence root hash:** ${escapeMarkdown(a.evidence.rootHash)} (${plural(a.evidence.items.length, 'evidence item')}; check the bundle with \`mcp-comply verify EVIDENCE_DIR\`).${gaps}`,
  ];
}

/** Status, version, period and the three names under the title, when the config's `report:` block gives them. */
function documentLines(doc: DocumentControl | undefined): string[] {
  if (!doc) return [];
  const parts = [
    `**${labelOf(DOCUMENT_STATUS_LABEL, doc.status)}**`,
    doc.version ? `version ${escapeMarkdown(doc.version)}` : '',
    doc.period ? `period ${escapeMarkdown(doc.period.from)} to ${escapeMarkdown(doc.period.to)}` : '',
    doc.preparedBy ? `prepared by ${escapeMarkdown(doc.preparedBy)}` : '',
    doc.reviewedBy ? `reviewed by ${escapeMarkdown(doc.reviewedBy)}` : '',
    doc.approvedBy ? `approved by ${escapeMarkdown(doc.approvedBy)}` : '',
  ].filter(Boolean);
  return [`Document: ${parts.join('; ')}.`];
}

/** The line at the top and bottom of report.md: DRAFT when it is one, and the classification. */
function markingLine(doc: DocumentControl | undefined): string | null {
  const parts = [doc?.status === 'draft' ? 'DRAFT' : '', doc?.classification ? escapeMarkdown(doc.classification) : ''].filter(Boolean);
  return parts.length ? `**${parts.join(' · ')}**` : null;
}

function applicabilityCell(framework: AssessmentFramework): string {
  const { applicability } = framework;
  const reason = applicability.reason ? `: ${escapeMarkdown(applicability.reason)}` : '';
  if (!applicability.applies) return `No${reason}`;
  const assumed = applicability.assumed.length > 0 ? `; assumed ${applicability.assumed.map(escapeMarkdown).join(', ')}` : '';
  return `Yes, ${applicability.inScope} of ${framework.requirements.length} requirements in scope${assumed}${reason}`;
}

/** The overall figures in one line: all applicable frameworks, their in-scope requirements pooled. */
function figuresText(pooled: ReturnType<typeof pooledFigures>): string {
  if (pooled.frameworks === 0) return 'no framework applies to the declared scope';
  const c = pooled.counts;
  return `${plural(pooled.frameworks, 'applicable framework')}, ${plural(pooled.inScope, 'in-scope requirement')} pooled: `
    + `${FIGURE_LABEL.testingCoverage.toLowerCase()} ${percent(pooled.testingCoverage)}, ${FIGURE_LABEL.effectiveness.toLowerCase()} ${percent(pooled.effectiveness)}; `
    + `${countsText(REQUIREMENT_REPORT_ORDER.filter((s) => s !== 'not_applicable'), c, requirementLabel).toLowerCase()}`;
}

function frameworksSection(a: Assessment): string[] {
  if (a.frameworks.length === 0) return ['## Frameworks', '', 'No framework was assessed.'];
  const counts = (figures: AssessmentFramework['summary']) => REQUIREMENT_REPORT_ORDER.map((status) => String(figures.counts[status] ?? 0));
  const rows = a.frameworks.map((framework) => [
    safeLink(framework.name, framework.source), escapeMarkdown(framework.version), applicabilityCell(framework),
    percent(framework.summary.testingCoverage), percent(framework.summary.effectiveness), ...counts(framework.summary),
  ]);
  const pooled = pooledFigures(a.frameworks);
  rows.push(['**All applicable frameworks (pooled)**', '', `${pooled.frameworks} of ${a.frameworks.length}`, `**${percent(pooled.testingCoverage)}**`, `**${percent(pooled.effectiveness)}**`, ...counts(pooled)]);
  return [
    '## Frameworks',
    '',
    ...table(['Framework', 'Version', 'Applies', FIGURE_LABEL.testingCoverage, FIGURE_LABEL.effectiveness, ...REQUIREMENT_REPORT_ORDER.map(requirementLabel)], rows),
    '',
    'Testing coverage is the share of in-scope requirements with evidence either way (neither untested nor not addressed); effectiveness is '
      + 'the share of tested requirements whose MCP part is effective (met or effective). Missing evidence never counts as effective; n/a means '
      + 'there is nothing to count. The pooled row counts the in-scope requirements of every applicable framework together. No figure stands '
      + 'for a whole framework: the MCP layer is one part of what each asks.',
  ];
}

function findingsSection(a: Assessment): string[] {
  const heading = `## Findings (${a.findings.length})`;
  if (a.findings.length === 0) return [heading, '', 'No findings.'];
  const rows = a.findings.map((finding) => [
    levelLabel(finding.severity), locationCell(finding.location), escapeMarkdown(finding.checkId),
    escapeMarkdown(finding.message), exceptionCell(finding.exception, finding.expiredException),
  ]);
  return [heading, '', ...table(['Severity', 'Location', 'Check', 'Message', 'Exception'], rows)];
}

const NOT_PASSING: readonly ControlStatus[] = ['fail', 'error', 'stale', 'not_observed', 'manual', 'partial'];

function controlStatusCell(control: AssessmentControl): string {
  const exception = control.exception ? `; excepted: ${liveExceptionText(control.exception)}` : '';
  return `${controlLabel(control.status)}${exception}`;
}

function controlsSection(a: Assessment): string[] {
  const notPassing = NOT_PASSING.flatMap((status) => a.controls.filter((control) => control.status === status));
  const heading = `## Controls not passing (${notPassing.length} of ${a.controls.length})`;
  if (notPassing.length === 0) return [heading, '', 'Every control passes, is attested or is not applicable.'];
  const rows = notPassing.map((control) => [
    escapeMarkdown(control.id), escapeMarkdown(control.title), controlStatusCell(control), escapeMarkdown(control.reason),
    (control.references ?? []).map((reference) => safeLink(reference.title, reference.url)).join('; '),
  ]);
  const counts: Partial<Record<ControlStatus, number>> = {};
  for (const control of notPassing) counts[control.status] = (counts[control.status] ?? 0) + 1;
  return [
    heading, '',
    ...details(countsText(NOT_PASSING, counts, controlLabel).toLowerCase(), table(['Control', 'Title', 'Status', 'Reason', 'References'], rows)),
  ];
}

/** Outcomes that leave a gap within the boundary or at its edge: listed with their reasons, gaps first. */
const GAPS: readonly RequirementStatus[] = ['deficient', 'partly_effective', 'untested', 'not_addressed'];

function requirementsSection(a: Assessment): string[] {
  const lines = ['## Requirement gaps'];
  for (const framework of a.frameworks) {
    lines.push('', `### ${escapeMarkdown(frameworkTitle(framework.name, framework.version))}`, '');
    if (!framework.applicability.applies) {
      lines.push(`Does not apply${framework.applicability.reason ? `: ${escapeMarkdown(framework.applicability.reason)}` : ''}.`);
      continue;
    }
    const { summary } = framework;
    const outcomes = REQUIREMENT_REPORT_ORDER.filter((status) => (summary.counts[status] ?? 0) > 0)
      .map((status) => `${summary.counts[status]} ${frameworkOutcome(framework, status)}`).join(', ');
    lines.push(`${escapeMarkdown(figureLabel(framework, 'testingCoverage'))} (testing coverage): ${percent(summary.testingCoverage)}; `
      + `${escapeMarkdown(figureLabel(framework, 'effectiveness'))} (effectiveness): ${percent(summary.effectiveness)}. Outcomes: ${outcomes || 'none'}.`, '');
    const gaps = GAPS.flatMap((status) => framework.requirements.filter((requirement) => requirement.status === status));
    if (gaps.length === 0) {
      lines.push('Every in-scope requirement is met or has its MCP part effective.');
      continue;
    }
    const rows = gaps.map((requirement) => [
      escapeMarkdown(requirement.id), escapeMarkdown(requirement.title), frameworkOutcome(framework, requirement.status),
      escapeMarkdown(requirement.reason),
      requirement.controls.map((control) =>
        `${escapeMarkdown(control.id)} (${escapeMarkdown(control.relationship)}${control.property ? `, ${escapeMarkdown(control.property)}` : ''}, ${controlLabel(control.status)})`).join('; '),
    ]);
    const counts: Partial<Record<RequirementStatus, number>> = {};
    for (const requirement of gaps) counts[requirement.status] = (counts[requirement.status] ?? 0) + 1;
    const gist = `${gaps.length} of ${framework.applicability.inScope} in-scope requirements with a gap: ${countsText(GAPS, counts, (s) => frameworkOutcome(framework, s))}`;
    lines.push(...details(gist, table(['Requirement', 'Title', 'Outcome', 'Reason', 'Controls'], rows)));
  }
  return lines;
}

function riskSection(a: Assessment): string[] {
  const heading = '## Risk register';
  if (a.risks.length === 0) return [heading, '', 'No threat in the register.'];
  const rows = a.risks.map((risk) => [
    escapeMarkdown(risk.threatId), escapeMarkdown(risk.title), String(risk.inherent), String(risk.residual),
    `${levelLabel(risk.band.inherent)} → ${levelLabel(risk.band.residual)}`, percent(risk.mitigation),
  ]);
  const bands = a.riskMethod?.bands;
  const method = bands
    ? `Inherent = likelihood × impact; residual = residual likelihood × impact, the likelihood lowered by the credited share of `
      + `mitigating controls in scope (never below ${a.riskMethod.minimumLikelihood}). Bands: medium from ${bands.medium}, `
      + `high from ${bands.high}, critical from ${bands.critical}.`
    : 'Inherent = likelihood × impact; residual = residual likelihood × impact.';
  return [heading, '', ...table(['Threat', 'Title', 'Inherent', 'Residual', 'Band (inherent → residual)', 'Mitigation'], rows), '', method];
}

function exceptionsSection(a: Assessment): string[] {
  if (a.exceptions === undefined) return [];
  const heading = '## Exceptions';
  if (a.exceptions.length === 0) return [heading, '', 'No exceptions.'];
  const rows = a.exceptions.map((entry) => [
    escapeMarkdown(entry.id), escapeMarkdown(entry.target), labelOf(EXCEPTION_STATE_LABEL, entry.status), escapeMarkdown(entry.approver),
    escapeMarkdown(entry.approved), escapeMarkdown(entry.expires), escapeMarkdown(String(entry.daysToExpiry)),
    escapeMarkdown(entry.ticket ?? ''), String(entry.matchedFindings), entry.unused ? 'Yes' : 'No',
    escapeMarkdown(entry.justification ?? ''),
  ]);
  return [heading, '', ...table(
    ['Exception', 'Target', 'State', 'Approver', 'Approved', 'Expires', 'Days to expiry', 'Ticket', 'Findings matched', 'Unused', 'Justification'],
    rows,
  )];
}

function attestationsSection(a: Assessment): string[] {
  const attested: Array<[string, ControlAttestation]> = [
    ...a.controls.flatMap((control): Array<[string, ControlAttestation]> =>
      control.attestation ? [[`${escapeMarkdown(control.id)} ${escapeMarkdown(control.title)}`, control.attestation]] : []),
    ...a.frameworks.flatMap((framework) => framework.requirements.flatMap((requirement): Array<[string, ControlAttestation]> =>
      requirement.attestation
        ? [[`${escapeMarkdown(framework.id)} ${escapeMarkdown(requirement.id)} ${escapeMarkdown(requirement.title)}`, requirement.attestation]]
        : [])),
  ];
  const heading = '## Attestations';
  if (attested.length === 0) return [heading, '', 'No attestations.'];
  const rows = attested.map(([subject, attestation]) => [
    subject, escapeMarkdown(attestation.attestedBy), escapeMarkdown(attestation.date), escapeMarkdown(attestation.validUntil),
    attestation.state === undefined ? '' : labelOf(ATTESTATION_STATE_LABEL, attestation.state), escapeMarkdown(attestation.evidence),
  ]);
  return [heading, '', ...table(['Attested', 'Attested by', 'Date', 'Valid until', 'State', 'Evidence'], rows)];
}

const DIRECTION_ORDER: readonly ChangeDirection[] = ['regressed', 'improved', 'changed'];

function byDirection<T extends { direction: ChangeDirection }>(items: readonly T[]): T[] {
  return DIRECTION_ORDER.flatMap((direction) => items.filter((item) => item.direction === direction));
}

function findingRefRows(refs: readonly FindingRef[]): string[][] {
  return refs.map((ref) => [
    levelLabel(ref.severity), locationCell(ref.location), escapeMarkdown(ref.checkId), escapeMarkdown(ref.message),
    ref.exception ? `Excepted: ${escapeMarkdown(ref.exception)}` : '',
  ]);
}

const move = (from: string, to: string) => (from === to ? to : `${from} → ${to}`);
const shortHash = (sha256: string) => escapeMarkdown(sha256.replace(/^sha256:/, '').slice(0, 12));

function changesSection(changes: AssessmentChanges): string[] {
  const s = changes.summary;
  const lines = [
    `## Changes since ${escapeMarkdown(dateOf(changes.previous.generatedAt))}`,
    '',
    `Compared with the assessment of ${escapeMarkdown(changes.previous.generatedAt)} (${escapeMarkdown(changes.previous.toolVersion)}, `
      + `root hash ${escapeMarkdown(changes.previous.rootHash)}): ${plural(s.regressedControls, 'control')} regressed, ${s.improvedControls} improved; `
      + `${plural(s.newFindings, 'new finding')}, ${s.resolvedFindings} resolved, ${changes.findings.unchanged} unchanged; `
      + `${plural(s.addedServers, 'server')} and ${plural(s.addedTools, 'tool')} added, ${plural(s.changedTools, 'tool definition')} changed; `
      + `${plural(s.expiredExceptions, 'exception')} expired; ${plural(s.staleAttestations, 'attestation')} gone stale.`,
  ];
  const part = (title: string, body: string[]) => { if (body.length > 0) lines.push('', `### ${title}`, '', ...body); };

  if (changes.controls.length > 0) {
    part('Controls', table(['Change', 'Control', 'Title', 'Status'], byDirection(changes.controls).map((change) => [
      labelOf(DIRECTION_LABEL, change.direction), escapeMarkdown(change.id), escapeMarkdown(change.title),
      move(controlLabel(change.from), controlLabel(change.to)),
    ])));
  }
  if (changes.requirements.length > 0) {
    part('Requirements', details(`${plural(changes.requirements.length, 'requirement status', 'requirement statuses')} changed`,
      table(['Change', 'Framework', 'Requirement', 'Title', 'Status'], byDirection(changes.requirements).map((change) => [
        labelOf(DIRECTION_LABEL, change.direction), escapeMarkdown(change.frameworkId), escapeMarkdown(change.id), escapeMarkdown(change.title),
        move(requirementLabel(change.from), requirementLabel(change.to)),
      ]))));
  }
  const findingHeader = ['Severity', 'Location', 'Check', 'Message', 'Exception'];
  if (changes.findings.new.length > 0) part(`New findings (${changes.findings.new.length})`, table(findingHeader, findingRefRows(changes.findings.new)));
  if (changes.findings.resolved.length > 0) {
    part(`Resolved findings (${changes.findings.resolved.length})`, table(findingHeader, findingRefRows(changes.findings.resolved)));
  }
  const servers = [
    ...changes.servers.added.map((server) => ['Added', server] as const),
    ...changes.servers.removed.map((server) => ['Removed', server] as const),
  ];
  if (servers.length > 0) {
    part('Servers', table(['Change', 'Server', 'Client', 'Transport', 'Configured in'], servers.map(([change, server]) => [
      change, escapeMarkdown(server.name), escapeMarkdown(server.client), escapeMarkdown(server.transport),
      escapeMarkdown(`${server.path}:${server.line}`),
    ])));
  }
  const toolRow = (change: string, tool: { server: string; name: string; path: string }, hash: string) => [
    change, escapeMarkdown(tool.server), escapeMarkdown(tool.name), escapeMarkdown(tool.path), hash,
  ];
  const tools = [
    ...changes.tools.added.map((tool) => toolRow('Added', tool, shortHash(tool.sha256))),
    ...changes.tools.removed.map((tool) => toolRow('Removed', tool, shortHash(tool.sha256))),
    ...changes.tools.changed.map((tool) => toolRow('Definition changed', tool, `${shortHash(tool.from)} → ${shortHash(tool.to)}`)),
  ];
  if (tools.length > 0) part('Tools', table(['Change', 'Server', 'Tool', 'Snapshot', 'Definition (sha256)'], tools));
  if (changes.exceptions.expired.length > 0) {
    part('Exceptions expired', table(['Exception', 'Target', 'Expired'], changes.exceptions.expired.map((exception) => [
      escapeMarkdown(exception.id), escapeMarkdown(exception.target), escapeMarkdown(exception.expires),
    ])));
  }
  if (changes.attestations.stale.length > 0) {
    part('Attestations gone stale', table(['Control', 'Attested by', 'Valid until'], changes.attestations.stale.map((attestation) => [
      escapeMarkdown(attestation.control), escapeMarkdown(attestation.attestedBy), escapeMarkdown(attestation.validUntil),
    ])));
  }
  if (changes.frameworks.length > 0) {
    const note = (status: 'added' | 'removed' | undefined) => (status === 'added' ? 'Added' : status === 'removed' ? 'Removed' : '');
    part('Framework figures', table(['Framework', FIGURE_LABEL.testingCoverage, FIGURE_LABEL.effectiveness, 'Note'], changes.frameworks.map((framework) => [
      escapeMarkdown(framework.name), move(percent(framework.testingCoverage.from), percent(framework.testingCoverage.to)),
      move(percent(framework.effectiveness.from), percent(framework.effectiveness.to)), note(framework.status),
    ])));
  }
  if (changes.risks.length > 0) {
    part('Residual risk', table(['Threat', 'Title', 'Residual'], changes.risks.map((risk) => [
      escapeMarkdown(risk.threatId), escapeMarkdown(risk.title), move(String(risk.residual.from), String(risk.residual.to)),
    ])));
  }
  return lines;
}

function trendSection(a: Assessment, history: readonly HistoryPoint[]): string[] {
  const points = [...history, historyPoint(a)];
  // Frameworks of this assessment first, in its order; then any only earlier ones had.
  const ids = [...new Set([...a.frameworks.map((framework) => framework.id), ...points.flatMap((point) => point.frameworks.map((f) => f.id)).sort()])];
  const rows = points.map((point, index) => [
    `${escapeMarkdown(dateOf(point.generatedAt))}${index === points.length - 1 ? ' (this assessment)' : ''}`,
    String(point.findings.total), String(point.findings.bySeverity.critical ?? 0), String(point.findings.bySeverity.high ?? 0),
    String(point.controls.fail ?? 0), String(point.residualRisk),
    ...ids.map((id) => {
      const scores = point.frameworks.find((framework) => framework.id === id);
      return scores ? `${percent(scores.testingCoverage)} / ${percent(scores.effectiveness)}` : '';
    }),
  ]);
  return [
    '## Trend',
    '',
    ...table(['Date', 'Findings', 'Critical', 'High', 'Controls failing', 'Residual risk', ...ids.map(escapeMarkdown)], rows),
    '',
    'Framework columns: testing coverage / effectiveness (n/a: nothing to count). Residual risk is the sum of the residual scores of the risk register.',
  ];
}

function sourcesNotReadSection(a: Assessment): string[] {
  const { unreadable, collectorFailures } = a.evidence;
  if (unreadable.length + collectorFailures.length === 0) return [];
  const lines = ['## Sources not read', '', 'Nothing in these was checked: a source that could not be read is missing evidence, never a pass.'];
  if (unreadable.length > 0) {
    lines.push('', ...table(['Source', 'Problem', 'Reason'], unreadable.map((source) => [
      locationCell(source), escapeMarkdown(source.code), escapeMarkdown(source.reason),
    ])));
  }
  if (collectorFailures.length > 0) {
    lines.push('', ...table(['Collector', 'Failure'], collectorFailures.map((failure) => [
      escapeMarkdown(failure.collector), escapeMarkdown(failure.message),
    ])));
  }
  return lines;
}

/**
 * The assessment boundary (systems, what the evidence covers, what it does not) and the MCP server
 * inventory; the inventory only where the profile has the method too (not in the executive one).
 */
function boundarySection(a: Assessment, inventory: boolean): string[] {
  const lines = ['## Assessment boundary', ''];
  const systems = a.scope.systems ?? [];
  if (systems.length > 0) {
    lines.push(...table(['System', 'Description', 'Owner', 'Data classes'], systems.map((s) => [
      escapeMarkdown(s.name), escapeMarkdown(s.description ?? ''), escapeMarkdown(s.owner ?? ''), (s.dataClasses ?? []).map(escapeMarkdown).join(', '),
    ])), '');
  }
  const statement = boundaryStatement(a);
  if (statement.length === 0) lines.push('This assessment does not record its boundary (it predates assessment schema 2.0).');
  else lines.push(...statement.map((sentence) => `- ${escapeMarkdown(sentence)}`));
  const exclusions = a.scope.boundary?.exclusions ?? [];
  if (exclusions.length > 0) lines.push('', '**Not covered:**', '', ...exclusions.map((e) => `- ${escapeMarkdown(e.statement)}`));
  const rows = serverRows(a);
  if (!inventory) {
    lines.push('', `The inventory of the ${plural(rows.length, 'MCP server')} found is in the auditor and full reports.`);
    return lines;
  }
  const serverTable = rows.length === 0 ? ['No MCP server was found.'] : table(
    ['Client', 'Configuration', 'Server', 'Transport', 'Endpoint host', 'System (owner)', 'Findings'],
    rows.map((r) => [
      escapeMarkdown(r.client), escapeMarkdown(r.config), `${escapeMarkdown(r.name)}${r.disabled ? ' (disabled)' : ''}`, escapeMarkdown(r.transport),
      escapeMarkdown(r.endpoint), escapeMarkdown(r.system), r.findings,
    ]),
  );
  lines.push('', ...details(`MCP server inventory (${plural(rows.length, 'server')})`, serverTable));
  return lines;
}

/** The document-control table (`report:` in mcp-comply.yaml). */
function documentControlSection(view: ReportView, title: string): string[] {
  if (!view.document.recorded) return [`## ${title}`, '', 'No document control is recorded (no `report:` block in the config, or an assessment before schema 2.1).'];
  return [`## ${title}`, '', ...table(['Field', 'Value'], view.document.rows.map((r) => [r.label, escapeMarkdown(r.value)]))];
}

function topRisksSection(view: ReportView, title: string): string[] {
  const { risks, actions } = view.topRisks;
  const lines = [`## ${title}`, '', '### Highest residual risks', ''];
  lines.push(...(risks.length ? risks.map((r, i) => `${i + 1}. **${r.residualBand.label}** ${escapeMarkdown(r.sentence)}`) : ['No threat carries a residual risk.']));
  lines.push('', '### Most severe open actions', '');
  lines.push(...(actions.length ? actions.map((x, i) => `${i + 1}. **${x.priorityLabel} ${x.severity.label}** ${escapeMarkdown(x.sentence)}`)
    : [view.plan.present ? 'No open item in the remediation plan.' : view.plan.absentText]));
  return lines;
}



function responseText(item: PlanItemView): string {
  const r = item.response;
  if (!r) return '';
  const extra = [r.targetDate ? `target ${escapeMarkdown(r.targetDate)}` : '', r.ticket ? escapeMarkdown(r.ticket) : ''].filter(Boolean).join(', ');
  return `${escapeMarkdown(r.response)} (${escapeMarkdown(r.by)}, ${escapeMarkdown(r.respondedOn)}${extra ? `, ${extra}` : ''})`;
}

function planSummarySection(view: ReportView, title: string): string[] {
  const { plan, planSummary } = view;
  if (!plan.present) return [`## ${title}`, '', plan.absentText];
  const rows = planSummary.items.map((i) => [
    `${i.priorityLabel} ${i.severity.label}`, `${escapeMarkdown(i.title)} (${plural(i.indicators.length, 'indicator')})`,
    escapeMarkdown(i.owner ?? 'not assigned'), escapeMarkdown(i.dueText), i.status.label, responseText(i),
  ]);
  return [
    `## ${title}`, '', `${plan.sentence} ${plan.slaSentence}`, '',
    ...(rows.length ? table(['Priority', 'Action', 'Owner', 'Due', 'Status', 'Management response'], rows) : ['No open item.']),
    ...(planSummary.moreText ? ['', planSummary.moreText] : []),
  ];
}

function planSection(view: ReportView, title: string): string[] {
  const { plan } = view;
  if (!plan.present) return [`## ${title}`, '', plan.absentText];
  const lines = [`## ${title}`, '', `${plan.sentence} ${plan.slaSentence}`];
  for (const i of plan.items) {
    const when = i.resolvedOn ? `resolved ${escapeMarkdown(i.resolvedOn)}` : `due ${escapeMarkdown(i.dueText)}`;
    lines.push('', `### ${escapeMarkdown(i.id)}: ${escapeMarkdown(i.title)}`, '',
      `**${i.priorityLabel} ${i.severity.label}**, ${i.status.label}; owner ${escapeMarkdown(i.owner ?? 'not assigned')}${i.ownerSource ? ` (${escapeMarkdown(i.ownerSource)})` : ''}; `
        + `first seen ${escapeMarkdown(i.firstSeen)}, ${when}; restores ${i.controls.map((c) => escapeMarkdown(c.id)).join(', ') || 'no mapped control'}`
        + `${i.requirementsText ? `; could move ${escapeMarkdown(i.requirementsText)}` : ''}.`,
      '', ...i.indicators.map((x) => `- ${escapeMarkdown(x.where)}: ${escapeMarkdown(x.message)}`));
    if (i.notRetested) lines.push('', `**Not re-tested:** ${escapeMarkdown(i.notRetested)}.`);
    if (i.remediation) lines.push('', `**Remediation:** ${escapeMarkdown(i.remediation)}`);
    if (i.exception) lines.push('', `**Accepted:** ${escapeMarkdown(i.exception.id)} by ${escapeMarkdown(i.exception.approver)} until ${escapeMarkdown(i.exception.expires)}: ${escapeMarkdown(i.exception.justification)}`);
    if (i.response) lines.push('', `**Management response:** ${responseText(i)}`);
  }
  if (plan.unmatchedResponses.length) {
    lines.push('', '### Responses that match no item', '', ...plan.unmatchedResponses.map((r) => `- ${escapeMarkdown(r.target)} by ${escapeMarkdown(r.by)}`));
  }
  return lines;
}

function changesSummarySection(view: ReportView, title: string): string[] {
  const c = view.changesSummary;
  if (!c) return [`## ${title}`, '', 'No previous assessment was given (assess --previous), so there is nothing to compare.'];
  const lines = [`## ${title}`, '', escapeMarkdown(c.sentence)];
  if (c.regressed.length) {
    lines.push('', '**Controls that regressed:**', '', ...c.regressed.map((x) => `- ${escapeMarkdown(x.id)} ${escapeMarkdown(x.title)}: ${x.from.label} → ${x.to.label}`),
      ...(c.regressedMore ? [`- and ${c.regressedMore} more`] : []));
  }
  if (c.newFindings.length) {
    lines.push('', '**New findings:**', '', ...c.newFindings.map((f) => `- ${f.severity.label}: ${escapeMarkdown(f.message)} (${escapeMarkdown(f.where)})`),
      ...(c.newFindingsMore ? [`- and ${c.newFindingsMore} more`] : []));
  }
  return lines;
}

function requirementMatrixSection(view: ReportView, title: string): string[] {
  const lines = [`## ${title}`];
  for (const f of view.requirementMatrix.frameworks) {
    const rows = f.rows.map((r) => [escapeMarkdown(r.id), escapeMarkdown(r.title), `${r.status.label}${r.attested ? ' (attested)' : ''}`, r.controls.map((c) => escapeMarkdown(c.id)).join(', ')]);
    const oos = f.outOfScope.map((g) => [escapeMarkdown(g.ids), String(g.count), escapeMarkdown(g.reason)]);
    lines.push('', `### ${escapeMarkdown(f.title)}`, '',
      ...details(`${plural(f.rows.length, 'requirement')} in scope`, rows.length ? table(['Requirement', 'Title', 'Outcome', 'Controls'], rows) : ['None in scope.']),
      ...(oos.length ? ['', ...table(['Out of scope', 'Requirements', 'Reason'], oos)] : []));
  }
  return lines;
}

function catalogSection(view: ReportView, title: string): string[] {
  const rows = view.controls.list.map((c) => [
    escapeMarkdown(c.id), escapeMarkdown(c.title), c.status.label, c.severity.label, escapeMarkdown(c.objective ?? ''), escapeMarkdown(c.remediation ?? ''),
  ]);
  return [`## ${title}`, '', ...details(plural(rows.length, 'control'), table(['Control', 'Title', 'Status', 'Severity', 'Objective', 'Remediation'], rows))];
}

function evidenceIndexSection(view: ReportView, title: string): string[] {
  const rows = view.evidence.items.map((i) => [escapeMarkdown(i.id), escapeMarkdown(i.kind), escapeMarkdown(i.source), escapeMarkdown(i.sha256)]);
  return [`## ${title}`, '', `Root hash ${escapeMarkdown(view.evidence.rootHash)}: the sha256 over the sorted item hashes.`, '',
    ...details(plural(rows.length, 'evidence item'), table(['Item', 'Kind', 'Source', 'sha256'], rows))];
}

/**
 * Each section of a profile in Markdown (sections, not pages: no contents, the reader's viewer has one).
 * Sections that were in report.md before profiles keep their own headings.
 */
const MARKDOWN_SECTIONS: Record<ReportSection, (a: Assessment, view: ReportView, title: string) => string[]> = {
  cover: (a) => header(a),
  'document-control': (_a, view, title) => documentControlSection(view, title),
  contents: () => [],
  'executive-summary': (a) => frameworksSection(a),
  boundary: (a, view) => [...boundarySection(a, view.present['scope-and-method']), ...withBlank(sourcesNotReadSection(a))],
  'top-risks': (_a, view, title) => topRisksSection(view, title),
  'plan-summary': (_a, view, title) => planSummarySection(view, title),
  exceptions: (a) => exceptionsSection(a),
  'changes-summary': (_a, view, title) => changesSummarySection(view, title),
  'scope-and-method': () => [],
  'requirements-attention': (a) => requirementsSection(a),
  plan: (_a, view, title) => planSection(view, title),
  frameworks: (a) => requirementsSection(a),
  controls: (a) => controlsSection(a),
  findings: (a) => findingsSection(a),
  attestations: (a) => attestationsSection(a),
  'risk-register': (a) => riskSection(a),
  changes: (a) => [...(a.changes ? changesSection(a.changes) : []), ...withBlank(a.history && a.history.length > 0 ? trendSection(a, a.history) : [])],
  'requirement-matrix': (_a, view, title) => requirementMatrixSection(view, title),
  'catalog-cards': (_a, view, title) => catalogSection(view, title),
  'evidence-index': (_a, view, title) => evidenceIndexSection(view, title),
};

const withBlank = (lines: string[]) => (lines.length ? ['', ...lines] : []);

/** report.md: the sections of the profile, in order. The same bytes for the same assessment (no clock, no randomness). */
export function renderMarkdown(a: Assessment, profile: ReportProfile = DEFAULT_PROFILE): string {
  const view = buildView(a, 'A4', profile);
  const marking = markingLine(a.document);
  const sections = [
    marking ? [marking] : [],
    ...view.sections.map((section) => MARKDOWN_SECTIONS[section.id](a, view, section.title)),
    marking ? [marking] : [],
  ];
  return `${sections.filter((lines) => lines.length > 0).map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

export const markdownReporter: Reporter = {
  format: 'md',
  files: ['report.md'],
  async render(assessment, options) {
    return [{ name: 'report.md', content: renderMarkdown(assessment, options.profile ?? DEFAULT_PROFILE) }];
  },
};

/** `mcp-comply drift --format md`, for a pull-request comment: the verdict, what fails it, then every change. */
/** The drift's verdict in one Markdown line: this report's and the check run summary's. */
export function driftVerdict(drift: Pick<Drift, 'failed' | 'regressions' | 'failing' | 'failOn'>): string {
  const { controls, requirements } = drift.regressions;
  return drift.failed
    ? `**Drift fails the gate:** ${plural(controls.length, 'control')} and ${plural(requirements.length, 'requirement')} regressed; `
      + `${plural(drift.failing.length, 'new finding')} at or above ${escapeMarkdown(drift.failOn)} without a live exception.`
    : `**No drift that fails the gate** (at or above ${escapeMarkdown(drift.failOn)}).`;
}

export function renderDriftMarkdown(drift: Drift): string {
  const lines = ['# MCP control drift', '', driftVerdict(drift)];
  if (drift.failing.length > 0) lines.push('', `## New findings that fail (${drift.failing.length})`, '', ...table(['Severity', 'Location', 'Check', 'Message', 'Exception'], findingRefRows(drift.failing)));
  if (drift.listed.length > 0) lines.push('', `New findings below the threshold or accepted: ${drift.listed.length} (listed under the changes).`);
  lines.push('', ...changesSection(drift.changes));
  return `${lines.join('\n')}\n`;
}
