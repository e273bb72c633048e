/**
 * mcp.supply-chain.unpinned-package (MCP-SC-01, mcp-formats §3.5 SUP-001/002 and the pin rules of
 * §3.10): every package a runner fetches names one exact version. npm-style runners (npx, bunx,
 * pnpm dlx, yarn dlx, npm exec; the spec or each -p/--package) are pinned only by name@x.y.z;
 * Python runners (uvx, uv tool run, uv run --with, pipx run; the spec, --from, --with) by ==x.y.z or
 * @x.y.z; git and archive sources by a 40-hex commit (or archive hash). server.json packages arrive
 * as the same runner command with their version field in the spec.
 *
 * Severity: a moving dist-tag (@latest, @next, ...) high; no version, a range or an unpinned git
 * source medium; a version taken from a variable low (the configuration does not show what runs).
 * `-y`/`--yes` does not raise it: an MCP client starts servers with stdin not a TTY, where npm
 * assumes --yes anyway, so the flag changes nothing about what is fetched.
 */
import type { Severity } from '../../catalog/model.js';
import type { Check } from '../types.js';
import { parseInvocation, tokenField, type PackageRef } from './command-line.js';
import { argKey } from './locate.js';
import { eachConfig } from './results.js';
import { safeText } from './url.js';

function finding(pkg: PackageRef): { messageId: string; severity: Severity; detail: Record<string, string> } | undefined {
  switch (pkg.pin.kind) {
    case 'none': return { messageId: 'noVersion', severity: 'medium', detail: {} };
    case 'tag': return { messageId: 'movingTag', severity: 'high', detail: { tag: pkg.pin.tag } };
    case 'range': return { messageId: 'versionRange', severity: 'medium', detail: { range: pkg.pin.range } };
    case 'unpinned-source': return { messageId: 'unpinnedSource', severity: 'medium', detail: {} };
    case 'variable': return { messageId: 'versionFromVariable', severity: 'low', detail: { variable: pkg.pin.variable } };
    default: return undefined;
  }
}

export const check: Check = {
  meta: {
    id: 'mcp.supply-chain.unpinned-package',
    title: 'MCP server packages are pinned to exact versions',
    severity: 'medium',
    evidence: ['mcp-config'],
    messages: {
      noVersion: 'Server "{{server}}"{{state}} in the {{client}} configuration runs the {{ecosystem}} package {{package}} through {{runner}} without a version, so each start may fetch a different release that nobody reviewed.',
      movingTag: 'Server "{{server}}"{{state}} in the {{client}} configuration runs {{spec}} through {{runner}}; the "{{tag}}" tag moves with every release, so a compromised or broken release runs on the next start without review.',
      versionRange: 'Server "{{server}}"{{state}} in the {{client}} configuration runs {{spec}} through {{runner}}; the version range {{range}} accepts new releases without review.',
      unpinnedSource: 'Server "{{server}}"{{state}} in the {{client}} configuration runs {{spec}} through {{runner}} from a git or archive source without a commit hash, so the code it runs can change without review.',
      versionFromVariable: 'Server "{{server}}"{{state}} in the {{client}} configuration runs {{package}} through {{runner}} with the package or version taken from {{variable}} at run time, so the configuration does not show which release runs.',
      pinned: 'Server "{{server}}"{{state}} in the {{client}} configuration pins every package it fetches to an exact version or commit.',
      noPackageRunners: 'The {{client}} configuration {{path}} starts no server from a registry or git package through a package runner (npx, bunx, pnpm dlx, yarn dlx, npm exec, uvx, uv, pipx).',
    },
    remediation: 'Pin exact versions, e.g. "@scope/server@1.4.2" for npx, "server==0.6.1" or "server@0.6.1" for uvx, and "git+https://github.com/org/repo@<40-hex commit>" for git sources. Change pins only through reviewed pull requests (Renovate or Dependabot can propose them).',
  },
  run(context) {
    return eachConfig(context, (results) => {
      for (const server of results.file.servers) {
        const invocation = parseInvocation(server);
        for (const pkg of invocation.packages) {
          if (pkg.pin.kind === 'local') continue;
          results.evaluate(server);
          const f = finding(pkg);
          if (!f) continue;
          const spec = safeText(pkg.spec);
          results.fail(server, {
            messageId: f.messageId, severity: f.severity, field: tokenField(pkg.token), key: argKey(server, pkg.name ?? spec),
            data: { package: pkg.name ?? spec, spec, runner: invocation.runner, ecosystem: pkg.ecosystem === 'npm' ? 'npm' : 'PyPI', ...f.detail },
          });
        }
      }
      return results.finish('pinned', 'noPackageRunners');
    });
  },
};
