/** Runs every collector; a collector that throws is recorded, and the run goes on without it. */
import fs from 'node:fs';
import path from 'node:path';
import { evidencePath } from '../evidence/paths.js';
import type { Collector, CollectContext, DiscoverySummary, EvidenceItem, EvidenceKind } from '../evidence/types.js';

export interface CollectorFailure { collector: string; message: string; kinds: EvidenceKind[] }

export async function runCollectors(
  collectors: Collector[], context: CollectContext,
): Promise<{ items: EvidenceItem[]; failures: CollectorFailure[] }> {
  const items: EvidenceItem[] = [];
  const failures: CollectorFailure[] = [];
  for (const collector of collectors) {
    try {
      items.push(...await collector.collect({ ...context, collected: items }));
    } catch (error) {
      failures.push({ collector: collector.id, message: (error as Error).message, kinds: collector.produces });
    }
  }
  return { items: withoutRefusalsOfReadFiles(items, namedFiles(context)), failures };
}

/** Display paths of the files (not folders) named on the command line or in the config's paths. */
function namedFiles(context: CollectContext): Set<string> {
  const files = new Set<string>();
  for (const given of context.paths) {
    let isFile = false;
    try { isFile = !fs.statSync(given).isDirectory(); } catch { /* missing: reported by the collectors */ }
    if (isFile) files.add(evidencePath(path.resolve(given), context.root, context.home));
  }
  return files;
}

/**
 * A file named on the command line is offered to every collector, and the one that recognises it (an
 * MCP configuration, a tool snapshot, a log) reads it. The others' "this is not mine" is then no fact
 * about the estate: their unreadable-source items (and the discovery's skip) for that file are dropped.
 * When no collector reads it, every collector's reason stays.
 */
function withoutRefusalsOfReadFiles(items: EvidenceItem[], named: ReadonlySet<string>): EvidenceItem[] {
  if (named.size === 0) return items;
  const readBy = new Map<string, Set<string>>();
  for (const item of items) {
    if (item.kind === 'unreadable-source' || item.kind === 'discovery' || !named.has(item.source)) continue;
    readBy.set(item.source, (readBy.get(item.source) ?? new Set()).add(item.collector));
  }
  if (readBy.size === 0) return items;
  const refusedElsewhere = (source: string, collector: string) => {
    const readers = readBy.get(source);
    return readers !== undefined && !readers.has(collector);
  };
  return items.filter((item) => !(item.kind === 'unreadable-source' && refusedElsewhere(item.source, item.collector))).map((item) => {
    if (item.kind !== 'discovery') return item;
    const data = item.data as DiscoverySummary;
    const skipped = data.skipped.filter((s) => !refusedElsewhere(s.path, item.collector));
    return skipped.length === data.skipped.length ? item : { ...item, data: { ...data, skipped } };
  });
}
