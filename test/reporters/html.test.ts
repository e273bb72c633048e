/** The HTML report: complete, escaped, self-contained, overridable, deterministic. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Assessment } from '../../src/engine/assessment.js';
import { compareAssessments, historyAfter } from '../../src/engine/compare.js';
import { heatMapsAlike } from '../../src/reporters/html/charts.js';
import { fontFaceCss } from '../../src/reporters/html/fonts.js';
import { HELPERS, date, dateTime, daysLeft, join, location, percent, plural, safeUrl, statusLabel } from '../../src/reporters/html/helpers.js';
import { TemplateError, htmlReporter, renderHtml } from '../../src/reporters/html/render-html.js';
import { buildView } from '../../src/reporters/html/view-model.js';
import { sectionsView } from '../../src/reporters/html/section-views.js';
import { figureLabel } from '../../src/reporters/labels.js';
import type { ReportProfile } from '../../src/reporters/profiles.js';
import { complianceWords, vocabularyFrameworks } from '../helpers/framework-fixtures.js';
import { sampleAssessment, sampleAssessmentWithPlan } from '../helpers/sample-assessment.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

/** The full profile's sections: the existing tests read every section of the report. */
const FULL_SECTIONS = sectionsView('full');
const SECTION_IDS = FULL_SECTIONS.map((s) => s.anchor);

/** The HTML of one top-level section: from its opening tag to the next section's (or the end of <main>). */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `section ${id} is missing`);
  const next = SECTION_IDS.slice(SECTION_IDS.indexOf(id) + 1).map((n) => html.indexOf(`id="${n}"`, start)).find((i) => i >= 0);
  return html.slice(start, next ?? html.indexOf('</main>'));
}

/** Rows of every table body in a piece of HTML. */
function bodyRows(html: string, tableClass?: string): number {
  const tables = html.match(new RegExp(`<table${tableClass ? ` class="${tableClass}[^"]*"` : '[^>]*'}>[\\s\\S]*?</table>`, 'g')) ?? [];
  return tables.reduce((n, table) => n + ([...(/<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '').matchAll(/<tr[\s>]/g)].length), 0);
}

const render = (a: Assessment, paper: 'A4' | 'Letter' = 'A4', templatesDir?: string, profile: ReportProfile = 'full') => renderHtml(a, { paper, templatesDir, profile });

/** An assessment with nothing in it: every section has to say so. */
function emptyAssessment(): Assessment {
  const a = sampleAssessment();
  return {
    ...a,
    checks: [], findings: [], controls: [], frameworks: [], risks: [], exceptions: [],
    evidence: { rootHash: a.evidence.rootHash, items: [], unreadable: [], collectorFailures: [] },
    riskHeatMap: { cells: [] }, inventory: { servers: [], tools: [] },
    summary: {
      ...a.summary,
      checks: { pass: 0, fail: 0, not_observed: 0, error: 0 },
      findings: { total: 0, bySeverity: { low: 0, medium: 0, high: 0, critical: 0 }, excepted: 0 },
      exceptions: { live: 0, expired: 0, notYetApproved: 0, unused: 0 },
      controls: { pass: 0, fail: 0, not_observed: 0, manual: 0, attested: 0, stale: 0, not_applicable: 0, error: 0 },
      failed: false,
    },
  };
}

/** Text an attacker controls, planted in every kind of field the report prints. */
const SCRIPT = "<script>document.title='pwned'</script>";
const IMG = '<img src=x onerror=alert(1)>';
const QUOTED = `evil"server'name`;

function hostileAssessment(): Assessment {
  const a = sampleAssessment();
  a.scope.organization = `${SCRIPT} Corp`;
  a.findings[0]!.message = SCRIPT;
  a.findings[1]!.message = IMG;
  a.findings[1]!.server = QUOTED;
  a.findings[2]!.location.path = `"><svg onload=alert(1)>/mcp.json`;
  a.findings[2]!.evidenceId = '" onmouseover="alert(1)';
  const control = a.controls[0]!;
  control.title = IMG;
  control.references = [
    { title: 'script link', url: 'javascript:alert(1)' },
    { title: 'data link', url: 'data:text/html,<script>alert(1)</script>' },
    { title: 'spaced script link', url: ' JavaScript:alert(1)' },
    { title: 'fine link', url: 'https://example.com/a?b=1&c=2' },
  ];
  control.exception = { id: 'EX-<b>', approver: QUOTED, expires: '2030-01-01', justification: SCRIPT };
  control.attestation = { attestedBy: IMG, date: '2026-01-01', validUntil: '2027-01-01', evidence: '../../etc/passwd', sha256: 'e'.repeat(64), state: 'fresh' };
  const framework = a.frameworks[0]!;
  framework.name = SCRIPT;
  framework.id = '"><script>alert(1)</script>';
  framework.source = 'javascript:alert(1)';
  framework.requirements[0]!.reason = IMG;
  framework.requirements[0]!.controls[0]!.rationale = SCRIPT;
  a.exceptions![0]!.target = SCRIPT;
  a.evidence.items[0]!.source = IMG;
  a.evidence.unreadable.push({ path: SCRIPT, code: 'parse-error', reason: IMG });
  a.evidence.collectorFailures.push({ collector: QUOTED, message: SCRIPT });
  a.risks[0]!.reason = SCRIPT;
  return a;
}

describe('renderHtml on the sample assessment', () => {
  const assessment = sampleAssessment();
  const html = render(assessment);

  it('has every section, the frameworks and the evidence root hash', () => {
    for (const id of SECTION_IDS) assert.match(html, new RegExp(`<[a-z]+ id="${id}"`), id);
    for (const f of assessment.frameworks) assert.ok(html.includes(`id="fw-${f.id}"`), f.id);
    assert.ok(section(html, 'cover').includes(assessment.evidence.rootHash));
    assert.ok(section(html, 'cover').includes('mcp-comply verify &lt;dir&gt;'));
    assert.ok(section(html, 'cover').includes('Northwind Health'));
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
  });

  it('links every entry of the contents to an id of the document', () => {
    const links = [...section(html, 'contents').matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(links.length, FULL_SECTIONS.length - 2 + assessment.frameworks.length);
    for (const id of links) assert.ok(html.includes(` id="${id}"`), id);
  });

  it('has one row per finding, per requirement (one per part of a requirement with many controls) and per evidence item', () => {
    assert.equal(bodyRows(section(html, 'findings')), assessment.findings.length);
    const frameworks = buildView(assessment, 'A4').frameworks;
    const inScope = frameworks.flatMap((f) => f.requirements);
    const outOfScope = frameworks.flatMap((f) => f.outOfScope.flatMap((group) => group.requirements));
    assert.ok(inScope.some((r) => r.parts.length > 1));
    assert.equal(inScope.length + outOfScope.length, assessment.frameworks.reduce((n, f) => n + f.requirements.length, 0));
    assert.equal(bodyRows(section(html, 'frameworks'), 'req'), inScope.reduce((n, r) => n + r.parts.length, 0) + outOfScope.length);
    assert.equal(bodyRows(section(html, 'evidence-appendix'), 'ev'), assessment.evidence.items.length);
    assert.equal(bodyRows(section(html, 'controls'), 'ctls'), assessment.controls.length);
    assert.equal(bodyRows(section(html, 'exceptions')), assessment.exceptions!.length);
    assert.equal(bodyRows(section(html, 'risk-register'), 'risk'), assessment.risks.length);
    assert.equal([...section(html, 'controls').matchAll(/<article id="c-/g)].length, assessment.controls.length);
  });

  it('groups findings by severity with their counts', () => {
    const findings = section(html, 'findings');
    for (const severity of ['critical', 'high', 'medium', 'low'] as const) {
      const group = findings.slice(findings.indexOf(`id="findings-${severity}"`));
      const count = assessment.summary.findings.bySeverity[severity];
      assert.match(group, new RegExp(`^id="findings-${severity}"[^>]*>\\s*<h2><span class="st [a-z]+">[A-Z][a-z]+</span> ${count} findings?</h2>`));
    }
  });

  it('shows an exception beside the finding and the control it accepts, and the register with its justification', () => {
    const excepted = assessment.findings.find((f) => f.exception)!;
    const row = section(html, 'findings').split('<tr>')
      .find((r) => r.replace(/<[^>]+>/g, '').includes(`${excepted.location.path}:${excepted.location.line}:`) && r.includes(excepted.checkId))!;
    assert.match(row, new RegExp(`<span class="st info">Accepted</span> ${excepted.exception!.id} by `));
    assert.ok(section(html, 'exceptions').includes('The vendor pins versions through our internal npm mirror'));
    assert.match(section(html, 'exceptions'), /<span class="st warn">Expired<\/span>/);
    const expired = assessment.exceptions!.find((e) => e.status === 'expired')!;
    assert.ok(section(html, 'exceptions').includes(`${expired.expires}<br><span class="mut">expired ${-expired.daysToExpiry} days ago</span>`));
  });

  it('prints statuses as words and shares as n/a or percentages, never as colour alone', () => {
    for (const badge of html.matchAll(/<span class="st ([a-z]+)">([^<]*)<\/span>/g)) assert.notEqual(badge[2]!.trim(), '', badge[0]);
    const gdpr = assessment.frameworks.find((f) => f.id === 'gdpr')!;
    const { counts } = gdpr.summary;
    const inScope = gdpr.applicability.inScope;
    const tested = inScope - counts.untested - counts.not_addressed;
    assert.ok(section(html, 'frameworks').includes(`<dt>${figureLabel(gdpr, 'testingCoverage')}</dt><dd><strong>${Math.round(gdpr.summary.testingCoverage! * 100)}%</strong>: `
      + `${tested} of ${inScope} in-scope requirements have evidence either way (testing coverage)</dd>`));
  });

  it('lists the attestations of controls and of requirements', () => {
    const rows = bodyRows(section(html, 'attestations'));
    const expected = assessment.controls.filter((c) => c.attestation).length
      + assessment.frameworks.reduce((n, f) => n + f.requirements.filter((r) => r.attestation).length, 0);
    assert.equal(rows, expected);
    assert.ok(expected > 0);
  });

  it('draws the charts inline: requirement outcomes, findings by severity, the heat maps (one when they are alike)', () => {
    assert.equal([...section(html, 'executive-summary').matchAll(/<svg[\s>]/g)].length, 3);
    assert.equal([...section(html, 'risk-register').matchAll(/<svg[\s>]/g)].length, heatMapsAlike(assessment.riskHeatMap) ? 1 : 2);
  });

  it('renders the same bytes every time', () => {
    assert.equal(render(sampleAssessment()), html);
  });
});

describe('renderHtml is self-contained and safe', () => {
  const html = render(hostileAssessment());

  it('escapes every untrusted string: no script, no event handler, no injected attribute', () => {
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /\sonerror\s*=/i);
    assert.doesNotMatch(html, /\sonload\s*=/i);
    assert.doesNotMatch(html, /\sonmouseover\s*=/i);
    assert.doesNotMatch(html, /<svg onload/i);
  });

  it('shows the hostile text, escaped, where it was', () => {
    const escapedScript = '&lt;script&gt;document.title&#x3D;&#x27;pwned&#x27;&lt;/script&gt;';
    const escapedImg = '&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;';
    for (const [id, text] of [
      ['cover', escapedScript], ['findings', escapedScript], ['findings', escapedImg], ['findings', 'evil&quot;server&#x27;name'],
      ['controls', escapedImg], ['controls', escapedScript], ['frameworks', escapedImg], ['frameworks', escapedScript],
      ['exceptions', escapedScript], ['attestations', escapedImg], ['risk-register', escapedScript],
      ['evidence-appendix', escapedImg], ['evidence-appendix', escapedScript],
    ] as const) {
      assert.ok(section(html, id).includes(text), `${id}: ${text}`);
    }
  });

  it('links only to http(s) and to ids of the document', () => {
    const hrefs = [...html.matchAll(/\bhref\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);
    assert.ok(hrefs.length > 0);
    for (const href of hrefs) assert.match(href, /^(#[A-Za-z0-9_-]+|https?:\/\/)/, href);
    assert.ok(hrefs.includes('https://example.com/a?b&#x3D;1&amp;c&#x3D;2'));
    assert.ok(section(html, 'controls').includes('script link <span class="m mut">javascript:alert(1)</span>'));
  });

  it('fetches nothing: every src and url() is data: or a fragment, and nothing is linked in', () => {
    const sample = render(sampleAssessment());
    for (const doc of [html, sample]) {
      const targets = [...doc.matchAll(/\bsrc\s*=\s*["']?([^"'\s>]*)/gi), ...doc.matchAll(/url\(\s*["']?([^"')\s]*)/gi)].map((m) => m[1]!);
      assert.ok(targets.length > 0);
      for (const target of targets) assert.match(target, /^(data:|#)/, target);
      assert.doesNotMatch(doc, /<link\b|@import|<iframe|<object|<embed/i);
      assert.doesNotMatch(doc, /(src=|url\()\s*["']?(https?:)?\/\//i);
    }
  });

  it('forbids scripts and outside requests in its own Content-Security-Policy', () => {
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:;/);
  });
});

describe('paper size', () => {
  for (const [paper, size] of [['A4', 'A4'], ['Letter', 'letter']] as const) {
    it(`${paper} sets @page size ${size}, after print.css so it wins`, () => {
      const html = render(sampleAssessment(), paper);
      const sizes = [...html.matchAll(/@page\s*\{\s*size:\s*([A-Za-z0-9]+)/g)].map((m) => m[1]);
      assert.deepEqual(sizes, [size]);
      assert.ok(html.lastIndexOf('@page') > html.indexOf('thead { display: table-header-group; }'));
    });
  }
});

describe('templates', () => {
  it('uses the user\'s partial, print.css and report.hbs, and registers extra partials', () => {
    const dir = tempDir('html-templates-');
    write(dir, 'partials/cover.hbs', '<header id="cover">Custom cover of {{meta.organization}}: {{> signature}}</header>');
    write(dir, 'partials/signature.hbs', 'signed {{meta.rootHash}}');
    write(dir, 'print.css', '.custom-rule { color: teal; }');
    const html = render(sampleAssessment(), 'A4', dir);
    const a = sampleAssessment();
    assert.ok(html.includes(`<header id="cover">Custom cover of Northwind Health: signed ${a.evidence.rootHash}</header>`));
    assert.ok(!html.includes('Verifying the evidence.'));
    assert.ok(html.includes('.custom-rule { color: teal; }'));
    assert.ok(!html.includes('thead { display: table-header-group; }'));
    assert.ok(html.includes('id="findings"'), 'the shipped partials still render');

    write(dir, 'report.hbs', '<p>{{> signature}} {{#each frameworks}}{{> framework}}{{/each}}</p>');
    const own = render(sampleAssessment(), 'A4', dir);
    assert.ok(own.startsWith(`<p>signed ${a.evidence.rootHash} <section id="fw-`));
    assert.ok(!own.includes('id="findings"'));
  });

  const broken: Array<[string, Record<string, string>, string, RegExp, number | undefined]> = [
    ['a partial that does not parse', { 'partials/findings.hbs': 'ok\n{{#each findings.groups}}\nnever closed' }, 'partials/findings.hbs', /Parse error|doesn't match/, 3],
    ['a block closed by the wrong name', { 'partials/controls.hbs': 'a\n{{#if controls}}\n{{/each}}' }, 'partials/controls.hbs', /if doesn't match each/, 2],
    ['a field the view lacks', { 'partials/cover.hbs': '<header>\n  {{meta.nope}}\n</header>' }, 'partials/cover.hbs', /"nope" not defined/, 2],
    ['a partial that does not exist', { 'report.hbs': '<html>{{> no-such-partial}}</html>' }, 'report.hbs', /The partial no-such-partial could not be found/, undefined],
    ['a missing field in the user\'s own extra partial', { 'partials/extra.hbs': '\n\n{{ghost}}', 'report.hbs': '{{> extra}}' }, 'partials/extra.hbs', /"ghost" not defined/, 3],
  ];
  for (const [name, files, file, reason, line] of broken) {
    it(`names the file of ${name}`, () => {
      const dir = tempDir('html-broken-');
      for (const [path, content] of Object.entries(files)) write(dir, path, content);
      assert.throws(() => render(sampleAssessment(), 'A4', dir), (error: unknown) => {
        assert.ok(error instanceof TemplateError);
        assert.equal(error.file, `${dir}/${file}`);
        assert.equal(error.line, line);
        assert.match(error.reason, reason);
        assert.ok(error.message.startsWith(`${dir}/${file}${line === undefined ? '' : `:${line}`}`), error.message);
        return true;
      });
    });
  }

  it('reports a templates folder that does not exist', () => {
    const dir = `${tempDir('html-none-')}/missing`;
    assert.throws(() => render(sampleAssessment(), 'A4', dir), (error: unknown) => error instanceof TemplateError && error.file === dir);
  });
});

describe('assessments with less in them', () => {
  it('renders a schema 1.1 assessment without the optional fields', () => {
    const a = sampleAssessment();
    a.schemaVersion = '1.1';
    delete a.exceptions;
    delete a.changes;
    delete a.history;
    delete a.summary.exceptions;
    delete a.summary.findings.excepted;
    for (const c of a.checks) delete c.remediation;
    for (const c of a.controls) {
      for (const key of ['objective', 'remediation', 'expectedEvidence', 'references', 'threats', 'practices'] as const) delete c[key];
    }
    for (const f of a.frameworks) {
      delete f.publisher;
      delete f.source;
      for (const r of f.requirements) for (const c of r.controls) delete c.rationale;
    }
    const html = render(a);
    for (const id of SECTION_IDS) assert.ok(html.includes(`id="${id}"`), id);
    assert.equal(bodyRows(section(html, 'findings')), a.findings.length);
    assert.ok(section(html, 'exceptions').includes('No exceptions are registered in this assessment (it predates the exceptions register).'));
    assert.ok(section(html, 'changes').includes('No previous assessment was given'));
  });

  const empty = render(emptyAssessment());
  const sayings: Array<[string, string]> = [
    ['frameworks', 'No framework was assessed.'],
    ['controls', 'No controls were assessed.'],
    ['findings', 'No check reported a finding.'],
    ['exceptions', 'No exceptions are registered.'],
    ['attestations', 'No attestations are recorded.'],
    ['risk-register', 'No risks are recorded in this assessment.'],
    ['changes', 'No previous assessment was given (assess --previous), so there is nothing to compare with.'],
    ['evidence-appendix', 'No evidence was collected.'],
    ['evidence-appendix', 'Every source found could be read.'],
    ['evidence-appendix', 'No collector failed.'],
    ['executive-summary', 'No check reported a finding.'],
    ['executive-summary', 'No framework applies to the declared scope.'],
  ];
  for (const [id, text] of sayings) {
    it(`says "${text}" in ${id} when there is nothing to show`, () => {
      assert.ok(section(empty, id).includes(`${text}`), section(empty, id).slice(0, 400));
    });
  }

  it('does not read a run without findings as a conclusion on any framework', () => {
    assert.ok(section(empty, 'executive-summary').includes('Meeting the threshold is no conclusion on any framework: untested requirements are gaps in evidence, not passes.'));
  });
});

describe('changes and trend', () => {
  const previous = sampleAssessment();
  previous.generatedAt = '2026-08-24T09:00:00.000Z';
  const regressed = previous.controls.find((c) => c.status === 'fail')!;
  regressed.status = 'pass';
  const newFinding = previous.findings.pop()!;
  const addedServer = previous.inventory.servers.pop()!;
  const current = sampleAssessment();
  current.changes = compareAssessments(previous, current);
  current.history = historyAfter(previous);
  const html = render(current);
  const changes = section(html, 'changes');

  it('lists what changed since the previous assessment', () => {
    assert.ok(changes.includes('Compared with the assessment of 2026-08-24'));
    assert.match(changes, new RegExp(`<a href="#c-${regressed.id}">${regressed.id}</a>[^<]*</td><td><span class="st bad">Regressed</span></td><td><span class="st ok">Pass</span></td><td><span class="st bad">Fail</span>`));
    assert.ok(changes.includes(newFinding.message.replace(/"/g, '&quot;')));
    assert.ok(changes.includes(`<caption>Servers added</caption>`));
    assert.ok(changes.includes(`<tr><td>${addedServer.name}`));
    assert.ok(section(html, 'executive-summary').includes('Since the assessment of 2026-08-24: 1 control regressed'));
  });

  it('draws the trend from the history and this assessment, with its figures as a table', () => {
    // Testing coverage, effectiveness and findings over time.
    assert.equal([...changes.matchAll(/<svg[\s>]/g)].length, 3);
    assert.equal([...section(html, 'executive-summary').matchAll(/<svg[\s>]/g)].length, 4);
    assert.ok(changes.includes(`<thead><tr><th>Series</th><th class="num">2026-08-24</th><th class="num">${current.generatedAt.slice(0, 10)}</th></tr></thead>`));
    const gdpr = current.frameworks.find((f) => f.id === 'gdpr')!;
    const before = previous.frameworks.find((f) => f.id === 'gdpr')!.summary;
    assert.ok(changes.includes(`<tr><td>${gdpr.name} testing coverage</td><td class="num">${percent(before.testingCoverage)}</td><td class="num">${percent(gdpr.summary.testingCoverage)}</td></tr>`));
    assert.ok(changes.includes(`<tr><td>${gdpr.name} effectiveness</td><td class="num">${percent(before.effectiveness)}</td><td class="num">${percent(gdpr.summary.effectiveness)}</td></tr>`));
    assert.ok(changes.includes(`<tr><td>All findings</td><td class="num">${previous.findings.length}</td><td class="num">${current.findings.length}</td></tr>`));
  });
});

describe('the view', () => {
  const view = buildView(sampleAssessmentWithPlan(), 'A4');

  it('is plain JSON', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(view)), view);
  });

  it('has no field named like a helper, which a bare {{name}} would call instead', () => {
    const names = new Set(Object.keys(HELPERS));
    const clashes: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
      else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          if (names.has(key)) clashes.push(`${path}.${key}`);
          walk(v, `${path}.${key}`);
        }
      }
    };
    walk(view, 'view');
    assert.deepEqual(clashes, []);
  });

  it('groups out-of-scope requirements by their reason, keeping every requirement', () => {
    const a = sampleAssessment();
    for (const [i, f] of view.frameworks.entries()) {
      const source = a.frameworks[i]!;
      assert.equal(f.requirements.length + f.outOfScope.reduce((n, g) => n + g.requirements.length, 0), source.requirements.length);
      assert.equal(f.outOfScope.reduce((n, g) => n + g.requirements.length, 0), source.summary.counts.not_applicable);
      assert.equal(new Set(f.outOfScope.map((g) => g.reason)).size, f.outOfScope.length);
    }
  });

  it('sorts findings by place within each severity', () => {
    for (const group of view.findings.groups) {
      const places = group.rows.map((r) => r.where);
      const key = (w: string) => { const [p, l = '0', c = '0'] = w.split(/:(?=\d)/); return [p!, Number(l), Number(c)] as const; };
      const sorted = [...places].sort((x, y) => { const [a, b] = [key(x), key(y)]; return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]; });
      assert.deepEqual(places, sorted);
    }
  });
});

describe('helpers', () => {
  it('statusLabel', () => {
    const cases: Array<[unknown, string]> = [
      ['not_observed', 'Not observed'], ['partially_met', 'Partially met'], ['not_applicable', 'Not applicable'], ['attested', 'Attested'],
      ['not-yet-approved', 'Not yet approved'], ['live', 'Live'], ['future', 'Dated after the run'], ['critical', 'Critical'],
      ['something_new', 'Something new'], [undefined, ''], ['constructor', 'Constructor'], ['__proto__', 'Proto'],
    ];
    for (const [input, expected] of cases) assert.equal(statusLabel(input), expected, String(input));
  });

  it('percent', () => {
    const cases: Array<[unknown, string]> = [[null, 'n/a'], [undefined, 'n/a'], [0, '0%'], [1, '100%'], [0.456, '46%'], ['0.5', 'n/a'], [Number.NaN, 'n/a']];
    for (const [input, expected] of cases) assert.equal(percent(input), expected, String(input));
  });

  it('location', () => {
    const cases: Array<[unknown, string]> = [
      [{ path: 'a/b.json' }, 'a/b.json'], [{ path: 'a/b.json', line: 3 }, 'a/b.json:3'], [{ path: 'a/b.json', line: 3, column: 7 }, 'a/b.json:3:7'],
      [null, ''], ['a/b.json', ''], [{ line: 3 }, ''],
    ];
    for (const [input, expected] of cases) assert.equal(location(input), expected, JSON.stringify(input));
  });

  it('safeUrl links http and https only', () => {
    const cases: Array<[unknown, string]> = [
      ['https://example.com/x', 'https://example.com/x'],
      ['http://example.com', 'http://example.com/'],
      ['HTTPS://Example.com/a b', 'https://example.com/a%20b'],
      ['javascript:alert(1)', ''], [' JavaScript:alert(1)', ''], ['java\tscript:alert(1)', ''], ['data:text/html,<script>', ''],
      ['vbscript:msgbox(1)', ''], ['file:///etc/passwd', ''], ['mailto:a@example.com', ''], ['//evil.example/x', ''], ['/relative', ''],
      ['not a url', ''], ['', ''], [undefined, ''], [42, ''],
    ];
    for (const [input, expected] of cases) assert.equal(safeUrl(input), expected, String(input));
  });

  it('date and dateTime', () => {
    assert.equal(date('2026-11-24T00:29:20.882Z'), '2026-11-24');
    assert.equal(date('2026-11-24'), '2026-11-24');
    assert.equal(date('next week'), 'next week');
    assert.equal(dateTime('2026-11-24T00:29:20.882Z'), '2026-11-24 00:29 UTC');
    assert.equal(dateTime('2026-11-24'), '2026-11-24');
  });

  it('plural, join and daysLeft', () => {
    const cases: Array<[string, string]> = [
      [plural(0, 'finding'), '0 findings'], [plural(1, 'finding'), '1 finding'], [plural(2, 'entry', 'entries'), '2 entries'],
      [join(['a', 'b']), 'a, b'], [join(['a', 'b'], ' / '), 'a / b'], [join('ab'), ''],
      [daysLeft(218), '218 days left'], [daysLeft(1), '1 day left'], [daysLeft(0), 'expires today'], [daysLeft(-55), 'expired 55 days ago'],
    ];
    for (const [actual, expected] of cases) assert.equal(actual, expected);
  });
});

describe('fonts', () => {
  it('embeds Inter 400/600/700 (latin, latin-ext) and JetBrains Mono 400 (latin) as data: URLs with their unicode ranges', () => {
    const css = fontFaceCss();
    const faces = [...css.matchAll(/@font-face\{font-family:'([^']+)';font-style:normal;font-weight:(\d+);font-display:block;src:url\(data:font\/woff2;base64,[A-Za-z0-9+/=]+\) format\('woff2'\);unicode-range:(U\+[0-9A-F-]+(?:,U\+[0-9A-F-]+)*)\}/g)]
      .map((m) => `${m[1]} ${m[2]} ${m[3]!.startsWith('U+0000-00FF') ? 'latin' : m[3]!.startsWith('U+0100-02BA') ? 'latin-ext' : m[3]}`);
    assert.deepEqual(faces, [
      'Inter 400 latin', 'Inter 400 latin-ext', 'Inter 600 latin', 'Inter 600 latin-ext', 'Inter 700 latin', 'Inter 700 latin-ext', 'JetBrains Mono 400 latin',
    ]);
    assert.equal(fontFaceCss(), css);
  });
});

describe('htmlReporter', () => {
  it('makes report.html, the same as renderHtml', async () => {
    assert.equal(htmlReporter.format, 'html');
    assert.deepEqual(htmlReporter.files, ['report.html']);
    const files = await htmlReporter.render(sampleAssessment(), { paper: 'Letter', log: () => {} });
    assert.deepEqual(files.map((f) => f.name), ['report.html']);
    assert.equal(files[0]!.content, renderHtml(sampleAssessment(), { paper: 'Letter' }));
  });
});

describe('figures, outcomes and vocabulary', () => {
  const a = sampleAssessment();
  a.frameworks = vocabularyFrameworks(a.controls[0]!.id);
  const html = render(a);
  const cells = (row: string) => [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));

  it('gives each framework its figures and outcome counts, then all applicable frameworks pooled', () => {
    const table = /<table class="compact outcomes">[\s\S]*?<\/table>/.exec(section(html, 'frameworks'))![0];
    // Columns: framework, in scope, testing coverage, effectiveness, then deficient, partly effective, untested, not addressed, effective, met, not applicable.
    assert.deepEqual(table.split('<tr').slice(2).map(cells), [
      ['PCI DSS', '9', '56%', '60%', '1', '1', '3', '1', '2', '1', '1'],
      ['NIST AI RMF', '4', '50%', '50%', '0', '1', '2', '0', '1', '0', '0'],
      ['EU AI Act (does not apply)', '0', 'n/a', 'n/a', '0', '0', '0', '0', '0', '0', '2'],
      ['All applicable frameworks (pooled)', '13', '54%', '57%', '1', '2', '5', '1', '3', '1', '1'],
    ]);
  });

  it('leads the summary with the pooled figures, never a compliance figure', () => {
    const summary = section(html, 'executive-summary');
    const cards = [...summary.matchAll(/<div class="fv">([^<]*)<\/div><div class="fl">([^<]*)<\/div>(?:<div class="fn">([^<]*)<\/div>)?/g)].slice(0, 3).map((m) => [m[2], m[1], m[3]]);
    assert.deepEqual(cards, [
      ['Testing coverage', '54%', '7 of 13 in-scope requirements have evidence, 2 applicable frameworks'],
      ['Effectiveness', '57%', '4 of 7 tested met or effective'],
      ['Requirements deficient', '1', 'an integral control fails: nonconformity candidates'],
    ]);
    assert.ok(summary.includes('Across 2 applicable frameworks (13 in-scope requirements pooled), testing coverage is 54% (7 with evidence) and effectiveness 57% '
      + '(4 of the tested met or effective): 1 deficient, 2 partly effective, 5 untested and 1 not addressed by any MCP control.'));
    assert.ok(summary.includes('aria-label="Requirement outcomes per framework: All applicable frameworks (pooled): 13 in scope, testing coverage 54% · effectiveness 57%; '
      + '1 met, 3 effective, 2 partly effective, 1 deficient, 5 untested, 1 not addressed; 1 not applicable; PCI DSS: 9 in scope'));
    assert.ok(summary.includes('EU AI Act not applicable.'));
    assert.deepEqual(complianceWords(html), []);
  });

  it('speaks the words of each framework for outcomes and figures, naming ours beside them', () => {
    const pci = section(html, 'frameworks').slice(section(html, 'frameworks').indexOf('id="fw-pci-dss"'));
    assert.ok(pci.includes('<dt>Requirements tested</dt><dd><strong>56%</strong>: 5 of 9 in-scope requirements have evidence either way (testing coverage)</dd>'));
    assert.ok(pci.includes('<dt>Tested requirements in place</dt><dd><strong>60%</strong> of the tested requirements have an effective MCP part (effectiveness)</dd>'));
    assert.ok(pci.includes('<span class="oc"><span class="st bad">Not in Place</span> <span class="mut">(Deficient)</span> 1</span>'));
    assert.ok(pci.includes('<span class="oc"><span class="st ok">In Place</span> <span class="mut">(Met)</span> 1</span>'));
    const outcomes = [...pci.slice(0, pci.indexOf('id="fw-nist-ai-rmf"')).matchAll(/<tr><td><strong>[^<]+<\/strong><br>[^<]*<\/td><td><span class="st ([a-z]+)">([^<]+)<\/span>/g)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(outcomes, [
      'ok In Place', 'ok In Place for MCP components', 'ok In Place for MCP components', 'warn Partly in place for MCP components', 'bad Not in Place',
      'gap Not Tested', 'gap Not Tested', 'gap Not Tested', 'gap Not Tested (no MCP control)',
    ]);
    const nist = section(html, 'frameworks').slice(section(html, 'frameworks').indexOf('id="fw-nist-ai-rmf"'));
    assert.ok(nist.includes('<dt>Outcomes achieved</dt><dd><strong>50%</strong>'));
    assert.ok(nist.includes('<span class="st warn">Outcome partially achieved</span>'));
    const method = section(html, 'scope-and-method');
    assert.ok(method.includes('<tr><td><span class="st ok">Met</span></td><td>The MCP part is effective and the rest is covered'));
    assert.ok(method.includes('<td>PCI DSS: In Place<br>NIST AI RMF: Outcome achieved</td></tr>'));
  });

  it('shows the manual evidence a partial control leaves outstanding, and why a control without population is not applicable', () => {
    const b = sampleAssessment();
    const partial = b.controls[0]!;
    partial.status = 'partial';
    partial.automation = 'partial';
    partial.manualPart = 'MFA at the identity provider and the gateway: show their policy.';
    partial.reason = 'automated part effective (its check passes); manual evidence outstanding: MFA at the identity provider and the gateway: show their policy.';
    const empty = b.controls[1]!;
    empty.status = 'not_applicable';
    empty.automation = 'full';
    empty.reason = 'no population: none of its checks found anything to evaluate (mcp.container.privileged); it earns no risk credit';
    const controls = section(render(b), 'controls');
    const card = (id: string) => /<article[\s\S]*?<\/article>/.exec(controls.slice(controls.indexOf(`<article id="c-${id}"`)))![0];
    const partialCard = card(partial.id);
    // The reason names the outstanding evidence; the card sets it apart once, not twice.
    assert.ok(partialCard.includes(`<p class="outstanding">${partial.reason}</p>`));
    assert.equal(partialCard.split('manual evidence outstanding').length - 1, 1);
    assert.ok(partialCard.includes('<span class="st warn">Partial</span>'));
    assert.ok(partialCard.includes('<dt>Automation</dt><dd>Partial: its checks decide part of it; the rest needs manual evidence or an attestation</dd>'));
    assert.equal(partialCard.includes('<dt>Expected evidence</dt>'), (partial.expectedEvidence ?? []).length > 0);
    const emptyCard = card(empty.id);
    assert.ok(emptyCard.includes('<span class="st na">Not applicable</span>'));
    assert.ok(emptyCard.includes('no population: none of its checks found anything to evaluate (mcp.container.privileged); it earns no risk credit'));
    assert.ok(!emptyCard.includes('class="outstanding"'));
  });
});
