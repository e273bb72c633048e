/**
 * The boundary section of the HTML report: the declared systems, the boundary statement, what the
 * assessment does not cover, and the MCP server inventory. Every field is present (null or [] for an
 * assessment without them), as the rest of the view promises templates compiled in strict mode.
 */
import type { Assessment } from '../../engine/assessment.js';
import { boundaryStatement, serverRows, type ServerRow } from '../boundary.js';

export interface BoundaryView {
  /** False for an assessment that predates the boundary (schema 1.x): the statement is then empty. */
  recorded: boolean;
  systems: Array<{ name: string; description: string | null; owner: string | null; dataClasses: string[]; servers: number | null }>;
  statement: string[];
  exclusions: string[];
  servers: ServerRow[];
}

export function boundaryView(a: Assessment): BoundaryView {
  const counted = new Map((a.scope.boundary?.systems ?? []).map((s) => [s.name, s.servers]));
  return {
    recorded: a.scope.boundary !== undefined,
    systems: (a.scope.systems ?? []).map((s) => ({
      name: s.name, description: s.description ?? null, owner: s.owner ?? null, dataClasses: [...(s.dataClasses ?? [])], servers: counted.get(s.name) ?? null,
    })),
    statement: boundaryStatement(a),
    exclusions: (a.scope.boundary?.exclusions ?? []).map((e) => e.statement),
    servers: serverRows(a),
  };
}
