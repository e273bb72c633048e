/**
 * github.org.mfa-not-required: the organisation requires two-factor authentication of its members
 * and outside collaborators (`two_factor_requirement_enabled`, visible to organisation owners only).
 */
import type { Check } from '../types.js';
import { eachOrganisation, UNSEEN_MESSAGES } from './results.js';

export const check: Check = {
  meta: {
    id: 'github.org.mfa-not-required',
    title: 'The GitHub organisation requires two-factor authentication',
    severity: 'high',
    evidence: ['github-org'],
    messages: {
      'not-required': 'The {{subject}} does not require two-factor authentication, so one leaked password gives an attacker a member\'s access to every repository they can reach.',
      required: 'The {{subject}} requires two-factor authentication of every member and outside collaborator.',
      ...UNSEEN_MESSAGES,
    },
    remediation: 'In the organisation\'s Settings > Authentication security, tick "Require two-factor authentication for everyone in the organization"; members and outside collaborators without it are removed, so ask them to enable it first.',
  },
  run(context) {
    return eachOrganisation(context, (org, results) => {
      const required = results.seen(org.twoFactorRequired, 'the two-factor authentication requirement');
      if (required === undefined) return;
      if (required) results.pass('required');
      else results.fail('not-required', 'high');
    });
  },
};
