/**
 * What every GitHub check promises: one file per id, named after it; complete-sentence messages,
 * including the shared ones for facts the API did not show; no results without evidence
 * (not_observed); and for every organisation or repository it reads, at least one result, located at
 * `github:<name>` with no line, keyed `org:`/`repo:`, carrying the item id, whatever the API showed.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SEVERITIES } from '../../../src/catalog/model.js';
import { UNSEEN_MESSAGES } from '../../../src/checks/github/results.js';
import { CHECK_IDS } from '../../../src/checks/ids.js';
import type { Check } from '../../../src/checks/types.js';
import type { EvidenceItem } from '../../../src/evidence/types.js';
import { PACKAGE_ROOT } from '../../../src/lib/package-root.js';
import { apiError, classic, denied, LEAKY_ERROR, ok, orgItem, repoItem, rulesets } from '../../helpers/github-evidence.js';
import { renderMessage, runCheck } from '../../helpers/run-check.js';

const IDS = CHECK_IDS.filter((id) => id.startsWith('github.'));

const checks: Check[] = await Promise.all(IDS.map(async (id) => (await import(`../../../src/checks/github/${id}.js`) as { check: Check }).check));

/** A well-kept, a neglected, a hidden and a broken organisation and repository. */
const items: EvidenceItem[] = [
  orgItem(),
  orgItem({ org: 'neglected', twoFactorRequired: ok(false), workflowTokenPermissions: ok({ default: 'write', canApprovePullRequestReviews: true }) }),
  orgItem({ org: 'hidden', twoFactorRequired: denied('organization administration: read'), workflowTokenPermissions: denied('organization administration: read') }),
  orgItem({ org: 'broken', twoFactorRequired: apiError(LEAKY_ERROR), workflowTokenPermissions: apiError(LEAKY_ERROR) }),
  repoItem(),
  repoItem({
    repo: 'acme/neglected', protection: { classic: ok(null), rulesets: ok(rulesets()) }, secretScanning: ok({ enabled: false, pushProtection: null }),
    dependabot: ok({ enabled: false, open: { critical: 0, high: 0, medium: 0, low: 0 } }), workflowTokenPermissions: ok({ default: 'write', canApprovePullRequestReviews: true }),
  }),
  repoItem({
    repo: 'acme/hidden', protection: { classic: denied('administration: read'), rulesets: denied('metadata: read') }, secretScanning: denied('administration: read'),
    dependabot: denied('dependabot alerts: read'), workflowTokenPermissions: denied('administration: read'),
  }),
  repoItem({
    repo: 'acme/broken', protection: { classic: apiError(LEAKY_ERROR), rulesets: apiError(LEAKY_ERROR) }, secretScanning: apiError(LEAKY_ERROR),
    dependabot: apiError(LEAKY_ERROR), workflowTokenPermissions: apiError(LEAKY_ERROR),
  }),
  repoItem({ repo: 'acme/rulesets-only', protection: { classic: denied('administration: read'), rulesets: ok(rulesets(['deletion', 'non_fast_forward'], 1)) } }),
  repoItem({ repo: 'acme/no-review', protection: { classic: ok(classic(0)) }, dependabot: ok({ enabled: true, open: { critical: 1, high: 2, medium: 3, low: 4 } }) }),
];

describe('GitHub checks: contract', () => {
  it('every github.* check id has a check, in order', () => {
    assert.deepEqual(checks.map((c) => c.meta.id), IDS);
    assert.equal(IDS.length, 7);
  });

  for (const check of checks) {
    describe(check.meta.id, () => {
      it('is named after its file and reads GitHub evidence only', () => {
        assert.ok(fs.existsSync(path.join(PACKAGE_ROOT, 'src', 'checks', 'github', `${check.meta.id}.ts`)));
        assert.ok(check.meta.evidence.length > 0 && check.meta.evidence.every((kind) => kind === 'github-org' || kind === 'github-repo'));
        assert.ok(SEVERITIES.includes(check.meta.severity));
        assert.ok(check.meta.remediation.length > 40 && check.meta.remediation.split(/[.!?](?:\s|$)/).filter(Boolean).length <= 2);
      });
      it('has complete-sentence messages, with the shared ones for unseen facts', () => {
        for (const [id, text] of Object.entries(check.meta.messages)) assert.match(text, /^[A-Z].*[.]$/s, `${id} is not a sentence`);
        for (const [id, text] of Object.entries(UNSEEN_MESSAGES)) assert.equal(check.meta.messages[id], text);
      });
      it('returns nothing without evidence (not_observed)', () => {
        assert.deepEqual(runCheck(check, []), []);
      });
      it('says something about every organisation or repository it reads, where it reads it', () => {
        const read = items.filter((item) => check.meta.evidence.includes(item.kind));
        const results = runCheck(check, items);
        for (const item of read) assert.ok(results.some((r) => r.evidenceId === item.id), `nothing about ${item.id}`);
        for (const result of results) {
          const item = read.find((i) => i.id === result.evidenceId)!;
          const name = item.kind === 'github-org' ? (item as EvidenceItem<'github-org'>).data.org : (item as EvidenceItem<'github-repo'>).data.repo;
          assert.deepEqual(result.location, { path: `github:${name}` });
          assert.match(result.key, new RegExp(`^${item.kind === 'github-org' ? 'org' : 'repo'}:${name}(#[a-z-]+)?$`));
          assert.equal(result.status === 'fail', result.severity !== undefined, `${result.messageId}: severity on fails only`);
          const text = JSON.stringify({ data: result.data, key: result.key, message: renderMessage(check, result) });
          assert.ok(!/ghp_|access_token/.test(text), `${result.messageId} leaks the token: ${text}`);
        }
      });
      it('never passes or fails a hidden or broken organisation or repository', () => {
        const results = runCheck(check, items).filter((r) => /hidden|broken/.test(r.evidenceId));
        assert.ok(results.length > 0);
        assert.deepEqual([...new Set(results.map((r) => r.status))], ['not_observed']);
      });
    });
  }
});
