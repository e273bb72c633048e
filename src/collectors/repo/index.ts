/**
 * The local repository collector: one `repository` item per repository (discover.ts says which
 * folders are repositories; repository.ts what is recorded), and one `unreadable-source` item per
 * file or folder that exists but could not be used. Static only: git and every other program are
 * never run, and nothing in a repository is executed; files are only read.
 */
import { evidencePath } from '../../evidence/paths.js';
import type { CollectContext, Collector, EvidenceItem } from '../../evidence/types.js';
import { unreadableSourceId } from '../../evidence/unreadable-source-id.js';
import { findRepositories } from './discover.js';
import type { RepoProblem } from './files.js';
import { collectRepository } from './repository.js';

export const COLLECTOR_ID = 'repo';

export const repoCollector: Collector = {
  id: COLLECTOR_ID,
  title: 'Local repositories: security policy, code owners, lockfiles, dependency updates, CI workflows, committed secrets',
  produces: ['repository', 'unreadable-source'],
  async collect(context: CollectContext): Promise<EvidenceItem[]> {
    const items: EvidenceItem[] = [];
    const ids = new Set<string>();
    const push = (item: EvidenceItem) => {
      // Two problems with one file (rare) keep distinct ids.
      let id = item.id;
      for (let n = 2; ids.has(id); n++) id = `${item.id}#${n}`;
      ids.add(id);
      items.push({ ...item, id });
    };
    const unreadable = (problem: RepoProblem) => {
      const shown = evidencePath(problem.file, context.root, context.home);
      const { file: _file, ...rest } = problem;
      push({ id: unreadableSourceId(COLLECTOR_ID, shown), kind: 'unreadable-source', collector: COLLECTOR_ID, source: shown, collectedAt: context.now, data: { path: shown, ...rest } });
    };

    const { targets, problems } = findRepositories(context);
    problems.forEach(unreadable);
    for (const target of targets) {
      let collected: ReturnType<typeof collectRepository>;
      try {
        collected = collectRepository(target, context);
      } catch (error) {
        // Readers guard every file; this keeps one repository's surprise from losing the others.
        unreadable({ file: target.root, code: 'collector-error', reason: `the repository could not be examined: ${(error as Error).message}` });
        continue;
      }
      const { evidence, problems: repoProblems } = collected;
      push({ id: `repository:${evidence.root}`, kind: 'repository', collector: COLLECTOR_ID, source: evidence.root, collectedAt: context.now, data: evidence });
      repoProblems.forEach(unreadable);
      context.progress?.(`repositories: ${evidence.root}: ${evidence.files.listed} files, ${evidence.files.scanned} scanned`);
    }
    return items;
  },
};
