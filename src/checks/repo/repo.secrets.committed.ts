/**
 * repo.secrets.committed (MCP-SE-02): no secret in the repository's files. The collector scanned
 * every tracked text file and recorded each secret's kind and place, never its value; this check
 * fails once per finding, keyed by kind and its order among that kind in the file (stable when other
 * lines move), and once more when there were more findings than the evidence lists.
 */
import type { Check } from '../types.js';
import { kindLabel } from '../mcp/mcp.secrets.inline-credential.js';
import { at, eachRepository } from './results.js';

export const check: Check = {
  meta: {
    id: 'repo.secrets.committed',
    title: 'No secrets are committed to repositories',
    severity: 'critical',
    evidence: ['repository'],
    messages: {
      'committed-secret': 'A committed {{kind}} is in {{path}} at line {{line}}; anyone who can read the repository, a clone of it or its history can use it.',
      'more-secrets': 'The repository at {{repository}} holds {{total}} committed secrets; only the first {{listed}} are listed one by one.',
      'no-secrets': 'No secret was found in the {{scanned}} file(s) scanned in the repository at {{repository}} ({{skipped}} passed over: binaries, lockfiles, links, files over 2 MiB).',
    },
    remediation: 'Revoke each exposed credential at its issuer and issue a new one, remove it from the files (and from history where policy requires), load secrets from the environment or a secret manager, and enable secret scanning with push protection.',
  },
  run(context) {
    return eachRepository(context, (results) => {
      const { secrets, files } = results.repo;
      const seen = new Map<string, number>();
      for (const finding of secrets.findings) {
        const ordinal = (seen.get(`${finding.path}\u0000${finding.kind}`) ?? 0) + 1;
        seen.set(`${finding.path}\u0000${finding.kind}`, ordinal);
        results.fail('committed-secret', 'critical', at(finding.path, finding), `secret:${finding.kind}#${ordinal}`, {
          path: finding.path, line: finding.line, kind: kindLabel(finding.kind), secretKind: finding.kind,
        });
      }
      if (secrets.total > secrets.findings.length) {
        results.fail('more-secrets', 'critical', results.root, 'secrets-total', { total: secrets.total, listed: secrets.findings.length });
      }
      if (secrets.total === 0) {
        results.pass('no-secrets', results.root, 'secrets', { scanned: files.scanned, skipped: files.skipped.reduce((n, s) => n + s.count, 0) });
      }
    });
  },
};
