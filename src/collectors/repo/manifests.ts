/**
 * Dependency manifests and their lockfiles. A manifest is recognised by name; whether it declares
 * dependencies is read from its content; its lockfile is looked up among the repository's files in
 * its own folder and, where the package manager supports workspaces, in every folder above it.
 * `requirements*.txt` is its own lock when every requirement is pinned with `==` or carries `--hash`.
 */
import path from 'node:path';
import type { SourcePosition } from '../../lib/source-position.js';
import { splitLines } from '../../lib/text-position.js';
import { SKIPPED_FOLDERS } from '../mcp-config/discovery.js';
import { parseJsonDoc, parseTomlDoc, type ParseFailure } from '../mcp-config/source-doc.js';
import type { ManifestEcosystem } from './model.js';
import { asObject } from './values.js';

interface ManifestType {
  ecosystem: ManifestEcosystem;
  lockfiles: readonly string[];
  /** Lockfiles of workspaces sit at the workspace root, above the member's folder. */
  upTree: boolean;
}

const MANIFESTS: Readonly<Record<string, ManifestType>> = {
  'package.json': { ecosystem: 'npm', lockfiles: ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'], upTree: true },
  'pyproject.toml': { ecosystem: 'pip', lockfiles: ['poetry.lock', 'uv.lock', 'pdm.lock'], upTree: true },
  'Pipfile': { ecosystem: 'pip', lockfiles: ['Pipfile.lock'], upTree: false },
  'go.mod': { ecosystem: 'gomod', lockfiles: ['go.sum'], upTree: false },
  'Cargo.toml': { ecosystem: 'cargo', lockfiles: ['Cargo.lock'], upTree: true },
};

const REQUIREMENTS = /^requirements[\w.-]*\.txt$/i;

/** Lockfiles of every common package manager: not scanned for secrets (hashes and URLs, no credentials). */
const LOCKFILE_NAMES = new Set([
  ...Object.values(MANIFESTS).flatMap((m) => m.lockfiles), 'composer.lock', 'Gemfile.lock', 'packages.lock.json', 'flake.lock',
]);

export function isLockfile(rel: string): boolean {
  return LOCKFILE_NAMES.has(path.posix.basename(rel));
}

/** Whether a path lies in a dependency folder (node_modules, vendor, .venv, ...). */
export function inDependencyFolder(rel: string): boolean {
  return rel.split('/').slice(0, -1).some((part) => SKIPPED_FOLDERS.get(part) === 'dependency folder');
}

/** The manifest type of a file name, if it is one. */
export function manifestType(rel: string): ManifestEcosystem | 'requirements' | undefined {
  const name = path.posix.basename(rel);
  if (REQUIREMENTS.test(name)) return 'requirements';
  return MANIFESTS[name]?.ecosystem;
}

/** What a manifest's content says; `problem` when it cannot be parsed (it is then taken to declare dependencies). */
export interface ManifestFacts {
  noDependencies?: boolean;
  /** requirements files: every requirement pinned. */
  pinned?: boolean;
  unpinned?: SourcePosition & { name: string };
  /** package.json: has a `renovate` key. */
  renovate?: boolean;
  problem?: ParseFailure;
}

export function readManifest(rel: string, text: string): ManifestFacts {
  const name = path.posix.basename(rel);
  if (REQUIREMENTS.test(name)) return readRequirements(text);
  if (name === 'go.mod') return { noDependencies: !/^\s*require\b/m.test(text) };
  const parsed = name === 'package.json' ? parseJsonDoc(text) : parseTomlDoc(text);
  if (!parsed.ok) return { problem: parsed.error };
  const value = asObject(parsed.doc.value);
  switch (name) {
    case 'package.json':
      return {
        noDependencies: !['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].some((k) => hasEntries(value[k])),
        ...(value.renovate !== undefined ? { renovate: true } : {}),
      };
    case 'pyproject.toml': return { noDependencies: !pyprojectHasDependencies(value) };
    case 'Pipfile': return { noDependencies: !hasEntries(value.packages) && !hasEntries(value['dev-packages']) };
    default: return { noDependencies: !cargoHasDependencies(value) };
  }
}

/** The lockfile (repository-relative) covering a manifest, looked up with `has`. */
export function findLockfile(rel: string, has: (rel: string) => boolean): string | undefined {
  const type = MANIFESTS[path.posix.basename(rel)];
  if (!type) return undefined;
  let folder = path.posix.dirname(rel);
  for (;;) {
    for (const name of type.lockfiles) {
      const candidate = folder === '.' ? name : `${folder}/${name}`;
      if (has(candidate)) return candidate;
    }
    if (!type.upTree || folder === '.') return undefined;
    folder = path.posix.dirname(folder);
  }
}

function pyprojectHasDependencies(value: Record<string, unknown>): boolean {
  const project = asObject(value.project);
  const tool = asObject(value.tool);
  const poetry = asObject(tool.poetry);
  const poetryDeps = Object.keys(asObject(poetry.dependencies)).filter((k) => k.toLowerCase() !== 'python');
  return hasEntries(project.dependencies) || someHasEntries(project['optional-dependencies']) || someHasEntries(value['dependency-groups'])
    || poetryDeps.length > 0 || Object.values(asObject(poetry.group)).some((g) => hasEntries(asObject(g).dependencies))
    || hasEntries(asObject(tool.uv)['dev-dependencies']) || someHasEntries(asObject(tool.pdm)['dev-dependencies']);
}

function cargoHasDependencies(value: Record<string, unknown>): boolean {
  const tables = [value, asObject(value.workspace), ...Object.values(asObject(value.target)).map(asObject)];
  return hasEntries(asObject(value.workspace).members)
    || tables.some((t) => ['dependencies', 'dev-dependencies', 'build-dependencies'].some((k) => hasEntries(t[k])));
}

/** Options that configure pip rather than name a requirement. */
const PIP_OPTION = /^(?:-[rcifR]\b|--(?:requirement|constraint|index-url|extra-index-url|find-links|trusted-host|no-index|no-binary|only-binary|prefer-binary|pre|require-hashes|use-feature|config-settings|global-option)\b)/;
const EDITABLE = /^(?:-e\b|--editable\b)/;
const REQUIREMENT_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
/** `name[extras] == version` (or `===`), with no wildcard and no other constraint. */
const PINNED = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\])?\s*===?\s*[^\s,;*<>=!~]+$/;

function readRequirements(text: string): ManifestFacts {
  let requirements = 0;
  let unpinned: ManifestFacts['unpinned'];
  for (const { line, column, content } of logicalLines(text)) {
    if (PIP_OPTION.test(content)) continue;
    requirements++;
    const hashed = /(?:^|\s)--hash[=\s]/.test(content);
    const specifier = content.split(/\s--?\w/)[0]!.split(';')[0]!.trim();
    if (unpinned || hashed || (!EDITABLE.test(content) && PINNED.test(specifier))) continue;
    // Only the package name is kept: a URL requirement may carry credentials.
    const name = EDITABLE.test(content) ? undefined : REQUIREMENT_NAME.exec(content)?.[0];
    unpinned = { line, column, name: name ?? '(a direct or editable reference)' };
  }
  if (requirements === 0) return { noDependencies: true };
  return unpinned ? { unpinned } : { pinned: true };
}

/** Requirement lines with `\` continuations joined and comments removed; position of the first character. */
function* logicalLines(text: string): Generator<{ line: number; column: number; content: string }> {
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let joined = lines[i]!;
    while (joined.endsWith('\\') && i + 1 < lines.length) joined = joined.slice(0, -1) + ' ' + lines[++i]!;
    const content = joined.replace(/(?:^|\s)#.*$/, '').trim();
    if (content) yield { line: start + 1, column: joined.length - joined.trimStart().length + 1, content };
  }
}

function hasEntries(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Object.keys(asObject(value)).length > 0;
}

function someHasEntries(value: unknown): boolean {
  return Object.values(asObject(value)).some(hasEntries);
}
