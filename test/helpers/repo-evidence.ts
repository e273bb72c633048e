/**
 * Synthetic `repository` evidence for check tests. Workflows and Dependabot files are written as
 * YAML lines (line N of the file is element N-1) and parsed by the collector's own readers, so
 * every position is the one a real file would give.
 */
import assert from 'node:assert/strict';
import { parseDependabot } from '../../src/collectors/repo/dependency-updates.js';
import type { DependabotConfig, RepositoryEvidence, WorkflowFile } from '../../src/collectors/repo/model.js';
import { parseWorkflowFile } from '../../src/collectors/repo/workflows.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { NOW } from './run-check.js';

/** A repository item: an empty git repository at the assessed root, overlaid with `spec`. */
export function repoItem(spec: Partial<RepositoryEvidence> = {}): EvidenceItem<'repository'> {
  const data: RepositoryEvidence = {
    root: '.', git: true, listing: 'git-index', manifests: [], dependencyUpdates: { present: [] }, workflows: [],
    secrets: { total: 0, findings: [] }, files: { listed: 0, scanned: 0, skipped: [] }, ...spec,
  };
  return { id: `repository:${data.root}`, kind: 'repository', collector: 'repo', source: data.root, collectedAt: NOW, data };
}

export function workflow(path: string, lines: string[], kind: WorkflowFile['kind'] = 'workflow'): WorkflowFile {
  const { workflow: parsed, problem } = parseWorkflowFile(lines.join('\n'), kind);
  assert.ok(parsed, `fixture ${path} is not a ${kind}: ${JSON.stringify(problem)}`);
  return { path, ...parsed };
}

export function dependabot(path: string, lines: string[]): DependabotConfig {
  return { path, ...parseDependabot(lines.join('\n')).config };
}
