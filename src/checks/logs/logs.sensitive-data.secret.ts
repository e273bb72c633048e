/**
 * logs.sensitive-data.secret (MCP-SE-03): no token, API key, password or private key in a log. The
 * collector recorded each secret's kind (`github-token`, `bearer-token`, ...) and place, never its value.
 */
import type { Check } from '../types.js';
import { hitCheck } from './hits.js';

export const check: Check = hitCheck(
  {
    id: 'logs.sensitive-data.secret',
    title: 'Logs hold no secrets or tokens',
    severity: 'high',
    evidence: ['log-source'],
    messages: {
      secret: 'Line {{line}} holds a credential ({{kind}}){{where}}; anyone who can read the log, its copies or its backups can use it until it is revoked.',
      moreSecrets: 'The file holds {{count}} credentials on {{lines}} in all; the {{unlisted}} beyond the first {{listed}} are not listed one by one.',
      noSecrets: 'No token, key or other credential was found in the {{lines}} of {{path}}{{unscanned}}.',
    },
    remediation: 'Revoke and reissue every credential found, then redact Authorization headers and secret-named fields at the logger; purge the affected lines or restrict who can read them.',
  },
  {
    select: (data) => data.sensitive.secrets,
    messageIds: { hit: 'secret', unlisted: 'moreSecrets', none: 'noSecrets' },
  },
);
