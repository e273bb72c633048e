/**
 * logs.session-id-in-url (MCP-IA-06): no session identifier in a logged URL (`?sessionId=` of the
 * legacy HTTP+SSE transport, `;jsessionid=`). The kind of a hit is the parameter's name.
 */
import type { Check } from '../types.js';
import { hitCheck } from './hits.js';

export const check: Check = hitCheck(
  {
    id: 'logs.session-id-in-url',
    title: 'Logged URLs carry no session identifiers',
    severity: 'medium',
    evidence: ['log-source'],
    messages: {
      sessionIdInUrl: 'Line {{line}} records a session identifier in the URL parameter {{kind}}{{where}}; anyone who can read the log can replay the session while it is valid.',
      moreSessionIds: 'The file records {{count}} session identifiers in URLs on {{lines}} in all; the {{unlisted}} beyond the first {{listed}} are not listed one by one.',
      noSessionIds: 'No session identifier in a URL was found in the {{lines}} of {{path}}{{unscanned}}.',
    },
    remediation: 'Carry sessions in headers (Mcp-Session-Id, cookies) rather than URLs, moving servers off the HTTP+SSE transport, and mask query parameters in access logs; end the sessions found.',
  },
  {
    select: (data) => data.sessionIdsInUrls,
    messageIds: { hit: 'sessionIdInUrl', unlisted: 'moreSessionIds', none: 'noSessionIds' },
  },
);
