/**
 * repo.security-policy.missing (MCP-VM-05): the repository publishes a vulnerability disclosure
 * policy where GitHub looks for one: SECURITY.md in the root, `.github/` or `docs/`.
 */
import type { Check } from '../types.js';
import { at, eachRepository } from './results.js';

export const check: Check = {
  meta: {
    id: 'repo.security-policy.missing',
    title: 'Repositories publish a security policy (SECURITY.md)',
    severity: 'low',
    evidence: ['repository'],
    messages: {
      missing: 'The repository at {{repository}} has no SECURITY.md in its root, .github/ or docs/ folder, so a reporter finds no private way to disclose a vulnerability.',
      present: 'The repository at {{repository}} publishes its security policy in {{path}}.',
    },
    remediation: 'Add a SECURITY.md to the root, .github/ or docs/ that names a private reporting channel (GitHub private vulnerability reporting or a monitored address), the supported versions and how quickly reports are acknowledged.',
  },
  run(context) {
    return eachRepository(context, (results) => {
      const policy = results.repo.securityPolicy;
      if (policy) results.pass('present', at(policy), 'security-policy', { path: policy });
      else results.fail('missing', 'low', results.root, 'security-policy');
    });
  },
};
