import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { AssessmentBoundary, ScopeSystem } from '../../src/engine/assessment.js';
import { inventoryOf } from '../../src/engine/inventory.js';
import { buildBoundary, shippedExclusions } from '../../src/engine/boundary.js';
import type { AttestationEvidence, EvidenceItem } from '../../src/evidence/types.js';
import { orgItem, repoItem as githubRepoItem } from '../helpers/github-evidence.js';
import { logItem } from '../helpers/log-evidence.js';
import { configItem } from '../helpers/mcp-evidence.js';
import { repoItem } from '../helpers/repo-evidence.js';
import { tempDir } from '../helpers/temp-catalog.js';
import { snapshotItem, oneTool } from '../helpers/tool-evidence.js';

const NOW = '2026-11-01T00:00:00.000Z';
const EXCLUSIONS = [{ id: 'point-in-time', statement: 'As of {asOf} only.' }, { id: 'automated', statement: 'Automated.' }];

function attestationItem(a: Partial<AttestationEvidence>, n: number): EvidenceItem<'attestation'> {
  const data: AttestationEvidence = {
    statement: 's', attestedBy: 'ciso@example.com', date: '2026-01-01', validUntil: '2027-01-01', evidence: 'e.md', sha256: '0'.repeat(64), bytes: 1, ...a,
  };
  return { id: `attestation:${n}`, kind: 'attestation', collector: 'attestations', source: 'attestations.yaml', collectedAt: NOW, data };
}

const estate: EvidenceItem[] = [
  configItem({
    path: 'clinical/.cursor/mcp.json',
    servers: [{ name: 'ehr', url: 'https://ehr.example.com/mcp' }, { name: 'fs', command: 'npx' }, { name: 'old', command: 'npx', disabled: true }],
  }),
  configItem({ path: 'billing/.mcp.json', client: 'claude-code', servers: [{ name: 'payments', type: 'sse', url: 'https://pay.example.com/sse' }, { name: 'odd', transport: 'unknown' }] }),
  snapshotItem(oneTool({ name: 'read_record' }, 'ehr'), 'mcp-tools/ehr.json'),
  repoItem({ root: 'clinical' }),
  orgItem({ org: 'acme' }),
  githubRepoItem({ repo: 'acme/api' }),
  githubRepoItem({ repo: 'acme/web' }),
  logItem({ path: 'logs/gateway.jsonl', events: 7, timeSpan: { oldest: { ts: '2026-10-01T00:00:00.000Z', line: 1 }, newest: { ts: '2026-10-31T00:00:00.000Z', line: 7 } } }),
  attestationItem({ control: 'MCP-IR-01' }, 1),
  attestationItem({ framework: 'pci-dss', requirement: '12.10.2', validUntil: '2026-06-30' }, 2),
  attestationItem({ control: 'MCP-GV-01', date: '2026-12-01' }, 3),
  attestationItem({ framework: 'gdpr', requirement: 'art-32', attestedBy: 'dpo@example.com' }, 4),
];

const EMPTY: AssessmentBoundary = {
  asOf: NOW,
  systems: [],
  servers: { total: 0, local: 0, remote: 0, unknown: 0, disabled: 0, unassigned: 0, byClient: {}, byTransport: {} },
  tools: { definitions: 0, servers: 0 },
  repositories: 0,
  github: { organizations: [], repositories: 0 },
  logs: [],
  attested: [],
  exclusions: [{ id: 'point-in-time', statement: `As of ${NOW} only.` }, { id: 'automated', statement: 'Automated.' }],
};

describe('buildBoundary', () => {
  const systems: ScopeSystem[] = [{ name: 'Clinical', owner: 'platform@example.com', paths: ['clinical'] }, { name: 'Billing', servers: ['payments'] }, { name: 'Research' }];
  const cases: Array<[string, EvidenceItem[], ScopeSystem[] | undefined, AssessmentBoundary]> = [
    ['no evidence and no systems: every count is zero, the exclusions still stand', [], undefined, EMPTY],
    ['an estate with systems', estate, systems, {
      ...EMPTY,
      systems: [{ name: 'Clinical', servers: 3 }, { name: 'Billing', servers: 1 }, { name: 'Research', servers: 0 }],
      servers: {
        total: 5, local: 2, remote: 2, unknown: 1, disabled: 1, unassigned: 1,
        byClient: { 'claude-code': 2, cursor: 3 }, byTransport: { sse: 1, stdio: 2, 'streamable-http': 1, unknown: 1 },
      },
      tools: { definitions: 1, servers: 1 },
      repositories: 1,
      github: { organizations: ['acme'], repositories: 2 },
      logs: [{ stream: 'logs/gateway.jsonl', files: 1, events: 7, from: '2026-10-01T00:00:00.000Z', to: '2026-10-31T00:00:00.000Z' }],
      // Fresh only: the stale (pci-dss) and the future (MCP-GV-01) attestation cover nothing.
      attested: [
        { framework: 'gdpr', requirement: 'art-32', attestedBy: 'dpo@example.com', validUntil: '2027-01-01' },
        { control: 'MCP-IR-01', attestedBy: 'ciso@example.com', validUntil: '2027-01-01' },
      ],
    }],
    ['the same estate without systems: nothing is unassigned', estate.slice(0, 2), undefined, {
      ...EMPTY,
      servers: {
        total: 5, local: 2, remote: 2, unknown: 1, disabled: 1, unassigned: 0,
        byClient: { 'claude-code': 2, cursor: 3 }, byTransport: { sse: 1, stdio: 2, 'streamable-http': 1, unknown: 1 },
      },
    }],
  ];
  for (const [title, items, given, expected] of cases) {
    it(title, () => assert.deepEqual(buildBoundary({ items, inventory: inventoryOf(items, given ? { systems: given } : {}), ...(given ? { systems: given } : {}), now: NOW, exclusions: EXCLUSIONS }), expected));
  }
});

describe('shippedExclusions', () => {
  it('reads templates/boundary.yaml: the four areas outside the boundary, point in time, automated, not an audit opinion', () => {
    assert.deepEqual(shippedExclusions().map((e) => e.id), [
      'management-system', 'identity-provider', 'network', 'processes', 'runtime', 'point-in-time', 'automated', 'not-an-audit-opinion',
    ]);
    assert.match(shippedExclusions().find((e) => e.id === 'point-in-time')!.statement, /\{asOf\}/);
  });

  it('a broken file is refused with its name and line', () => {
    const dir = tempDir('boundary-');
    const file = path.join(dir, 'boundary.yaml');
    fs.writeFileSync(file, 'exclusions: []\nexclusions: []\n');
    assert.throws(() => shippedExclusions(file), (e: Error) => e.message.startsWith(`${file}:2:1: `));
    fs.writeFileSync(file, 'exclusions:\n  - id: a\n');
    assert.throws(() => shippedExclusions(file), { message: `${file}: expected \`exclusions:\`, a list of {id, statement}` });
  });
});
