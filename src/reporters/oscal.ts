/**
 * OSCAL reporter: assessment-results.oscal.json, the assessment as a NIST OSCAL 1.1.3 Assessment
 * Results document for GRC platforms and OSCAL tooling (compliance-trestle, FedRAMP automation).
 *
 * The model, in one `results[]` entry:
 * - `findings[]`: one per control. Its objective `<control>_obj` is `satisfied` only when the control
 *   passed or is attested; every other status is `not-satisfied`, with the real status in
 *   `status.reason` and in the `mcp-comply-status` property. An exception sits beside the status
 *   (properties and remarks), never in place of it.
 * - `observations[]`: one per evidence item (EXAMINE), one per check (TEST) and one per failing check
 *   result (TEST, type `finding`), each finding pointing at the observations its status rests on.
 * - `risks[]`: the risk register, one per threat; failing results are not repeated as risks.
 *
 * Everything read from the assessment is untrusted. JSON.stringify escapes it for JSON; OSCAL's
 * markup-line and markup-multiline fields (titles, descriptions, remarks, statements) are Markdown, so
 * untrusted text goes there only through markdownLiteral(), and properties and tokens only through
 * propValue() and token().
 */
import type { Assessment, AssessmentCheck, AssessmentControl, AssessmentRisk, ControlStatus, ExceptionNote, Finding } from '../engine/assessment.js';
import { canonicalJson, sha256Hex } from '../lib/canonical-json.js';
import { CONTROL_STATUS_LABEL, dateOf, locationText, percent } from './labels.js';
import type { Reporter } from './types.js';

/** The OSCAL version of the vendored schema (test/fixtures/schemas/oscal_assessment-results_schema.json). */
export const OSCAL_VERSION = '1.1.3';
/** Namespace of the properties and risk facets that OSCAL itself does not define. */
export const OSCAL_NS = 'https://github.com/mcp-comply/ns/oscal';

/** The only control statuses that satisfy a control objective: missing evidence is never a pass. */
const SATISFIED: ReadonlySet<string> = new Set<ControlStatus>(['pass', 'attested']);

export interface OscalProp { name: string; value: string; ns?: string; class?: string }
interface OscalRelevantEvidence { description: string; props?: OscalProp[] }
interface OscalOrigin { actors: Array<{ type: 'tool'; 'actor-uuid': string }> }

export interface OscalObservation {
  uuid: string;
  title: string;
  description: string;
  props?: OscalProp[];
  methods: Array<'EXAMINE' | 'TEST'>;
  types?: string[];
  origins: OscalOrigin[];
  'relevant-evidence'?: OscalRelevantEvidence[];
  collected: string;
  remarks?: string;
}

export interface OscalFinding {
  uuid: string;
  title: string;
  description: string;
  props?: OscalProp[];
  origins: OscalOrigin[];
  target: {
    type: 'objective-id';
    'target-id': string;
    description?: string;
    status: { state: 'satisfied' | 'not-satisfied'; reason: string };
    'implementation-status'?: { state: string };
  };
  'related-observations'?: Array<{ 'observation-uuid': string }>;
  'related-risks'?: Array<{ 'risk-uuid': string }>;
  remarks?: string;
}

export interface OscalRisk {
  uuid: string;
  title: string;
  description: string;
  statement: string;
  props?: OscalProp[];
  status: 'open';
  characterizations?: Array<{ origin: OscalOrigin; facets: Array<{ name: string; system: string; value: string }> }>;
}

export interface OscalAssessmentResults {
  'assessment-results': {
    uuid: string;
    metadata: {
      title: string;
      'last-modified': string;
      version: string;
      'oscal-version': string;
      props?: OscalProp[];
      roles?: Array<{ id: string; title: string }>;
      parties?: Array<{ uuid: string; type: 'organization'; name: string }>;
      'responsible-parties'?: Array<{ 'role-id': string; 'party-uuids': string[] }>;
    };
    'import-ap': { href: string; remarks: string };
    results: Array<{
      uuid: string;
      title: string;
      description: string;
      start: string;
      end: string;
      props?: OscalProp[];
      'local-definitions': {
        'assessment-assets': {
          components: Array<{
            uuid: string; type: 'software'; title: string; description: string; props?: OscalProp[]; status: { state: 'operational' };
          }>;
          'assessment-platforms': Array<{ uuid: string; title: string; 'uses-components': Array<{ 'component-uuid': string }> }>;
        };
      };
      'reviewed-controls': { 'control-selections': Array<{ description: string; 'include-controls'?: Array<{ 'control-id': string }> }> };
      observations?: OscalObservation[];
      risks?: OscalRisk[];
      findings?: OscalFinding[];
      remarks: string;
    }>;
  };
}

// Markdown punctuation is backslash-escaped, which CommonMark shows as the character itself: the text
// reads exactly as written but can never become a link, an image, HTML, an entity, emphasis or code.
// With `[` escaped no link or image can open, so `(`, `)` and `!` stay as they are. `:` only before
// `//`, because GitHub autolinks `http://...` in raw text whatever the escapes.
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]#|~^$&<>]|:(?=\/\/)/g;
// `-`, `+` and `=` open a list, a rule or a setext heading only at the start of a line, as `1.` and `1)` open an ordered list.
const LINE_START_MARKER = /^([ \t]*)([-+=])/gm;
const ORDERED_LIST_MARKER = /^([ \t]*\d+)([.)])/gm;

/**
 * Untrusted text for a markup-multiline field: every character kept (line breaks too), every Markdown
 * marker escaped. Unlike the Markdown report's escapeMarkdown() it drops nothing: OSCAL is a record,
 * and removing the backslashes gives back the exact text.
 */
export function markdownLiteral(text: string): string {
  return text
    .replace(MARKDOWN_PUNCTUATION, (char) => `\\${char}`)
    .replace(LINE_START_MARKER, '$1\\$2')
    .replace(ORDERED_LIST_MARKER, '$1\\$2');
}

/** Untrusted text for a markup-line field (titles): one line, escaped. */
function markdownLine(text: string): string {
  return markdownLiteral(oneLine(text));
}

function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** A value for OSCAL's StringDatatype (non-empty, one line, no outer whitespace); undefined when nothing is left. */
function propValue(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const line = oneLine(String(value));
  return line === '' ? undefined : line;
}

/** An OSCAL token (XML NCName): lower-case, anything but letters, digits, `.`, `-` and `_` made `-`. */
export function token(text: string): string {
  const name = text.toLowerCase().replace(/[^\p{L}\p{N}._-]+/gu, '-');
  return /^[\p{L}_]/u.test(name) ? name : `_${name}`;
}

/** The OSCAL objective a control's finding targets, e.g. `mcp-ac-01_obj`. */
export function objectiveId(controlId: string): string {
  return `${token(controlId)}_obj`;
}

/** A namespaced property, left out when its value is empty. */
function prop(name: string, value: string | number | undefined, cls?: string): OscalProp | undefined {
  const text = propValue(value);
  if (text === undefined) return undefined;
  return cls === undefined ? { name, ns: OSCAL_NS, value: text } : { name, ns: OSCAL_NS, value: text, class: token(cls) };
}

/** OSCAL arrays have minItems 1: an empty list is left out rather than written as []. */
function some<T>(items: Array<T | undefined>): T[] | undefined {
  const present = items.filter((item): item is T => item !== undefined);
  return present.length > 0 ? present : undefined;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * UUIDs derived from content (sha256, shaped as version 4 with the RFC 4122 variant, as the schema's
 * pattern asks): the same assessment gives the same bytes, and each subject keeps its UUID.
 */
class UuidSource {
  private readonly used = new Set<string>();
  constructor(private readonly seed: string) {}

  /** The UUID of a subject; a repeated key (a duplicated id in a hand-edited file) still gets a UUID of its own. */
  next(kind: string, key: string): string {
    let name = `${kind}\u0000${key}`;
    for (let n = 2; this.used.has(name); n++) name = `${kind}\u0000${key}\u0000${n}`;
    this.used.add(name);
    const hex = sha256Hex(`${this.seed}\u0000${name}`);
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/** The report label of a control or check status (they share pass, fail, not_observed and error); an unknown one as it is. */
function statusLabel(status: string): string {
  return Object.hasOwn(CONTROL_STATUS_LABEL, status) ? CONTROL_STATUS_LABEL[status as ControlStatus] : status;
}

function exceptionText(note: ExceptionNote, state: 'live' | 'expired'): string {
  const ticket = note.ticket ? `, ticket ${note.ticket}` : '';
  const head = state === 'live'
    ? `Accepted by exception ${note.id} (approved by ${note.approver}, until ${note.expires}${ticket})`
    : `Exception ${note.id} expired on ${note.expires} and no longer applies (approved by ${note.approver}${ticket})`;
  return `${head}: ${note.justification}`;
}

function exceptionProps(note: ExceptionNote | undefined, state: 'live' | 'expired'): Array<OscalProp | undefined> {
  if (!note) return [];
  return [prop('exception-id', note.id, state), prop('exception-expires', note.expires, state), prop('exception-ticket', note.ticket, state)];
}

interface FrameworkRef { ref: string; relationship?: string }

/** `framework:requirement` for every requirement each control is mapped to, with the mapping's relationship. */
function frameworkRefs(assessment: Assessment): Map<string, FrameworkRef[]> {
  const refs = new Map<string, FrameworkRef[]>();
  const add = (controlId: string, ref: FrameworkRef) => {
    const list = refs.get(controlId) ?? [];
    if (!list.some((r) => r.ref === ref.ref)) list.push(ref);
    refs.set(controlId, list);
  };
  for (const framework of assessment.frameworks) {
    for (const requirement of framework.requirements) {
      const ref = `${framework.id}:${requirement.id}`;
      // `controls` carries the relationship; files older than schema 1.2 may only have controlIds.
      for (const c of requirement.controls ?? []) add(c.id, { ref, relationship: c.relationship });
      for (const id of requirement.controlIds) add(id, { ref });
    }
  }
  return refs;
}

/** The Assessment Results document for one assessment. */
export function toOscal(assessment: Assessment): OscalAssessmentResults {
  const uuids = new UuidSource(sha256Hex(canonicalJson(assessment)));
  const at = assessment.generatedAt;
  const when = (time: string | undefined) => (time !== undefined && DATE_TIME.test(time) ? time : at);
  const organization = propValue(assessment.scope.organization);
  const tool = `${assessment.tool.name} ${assessment.tool.version}`;

  const documentUuid = uuids.next('document', '');
  const partyUuid = uuids.next('party', organization ?? '');
  const componentUuid = uuids.next('component', assessment.tool.name);
  const platformUuid = uuids.next('assessment-platform', tool);
  const origins: OscalOrigin[] = [{ actors: [{ type: 'tool', 'actor-uuid': componentUuid }] }];

  // Evidence items, one observation each.
  const evidenceById = new Map(assessment.evidence.items.map((item) => [item.id, item]));
  const evidenceObservation = new Map<string, string>();
  const evidenceObservations: OscalObservation[] = assessment.evidence.items.map((item) => {
    const uuid = uuids.next('evidence', item.id);
    if (!evidenceObservation.has(item.id)) evidenceObservation.set(item.id, uuid);
    return {
      uuid,
      title: `Evidence ${markdownLine(item.id)}`,
      description: `${markdownLiteral(item.kind)} evidence collected by the ${markdownLiteral(item.collector)} collector from ${markdownLiteral(item.source)}.`,
      props: some([prop('evidence-kind', item.kind), prop('collector', item.collector)]),
      methods: ['EXAMINE'],
      origins,
      'relevant-evidence': [evidenceReference(item.id, item.sha256)],
      collected: when(item.collectedAt),
    };
  });

  function evidenceReference(id: string, sha256: string | undefined): OscalRelevantEvidence {
    const hash = sha256 ? `, sha256 ${markdownLiteral(sha256)}` : '';
    return {
      description: `Item ${markdownLiteral(id)} of the evidence bundle (evidence/manifest.json beside assessment.json)${hash}.`,
      props: some([prop('evidence-id', id), prop('sha256', sha256)]),
    };
  }

  function evidenceOf(results: ReadonlyArray<{ evidenceId: string }>): OscalRelevantEvidence[] | undefined {
    const ids = [...new Set(results.map((r) => r.evidenceId))];
    return some(ids.map((id) => evidenceReference(id, evidenceById.get(id)?.sha256)));
  }

  // Checks, one observation each: what was tested and how it came out.
  const checkObservation = new Map<string, string>();
  const checkObservations: OscalObservation[] = assessment.checks.map((check: AssessmentCheck) => {
    const uuid = uuids.next('check', check.id);
    if (!checkObservation.has(check.id)) checkObservation.set(check.id, uuid);
    const failed = check.results.filter((r) => r.status === 'fail').length;
    const reason = check.reason ? `: ${markdownLiteral(check.reason)}` : '';
    return {
      uuid,
      title: `Check ${markdownLine(check.id)}`,
      description: `${markdownLiteral(check.title)}. Status: ${markdownLiteral(statusLabel(check.status))}${reason}. `
        + `${check.results.length} result(s), ${failed} failing.`,
      props: some([prop('check-id', check.id), prop('check-status', check.status), prop('severity', check.severity)]),
      methods: ['TEST'],
      origins,
      'relevant-evidence': evidenceOf(check.results),
      collected: at,
      remarks: check.remediation ? `Remediation: ${markdownLiteral(check.remediation)}` : undefined,
    };
  });

  // Failing check results (assessment findings), one observation each, exception beside it.
  const findingObservations: Array<{ finding: Finding; observation: OscalObservation }> = assessment.findings.map((finding) => {
    const uuid = uuids.next('check-result', `${finding.checkId}\u0000${finding.fingerprint}`);
    const where = locationText(finding.location);
    const server = finding.server !== undefined ? ` (server ${markdownLiteral(finding.server)})` : '';
    const notes = [
      finding.exception ? `${markdownLiteral(exceptionText(finding.exception, 'live'))}. The result still counts as failing.` : undefined,
      finding.expiredException ? `${markdownLiteral(exceptionText(finding.expiredException, 'expired'))}.` : undefined,
    ].filter((n) => n !== undefined);
    const observation: OscalObservation = {
      uuid,
      title: `${markdownLine(finding.checkId)} at ${markdownLine(where)}`,
      description: `${markdownLiteral(finding.message)}\n\nLocation: ${markdownLiteral(where)}${server}.`,
      props: some([
        prop('check-id', finding.checkId), prop('severity', finding.severity), prop('fingerprint', finding.fingerprint),
        prop('location', where), prop('server', finding.server),
        ...exceptionProps(finding.exception, 'live'), ...exceptionProps(finding.expiredException, 'expired'),
      ]),
      methods: ['TEST'],
      types: ['finding'],
      origins,
      'relevant-evidence': [evidenceReference(finding.evidenceId, evidenceById.get(finding.evidenceId)?.sha256)],
      collected: when(evidenceById.get(finding.evidenceId)?.collectedAt),
      remarks: notes.length > 0 ? notes.join('\n\n') : undefined,
    };
    return { finding, observation };
  });

  // The risk register, one risk per threat.
  const riskUuid = new Map<string, string>();
  const risks: OscalRisk[] = assessment.risks.map((risk: AssessmentRisk) => {
    const uuid = uuids.next('risk', risk.threatId);
    if (!riskUuid.has(risk.threatId)) riskUuid.set(risk.threatId, uuid);
    const facets = [
      ['likelihood', risk.likelihood], ['impact', risk.impact], ['inherent-risk', risk.inherent], ['inherent-band', risk.band?.inherent],
      ['residual-likelihood', risk.residualLikelihood], ['residual-risk', risk.residual], ['residual-band', risk.band?.residual],
      ['mitigation', risk.mitigation],
    ] as const;
    const present = facets.flatMap(([name, value]) => {
      const text = propValue(value);
      return text === undefined ? [] : [{ name, system: OSCAL_NS, value: text }];
    });
    return {
      uuid,
      title: `${markdownLine(risk.threatId)}: ${markdownLine(risk.title)}`,
      description: risk.reason ? markdownLiteral(risk.reason) : 'No reason is recorded for this risk.',
      statement: riskStatement(risk),
      props: some([prop('threat-id', risk.threatId)]),
      status: 'open',
      characterizations: present.length > 0 ? [{ origin: origins[0]!, facets: present }] : undefined,
    };
  });

  // One finding per control.
  const refs = frameworkRefs(assessment);
  const checksById = new Map(assessment.checks.map((check) => [check.id, check]));
  const findings: OscalFinding[] = assessment.controls.map((control: AssessmentControl) => {
    const satisfied = SATISFIED.has(control.status);
    const controlChecks = (control.checks ?? []).map((c) => checksById.get(c.id)).filter((c) => c !== undefined);
    // The attestations collector names its items `attestation:<control>:<evidence file>`.
    const attestationEvidence = control.attestation ? [`attestation:${control.id}:${control.attestation.evidence}`] : [];
    const observationUuids = [
      ...controlChecks.map((check) => checkObservation.get(check.id)),
      ...findingObservations.filter(({ finding }) => finding.controlIds.includes(control.id)).map(({ observation }) => observation.uuid),
      ...controlChecks.flatMap((check) => check.results.map((r) => evidenceObservation.get(r.evidenceId))),
      ...attestationEvidence.map((id) => evidenceObservation.get(id)),
    ];
    const relatedRisks = assessment.risks.filter((risk) => risk.controlIds.includes(control.id)).map((risk) => riskUuid.get(risk.threatId));
    const attestation = control.attestation;
    const remarks = [
      control.exception ? `${markdownLiteral(exceptionText(control.exception, 'live'))}. The status above is unchanged by it.` : undefined,
      attestation
        ? `Attestation by ${markdownLiteral(attestation.attestedBy)} dated ${markdownLiteral(attestation.date)}, valid until `
          + `${markdownLiteral(attestation.validUntil)} (${markdownLiteral(attestation.state)}), evidence ${markdownLiteral(attestation.evidence)}.`
        : undefined,
      !satisfied && control.remediation ? `Remediation: ${markdownLiteral(control.remediation)}` : undefined,
      !satisfied && control.status === 'manual' && control.expectedEvidence?.length
        ? `Evidence an auditor accepts: ${control.expectedEvidence.map(markdownLiteral).join('; ')}`
        : undefined,
    ].filter((r) => r !== undefined);
    return {
      uuid: uuids.next('finding', control.id),
      title: `${markdownLine(control.id)}: ${markdownLine(control.title)}`,
      description: `${markdownLiteral(statusLabel(control.status))}: ${markdownLiteral(control.reason)}`,
      props: some([
        prop('mcp-comply-status', control.status), prop('severity', control.severity),
        prop('likelihood', control.risk?.likelihood), prop('impact', control.risk?.impact),
        prop('inherent-risk', control.risk?.inherent), prop('residual-risk', control.risk?.residual),
        ...(refs.get(control.id) ?? []).map((r) => prop('framework-ref', r.ref, r.relationship)),
        ...exceptionProps(control.exception, 'live'),
        prop('attestation-state', attestation?.state), prop('attestation-valid-until', attestation?.validUntil),
        prop('attestation-sha256', attestation?.sha256),
      ]),
      origins,
      target: {
        type: 'objective-id',
        'target-id': objectiveId(control.id),
        description: control.objective ? markdownLiteral(control.objective) : undefined,
        status: { state: satisfied ? 'satisfied' : 'not-satisfied', reason: token(control.status) },
        'implementation-status': control.status === 'not_applicable' ? { state: 'not-applicable' } : undefined,
      },
      'related-observations': some([...new Set(observationUuids)].map((uuid) => (uuid ? { 'observation-uuid': uuid } : undefined))),
      'related-risks': some([...new Set(relatedRisks)].map((uuid) => (uuid ? { 'risk-uuid': uuid } : undefined))),
      remarks: remarks.length > 0 ? remarks.join('\n\n') : undefined,
    };
  });

  const observations = [...evidenceObservations, ...checkObservations, ...findingObservations.map(({ observation }) => observation)];
  const date = dateOf(at);
  const scopeText = assessment.scope.frameworks.length > 0 ? markdownLiteral(assessment.scope.frameworks.join(', ')) : 'no framework';

  return withoutUndefined({
    'assessment-results': {
      uuid: documentUuid,
      metadata: {
        title: organization
          ? `MCP compliance assessment of ${markdownLiteral(organization)} (${markdownLiteral(date)})`
          : `MCP compliance assessment (${markdownLiteral(date)})`,
        'last-modified': at,
        // Each run is its own document: its time tells revisions apart.
        version: at,
        'oscal-version': OSCAL_VERSION,
        props: some([prop('tool', tool), prop('assessment-schema-version', assessment.schemaVersion)]),
        ...(organization
          ? {
              roles: [{ id: 'prepared-for', title: 'Prepared For' }],
              parties: [{ uuid: partyUuid, type: 'organization' as const, name: organization }],
              'responsible-parties': [{ 'role-id': 'prepared-for', 'party-uuids': [partyUuid] }],
            }
          : {}),
      },
      'import-ap': {
        href: '#',
        remarks: 'No OSCAL assessment plan exists for this assessment: mcp-comply assesses against its control catalog and '
          + 'framework mappings, so this href is a placeholder fragment.',
      },
      results: [{
        uuid: uuids.next('result', ''),
        title: `Automated assessment of the MCP server estate (${markdownLiteral(date)})`,
        description: `Evidence collected and checks run by ${markdownLiteral(tool)} against ${scopeText}. `
          + `Controls: ${assessment.controls.length}; checks: ${assessment.checks.length}; `
          + `failing check results: ${assessment.findings.length}; evidence items: ${assessment.evidence.items.length}.`,
        start: at,
        end: at,
        props: some([
          prop('evidence-root-hash', assessment.evidence.rootHash), prop('fail-on', assessment.summary.failOn),
          prop('failed', String(assessment.summary.failed)),
        ]),
        'local-definitions': {
          'assessment-assets': {
            components: [{
              uuid: componentUuid,
              type: 'software',
              title: markdownLine(assessment.tool.name),
              description: 'The tool that collected the evidence, ran the checks and rolled them up into controls.',
              props: some([prop('version', assessment.tool.version)]),
              status: { state: 'operational' },
            }],
            'assessment-platforms': [{ uuid: platformUuid, title: markdownLine(tool), 'uses-components': [{ 'component-uuid': componentUuid }] }],
          },
        },
        'reviewed-controls': {
          'control-selections': [{
            description: 'Every control of the mcp-comply catalog in this assessment.',
            'include-controls': some(assessment.controls.map((control) => ({ 'control-id': token(control.id) }))),
          }],
        },
        observations: some(observations),
        risks: some(risks),
        findings: some(findings),
        remarks: resultRemarks(assessment, evidenceObservations.length, checkObservations.length, findingObservations.length),
      }],
    },
  });
}

/**
 * Optional fields are built as `undefined` and dropped here, so the object returned is exactly the
 * JSON written (and compares equal to it).
 */
function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)]),
  ) as T;
}

function riskStatement(risk: AssessmentRisk): string {
  const inherent = `Inherent risk ${risk.inherent} of 25${risk.band ? ` (${markdownLiteral(risk.band.inherent)})` : ''}`
    + (risk.likelihood !== undefined ? `: likelihood ${risk.likelihood} x impact ${risk.impact}` : '');
  const residual = `residual risk ${risk.residual} of 25${risk.band ? ` (${markdownLiteral(risk.band.residual)})` : ''}`
    + (risk.residualLikelihood !== undefined ? `: likelihood ${risk.residualLikelihood} x impact ${risk.impact}` : '');
  const credited = risk.mitigation !== undefined ? `, with ${percent(risk.mitigation)} of its mitigating controls credited` : '';
  return `${inherent}; ${residual}${credited}.`;
}

function resultRemarks(assessment: Assessment, evidence: number, checks: number, failing: number): string {
  const lines = [
    `Findings: one per control (${assessment.controls.length}). A control objective is satisfied only when the control passed `
      + 'or is attested; every other status (fail, error, stale, not observed, manual, not applicable) is not satisfied, with the '
      + `status in status.reason and in the mcp-comply-status property (namespace ${OSCAL_NS}). Exceptions are recorded beside a `
      + 'status, never in place of it.',
    `Observations: ${evidence} evidence items (EXAMINE), ${checks} checks (TEST) and ${failing} failing check results (TEST, type finding).`,
    `Risks: ${assessment.risks.length}, one per threat of the risk register; failing check results are not repeated as risks.`,
  ];
  const register = assessment.exceptions ?? [];
  if (register.length > 0) {
    const entries = register.map((e) => `${markdownLiteral(e.id)} on ${markdownLiteral(e.target)} (${markdownLiteral(e.status)}, `
      + `expires ${markdownLiteral(e.expires)}, matched findings: ${e.matchedFindings})`);
    lines.push(`Exceptions register: ${entries.join('; ')}.`);
  }
  return lines.join('\n\n');
}

export const oscalReporter: Reporter = {
  format: 'oscal',
  files: ['assessment-results.oscal.json'],
  async render(assessment) {
    return [{ name: 'assessment-results.oscal.json', content: `${JSON.stringify(toOscal(assessment), null, 2)}\n` }];
  },
};
