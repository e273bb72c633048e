/**
 * The assessment boundary and the MCP server inventory as reports print them: plain-text sentences
 * and rows made from assessment.json alone, shared by the HTML/PDF and Markdown reports. Every value
 * is untrusted text: each report escapes it its own way (Handlebars `{{ }}`, escapeMarkdown).
 */
import type { Assessment, AssessmentBoundary } from '../engine/assessment.js';
import { plural } from '../lib/plural.js';

/** `2026-11-19 09:12 UTC`; a value that is not an ISO time is given as it is. */
export function minuteOf(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

const tally = (counts: Record<string, number>) => Object.entries(counts).map(([key, n]) => `${key} ${n}`).join(', ');

/** The period a log stream covers, or why none is known. */
export function periodText(from: string | undefined, to: string | undefined): string {
  return from && to ? `${minuteOf(from)} to ${minuteOf(to)}` : 'no event carried a time';
}

/** What the evidence shows was assessed, sentence by sentence; empty for an assessment without a boundary (before schema 2.0). */
export function boundaryStatement(a: Assessment): string[] {
  const b: AssessmentBoundary | undefined = a.scope.boundary;
  if (!b) return [];
  const s = b.servers;
  const systems = b.systems.length === 0
    ? 'No system is declared in mcp-comply.yaml (systems:), so the boundary is the MCP layer of the estate assessed.'
    : `The boundary is the MCP layer of ${plural(b.systems.length, 'system')}: ${b.systems.map((x) => `${x.name} (${plural(x.servers, 'MCP server')})`).join('; ')}.`;
  const servers = s.total === 0
    ? 'No MCP server was found in the configurations read.'
    : `${plural(s.total, 'MCP server')} on ${plural(Object.keys(s.byClient).length, 'client')} (${tally(s.byClient)}): ${s.local} local (stdio), `
      + `${s.remote} remote, ${s.unknown} of unknown transport; by transport ${tally(s.byTransport)}; ${s.disabled} disabled`
      + `${s.unassigned > 0 ? `; ${s.unassigned} assigned to no system` : ''}.`;
  const tools = b.tools.definitions === 0
    ? 'No tool snapshot was read: tool definitions were not assessed.'
    : `${plural(b.tools.definitions, 'tool definition')} of ${plural(b.tools.servers, 'server')}, from tool snapshots.`;
  const repositories = b.repositories === 0 ? 'No local repository was assessed.' : `${plural(b.repositories, 'local repository', 'local repositories')}.`;
  const github = b.github.organizations.length + b.github.repositories === 0
    ? 'No GitHub organisation or repository was assessed.'
    : `Through the GitHub API: ${b.github.organizations.length === 0 ? 'no organisation' : `${b.github.organizations.length === 1 ? 'organisation' : 'organisations'} ${b.github.organizations.join(', ')}`}`
      + ` and ${plural(b.github.repositories, 'repository', 'repositories')}.`;
  const logs = b.logs.length === 0
    ? 'No log was read: what the servers did at run time was not observed.'
    : `${plural(b.logs.length, 'log stream')}: ${b.logs.map((l) => `${l.stream} (${plural(l.events, 'event')}, ${periodText(l.from, l.to)})`).join('; ')}.`;
  const attested = b.attested.length === 0
    ? 'No current attestation is recorded: nothing outside the boundary enters the assessment.'
    : `Outside the boundary, ${b.attested.length === 1 ? 'one current attestation enters' : `${b.attested.length} current attestations enter`} the assessment: `
      + `${b.attested.map((x) => `${x.control !== undefined ? `control ${x.control}` : `${x.framework} requirement ${x.requirement}`} (by ${x.attestedBy}, until ${x.validUntil})`).join('; ')}.`;
  return [systems, servers, tools, repositories, github, logs, attested];
}

export interface ServerRow {
  client: string;
  /** Configuration file and line. */
  config: string;
  name: string;
  transport: string;
  endpoint: string;
  /** The system and its owner, or `unassigned`. */
  system: string;
  /** Blank in an assessment that does not count them (before schema 2.0). */
  findings: string;
  disabled: boolean;
}

/** The MCP server inventory, one row per server entry, in the inventory's order. */
export function serverRows(a: Assessment): ServerRow[] {
  const owners = new Map((a.scope.systems ?? []).map((s) => [s.name, s.owner]));
  return a.inventory.servers.map((s) => {
    const owner = s.system === undefined ? undefined : owners.get(s.system);
    return {
      client: s.client, config: `${s.path}:${s.line}`, name: s.name, transport: s.transport,
      endpoint: s.endpoint ?? (s.transport === 'stdio' ? 'local' : 'unknown'),
      system: s.system === undefined ? 'unassigned' : owner ? `${s.system} (${owner})` : s.system,
      findings: s.findings === undefined ? '' : String(s.findings), disabled: s.disabled,
    };
  });
}
