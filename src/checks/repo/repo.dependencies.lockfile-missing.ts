/**
 * repo.dependencies.lockfile-missing (MCP-SC-03): every dependency manifest is locked. A manifest
 * that declares dependencies needs a committed lockfile (in its folder, or above it for workspaces);
 * a requirements file is its own lock only when every requirement is pinned with == or --hash.
 * Manifests that declare no dependencies pass: there is nothing to lock.
 */
import type { ManifestEcosystem } from '../../collectors/repo/model.js';
import type { Check } from '../types.js';
import { at, eachRepository } from './results.js';

const ECOSYSTEM_LABELS: Record<ManifestEcosystem, string> = { npm: 'npm', pip: 'Python', gomod: 'Go', cargo: 'Cargo' };

export const check: Check = {
  meta: {
    id: 'repo.dependencies.lockfile-missing',
    title: 'Dependency manifests have committed lockfiles',
    severity: 'medium',
    evidence: ['repository'],
    messages: {
      'lockfile-missing': 'The {{ecosystem}} manifest {{path}} declares dependencies but no lockfile is committed for it, so each install may resolve different versions that nobody reviewed.',
      'requirement-unpinned': 'The requirements file {{path}} leaves "{{name}}" unpinned (neither == nor --hash), so each install may resolve a different version that nobody reviewed.',
      locked: 'The {{ecosystem}} manifest {{path}} is locked by {{lockfile}}.',
      pinned: 'Every requirement in {{path}} is pinned to an exact version.',
      'no-dependencies': 'The {{ecosystem}} manifest {{path}} declares no dependencies; there is nothing to lock.',
      'no-manifests': 'The repository at {{repository}} has no dependency manifest (package.json, pyproject.toml, Pipfile, requirements*.txt, go.mod, Cargo.toml) in scope.',
    },
    remediation: 'Generate and commit the lockfile (npm install --package-lock-only, pnpm install, uv lock, poetry lock, pipenv lock, go mod tidy, cargo generate-lockfile) or pin requirements with pip-compile --generate-hashes, and install from it in CI (npm ci, uv sync --locked, pip install --require-hashes).',
  },
  run(context) {
    return eachRepository(context, (results) => {
      const { manifests } = results.repo;
      if (manifests.length === 0) results.notApplicable('no-manifests', results.root, 'manifests');
      for (const manifest of manifests) {
        const data = { path: manifest.path, ecosystem: ECOSYSTEM_LABELS[manifest.ecosystem] };
        if (manifest.unpinned) {
          results.fail('requirement-unpinned', 'medium', at(manifest.path, manifest.unpinned), `requirement:${manifest.unpinned.name}`, { ...data, name: manifest.unpinned.name });
        } else if (manifest.noDependencies) results.notApplicable('no-dependencies', at(manifest.path), 'lockfile', data);
        else if (manifest.lockfile === manifest.path) results.pass('pinned', at(manifest.path), 'lockfile', data);
        else if (manifest.lockfile) results.pass('locked', at(manifest.path), 'lockfile', { ...data, lockfile: manifest.lockfile });
        else results.fail('lockfile-missing', 'medium', at(manifest.path, { line: 1, column: 1 }), 'lockfile', data);
      }
    });
  },
};
