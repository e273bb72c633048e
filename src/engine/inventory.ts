/**
 * The estate as seen: MCP servers from the configurations and tool definitions from the snapshots,
 * kept in assessment.json so the next quarter can say what is new, gone or silently changed.
 */
import type { EvidenceItem } from '../evidence/types.js';
import type { Inventory } from './assessment.js';

export function inventoryOf(items: EvidenceItem[]): Inventory {
  const servers = items
    .filter((i): i is EvidenceItem<'mcp-config'> => i.kind === 'mcp-config')
    .flatMap((i) => i.data.servers.map((s) => ({
      name: s.name, client: s.client, transport: s.transport, path: i.data.path, line: s.at.line, disabled: s.disabled,
    })));
  const tools = items
    .filter((i): i is EvidenceItem<'tool-snapshot'> => i.kind === 'tool-snapshot')
    .flatMap((i) => i.data.tools.map((t) => ({ server: i.data.server, name: t.name, sha256: t.sha256, path: i.data.path })));
  const byKey = <T>(key: (x: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));
  return {
    servers: servers.sort(byKey((s) => `${s.path}\u0000${s.name}`)),
    tools: tools.sort(byKey((t) => `${t.server}\u0000${t.name}\u0000${t.path}`)),
  };
}
