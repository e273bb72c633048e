/** Report profiles in the HTML report: each holds its sections in order, its contents list only them, no link dangles; document control and the plan are rendered. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Assessment, DocumentControl } from '../../src/engine/assessment.js';
import { renderMarkdown as renderProfile } from '../../src/reporters/markdown.js';
import { renderHtml } from '../../src/reporters/html/render-html.js';
import { PLAN_SUMMARY_ITEMS, TOP_RISKS, sectionsView } from '../../src/reporters/html/section-views.js';
import { buildView } from '../../src/reporters/html/view-model.js';
import { REPORT_PROFILES, type ReportProfile } from '../../src/reporters/profiles.js';
import { sampleAssessmentWithPlan } from '../helpers/sample-assessment.js';

const render = (a: Assessment, profile: ReportProfile) => renderHtml(a, { paper: 'A4', profile });

/** Ids of the top-level sections in document order (the cover, the contents and every `.sec`). */
function topLevelIds(html: string): string[] {
  return [...html.matchAll(/<(?:section|header|nav) id="([^"]+)" class="(?:sec|cover)[ "]/g)].map((m) => m[1]!);
}

/** The HTML of one top-level section, up to the next top-level section. */
function section(html: string, id: string): string {
  const start = html.search(new RegExp(`<(?:section|header|nav) id="${id}" class="(?:sec|cover)[ "]`));
  assert.ok(start >= 0, `section ${id} is missing`);
  const rest = html.slice(start + 1);
  const next = rest.search(/<(?:section|header|nav) id="[^"]+" class="(?:sec|cover)[ "]/);
  return next < 0 ? rest.slice(0, rest.indexOf('</main>')) : rest.slice(0, next);
}

const h1s = (html: string) => [...html.matchAll(/<h1[^>]*>([^<]*)<\/h1>/g)].map((m) => m[1]!);

describe('report profiles (HTML)', () => {
  const assessment = sampleAssessmentWithPlan();
  const html = Object.fromEntries(REPORT_PROFILES.map((p) => [p, render(assessment, p)])) as Record<ReportProfile, string>;

  it('each profile holds exactly its sections, in order', () => {
    const expected: Record<ReportProfile, string[]> = {
      executive: ['cover', 'document-control', 'contents', 'executive-summary', 'boundary', 'top-risks', 'plan-summary', 'exceptions', 'changes-summary'],
      auditor: [
        'cover', 'document-control', 'contents', 'executive-summary', 'boundary', 'top-risks', 'plan-summary', 'exceptions', 'changes-summary',
        'scope-and-method', 'requirements-attention', 'plan', 'attestations', 'risk-register', 'changes', 'requirement-matrix', 'catalog-cards', 'evidence-appendix',
      ],
      full: [
        'cover', 'document-control', 'contents', 'executive-summary', 'boundary', 'top-risks', 'scope-and-method', 'frameworks', 'controls', 'plan', 'findings',
        'exceptions', 'attestations', 'risk-register', 'changes', 'evidence-appendix',
      ],
    };
    for (const profile of REPORT_PROFILES) assert.deepEqual(topLevelIds(html[profile]), expected[profile], profile);
  });

  it('letters the appendices and titles every section once', () => {
    const table: Array<[ReportProfile, string[]]> = [
      ['executive', []],
      ['auditor', ['Appendix A. Requirement matrix', 'Appendix B. Control catalog', 'Appendix C. Evidence index']],
      ['full', ['Appendix A. Evidence index']],
    ];
    for (const [profile, appendices] of table) {
      assert.deepEqual(h1s(html[profile]).filter((t) => t.startsWith('Appendix')), appendices, profile);
      assert.deepEqual(sectionsView(profile).filter((s) => s.appendix).map((s) => s.title), appendices, profile);
    }
  });

  it('lists in the contents only the sections present, and every link of every profile has its target', () => {
    for (const profile of REPORT_PROFILES) {
      const doc = html[profile];
      const entries = [...section(doc, 'contents').matchAll(/<li><a href="#([^"]+)">/g)].map((m) => m[1]!);
      const frameworks = profile === 'executive' ? [] : assessment.frameworks.map((f) => `fw-${f.id}`);
      const bodies = topLevelIds(doc).filter((id) => id !== 'cover' && id !== 'contents');
      // The frameworks are listed under the section that prints their requirements (Frameworks, or the matrix).
      const under = profile === 'auditor' ? 'requirement-matrix' : 'frameworks';
      const withChildren = bodies.flatMap((id) => (id === under ? [id, ...frameworks] : [id]));
      assert.deepEqual(entries, withChildren, profile);
      const dangling = [...doc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!).filter((id) => !doc.includes(` id="${id}"`));
      assert.deepEqual([...new Set(dangling)], [], profile);
    }
  });

  it('prints control cards only where a section holds them, requirements in detail only in full', () => {
    const table: Array<[ReportProfile, number, number, number]> = [
      // profile, control cards, detailed requirement tables (.req), one-line matrix rows
      ['executive', 0, 0, 0],
      ['auditor', assessment.controls.length, 0, assessment.frameworks.reduce((n, f) => n + f.requirements.filter((r) => r.status !== 'not_applicable').length, 0)],
      ['full', assessment.controls.length, assessment.frameworks.length, 0],
    ];
    for (const [profile, cards, reqTables, matrixRows] of table) {
      const doc = html[profile];
      assert.equal([...doc.matchAll(/<article id="c-/g)].length, cards, `${profile} cards`);
      assert.equal([...doc.matchAll(/<table class="req">/g)].length, reqTables, `${profile} requirement tables`);
      const matrix = doc.includes('id="requirement-matrix"') ? section(doc, 'requirement-matrix') : '';
      const rows = [...matrix.matchAll(/<table class="matrix">[\s\S]*?<\/table>/g)].reduce((n, t) => n + [...t[0].matchAll(/<tr><td>/g)].length, 0);
      assert.equal(rows, matrixRows, `${profile} matrix rows`);
    }
  });

  it('keeps the catalog appendix short: no risk, threats or per-check fixes, which the risk register and the plan hold', () => {
    const fixed = assessment.checks.find((c) => c.remediation && c.status === 'fail');
    assert.ok(fixed, 'the sample has a failing check with a remediation');
    // [section, profile, shows the risk line, shows the check's fix]
    const table: Array<[string, ReportProfile, boolean, boolean]> = [
      ['catalog-cards', 'auditor', false, false],
      ['controls', 'full', true, true],
    ];
    for (const [id, profile, risk, fix] of table) {
      const cards = section(html[profile], id);
      assert.equal(cards.includes('<dt>Risk</dt>'), risk, `${profile} ${id} risk`);
      assert.equal(cards.includes('Fix: '), fix, `${profile} ${id} fix`);
      assert.equal((cards.match(/<article id="c-/g) ?? []).length, assessment.controls.length, `${profile} ${id} cards`);
    }
  });

  it('prints the server inventory in the boundary of the auditor and full reports, and only its size in the executive one', () => {
    const servers = buildView(assessment, 'A4').boundary.servers.length;
    assert.ok(servers > 0);
    const table: Array<[ReportProfile, boolean]> = [['executive', false], ['auditor', true], ['full', true]];
    for (const [profile, inventory] of table) {
      const boundary = section(html[profile], 'boundary');
      assert.equal(boundary.includes('<h2>MCP server inventory</h2>'), inventory, profile);
      assert.equal(boundary.includes(`<p>The inventory of the ${servers} MCP servers found, with client, transport, endpoint and owner, is in the auditor and full reports.</p>`), !inventory, profile);
      const md = renderProfile(assessment, profile);
      assert.equal(md.includes(`<summary>MCP server inventory (${servers} servers)</summary>`), inventory, `${profile} Markdown`);
    }
  });

  it('puts the out-of-scope requirements of a framework on one line per shared reason', () => {
    const matrix = section(html.auditor, 'requirement-matrix');
    for (const f of assessment.frameworks) {
      const outOfScope = f.requirements.filter((r) => r.status === 'not_applicable');
      const reasons = new Set(outOfScope.map((r) => r.reason));
      const part = matrix.slice(matrix.indexOf(`id="fw-${f.id}"`)).split('</section>')[0]!;
      const lines = [...part.matchAll(/<table class="matrix oos">[\s\S]*?<\/table>/g)].reduce((n, t) => n + [...t[0].matchAll(/<tr><td class="m">/g)].length, 0);
      assert.equal(lines, reasons.size, f.id);
      for (const reason of reasons) {
        const count = outOfScope.filter((r) => r.reason === reason).length;
        assert.ok(part.includes(`<td class="num">${count}</td>`), `${f.id}: ${count}`);
      }
    }
    const aiAct = assessment.frameworks.find((f) => f.id === 'eu-ai-act')!;
    assert.equal(aiAct.requirements.filter((r) => r.status === 'not_applicable').length, 35);
  });

  it('lists the deficient, partly effective and untested requirements of the applicable frameworks, with the controls not shown to work', () => {
    const attention = section(html.auditor, 'requirements-attention');
    const expected = assessment.frameworks.filter((f) => f.applicability?.applies ?? true)
      .reduce((n, f) => n + f.requirements.filter((r) => ['deficient', 'partly_effective', 'untested'].includes(r.status)).length, 0);
    assert.equal([...attention.matchAll(/<tr><td><strong>/g)].length, expected);
    assert.equal(buildView(assessment, 'A4', 'auditor').requirementsAttention.total, expected);
    const deficient = assessment.frameworks.flatMap((f) => f.requirements).find((r) => r.status === 'deficient')!;
    const failing = (deficient.controls ?? []).filter((c) => c.status === 'fail');
    assert.ok(failing.length > 0);
    for (const c of failing) assert.ok(attention.includes(`<a href="#c-${c.id}">${c.id}</a> <span class="mut">Fail</span>`), c.id);
  });
});

describe('document control (HTML)', () => {
  const table: Array<{ name: string; status: 'draft' | 'final'; watermark: boolean }> = [
    { name: 'draft', status: 'draft', watermark: true },
    { name: 'final', status: 'final', watermark: false },
  ];
  for (const row of table) {
    it(`${row.name}: ${row.watermark ? 'a' : 'no'} DRAFT watermark, the classification escaped at top and bottom`, () => {
      const doc = render(sampleAssessmentWithPlan({ status: row.status }), 'executive');
      assert.equal(doc.includes('<div class="watermark" aria-hidden="true">DRAFT</div>'), row.watermark);
      const marking = 'Confidential - &lt;Board&gt; &amp; auditors';
      assert.ok(doc.includes(`<body>\n${row.watermark ? '<div class="watermark" aria-hidden="true">DRAFT</div>\n' : ''}<p class="marking top">${marking}</p>`));
      assert.ok(doc.includes(`<p class="marking bottom">${marking}</p>\n</body>`));
      assert.ok(!doc.includes('<Board>'));
    });
  }

  it('puts status, classification, version, period and the three names on the cover, and all of it in the table', () => {
    const doc = render(sampleAssessmentWithPlan(), 'executive');
    const cover = section(doc, 'cover');
    assert.ok(cover.includes('<p class="doc-status"><span class="st warn">Draft</span> <strong class="class">Confidential - &lt;Board&gt; &amp; auditors</strong> <span class="mut">version 0.3</span></p>'));
    for (const [dt, dd] of [['Assessment period', '2026-09-01 to 2026-11-30'], ['Prepared by', 'A. Assessor'], ['Reviewed by', 'R. Reviewer'], ['Approved by', 'C. CISO']]) {
      assert.ok(cover.includes(`<dt>${dt}</dt><dd>${dd}</dd>`), dt);
    }
    const rows = [...section(doc, 'document-control').matchAll(/<tr><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(rows, [
      ['Status', 'Draft'], ['Classification', 'Confidential - &lt;Board&gt; &amp; auditors'], ['Version', '0.3'], ['Assessment period', '2026-09-01 to 2026-11-30'],
      ['Prepared by', 'A. Assessor'], ['Reviewed by', 'R. Reviewer'], ['Approved by', 'C. CISO'], ['Distribution', 'Board; External auditor'],
    ]);
  });

  it('without document control: no watermark, no marking, and the table says none is recorded', () => {
    const a = sampleAssessmentWithPlan();
    delete a.document;
    const doc = render(a, 'executive');
    assert.ok(!doc.includes('class="watermark"'));
    assert.ok(!doc.includes('class="marking'));
    assert.ok(section(doc, 'document-control').includes('No document control is recorded'));
  });
});

describe('remediation plan (HTML)', () => {
  const assessment = sampleAssessmentWithPlan();
  const plan = assessment.plan!;
  const auditor = render(assessment, 'auditor');
  const executive = render(assessment, 'executive');

  it('has one row per plan item, open first, with its indicators, remediation, owner, due date and response', () => {
    const part = section(auditor, 'plan');
    assert.equal([...part.matchAll(/<tr id="rp-/g)].length, plan.items.length);
    const indicators = plan.items.reduce((n, i) => n + i.indicators.length, 0);
    assert.equal([...part.matchAll(/<li><span class="m">/g)].length, indicators);
    const responded = plan.items.find((i) => i.response)!;
    const row = part.slice(part.indexOf(`<tr id="rp-${responded.id}">`)).split('</tr>')[0]!;
    assert.ok(row.includes('<div class="resp"><strong>Management response</strong> (Head of Platform, '), row);
    assert.ok(row.includes('Agreed; the &lt;tool&gt; is being replaced.'));
    assert.ok(row.includes(`Due <span>${responded.due}</span>`));
    const overdue = plan.items.find((i) => i.overdue && i.status === 'open')!;
    const overdueRow = part.slice(part.indexOf(`<tr id="rp-${overdue.id}">`)).split('</tr>')[0]!;
    assert.ok(overdueRow.includes(`Due <span class="overdue">${overdue.due} (overdue)</span>`));
    const accepted = plan.items.find((i) => i.status === 'accepted')!;
    const acceptedRow = part.slice(part.indexOf(`<tr id="rp-${accepted.id}">`)).split('</tr>')[0]!;
    assert.ok(acceptedRow.includes('<span class="st info">Accepted (exception)</span>'));
    assert.ok(acceptedRow.includes(`<span class="st info">Accepted</span> ${accepted.exception!.id} by ${accepted.exception!.approver}`));
    // Open items first: the accepted one comes after every open one.
    const order = [...part.matchAll(/<tr id="rp-([^"]+)">/g)].map((m) => m[1]!);
    assert.ok(order.indexOf(accepted.id) >= plan.items.filter((i) => i.status === 'open').length);
  });

  it('shows the first items in the executive part and says how many more there are', () => {
    const summary = section(executive, 'plan-summary');
    const shown = Math.min(PLAN_SUMMARY_ITEMS, plan.items.filter((i) => i.status !== 'resolved').length);
    assert.equal([...summary.matchAll(/<tr><td><span class="st /g)].length, shown);
    // Resolved items are not counted, and the executive profile has no plan section to point to.
    const more = plan.items.filter((i) => i.status !== 'resolved').length - shown;
    assert.ok(summary.includes(`<p class="mut">${more} more open or accepted items are in remediation-plan.csv and the auditor report.</p>`));
    // No plan section in the executive profile: the items are not links.
    assert.ok(!summary.includes('href="#rp-'));
  });

  it('names the top residual risks with the controls that fail, and the most severe open items, in words', () => {
    const part = section(executive, 'top-risks');
    const top = [...assessment.risks].filter((r) => r.residual > 0)
      .sort((a, b) => b.residual - a.residual || b.inherent - a.inherent || (a.threatId < b.threatId ? -1 : 1)).slice(0, TOP_RISKS);
    const items = [...part.matchAll(/<li><span class="st [a-z]+">[A-Za-z]+<\/span> (T\d+) /g)].map((m) => m[1]);
    assert.deepEqual(items, top.map((r) => r.threatId));
    const first = top[0]!;
    const failing = first.controls!.filter((c) => c.status === 'fail');
    assert.ok(part.includes(`${first.threatId} ${first.title}: residual risk ${first.residual} (critical) of ${first.inherent} inherent; ${failing.length} mitigating controls fail: ${failing[0]!.id} (`));
    assert.equal([...part.matchAll(/<li><span class="st [a-z]+">P\d /g)].length, 5);
  });

  it('says so when the assessment has no plan (before schema 2.1)', () => {
    const a = sampleAssessmentWithPlan();
    delete a.plan;
    const doc = render(a, 'auditor');
    for (const id of ['plan-summary', 'plan']) assert.ok(section(doc, id).includes('This assessment has no remediation plan.'), id);
  });
});

describe('report profiles (Markdown)', () => {
  const assessment = sampleAssessmentWithPlan();
  const headings = (md: string) => md.split('\n').filter((l) => /^## /.test(l)).map((l) => l.slice(3));

  it('each profile holds its sections in order, appendices lettered', () => {
    const changes = `Changes since ${assessment.generatedAt.slice(0, 10).replace(/-/g, '\\-')}`;
    const expected: Record<ReportProfile, string[]> = {
      executive: ['Document control', 'Frameworks', 'Assessment boundary', 'Sources not read', 'Top risks and actions', 'Remediation plan: first actions', 'Exceptions', 'Since the previous assessment'],
      auditor: [
        'Document control', 'Frameworks', 'Assessment boundary', 'Sources not read', 'Top risks and actions', 'Remediation plan: first actions', 'Exceptions', 'Since the previous assessment',
        'Requirement gaps', 'Remediation plan', 'Attestations', 'Risk register', 'Appendix A. Requirement matrix', 'Appendix B. Control catalog', 'Appendix C. Evidence index',
      ],
      full: [
        'Document control', 'Frameworks', 'Assessment boundary', 'Sources not read', 'Top risks and actions', 'Requirement gaps', 'Controls not passing (61 of 64)',
        'Remediation plan', `Findings (${assessment.findings.length})`, 'Exceptions', 'Attestations', 'Risk register', 'Appendix A. Evidence index',
      ],
    };
    // The sample has no previous assessment: no changes section of its own.
    assert.equal(assessment.changes, undefined, changes);
    for (const profile of REPORT_PROFILES) assert.deepEqual(headings(renderProfile(assessment, profile)), expected[profile], profile);
  });

  it('marks the top and the bottom with DRAFT and the classification, escaped', () => {
    const table: Array<[Partial<DocumentControl>, string | null]> = [
      [{ status: 'draft' }, '**DRAFT · Confidential \\- &lt;Board&gt; &amp; auditors**'],
      [{ status: 'final' }, '**Confidential \\- &lt;Board&gt; &amp; auditors**'],
      [{ status: 'draft', classification: undefined }, '**DRAFT**'],
      [{ status: 'final', classification: undefined }, null],
    ];
    for (const [document, marking] of table) {
      const lines = renderProfile(sampleAssessmentWithPlan(document), 'executive').trimEnd().split('\n');
      if (marking) {
        assert.equal(lines[0], marking);
        assert.equal(lines.at(-1), marking);
      } else {
        assert.match(lines[0]!, /^# MCP controls assessment: /);
      }
    }
  });

  it('renders each plan item with its indicators, remediation and management response', () => {
    const md = renderProfile(assessment, 'auditor');
    const plan = assessment.plan!;
    assert.equal(md.split('\n').filter((l) => /^### RP\\-/.test(l)).length, plan.items.length);
    assert.ok(md.includes('**Management response:** Agreed; the &lt;tool&gt; is being replaced\\. (Head of Platform, '));
    const summary = md.slice(md.indexOf('## Remediation plan: first actions'), md.indexOf('## Exceptions'));
    const rows = summary.split('\n').filter((l) => /^\| P\d /.test(l));
    assert.equal(rows.length, PLAN_SUMMARY_ITEMS);
    const more = plan.items.filter((i) => i.status !== 'resolved').length - PLAN_SUMMARY_ITEMS;
    assert.ok(summary.includes(`${more} more open or accepted items are in the remediation plan below and in remediation-plan.csv.`));
  });

  it('puts the 35 out-of-scope EU AI Act requirements on one line per shared reason in the matrix', () => {
    const md = renderProfile(assessment, 'auditor');
    const matrix = md.slice(md.indexOf('## Appendix A. Requirement matrix'));
    const part = matrix.slice(matrix.indexOf('### EU Artificial Intelligence Act'), matrix.indexOf('### General Data Protection'));
    const counts = part.split('\n').map((l) => /^\| .* \| (\d+) \| /.exec(l)?.[1]).filter(Boolean).map(Number);
    assert.deepEqual(counts, [34, 1]);
  });
});
