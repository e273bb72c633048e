/**
 * github.secret-scanning.disabled: GitHub scans the repository for committed secrets and blocks pushes
 * that contain them. Scanning off is one failure; scanning on without push protection is another
 * (its own key, so an exception for one never covers the other).
 */
import type { Check } from '../types.js';
import { eachRepository, UNSEEN_MESSAGES } from './results.js';

export const check: Check = {
  meta: {
    id: 'github.secret-scanning.disabled',
    title: 'GitHub secret scanning and push protection are on',
    severity: 'high',
    evidence: ['github-repo'],
    messages: {
      disabled: 'Secret scanning is off for {{subject}}, so GitHub neither alerts on committed credentials nor blocks pushes that contain them.',
      'push-protection-off': 'Secret scanning is on for {{subject}} but push protection is off, so a credential is reported only after it has been pushed.',
      'push-protection-unknown': 'GitHub did not report whether push protection is on for {{subject}} (security_and_analysis.secret_scanning_push_protection is absent); it is reported where secret scanning is available to the repository\'s plan.',
      enabled: 'Secret scanning and push protection are on for {{subject}}.',
      ...UNSEEN_MESSAGES,
    },
    remediation: 'In the repository\'s Settings > Code security (or organisation-wide with a security configuration), enable "Secret Protection" with "Secret scanning" and "Push protection" (API: security_and_analysis.secret_scanning and secret_scanning_push_protection, status: enabled).',
  },
  run(context) {
    return eachRepository(context, (repo, results) => {
      const scanning = results.seen(repo.secretScanning, 'the secret scanning settings');
      if (!scanning) return;
      if (!scanning.enabled) results.fail('disabled', 'high');
      else if (scanning.pushProtection === false) results.fail('push-protection-off', 'medium', {}, 'push-protection');
      // Never a pass on an absent setting: it stays unseen.
      else if (scanning.pushProtection === null) results.notObserved('push-protection-unknown', {}, 'push-protection');
      else results.pass('enabled');
    });
  },
};
