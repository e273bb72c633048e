/** Tool snapshot and lock evidence from inline JSON, and a way to run a check over it (no engine, no I/O). */
import assert from 'node:assert/strict';
import type { Check, CheckContext, CheckResult } from '../../src/checks/types.js';
import { parseToolLock, parseToolSnapshot } from '../../src/collectors/tool-snapshot/parse.js';
import { resolveCheckOptions } from '../../src/config/check-options.js';
import type { EvidenceItem, EvidenceKind } from '../../src/evidence/types.js';

export const NOW = '2026-11-01T00:00:00.000Z';

/** A `tool-snapshot` item parsed from JSON text (or a value, written with two-space indent). */
export function snapshotItem(json: string | object, path = 'mcp-tools/server.json'): EvidenceItem<'tool-snapshot'> {
  const text = typeof json === 'string' ? json : JSON.stringify(json, null, 2);
  const { snapshots: [snapshot], problems } = parseToolSnapshot(text, path);
  assert.ok(snapshot, `fixture ${path} is not a snapshot: ${JSON.stringify(problems)}`);
  return { id: `tool-snapshot:${path}`, kind: 'tool-snapshot', collector: 'tool-snapshot', source: path, collectedAt: NOW, data: snapshot };
}

export function lockItem(json: string | object, path = 'mcp-tools.lock'): EvidenceItem<'tool-lock'> {
  const text = typeof json === 'string' ? json : JSON.stringify(json, null, 2);
  const { lock, problems } = parseToolLock(text, path);
  assert.ok(lock, `fixture ${path} is not a lock: ${JSON.stringify(problems)}`);
  return { id: `tool-lock:${path}`, kind: 'tool-lock', collector: 'tool-snapshot', source: path, collectedAt: NOW, data: lock };
}

/** Runs a check over items the way the engine does: it sees only the kinds it declares. */
export function runToolCheck(check: Check, items: EvidenceItem[]): CheckResult[] {
  const context: CheckContext = {
    now: NOW,
    frameworks: [],
    options: resolveCheckOptions(),
    evidence: <K extends EvidenceKind>(kind: K) => {
      assert.ok(check.meta.evidence.includes(kind), `${check.meta.id} reads undeclared evidence ${kind}`);
      return items.filter((i) => i.kind === kind) as Array<EvidenceItem<K>>;
    },
  };
  const results = check.run(context);
  for (const result of results) {
    assert.ok(result.messageId in check.meta.messages, `unknown messageId ${result.messageId}`);
  }
  return results;
}

/** A one-tool snapshot, the tool's fields given; `server` names the server. */
export function oneTool(tool: Record<string, unknown>, server = 'acme'): object {
  return { server, tools: [{ name: 'do_thing', ...tool }] };
}

/** `{{name}}` filled from the result's data, as the engine does. */
export function messageOf(check: Check, result: CheckResult): string {
  const template = check.meta.messages[result.messageId] ?? '';
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (result.data && name in result.data ? String(result.data[name]) : whole));
}
