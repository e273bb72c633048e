/**
 * The evidence of one repository, in one pass over its files: each file in scope is read once (size
 * capped; binaries, lockfiles and links passed over and counted), scanned for secrets, and handed to
 * the reader its name calls for (manifest, workflow, action, Dependabot, CODEOWNERS). Governance
 * files at the repository top are read even when the scope leaves them out, but not scanned.
 */
import path from 'node:path';
import { evidencePath } from '../../evidence/paths.js';
import type { CollectContext } from '../../evidence/types.js';
import { findRenovateConfig, DEPENDABOT_PATHS, isDockerfile, parseDependabot, presentEcosystems } from './dependency-updates.js';
import type { RepoTarget } from './discover.js';
import { RepoReader, type RepoProblem } from './files.js';
import { countCodeownersRules, findCodeowners, findSecurityPolicy } from './governance.js';
import { inScope, listRepositoryFiles } from './listing.js';
import { findLockfile, inDependencyFolder, isLockfile, manifestType, readManifest } from './manifests.js';
import { MAX_SECRET_FINDINGS, type DependabotConfig, type DependencyManifest, type RepositoryEvidence, type WorkflowFile } from './model.js';
import { scanTextForSecrets } from './secrets-scan.js';
import { isActionPath, isWorkflowPath, parseWorkflowFile } from './workflows.js';

export function collectRepository(target: RepoTarget, context: CollectContext): { evidence: RepositoryEvidence; problems: RepoProblem[] } {
  const reader = new RepoReader(target.root);
  const show = (rel: string) => evidencePath(reader.abs(rel), context.root, context.home);
  const scope = target.scope?.map((p) => path.relative(target.root, p).split(path.sep).join('/'));
  const listing = listRepositoryFiles(target.root, scope);
  const problems = listing.problems;
  const skipped = listing.skipped;

  const types = new Map(listing.files.map((f) => [f.rel, f.type]));
  const has = (rel: string) => types.has(rel);
  const scoped = listing.files.filter((f) => inScope(f.rel, scope));
  const codeowners = findCodeowners(has);
  const dependabotPath = DEPENDABOT_PATHS.find(has);
  const workflowPaths = listing.files.map((f) => f.rel).filter(isWorkflowPath);
  const governance = new Set([codeowners, dependabotPath, ...workflowPaths, 'package.json'].filter((rel): rel is string => rel !== undefined && has(rel)));

  const evidence: RepositoryEvidence = {
    root: evidencePath(target.root, context.root, context.home),
    git: listing.git,
    listing: listing.via,
    ...(target.scope ? { scope: target.scope.map((p) => evidencePath(p, context.root, context.home)) } : {}),
    manifests: [],
    dependencyUpdates: { present: [] },
    workflows: [],
    secrets: { total: 0, findings: [] },
    files: { listed: scoped.length, scanned: 0, skipped: [] },
  };
  const policy = findSecurityPolicy(listing.files.map((f) => f.rel));
  if (policy) evidence.securityPolicy = show(policy);
  const renovate = findRenovateConfig(has);
  if (renovate) evidence.dependencyUpdates.renovate = show(renovate);
  let dependabot: DependabotConfig | undefined;
  let dockerfile: string | undefined;
  const report = (rel: string, code: string, reason: string, at?: { line: number; column: number }) =>
    problems.push({ file: reader.abs(rel), code, reason, ...(at ? { line: at.line, column: at.column } : {}) });

  const toRead = [...new Set([...scoped.map((f) => f.rel), ...governance])];
  for (const rel of toRead) {
    const mine = inScope(rel, scope);
    const type = types.get(rel);
    if (type !== 'file') { if (mine) skipped.add(type!); continue; }
    if (isLockfile(rel)) { if (mine) skipped.add('lockfile'); continue; }
    const isManifest = mine && manifestType(rel) !== undefined && !inDependencyFolder(rel);
    const isAction = mine && isActionPath(rel) && !isWorkflowPath(rel);
    if (mine && !dockerfile && isDockerfile(rel)) dockerfile = show(rel);
    const needed = isManifest || isAction || governance.has(rel);

    const read = reader.read(rel);
    if ('skip' in read) {
      if (mine) skipped.add(read.skip);
      if (needed) report(rel, read.skip, `could not be read (${read.skip.replace(/-/g, ' ')})`);
      continue;
    }
    if (mine) {
      evidence.files.scanned++;
      for (const hit of scanTextForSecrets(read.text)) {
        if (evidence.secrets.total++ < MAX_SECRET_FINDINGS) evidence.secrets.findings.push({ path: show(rel), ...hit });
      }
    }
    if (rel === codeowners) evidence.codeowners = { path: show(rel), rules: countCodeownersRules(read.text) };
    if (rel === dependabotPath) {
      const { config, problem } = parseDependabot(read.text);
      dependabot = { path: show(rel), ...config };
      if (problem) report(rel, problem.code ?? 'parse-error', problem.message, problem);
    }
    if (isWorkflowPath(rel) || isAction) {
      const { workflow, problem } = parseWorkflowFile(read.text, isAction ? 'action' : 'workflow');
      if (problem) report(rel, problem.code, problem.message, problem);
      if (workflow) evidence.workflows.push({ path: show(rel), ...workflow });
    }
    if (isManifest || rel === 'package.json') {
      const facts = readManifest(rel, read.text);
      if (facts.problem) report(rel, facts.problem.code ?? 'parse-error', facts.problem.message, facts.problem);
      if (rel === 'package.json' && facts.renovate && !evidence.dependencyUpdates.renovate) evidence.dependencyUpdates.renovate = show(rel);
      if (isManifest) evidence.manifests.push(manifestOf(rel, facts, show, has));
    }
  }

  if (dependabot) evidence.dependencyUpdates.dependabot = dependabot;
  evidence.dependencyUpdates.present = presentEcosystems(evidence.manifests, evidence.workflows, dockerfile);
  evidence.files.skipped = skipped.entries();
  return { evidence, problems };
}

function manifestOf(rel: string, facts: ReturnType<typeof readManifest>, show: (rel: string) => string, has: (rel: string) => boolean): DependencyManifest {
  const type = manifestType(rel)!;
  const lockfile = facts.pinned ? rel : findLockfile(rel, has);
  return {
    path: show(rel),
    ecosystem: type === 'requirements' ? 'pip' : type,
    ...(lockfile ? { lockfile: show(lockfile) } : {}),
    ...(facts.noDependencies ? { noDependencies: true } : {}),
    ...(facts.unpinned ? { unpinned: facts.unpinned } : {}),
  };
}
