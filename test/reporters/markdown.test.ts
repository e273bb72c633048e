/** report.md: the assessment in GitHub-flavoured Markdown, with every untrusted string inert. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Assessment, AssessmentChanges, HistoryPoint } from '../../src/engine/assessment.js';
import { frameworkTitle } from '../../src/reporters/labels.js';
import { escapeMarkdown, markdownReporter, renderMarkdown as renderProfile } from '../../src/reporters/markdown.js';

/** The full profile: these tests read every section report.md has. */
const renderMarkdown = (a: Assessment) => renderProfile(a, 'full');
import { sampleAssessment } from '../helpers/sample-assessment.js';
import { complianceWords, vocabularyFrameworks } from '../helpers/framework-fixtures.js';

const ZWSP = '\u200B';

/** The cells of a GFM table row: split on pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  assert.ok(row.startsWith('| ') && row.endsWith(' |'), `a table row: ${row}`);
  const inner = row.slice(2, -2);
  const out: string[] = [];
  let cell = '';
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\') { cell += inner[i]! + (inner[i + 1] ?? ''); i++; continue; }
    if (inner[i] === '|') { out.push(cell.trim()); cell = ''; continue; }
    cell += inner[i];
  }
  out.push(cell.trim());
  return out;
}

/** The rows (as cells) of the table whose header row starts with `firstHeader`, after the `## heading` given. */
function tableAfter(markdown: string, heading: string, firstHeader: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line === heading || line.startsWith(`${heading} (`));
  assert.ok(start >= 0, `heading ${heading}`);
  const header = lines.findIndex((line, index) => index > start && line.startsWith(`| ${firstHeader} |`));
  assert.ok(header > start, `table ${firstHeader} after ${heading}`);
  const width = cells(lines[header]!).length;
  assert.match(lines[header + 1]!, /^\| --- (\| --- )*\|$/);
  const rows: string[][] = [];
  for (let i = header + 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    const row = cells(lines[i]!);
    assert.equal(row.length, width, `row ${i + 1} has ${width} cells: ${lines[i]}`);
    rows.push(row);
  }
  return rows;
}

/** What a Markdown renderer shows for an escaped cell: backslash escapes and the three entities undone. */
function shown(escaped: string): string {
  return escaped.replace(/\\(.)/g, '$1').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

describe('escapeMarkdown', () => {
  const cases: Array<[string, string, string]> = [
    ['plain words', 'plain words', 'plain words'],
    ['emphasis and code', '*bold* _it_ `code`', '\\*bold\\* \\_it\\_ \\`code\\`'],
    ['a link', '[link](javascript:alert(1))', '\\[link\\]\\(javascript:alert\\(1\\)\\)'],
    ['an image', '![x](https://evil.example/x.png)', '\\!\\[x\\]\\(https\\://evil\\.example/x\\.png\\)'],
    ['a bare URL', 'see http://evil.example/a or ftp://x', 'see http\\://evil\\.example/a or ftp\\://x'],
    ['a colon elsewhere', 'check:id at a:1:2', 'check:id at a:1:2'],
    ['HTML', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['an entity', '&lt;b&gt;', '&amp;lt;b&amp;gt;'],
    ['a heading', '# heading', '\\# heading'],
    ['list markers', '- a + b 1. c', '\\- a \\+ b 1\\. c'],
    ['braces, tilde, dollar, backslash', '{~~x~~} $y$ \\', '\\{\\~\\~x\\~\\~\\} \\$y\\$ \\\\'],
    ['a pipe', 'a | b', 'a \\| b'],
    // Shown, not dropped: printable() writes them as escapes, whose backslash Markdown then escapes.
    ['line breaks', 'one\ntwo\r\nthree\rfour\u2028five', 'one\\\\ntwo\\\\r\\\\nthree\\\\rfour\\\\u2028five'],
    ['a tab and runs of spaces', 'a\t  b', 'a\\\\t b'],
    ['ESC, C1, bidi and zero-width characters', 'a\x1b[2Kb\x9bc\u202Ed\u200Be', 'a\\\\x1b\\[2Kb\\\\x9bc\\\\u202ed\\\\u200be'],
    ['a mention', '@org/team and @user', `@${ZWSP}org/team and @${ZWSP}user`],
    ['an e-mail address', 'ciso@example.com', 'ciso@example\\.com'],
    ['an issue reference', 'fixes #12', `fixes \\#${ZWSP}12`],
  ];
  for (const [name, input, expected] of cases) {
    it(`escapes ${name}`, () => assert.equal(escapeMarkdown(input), expected));
  }
});

const HOSTILE = '<img src=x onerror=alert(1)> [link](javascript:alert(1)) | broken\n# heading\r\n<script>x</script>';

function hostileAssessment(): Assessment {
  const a = sampleAssessment();
  const first = a.findings[0]!;
  first.message = HOSTILE;
  first.location = { path: 'a|b/<x>.json', line: 3, column: 4 };
  return a;
}

describe('renderMarkdown', () => {
  it('renders the sample with the counts of the assessment', () => {
    const a = sampleAssessment();
    const md = renderMarkdown(a);
    assert.ok(a.findings.length > 0 && a.frameworks.length > 0, 'the sample has findings and frameworks');
    assert.equal(tableAfter(md, '## Findings', 'Severity').length, a.findings.length);
    assert.match(md, new RegExp(`^## Findings \\(${a.findings.length}\\)$`, 'm'));
    assert.match(md, new RegExp(`\\*\\*Summary:\\*\\* ${a.summary.findings.total} findings \\(`));
    const frameworks = tableAfter(md, '## Frameworks', 'Framework');
    // One row per framework, then all applicable frameworks pooled.
    assert.equal(frameworks.length, a.frameworks.length + 1);
    a.frameworks.forEach((framework, index) => {
      const row = frameworks[index]!;
      const { counts } = framework.summary;
      assert.deepEqual(row.slice(5), [counts.deficient, counts.partly_effective, counts.untested, counts.not_addressed, counts.effective, counts.met, counts.not_applicable].map(String));
    });
    for (const framework of a.frameworks.filter((f) => f.applicability.applies)) {
      const gaps = framework.requirements.filter((r) => ['deficient', 'partly_effective', 'untested', 'not_addressed'].includes(r.status)).length;
      const heading = `### ${escapeMarkdown(frameworkTitle(framework.name, framework.version))}`;
      assert.equal(tableAfter(md, heading, 'Requirement').length, gaps, framework.id);
    }
    const notPassing = a.controls.filter((c) => ['fail', 'error', 'stale', 'not_observed', 'manual', 'partial'].includes(c.status));
    assert.equal(tableAfter(md, '## Controls not passing', 'Control').length, notPassing.length);
    assert.equal(tableAfter(md, '## Risk register', 'Threat').length, a.risks.length);
    assert.equal(tableAfter(md, '## Exceptions', 'Exception').length, a.exceptions!.length);
    assert.match(md, new RegExp(`\\*\\*Evidence root hash:\\*\\* ${escapeMarkdown(a.evidence.rootHash).replaceAll('\\', '\\\\')} `));
  });

  it('shows the title with organisation and date, and whether the gate fails', () => {
    const a = sampleAssessment();
    a.scope.organization = 'Acme *Health*';
    a.generatedAt = '2026-11-20T09:00:00.000Z';
    a.summary.failOn = 'high';
    a.summary.failed = true;
    // The title comes first without document control; with it, after the marking line (test/reporters/profiles.test.ts).
    delete a.document;
    const md = renderMarkdown(a);
    assert.equal(md.split('\n')[0], '# MCP controls assessment: Acme \\*Health\\*, 2026\\-11\\-20');
    assert.match(md, /; gate \(--fail-on high\) \*\*failed\*\*: findings at or above high are not under a live exception\.$/m);
    a.summary.failed = false;
    assert.match(renderMarkdown(a), /; gate \(--fail-on high\) passed: no finding at or above high outside a live exception\.$/m);
    a.summary.failOn = 'none';
    assert.match(renderMarkdown(a), /; no gate \(--fail-on none\)\.$/m);
  });

  it('shows n/a for a null share and why a framework does not apply', () => {
    const a = sampleAssessment();
    const framework = a.frameworks[0]!;
    framework.applicability = { applies: false, reason: 'no AI system in scope', inScope: 0, assumed: [] };
    framework.summary.testingCoverage = null;
    framework.summary.effectiveness = null;
    const second = a.frameworks[1]!;
    second.summary.testingCoverage = 0.5;
    second.summary.effectiveness = 0;
    const rows = tableAfter(renderMarkdown(a), '## Frameworks', 'Framework');
    assert.deepEqual(rows[0]!.slice(2, 5), ['No: no AI system in scope', 'n/a', 'n/a']);
    assert.deepEqual(rows[1]!.slice(3, 5), ['50%', '0%']);
    assert.match(renderMarkdown(a), /Testing coverage is the share of in-scope requirements with evidence either way .* effectiveness is the share of tested requirements whose MCP part is effective/);
  });

  it('keeps a hostile finding message inert and inside its table cell', () => {
    const md = renderMarkdown(hostileAssessment());
    const row = tableAfter(md, '## Findings', 'Severity')[0]!;
    assert.equal(row.length, 5);
    assert.equal(row[1], 'a\\|b/&lt;x&gt;\\.json:3:4');
    assert.equal(shown(row[3]!), HOSTILE.replace(/\r/g, '\\r').replace(/\n/g, '\\n'));
    // Nothing of it survives as markup: no tag, no link to javascript:, no heading of its own.
    assert.ok(!md.includes('<img') && !md.includes('<script') && !md.includes('](javascript:'));
    assert.deepEqual(md.match(/<\/?[a-z]+/g)!.filter((tag) => !['<details', '</details', '<summary', '</summary'].includes(tag)), []);
    assert.ok(!md.split('\n').some((line) => line.startsWith('# heading')));
  });

  it('links control references and framework sources only when they are http(s)', () => {
    const a = sampleAssessment();
    const control = a.controls.find((c) => c.status === 'fail')!;
    control.references = [
      { title: 'Good', url: 'https://example.com/a (b)|c' },
      { title: 'Bad', url: 'javascript:alert(1)' },
      { title: 'Data', url: 'data:text/html,<script>x</script>' },
    ];
    a.frameworks[0]!.source = 'javascript:alert(1)';
    a.frameworks[0]!.name = 'Framework';
    const md = renderMarkdown(a);
    const row = tableAfter(md, '## Controls not passing', 'Control').find((r) => r[0] === escapeMarkdown(control.id))!;
    assert.equal(row[4], '[Good](https://example.com/a%20%28b%29%7Cc); Bad; Data');
    assert.equal(tableAfter(md, '## Frameworks', 'Framework')[0]![0], 'Framework');
  });

  it('shows an exception beside the finding and the control it accepts', () => {
    const a = sampleAssessment();
    const excepted = a.findings.findIndex((f) => f.exception);
    assert.ok(excepted >= 0, 'the sample has an excepted finding');
    const note = a.findings[excepted]!.exception!;
    a.findings[excepted]!.expiredException = { id: 'EX-9', approver: 'x@example.com', expires: '2026-01-31', justification: 'old' };
    const md = renderMarkdown(a);
    assert.equal(tableAfter(md, '## Findings', 'Severity')[excepted]![4],
      `Excepted: ${escapeMarkdown(note.id)} (approved by ${escapeMarkdown(note.approver)}, until ${escapeMarkdown(note.expires)}`
      + `${note.ticket ? `, ${escapeMarkdown(note.ticket)}` : ''}); Expired exception EX\\-9 (ended 2026\\-01\\-31)`);
    const control = a.controls.find((c) => c.exception)!;
    const row = tableAfter(md, '## Controls not passing', 'Control').find((r) => r[0] === escapeMarkdown(control.id))!;
    assert.match(row[2]!, /^Fail; excepted: /);
  });

  it('lists attestations of controls and requirements', () => {
    const a = sampleAssessment();
    const expected = a.controls.filter((c) => c.attestation).length
      + a.frameworks.flatMap((f) => f.requirements).filter((r) => r.attestation).length;
    assert.ok(expected > 0, 'the sample has attestations');
    assert.equal(tableAfter(renderMarkdown(a), '## Attestations', 'Attested').length, expected);
  });

  it('shows changes and the trend only when the assessment has them', () => {
    const a = sampleAssessment();
    delete a.changes;
    delete a.history;
    const plain = renderMarkdown(a);
    assert.ok(!plain.includes('## Changes since') && !plain.includes('## Trend'));

    a.changes = CHANGES;
    a.history = HISTORY;
    const md = renderMarkdown(a);
    assert.match(md, /^## Changes since 2026\\-06\\-30$/m);
    assert.deepEqual(tableAfter(md, '### Controls', 'Change'), [
      ['Regressed', 'MCP\\-AC\\-01', 'Filesystem scope', 'Pass → Fail'],
      ['Improved', 'MCP\\-SC\\-01', 'Pinned packages', 'Fail → Pass'],
    ]);
    assert.deepEqual(tableAfter(md, '### New findings', 'Severity'), [
      ['Critical', 'ehr/\\.cursor/mcp\\.json:9', 'mcp\\.secrets\\.inline\\-credential', 'inline &lt;secret&gt;', 'Excepted: EX\\-1'],
    ]);
    assert.equal(tableAfter(md, '### Resolved findings', 'Severity').length, 1);
    assert.deepEqual(tableAfter(md, '### Servers', 'Change').map((r) => r[0]), ['Added', 'Removed']);
    assert.deepEqual(tableAfter(md, '### Tools', 'Change'), [
      ['Added', 'ehr', 'read\\_record', 'snapshots/ehr\\.json', '444444444444'],
      ['Definition changed', 'payments', 'refund\\_\\[x\\]', 'snapshots/payments\\.json', '222222222222 → 333333333333'],
    ]);
    assert.deepEqual(tableAfter(md, '### Exceptions expired', 'Exception'), [['EX\\-2', 'check:mcp\\.supply\\-chain\\.unpinned\\-package', '2026\\-08\\-31']]);
    assert.deepEqual(tableAfter(md, '### Attestations gone stale', 'Control'), [['MCP\\-IR\\-01', 'soc@example\\.com', '2026\\-09\\-01']]);
    assert.deepEqual(tableAfter(md, '### Framework figures', 'Framework'), [
      ['GDPR', '80%', '40% → 50%', ''],
      ['NIS2', 'n/a → 80%', 'n/a → 25%', 'Added'],
    ]);
    assert.deepEqual(tableAfter(md, '### Residual risk', 'Threat'), [['T01', 'Unauthorized access', '8 → 12']]);

    const trend = tableAfter(md, '## Trend', 'Date');
    assert.equal(trend.length, HISTORY.length + 1);
    assert.deepEqual(trend[0]!.slice(0, 6), ['2026\\-03\\-31', '40', '4', '10', '20', '200']);
    assert.equal(trend[HISTORY.length]![0], `${escapeMarkdown(a.generatedAt.slice(0, 10))} (this assessment)`);
    assert.equal(trend[HISTORY.length]![1], String(a.summary.findings.total));
    // Framework columns: testing coverage / effectiveness; a framework only earlier assessments had comes last.
    const gdpr = a.frameworks.findIndex((f) => f.id === 'gdpr');
    assert.ok(gdpr >= 0, 'the sample assesses GDPR');
    assert.equal(trend[0]![6 + gdpr], '50% / 25%');
    assert.equal(trend[0]![6 + a.frameworks.length], 'n/a / n/a');
  });

  it('says so when nothing changed', () => {
    const a = sampleAssessment();
    a.changes = { ...CHANGES, controls: [], requirements: [], findings: { new: [], resolved: [], unchanged: 3 },
      servers: { added: [], removed: [] }, tools: { added: [], removed: [], changed: [] }, exceptions: { expired: [] },
      attestations: { stale: [] }, frameworks: [], risks: [] };
    const md = renderMarkdown(a);
    assert.match(md, /^## Changes since/m);
    assert.ok(!md.includes('### Controls') && !md.includes('### New findings') && !md.includes('### Tools'));
  });

  it('renders an older assessment without the optional fields', () => {
    const a = sampleAssessment();
    delete a.exceptions;
    delete a.summary.findings.excepted;
    for (const control of a.controls) {
      delete control.references;
      delete control.remediation;
      delete control.objective;
    }
    for (const check of a.checks) delete check.remediation;
    for (const framework of a.frameworks) {
      delete framework.source;
      delete framework.publisher;
    }
    const md = renderMarkdown(a);
    assert.ok(!md.includes('## Exceptions'));
    assert.equal(tableAfter(md, '## Findings', 'Severity').length, a.findings.length);
  });

  it('is deterministic, and the reporter makes report.md from it', async () => {
    const first = renderMarkdown(hostileAssessment());
    assert.equal(renderMarkdown(hostileAssessment()), first);
    const files = await markdownReporter.render(sampleAssessment(), { paper: 'A4', log: () => {} });
    assert.equal(markdownReporter.format, 'md');
    assert.deepEqual(markdownReporter.files, ['report.md']);
    assert.deepEqual(files, [{ name: 'report.md', content: renderProfile(sampleAssessment(), 'auditor') }]);
  });
});

const CHANGES: AssessmentChanges = {
  previous: { generatedAt: '2026-06-30T09:00:00.000Z', rootHash: 'p'.repeat(64), toolVersion: '0.0.9' },
  controls: [
    { id: 'MCP-SC-01', title: 'Pinned packages', from: 'fail', to: 'pass', direction: 'improved' },
    { id: 'MCP-AC-01', title: 'Filesystem scope', from: 'pass', to: 'fail', direction: 'regressed' },
  ],
  requirements: [{ frameworkId: 'gdpr', id: 'Art. 32', title: 'Security', from: 'met', to: 'deficient', direction: 'regressed' }],
  findings: {
    new: [{ checkId: 'mcp.secrets.inline-credential', severity: 'critical', message: 'inline <secret>', location: { path: 'ehr/.cursor/mcp.json', line: 9 },
      fingerprint: 'd'.repeat(32), exception: 'EX-1' }],
    resolved: [{ checkId: 'mcp.supply-chain.unpinned-package', severity: 'medium', message: 'unpinned', location: { path: 'a/.cursor/mcp.json', line: 5 },
      fingerprint: 'c'.repeat(32) }],
    unchanged: 2,
  },
  servers: {
    added: [{ name: 'ehr', client: 'cursor', transport: 'stdio', path: 'ehr/.cursor/mcp.json', line: 3, disabled: false }],
    removed: [{ name: 'legacy-crm', client: 'vscode', transport: 'http', path: 'crm/.vscode/mcp.json', line: 4, disabled: false }],
  },
  tools: {
    added: [{ server: 'ehr', name: 'read_record', sha256: '4'.repeat(64), path: 'snapshots/ehr.json' }],
    removed: [],
    changed: [{ server: 'payments', name: 'refund_[x]', path: 'snapshots/payments.json', from: '2'.repeat(64), to: '3'.repeat(64) }],
  },
  exceptions: { expired: [{ id: 'EX-2', target: 'check:mcp.supply-chain.unpinned-package', expires: '2026-08-31' }] },
  attestations: { stale: [{ control: 'MCP-IR-01', attestedBy: 'soc@example.com', validUntil: '2026-09-01' }] },
  frameworks: [
    { id: 'gdpr', name: 'GDPR', testingCoverage: { from: 0.8, to: 0.8 }, effectiveness: { from: 0.4, to: 0.5 } },
    { id: 'nis2', name: 'NIS2', testingCoverage: { from: null, to: 0.8 }, effectiveness: { from: null, to: 0.25 }, status: 'added' },
  ],
  risks: [{ threatId: 'T01', title: 'Unauthorized access', residual: { from: 8, to: 12 } }],
  summary: {
    regressedControls: 1, improvedControls: 1, newFindings: 1, resolvedFindings: 1,
    addedServers: 1, addedTools: 1, changedTools: 1, expiredExceptions: 1, staleAttestations: 1,
  },
};

const point = (generatedAt: string, total: number, critical: number, high: number, fail: number, residualRisk: number): HistoryPoint => ({
  generatedAt,
  rootHash: 'h'.repeat(64),
  frameworks: [{ id: 'gdpr', testingCoverage: 0.5, effectiveness: 0.25 }, { id: 'retired', testingCoverage: null, effectiveness: null }],
  findings: { total, bySeverity: { low: 0, medium: total - critical - high, high, critical } },
  controls: { pass: 1, partial: 0, fail, not_observed: 0, manual: 0, attested: 0, stale: 0, not_applicable: 0, error: 0 },
  residualRisk,
});
const HISTORY: HistoryPoint[] = [point('2026-03-31T09:00:00.000Z', 40, 4, 10, 20, 200), point('2026-06-30T09:00:00.000Z', 50, 5, 12, 25, 210)];

describe('report.md figures and vocabulary', () => {
  const withVocabulary = () => {
    const a = sampleAssessment();
    a.frameworks = vocabularyFrameworks(a.controls[0]!.id);
    return a;
  };

  it('gives testing coverage, effectiveness and every outcome per framework, then the applicable frameworks pooled', () => {
    const md = renderMarkdown(withVocabulary());
    // Outcome columns: deficient, partly effective, untested, not addressed, effective, met, not applicable.
    assert.deepEqual(tableAfter(md, '## Frameworks', 'Framework').map((row) => [row[0], ...row.slice(3)]), [
      ['PCI DSS', '56%', '60%', '1', '1', '3', '1', '2', '1', '1'],
      ['NIST AI RMF', '50%', '50%', '0', '1', '2', '0', '1', '0', '0'],
      ['EU AI Act', 'n/a', 'n/a', '0', '0', '0', '0', '0', '0', '2'],
      ['**All applicable frameworks (pooled)**', '**54%**', '**57%**', '1', '2', '5', '1', '3', '1', '1'],
    ]);
    assert.match(md, /^\*\*Requirements:\*\* 2 applicable frameworks, 13 in-scope requirements pooled: testing coverage 54%, effectiveness 57%; 1 deficient, 2 partly effective, 5 untested, 1 not addressed, 3 effective, 1 met\.$/m);
  });

  it('says each outcome and figure in the words of the framework', () => {
    const md = renderMarkdown(withVocabulary());
    assert.match(md, /^Requirements tested \(testing coverage\): 56%; Tested requirements in place \(effectiveness\): 60%\. Outcomes: 1 Not in Place, 1 Partly in place for MCP components, 3 Not Tested, 1 Not Tested \\\(no MCP control\\\), 2 In Place for MCP components, 1 In Place, 1 Not Applicable\.$/m);
    assert.deepEqual(tableAfter(md, '### PCI DSS 1\\.0', 'Requirement').map((row) => row[2]), [
      'Not in Place', 'Partly in place for MCP components', 'Not Tested', 'Not Tested', 'Not Tested', 'Not Tested \\(no MCP control\\)',
    ]);
    assert.match(md, /^Outcomes evidenced \(testing coverage\): 50%; Outcomes achieved \(effectiveness\): 50%\. Outcomes: 1 Outcome partially achieved, 2 Not evidenced, 1 Outcome achieved for MCP\.$/m);
    assert.deepEqual(tableAfter(md, '### NIST AI RMF 1\\.0', 'Requirement').map((row) => row[2]), ['Outcome partially achieved', 'Not evidenced', 'Not evidenced']);
    assert.match(md, /^### EU AI Act 1\\.0\n\nDoes not apply: not a deployer of a high\\-risk system\.$/m);
  });

  it('never states a compliance figure, on the demo estate or on frameworks with their own words', () => {
    assert.deepEqual(complianceWords(renderMarkdown(sampleAssessment())), []);
    assert.deepEqual(complianceWords(renderMarkdown(withVocabulary())), []);
  });
});
