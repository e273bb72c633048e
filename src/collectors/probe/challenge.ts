/** `WWW-Authenticate` of a 401 (RFC 9110 §11.6.1, RFC 6750 §3, RFC 9728 §5.1): the first challenge, parsed. */

export interface Challenge {
  scheme: string;
  resourceMetadata?: string;
  scope?: string;
  error?: string;
}

const PARAM = /([A-Za-z0-9_!#$%&'*+.^`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/y;

/** The first challenge of the header (a Bearer one when several are offered), or undefined when it has no scheme. */
export function parseChallenge(header: string): Challenge | undefined {
  const challenges = splitChallenges(header);
  const chosen = challenges.find((c) => c.scheme.toLowerCase() === 'bearer') ?? challenges[0];
  if (!chosen) return undefined;
  const out: Challenge = { scheme: chosen.scheme };
  const resourceMetadata = chosen.params.get('resource_metadata');
  if (resourceMetadata !== undefined) out.resourceMetadata = resourceMetadata;
  const scope = chosen.params.get('scope');
  if (scope !== undefined) out.scope = scope;
  const error = chosen.params.get('error');
  if (error !== undefined) out.error = error;
  return out;
}

function splitChallenges(header: string): Array<{ scheme: string; params: Map<string, string> }> {
  const out: Array<{ scheme: string; params: Map<string, string> }> = [];
  let at = 0;
  const skip = (pattern: RegExp) => { while (at < header.length && pattern.test(header[at]!)) at++; };
  while (at < header.length) {
    skip(/[\s,]/);
    const scheme = /^[A-Za-z0-9_!#$%&'*+.^`|~-]+/.exec(header.slice(at))?.[0];
    if (!scheme) break;
    at += scheme.length;
    const params = new Map<string, string>();
    for (;;) {
      skip(/[\s,]/);
      PARAM.lastIndex = at;
      const match = PARAM.exec(header);
      if (!match) break;
      params.set(match[1]!.toLowerCase(), match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!);
      at = PARAM.lastIndex;
    }
    // token68 (Basic abc==) or the next scheme: a bare token starts the next challenge.
    out.push({ scheme, params });
    if (params.size === 0) {
      const token68 = /^\s+[A-Za-z0-9._~+/-]+=*(?=\s*(,|$))/.exec(header.slice(at));
      if (token68) at += token68[0].length;
    }
  }
  return out;
}
