/** Running the MCP configuration collector on a fixture folder and picking items out of its output. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mcpConfigCollector } from '../../../src/collectors/mcp-config/index.js';
import type { McpConfigFile, McpServer } from '../../../src/collectors/mcp-config/model.js';
import type { DiscoverySummary, EvidenceItem, UnreadableSource } from '../../../src/evidence/types.js';

export { write } from '../../helpers/temp-catalog.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const NOW = '2026-11-02T09:30:00.000Z';

export interface RunOptions {
  paths?: string[];
  includeUser?: boolean;
  home?: string;
  progress?: (message: string) => void;
}

/** Collects from `root` (a fixture name or an absolute folder); paths default to the root itself. */
export async function collect(root: string, options: RunOptions = {}): Promise<EvidenceItem[]> {
  const abs = path.isAbsolute(root) ? root : path.join(FIXTURES, root);
  return mcpConfigCollector.collect({
    paths: options.paths ?? [abs],
    root: abs,
    includeUser: options.includeUser ?? false,
    home: options.home ?? path.join(abs, '.no-home'),
    now: NOW,
    progress: options.progress,
  });
}

export function configAt(items: EvidenceItem[], display: string): McpConfigFile {
  const item = items.find((i) => i.kind === 'mcp-config' && i.source === display);
  assert.ok(item, `no mcp-config item for ${display}; have: ${items.map((i) => i.id).join(', ')}`);
  assert.equal(item.id, `mcp-config:${display}`);
  assert.equal(item.collector, 'mcp-config');
  assert.equal(item.collectedAt, NOW);
  return item.data as McpConfigFile;
}

export function serverNamed(file: McpConfigFile, name: string, index = 0): McpServer {
  const found = file.servers.filter((s) => s.name === name);
  assert.ok(found[index], `no server "${name}" in ${file.path}; have: ${file.servers.map((s) => s.name).join(', ')}`);
  return found[index];
}

export function unreadableAt(items: EvidenceItem[], display: string): UnreadableSource {
  const item = items.find((i) => i.kind === 'unreadable-source' && i.source === display);
  assert.ok(item, `no unreadable-source item for ${display}; have: ${items.map((i) => i.id).join(', ')}`);
  assert.equal(item.id, `unreadable-source:mcp-config:${display}`);
  return item.data as UnreadableSource;
}

export function discoveryOf(items: EvidenceItem[]): DiscoverySummary {
  const found = items.filter((i) => i.kind === 'discovery');
  assert.equal(found.length, 1, 'exactly one discovery item');
  assert.equal(found[0]!.id, 'discovery:mcp-config');
  return found[0]!.data as DiscoverySummary;
}

export function kinds(items: EvidenceItem[]): string[] {
  return items.map((i) => i.id);
}


export const pos = (line: number, column: number) => ({ line, column });
