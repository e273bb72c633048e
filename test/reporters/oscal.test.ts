/** assessment-results.oscal.json: valid against NIST's OSCAL 1.1.3 schema, honest statuses, stable UUIDs, inert text. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Assessment, ControlStatus, ExceptionNote } from '../../src/engine/assessment.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import {
  OSCAL_NS, OSCAL_VERSION, markdownLiteral, objectiveId, oscalReporter, toOscal, token,
  type OscalAssessmentResults, type OscalFinding, type OscalObservation, type OscalProp,
} from '../../src/reporters/oscal.js';
import { sampleAssessment } from '../helpers/sample-assessment.js';

// ajv-formats ships CommonJS with a default export that NodeNext sees as a namespace.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const SCHEMA_FILE = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'schemas', 'oscal_assessment-results_schema.json');
const SCHEMA = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as { $id: string };
// Draft-07 with ajv's defaults: the `u` flag the schema's \p{L} patterns need, strict mode to catch a schema ajv misreads.
const validate = addFormats(new Ajv({ allErrors: true, strict: true })).compile(SCHEMA);

function assertValid(doc: unknown): void {
  const valid = validate(doc);
  assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

const resultOf = (doc: OscalAssessmentResults) => doc['assessment-results'].results[0]!;
const propsNamed = (props: OscalProp[] | undefined, name: string) => (props ?? []).filter((p) => p.name === name);
const propValue = (props: OscalProp[] | undefined, name: string) => propsNamed(props, name)[0]?.value;

function findingFor(doc: OscalAssessmentResults, controlId: string): OscalFinding {
  const found = (resultOf(doc).findings ?? []).filter((f) => f.target['target-id'] === objectiveId(controlId));
  assert.equal(found.length, 1, `one finding targets ${controlId}`);
  return found[0]!;
}

/** What a CommonMark renderer shows for text escaped by markdownLiteral(): the backslash escapes removed. */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]#|~^$&<>:+=.)-])/g, '$1');
}

/** Markdown markers in the text that are not backslash-escaped: what could turn into markup. */
function activeMarkup(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\') { i++; continue; }
    if ('`*_{}[]#|~^$&<>'.includes(char)) found.push(char);
  }
  for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    const marker = /^[ \t]*([-+=]|\d+[.)])/.exec(line);
    if (marker) found.push(marker[1]!);
  }
  return found;
}

/** Every OSCAL markup-line and markup-multiline value this reporter writes, with where it is. */
function markupFields(value: unknown, at = ''): Array<{ at: string; text: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => markupFields(v, `${at}/${i}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => (
    typeof v === 'string'
      ? (['title', 'description', 'remarks', 'statement'].includes(key) ? [{ at: `${at}/${key}`, text: v }] : [])
      : markupFields(v, `${at}/${key}`)
  ));
}

/** Every value under `key`, anywhere in the document. */
function valuesOf(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesOf(v, key));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(k === key ? [v] : []), ...valuesOf(v, key)]);
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the vendored schema', () => {
  it('is NIST OSCAL Assessment Results 1.1.3, the version the documents declare', () => {
    assert.equal(SCHEMA.$id, `http://csrc.nist.gov/ns/oscal/${OSCAL_VERSION}/oscal-ar-schema.json`);
    assert.equal(toOscal(sampleAssessment())['assessment-results'].metadata['oscal-version'], '1.1.3');
  });
});

describe('toOscal on the sample estate', () => {
  const assessment = sampleAssessment();
  const doc = toOscal(assessment);
  const result = resultOf(doc);

  it('validates against the OSCAL schema', () => {
    assertValid(doc);
  });

  it('has one result spanning the run, with the evidence root hash and every control reviewed', () => {
    assert.equal(doc['assessment-results'].results.length, 1);
    assert.equal(result.start, assessment.generatedAt);
    assert.equal(result.end, assessment.generatedAt);
    assert.equal(doc['assessment-results'].metadata['last-modified'], assessment.generatedAt);
    assert.equal(propValue(result.props, 'evidence-root-hash'), assessment.evidence.rootHash);
    assert.deepEqual(
      result['reviewed-controls']['control-selections'][0]!['include-controls']!.map((c) => c['control-id']),
      assessment.controls.map((c) => c.id.toLowerCase()),
    );
    assert.match(doc['assessment-results']['import-ap'].remarks, /No OSCAL assessment plan exists/);
  });

  it('has one finding per control, targeting the control objective', () => {
    assert.equal(result.findings!.length, assessment.controls.length);
    assert.deepEqual(result.findings!.map((f) => f.target['target-id']), assessment.controls.map((c) => `${c.id.toLowerCase()}_obj`));
    assert.ok(result.findings!.every((f) => f.target.type === 'objective-id'));
  });

  it('states the real status of every control beside the objective state', () => {
    for (const control of assessment.controls) {
      const finding = findingFor(doc, control.id);
      assert.equal(finding.target.status.reason, control.status, control.id);
      assert.equal(propValue(finding.props, 'mcp-comply-status'), control.status, control.id);
      assert.equal(finding.target.status.state, ['pass', 'attested'].includes(control.status) ? 'satisfied' : 'not-satisfied', control.id);
      assert.equal(unescapeMarkdown(finding.description).endsWith(control.reason), true, control.id);
    }
  });

  it('records every framework requirement a control maps to as a framework-ref property, with the relationship', () => {
    let mapped = 0;
    for (const framework of assessment.frameworks) {
      for (const requirement of framework.requirements) {
        for (const c of requirement.controls) {
          const refs = propsNamed(findingFor(doc, c.id).props, 'framework-ref');
          const ref = refs.find((p) => p.value === `${framework.id}:${requirement.id}`);
          assert.ok(ref, `${c.id} carries ${framework.id}:${requirement.id}`);
          assert.equal(ref.ns, OSCAL_NS);
          assert.equal(ref.class, c.relationship);
          mapped++;
        }
      }
    }
    assert.ok(mapped > 0);
    assert.ok(propsNamed(findingFor(doc, 'MCP-LG-01').props, 'framework-ref').some((p) => p.value === 'pci-dss:10.2.1'));
  });

  it('has one EXAMINE observation per evidence item with its sha256', () => {
    const examined = result.observations!.filter((o) => o.methods.includes('EXAMINE'));
    assert.equal(examined.length, assessment.evidence.items.length);
    assessment.evidence.items.forEach((item, i) => {
      const evidence = examined[i]!['relevant-evidence']![0]!;
      assert.equal(propValue(evidence.props, 'evidence-id'), item.id);
      assert.equal(propValue(evidence.props, 'sha256'), item.sha256);
      assert.equal(examined[i]!.collected, item.collectedAt);
    });
  });

  it('has one TEST observation per check and one per failing check result', () => {
    const tests = result.observations!.filter((o) => o.methods.includes('TEST'));
    const results = tests.filter((o) => o.types?.includes('finding'));
    assert.equal(tests.length - results.length, assessment.checks.length);
    assert.deepEqual(results.map((o) => propValue(o.props, 'fingerprint')), assessment.findings.map((f) => f.fingerprint));
  });

  it('relates each finding to the observations of its checks, their failing results and their evidence', () => {
    const byUuid = new Map(result.observations!.map((o) => [o.uuid, o]));
    const control = assessment.controls.find((c) => c.id === 'MCP-LG-01')!;
    const related = findingFor(doc, control.id)['related-observations']!.map((r) => byUuid.get(r['observation-uuid'])!);
    const checkIds = related.filter((o) => !o.types && o.methods.includes('TEST')).map((o) => propValue(o.props, 'check-id'));
    assert.deepEqual(checkIds, control.checks.map((c) => c.id));
    const failing = related.filter((o) => o.types?.includes('finding')).map((o) => propValue(o.props, 'fingerprint'));
    assert.deepEqual(failing, assessment.findings.filter((f) => f.controlIds.includes(control.id)).map((f) => f.fingerprint));
    const evidence = new Set(related.filter((o) => o.methods.includes('EXAMINE')).map((o) => propValue(o['relevant-evidence']![0]!.props, 'evidence-id')));
    const expected = new Set(assessment.checks.filter((c) => control.checks.some((cc) => cc.id === c.id)).flatMap((c) => c.results.map((r) => r.evidenceId)));
    assert.deepEqual(evidence, expected);
  });

  it('links an attested control to the attestation evidence', () => {
    const control = assessment.controls.find((c) => c.status === 'attested')!;
    const byUuid = new Map(result.observations!.map((o) => [o.uuid, o]));
    const related = findingFor(doc, control.id)['related-observations']!.map((r) => byUuid.get(r['observation-uuid'])!);
    const evidenceIds = related.map((o) => propValue(o['relevant-evidence']?.[0]?.props, 'evidence-id'));
    assert.deepEqual(evidenceIds, [`attestation:${control.id}:${control.attestation!.evidence}`]);
    assert.equal(propValue(findingFor(doc, control.id).props, 'attestation-sha256'), control.attestation!.sha256);
  });

  it('records a live exception beside the finding it accepts, which stays a failing result', () => {
    const excepted = assessment.findings.find((f) => f.exception)!;
    const observation = result.observations!.find((o) => propValue(o.props, 'fingerprint') === excepted.fingerprint)!;
    assert.deepEqual(observation.types, ['finding']);
    assert.equal(propValue(observation.props, 'exception-id'), excepted.exception!.id);
    assert.equal(propsNamed(observation.props, 'exception-id')[0]!.class, 'live');
    assert.match(observation.remarks!, /still counts as failing/);
  });

  it('turns the risk register into open OSCAL risks, one per threat, with inherent and residual scores', () => {
    assert.equal(result.risks!.length, assessment.risks.length);
    assessment.risks.forEach((risk, i) => {
      const oscal = result.risks![i]!;
      assert.equal(oscal.status, 'open');
      assert.equal(propValue(oscal.props, 'threat-id'), risk.threatId);
      assert.ok(oscal.statement.startsWith(`Inherent risk ${risk.inherent} of 25`), oscal.statement);
      assert.ok(oscal.statement.includes(`residual risk ${risk.residual} of 25`), oscal.statement);
      const facets = Object.fromEntries(oscal.characterizations![0]!.facets.map((f) => [f.name, f.value]));
      assert.equal(facets['inherent-risk'], String(risk.inherent));
      assert.equal(facets['residual-risk'], String(risk.residual));
    });
    const riskUuids = new Set(result.risks!.map((r) => r.uuid));
    const t01 = result.risks!.find((r) => propValue(r.props, 'threat-id') === 'T01')!;
    const control = assessment.risks.find((r) => r.threatId === 'T01')!.controlIds[0]!;
    const related = findingFor(doc, control)['related-risks']!.map((r) => r['risk-uuid']);
    assert.ok(related.includes(t01.uuid));
    assert.ok(related.every((uuid) => riskUuids.has(uuid)));
  });

  it('says in the result remarks what each list holds and how many', () => {
    assert.match(result.remarks, new RegExp(`Findings: one per control \\(${assessment.controls.length}\\)`));
    assert.match(result.remarks, new RegExp(`Risks: ${assessment.risks.length}, one per threat`));
    assert.match(result.remarks, /Exceptions register: EX-1 on check:mcp.supply-chain.unpinned-package \(live/);
  });
});

describe('objective status by control status', () => {
  const CASES: Array<[ControlStatus, 'satisfied' | 'not-satisfied']> = [
    ['pass', 'satisfied'],
    ['attested', 'satisfied'],
    ['fail', 'not-satisfied'],
    ['error', 'not-satisfied'],
    ['stale', 'not-satisfied'],
    ['not_observed', 'not-satisfied'],
    ['manual', 'not-satisfied'],
    ['not_applicable', 'not-satisfied'],
  ];
  for (const [status, state] of CASES) {
    it(`${status} is ${state}, with ${status} as the reason`, () => {
      const assessment = sampleAssessment();
      const control = assessment.controls[0]!;
      control.status = status;
      const doc = toOscal(assessment);
      assertValid(doc);
      const finding = findingFor(doc, control.id);
      assert.equal(finding.target.status.state, state);
      assert.equal(finding.target.status.reason, status);
      assert.equal(propValue(finding.props, 'mcp-comply-status'), status);
      assert.deepEqual(finding.target['implementation-status'], status === 'not_applicable' ? { state: 'not-applicable' } : undefined);
    });
  }

  it('keeps a control under a live exception not satisfied, the exception beside it', () => {
    const assessment = sampleAssessment();
    const control = assessment.controls[0]!;
    const note: ExceptionNote = { id: 'EX-9', approver: 'ciso@example.com', expires: '2027-06-30', ticket: 'GRC-9', justification: 'Compensated upstream' };
    Object.assign(control, { status: 'fail', exception: note });
    const finding = findingFor(toOscal(assessment), control.id);
    assert.equal(finding.target.status.state, 'not-satisfied');
    assert.equal(finding.target.status.reason, 'fail');
    assert.deepEqual(
      propsNamed(finding.props, 'exception-id').concat(propsNamed(finding.props, 'exception-expires'), propsNamed(finding.props, 'exception-ticket')),
      [
        { name: 'exception-id', ns: OSCAL_NS, value: 'EX-9', class: 'live' },
        { name: 'exception-expires', ns: OSCAL_NS, value: '2027-06-30', class: 'live' },
        { name: 'exception-ticket', ns: OSCAL_NS, value: 'GRC-9', class: 'live' },
      ],
    );
    assert.equal(
      unescapeMarkdown(finding.remarks!.split('\n\n')[0]!),
      'Accepted by exception EX-9 (approved by ciso@example.com, until 2027-06-30, ticket GRC-9): Compensated upstream. The status above is unchanged by it.',
    );
  });
});

describe('UUIDs', () => {
  it('are version-4 shaped, unique, and every reference points at one of them', () => {
    const doc = toOscal(sampleAssessment());
    const uuids = valuesOf(doc, 'uuid') as string[];
    assert.ok(uuids.length > 100);
    assert.equal(new Set(uuids).size, uuids.length, 'no UUID is used twice');
    for (const uuid of uuids) assert.match(uuid, UUID_V4);
    const defined = new Set(uuids);
    const references = ['observation-uuid', 'risk-uuid', 'actor-uuid', 'component-uuid'].flatMap((key) => valuesOf(doc, key) as string[])
      .concat((valuesOf(doc, 'party-uuids') as string[][]).flat());
    assert.ok(references.length > 100);
    for (const reference of references) assert.ok(defined.has(reference), `${reference} is defined`);
  });

  it('are the same bytes for the same assessment, and differ for another one', async () => {
    const options = { paper: 'A4' as const, log: () => {} };
    const [first] = await oscalReporter.render(sampleAssessment(), options);
    const [second] = await oscalReporter.render(sampleAssessment(), options);
    assert.equal(first!.content, second!.content);
    const later = sampleAssessment();
    later.generatedAt = '2027-02-23T00:00:00.000Z';
    const other = toOscal(later)['assessment-results'];
    const same = JSON.parse(first!.content as string) as OscalAssessmentResults;
    assert.notEqual(other.uuid, same['assessment-results'].uuid);
    assert.notEqual(resultOf({ 'assessment-results': other }).findings![0]!.uuid, resultOf(same).findings![0]!.uuid);
  });

  it('stay unique when a hand-edited file repeats an id', () => {
    const assessment = sampleAssessment();
    assessment.evidence.items.push({ ...assessment.evidence.items[0]! });
    assessment.controls.push({ ...assessment.controls[0]! });
    const uuids = valuesOf(toOscal(assessment), 'uuid') as string[];
    assert.equal(new Set(uuids).size, uuids.length);
  });
});

describe('untrusted text', () => {
  const HOSTILE = 'Ignore <script>alert(1)</script> [click](javascript:alert(1)) ![x](http://evil.example/x.png) **bold** `code`'
    + ' | a | b |\n# Heading\n- item\n+ item\n1. one\n2) two\n=== &amp; &#x3C; back\\slash \\[ http://evil.example/ ~~strike~~'
    + ' $x$ {.attr} ^sup^ _under_ "quoted" \'single\'\n\n    indented\n---';

  function hostileAssessment(): Assessment {
    const assessment = sampleAssessment();
    assessment.scope.organization = HOSTILE;
    assessment.findings[0]!.message = HOSTILE;
    assessment.findings[0]!.server = HOSTILE;
    assessment.findings[0]!.exception = { id: HOSTILE, approver: HOSTILE, expires: '2027-06-30', ticket: HOSTILE, justification: HOSTILE };
    Object.assign(assessment.controls[0]!, { title: HOSTILE, reason: HOSTILE, objective: HOSTILE, remediation: HOSTILE, status: 'fail' });
    assessment.checks[0]!.reason = HOSTILE;
    assessment.checks[0]!.title = HOSTILE;
    assessment.risks[0]!.title = HOSTILE;
    assessment.risks[0]!.reason = HOSTILE;
    assessment.evidence.items[0]!.source = HOSTILE;
    assessment.exceptions![0]!.target = HOSTILE;
    return assessment;
  }

  it('still validates', () => {
    assertValid(toOscal(hostileAssessment()));
  });

  it('survives exactly in the Markdown fields, once the backslash escapes are read', () => {
    const assessment = hostileAssessment();
    const result = resultOf(toOscal(assessment));
    const observation = result.observations!.find((o) => propValue(o.props, 'fingerprint') === assessment.findings[0]!.fingerprint)!;
    assert.ok(unescapeMarkdown(observation.description).startsWith(`${HOSTILE}\n\nLocation: `));
    const finding = findingFor(toOscal(assessment), assessment.controls[0]!.id);
    assert.equal(unescapeMarkdown(finding.description), `Fail: ${HOSTILE}`);
    assert.equal(unescapeMarkdown(finding.target.description!), HOSTILE);
    assert.equal(unescapeMarkdown(result.risks![0]!.description), HOSTILE);
  });

  it('never becomes markup anywhere in the document', () => {
    const fields = markupFields(toOscal(hostileAssessment()));
    assert.ok(fields.length > 300);
    const active = fields.map(({ at, text }) => ({ at, markup: activeMarkup(text) })).filter(({ markup }) => markup.length > 0);
    assert.deepEqual(active, []);
  });

  it('stays exact in plain fields, on one line where OSCAL asks for one', () => {
    const assessment = hostileAssessment();
    const doc = toOscal(assessment);
    const oneLine = HOSTILE.replace(/\s+/g, ' ').trim();
    assert.equal(doc['assessment-results'].metadata.parties![0]!.name, oneLine);
    const observation = resultOf(doc).observations!.find((o) => propValue(o.props, 'fingerprint') === assessment.findings[0]!.fingerprint)!;
    assert.equal(propValue(observation.props, 'server'), oneLine);
    const rendered = JSON.parse(`${JSON.stringify(doc, null, 2)}\n`) as unknown;
    assert.deepEqual(rendered, doc);
  });
});

describe('an assessment without the optional sections', () => {
  function bare(): Assessment {
    const assessment = sampleAssessment();
    delete assessment.exceptions;
    delete assessment.history;
    delete assessment.changes;
    delete assessment.scope.organization;
    delete assessment.summary.exceptions;
    delete assessment.summary.findings.excepted;
    assessment.findings = [];
    for (const control of assessment.controls) {
      for (const key of ['objective', 'remediation', 'expectedEvidence', 'threats', 'practices', 'references', 'exception', 'attestation'] as const) {
        delete control[key];
      }
    }
    for (const check of assessment.checks) delete check.remediation;
    for (const framework of assessment.frameworks) {
      delete framework.publisher;
      delete framework.source;
      for (const requirement of framework.requirements) for (const c of requirement.controls) delete c.rationale;
    }
    return assessment;
  }

  it('still validates, with no failing-result observations and no party', () => {
    const doc = toOscal(bare());
    assertValid(doc);
    assert.equal(resultOf(doc).observations!.filter((o: OscalObservation) => o.types?.includes('finding')).length, 0);
    assert.equal(doc['assessment-results'].metadata.parties, undefined);
    assert.doesNotMatch(resultOf(doc).remarks, /Exceptions register/);
  });

  it('still validates with nothing assessed at all, leaving out the empty lists OSCAL forbids', () => {
    const assessment = bare();
    Object.assign(assessment, { controls: [], checks: [], risks: [], frameworks: [] });
    assessment.evidence.items = [];
    const doc = toOscal(assessment);
    assertValid(doc);
    const result = resultOf(doc);
    assert.equal(result.findings, undefined);
    assert.equal(result.observations, undefined);
    assert.equal(result.risks, undefined);
    assert.equal(result['reviewed-controls']['control-selections'][0]!['include-controls'], undefined);
  });
});

describe('helpers', () => {
  const TOKENS: Array<[string, string]> = [
    ['MCP-AC-01', 'mcp-ac-01'],
    ['not_observed', 'not_observed'],
    ['9 bad id!', '_9-bad-id-'],
    ['', '_'],
  ];
  for (const [input, expected] of TOKENS) {
    it(`token(${JSON.stringify(input)}) is ${JSON.stringify(expected)}`, () => {
      assert.equal(token(input), expected);
    });
  }

  it('objectiveId names the control objective', () => {
    assert.equal(objectiveId('MCP-IR-01'), 'mcp-ir-01_obj');
  });

  const MARKDOWN: Array<[string, string]> = [
    ['billing-service/.cursor/mcp.json:10:16', 'billing-service/.cursor/mcp.json:10:16'],
    ['see [docs](http://x.example) <b>&amp;</b>', 'see \\[docs\\](http\\://x.example) \\<b\\>\\&amp;\\</b\\>'],
    ['# a\n- b\n 1. c\n2) d', '\\# a\n\\- b\n 1\\. c\n2\\) d'],
    ['not_observed *x* `y` | z', 'not\\_observed \\*x\\* \\`y\\` \\| z'],
    ['back\\slash', 'back\\\\slash'],
  ];
  for (const [input, expected] of MARKDOWN) {
    it(`markdownLiteral(${JSON.stringify(input)})`, () => {
      assert.equal(markdownLiteral(input), expected);
      assert.equal(unescapeMarkdown(expected), input);
    });
  }
});

describe('oscalReporter', () => {
  it('writes assessment-results.oscal.json: the document as 2-space JSON with a final newline', async () => {
    assert.equal(oscalReporter.format, 'oscal');
    assert.deepEqual(oscalReporter.files, ['assessment-results.oscal.json']);
    const assessment = sampleAssessment();
    const files = await oscalReporter.render(assessment, { paper: 'A4', log: () => {} });
    assert.deepEqual(files.map((f) => f.name), ['assessment-results.oscal.json']);
    assert.equal(files[0]!.content, `${JSON.stringify(toOscal(assessment), null, 2)}\n`);
  });
});
