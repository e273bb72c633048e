/**
 * The assessment boundary (DESIGN §5): what the evidence shows was assessed (MCP servers by client,
 * location and transport, tool definitions, repositories, GitHub, log streams and their periods),
 * and what the assessment does not cover. Every status in assessment.json is a statement about it.
 * The exclusions are prose, kept as data in templates/boundary.yaml; buildBoundary itself is pure.
 */
import path from 'node:path';
import type { EvidenceItem } from '../evidence/types.js';
import { PACKAGE_ROOT } from '../lib/package-root.js';
import { readYamlFile } from '../lib/yaml-file.js';
import type { AssessmentBoundary, Inventory, ScopeSystem } from './assessment.js';
import { attestationState, runDate } from './attestations.js';

export interface BoundaryExclusion {
  id: string;
  /** May hold `{asOf}`, replaced by the assessment's time. */
  statement: string;
}

export interface BoundaryInput {
  /** The evidence, for the attestations current on the run's date. */
  items: EvidenceItem[];
  /** The inventory of this run (inventoryOf), whose servers carry their system. */
  inventory: Inventory;
  systems?: ScopeSystem[] | undefined;
  /** The run's clock (generatedAt). */
  now: string;
  exclusions: BoundaryExclusion[];
}

const targetOf = (a: { control?: string; framework?: string; requirement?: string }) => [a.control, a.framework, a.requirement].map((x) => x ?? '').join('\u0000');

const LOCAL_TRANSPORTS = new Set(['stdio']);
const REMOTE_TRANSPORTS = new Set(['streamable-http', 'sse']);

export function buildBoundary(input: BoundaryInput): AssessmentBoundary {
  const { items, inventory, now } = input;
  const systems = input.systems ?? [];
  const servers = inventory.servers;
  const tally = (keys: string[]) => Object.fromEntries([...new Set(keys)].sort().map((k) => [k, keys.filter((x) => x === k).length]));
  const today = runDate(now);
  const attested = items
    .filter((i): i is EvidenceItem<'attestation'> => i.kind === 'attestation')
    .map((i) => i.data)
    .filter((a) => attestationState(a, today) === 'fresh')
    .map((a) => ({
      ...(a.control !== undefined ? { control: a.control } : {}),
      ...(a.framework !== undefined ? { framework: a.framework } : {}),
      ...(a.requirement !== undefined ? { requirement: a.requirement } : {}),
      attestedBy: a.attestedBy, validUntil: a.validUntil,
    }))
    .sort((a, b) => targetOf(a).localeCompare(targetOf(b)));
  const github = inventory.github ?? { organizations: [], repositories: [] };
  return {
    asOf: now,
    systems: systems.map((s) => ({ name: s.name, servers: servers.filter((x) => x.system === s.name).length })),
    servers: {
      total: servers.length,
      local: servers.filter((s) => LOCAL_TRANSPORTS.has(s.transport)).length,
      remote: servers.filter((s) => REMOTE_TRANSPORTS.has(s.transport)).length,
      unknown: servers.filter((s) => !LOCAL_TRANSPORTS.has(s.transport) && !REMOTE_TRANSPORTS.has(s.transport)).length,
      disabled: servers.filter((s) => s.disabled).length,
      unassigned: systems.length === 0 ? 0 : servers.filter((s) => s.system === undefined).length,
      byClient: tally(servers.map((s) => s.client)),
      byTransport: tally(servers.map((s) => s.transport)),
    },
    tools: { definitions: inventory.tools.length, servers: new Set(inventory.tools.map((t) => `${t.path}\u0000${t.server}`)).size },
    repositories: inventory.repositories?.length ?? 0,
    github: { organizations: github.organizations.map((o) => o.org), repositories: github.repositories.length },
    logs: (inventory.logs ?? []).map((l) => ({
      stream: l.stream, files: l.paths.length, events: l.events, ...(l.from ? { from: l.from } : {}), ...(l.to ? { to: l.to } : {}),
    })),
    attested,
    exclusions: input.exclusions.map((e) => ({ id: e.id, statement: e.statement.replaceAll('{asOf}', now) })),
  };
}

export const BOUNDARY_FILE = path.join(PACKAGE_ROOT, 'templates', 'boundary.yaml');

let shipped: BoundaryExclusion[] | undefined;

/** The exclusions of templates/boundary.yaml (read once). A broken file is a defect of the package: it throws, naming the file. */
export function shippedExclusions(file = BOUNDARY_FILE): BoundaryExclusion[] {
  if (file === BOUNDARY_FILE && shipped) return shipped;
  const yaml = readYamlFile(file);
  const list = (yaml.value as { exclusions?: unknown } | undefined)?.exclusions;
  const valid = Array.isArray(list) && list.length > 0
    && list.every((e) => typeof (e as BoundaryExclusion)?.id === 'string' && typeof (e as BoundaryExclusion)?.statement === 'string');
  if (yaml.problems.length > 0 || !valid) {
    const first = yaml.problems[0];
    throw new Error(`${file}${first?.line ? `:${first.line}:${first.column ?? 1}` : ''}: ${first?.message ?? 'expected `exclusions:`, a list of {id, statement}'}`);
  }
  const exclusions = (list as BoundaryExclusion[]).map((e) => ({ id: e.id, statement: e.statement }));
  if (file === BOUNDARY_FILE) shipped = exclusions;
  return exclusions;
}
