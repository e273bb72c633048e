/**
 * logs.sensitive-data.national-id (MCP-DP-02): no national identifier (`us-ssn`, `uk-nino`) in a
 * log; it identifies a person directly and no audit purpose needs it in clear.
 */
import type { Check } from '../types.js';
import { hitCheck } from './hits.js';

export const check: Check = hitCheck(
  {
    id: 'logs.sensitive-data.national-id',
    title: 'Logs hold no national identifiers',
    severity: 'high',
    evidence: ['log-source'],
    messages: {
      nationalId: 'Line {{line}} holds a national identifier ({{kind}}){{where}}; it identifies a person directly and the audit trail does not need it.',
      moreNationalIds: 'The file holds {{count}} national identifiers on {{lines}} in all; the {{unlisted}} beyond the first {{listed}} are not listed one by one.',
      noNationalIds: 'No national identifier was found in the {{lines}} of {{path}}{{unscanned}}.',
    },
    remediation: 'Mask or pseudonymise national identifiers in tool arguments and results before they are logged, and purge the affected entries the audit purpose does not need.',
  },
  {
    select: (data) => data.sensitive.nationalIds,
    messageIds: { hit: 'nationalId', unlisted: 'moreNationalIds', none: 'noNationalIds' },
  },
);
