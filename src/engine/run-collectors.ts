/** Runs every collector; a collector that throws is recorded, and the run goes on without it. */
import type { Collector, CollectContext, EvidenceItem, EvidenceKind } from '../evidence/types.js';

export interface CollectorFailure { collector: string; message: string; kinds: EvidenceKind[] }

export async function runCollectors(
  collectors: Collector[], context: CollectContext,
): Promise<{ items: EvidenceItem[]; failures: CollectorFailure[] }> {
  const items: EvidenceItem[] = [];
  const failures: CollectorFailure[] = [];
  for (const collector of collectors) {
    try {
      items.push(...await collector.collect(context));
    } catch (error) {
      failures.push({ collector: collector.id, message: (error as Error).message, kinds: collector.produces });
    }
  }
  return { items, failures };
}
