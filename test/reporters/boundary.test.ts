import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Assessment, AssessmentBoundary } from '../../src/engine/assessment.js';
import { boundaryStatement, serverRows } from '../../src/reporters/boundary.js';
import { sampleAssessment } from '../helpers/sample-assessment.js';

const EMPTY: AssessmentBoundary = {
  asOf: '2026-11-01T00:00:00.000Z', systems: [],
  servers: { total: 0, local: 0, remote: 0, unknown: 0, disabled: 0, unassigned: 0, byClient: {}, byTransport: {} },
  tools: { definitions: 0, servers: 0 }, repositories: 0, github: { organizations: [], repositories: 0 }, logs: [], attested: [], exclusions: [],
};

const FULL: AssessmentBoundary = {
  ...EMPTY,
  systems: [{ name: 'Care', servers: 2 }, { name: 'Billing', servers: 1 }],
  servers: { total: 4, local: 1, remote: 2, unknown: 1, disabled: 1, unassigned: 1, byClient: { cursor: 3, vscode: 1 }, byTransport: { sse: 1, stdio: 1, 'streamable-http': 1, unknown: 1 } },
  tools: { definitions: 1, servers: 1 }, repositories: 1, github: { organizations: ['acme'], repositories: 1 },
  logs: [{ stream: 'logs/a.log', files: 2, events: 1, from: '2026-10-01T08:00:00.000Z', to: '2026-10-31T09:30:00.000Z' }, { stream: 'logs/b.log', files: 1, events: 0 }],
  attested: [{ control: 'MCP-IR-01', attestedBy: 'ciso@example.com', validUntil: '2027-01-01' }, { framework: 'gdpr', requirement: 'art-32', attestedBy: 'dpo@example.com', validUntil: '2027-02-01' }],
};

const withBoundary = (boundary: AssessmentBoundary | undefined): Assessment => {
  const { boundary: _sampled, ...scope } = sampleAssessment().scope;
  return { ...sampleAssessment(), scope: { ...scope, ...(boundary ? { boundary } : {}) } };
};

describe('boundaryStatement', () => {
  const cases: Array<[string, AssessmentBoundary | undefined, string[]]> = [
    ['an assessment without a boundary has no statement', undefined, []],
    ['nothing found', EMPTY, [
      'No system is declared in mcp-comply.yaml (systems:), so the boundary is the MCP layer of the estate assessed.',
      'No MCP server was found in the configurations read.',
      'No tool snapshot was read: tool definitions were not assessed.',
      'No local repository was assessed.',
      'No GitHub organisation or repository was assessed.',
      'No log was read: what the servers did at run time was not observed.',
      'No current attestation is recorded: nothing outside the boundary enters the assessment.',
    ]],
    ['an estate', FULL, [
      'The boundary is the MCP layer of 2 systems: Care (2 MCP servers); Billing (1 MCP server).',
      '4 MCP servers on 2 clients (cursor 3, vscode 1): 1 local (stdio), 2 remote, 1 of unknown transport; by transport sse 1, stdio 1, streamable-http 1, unknown 1; 1 disabled; 1 assigned to no system.',
      '1 tool definition of 1 server, from tool snapshots.',
      '1 local repository.',
      'Through the GitHub API: organisation acme and 1 repository.',
      '2 log streams: logs/a.log (1 event, 2026-10-01 08:00 UTC to 2026-10-31 09:30 UTC); logs/b.log (0 events, no event carried a time).',
      'Outside the boundary, 2 current attestations enter the assessment: control MCP-IR-01 (by ciso@example.com, until 2027-01-01); gdpr requirement art-32 (by dpo@example.com, until 2027-02-01).',
    ]],
  ];
  for (const [title, boundary, expected] of cases) it(title, () => assert.deepEqual(boundaryStatement(withBoundary(boundary)), expected));
});

describe('serverRows', () => {
  it('shows the endpoint host, local for stdio, the system with its owner, and findings when counted', () => {
    const a = sampleAssessment();
    const assessment: Assessment = {
      ...a,
      scope: { ...a.scope, systems: [{ name: 'Care', owner: 'care@example.com' }, { name: 'Billing' }] },
      inventory: {
        tools: [],
        servers: [
          { name: 'ehr', client: 'cursor', transport: 'streamable-http', path: '.cursor/mcp.json', line: 3, disabled: false, endpoint: 'ehr.example.com', system: 'Care', findings: 2 },
          { name: 'fs', client: 'cursor', transport: 'stdio', path: '.cursor/mcp.json', line: 7, disabled: true, system: 'Billing', findings: 0 },
          { name: 'kb', client: 'vscode', transport: 'sse', path: '.vscode/mcp.json', line: 4, disabled: false },
        ],
      },
    };
    assert.deepEqual(serverRows(assessment), [
      { client: 'cursor', config: '.cursor/mcp.json:3', name: 'ehr', transport: 'streamable-http', endpoint: 'ehr.example.com', system: 'Care (care@example.com)', findings: '2', disabled: false },
      { client: 'cursor', config: '.cursor/mcp.json:7', name: 'fs', transport: 'stdio', endpoint: 'local', system: 'Billing', findings: '0', disabled: true },
      { client: 'vscode', config: '.vscode/mcp.json:4', name: 'kb', transport: 'sse', endpoint: 'unknown', system: 'unassigned', findings: '', disabled: false },
    ]);
  });
});
