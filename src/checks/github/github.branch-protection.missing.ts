/**
 * github.branch-protection.missing: the default branch is protected, by classic branch protection or
 * by a ruleset rule that restricts changes (which rules count: ./protection.ts). Either source
 * showing protection is enough, even when the other is denied; only when neither shows it and one
 * could not be seen is the repository not observed.
 */
import type { Check } from '../types.js';
import { readProtection, reportUnseen, type ProtectionSide } from './protection.js';
import { eachRepository, UNSEEN_MESSAGES } from './results.js';

export const check: Check = {
  meta: {
    id: 'github.branch-protection.missing',
    title: 'Default branches of GitHub repositories are protected',
    severity: 'high',
    evidence: ['github-repo'],
    messages: {
      unprotected: 'The default branch {{branch}} of {{subject}} has no branch protection and no ruleset that restricts changes, so anyone with write access can push to it directly, force-push over its history or delete it.',
      protected: 'The default branch {{branch}} of {{subject}} is protected by {{by}}.',
      ...UNSEEN_MESSAGES,
    },
    remediation: 'Protect the default branch with a branch ruleset targeting "Default branch" (Settings > Rules > Rulesets) or a classic rule (Settings > Branches > Add branch protection rule), with at least "Require a pull request before merging", "Block force pushes" and "Restrict deletions".',
  },
  run(context) {
    return eachRepository(context, (repo, results) => {
      const protection = readProtection(repo);
      const protective = protection.seen.filter((side) => side.protective);
      if (protective.length > 0) results.pass('protected', { branch: repo.defaultBranch, by: protective.map(describe).join(' and ') });
      else if (protection.unseen.length > 0) reportUnseen(protection, results);
      else results.fail('unprotected', 'high', { branch: repo.defaultBranch });
    });
  },
};

function describe(side: ProtectionSide): string {
  return side.rules.length > 0 ? `${side.name} (${side.rules.join(', ')})` : side.name;
}
