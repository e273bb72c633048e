/**
 * Automated dependency updates: the Dependabot configuration (`.github/dependabot.yml`) with the
 * `package-ecosystem` of each `updates` entry and its position, Renovate configuration files, and the
 * ecosystems a repository actually uses, named as Dependabot names them.
 */
import path from 'node:path';
import { parseYamlDoc, type ParseFailure } from '../mcp-config/source-doc.js';
import { inDependencyFolder } from './manifests.js';
import { asObject } from './values.js';
import type { DependabotConfig, DependencyManifest, DependencyUpdates, Ecosystem, WorkflowFile } from './model.js';

export const DEPENDABOT_PATHS = ['.github/dependabot.yml', '.github/dependabot.yaml'];
const RENOVATE_PATHS = [
  'renovate.json', 'renovate.json5', '.renovaterc', '.renovaterc.json', '.renovaterc.json5',
  '.github/renovate.json', '.github/renovate.json5', '.gitlab/renovate.json', '.gitlab/renovate.json5',
];

export function findRenovateConfig(has: (rel: string) => boolean): string | undefined {
  return RENOVATE_PATHS.find(has);
}

export function parseDependabot(text: string): { config: Omit<DependabotConfig, 'path'>; problem?: ParseFailure } {
  const parsed = parseYamlDoc(text);
  if (!parsed.ok) return { config: { readable: false, updatesAt: { line: 1, column: 1 }, ecosystems: [] }, problem: parsed.error };
  const { doc } = parsed;
  const updates = asObject(doc.value).updates;
  const ecosystems: DependabotConfig['ecosystems'] = [];
  if (Array.isArray(updates)) {
    updates.forEach((entry: unknown, i) => {
      const value = asObject(entry)['package-ecosystem'];
      if (typeof value === 'string') ecosystems.push({ value, ...(doc.positionOf(['updates', i, 'package-ecosystem']) ?? { line: 1, column: 1 }) });
    });
  }
  return { config: { readable: true, updatesAt: doc.positionOf(['updates'], 'key') ?? { line: 1, column: 1 }, ecosystems } };
}

const DOCKERFILE = /^(?:docker|container)file(?:\.[\w.-]+)?$|\.dockerfile$/i;

/** Ecosystems in use, each with the first file that shows it: manifests that declare dependencies, workflows, Dockerfiles. */
export function presentEcosystems(manifests: DependencyManifest[], workflows: WorkflowFile[], dockerfile: string | undefined): DependencyUpdates['present'] {
  const present = new Map<Ecosystem, string>();
  for (const manifest of manifests) if (!manifest.noDependencies && !present.has(manifest.ecosystem)) present.set(manifest.ecosystem, manifest.path);
  if (workflows[0]) present.set('github-actions', workflows[0].path);
  if (dockerfile) present.set('docker', dockerfile);
  return [...present].map(([ecosystem, file]) => ({ ecosystem, path: file }));
}

export function isDockerfile(rel: string): boolean {
  return DOCKERFILE.test(path.posix.basename(rel)) && !inDependencyFolder(rel);
}
