/**
 * repo.dependency-updates.unconfigured (MCP-VM-02): dependency updates are automated for every
 * ecosystem the repository uses. Renovate, once configured, detects every ecosystem itself;
 * Dependabot only updates the ecosystems its `updates` list names, so each one in use must be there.
 */
import type { Ecosystem } from '../../collectors/repo/model.js';
import type { Check } from '../types.js';
import { at, eachRepository } from './results.js';

/** `package-ecosystem` values that update an ecosystem (uv and bun have their own Dependabot names). */
const COVERED_BY: Record<Ecosystem, readonly string[]> = {
  npm: ['npm', 'bun'], pip: ['pip', 'uv'], gomod: ['gomod'], cargo: ['cargo'], 'github-actions': ['github-actions'], docker: ['docker'],
};

export const check: Check = {
  meta: {
    id: 'repo.dependency-updates.unconfigured',
    title: 'Dependency updates are automated for every ecosystem in use',
    severity: 'medium',
    evidence: ['repository'],
    messages: {
      unconfigured: 'The repository at {{repository}} uses {{ecosystems}} but has neither a Dependabot configuration (.github/dependabot.yml) nor a Renovate configuration, so outdated and vulnerable dependencies raise no update pull requests.',
      'dependabot-unreadable': 'The Dependabot configuration {{path}} cannot be parsed, so GitHub does not run it and no update pull requests are raised.',
      'ecosystem-not-covered': 'The Dependabot configuration {{path}} has no updates entry for {{ecosystem}}, which the repository uses ({{example}}), so those dependencies get no update pull requests.',
      dependabot: 'The Dependabot configuration {{path}} covers every ecosystem the repository uses ({{ecosystems}}).',
      renovate: 'Renovate is configured ({{path}}); it updates every ecosystem it detects.',
      'nothing-to-update': 'The repository at {{repository}} uses no package ecosystem, workflow or Dockerfile that Dependabot or Renovate would update.',
    },
    remediation: 'Commit .github/dependabot.yml with an updates entry (package-ecosystem, directory, weekly schedule) for each ecosystem in use, including github-actions and docker, or a Renovate configuration (renovate.json).',
  },
  run(context) {
    return eachRepository(context, (results) => {
      const { dependabot, renovate, present } = results.repo.dependencyUpdates;
      const ecosystems = present.map((p) => p.ecosystem).join(', ');
      if (renovate) results.pass('renovate', at(renovate), 'dependency-updates', { path: renovate });
      else if (dependabot && !dependabot.readable) results.fail('dependabot-unreadable', 'medium', at(dependabot.path), 'dependency-updates', { path: dependabot.path });
      else if (dependabot) {
        const configured = new Set(dependabot.ecosystems.map((e) => e.value));
        const missing = present.filter((p) => !COVERED_BY[p.ecosystem].some((name) => configured.has(name)));
        for (const { ecosystem, path } of missing) {
          results.fail('ecosystem-not-covered', 'medium', at(dependabot.path, dependabot.updatesAt), `ecosystem:${ecosystem}`, { path: dependabot.path, ecosystem, example: path });
        }
        if (missing.length === 0) results.pass('dependabot', at(dependabot.path), 'dependency-updates', { path: dependabot.path, ecosystems: ecosystems || 'none' });
      } else if (present.length === 0) results.notApplicable('nothing-to-update', results.root, 'dependency-updates');
      else results.fail('unconfigured', 'medium', results.root, 'dependency-updates', { ecosystems });
    });
  },
};
