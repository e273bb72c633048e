// A large synthetic assessment.json (schema 2.0) for benchmarking and testing the reporters: every field
// shaped like the real one of `npm run demo` (sampleAssessment()), with counts, summaries, framework
// figures and the risk register worked out from the generated controls so that the document is
// consistent. Deterministic: the same options give the same object (no clock, no randomness).
// Usage: largeAssessment({ controls: 500, findings: 5000, frameworks: 6 })
import { createHash } from 'node:crypto';

const SEVERITIES = ['critical', 'high', 'medium', 'low'];
const FAMILIES = ['AC', 'IA', 'AV', 'DP', 'EN', 'GV', 'HO', 'IR', 'LG', 'NS', 'SE', 'SC', 'TI', 'VM'];
const FRAMEWORKS = [
  ['gdpr', 'General Data Protection Regulation', '2016/679', 'European Parliament and Council of the European Union', 'https://eur-lex.europa.eu/eli/reg/2016/679/oj', 'Art.'],
  ['hipaa', 'HIPAA Security Rule and Breach Notification Rule (45 CFR Part 164, Subparts C and D)', '45 CFR Part 164', 'U.S. Department of Health and Human Services', 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164', '164.'],
  ['pci-dss', 'Payment Card Industry Data Security Standard', '4.0.1', 'PCI Security Standards Council', 'https://www.pcisecuritystandards.org/document_library/', 'Req.'],
  ['eu-ai-act', 'EU Artificial Intelligence Act', '2024/1689', 'European Parliament and Council of the European Union', 'https://eur-lex.europa.eu/eli/reg/2024/1689/oj', 'Art.'],
  ['nist-ai-rmf', 'NIST AI Risk Management Framework', '1.0', 'National Institute of Standards and Technology', 'https://doi.org/10.6028/NIST.AI.100-1', 'MAP'],
  ['iso-42001', 'ISO/IEC 42001 Artificial intelligence management system', '2023', 'ISO/IEC', 'https://www.iso.org/standard/81230.html', 'A.'],
];
const THREATS = [
  'Unauthorized access', 'Data breach and exfiltration', 'Denial of service', 'Malware infection', 'Data poisoning',
  'Model inversion and model stealing', 'Adversarial input and prompt injection (incl. tool poisoning)',
  'Backdoors and malicious behaviour', 'Cascading compromise across agents and servers',
  'Compromised or manipulated agent (confused deputy, privilege escalation)', 'Supply-chain compromise of the control plane',
  'Credential theft and token misuse',
];
const CLIENTS = [
  ['cursor', 'Cursor', '.cursor/mcp.json'], ['vscode', 'VS Code', '.vscode/mcp.json'], ['claude-code', 'Claude Code', '.mcp.json'],
  ['gemini', 'Gemini CLI', '.gemini/settings.json'], ['codex', 'Codex', '.codex/config.toml'],
];
// Finding message templates, after the real checks' wording; `s` is the server, `i` the finding's number.
const CHECK_KINDS = [
  ['mcp.supply-chain.unpinned-package', 'MCP server packages are pinned to exact versions', 'movingTag',
    (s, i, c) => `Server "${s}" in the ${c} configuration runs @acme/${s}-mcp@latest through npx; the "latest" tag moves with every release, so a compromised or broken release runs on the next start without review (finding ${i}).`],
  ['mcp.access.broad-filesystem-root', 'Filesystem MCP servers are scoped to the directories the task needs', 'rootPath',
    (s, i, c) => `Server "${s}" in the ${c} configuration gives @modelcontextprotocol/server-filesystem the filesystem root (/), so the agent can read and write every file the user can, including ~/.ssh and the agent's own configuration (finding ${i}).`],
  ['mcp.secrets.inline-credential', 'MCP configurations hold no credentials inline', 'inlineSecret',
    (s, i, c) => `Server "${s}" in the ${c} configuration sets env.API_TOKEN to a literal secret value ([REDACTED], kind: generic-api-key) instead of a reference to the environment or a secret store (finding ${i}).`],
  ['mcp.transport.plaintext-http', 'Remote MCP servers are reached over TLS', 'plainHttp',
    (s, i, c) => `Server "${s}" in the ${c} configuration connects to http://${s}.internal.example/mcp without TLS, so tokens and tool results cross the network in clear text (finding ${i}).`],
  ['logs.sensitive-data.card-number', 'MCP logs hold no unmasked card numbers', 'cardNumber',
    (s, i) => `A primary account number (Luhn-valid, [REDACTED]) is logged unmasked in a tools/call result of server "${s}"; PCI DSS 3.4.1 requires it to be rendered unreadable wherever it is stored (finding ${i}).`],
  ['repo.ci.unpinned-action', 'CI actions are pinned to commits', 'unpinnedAction',
    (s, i) => `Workflow step "deploy ${s}" uses actions/deploy-mcp@v3, a tag that can be moved to any commit; pin it to a full 40-character commit SHA (finding ${i}).`],
];
const STATUS_CYCLE = ['manual', 'pass', 'attested', 'not_observed', 'manual', 'stale', 'partial', 'not_applicable', 'manual', 'error'];

const sha = (text) => createHash('sha256').update(text).digest('hex');
const pad = (n, width = 2) => String(n).padStart(width, '0');
const band = (score) => (score >= 20 ? 'critical' : score >= 10 ? 'high' : score >= 5 ? 'medium' : 'low');
const zeroCounts = (keys) => Object.fromEntries(keys.map((k) => [k, 0]));
const OUTCOMES = ['met', 'effective', 'partly_effective', 'deficient', 'untested', 'not_addressed', 'not_applicable'];
/** The overall figures as the engine pools them (roll-up.ts pooledFigures): every framework's requirements as one. */
function pooled(frameworks) {
  const counts = zeroCounts(OUTCOMES);
  for (const f of frameworks) for (const s of OUTCOMES) counts[s] += f.summary.counts[s];
  const inScope = OUTCOMES.reduce((sum, s) => sum + counts[s], 0) - counts.not_applicable;
  const tested = inScope - counts.untested - counts.not_addressed;
  const share = (n, of) => (of === 0 ? null : Math.round((n / of) * 1000) / 1000);
  return { frameworks: frameworks.length, inScope, tested, testingCoverage: share(tested, inScope), effectiveness: share(counts.met + counts.effective, tested), counts };
}
const share = (part, whole) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

/**
 * @param {{ controls?: number, findings?: number, frameworks?: number, checks?: number, requirements?: number,
 *   servers?: number, organization?: string, generatedAt?: string }} [options]
 * @returns {import('../../src/engine/assessment.js').Assessment}
 */
export function largeAssessment({
  controls: controlCount = 500,
  findings: findingCount = 5000,
  frameworks: frameworkCount = 6,
  checks: checkCount = Math.max(1, Math.ceil(controlCount / 2)),
  requirements: requirementCount = Math.max(1, Math.ceil(controlCount / 5)),
  servers: serverCount = Math.max(1, Math.ceil(findingCount / 50)),
  organization = 'Northwind Health',
  generatedAt = '2026-11-23T00:00:00.000Z',
} = {}) {
  const date = generatedAt.slice(0, 10);

  // Controls: ids like the catalog's (MCP-AC-01), families in turn.
  const controlIds = Array.from({ length: controlCount }, (_, i) =>
    `MCP-${FAMILIES[i % FAMILIES.length]}-${pad(Math.floor(i / FAMILIES.length) + 1)}`);

  // Servers and where they are configured.
  const servers = Array.from({ length: serverCount }, (_, i) => {
    const [client, , file] = CLIENTS[i % CLIENTS.length];
    return { name: `server-${pad(i, 4)}`, client, transport: i % 4 === 3 ? 'http' : 'stdio', path: `packages/pkg-${pad(Math.floor(i / CLIENTS.length), 3)}/${file}`, line: 3 + (i % 9) * 4, disabled: i % 17 === 16 };
  });
  const clientName = (server) => CLIENTS.find(([id]) => id === server.client)[1];

  // Checks, each for one or two controls; the first `failing` ones carry the findings.
  const checks = Array.from({ length: checkCount }, (_, i) => {
    const [kind, title] = CHECK_KINDS[i % CHECK_KINDS.length];
    const ids = [controlIds[(2 * i) % controlCount], ...(i % 3 === 0 ? [controlIds[(2 * i + 1) % controlCount]] : [])];
    return {
      id: `${kind}-${pad(i, 3)}`, title: `${title} (${i})`, severity: SEVERITIES[i % SEVERITIES.length],
      remediation: `Fix the configuration named in each finding, then re-run the assessment; see the control's remediation for the rationale (check ${i}).`,
      status: 'pass', results: [], controlIds: [...new Set(ids)],
    };
  });
  const failing = checks.slice(0, Math.max(1, Math.ceil(checkCount * 0.6)));

  // Findings: round-robin over the failing checks and servers, most severe first as assess writes them.
  const findings = [];
  for (let i = 0; i < findingCount; i++) {
    const check = failing[i % failing.length];
    const kindIndex = checks.indexOf(check) % CHECK_KINDS.length;
    const server = servers[(i * 7) % serverCount];
    const message = CHECK_KINDS[kindIndex][3](server.name, i, clientName(server));
    const finding = {
      checkId: check.id, severity: check.severity, messageId: CHECK_KINDS[kindIndex][2], message,
      location: { path: server.path, line: server.line + 2, column: 9 + (i % 30) },
      fingerprint: sha(`${check.id}|${server.name}|${i}`).slice(0, 32), controlIds: check.controlIds,
      evidenceId: `mcp-config:${server.path}`, server: server.name,
    };
    // The register's EX-1 accepts some findings of the first failing check; EX-2 has expired on the second.
    const round = Math.floor(i / failing.length);
    if (check === failing[0] && round % 4 === 1) finding.exception = exceptionNote('EX-1', '2027-06-30');
    if (check === failing[1] && round % 4 === 2) finding.expiredException = exceptionNote('EX-2', '2026-09-30');
    findings.push(finding);
    check.status = 'fail';
    check.results.push({ status: 'fail', messageId: finding.messageId, message, severity: finding.severity, location: finding.location, fingerprint: finding.fingerprint, evidenceId: finding.evidenceId, server: server.name });
  }
  findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  for (const [i, check] of checks.entries()) {
    if (check.status === 'fail') continue;
    check.status = ['pass', 'not_observed', 'pass', 'error'][i % 4];
    if (check.status === 'not_observed') check.reason = 'no github-org or github-repo evidence was collected';
    if (check.status === 'error') check.reason = `the check failed to run: unexpected token in ${servers[i % serverCount].path}`;
    if (check.status === 'pass') {
      const server = servers[i % serverCount];
      check.results.push({ status: 'pass', messageId: 'ok', message: `Server "${server.name}" passes ${check.id}.`, severity: check.severity, location: { path: server.path, line: server.line }, fingerprint: sha(`${check.id}|pass`).slice(0, 32), evidenceId: `mcp-config:${server.path}` });
    }
  }

  // Controls: fail when a check of theirs fails, else a status in turn; catalog text as real controls carry it.
  const checksOf = new Map(controlIds.map((id) => [id, []]));
  for (const check of checks) for (const id of check.controlIds) checksOf.get(id).push(check);
  const controls = controlIds.map((id, i) => {
    const own = checksOf.get(id);
    const failed = own.filter((c) => c.status === 'fail');
    // Every third control with checks is decided by them only in part: passing checks leave it partial.
    const automation = own.length === 0 ? 'none' : i % 3 === 0 ? 'partial' : 'full';
    const passing = own.length && own.every((c) => c.status === 'pass');
    const status = failed.length ? 'fail' : own.some((c) => c.status === 'error') ? 'error'
      : passing ? (automation === 'partial' ? 'partial' : 'pass') : STATUS_CYCLE[i % STATUS_CYCLE.length];
    const likelihood = 2 + (i % 4);
    const impact = 2 + ((i * 3) % 4);
    const control = {
      id, title: `MCP control ${id}: servers, tools and data are governed as the ${FAMILIES[i % FAMILIES.length]} family requires`,
      family: FAMILIES[i % FAMILIES.length], status, reason: reasonFor(status, failed), severity: SEVERITIES[i % SEVERITIES.length], automation,
      ...(automation === 'partial' ? { manualPart: 'MFA at the identity provider and the gateway: show their policy and a sign-in log sample.' } : {}),
      checks: own.map((c) => ({ id: c.id, status: c.status })),
      risk: { likelihood, impact, inherent: likelihood * impact, residual: status === 'pass' || status === 'attested' ? Math.max(1, impact) : likelihood * impact },
      objective: `Every MCP server in scope of ${id} is configured so that it can reach only the tools, directories and data its task needs; the configuration is reviewed at least quarterly and each exception is approved and dated.`,
      remediation: `Narrow the server's configuration to what the task needs, record the owner and the approval in the inventory, and re-run the assessment to confirm ${id} passes.`,
      expectedEvidence: [
        `Export of the MCP client configurations in scope of ${id}, dated within the last 90 days.`,
        'Approval records (tickets or pull requests) for the last three changes to these configurations.',
      ],
      threats: [`T${pad((i % 12) + 1)}`, `T${pad(((i + 5) % 12) + 1)}`],
      practices: [`P${pad((i % 20) + 1)}`],
      references: [{ title: 'MCP Security Best Practices', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices' }],
    };
    if (status === 'attested' || status === 'stale') {
      control.attestation = {
        attestedBy: 'platform-security@northwind.example', date: status === 'stale' ? '2025-09-01' : '2026-09-01',
        validUntil: status === 'stale' ? '2026-09-01' : '2027-09-01', evidence: `docs/attestations/${id}.md`, sha256: sha(`attestation ${id}`), state: status === 'stale' ? 'stale' : 'fresh',
      };
    }
    if (i === 1) control.exception = exceptionNote('EX-3', '2027-03-31');
    return control;
  });
  const statusOf = new Map(controls.map((c) => [c.id, c.status]));

  // Frameworks: requirements mapped to 1-5 controls, their status worked out the way roll-up does it.
  const relationships = ['subset', 'intersects', 'equal', 'superset'];
  const properties = ['integral', 'integral', 'example'];
  const effective = (s) => s === 'pass' || s === 'attested';
  const frameworks = Array.from({ length: frameworkCount }, (_, f) => {
    const [id, name, version, publisher, source, prefix] = FRAMEWORKS[f] ?? [`framework-${f + 1}`, `Synthetic framework ${f + 1}`, '1.0', 'mcp-comply benchmark', 'https://example.com/framework', 'Req.'];
    const requirements = Array.from({ length: requirementCount }, (_, r) => {
      const mapped = Array.from({ length: 1 + ((r + f) % 5) }, (_, k) => controlIds[(r * 7 + f * 13 + k * 31) % controlCount]);
      const ids = [...new Set(mapped)];
      const links = ids.map((cid, k) => ({ id: cid, relationship: relationships[(r + k) % relationships.length], property: properties[(r + k) % properties.length], status: statusOf.get(cid) }));
      const inScope = links.filter((l) => l.status !== 'not_applicable');
      // As roll-up does it (DESIGN §5): a failing integral control makes it deficient, all effective make it effective
      // (met when one covers it whole), evidence either way partly effective, none untested.
      const status = r % 23 === 22 || inScope.length === 0 ? 'not_applicable'
        : inScope.some((l) => l.status === 'fail' && l.property === 'integral') ? 'deficient'
          : inScope.every((l) => effective(l.status)) ? (inScope.some((l) => l.relationship === 'equal' || l.relationship === 'superset') ? 'met' : 'effective')
            : inScope.some((l) => ['pass', 'attested', 'partial', 'fail'].includes(l.status)) ? 'partly_effective' : 'untested';
      return {
        id: `${prefix} ${f + 1}.${r + 1}`, title: `Requirement ${r + 1} of ${name}: access to personal data through AI tools is limited, logged and reviewed`,
        status, reason: status === 'not_applicable' ? 'applies only to providers of high-risk AI systems; mcp-comply.yaml declares aiAct.role: deployer'
          : `${ids.map((cid) => `${cid} ${statusOf.get(cid)}`).join(', ')}`,
        controlIds: ids,
        controls: links.map((l) => ({ ...l, rationale: `${l.id} covers the part of the requirement that concerns MCP servers and their tools.` })),
      };
    });
    const counts = zeroCounts(['met', 'effective', 'partly_effective', 'deficient', 'untested', 'not_addressed', 'not_applicable']);
    for (const r of requirements) counts[r.status]++;
    const inScope = requirementCount - counts.not_applicable;
    const tested = inScope - counts.untested - counts.not_addressed;
    return {
      id, name, version, publisher, source,
      applicability: { applies: true, inScope, assumed: [] },
      summary: { testingCoverage: share(tested, inScope), effectiveness: share(counts.met + counts.effective, tested), counts },
      requirements,
    };
  });

  // Risk register: each threat is mitigated by the controls that name it.
  const credit = { pass: 1, attested: 1, partial: 0.5, fail: 0, not_observed: 0, manual: 0, stale: 0, error: 0 };
  const risks = THREATS.map((title, t) => {
    const threatId = `T${pad(t + 1)}`;
    const mitigating = controls.filter((c) => c.threats.includes(threatId) && c.status !== 'not_applicable');
    const credited = mitigating.filter((c) => credit[c.status] > 0).length;
    const mitigation = mitigating.length ? Math.round((mitigating.reduce((sum, c) => sum + credit[c.status], 0) / mitigating.length) * 1000) / 1000 : 0;
    const likelihood = 3 + (t % 3);
    const impact = 3 + ((t + 1) % 3);
    const residualLikelihood = Math.max(1, Math.round(likelihood * (1 - mitigation)));
    return {
      threatId, title, likelihood, impact, inherent: likelihood * impact, residualLikelihood, residual: residualLikelihood * impact,
      band: { inherent: band(likelihood * impact), residual: band(residualLikelihood * impact) }, mitigation,
      controlIds: mitigating.map((c) => c.id), controls: mitigating.map((c) => ({ id: c.id, status: c.status, credit: credit[c.status] })),
      reason: `${credited} of ${mitigating.length} mitigating controls credited; likelihood ${residualLikelihood === likelihood ? 'stays' : 'falls to'} ${residualLikelihood}`,
    };
  });
  const cells = [];
  for (let likelihood = 5; likelihood >= 1; likelihood--) {
    for (let impact = 1; impact <= 5; impact++) {
      cells.push({
        likelihood, impact, score: likelihood * impact, band: band(likelihood * impact),
        inherent: risks.filter((r) => r.likelihood === likelihood && r.impact === impact).map((r) => r.threatId),
        residual: risks.filter((r) => r.residualLikelihood === likelihood && r.impact === impact).map((r) => r.threatId),
      });
    }
  }

  // Evidence: one item per configuration file, plus the advisory database and the attestations.
  const sources = [...new Set(servers.map((s) => s.path))];
  const items = [
    { id: 'advisory-db:builtin', kind: 'advisory-db', collector: 'advisories', source: 'advisories/mcp-known-vulnerable.yaml' },
    ...sources.map((source) => ({ id: `mcp-config:${source}`, kind: 'mcp-config', collector: 'mcp-config', source })),
    ...controls.filter((c) => c.attestation).map((c) => ({ id: `attestation:${c.id}:${c.attestation.evidence}`, kind: 'attestation', collector: 'attestations', source: c.attestation.evidence })),
  ].map((item) => ({ ...item, collectedAt: generatedAt, sha256: sha(item.id) }));
  const rootHash = `sha256:${sha(items.map((i) => i.sha256).sort().join('\n'))}`;

  const tools = servers.flatMap((s, i) => Array.from({ length: 1 + (i % 5) }, (_, k) => ({
    server: s.name, name: ['read_file', 'query', 'list_records', 'send_message', 'run_command'][k], sha256: `sha256:${sha(`${s.name}/${k}`)}`, path: `snapshots/${s.name}.tools.json`,
  })));

  const bySeverity = zeroCounts(['low', 'medium', 'high', 'critical']);
  for (const f of findings) bySeverity[f.severity]++;
  const excepted = findings.filter((f) => f.exception).length;
  const checkCounts = zeroCounts(['pass', 'fail', 'not_observed', 'not_applicable', 'error']);
  for (const c of checks) checkCounts[c.status]++;
  const controlCounts = zeroCounts(['pass', 'partial', 'fail', 'not_observed', 'manual', 'attested', 'stale', 'not_applicable', 'error']);
  for (const c of controls) controlCounts[c.status]++;

  return {
    schemaVersion: '2.0',
    tool: { name: 'mcp-comply', version: '0.1.0' },
    generatedAt,
    scope: {
      organization, frameworks: frameworks.map((f) => f.id), dataClasses: ['personal-data', 'phi', 'cardholder-data'], dataClassesDeclared: true,
      aiAct: { role: 'deployer', riskLevel: 'high' }, paths: ['/srv/estate'], includeUser: false,
    },
    evidence: {
      rootHash, items,
      unreadable: [{ path: 'packages/pkg-broken/.cursor/mcp.json', code: 'parse-error', reason: 'cannot be parsed as JSON: comma expected', line: 5, column: 7 }],
      collectorFailures: [],
    },
    checks, findings, controls, frameworks, risks,
    riskMethod: { credit, minimumLikelihood: 1, bands: { medium: 5, high: 10, critical: 20 } },
    riskHeatMap: { cells },
    inventory: { servers, tools },
    exceptions: [
      { id: 'EX-1', target: `check:${failing[0].id}`, status: 'live', approver: 'ciso@northwind.example', approved: '2026-10-01', expires: '2027-06-30', daysToExpiry: daysBetween(date, '2027-06-30'), ticket: 'GRC-101', matchedFindings: excepted, unused: false },
      { id: 'EX-2', target: `check:${failing[1 % failing.length].id}`, status: 'expired', approver: 'ciso@northwind.example', approved: '2026-01-15', expires: '2026-09-30', daysToExpiry: daysBetween(date, '2026-09-30'), ticket: 'GRC-87', matchedFindings: findings.filter((f) => f.expiredException).length, unused: false },
      { id: 'EX-3', target: `control:${controlIds[1 % controlCount]}`, status: 'live', approver: 'ciso@northwind.example', approved: '2026-10-01', expires: '2027-03-31', daysToExpiry: daysBetween(date, '2027-03-31'), matchedFindings: 0, unused: false },
    ],
    summary: {
      checks: checkCounts,
      findings: { total: findings.length, bySeverity, excepted },
      exceptions: { live: 2, expired: 1, notYetApproved: 0, unused: 0 },
      controls: controlCounts,
      requirements: pooled(frameworks),
      failOn: 'high',
      failed: findings.some((f) => !f.exception && (f.severity === 'high' || f.severity === 'critical')),
    },
  };
}

function exceptionNote(id, expires) {
  return { id, approver: 'ciso@northwind.example', expires, ticket: `GRC-${id.slice(3)}01`, justification: 'The vendor pins versions through our internal npm mirror, which only serves reviewed releases.' };
}

function reasonFor(status, failed) {
  if (status === 'fail') return `failed: ${failed.map((c) => `${c.id} (${c.results.length} finding${c.results.length === 1 ? '' : 's'})`).join(', ')}`;
  if (status === 'pass') return 'every check passed';
  if (status === 'partial') return 'automated part effective (every check passed); manual evidence outstanding: MFA at the identity provider and the gateway';
  if (status === 'attested') return 'attested by platform-security@northwind.example, valid until 2027-09-01';
  if (status === 'stale') return 'the attestation by platform-security@northwind.example expired on 2026-09-01';
  if (status === 'not_observed') return 'no evidence for its checks was collected';
  if (status === 'not_applicable') return 'out of scope: no MCP server handles the data classes it concerns';
  if (status === 'error') return 'a check of this control failed to run';
  return 'no check can decide this control and no attestation covers it';
}

function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
