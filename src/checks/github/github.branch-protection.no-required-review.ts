/**
 * github.branch-protection.no-required-review: changes reach the default branch only through a pull
 * request with at least one approving review. The reviews required are the larger of classic
 * protection's and the rulesets' pull_request rule, so either source requiring one is enough even
 * when the other is denied. An unprotected branch fails here too (`unprotected`): it requires no
 * review, and staying silent would let this check pass while a repository takes unreviewed changes.
 */
import type { Check } from '../types.js';
import { readProtection, reportUnseen } from './protection.js';
import { eachRepository, UNSEEN_MESSAGES } from './results.js';

export const check: Check = {
  meta: {
    id: 'github.branch-protection.no-required-review',
    title: 'Changes to default branches need an approving review',
    severity: 'high',
    evidence: ['github-repo'],
    messages: {
      unprotected: 'The default branch {{branch}} of {{subject}} is not protected, so changes land on it without any review.',
      'no-pull-request': 'The default branch {{branch}} of {{subject}} is protected but does not require a pull request, so changes can be pushed to it without review.',
      'no-approvals': 'The default branch {{branch}} of {{subject}} requires a pull request but no approving review, so an author can merge their own change unreviewed.',
      'reviews-required': 'The default branch {{branch}} of {{subject}} requires {{count}} approving review(s) before merging ({{by}}).',
      ...UNSEEN_MESSAGES,
    },
    remediation: 'In the default branch\'s ruleset (or classic branch protection rule), enable "Require a pull request before merging" with "Required approvals" set to at least 1 (API: required_approving_review_count).',
  },
  run(context) {
    return eachRepository(context, (repo, results) => {
      const protection = readProtection(repo);
      const branch = repo.defaultBranch;
      const reviewing = protection.seen.filter((side) => (side.requiredReviews ?? 0) > 0);
      if (reviewing.length > 0) {
        const count = Math.max(...reviewing.map((side) => side.requiredReviews ?? 0));
        results.pass('reviews-required', { branch, count, by: reviewing.map((side) => side.name).join(' and ') });
      } else if (protection.unseen.length > 0) {
        reportUnseen(protection, results); // the side we cannot see may be the one requiring reviews
      } else if (!protection.seen.some((side) => side.protective)) {
        results.fail('unprotected', 'high', { branch });
      } else if (protection.seen.every((side) => side.requiredReviews === null)) {
        results.fail('no-pull-request', 'high', { branch });
      } else {
        results.fail('no-approvals', 'high', { branch });
      }
    });
  },
};
