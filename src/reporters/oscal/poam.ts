/**
 * poam.oscal.json: the remediation plan of the assessment (assessment.plan) as a NIST OSCAL 1.1.3
 * Plan of Action and Milestones, for GRC platforms that track weaknesses (FedRAMP-style POA&M tools,
 * compliance-trestle).
 *
 * The model:
 * - `poam-items[]`: one per plan item, in plan order, with its priority, owner, first-seen and due
 *   dates, status and plan id as properties (namespace OSCAL_NS), pointing at its risk and observations.
 * - `risks[]`: one per plan item. `status` is `open` (open), `deviation-approved` (accepted under a live
 *   exception) or `closed` (resolved since the previous assessment); `deadline` the due date; `threat-ids`
 *   the catalog threats that the item's controls mitigate; `remediations` the remediation advice
 *   (`recommendation`), management's response (`planned`, with its target date as a milestone task)
 *   and, for a resolved item, its resolution (`completed`).
 * - `observations[]`: one per indicator (a finding of the root cause), with the MCP server it concerns
 *   as its subject and its evidence item. A current finding's observation has the UUID that
 *   assessment-results.oscal.json gives it, so the two documents name the same observation.
 * - `local-definitions`: the MCP servers the items concern as inventory items (the UUIDs of the
 *   assessment results), and the tool as an assessment asset (the observations' origin).
 * - `import-ssp`: `#<uuid>` of the back-matter resource that states the boundary (mcp-comply has no
 *   system security plan); `system-id`: a UUID derived from the organisation's name, the same every run.
 *
 * A plan item's id is stable across runs (RP- + a hash of its root cause), and so are the UUIDs of its
 * poam-item, risk and responses: a GRC platform that imports each quarter's POA&M sees the same item
 * again rather than a new one. Everything else is derived from the assessment, like the results'.
 *
 * Untrusted text goes into Markdown fields only through markdownLiteral()/markdownLine(), and into
 * properties only through prop(), as in the assessment results.
 */
import type { Assessment, PlanIndicator, PlanItem, PlanItemStatus } from '../../engine/assessment.js';
import { locationText } from '../labels.js';
import {
  DATE_TIME, UuidSource, boundaryResourceOf, commonOf, exceptionProps, exceptionText, importSspOf, markdownLine, markdownLiteral,
  metadataOf, oneLine, prop, serverInventory, some, threatIdOf, uniqueSubjects, withoutUndefined,
  type OscalBackMatterResource, type OscalInventoryItem, type OscalMetadata, type OscalObservation, type OscalOrigin, type OscalProp,
  type OscalAssessmentAssets, type OscalRelevantEvidence,
} from './common.js';

export const POAM_FILE = 'poam.oscal.json';

/** The risk status of each plan item status. */
export const RISK_STATUS: Readonly<Record<PlanItemStatus, 'open' | 'deviation-approved' | 'closed'>> = {
  open: 'open',
  accepted: 'deviation-approved',
  resolved: 'closed',
};

/** The role an item's owner has in the metadata (OSCAL allows roles of one's own). */
export const OWNER_ROLE = 'remediation-owner';
/** `system-id` names the estate by an RFC 4122 UUID. */
const UUID_SYSTEM = 'https://ietf.org/rfc/rfc4122';

interface OscalTask {
  uuid: string;
  type: 'milestone';
  title: string;
  description?: string;
  timing: { 'on-date': { date: string } };
  'responsible-roles'?: Array<{ 'role-id': string; 'party-uuids': string[] }>;
}

export interface OscalResponse {
  uuid: string;
  lifecycle: 'recommendation' | 'planned' | 'completed';
  title: string;
  description: string;
  props?: OscalProp[];
  tasks?: OscalTask[];
}

export interface OscalPoamRisk {
  uuid: string;
  title: string;
  description: string;
  statement: string;
  props?: OscalProp[];
  status: 'open' | 'deviation-approved' | 'closed';
  origins: OscalOrigin[];
  'threat-ids'?: Array<{ system: string; id: string }>;
  deadline?: string;
  remediations?: OscalResponse[];
  'related-observations'?: Array<{ 'observation-uuid': string }>;
}

export interface OscalPoamItem {
  uuid: string;
  title: string;
  description: string;
  props?: OscalProp[];
  origins?: OscalOrigin[];
  'related-observations'?: Array<{ 'observation-uuid': string }>;
  'related-risks'?: Array<{ 'risk-uuid': string }>;
  remarks?: string;
}

export interface OscalPoam {
  'plan-of-action-and-milestones': {
    uuid: string;
    metadata: OscalMetadata;
    'import-ssp': { href: string; remarks: string };
    'system-id': { 'identifier-type': string; id: string };
    'local-definitions': { 'inventory-items'?: OscalInventoryItem[]; 'assessment-assets': OscalAssessmentAssets; remarks?: string };
    observations?: OscalObservation[];
    risks?: OscalPoamRisk[];
    'poam-items': OscalPoamItem[];
    'back-matter': { resources: OscalBackMatterResource[] };
  };
}

/** The end of a due or target day (YYYY-MM-DD), as OSCAL's date-time with a time zone; undefined for anything else. */
function endOfDay(date: string | undefined): string | undefined {
  if (date === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const time = `${date}T23:59:59Z`;
  return Number.isNaN(Date.parse(time)) ? undefined : time;
}

const PRIORITY_WORDS: Record<PlanItem['priority'], string> = { 1: 'do first', 2: 'next', 3: 'planned', 4: 'when convenient' };

/** The POA&M of one assessment. */
export function toOscalPoam(assessment: Assessment): OscalPoam {
  const common = commonOf(assessment);
  const { uuids, origins } = common;
  const at = assessment.generatedAt;
  const items = assessment.plan?.items ?? [];
  const organization = common.organization;
  // Stable across runs: the estate, and each plan item's poam-item, risk and responses (see the module comment).
  const stable = new UuidSource(`mcp-comply POA&M\u0000${organization ?? ''}`);

  const documentUuid = uuids.next('poam', '');
  const boundary = boundaryResourceOf(assessment, uuids);
  const { serverItems, subjectsOf } = serverInventory(assessment, uuids);

  // The owners named by the items, one party each, in the role OWNER_ROLE.
  const metadata = metadataOf(assessment, common, 'MCP plan of action and milestones');
  const owners = [...new Set(items.map((item) => item.owner?.trim()).filter((owner): owner is string => Boolean(owner)))];
  const ownerParty = new Map(owners.map((owner) => [owner, stable.next('owner', owner)]));
  if (owners.length > 0) {
    metadata.roles = [...(metadata.roles ?? []), { id: OWNER_ROLE, title: 'Remediation owner' }];
    metadata.parties = [...(metadata.parties ?? []), ...owners.map((owner) => ({ uuid: ownerParty.get(owner)!, type: 'organization' as const, name: oneLine(owner) }))];
    metadata['responsible-parties'] = [...(metadata['responsible-parties'] ?? []), { 'role-id': OWNER_ROLE, 'party-uuids': [...ownerParty.values()] }];
  }

  // Current findings by check and fingerprint: an indicator's evidence, and the UUID the results give its observation.
  const findingsByKey = new Map(assessment.findings.map((f) => [`${f.checkId}\u0000${f.fingerprint}`, f]));
  const evidenceById = new Map(assessment.evidence.items.map((item) => [item.id, item]));
  const concerned = new Set<string>();

  function indicatorObservation(item: PlanItem, indicator: PlanIndicator): OscalObservation {
    const key = `${indicator.checkId}\u0000${indicator.fingerprint}`;
    const finding = item.status === 'resolved' ? undefined : findingsByKey.get(key);
    const evidence = finding ? evidenceById.get(finding.evidenceId) : undefined;
    const where = locationText(indicator.location);
    const subjects = uniqueSubjects(subjectsOf(indicator.server, indicator.location.path));
    for (const subject of subjects ?? []) concerned.add(subject['subject-uuid']);
    const server = indicator.server !== undefined ? ` (server ${markdownLiteral(indicator.server)})` : '';
    const relevant: OscalRelevantEvidence[] | undefined = finding
      ? [{
          description: `Item ${markdownLiteral(finding.evidenceId)} of the evidence bundle (evidence/manifest.json beside assessment.json)`
            + `${evidence ? `, sha256 ${markdownLiteral(evidence.sha256)}` : ''}.`,
          props: some([prop('evidence-id', finding.evidenceId), prop('sha256', evidence?.sha256)]),
        }]
      : undefined;
    return {
      uuid: finding ? uuids.next('check-result', key) : uuids.next('resolved-indicator', `${item.id}\u0000${key}`),
      title: `${markdownLine(indicator.checkId)} at ${markdownLine(where)}`,
      description: `${markdownLiteral(indicator.message)}\n\nLocation: ${markdownLiteral(where)}${server}.`
        + (item.status === 'resolved' ? `\n\nSeen by an earlier assessment; not seen by the assessment of ${markdownLiteral(item.resolvedOn ?? at.slice(0, 10))}.` : ''),
      props: some([
        prop('check-id', indicator.checkId), prop('severity', item.severity), prop('fingerprint', indicator.fingerprint), prop('location', where),
        prop('server', indicator.server), prop('plan-item-id', item.id), ...exceptionProps(finding?.exception, 'live'),
      ]),
      methods: ['TEST'],
      types: ['finding'],
      origins,
      subjects,
      'relevant-evidence': relevant,
      collected: evidence?.collectedAt && DATE_TIME.test(evidence.collectedAt) ? evidence.collectedAt : at,
    };
  }

  const observations: OscalObservation[] = [];
  const risks: OscalPoamRisk[] = [];
  const poamItems: OscalPoamItem[] = [];
  for (const item of items) {
    const itemObservations = item.indicators.map((indicator) => indicatorObservation(item, indicator));
    observations.push(...itemObservations);
    const related = some(itemObservations.map((o) => ({ 'observation-uuid': o.uuid })));
    const riskUuid = stable.next('risk', item.id);
    const owner = item.owner?.trim() ? ownerParty.get(item.owner.trim()) : undefined;
    const threats = assessment.risks.filter((risk) => risk.controlIds.some((id) => item.controlIds.includes(id))).map((risk) => threatIdOf(risk.threatId));
    const itemProps = [
      prop('plan-item-id', item.id), prop('priority', item.priority), prop('severity', item.severity), prop('mcp-comply-status', item.status),
      prop('check-id', item.checkId), prop('owner', item.owner), prop('owner-source', item.ownerSource), prop('system', item.system),
      prop('server', item.server), prop('first-seen', item.firstSeen), prop('due', item.due), prop('sla-days', item.slaDays),
      prop('overdue', String(item.overdue)), prop('resolved-on', item.resolvedOn), prop('indicators', item.indicators.length),
    ];
    const requirementProps = [
      ...item.controlIds.map((id) => prop('control-id', id)),
      ...item.requirements.map((r) => prop('framework-ref', `${r.frameworkId}:${r.id}`)),
    ];
    const notes = [
      item.exception ? `${markdownLiteral(exceptionText(item.exception, 'live'))}.` : undefined,
      item.response ? `Management response (${markdownLiteral(item.response.by)}, ${markdownLiteral(item.response.date)}): ${markdownLiteral(item.response.response)}` : undefined,
      item.overdue ? `Overdue: due ${markdownLiteral(item.due)}.` : undefined,
    ].filter((note) => note !== undefined);

    risks.push({
      uuid: riskUuid,
      title: markdownLine(item.title),
      description: `${item.indicators.length} indicator(s) of ${markdownLiteral(item.checkId)}`
        + `${item.server !== undefined ? ` on MCP server ${markdownLiteral(item.server)}` : ''}, ${markdownLiteral(item.severity)} severity: `
        + `${[...new Set(item.indicators.map((i) => markdownLiteral(locationText(i.location))))].join('; ')}.`
        // A risk has no remarks in OSCAL: the exception that accepts it is said here.
        + (item.exception ? `\n\n${markdownLiteral(exceptionText(item.exception, 'live'))}.` : ''),
      statement: riskStatementOf(item),
      props: some([...itemProps, ...requirementProps, ...exceptionProps(item.exception, 'live')]),
      status: RISK_STATUS[item.status] ?? 'open',
      origins,
      'threat-ids': some([...new Map(threats.map((t) => [t.id, t])).values()]),
      deadline: endOfDay(item.due),
      remediations: some(responsesOf(item, stable, owner)),
      'related-observations': related,
    });
    poamItems.push({
      uuid: stable.next('poam-item', item.id),
      title: markdownLine(item.title),
      description: `Priority ${item.priority} (${PRIORITY_WORDS[item.priority] ?? 'unranked'}), ${markdownLiteral(item.severity)} severity, `
        + `${markdownLiteral(item.status)}. ${item.indicators.length} indicator(s) of ${markdownLiteral(item.checkId)}. `
        + `First seen ${markdownLiteral(item.firstSeen)}, due ${markdownLiteral(item.due)} (${item.slaDays} days)`
        + `${item.owner ? `, owner ${markdownLiteral(item.owner)}` : ', no owner named'}.`
        + (item.remediation ? `\n\n${markdownLiteral(item.remediation)}` : ''),
      props: some([...itemProps, ...requirementProps]),
      origins,
      'related-observations': related,
      'related-risks': [{ 'risk-uuid': riskUuid }],
      remarks: notes.length > 0 ? notes.join('\n\n') : undefined,
    });
  }
  // OSCAL asks for at least one poam-item: an estate with nothing to do says so in one that names no risk.
  if (poamItems.length === 0) {
    poamItems.push({
      uuid: stable.next('poam-item', ''),
      title: 'No remediation items',
      description: assessment.plan
        ? 'The assessment found nothing to remediate: its remediation plan has no items.'
        : 'The assessment carries no remediation plan.',
      props: [prop('placeholder', 'true')!],
      origins,
    });
  }

  return withoutUndefined({
    'plan-of-action-and-milestones': {
      uuid: documentUuid,
      metadata,
      'import-ssp': importSspOf(boundary),
      'system-id': { 'identifier-type': UUID_SYSTEM, id: stable.next('system', '') },
      'local-definitions': {
        'inventory-items': some(serverItems.filter(({ item }) => concerned.has(item.uuid)).map(({ item }) => item)),
        'assessment-assets': common.assets,
      },
      observations: some(observations),
      risks: some(risks),
      'poam-items': poamItems,
      'back-matter': { resources: [boundary] },
    },
  });
}

/** What fixing the item restores and moves, in words. */
function riskStatementOf(item: PlanItem): string {
  const controls = item.controlIds.length > 0 ? `restores ${item.controlIds.map(markdownLiteral).join(', ')}` : 'restores no catalogued control';
  const requirements = item.requirements.length > 0
    ? `; it could move ${item.requirements.length} framework requirement(s): ${item.requirements.map((r) => markdownLiteral(`${r.frameworkId}:${r.id}`)).join(', ')}`
    : '';
  return `Until it is fixed the weakness stands. Fixing it ${controls}${requirements}.`;
}

/** The remediation advice, management's response (planned, with its target date) and, once resolved, the resolution. */
function responsesOf(item: PlanItem, stable: UuidSource, ownerParty: string | undefined): OscalResponse[] {
  const responses: OscalResponse[] = [{
    uuid: stable.next('recommendation', item.id),
    lifecycle: 'recommendation',
    title: `Remediate ${markdownLine(item.checkId)}`,
    description: item.remediation ? markdownLiteral(item.remediation) : `Fix each indicator of ${markdownLiteral(item.checkId)} listed in the related observations.`,
  }];
  const response = item.response;
  if (response) {
    const target = endOfDay(response.targetDate);
    responses.push({
      uuid: stable.next('response', item.id),
      lifecycle: 'planned',
      title: 'Management response',
      description: markdownLiteral(response.response),
      props: some([prop('response-by', response.by), prop('response-date', response.date), prop('target-date', response.targetDate), prop('ticket', response.ticket)]),
      tasks: target
        ? [{
            uuid: stable.next('target', item.id),
            type: 'milestone',
            title: `Target date ${markdownLine(response.targetDate!)}`,
            description: `The date by which management plans to have ${markdownLine(item.id)} remediated.`,
            timing: { 'on-date': { date: target } },
            'responsible-roles': ownerParty ? [{ 'role-id': OWNER_ROLE, 'party-uuids': [ownerParty] }] : undefined,
          }]
        : undefined,
    });
  }
  if (item.status === 'resolved') {
    responses.push({
      uuid: stable.next('resolution', item.id),
      lifecycle: 'completed',
      title: 'Resolved',
      description: `No indicator of this item was seen by the assessment of ${markdownLiteral(item.resolvedOn ?? 'this run')}.`,
      props: some([prop('resolved-on', item.resolvedOn)]),
    });
  }
  return responses;
}

/** The POA&M as the bytes written. */
export function poamJson(assessment: Assessment): string {
  return `${JSON.stringify(toOscalPoam(assessment), null, 2)}\n`;
}
