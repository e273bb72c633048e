/**
 * repo.codeowners.missing (MCP-SC-05): the repository names code owners, so that changes to MCP
 * configurations and server code can require their review. A CODEOWNERS file without a single rule
 * assigns nobody and fails as well.
 */
import type { Check } from '../types.js';
import { at, eachRepository } from './results.js';

export const check: Check = {
  meta: {
    id: 'repo.codeowners.missing',
    title: 'Repositories name code owners (CODEOWNERS)',
    severity: 'medium',
    evidence: ['repository'],
    messages: {
      missing: 'The repository at {{repository}} has no CODEOWNERS file (.github/, root or docs/), so no one is required to review changes to its MCP configurations and server code.',
      'no-rules': 'The CODEOWNERS file {{path}} holds no rule, so it assigns no owner to any path.',
      present: 'The CODEOWNERS file {{path}} assigns owners with {{rules}} rule(s).',
    },
    remediation: 'Add .github/CODEOWNERS with owners for the MCP configuration files, tool baselines, server code and .github/ (e.g. /.mcp.json @org/platform-security), and require code-owner review in branch protection.',
  },
  run(context) {
    return eachRepository(context, (results) => {
      const codeowners = results.repo.codeowners;
      if (!codeowners) results.fail('missing', 'medium', results.root, 'codeowners');
      else if (codeowners.rules === 0) results.fail('no-rules', 'medium', at(codeowners.path), 'codeowners', { path: codeowners.path });
      else results.pass('present', at(codeowners.path), 'codeowners', { path: codeowners.path, rules: codeowners.rules });
    });
  },
};
