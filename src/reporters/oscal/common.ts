/**
 * What the OSCAL documents mcp-comply writes share (assessment-results.oscal.json, the assessment plan
 * it carries, poam.oscal.json): the version and namespace, the escaping of untrusted text into
 * OSCAL's Markdown fields and tokens, content-derived UUIDs, the metadata, the tool as an assessment
 * asset, the MCP servers as inventory items and the boundary as a back-matter resource. Built the same
 * way for every document, so a subject keeps its UUID across them.
 */
import type { Assessment, ExceptionNote, InventoryServer } from '../../engine/assessment.js';
import { canonicalJson, sha256Hex } from '../../lib/canonical-json.js';
import { boundaryStatement } from '../boundary.js';
import { dateOf } from '../labels.js';

/** The OSCAL version of the vendored schemas (test/fixtures/schemas/oscal_{assessment-results,assessment-plan,poam}_schema.json). */
export const OSCAL_VERSION = '1.1.3';
/** Namespace of the properties and risk facets that OSCAL itself does not define. */
export const OSCAL_NS = 'https://github.com/mcp-comply/ns/oscal';
/** The identification system of the catalog's threats (T01..T12, DESIGN §3): a risk's `threat-ids` are `<system>/<id>`. */
export const THREAT_SYSTEM = `${OSCAL_NS}/threats`;

/** A catalog threat (T01..T12) as an OSCAL threat id. */
export function threatIdOf(threatId: string): { system: string; id: string } {
  return { system: THREAT_SYSTEM, id: `${THREAT_SYSTEM}/${encodeURIComponent(threatId)}` };
}

export interface OscalProp { name: string; value: string; ns?: string; class?: string }
export interface OscalRelevantEvidence { description: string; props?: OscalProp[] }
export interface OscalOrigin { actors: Array<{ type: 'tool'; 'actor-uuid': string }> }
export interface OscalSubject { 'subject-uuid': string; type: 'inventory-item'; title: string }

export interface OscalObservation {
  uuid: string;
  title: string;
  description: string;
  props?: OscalProp[];
  methods: Array<'EXAMINE' | 'TEST'>;
  types?: Array<'finding' | 'control-objective'>;
  origins: OscalOrigin[];
  subjects?: OscalSubject[];
  'relevant-evidence'?: OscalRelevantEvidence[];
  collected: string;
  remarks?: string;
}

export interface OscalInventoryItem { uuid: string; description: string; props?: OscalProp[]; remarks?: string }

export interface OscalComponent {
  uuid: string; type: 'software'; title: string; description: string; props?: OscalProp[]; status: { state: 'operational' };
}
export interface OscalAssessmentAssets {
  components: OscalComponent[];
  'assessment-platforms': Array<{ uuid: string; title: string; 'uses-components': Array<{ 'component-uuid': string }> }>;
}
export interface OscalControlSelection { description: string; 'include-controls'?: Array<{ 'control-id': string }> }
export interface OscalBackMatterResource {
  uuid: string;
  title: string;
  description: string;
  citation?: { text: string };
  base64?: { filename: string; 'media-type': string; value: string };
  remarks?: string;
}
export interface OscalMetadata {
  title: string;
  'last-modified': string;
  version: string;
  'oscal-version': string;
  props?: OscalProp[];
  roles?: Array<{ id: string; title: string }>;
  parties?: Array<{ uuid: string; type: 'organization'; name: string }>;
  'responsible-parties'?: Array<{ 'role-id': string; 'party-uuids': string[] }>;
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
export function markdownLine(text: string): string {
  return markdownLiteral(oneLine(text));
}

export function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** A value for OSCAL's StringDatatype (non-empty, one line, no outer whitespace); undefined when nothing is left. */
export function propValue(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const line = oneLine(String(value));
  return line === '' ? undefined : line;
}

/** An OSCAL token (XML NCName): lower-case, anything but letters, digits, `.`, `-` and `_` made `-`. */
export function token(text: string): string {
  const name = text.toLowerCase().replace(/[^\p{L}\p{N}._-]+/gu, '-');
  return /^[\p{L}_]/u.test(name) ? name : `_${name}`;
}

/** A namespaced property, left out when its value is empty. */
export function prop(name: string, value: string | number | undefined, cls?: string): OscalProp | undefined {
  const text = propValue(value);
  if (text === undefined) return undefined;
  return cls === undefined ? { name, ns: OSCAL_NS, value: text } : { name, ns: OSCAL_NS, value: text, class: token(cls) };
}

/** OSCAL arrays have minItems 1: an empty list is left out rather than written as []. */
export function some<T>(items: Array<T | undefined>): T[] | undefined {
  const present = items.filter((item): item is T => item !== undefined);
  return present.length > 0 ? present : undefined;
}

export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * UUIDs derived from content (sha256, shaped as version 4 with the RFC 4122 variant, as the schema's
 * pattern asks): the same assessment gives the same bytes, and each subject keeps its UUID.
 */
export class UuidSource {
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

export function exceptionText(note: ExceptionNote, state: 'live' | 'expired'): string {
  const ticket = note.ticket ? `, ticket ${note.ticket}` : '';
  const head = state === 'live'
    ? `Accepted by exception ${note.id} (approved by ${note.approver}, until ${note.expires}${ticket})`
    : `Exception ${note.id} expired on ${note.expires} and no longer applies (approved by ${note.approver}${ticket})`;
  return `${head}: ${note.justification}`;
}

export function exceptionProps(note: ExceptionNote | undefined, state: 'live' | 'expired'): Array<OscalProp | undefined> {
  if (!note) return [];
  return [prop('exception-id', note.id, state), prop('exception-expires', note.expires, state), prop('exception-ticket', note.ticket, state)];
}

/** What the results and the plan share, built the same way for both so that shared subjects keep their UUIDs. */
export interface Common {
  uuids: UuidSource;
  tool: string;
  organization: string | undefined;
  origins: OscalOrigin[];
  assets: OscalAssessmentAssets;
  controlSelections: OscalControlSelection[];
}

export function commonOf(assessment: Assessment): Common {
  const uuids = new UuidSource(sha256Hex(canonicalJson(assessment)));
  const tool = `${assessment.tool.name} ${assessment.tool.version}`;
  const componentUuid = uuids.next('component', assessment.tool.name);
  return {
    uuids,
    tool,
    organization: propValue(assessment.scope.organization),
    origins: [{ actors: [{ type: 'tool', 'actor-uuid': componentUuid }] }],
    assets: {
      components: [{
        uuid: componentUuid,
        type: 'software',
        title: markdownLine(assessment.tool.name),
        description: 'The tool that collected the evidence, ran the checks and rolled them up into controls.',
        props: some([prop('version', assessment.tool.version)]),
        status: { state: 'operational' },
      }],
      'assessment-platforms': [{ uuid: uuids.next('assessment-platform', tool), title: markdownLine(tool), 'uses-components': [{ 'component-uuid': componentUuid }] }],
    },
    controlSelections: [{
      description: 'Every control of the mcp-comply catalog in this assessment.',
      'include-controls': some(assessment.controls.map((control) => ({ 'control-id': token(control.id) }))),
    }],
  };
}

export function metadataOf(assessment: Assessment, common: Common, kind: string): OscalMetadata {
  const { organization } = common;
  const date = markdownLiteral(dateOf(assessment.generatedAt));
  const partyUuid = common.uuids.next('party', organization ?? '');
  return {
    title: organization ? `${kind} of ${markdownLiteral(organization)} (${date})` : `${kind} (${date})`,
    'last-modified': assessment.generatedAt,
    // Each run is its own document: its time tells revisions apart.
    version: assessment.generatedAt,
    'oscal-version': OSCAL_VERSION,
    props: some([prop('tool', common.tool), prop('assessment-schema-version', assessment.schemaVersion)]),
    ...(organization
      ? {
          roles: [{ id: 'prepared-for', title: 'Prepared For' }],
          parties: [{ uuid: partyUuid, type: 'organization' as const, name: organization }],
          'responsible-parties': [{ 'role-id': 'prepared-for', 'party-uuids': [partyUuid] }],
        }
      : {}),
  };
}

export function inventoryItemOf(server: InventoryServer, uuid: string): OscalInventoryItem {
  const where = `${server.path}:${server.line}`;
  const endpoint = server.endpoint ? `, endpoint host ${markdownLiteral(server.endpoint)}` : '';
  return {
    uuid,
    description: `MCP server ${markdownLiteral(server.name)} configured for ${markdownLiteral(server.client)} in ${markdownLiteral(where)}, `
      + `transport ${markdownLiteral(server.transport)}${endpoint}${server.disabled ? ' (disabled)' : ''}.`,
    props: some([
      prop('asset-type', 'mcp-server'), prop('server-name', server.name), prop('client', server.client), prop('transport', server.transport),
      prop('config-path', server.path), prop('config-line', server.line), prop('endpoint-host', server.endpoint), prop('system', server.system),
      prop('disabled', String(server.disabled)),
    ]),
  };
}

/**
 * Optional fields are built as `undefined` and dropped here, so the object returned is exactly the
 * JSON written (and compares equal to it).
 */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)]),
  ) as T;
}

/**
 * The MCP servers of the inventory as OSCAL inventory items, one per configuration entry, and the
 * subjects a result about a server concerns.
 */
export function serverInventory(assessment: Assessment, uuids: UuidSource): {
  servers: InventoryServer[];
  serverItems: Array<{ server: InventoryServer; item: OscalInventoryItem }>;
  /** The inventory items a result about `name` in `path` concerns: the entries of that name in that file, else the only entry of that name. */
  subjectsOf: (name: string | undefined, path: string) => OscalSubject[];
} {
  const servers: InventoryServer[] = assessment.inventory?.servers ?? [];
  const serverItems = servers.map((server) => ({ server, item: inventoryItemOf(server, uuids.next('server', `${server.path}\u0000${server.line}\u0000${server.name}`)) }));
  function subjectsOf(name: string | undefined, path: string): OscalSubject[] {
    if (!name) return [];
    const named = serverItems.filter(({ server }) => server.name === name);
    const inFile = named.filter(({ server }) => server.path === path);
    const matched = inFile.length > 0 ? inFile : named.length === 1 ? named : [];
    return matched.map(({ server, item }) => ({ 'subject-uuid': item.uuid, type: 'inventory-item', title: `MCP server ${markdownLine(server.name)}` }));
  }
  return { servers, serverItems, subjectsOf };
}

/** Subjects named once each; undefined when there are none (OSCAL arrays have minItems 1). */
export function uniqueSubjects(subjects: OscalSubject[]): OscalSubject[] | undefined {
  return some([...new Map(subjects.map((s) => [s['subject-uuid'], s])).values()]);
}

/**
 * The boundary as a back-matter resource: the statement and exclusions the other reports print
 * (reporters/boundary.ts, templates/boundary.yaml). mcp-comply has no OSCAL system security plan, so
 * a document's `import-ssp` names this resource instead.
 */
export function boundaryResourceOf(assessment: Assessment, uuids: UuidSource): OscalBackMatterResource {
  const statement = boundaryStatement(assessment);
  const servers = assessment.inventory?.servers ?? [];
  const boundary = statement.length > 0
    ? [...statement, ...(assessment.scope.boundary?.exclusions ?? []).map((e) => e.statement)].map((line) => markdownLiteral(oneLine(line)))
    : [`Folders read: ${assessment.scope.paths.length > 0 ? assessment.scope.paths.map(markdownLiteral).join(', ') : 'none'}; MCP server entries found: ${servers.length}.`];
  return {
    uuid: uuids.next('boundary', ''),
    title: 'Assessment boundary',
    description: boundary.join('\n\n'),
    citation: { text: 'mcp-comply.yaml (scope) and the evidence bundle beside assessment.json' },
  };
}

/** `import-ssp`: the `#uuid` of the boundary resource in the document's own back matter. */
export function importSspOf(boundary: OscalBackMatterResource): { href: string; remarks: string } {
  return {
    href: `#${boundary.uuid}`,
    remarks: 'No OSCAL system security plan exists for this assessment: the system is the MCP layer scoped by mcp-comply.yaml, '
      + 'stated by the back-matter resource this href names.',
  };
}
