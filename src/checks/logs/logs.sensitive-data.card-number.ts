/**
 * logs.sensitive-data.card-number (MCP-DP-01): no full primary account number in a log. The
 * collector found Luhn-valid card numbers and kept their brand and place only; PCI DSS 4.0.1
 * requires the PAN to be unreadable wherever it is stored, logs included (3.5.1).
 */
import type { Check } from '../types.js';
import { hitCheck } from './hits.js';

export const check: Check = hitCheck(
  {
    id: 'logs.sensitive-data.card-number',
    title: 'Logs hold no full card numbers',
    severity: 'critical',
    evidence: ['log-source'],
    messages: {
      cardNumber: 'Line {{line}} holds a full card number ({{kind}}){{where}}; PCI DSS requires the PAN to be unreadable wherever it is stored, logs included (requirement 3.5.1).',
      moreCardNumbers: 'The file holds {{count}} card numbers on {{lines}} in all; the {{unlisted}} beyond the first {{listed}} are not listed one by one.',
      noCardNumbers: 'No card number was found in the {{lines}} of {{path}}{{unscanned}}.',
    },
    remediation: 'Tokenise or mask card numbers before they are logged (at most the first six and last four digits), then purge the affected lines and their copies; the log store stays in PCI DSS scope until it is clean.',
  },
  {
    select: (data) => data.sensitive.cardNumbers,
    messageIds: { hit: 'cardNumber', unlisted: 'moreCardNumbers', none: 'noCardNumbers' },
  },
);
