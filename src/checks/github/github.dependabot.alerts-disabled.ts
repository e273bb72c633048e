/**
 * github.dependabot.alerts-disabled: Dependabot alerts are on, so GitHub reports dependencies with
 * known vulnerabilities (github.dependabot.open-critical-alerts reads what they report).
 */
import type { Check } from '../types.js';
import { eachRepository, UNSEEN_MESSAGES } from './results.js';

export const check: Check = {
  meta: {
    id: 'github.dependabot.alerts-disabled',
    title: 'Dependabot alerts are on for GitHub repositories',
    severity: 'medium',
    evidence: ['github-repo'],
    messages: {
      disabled: 'Dependabot alerts are off for {{subject}}, so nobody is told when one of its dependencies has a known vulnerability.',
      enabled: 'Dependabot alerts are on for {{subject}}.',
      ...UNSEEN_MESSAGES,
    },
    remediation: 'In the repository\'s Settings > Code security, enable "Dependabot alerts" (API: PUT /repos/{owner}/{repo}/vulnerability-alerts), or enable them for every repository through the organisation\'s security configuration.',
  },
  run(context) {
    return eachRepository(context, (repo, results) => {
      const dependabot = results.seen(repo.dependabot, 'the Dependabot alerts');
      if (!dependabot) return;
      if (dependabot.enabled) results.pass('enabled');
      else results.fail('disabled', 'medium');
    });
  },
};
