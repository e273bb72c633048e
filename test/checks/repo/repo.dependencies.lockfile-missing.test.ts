import { check } from '../../../src/checks/repo/repo.dependencies.lockfile-missing.js';
import { repoItem } from '../../helpers/repo-evidence.js';
import { checkTable } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    { name: 'package.json with its lockfile', items: [repoItem({ manifests: [{ path: 'package.json', ecosystem: 'npm', lockfile: 'package-lock.json' }] })], passes: ['locked'] },
    {
      name: 'workspace member locked by the lockfile at the monorepo root',
      items: [repoItem({ manifests: [{ path: 'packages/api/package.json', ecosystem: 'npm', lockfile: 'pnpm-lock.yaml' }] })],
      passes: ['locked'],
    },
    { name: 'requirements pinned throughout', items: [repoItem({ manifests: [{ path: 'requirements.txt', ecosystem: 'pip', lockfile: 'requirements.txt' }] })], passes: ['pinned'] },
    { name: 'manifest without dependencies', items: [repoItem({ manifests: [{ path: 'tools/package.json', ecosystem: 'npm', noDependencies: true }] })], empty: ['no-dependencies'] },
    { name: 'no manifests at all', items: [repoItem()], empty: ['no-manifests'] },
  ],
  invalid: [
    {
      name: 'package.json with dependencies and no lockfile: at the manifest, line 1',
      items: [repoItem({ root: 'billing-service', manifests: [{ path: 'billing-service/package.json', ecosystem: 'npm' }] })],
      errors: [{
        messageId: 'lockfile-missing', severity: 'medium', line: 1, column: 1, key: 'lockfile',
        message: 'The npm manifest billing-service/package.json declares dependencies but no lockfile is committed for it, so each install may resolve different versions that nobody reviewed.',
      }],
    },
    {
      name: 'unpinned requirement: at its line and column, keyed by package name',
      items: [repoItem({ manifests: [{ path: 'requirements-dev.txt', ecosystem: 'pip', unpinned: { line: 4, column: 3, name: 'pytest' } }] })],
      errors: [{
        messageId: 'requirement-unpinned', severity: 'medium', line: 4, column: 3, key: 'requirement:pytest',
        message: 'The requirements file requirements-dev.txt leaves "pytest" unpinned (neither == nor --hash), so each install may resolve a different version that nobody reviewed.',
      }],
    },
    {
      name: 'one result per manifest: Go module without go.sum, Cargo crate locked',
      items: [repoItem({ manifests: [{ path: 'go.mod', ecosystem: 'gomod' }, { path: 'crates/x/Cargo.toml', ecosystem: 'cargo', lockfile: 'Cargo.lock' }] })],
      errors: [{ messageId: 'lockfile-missing', severity: 'medium', line: 1, column: 1, key: 'lockfile', data: { ecosystem: 'Go', path: 'go.mod' } }],
      passes: ['locked'],
    },
  ],
});
