import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScopeSystem } from '../../src/engine/assessment.js';
import { inventoryOf, systemOf } from '../../src/engine/inventory.js';
import { endpointHostOf } from '../../src/lib/http-url.js';
import { orgItem, repoItem as githubRepoItem } from '../helpers/github-evidence.js';
import { logItem } from '../helpers/log-evidence.js';
import { configItem } from '../helpers/mcp-evidence.js';
import { repoItem } from '../helpers/repo-evidence.js';

// Built at run time, so the repository holds no string shaped like a live credential.
const TOKEN = ['ghp', 'Q7mK2vR9xL4tW7nB3cF6hJ1pS5dG0aZeY2uI'].join('_');

describe('endpointHostOf', () => {
  const cases: Array<[string, string | undefined]> = [
    [`https://user:${TOKEN}@mcp.example.com:8443/v1/${TOKEN}?key=${TOKEN}#${TOKEN}`, 'mcp.example.com:8443'],
    ['https://MCP.Example.COM/sse', 'mcp.example.com'],
    ['http://localhost:3000/mcp', 'localhost:3000'],
    ['https://[::1]:8080/x', '[::1]:8080'],
    [`https://${TOKEN}.tunnel.example/`, '[REDACTED]'],
    ['https://${env:MCP_HOST}/mcp', undefined],
    ['file:///etc/passwd', undefined],
    ['mcp.example.com', undefined],
  ];
  for (const [url, host] of cases) it(`${url.replaceAll(TOKEN, 'TOKEN')} -> ${host}`, () => assert.equal(endpointHostOf(url), host));
});

describe('systemOf', () => {
  const clinical: ScopeSystem = { name: 'Clinical', paths: ['clinical/'] };
  const billing: ScopeSystem = { name: 'Billing', servers: ['pay*', 'ledger'] };
  const glob: ScopeSystem = { name: 'Editors', paths: ['**/.vscode/mcp.json'] };
  const cases: Array<[string, string, string, ScopeSystem[], string | undefined]> = [
    ['a folder holds the config file', 'db', 'clinical/.cursor/mcp.json', [clinical, billing], 'Clinical'],
    ['a folder does not hold a sibling with its name as prefix', 'db', 'clinical-old/.mcp.json', [clinical, billing], undefined],
    ['a server name with a wildcard', 'payments', 'other/.mcp.json', [clinical, billing], 'Billing'],
    ['an exact server name', 'ledger', 'other/.mcp.json', [clinical, billing], 'Billing'],
    ['the first system in order wins', 'payments', 'clinical/.mcp.json', [clinical, billing], 'Clinical'],
    ['a glob of config files', 'x', 'a/b/.vscode/mcp.json', [glob], 'Editors'],
    ['`.` holds every file of the root, not user-level ones', 'x', '~/.cursor/mcp.json', [{ name: 'All', paths: ['.'] }], undefined],
    ['one system without rules is the whole estate', 'x', '~/.cursor/mcp.json', [{ name: 'Only' }], 'Only'],
    ['two systems without rules assign nothing', 'x', '.mcp.json', [{ name: 'A' }, { name: 'B' }], undefined],
    ['no systems', 'x', '.mcp.json', [], undefined],
  ];
  for (const [title, server, file, systems, expected] of cases) it(title, () => assert.equal(systemOf(server, file, systems), expected));
});

describe('inventoryOf', () => {
  const items = [
    configItem({
      path: 'clinical/.cursor/mcp.json',
      servers: [
        { name: 'ehr', url: `https://svc:${TOKEN}@ehr.example.com:8443/mcp/${TOKEN}?token=${TOKEN}` },
        { name: 'fs', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@1.0.0'] },
      ],
    }),
    configItem({ path: 'billing/.mcp.json', client: 'claude-code', servers: [{ name: 'payments', type: 'sse', url: 'https://pay.example.com/sse' }] }),
    repoItem({ root: 'billing', listing: 'walk', git: false }),
    repoItem({ root: 'clinical', scope: ['clinical/src'] }),
    orgItem({ org: 'acme', apiUrl: `https://x:${TOKEN}@ghe.example.com/api/v3`, repositories: { listed: 5, assessed: 3, archivedSkipped: ['acme/old', 'acme/older'] } }),
    githubRepoItem({ repo: 'acme/web', visibility: 'internal', defaultBranch: 'trunk' }),
    githubRepoItem({ repo: 'acme/api' }),
    logItem({ path: 'logs/gateway.jsonl', events: 40, timeSpan: { oldest: { ts: '2026-10-01T00:00:00.000Z', line: 1 }, newest: { ts: '2026-10-31T00:00:00.000Z', line: 40 } } }),
    logItem({ path: 'logs/gateway.jsonl.1.gz', events: 60, timeSpan: { oldest: { ts: '2026-09-01T00:00:00.000Z', line: 1 }, newest: { ts: '2026-09-30T00:00:00.000Z', line: 60 } } }),
    logItem({ path: 'logs/access.log', format: 'combined', events: 0 }),
  ];
  const systems: ScopeSystem[] = [{ name: 'Clinical', paths: ['clinical'] }, { name: 'Billing', servers: ['pay*'] }];
  const findings = [
    { server: 'ehr', location: { path: 'clinical/.cursor/mcp.json', line: 3 } },
    { server: 'ehr', location: { path: 'clinical/.cursor/mcp.json', line: 4 } },
    { server: 'ehr', location: { path: 'elsewhere/.mcp.json', line: 4 } },
    { location: { path: 'clinical/.cursor/mcp.json', line: 1 } },
    { server: 'payments', location: { path: 'billing/.mcp.json', line: 3 } },
  ];
  const inventory = inventoryOf(items, { systems, findings });

  it('gives each server its endpoint host (no userinfo, path or query), its system and its findings', () => {
    assert.deepEqual(inventory.servers, [
      { name: 'payments', client: 'claude-code', transport: 'sse', path: 'billing/.mcp.json', line: 3, disabled: false, endpoint: 'pay.example.com', system: 'Billing', findings: 1 },
      { name: 'ehr', client: 'cursor', transport: 'streamable-http', path: 'clinical/.cursor/mcp.json', line: 3, disabled: false, endpoint: 'ehr.example.com:8443', system: 'Clinical', findings: 2 },
      { name: 'fs', client: 'cursor', transport: 'stdio', path: 'clinical/.cursor/mcp.json', line: 6, disabled: false, system: 'Clinical', findings: 0 },
    ]);
  });

  it('lists repositories, GitHub organisations (API host only) and repositories', () => {
    assert.deepEqual(inventory.repositories, [
      { path: 'billing', git: false, listing: 'walk' },
      { path: 'clinical', git: true, listing: 'git-index', scope: ['clinical/src'] },
    ]);
    assert.deepEqual(inventory.github, {
      organizations: [{ org: 'acme', apiHost: 'ghe.example.com', repositoriesListed: 5, repositoriesAssessed: 3, archivedSkipped: 2 }],
      repositories: [{ repo: 'acme/api', visibility: 'private', defaultBranch: 'main' }, { repo: 'acme/web', visibility: 'internal', defaultBranch: 'trunk' }],
    });
  });

  it('groups log files into streams with the period their events cover', () => {
    assert.deepEqual(inventory.logs, [
      { stream: 'logs/access.log', paths: ['logs/access.log'], format: 'combined', events: 0 },
      { stream: 'logs/gateway.jsonl', paths: ['logs/gateway.jsonl', 'logs/gateway.jsonl.1.gz'], format: 'jsonl', from: '2026-09-01T00:00:00.000Z', to: '2026-10-31T00:00:00.000Z', events: 100 },
    ]);
  });

  it('never carries the credential planted in the URLs', () => {
    assert.ok(!JSON.stringify(inventory).includes(TOKEN.slice(4, 16)));
  });

  it('without systems or findings, assigns nothing and counts zero', () => {
    const bare = inventoryOf(items.slice(0, 1));
    assert.deepEqual(bare.servers.map((s) => [s.name, s.system, s.findings]), [['ehr', undefined, 0], ['fs', undefined, 0]]);
    assert.deepEqual([bare.repositories, bare.github, bare.logs], [[], { organizations: [], repositories: [] }, []]);
  });
});
