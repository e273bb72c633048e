/**
 * The default branch's protection as both sources show it: classic branch protection and the rules of
 * rulesets that apply to the branch. Either source may be denied on its own (classic protection needs
 * `administration: read`, the rules of a branch do not), so each is read as a separate side and a
 * check decides from the sides it could see.
 *
 * Which ruleset rules count as protection: those that limit who may change or remove the branch, or
 * gate what lands on it: `pull_request`, `required_status_checks`, `required_deployments`,
 * `merge_queue`, `workflows`, `code_scanning`, `non_fast_forward`, `deletion`, `update`. Rules that
 * only shape commits (`required_signatures`, `required_linear_history`, commit message, author and
 * file path patterns) and `creation` do not: with only those, anyone with write access can still
 * push directly, force-push or delete the branch. Classic protection counts whenever it exists, since
 * it blocks force pushes and deletion unless they are allowed explicitly.
 */
import type { BranchProtection, GitHubRepoEvidence } from '../../collectors/github/model.js';
import type { GitHubResults, Unseen } from './results.js';

export const PROTECTIVE_RULES: readonly string[] = [
  'pull_request', 'required_status_checks', 'required_deployments', 'merge_queue', 'workflows', 'code_scanning',
  'non_fast_forward', 'deletion', 'update',
];

/** What one source shows of the branch's protection. */
export interface ProtectionSide {
  name: 'classic branch protection' | 'rulesets';
  protective: boolean;
  /** Protective ruleset rules in force (empty for classic protection). */
  rules: string[];
  /** Approving reviews required before merging, or null when this side requires no pull request. */
  requiredReviews: number | null;
}

interface UnseenSide {
  fact: string;
  /** Key suffix, so both sides can be unseen at once. */
  aspect: string;
  observed: Unseen;
}

export interface Protection {
  seen: ProtectionSide[];
  unseen: UnseenSide[];
}

export function readProtection(repo: GitHubRepoEvidence): Protection {
  const protection: Protection = { seen: [], unseen: [] };
  const { classic, rulesets } = repo.protection;
  if (classic.state === 'ok') protection.seen.push(classicSide(classic.value));
  else protection.unseen.push({ fact: 'the classic branch protection', aspect: 'classic', observed: classic });
  if (rulesets.state === 'ok') protection.seen.push(rulesetSide(rulesets.value));
  else protection.unseen.push({ fact: 'the rulesets', aspect: 'rulesets', observed: rulesets });
  return protection;
}

/** Reports every side that could not be seen, each naming what would show it. */
export function reportUnseen(protection: Protection, results: GitHubResults): void {
  for (const side of protection.unseen) results.unseen(side.fact, side.observed, side.aspect);
}

function classicSide(classic: BranchProtection['classic']): ProtectionSide {
  return {
    name: 'classic branch protection',
    protective: classic !== null,
    rules: [],
    requiredReviews: classic?.requiresPullRequest ? classic.requiredApprovingReviewCount ?? 0 : null,
  };
}

function rulesetSide(rulesets: BranchProtection['rulesets']): ProtectionSide {
  const rules = rulesets.rules.filter((rule) => PROTECTIVE_RULES.includes(rule));
  // A pull_request rule protects even if the collector left it out of `rules`.
  if (rulesets.pullRequest && !rules.includes('pull_request')) rules.push('pull_request');
  return {
    name: 'rulesets',
    protective: rules.length > 0,
    rules: [...new Set(rules)].sort(),
    requiredReviews: rulesets.pullRequest ? rulesets.pullRequest.requiredApprovingReviewCount : null,
  };
}
