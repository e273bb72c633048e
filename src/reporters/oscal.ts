/**
 * OSCAL reporter: assessment-results.oscal.json, the assessment as a NIST OSCAL 1.1.3 Assessment
 * Results document for GRC platforms and OSCAL tooling (compliance-trestle, FedRAMP automation), and
 * poam.oscal.json, its remediation plan as a Plan of Action and Milestones (./oscal/poam.ts). What
 * the documents share is in ./oscal/common.ts.
 *
 * The model, in one `results[]` entry:
 * - `findings[]`: only where the assessment decided a control objective. OSCAL has two objective
 *   states, and a POA&M pipeline turns every `not-satisfied` finding into a weakness, so:
 *   - `pass` and `attested`: `<control>_obj` is `satisfied` (reason `pass`);
 *   - `fail`: `<control>_obj` is `not-satisfied` (reason `fail`), the one status that shows a deficiency;
 *   - `partial`: the sub-objective `<control>_obj.automated` (the part its checks decide) is
 *     `satisfied`; the whole objective gets no finding, so nothing reads as a pass while the manual
 *     part (`<control>_obj.manual`) is outstanding;
 *   - `not_observed`, `manual`, `error`, `stale`, `not_applicable`: no finding. Nothing was shown
 *     either way (a stale attestation is evidence that has aged out, not a deficiency shown), so
 *     they are observations of type `control-objective` instead, as is the manual part of a partial
 *     control: what is outstanding, never a weakness.
 *   The real status is always in the `mcp-comply-status` property; an exception sits beside it
 *   (properties and remarks), never in place of it.
 * - `observations[]`: one per evidence item (EXAMINE), one per check (TEST), one per failing check
 *   result (TEST, type `finding`) and one per undecided objective (type `control-objective`). An
 *   observation about MCP servers names them as its `subjects`.
 * - `local-definitions.inventory-items[]`: the MCP servers of the inventory, one per configuration entry.
 * - `risks[]`: the risk register, one per threat, in OSCAL's own fields: `threat-ids` (the catalog's
 *   T01..T12 under THREAT_SYSTEM), `characterizations` (inherent and residual likelihood, impact,
 *   score and band), `mitigating-factors` (the controls credited), `remediations` and `status`.
 * - `import-ap`: `#<uuid>` of a back-matter resource that carries the assessment plan (base64 JSON,
 *   valid against the OSCAL 1.1.3 assessment-plan schema): the controls reviewed, their objectives
 *   and sub-objectives (which the findings' target ids resolve to), the subjects and the tool. Embedded
 *   rather than written beside, so the reference resolves wherever the one document goes (stdout,
 *   `--output FILE`, an upload to a GRC platform).
 *
 * Everything read from the assessment is untrusted. JSON.stringify escapes it for JSON; OSCAL's
 * markup-line and markup-multiline fields (titles, descriptions, remarks, statements, prose) are
 * Markdown, so untrusted text goes there only through markdownLiteral(), and properties and tokens
 * only through propValue() and token().
 */
import type {
  Assessment, AssessmentCheck, AssessmentControl, AssessmentRisk, ControlStatus, Finding,
} from '../engine/assessment.js';
import { sha256Hex } from '../lib/canonical-json.js';
import { CONTROL_STATUS_LABEL, dateOf, locationText, percent } from './labels.js';
import type { Reporter } from './types.js';
import {
  DATE_TIME, OSCAL_NS, THREAT_SYSTEM, boundaryResourceOf, commonOf, exceptionProps, exceptionText, importSspOf, markdownLine,
  markdownLiteral, metadataOf, prop, propValue, serverInventory, some, threatIdOf, token, uniqueSubjects, withoutUndefined,
  type OscalAssessmentAssets, type OscalBackMatterResource, type OscalControlSelection, type OscalInventoryItem, type OscalMetadata,
  type OscalObservation, type OscalOrigin, type OscalProp, type OscalRelevantEvidence,
} from './oscal/common.js';
import { POAM_FILE, poamJson } from './oscal/poam.js';

// What tests and other OSCAL writers take from here.
export { OSCAL_NS, OSCAL_VERSION, THREAT_SYSTEM, markdownLiteral, token } from './oscal/common.js';
export type { OscalInventoryItem, OscalObservation, OscalProp, OscalSubject } from './oscal/common.js';

/** Name of the assessment plan carried in the back matter (its base64 `filename`). */
export const PLAN_FILE = 'assessment-plan.oscal.json';

/** The control statuses that satisfy a whole control objective: missing evidence is never a pass. */
const SATISFIED: ReadonlySet<ControlStatus> = new Set<ControlStatus>(['pass', 'attested']);

/**
 * The objective state each control status gives its finding; `undefined`: no finding, an observation
 * of type `control-objective` instead (the module comment says why). `partial` is the state of the
 * automated sub-objective only.
 */
export const FINDING_STATE: Readonly<Record<ControlStatus, 'satisfied' | 'not-satisfied' | undefined>> = {
  pass: 'satisfied',
  attested: 'satisfied',
  partial: 'satisfied',
  fail: 'not-satisfied',
  not_observed: undefined,
  manual: undefined,
  error: undefined,
  stale: undefined,
  not_applicable: undefined,
};

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
    status: { state: 'satisfied' | 'not-satisfied'; reason: 'pass' | 'fail' };
  };
  'related-observations'?: Array<{ 'observation-uuid': string }>;
  'related-risks'?: Array<{ 'risk-uuid': string }>;
  remarks?: string;
}

interface OscalFacet { name: string; system: string; value: string }
export type OscalRiskStatus = 'open' | 'investigating' | 'deviation-approved' | 'closed';

export interface OscalRisk {
  uuid: string;
  title: string;
  description: string;
  statement: string;
  props?: OscalProp[];
  status: OscalRiskStatus;
  origins: OscalOrigin[];
  'threat-ids': Array<{ system: string; id: string }>;
  characterizations: Array<{ props: OscalProp[]; origin: OscalOrigin; facets: OscalFacet[] }>;
  'mitigating-factors'?: Array<{ uuid: string; description: string; props?: OscalProp[] }>;
  remediations?: Array<{ uuid: string; lifecycle: 'recommendation'; title: string; description: string; props?: OscalProp[] }>;
  'related-observations'?: Array<{ 'observation-uuid': string }>;
  remarks?: string;
}

/** An objective (or sub-objective) of a control, as the plan's local definitions state it. */
export interface OscalObjectivePart { id: string; name: 'objective'; props?: OscalProp[]; prose?: string; parts?: OscalObjectivePart[] }

export interface OscalAssessmentPlan {
  'assessment-plan': {
    uuid: string;
    metadata: OscalMetadata;
    'import-ssp': { href: string; remarks: string };
    'local-definitions'?: {
      'objectives-and-methods'?: Array<{ 'control-id': string; description: string; parts: OscalObjectivePart[] }>;
    };
    'reviewed-controls': { 'control-selections': OscalControlSelection[] };
    'assessment-subjects'?: Array<{ type: 'inventory-item'; description: string; 'include-all': Record<string, never> }>;
    'assessment-assets': OscalAssessmentAssets;
    'back-matter': { resources: OscalBackMatterResource[] };
  };
}

export interface OscalAssessmentResults {
  'assessment-results': {
    uuid: string;
    metadata: OscalMetadata;
    'import-ap': { href: string; remarks: string };
    results: Array<{
      uuid: string;
      title: string;
      description: string;
      start: string;
      end: string;
      props?: OscalProp[];
      'local-definitions': {
        'inventory-items'?: OscalInventoryItem[];
        'assessment-assets': OscalAssessmentAssets;
      };
      'reviewed-controls': { 'control-selections': OscalControlSelection[] };
      observations?: OscalObservation[];
      risks?: OscalRisk[];
      findings?: OscalFinding[];
      remarks: string;
    }>;
    'back-matter': { resources: OscalBackMatterResource[] };
  };
}

/** The OSCAL objective a control's finding targets, e.g. `mcp-ac-01_obj`. */
export function objectiveId(controlId: string): string {
  return `${token(controlId)}_obj`;
}

/** The report label of a control or check status (they share pass, fail, not_observed and error); an unknown one as it is. */
function statusLabel(status: string): string {
  return Object.hasOwn(CONTROL_STATUS_LABEL, status) ? CONTROL_STATUS_LABEL[status as ControlStatus] : status;
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

/** The sub-objective `part` (`automated`, `manual`) of a partly automated control, e.g. `mcp-ia-02_obj.automated`. */
export function partObjectiveId(controlId: string, part: 'automated' | 'manual'): string {
  return `${objectiveId(controlId)}.${part}`;
}

/** A control whose checks decide only part of it: its objective has an automated and a manual sub-objective. */
function hasManualPart(control: AssessmentControl): boolean {
  return control.automation === 'partial' || control.status === 'partial';
}

/** The plan's statement of a control objective; a partly automated control's splits into what the checks decide and what they leave. */
function objectiveOf(control: AssessmentControl): { 'control-id': string; description: string; parts: OscalObjectivePart[] } {
  const checks = (control.checks ?? []).map((c) => markdownLiteral(c.id)).join(', ');
  return {
    'control-id': token(control.id),
    description: `${markdownLine(control.id)}: ${markdownLine(control.title)}`,
    parts: [{
      id: objectiveId(control.id),
      name: 'objective',
      props: some([prop('automation', control.automation)]),
      prose: control.objective ? markdownLiteral(control.objective) : undefined,
      parts: hasManualPart(control)
        ? [
            { id: partObjectiveId(control.id, 'automated'), name: 'objective', prose: `The part of the objective its checks decide${checks ? ` (${checks})` : ''}.` },
            {
              id: partObjectiveId(control.id, 'manual'),
              name: 'objective',
              prose: control.manualPart ? markdownLiteral(control.manualPart) : 'The part of the objective its checks do not decide, shown by manual evidence.',
            },
          ]
        : undefined,
    }],
  };
}

/**
 * The minimal OSCAL Assessment Plan the results import: what was to be assessed (the controls and
 * their objectives, the MCP servers) and with what (the tool). mcp-comply has no OSCAL system security
 * plan to import; `import-ssp` names a back-matter resource stating the boundary instead.
 */
export function toOscalPlan(assessment: Assessment): OscalAssessmentPlan {
  const common = commonOf(assessment);
  const { uuids } = common;
  const planUuid = uuids.next('plan', '');
  const boundary = boundaryResourceOf(assessment, uuids);
  const servers = assessment.inventory?.servers ?? [];
  return withoutUndefined({
    'assessment-plan': {
      uuid: planUuid,
      metadata: metadataOf(assessment, common, 'Plan of the MCP controls assessment'),
      'import-ssp': importSspOf(boundary),
      'local-definitions': { 'objectives-and-methods': some(assessment.controls.map(objectiveOf)) },
      'reviewed-controls': { 'control-selections': common.controlSelections },
      'assessment-subjects': servers.length > 0
        ? [{
            type: 'inventory-item' as const,
            description: `The ${servers.length} MCP server entries of the client configurations, listed as inventory items in the results.`,
            'include-all': {},
          }]
        : undefined,
      'assessment-assets': common.assets,
      'back-matter': { resources: [boundary] },
    },
  });
}

/** The plan as the bytes carried in the results' back matter (and as a file of its own would be written). */
export function planJson(assessment: Assessment): string {
  return `${JSON.stringify(toOscalPlan(assessment), null, 2)}\n`;
}

/** The Assessment Results document for one assessment. */
export function toOscal(assessment: Assessment): OscalAssessmentResults {
  const common = commonOf(assessment);
  const { uuids, origins } = common;
  const at = assessment.generatedAt;
  const when = (time: string | undefined) => (time !== undefined && DATE_TIME.test(time) ? time : at);

  const documentUuid = uuids.next('document', '');
  const planResourceUuid = uuids.next('plan-resource', '');
  const metadata = metadataOf(assessment, common, 'MCP controls assessment');

  // The MCP servers, one inventory item per configuration entry: the subjects of the observations about them.
  const { servers, serverItems, subjectsOf } = serverInventory(assessment, uuids);

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
      subjects: uniqueSubjects(check.results.flatMap((r) => subjectsOf(r.server, r.location.path))),
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
      subjects: uniqueSubjects(subjectsOf(finding.server, finding.location.path)),
      'relevant-evidence': [evidenceReference(finding.evidenceId, evidenceById.get(finding.evidenceId)?.sha256)],
      collected: when(evidenceById.get(finding.evidenceId)?.collectedAt),
      remarks: notes.length > 0 ? notes.join('\n\n') : undefined,
    };
    return { finding, observation };
  });
  const failingObservationsOf = (controlIds: readonly string[]) => findingObservations
    .filter(({ finding }) => finding.controlIds.some((id) => controlIds.includes(id))).map(({ observation }) => observation.uuid);

  // The risk register, one risk per threat.
  const controlById = new Map(assessment.controls.map((control) => [control.id, control]));
  const riskUuid = new Map<string, string>();
  const risks: OscalRisk[] = assessment.risks.map((risk: AssessmentRisk) => {
    const uuid = uuids.next('risk', risk.threatId);
    if (!riskUuid.has(risk.threatId)) riskUuid.set(risk.threatId, uuid);
    const linked = risk.controls ?? risk.controlIds.map((id) => ({ id, status: controlById.get(id)?.status ?? 'error', credit: 0 }));
    const characterization = (view: 'inherent' | 'residual', values: Array<[string, string | number | undefined]>) => ({
      props: [prop('risk-view', view)!],
      origin: origins[0]!,
      facets: values.flatMap(([name, value]) => {
        const text = propValue(value);
        return text === undefined ? [] : [{ name, system: OSCAL_NS, value: text }];
      }),
    });
    const remediations = linked.flatMap((link) => {
      const control = controlById.get(link.id);
      const step = control ? remedyOf(control) : undefined;
      return step ? [{
        uuid: uuids.next('remediation', `${risk.threatId}\u0000${link.id}`),
        lifecycle: 'recommendation' as const,
        title: `${step.title} ${markdownLine(link.id)}`,
        description: step.description,
        props: some([prop('control-id', link.id), prop('mcp-comply-status', link.status)]),
      }] : [];
    });
    return {
      uuid,
      title: `${markdownLine(risk.threatId)}: ${markdownLine(risk.title)}`,
      description: risk.reason ? markdownLiteral(risk.reason) : 'No reason is recorded for this risk.',
      statement: riskStatement(risk),
      status: riskStatus(linked, controlById),
      origins,
      'threat-ids': [threatIdOf(risk.threatId)],
      characterizations: [
        characterization('inherent', [['likelihood', risk.likelihood], ['impact', risk.impact], ['score', risk.inherent], ['band', risk.band?.inherent]]),
        characterization('residual', [
          ['likelihood', risk.residualLikelihood], ['impact', risk.impact], ['score', risk.residual], ['band', risk.band?.residual],
          ['mitigation', risk.mitigation],
        ]),
      ].filter((c) => c.facets.length > 0),
      'mitigating-factors': some(linked.filter((link) => link.credit > 0).map((link) => ({
        uuid: uuids.next('mitigating-factor', `${risk.threatId}\u0000${link.id}`),
        description: `${markdownLiteral(link.id)}${controlById.get(link.id) ? ` (${markdownLine(controlById.get(link.id)!.title)})` : ''}: `
          + `${markdownLiteral(statusLabel(link.status))}, credited ${percent(link.credit)} as mitigation.`,
        props: some([prop('control-id', link.id), prop('mcp-comply-status', link.status), prop('credit', link.credit)]),
      }))),
      remediations: some(remediations),
      'related-observations': some([...new Set(failingObservationsOf(risk.controlIds))].map((id) => ({ 'observation-uuid': id }))),
    };
  });

  // Findings where a control objective was decided; observations where it was not.
  const refs = frameworkRefs(assessment);
  const checksById = new Map(assessment.checks.map((check) => [check.id, check]));
  const findings: OscalFinding[] = [];
  const objectiveObservations: OscalObservation[] = [];
  for (const control of assessment.controls) {
    const state = FINDING_STATE[control.status] as OscalFinding['target']['status']['state'] | undefined;
    const partial = control.status === 'partial';
    const attestation = control.attestation;
    const controlProps = [
      prop('mcp-comply-status', control.status), prop('automation', control.automation), prop('severity', control.severity),
      prop('likelihood', control.risk?.likelihood), prop('impact', control.risk?.impact),
      prop('inherent-risk', control.risk?.inherent), prop('residual-risk', control.risk?.residual),
      ...(refs.get(control.id) ?? []).map((r) => prop('framework-ref', r.ref, r.relationship)),
      ...exceptionProps(control.exception, 'live'),
      prop('attestation-state', attestation?.state), prop('attestation-valid-until', attestation?.validUntil),
      prop('attestation-sha256', attestation?.sha256),
    ];
    // The attestations collector names its items `attestation:<control>:<evidence file>`.
    const attestationEvidence = attestation ? [`attestation:${control.id}:${attestation.evidence}`] : [];
    const notes = [
      control.exception ? `${markdownLiteral(exceptionText(control.exception, 'live'))}. The status above is unchanged by it.` : undefined,
      attestation
        ? `Attestation by ${markdownLiteral(attestation.attestedBy)} dated ${markdownLiteral(attestation.date)}, valid until `
          + `${markdownLiteral(attestation.validUntil)} (${markdownLiteral(attestation.state)}), evidence ${markdownLiteral(attestation.evidence)}.`
        : undefined,
    ];
    const title = `${markdownLine(control.id)}: ${markdownLine(control.title)}`;
    const description = `${markdownLiteral(statusLabel(control.status))}: ${markdownLiteral(control.reason)}`;

    if (state !== undefined) {
      const controlChecks = (control.checks ?? []).map((c) => checksById.get(c.id)).filter((c) => c !== undefined);
      const observationUuids = [
        ...controlChecks.map((check) => checkObservation.get(check.id)),
        ...failingObservationsOf([control.id]),
        ...controlChecks.flatMap((check) => check.results.map((r) => evidenceObservation.get(r.evidenceId))),
        ...attestationEvidence.map((id) => evidenceObservation.get(id)),
      ];
      const relatedRisks = assessment.risks.filter((risk) => risk.controlIds.includes(control.id)).map((risk) => riskUuid.get(risk.threatId));
      const remarks = [...notes, state === 'not-satisfied' && control.remediation ? `Remediation: ${markdownLiteral(control.remediation)}` : undefined]
        .filter((r) => r !== undefined);
      findings.push({
        uuid: uuids.next('finding', control.id),
        title: partial ? `${title} (automated part)` : title,
        description,
        props: some(controlProps),
        origins,
        target: {
          type: 'objective-id',
          'target-id': partial ? partObjectiveId(control.id, 'automated') : objectiveId(control.id),
          description: control.objective ? `${partial ? 'The part its checks decide of: ' : ''}${markdownLiteral(control.objective)}` : undefined,
          status: { state, reason: state === 'satisfied' ? 'pass' : 'fail' },
        },
        'related-observations': some([...new Set(observationUuids)].map((uuid) => (uuid ? { 'observation-uuid': uuid } : undefined))),
        'related-risks': some([...new Set(relatedRisks)].map((uuid) => (uuid ? { 'risk-uuid': uuid } : undefined))),
        remarks: remarks.length > 0 ? remarks.join('\n\n') : undefined,
      });
    }
    if (state === undefined || partial) {
      const target = partial ? partObjectiveId(control.id, 'manual') : objectiveId(control.id);
      const remedy = remedyOf(control);
      const remarks = [...notes, remedy ? `${remedy.title} ${markdownLine(control.id)}: ${remedy.description}` : undefined].filter((r) => r !== undefined);
      objectiveObservations.push({
        uuid: uuids.next('objective', control.id),
        title: partial ? `${title} (manual part)` : title,
        description: partial && control.manualPart
          ? `${description}\n\nManual evidence outstanding: ${markdownLiteral(control.manualPart)}`
          : description,
        props: some([prop('objective-id', target), ...controlProps]),
        // Checks looked and could not decide (TEST); otherwise the attestations were examined and none is fresh (EXAMINE).
        methods: (control.checks ?? []).length > 0 && !partial && control.status !== 'stale' && control.status !== 'manual' ? ['TEST'] : ['EXAMINE'],
        types: ['control-objective'],
        origins,
        'relevant-evidence': some(attestationEvidence.map((id) => evidenceReference(id, evidenceById.get(id)?.sha256 ?? attestation?.sha256))),
        collected: at,
        remarks: remarks.length > 0 ? remarks.join('\n\n') : undefined,
      });
    }
  }

  const observations = [
    ...evidenceObservations, ...checkObservations, ...findingObservations.map(({ observation }) => observation), ...objectiveObservations,
  ];
  const plan = planJson(assessment);
  const date = dateOf(at);
  const scopeText = assessment.scope.frameworks.length > 0 ? markdownLiteral(assessment.scope.frameworks.join(', ')) : 'no framework';

  return withoutUndefined({
    'assessment-results': {
      uuid: documentUuid,
      metadata,
      'import-ap': {
        href: `#${planResourceUuid}`,
        remarks: `The assessment plan is the back-matter resource this href names, carried whole (base64 ${PLAN_FILE}) so the `
          + 'reference resolves wherever this document goes.',
      },
      results: [{
        uuid: uuids.next('result', ''),
        title: `Automated assessment of the MCP server estate (${markdownLiteral(date)})`,
        description: `Evidence collected and checks run by ${markdownLiteral(common.tool)} against ${scopeText}. `
          + `Controls: ${assessment.controls.length}; checks: ${assessment.checks.length}; `
          + `failing check results: ${assessment.findings.length}; evidence items: ${assessment.evidence.items.length}; `
          + `MCP server entries: ${servers.length}.`,
        start: at,
        end: at,
        props: some([
          prop('evidence-root-hash', assessment.evidence.rootHash), prop('fail-on', assessment.summary.failOn),
          prop('failed', String(assessment.summary.failed)),
        ]),
        'local-definitions': {
          'inventory-items': some(serverItems.map(({ item }) => item)),
          'assessment-assets': common.assets,
        },
        'reviewed-controls': { 'control-selections': common.controlSelections },
        observations: some(observations),
        risks: some(risks),
        findings: some(findings),
        remarks: resultRemarks(assessment, {
          findings, evidence: evidenceObservations.length, checks: checkObservations.length, failing: findingObservations.length,
          objectives: objectiveObservations.length, servers: servers.length,
        }),
      }],
      'back-matter': {
        resources: [{
          uuid: planResourceUuid,
          title: 'Assessment plan',
          description: 'The OSCAL assessment plan of this assessment: the controls reviewed and their objectives, the subjects and the tool.',
          props: some([prop('sha256', sha256Hex(plan))]),
          base64: { filename: PLAN_FILE, 'media-type': 'application/oscal+json', value: Buffer.from(plan, 'utf8').toString('base64') },
        }],
      },
    },
  });
}

/** What would settle a control not shown effective: the remediation of a failure, the evidence still missing otherwise. */
function remedyOf(control: AssessmentControl): { title: string; description: string } | undefined {
  const expected = control.expectedEvidence?.length ? control.expectedEvidence.map(markdownLiteral).join('; ') : undefined;
  switch (control.status) {
    case 'fail':
      return { title: 'Remediate', description: markdownLiteral(control.remediation ?? control.reason) };
    case 'partial':
      return { title: 'Provide the manual evidence for', description: markdownLiteral(control.manualPart ?? control.reason) };
    case 'manual':
    case 'stale':
      return { title: 'Record a fresh attestation for', description: expected ? `Evidence an auditor accepts: ${expected}` : markdownLiteral(control.reason) };
    case 'not_observed':
    case 'error':
      return { title: 'Collect the evidence for', description: markdownLiteral(control.reason) };
    default:
      return undefined;
  }
}

/**
 * A threat's state as a POA&M reads it: `open` when a mitigating control failed (a weakness shown),
 * `deviation-approved` when every failing one is under a live exception, `closed` when every mitigating
 * control in scope passed or is attested, and `investigating` while evidence is outstanding.
 */
function riskStatus(linked: ReadonlyArray<{ id: string; status: ControlStatus }>, controls: Map<string, AssessmentControl>): OscalRiskStatus {
  const failing = linked.filter((link) => link.status === 'fail');
  if (failing.length > 0) return failing.every((link) => controls.get(link.id)?.exception) ? 'deviation-approved' : 'open';
  const inScope = linked.filter((link) => link.status !== 'not_applicable');
  return inScope.length > 0 && inScope.every((link) => SATISFIED.has(link.status)) ? 'closed' : 'investigating';
}

function riskStatement(risk: AssessmentRisk): string {
  const inherent = `Inherent risk ${risk.inherent} of 25${risk.band ? ` (${markdownLiteral(risk.band.inherent)})` : ''}`
    + (risk.likelihood !== undefined ? `: likelihood ${risk.likelihood} x impact ${risk.impact}` : '');
  const residual = `residual risk ${risk.residual} of 25${risk.band ? ` (${markdownLiteral(risk.band.residual)})` : ''}`
    + (risk.residualLikelihood !== undefined ? `: likelihood ${risk.residualLikelihood} x impact ${risk.impact}` : '');
  const credited = risk.mitigation !== undefined ? `, with ${percent(risk.mitigation)} of its mitigating controls credited` : '';
  return `${inherent}; ${residual}${credited}.`;
}

interface Counts { findings: OscalFinding[]; evidence: number; checks: number; failing: number; objectives: number; servers: number }

function resultRemarks(assessment: Assessment, counts: Counts): string {
  const satisfied = counts.findings.filter((f) => f.target.status.state === 'satisfied').length;
  const lines = [
    `Findings: ${counts.findings.length}, one per control objective the assessment decided: ${satisfied} satisfied (pass, attested, `
      + `or the automated part of a partial control, whose target is ${markdownLiteral('<control>_obj.automated')}) and ${counts.findings.length - satisfied} `
      + 'not satisfied (fail: a deficiency shown). Only a failing control is not satisfied. A control without evidence either way (not '
      + 'observed, manual, error, stale attestation, not applicable) and the manual part of a partial control are not findings: each is an '
      + `observation of type control-objective (${counts.objectives}), so no weakness is read where none was shown and no pass where `
      + `manual evidence is outstanding. The real status is in the mcp-comply-status property (namespace ${OSCAL_NS}). Exceptions are `
      + 'recorded beside a status, never in place of it.',
    `Observations: ${counts.evidence} evidence items (EXAMINE), ${counts.checks} checks (TEST), ${counts.failing} failing check results `
      + `(TEST, type finding) and ${counts.objectives} undecided control objectives (type control-objective). Observations about MCP servers `
      + `name them as subjects: the ${counts.servers} inventory items of the local definitions.`,
    `Risks: ${assessment.risks.length}, one per threat of the risk register (threat-ids in ${THREAT_SYSTEM}); status open when a `
      + 'mitigating control failed, deviation-approved when every failing one is under a live exception, closed when every one in scope '
      + 'passed or is attested, investigating otherwise. Failing check results are not repeated as risks.',
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
  files: ['assessment-results.oscal.json', POAM_FILE],
  async render(assessment) {
    return [
      { name: 'assessment-results.oscal.json', content: `${JSON.stringify(toOscal(assessment), null, 2)}\n` },
      { name: POAM_FILE, content: poamJson(assessment) },
    ];
  },
};
