/** scope.github: where mcp-comply.yaml names each GitHub organisation and repository assessed, or what stands in for it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GitHubSourceAnchor } from '../../src/engine/assessment.js';
import { githubAnchors, githubSubjectsOf, type GitHubNaming } from '../../src/config/github-anchors.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { loadProjectConfig } from '../../src/config/project-config.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const CONFIG = [
  'organization: Acme',            // 1
  'sources:',                      // 2
  '  github:',                     // 3
  '    org: acme',                 // 4
  '    repos:',                    // 5
  '      - other/tools',           // 6
  '      - Acme/API',              // 7
  '',
].join('\n');
const BUNDLES = (list: string) => `organization: Acme\nsources:\n  evidence: ${list}\n`;

function config(text: string, name = 'mcp-comply.yaml'): NonNullable<GitHubNaming['config']> {
  const { loaded, problems } = loadProjectConfig(write(tempDir('anchors-'), name, text));
  assert.deepEqual(problems, []);
  return { loaded: loaded!, path: name };
}

const subjects = { orgs: ['acme'], repos: ['acme/api', 'acme/web', 'other/tools', 'solo/one'] };

const cases: Array<{ name: string; naming: () => GitHubNaming; expected: GitHubSourceAnchor[] }> = [
  {
    name: 'sources.github in the config: the org\'s line, a listed repository\'s own line (any case), the org\'s line for its other repositories',
    naming: () => ({ config: config(CONFIG) }),
    expected: [
      { org: 'acme', path: 'mcp-comply.yaml', line: 4, column: 10 },
      { repo: 'acme/api', path: 'mcp-comply.yaml', line: 7, column: 9 },
      { repo: 'acme/web', path: 'mcp-comply.yaml', line: 4, column: 10 },
      { repo: 'other/tools', path: 'mcp-comply.yaml', line: 6, column: 9 },
      // Not named by the config, the flags or a bundle: the config file as a whole.
      { repo: 'solo/one', path: 'mcp-comply.yaml' },
    ],
  },
  {
    name: '--github-org and --github-repo take the config\'s place: the config file, no line names them',
    naming: () => ({ config: config(CONFIG), githubOrg: 'acme', githubRepo: ['solo/one'] }),
    expected: [
      { org: 'acme', path: 'mcp-comply.yaml' },
      { repo: 'acme/api', path: 'mcp-comply.yaml' },
      { repo: 'acme/web', path: 'mcp-comply.yaml' },
      { repo: 'other/tools', path: 'mcp-comply.yaml' },
      { repo: 'solo/one', path: 'mcp-comply.yaml' },
    ],
  },
  {
    name: '--github-repo alone replaces the config\'s repos; the config\'s org still names its own',
    naming: () => ({ config: config(CONFIG), githubRepo: ['other/tools'] }),
    expected: [
      { org: 'acme', path: 'mcp-comply.yaml', line: 4, column: 10 },
      { repo: 'acme/api', path: 'mcp-comply.yaml', line: 4, column: 10 },
      { repo: 'acme/web', path: 'mcp-comply.yaml', line: 4, column: 10 },
      { repo: 'other/tools', path: 'mcp-comply.yaml' },
      { repo: 'solo/one', path: 'mcp-comply.yaml' },
    ],
  },
  {
    name: 'flags without a config file: listed without a place',
    naming: () => ({ githubOrg: 'acme', githubRepo: ['solo/one'] }),
    expected: [{ org: 'acme' }, { repo: 'acme/api' }, { repo: 'acme/web' }, { repo: 'other/tools' }, { repo: 'solo/one' }],
  },
  {
    name: 'recorded evidence the config brings in (one bundle): that entry\'s line',
    naming: () => ({ config: config(BUNDLES('[recorded/github]'), 'config/mcp-comply.yaml') }),
    expected: [
      { org: 'acme', path: 'config/mcp-comply.yaml', line: 3, column: 14 },
      ...subjects.repos.map((repo) => ({ repo, path: 'config/mcp-comply.yaml', line: 3, column: 14 })),
    ],
  },
  {
    name: 'several bundles in the config: the evidence key, which lists them',
    naming: () => ({ config: config(BUNDLES('[shard-1, shard-2]')) }),
    expected: [{ org: 'acme', path: 'mcp-comply.yaml', line: 3, column: 3 }, ...subjects.repos.map((repo) => ({ repo, path: 'mcp-comply.yaml', line: 3, column: 3 }))],
  },
  {
    name: 'bundles given by --evidence: the config\'s bundles were not read, so the config file as a whole',
    naming: () => ({ config: config(BUNDLES('[recorded/github]')), evidenceFromFlags: true }),
    expected: [{ org: 'acme', path: 'mcp-comply.yaml' }, ...subjects.repos.map((repo) => ({ repo, path: 'mcp-comply.yaml' }))],
  },
];

describe('githubAnchors', () => {
  for (const { name, naming, expected } of cases) {
    it(name, () => assert.deepEqual(githubAnchors(subjects, naming()), expected));
  }

  it('the subjects are the evidence\'s organisations and repositories, each once, in its order', () => {
    const item = (kind: string, data: object) => ({ id: `${kind}:x`, kind, collector: 'github', source: 'github:x', collectedAt: '2026-11-23T00:00:00.000Z', data }) as unknown as EvidenceItem;
    const items = [
      item('github-repo', { repo: 'acme/web' }), item('github-org', { org: 'acme' }), item('mcp-config', { path: '.mcp.json' }),
      item('github-repo', { repo: 'acme/api' }), item('github-repo', { repo: 'acme/web' }),
    ];
    assert.deepEqual(githubSubjectsOf(items), { orgs: ['acme'], repos: ['acme/web', 'acme/api'] });
  });

  it('no GitHub evidence: no anchors', () => {
    assert.deepEqual(githubAnchors({ orgs: [], repos: [] }, { config: config(CONFIG) }), []);
  });
});
