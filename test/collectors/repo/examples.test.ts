/**
 * The demo estate: examples/billing-service is a weak repository, examples/clinical-assistant a good
 * one (its only finding is the inline credential its MCP configuration was written with).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { check as codeowners } from '../../../src/checks/repo/repo.codeowners.missing.js';
import { check as lockfile } from '../../../src/checks/repo/repo.dependencies.lockfile-missing.js';
import { check as updates } from '../../../src/checks/repo/repo.dependency-updates.unconfigured.js';
import { check as permissions } from '../../../src/checks/repo/repo.ci.excessive-permissions.js';
import { check as unpinned } from '../../../src/checks/repo/repo.ci.unpinned-action.js';
import { check as committed } from '../../../src/checks/repo/repo.secrets.committed.js';
import { check as policy } from '../../../src/checks/repo/repo.security-policy.missing.js';
import { PACKAGE_ROOT } from '../../../src/lib/package-root.js';
import { runCheck } from '../../helpers/run-check.js';
import { collect, repositories, unreadable } from './helpers.js';

const EXAMPLES = path.join(PACKAGE_ROOT, 'examples');

describe('demo estate repositories', () => {
  it('fails the weak repository on every repo check and passes the good one but for its inline credential', async () => {
    const items = await collect({ root: EXAMPLES, repos: ['billing-service', 'clinical-assistant'].map((r) => path.join(EXAMPLES, r)) });
    assert.deepEqual(repositories(items).map((r) => [r.root, r.listing]), [['billing-service', 'walk'], ['clinical-assistant', 'walk']]);
    assert.deepEqual(unreadable(items), []);
    const results = [policy, codeowners, lockfile, updates, unpinned, permissions, committed].flatMap((check) =>
      runCheck(check, items).map((r) => `${r.status} ${check.meta.id} ${r.severity ?? '-'} ${r.location.path}:${r.location.line ?? ''}:${r.location.column ?? ''} ${r.messageId}`));
    const release = 'billing-service/.github/workflows/release.yml';
    assert.deepEqual(results, [
      'fail repo.security-policy.missing low billing-service:: missing',
      'pass repo.security-policy.missing - clinical-assistant/SECURITY.md:: present',
      'fail repo.codeowners.missing medium billing-service:: missing',
      'pass repo.codeowners.missing - clinical-assistant/.github/CODEOWNERS:: present',
      'fail repo.dependencies.lockfile-missing medium billing-service/package.json:1:1 lockfile-missing',
      'pass repo.dependencies.lockfile-missing - clinical-assistant/package.json:: locked',
      'fail repo.dependency-updates.unconfigured medium billing-service:: unconfigured',
      'pass repo.dependency-updates.unconfigured - clinical-assistant/.github/dependabot.yml:: dependabot',
      `fail repo.ci.unpinned-action medium ${release}:16:15 unpinned-action`,
      `fail repo.ci.unpinned-action medium ${release}:19:15 unpinned-action`,
      `fail repo.ci.unpinned-action medium ${release}:28:15 unpinned-action`,
      `fail repo.ci.unpinned-action medium ${release}:29:15 unpinned-action`,
      `fail repo.ci.unpinned-action high ${release}:36:15 unpinned-action`,
      'pass repo.ci.unpinned-action - clinical-assistant/.github/workflows/ci.yml:: pinned',
      `fail repo.ci.excessive-permissions medium ${release}:13:3 default-permissions`,
      `fail repo.ci.excessive-permissions critical ${release}:18:16 pull-request-target-checkout`,
      `fail repo.ci.excessive-permissions medium ${release}:24:3 default-permissions`,
      'pass repo.ci.excessive-permissions - clinical-assistant/.github/workflows/ci.yml:: least-privilege',
      'fail repo.secrets.committed critical billing-service/.env:6:13 committed-secret',
      'fail repo.secrets.committed critical clinical-assistant/.cursor/mcp.json:12:25 committed-secret',
    ]);
  });
});
