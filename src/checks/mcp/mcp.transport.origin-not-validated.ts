/**
 * mcp.transport.origin-not-validated (probe): the Streamable HTTP transport requires servers to
 * validate the `Origin` header, so that a web page cannot reach a server on the user's machine or
 * network through DNS rebinding. The probe sends `initialize` with a foreign `Origin` to loopback and
 * private endpoints:
 * - accepted by a loopback or private-address endpoint: high (any web page the user opens can call it);
 * - accepted by an endpoint on a public address: medium (the transport's MUST is broken, but a
 *   rebound name cannot reach it from a victim's browser with more than the public has);
 * - refused: pass. Any other answer (a 401 before Origin is looked at, a 5xx) tells nothing about
 *   Origin: not_observed, saying what came back. Public endpoints the probe did not test:
 *   not_applicable; loopback or private endpoints not tested: not_observed with the reason.
 * Only literal addresses and loopback names are known to be local: the evidence carries no resolved
 * address, so a public-looking name that resolves to a private address counts as public.
 */
import type { Check } from '../types.js';
import { PROBE_MESSAGES, eachEndpoint, isLocalOrPrivateUrl } from './probe.js';

export const check: Check = {
  meta: {
    id: 'mcp.transport.origin-not-validated',
    title: 'Local and private MCP endpoints refuse requests from foreign origins',
    severity: 'high',
    evidence: ['probe-endpoint'],
    messages: {
      ...PROBE_MESSAGES,
      foreignOriginAccepted: 'The endpoint {{url}}{{referenced}} answered initialize sent with the foreign Origin {{origin}} (HTTP {{status}}) instead of refusing it with 403: through DNS rebinding, any web page the user opens can call this local or private server.',
      foreignOriginAcceptedPublic: 'The endpoint {{url}}{{referenced}} answered initialize sent with the foreign Origin {{origin}} (HTTP {{status}}): the MCP transport requires servers to validate Origin.',
      foreignOriginRefused: 'The endpoint {{url}} refused initialize sent with the foreign Origin {{origin}} (HTTP {{status}}).',
      originInconclusive: 'The endpoint {{url}}{{referenced}} answered initialize sent with the foreign Origin {{origin}} with HTTP {{status}}, which neither serves nor refuses it: whether it validates Origin cannot be seen without a credential (probe.credentials).',
      publicEndpoint: 'The endpoint {{url}} is not a loopback or private address, and the probe sent no foreign Origin to it (DNS rebinding targets servers on the user\'s machine or network).',
    },
    remediation: 'Validate the Origin header on every request and answer 403 to origins that are not allowed (the MCP SDKs\' DNS-rebinding protection: allowedOrigins and allowedHosts), bind local servers to 127.0.0.1, and require a token even on loopback.',
  },
  run(context) {
    return eachEndpoint(context.evidence('probe-endpoint'), (results) => {
      const { originCheck, url } = results.endpoint;
      const local = isLocalOrPrivateUrl(url);
      if (!originCheck) {
        if (!local) return results.notApplicable('publicEndpoint', 'origin');
        return results.unreached('the answer to a foreign Origin', 'origin');
      }
      const data = { origin: originCheck.origin, status: originCheck.status ?? 'no status' };
      const answered = originCheck.status !== undefined && originCheck.status >= 200 && originCheck.status < 300;
      if (originCheck.refused) results.pass('foreignOriginRefused', 'origin', data);
      else if (!answered) results.notObserved('originInconclusive', 'origin', data);
      else if (local) results.fail('foreignOriginAccepted', 'high', 'origin', data);
      else results.fail('foreignOriginAcceptedPublic', 'medium', 'origin', data);
    });
  },
};
