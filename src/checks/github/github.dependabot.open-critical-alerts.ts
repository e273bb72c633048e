/**
 * github.dependabot.open-critical-alerts: no open Dependabot alert of critical or high severity.
 * Critical alerts make the failure critical. With alerts off there is nothing to count, so the
 * repository is not observed (`alerts-off`, not a finding: github.dependabot.alerts-disabled reports
 * it); staying silent would let this check pass over vulnerabilities nobody can see.
 */
import type { Check } from '../types.js';
import { eachRepository, UNSEEN_MESSAGES } from './results.js';

export const check: Check = {
  meta: {
    id: 'github.dependabot.open-critical-alerts',
    title: 'No open critical or high Dependabot alerts',
    severity: 'high',
    evidence: ['github-repo'],
    messages: {
      'open-alerts': 'The {{subject}} has open Dependabot alerts: {{critical}} critical, {{high}} high, {{medium}} medium, {{low}} low.',
      'no-open-alerts': 'The {{subject}} has no open critical or high Dependabot alert ({{medium}} medium, {{low}} low).',
      'alerts-off': 'Dependabot alerts are off for {{subject}}, so its vulnerable dependencies cannot be seen; turning the alerts on would show them.',
      ...UNSEEN_MESSAGES,
    },
    remediation: 'Fix the open critical and high alerts (Security > Dependabot) by merging Dependabot\'s security updates or upgrading the dependencies; dismiss an alert only with a recorded reason, such as the vulnerable code not being used.',
  },
  run(context) {
    return eachRepository(context, (repo, results) => {
      const dependabot = results.seen(repo.dependabot, 'the Dependabot alerts');
      if (!dependabot) return;
      const { open } = dependabot;
      if (!dependabot.enabled) results.notObserved('alerts-off');
      else if (open.critical + open.high > 0) results.fail('open-alerts', open.critical > 0 ? 'critical' : 'high', { ...open });
      else results.pass('no-open-alerts', { medium: open.medium, low: open.low });
    });
  },
};
