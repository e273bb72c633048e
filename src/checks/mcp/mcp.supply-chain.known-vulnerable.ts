/**
 * mcp.supply-chain.known-vulnerable (MCP-VM-01, mcp-formats §3.5 SUP-005 and §7): no configured MCP
 * component resolves to a version affected by a known advisory. Reads the `advisory-db` evidence
 * (built-in advisories/mcp-known-vulnerable.yaml plus any the user adds) and the packages that
 * configurations fetch: npm-style and Python runner specs (-p/--package, --from, --with included),
 * server.json packages (normalised to the same runner command), and globally installed bridge or
 * inspector binaries called by name.
 *
 * - an exact version inside the affected range fails at the advisory's severity;
 * - no version, a range that overlaps the affected range, a tag other than `latest`, a variable or a
 *   git source cannot be excluded, so it fails too, with its own message, one severity level lower;
 *   `@latest` resolves to the newest release, at or above the recorded fix, so it is not affected.
 * An advisory with `appliesTo.transports` (the SDK DNS-rebinding advisories hold only for HTTP
 * servers) is weighed against the transport the server serves (served-transport.ts):
 * - a server that serves another transport (a stdio server the client starts, with no transport
 *   option) is not affected, and its pass says why;
 * - a server whose transport the configuration leaves open (a transport option or variable whose value
 *   is resolved at run time, or an unknown word) is `not_observed`, at the value that decides it. Not a
 *   finding, even a lower one: unlike an unpinned version, which is itself a defect the configuration
 *   shows, an open transport is not wrong, and calling the server affected would be the false finding
 *   issue 19 reports; not a pass either, which would claim it unaffected. DESIGN §5 names this case
 *   ("the configuration alone cannot decide") not_observed, which keeps the check and its control
 *   from passing while the message says what would decide it.
 * Without advisory data the check has no evidence and returns nothing (not_observed).
 */
import semver from 'semver';
import type { Severity } from '../../catalog/model.js';
import type { Advisory } from '../../collectors/advisories/model.js';
import type { McpServer } from '../../collectors/mcp-config/model.js';
import type { Check } from '../types.js';
import { normalisePypiName, parseInvocation, tokenField, type ArgToken, type Pin } from './command-line.js';
import { argKey } from './locate.js';
import { eachConfig, type Data } from './results.js';
import { servedTransport } from './served-transport.js';
import { safeText } from './url.js';

/** Binaries that identify a package when called by name (installed globally, version unknown). */
const KNOWN_BINARIES: Record<string, { ecosystem: 'npm' | 'pypi'; name: string }> = {
  'mcp-remote': { ecosystem: 'npm', name: 'mcp-remote' },
  'mcp-inspector': { ecosystem: 'npm', name: '@modelcontextprotocol/inspector' },
};

/** `streamable-http or sse`. */
function either(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words[0] ?? '';
}

const LOWER: Record<Severity, Severity> = { critical: 'high', high: 'medium', medium: 'low', low: 'low' };

interface Use {
  ecosystem: 'npm' | 'pypi';
  name: string;
  pin: Pin;
  token: ArgToken;
  spec: string;
}

function packageKey(ecosystem: string, name: string): string {
  return `${ecosystem}:${ecosystem === 'pypi' ? normalisePypiName(name) : name.toLowerCase()}`;
}

/** npm versions are semver; PEP 440 releases (`1.9`, `1.23.0rc1`) are mapped onto semver for range tests. */
export function toSemver(version: string, ecosystem: 'npm' | 'pypi'): string | undefined {
  const direct = semver.valid(version);
  if (direct) return direct;
  if (ecosystem !== 'pypi') return semver.valid(semver.coerce(version)) ?? undefined;
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.\d+)*(?:[-_.]?(a|b|rc|c|alpha|beta|pre|preview)[-_.]?(\d*))?/i.exec(version);
  if (!m) return undefined;
  const pre = m[4] ? `-${m[4].toLowerCase() === 'c' ? 'rc' : m[4].toLowerCase()}.${m[5] || 0}` : '';
  return semver.valid(`${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}${pre}`) ?? undefined;
}

type Verdict = { affected: true; exact: string } | { affected: 'maybe' } | { affected: false };

function judge(use: Use, advisory: Advisory): Verdict {
  const options = { includePrerelease: true, loose: true };
  switch (use.pin.kind) {
    case 'exact': {
      const version = toSemver(use.pin.version, use.ecosystem);
      if (!version) return { affected: 'maybe' };
      return semver.satisfies(version, advisory.affected, options) ? { affected: true, exact: use.pin.version } : { affected: false };
    }
    case 'range':
      if (use.ecosystem === 'npm' && semver.validRange(use.pin.range, options)) {
        return semver.intersects(use.pin.range, advisory.affected, options) ? { affected: 'maybe' } : { affected: false };
      }
      return { affected: 'maybe' };
    case 'tag':
      return use.pin.tag.toLowerCase() === 'latest' && advisory.fixed ? { affected: false } : { affected: 'maybe' };
    case 'local':
      return { affected: false };
    default:
      return { affected: 'maybe' };
  }
}

export const check: Check = {
  meta: {
    id: 'mcp.supply-chain.known-vulnerable',
    title: 'No MCP component with a known vulnerability is configured',
    severity: 'high',
    evidence: ['mcp-config', 'advisory-db'],
    messages: {
      affectedVersion: 'Server "{{server}}"{{state}} in the {{client}} configuration runs {{package}} {{version}}, which is affected by {{advisory}}{{condition}}: {{summary}}. Upgrade to {{fixed}} or later.',
      affectedVersionNoFix: 'Server "{{server}}"{{state}} in the {{client}} configuration runs {{package}} {{version}}, which is affected by {{advisory}}{{condition}}: {{summary}}. No fixed release is recorded; disable the server or put a compensating control in place.',
      versionNotExcluded: 'Server "{{server}}"{{state}} in the {{client}} configuration runs {{package}} without an exact version ({{spec}}), so it may resolve to a release affected by {{advisory}} (versions {{affected}}){{condition}}: {{summary}}. Pin {{fixedText}}.',
      transportUndecided: 'Server "{{server}}"{{state}} in the {{client}} configuration runs {{package}} {{release}}, which {{advisory}} affects only when the server serves {{transports}}: {{summary}}. The configuration does not show which transport it serves: {{why}}. Write the transport into the configuration as a literal value, or pin {{fixedText}}.',
      notAffected: 'Server "{{server}}"{{state}} in the {{client}} configuration runs no package version listed in the advisory database.',
      notAffectedTransport: 'Server "{{server}}"{{state}} in the {{client}} configuration runs {{package}} {{release}}, but {{advisory}} holds only for servers that serve {{transports}}, and this one serves {{served}} ({{by}}).',
      noPackages: 'The {{client}} configuration {{path}} starts no server from a package that the advisory database can be matched against.',
    },
    remediation: 'Upgrade the affected package and its pin (e.g. "mcp-remote@0.1.16" or later), restart the client so the new version is loaded, and re-run the assessment. Where no fix exists, disable the server or the affected tool and record an exception with an expiry date.',
  },
  run(context) {
    const databases = context.evidence('advisory-db');
    if (databases.length === 0) return []; // no advisory data: nothing can be decided (not_observed)
    const advisories = databases.flatMap((item) => item.data.advisories)
      .filter((a) => semver.validRange(a.affected, { loose: true, includePrerelease: true }) !== null);
    const byPackage = new Map<string, Advisory[]>();
    for (const advisory of advisories) {
      const key = packageKey(advisory.ecosystem, advisory.package);
      byPackage.set(key, [...(byPackage.get(key) ?? []), advisory]);
    }
    return eachConfig(context, (results) => {
      // Servers cleared of an advisory by their transport alone: their pass says which and why.
      const clearedByTransport = new Map<McpServer, Data>();
      for (const server of results.file.servers) {
        const invocation = parseInvocation(server);
        const uses: Use[] = [];
        for (const pkg of invocation.packages) {
          if (pkg.name && pkg.pin.kind !== 'local') uses.push({ ecosystem: pkg.ecosystem, name: pkg.name, pin: pkg.pin, token: pkg.token, spec: safeText(pkg.spec) });
        }
        const binary = invocation.kind === 'direct' ? KNOWN_BINARIES[invocation.runner] : undefined;
        if (binary && invocation.tokens[0]) {
          uses.push({ ...binary, pin: { kind: 'none' }, token: invocation.tokens[0], spec: 'an installed copy whose version the configuration does not state' });
        }
        if (uses.length > 0) results.evaluate(server);
        for (const use of uses) {
          for (const advisory of byPackage.get(packageKey(use.ecosystem, use.name)) ?? []) {
            const verdict = judge(use, advisory);
            if (verdict.affected === false) continue;
            const data: Data = {
              package: use.name, spec: use.spec, advisory: advisory.id, summary: advisory.summary.replace(/\.\s*$/, ''),
              affected: advisory.affected, fixed: advisory.fixed ?? '',
              fixedText: advisory.fixed ? `version ${advisory.fixed} or later` : 'a release outside the affected range',
              release: verdict.affected === true ? verdict.exact : `without an exact version (${use.spec})`,
              condition: '',
            };
            const at = { field: tokenField(use.token), key: `${argKey(server, use.name)}/${advisory.id}` };
            const transports = advisory.appliesTo?.transports;
            if (transports) {
              const reading = servedTransport(server);
              const wanted = either(transports);
              if (!reading.decided) {
                results.notObserved(server, { ...at, field: reading.field, messageId: 'transportUndecided', data: { ...data, transports: wanted, why: reading.why } });
                continue;
              }
              if (!transports.includes(reading.transport)) {
                if (!clearedByTransport.has(server)) clearedByTransport.set(server, { ...data, transports: wanted, served: reading.transport, by: reading.by });
                continue;
              }
              data.condition = ` when the server serves ${wanted}, as this one does (${reading.by})`;
            }
            if (verdict.affected === true) {
              results.fail(server, {
                ...at, messageId: advisory.fixed ? 'affectedVersion' : 'affectedVersionNoFix', severity: advisory.severity,
                data: { ...data, version: verdict.exact },
              });
            } else {
              results.fail(server, { ...at, messageId: 'versionNotExcluded', severity: LOWER[advisory.severity], data });
            }
          }
        }
      }
      return results.finish((server) => {
        const cleared = clearedByTransport.get(server);
        return cleared ? { messageId: 'notAffectedTransport', data: cleared } : { messageId: 'notAffected' };
      }, 'noPackages');
    });
  },
};
