// The real-world tool corpus (test/fixtures/real-world/tools/) run through mcp.tools.poisoning-pattern:
// benign/ holds tool lists of well-known servers as published, poisoned/ the published poisoning
// examples. Shared by bench/poisoning-precision.mjs (figures) and the corpus test (labels).
// The parser and the check are passed in, so the bench can use dist/ and the test src/.
import fs from 'node:fs';
import path from 'node:path';

export const CORPUS = path.join(path.dirname(path.dirname(path.dirname(new URL(import.meta.url).pathname))), 'test', 'fixtures', 'real-world', 'tools');

function filesUnder(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (/\.(json|snap)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/**
 * Runs the check over one part of the corpus, all its servers as one estate (so references between
 * servers are measured too). Returns every unit (tool, prompt, resource, instructions) with the
 * families flagged on it.
 */
export function runCorpusPart({ parseToolSnapshot, check }, part) {
  const items = [];
  const units = [];
  for (const file of filesUnder(path.join(CORPUS, part))) {
    const rel = path.relative(CORPUS, file).split(path.sep).join('/');
    const { snapshots, problems } = parseToolSnapshot(fs.readFileSync(file, 'utf8'), rel);
    if (problems.length > 0) throw new Error(`${rel}: ${problems.map((p) => p.problem.reason).join('; ')}`);
    for (const snapshot of snapshots) {
      const id = `tool-snapshot:${rel}${snapshot.pointer ? `#${snapshot.pointer}` : ''}`;
      items.push({ id, kind: 'tool-snapshot', collector: 'tool-snapshot', source: rel, collectedAt: '2026-01-01T00:00:00.000Z', data: snapshot });
      for (const tool of snapshot.tools) units.push({ file: rel, server: snapshot.server, unit: tool.name });
      for (const entity of snapshot.entities ?? []) units.push({ file: rel, server: snapshot.server, unit: `${entity.kind}:${entity.name}` });
      if (snapshot.instructions) units.push({ file: rel, server: snapshot.server, unit: '(instructions)' });
    }
  }
  const context = { now: '2026-01-01T00:00:00.000Z', frameworks: [], options: {}, evidence: (kind) => (kind === 'tool-snapshot' ? items : []) };
  const byUnit = new Map(units.map((u) => [`${u.file}\u0000${u.unit}`, { ...u, families: new Set(), severities: new Set() }]));
  for (const result of check.run(context)) {
    if (result.status !== 'fail') continue;
    const file = result.location.path;
    const unit = result.data.unit ?? (result.data.field === 'instructions' && result.data.tool === '' ? '(instructions)' : result.data.tool);
    const entry = byUnit.get(`${file}\u0000${unit}`);
    if (!entry) throw new Error(`a finding for an unknown unit: ${file} ${unit}`);
    entry.families.add(result.data.family);
    entry.severities.add(result.severity);
  }
  return [...byUnit.values()].map((u) => ({ ...u, families: [...u.families].sort(), severities: [...u.severities].sort() }));
}
