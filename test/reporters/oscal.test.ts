/** assessment-results.oscal.json: valid against NIST's OSCAL 1.1.3 schemas (results and the plan it imports), honest statuses, stable UUIDs, inert text. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { CONTROL_STATUSES, type Assessment, type ControlStatus, type ExceptionNote } from '../../src/engine/assessment.js';
import { sha256Hex } from '../../src/lib/canonical-json.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import {
  OSCAL_NS, OSCAL_VERSION, PLAN_FILE, THREAT_SYSTEM, markdownLiteral, objectiveId, oscalReporter, partObjectiveId, planJson, toOscal,
  toOscalPlan, token,
  type OscalAssessmentPlan, type OscalAssessmentResults, type OscalFinding, type OscalObjectivePart, type OscalObservation, type OscalProp,
} from '../../src/reporters/oscal.js';
import { toOscalPoam } from '../../src/reporters/oscal/poam.js';
import { UUID_V4, activeMarkup, markupFields, unescapeMarkdown, valuesOf } from '../helpers/oscal.js';
import { sampleAssessment } from '../helpers/sample-assessment.js';

const resultOf = (doc: OscalAssessmentResults) => doc['assessment-results'].results[0]!;

// ajv-formats ships CommonJS with a default export that NodeNext sees as a namespace.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const schemaFile = (model: string) => path.join(PACKAGE_ROOT, 'test', 'fixtures', 'schemas', `oscal_${model}_schema.json`);
const SCHEMA = JSON.parse(fs.readFileSync(schemaFile('assessment-results'), 'utf8')) as { $id: string };
const PLAN_SCHEMA = JSON.parse(fs.readFileSync(schemaFile('assessment-plan'), 'utf8')) as { $id: string };
// Draft-07 with ajv's defaults: the `u` flag the schema's \p{L} patterns need, strict mode to catch a schema ajv misreads.
const validate = addFormats(new Ajv({ allErrors: true, strict: true })).compile(SCHEMA);
const validatePlan = addFormats(new Ajv({ allErrors: true, strict: true })).compile(PLAN_SCHEMA);

/** The results document and the assessment plan it carries are each valid against their OSCAL schema. */
function assertValid(doc: OscalAssessmentResults): void {
  assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  const plan = planOf(doc);
  assert.ok(validatePlan(plan), JSON.stringify(validatePlan.errors?.slice(0, 5), null, 2));
}

/** The assessment plan `import-ap` resolves to: the back-matter resource its `#uuid` names, decoded. */
function planOf(doc: OscalAssessmentResults): OscalAssessmentPlan {
  const href = doc['assessment-results']['import-ap'].href;
  assert.match(href, /^#/);
  const resources = doc['assessment-results']['back-matter'].resources.filter((r) => r.uuid === href.slice(1));
  assert.equal(resources.length, 1, `one back-matter resource is ${href}`);
  return JSON.parse(Buffer.from(resources[0]!.base64!.value, 'base64').toString('utf8')) as OscalAssessmentPlan;
}

/** Every objective id the plan defines, sub-objectives included. */
function planObjectiveIds(plan: OscalAssessmentPlan): string[] {
  const ids = (parts: OscalObjectivePart[]): string[] => parts.flatMap((p) => [p.id, ...ids(p.parts ?? [])]);
  return ids((plan['assessment-plan']['local-definitions']?.['objectives-and-methods'] ?? []).flatMap((o) => o.parts));
}

const objectiveObservations = (doc: OscalAssessmentResults) => (resultOf(doc).observations ?? []).filter((o) => o.types?.includes('control-objective'));

const propsNamed = (props: OscalProp[] | undefined, name: string) => (props ?? []).filter((p) => p.name === name);
const propValue = (props: OscalProp[] | undefined, name: string) => propsNamed(props, name)[0]?.value;

/** The finding on a decided control, or the control-objective observation on an undecided one. */
function verdictFor(doc: OscalAssessmentResults, controlId: string): OscalFinding | OscalObservation {
  // A partial control's finding is about the automated part, its observation about the manual part.
  const targets = [objectiveId(controlId), `${objectiveId(controlId)}.automated`];
  return (resultOf(doc).findings ?? []).find((f) => targets.includes(f.target['target-id']))
    ?? objectiveObservations(doc).find((o) => propValue(o.props, 'objective-id') === targets[0])!;
}

function findingFor(doc: OscalAssessmentResults, controlId: string): OscalFinding {
  const found = (resultOf(doc).findings ?? []).filter((f) => f.target['target-id'] === objectiveId(controlId));
  assert.equal(found.length, 1, `one finding targets ${controlId}`);
  return found[0]!;
}

describe('the vendored schema', () => {
  it('is NIST OSCAL Assessment Results and Assessment Plan 1.1.3, the version the documents declare', () => {
    assert.equal(SCHEMA.$id, `http://csrc.nist.gov/ns/oscal/${OSCAL_VERSION}/oscal-ar-schema.json`);
    assert.equal(PLAN_SCHEMA.$id, `http://csrc.nist.gov/ns/oscal/${OSCAL_VERSION}/oscal-ap-schema.json`);
    assert.equal(toOscal(sampleAssessment())['assessment-results'].metadata['oscal-version'], '1.1.3');
    assert.equal(toOscalPlan(sampleAssessment())['assessment-plan'].metadata['oscal-version'], '1.1.3');
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
  });

  it('has a finding for each control the assessment decided and a control-objective observation for each other one', () => {
    // A partial control has both: a finding on its automated part and an observation of its manual part.
    const decided = assessment.controls.flatMap((c) => (['pass', 'attested', 'fail'].includes(c.status) ? [`${c.id.toLowerCase()}_obj`]
      : c.status === 'partial' ? [`${c.id.toLowerCase()}_obj.automated`] : []));
    const undecided = assessment.controls.flatMap((c) => (['pass', 'attested', 'fail'].includes(c.status) ? []
      : c.status === 'partial' ? [`${c.id.toLowerCase()}_obj.manual`] : [`${c.id.toLowerCase()}_obj`]));
    assert.ok(decided.length > 0 && undecided.length > 0 && assessment.controls.some((c) => c.status === 'partial'));
    assert.deepEqual(result.findings!.map((f) => f.target['target-id']), decided);
    assert.ok(result.findings!.every((f) => f.target.type === 'objective-id'));
    assert.deepEqual(objectiveObservations(doc).map((o) => propValue(o.props, 'objective-id')), undecided);
  });

  it('states the real status of every control beside the objective state, not-satisfied only for a failing one', () => {
    for (const control of assessment.controls) {
      const finding = verdictFor(doc, control.id);
      assert.equal(propValue(finding.props, 'mcp-comply-status'), control.status, control.id);
      assert.equal(unescapeMarkdown(finding.description).endsWith(control.reason), true, control.id);
    }
    const failing = assessment.controls.filter((c) => c.status === 'fail').map((c) => objectiveId(c.id));
    assert.deepEqual(result.findings!.filter((f) => f.target.status.state === 'not-satisfied').map((f) => f.target['target-id']), failing);
    assert.ok(result.findings!.every((f) => f.target.status.reason === (f.target.status.state === 'satisfied' ? 'pass' : 'fail')));
  });

  it('records every framework requirement a control maps to as a framework-ref property, with the relationship', () => {
    let mapped = 0;
    for (const framework of assessment.frameworks) {
      for (const requirement of framework.requirements) {
        for (const c of requirement.controls) {
          const refs = propsNamed(verdictFor(doc, c.id).props, 'framework-ref');
          const ref = refs.find((p) => p.value === `${framework.id}:${requirement.id}`);
          assert.ok(ref, `${c.id} carries ${framework.id}:${requirement.id}`);
          assert.equal(ref.ns, OSCAL_NS);
          assert.equal(ref.class, c.relationship);
          mapped++;
        }
      }
    }
    assert.ok(mapped > 0);
    assert.ok(propsNamed(verdictFor(doc, 'MCP-LG-01').props, 'framework-ref').some((p) => p.value === 'pci-dss:10.2.1'));
  });

  it('has one EXAMINE observation per evidence item with its sha256', () => {
    const examined = result.observations!.filter((o) => o.methods.includes('EXAMINE') && !o.types);
    assert.equal(examined.length, assessment.evidence.items.length);
    assessment.evidence.items.forEach((item, i) => {
      const evidence = examined[i]!['relevant-evidence']![0]!;
      assert.equal(propValue(evidence.props, 'evidence-id'), item.id);
      assert.equal(propValue(evidence.props, 'sha256'), item.sha256);
      assert.equal(examined[i]!.collected, item.collectedAt);
    });
  });

  it('has one TEST observation per check and one per failing check result', () => {
    // A control whose checks found no population is an undecided objective observed by TEST too: not a check.
    const tests = result.observations!.filter((o) => o.methods.includes('TEST') && !o.types?.includes('control-objective'));
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

  it('turns the risk register into OSCAL risks, one per threat, in the fields OSCAL defines', () => {
    assert.equal(result.risks!.length, assessment.risks.length);
    const byId = new Map(assessment.controls.map((c) => [c.id, c]));
    assessment.risks.forEach((risk, i) => {
      const oscal = result.risks![i]!;
      assert.deepEqual(oscal['threat-ids'], [{ system: THREAT_SYSTEM, id: `${THREAT_SYSTEM}/${risk.threatId}` }]);
      assert.ok(oscal.statement.startsWith(`Inherent risk ${risk.inherent} of 25`), oscal.statement);
      const facets = oscal.characterizations.map((c) => [propValue(c.props, 'risk-view'), Object.fromEntries(c.facets.map((f) => [f.name, f.value]))]);
      assert.deepEqual(facets, [
        ['inherent', { likelihood: String(risk.likelihood), impact: String(risk.impact), score: String(risk.inherent), band: risk.band.inherent }],
        ['residual', {
          likelihood: String(risk.residualLikelihood), impact: String(risk.impact), score: String(risk.residual), band: risk.band.residual,
          mitigation: String(risk.mitigation),
        }],
      ]);
      assert.ok(oscal.characterizations.every((c) => c.facets.every((f) => f.system === OSCAL_NS)));
      assert.deepEqual(
        (oscal['mitigating-factors'] ?? []).map((m) => [propValue(m.props, 'control-id'), propValue(m.props, 'credit')]),
        risk.controls.filter((c) => c.credit > 0).map((c) => [c.id, String(c.credit)]),
      );
      assert.deepEqual(
        (oscal.remediations ?? []).map((r) => propValue(r.props, 'control-id')),
        risk.controls.filter((c) => !['pass', 'attested', 'not_applicable'].includes(c.status)).map((c) => c.id),
      );
      assert.ok((oscal.remediations ?? []).every((r) => r.lifecycle === 'recommendation'));
      const failing = risk.controls.filter((c) => c.status === 'fail');
      assert.equal(oscal.status, failing.length === 0 ? oscal.status : failing.every((c) => byId.get(c.id)!.exception) ? 'deviation-approved' : 'open');
    });
    const t01 = result.risks!.find((r) => r['threat-ids'][0]!.id.endsWith('/T01'))!;
    const fail = assessment.risks.find((r) => r.threatId === 'T01')!.controls.find((c) => c.status === 'fail')!;
    assert.equal(t01.status, 'open');
    const remedy = t01.remediations!.find((r) => propValue(r.props, 'control-id') === fail.id)!;
    assert.equal(remedy.title, `Remediate ${fail.id}`);
    assert.equal(unescapeMarkdown(remedy.description), byId.get(fail.id)!.remediation);
    const riskUuids = new Set(result.risks!.map((r) => r.uuid));
    const related = findingFor(doc, fail.id)['related-risks']!.map((r) => r['risk-uuid']);
    assert.ok(related.includes(t01.uuid));
    assert.ok(related.every((uuid) => riskUuids.has(uuid)));
    const failingResults = new Set(result.observations!.filter((o) => o.types?.includes('finding')).map((o) => o.uuid));
    assert.ok(t01['related-observations']!.length > 0);
    assert.ok(t01['related-observations']!.every((r) => failingResults.has(r['observation-uuid'])));
  });

  it('says in the result remarks what each list holds and how many', () => {
    const findings = assessment.controls.filter((c) => ['pass', 'attested', 'partial', 'fail'].includes(c.status)).length;
    assert.match(result.remarks, new RegExp(`^Findings: ${findings}, one per control objective the assessment decided`));
    assert.match(result.remarks, /Only a failing control is not satisfied/);
    assert.match(result.remarks, new RegExp(`Risks: ${assessment.risks.length}, one per threat`));
    assert.match(result.remarks, /Exceptions register: EX-1 on check:mcp.supply-chain.unpinned-package \(live/);
  });
});

describe('objective status by control status', () => {
  // [status, findings as [target, state, reason], control-objective observations as [target, method]]
  type Row = [ControlStatus, Array<[string, 'satisfied' | 'not-satisfied', 'pass' | 'fail']>, Array<[string, 'TEST' | 'EXAMINE']>];
  const OBJ = 'mcp-ia-02_obj';
  const CASES: Row[] = [
    ['pass', [[OBJ, 'satisfied', 'pass']], []],
    ['attested', [[OBJ, 'satisfied', 'pass']], []],
    ['partial', [[`${OBJ}.automated`, 'satisfied', 'pass']], [[`${OBJ}.manual`, 'EXAMINE']]],
    ['fail', [[OBJ, 'not-satisfied', 'fail']], []],
    ['not_observed', [], [[OBJ, 'TEST']]],
    ['error', [], [[OBJ, 'TEST']]],
    ['not_applicable', [], [[OBJ, 'TEST']]],
    ['manual', [], [[OBJ, 'EXAMINE']]],
    ['stale', [], [[OBJ, 'EXAMINE']]],
  ];

  it('covers every control status', () => {
    assert.deepEqual(CASES.map(([status]) => status).sort(), [...CONTROL_STATUSES].sort());
  });

  for (const [status, findings, observations] of CASES) {
    it(`${status}: findings ${JSON.stringify(findings)}, observations ${JSON.stringify(observations)}`, () => {
      const assessment = sampleAssessment();
      const control = assessment.controls.find((c) => c.id === 'MCP-IA-02')!;
      assert.ok(control.checks.length > 0);
      control.status = status;
      if (status === 'partial') Object.assign(control, { automation: 'partial', manualPart: 'The identity provider\'s MFA policy *for* admins.' });
      const doc = toOscal(assessment);
      assertValid(doc);
      const mine = (target: string | undefined) => target === OBJ || target?.startsWith(`${OBJ}.`) === true;
      const found = resultOf(doc).findings!.filter((f) => mine(f.target['target-id']));
      assert.deepEqual(found.map((f) => [f.target['target-id'], f.target.status.state, f.target.status.reason]), findings);
      const observed = objectiveObservations(doc).filter((o) => mine(propValue(o.props, 'objective-id')));
      assert.deepEqual(observed.map((o) => [propValue(o.props, 'objective-id'), o.methods[0]]), observations);
      for (const item of [...found, ...observed]) assert.equal(propValue(item.props, 'mcp-comply-status'), status);
      const defined = new Set(planObjectiveIds(planOf(doc)));
      for (const target of [...findings.map(([t]) => t), ...observations.map(([t]) => t)]) assert.ok(defined.has(target), `the plan defines ${target}`);
      if (status === 'partial') {
        assert.equal(unescapeMarkdown(observed[0]!.description), `Partial: ${control.reason}\n\nManual evidence outstanding: ${control.manualPart}`);
        assert.equal(found[0]!.title, 'MCP-IA-02: Administrative access requires multi-factor authentication (automated part)');
      }
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

describe('risk status', () => {
  // The statuses of a threat's mitigating controls (an `!` marks one under a live exception) -> the OSCAL risk status.
  const CASES: Array<[string[], string]> = [
    [['fail', 'pass'], 'open'],
    [['fail!', 'fail'], 'open'],
    [['fail!', 'manual'], 'deviation-approved'],
    [['pass', 'attested', 'not_applicable'], 'closed'],
    [['pass', 'partial'], 'investigating'],
    [['pass', 'stale'], 'investigating'],
    [['not_observed'], 'investigating'],
    [['not_applicable'], 'investigating'],
  ];
  for (const [statuses, expected] of CASES) {
    it(`${statuses.join(', ')} -> ${expected}`, () => {
      const assessment = sampleAssessment();
      const risk = assessment.risks[0]!;
      const controls = assessment.controls.slice(0, statuses.length);
      risk.controls = statuses.map((s, i) => ({ id: controls[i]!.id, status: s.replace('!', '') as ControlStatus, credit: 0 }));
      risk.controlIds = controls.map((c) => c.id);
      controls.forEach((control, i) => {
        control.status = risk.controls[i]!.status;
        delete control.exception;
        if (statuses[i]!.endsWith('!')) control.exception = { id: 'EX-7', approver: 'ciso@example.com', expires: '2027-06-30', justification: 'Accepted' };
      });
      const doc = toOscal(assessment);
      assertValid(doc);
      assert.equal(resultOf(doc).risks![0]!.status, expected);
    });
  }
});

describe('MCP servers', () => {
  const assessment = sampleAssessment();
  const doc = toOscal(assessment);
  const result = resultOf(doc);
  const items = result['local-definitions']['inventory-items']!;
  const itemOf = (name: string, file: string) => {
    const i = assessment.inventory.servers.findIndex((s) => s.name === name && s.path === file);
    assert.ok(i >= 0, `${name} in ${file}`);
    return items[i]!;
  };

  it('are inventory items of the local definitions, one per configuration entry', () => {
    assert.equal(items.length, assessment.inventory.servers.length);
    const server = assessment.inventory.servers[0]!;
    assert.deepEqual(items[0]!.props!.map((p) => [p.name, p.value]), [
      ['asset-type', 'mcp-server'], ['server-name', server.name], ['client', server.client], ['transport', server.transport],
      ['config-path', server.path], ['config-line', String(server.line)], ['system', server.system!], ['disabled', String(server.disabled)],
    ]);
    assert.equal(server.system, 'Billing service');
    assert.equal(
      unescapeMarkdown(items[0]!.description),
      `MCP server ${server.name} configured for ${server.client} in ${server.path}:${server.line}, transport ${server.transport}.`,
    );
  });

  it('carry the endpoint host and the system when the inventory names them', () => {
    const later = sampleAssessment();
    Object.assign(later.inventory.servers[0]!, { endpoint: 'mcp.example.com', system: 'Billing' });
    const item = resultOf(toOscal(later))['local-definitions']['inventory-items']![0]!;
    assert.equal(propValue(item.props, 'endpoint-host'), 'mcp.example.com');
    assert.equal(propValue(item.props, 'system'), 'Billing');
    assert.match(unescapeMarkdown(item.description), /, endpoint host mcp\.example\.com\.$/);
  });

  // [check id, server, path of the result] -> the inventory entry it is about: name and config file, else the only entry of that name.
  const CASES: Array<[string, string, string, [string, string] | undefined]> = [
    ['mcp.supply-chain.known-vulnerable', 'inspector', 'billing-service/.cursor/mcp.json', ['inspector', 'billing-service/.cursor/mcp.json']],
    ['mcp.oversight.auto-approve', 'fhir-tools', 'clinical-assistant/.claude/settings.json', ['fhir-tools', 'clinical-assistant/.claude/settings.json']],
    ['mcp.tools.poisoning-pattern', 'scheduling', 'clinical-assistant/mcp-tools/scheduling.tools.json', ['scheduling', 'clinical-assistant/.vscode/mcp.json']],
  ];
  for (const [checkId, server, file, entry] of CASES) {
    it(`name the entry a failing result of ${checkId} on ${server} is about`, () => {
      const finding = assessment.findings.find((f) => f.checkId === checkId && f.server === server && f.location.path === file)!;
      const observation = result.observations!.find((o) => propValue(o.props, 'fingerprint') === finding.fingerprint)!;
      const item = itemOf(...entry!);
      assert.deepEqual(observation.subjects, [{ 'subject-uuid': item.uuid, type: 'inventory-item', title: `MCP server ${server}` }]);
    });
  }

  it('are no subject of a result about no server, nor of one whose name is ambiguous and file unknown', () => {
    const noServer = assessment.findings.find((f) => f.server === undefined)!;
    assert.equal(result.observations!.find((o) => propValue(o.props, 'fingerprint') === noServer.fingerprint)!.subjects, undefined);
    const ambiguous = sampleAssessment();
    Object.assign(ambiguous.findings[0]!, { server: 'fhir-tools', location: { path: 'elsewhere.json' } });
    const observation = resultOf(toOscal(ambiguous)).observations!.find((o) => propValue(o.props, 'fingerprint') === ambiguous.findings[0]!.fingerprint)!;
    assert.equal(observation.subjects, undefined);
  });

  it('are the subjects of each check observation, once each, for the servers of its results', () => {
    const check = assessment.checks.find((c) => c.id === 'mcp.tools.poisoning-pattern')!;
    const observation = result.observations!.find((o) => !o.types && propValue(o.props, 'check-id') === check.id)!;
    // Its results are about ehr-readonly (two passing) and scheduling (one passing, five failing), each named once.
    assert.deepEqual(observation.subjects!.map((s) => s['subject-uuid']), [
      itemOf('ehr-readonly', 'clinical-assistant/.vscode/mcp.json').uuid, itemOf('scheduling', 'clinical-assistant/.vscode/mcp.json').uuid,
    ]);
  });
});

describe('import-ap', () => {
  const assessment = sampleAssessment();
  const doc = toOscal(assessment);

  it('names a back-matter resource that carries the assessment plan, byte for byte, with its sha256', () => {
    const resource = doc['assessment-results']['back-matter'].resources[0]!;
    assert.equal(doc['assessment-results']['import-ap'].href, `#${resource.uuid}`);
    assert.deepEqual({ ...resource.base64, value: undefined }, { filename: PLAN_FILE, 'media-type': 'application/oscal+json', value: undefined });
    const bytes = Buffer.from(resource.base64!.value, 'base64').toString('utf8');
    assert.equal(bytes, planJson(assessment));
    assert.deepEqual(resource.props, [{ name: 'sha256', ns: OSCAL_NS, value: sha256Hex(bytes) }]);
    assert.deepEqual(planOf(doc), toOscalPlan(assessment));
  });

  it('is a valid OSCAL assessment plan reviewing the same controls with the same tool', () => {
    const plan = planOf(doc);
    assert.ok(validatePlan(plan), JSON.stringify(validatePlan.errors?.slice(0, 5), null, 2));
    const ap = plan['assessment-plan'];
    assert.deepEqual(ap['reviewed-controls'], resultOf(doc)['reviewed-controls']);
    assert.deepEqual(ap['assessment-assets'], resultOf(doc)['local-definitions']['assessment-assets']);
    assert.deepEqual(ap['assessment-subjects']!.map((s) => [s.type, s['include-all']]), [['inventory-item', {}]]);
    assert.notEqual(ap.uuid, doc['assessment-results'].uuid);
  });

  it('defines every objective the findings and control-objective observations target', () => {
    const defined = planObjectiveIds(planOf(doc));
    assert.deepEqual(defined.filter((id) => !id.includes('.')), assessment.controls.map((c) => objectiveId(c.id)));
    for (const finding of resultOf(doc).findings!) assert.ok(defined.includes(finding.target['target-id']), finding.target['target-id']);
    for (const o of objectiveObservations(doc)) assert.ok(defined.includes(propValue(o.props, 'objective-id')!));
  });

  it('splits the objective of a partly automated control into what its checks decide and the manual part', () => {
    const partly = sampleAssessment();
    Object.assign(partly.controls.find((c) => c.id === 'MCP-IA-02')!, { automation: 'partial', manualPart: 'The IdP MFA policy.' });
    const objective = toOscalPlan(partly)['assessment-plan']['local-definitions']!['objectives-and-methods']!.find((o) => o['control-id'] === 'mcp-ia-02')!;
    assert.deepEqual(objective.parts[0]!.parts!.map((p) => [p.id, unescapeMarkdown(p.prose!)]), [
      [partObjectiveId('MCP-IA-02', 'automated'), 'The part of the objective its checks decide (github.org.mfa-not-required).'],
      [partObjectiveId('MCP-IA-02', 'manual'), 'The IdP MFA policy.'],
    ]);
  });

  it('points its import-ssp at a back-matter resource stating the boundary', () => {
    const ap = planOf(doc)['assessment-plan'];
    const boundary = ap['back-matter'].resources.find((r) => `#${r.uuid}` === ap['import-ssp'].href)!;
    assert.equal(boundary.title, 'Assessment boundary');
    // The same statement and exclusions the HTML, PDF and Markdown reports print.
    const statement = unescapeMarkdown(boundary.description);
    assert.match(statement, new RegExp(`^The boundary is the MCP layer of 2 systems: Clinical assistant \\(\\d+ MCP servers\\); Billing service`));
    assert.match(statement, new RegExp(`${assessment.inventory.servers.length} MCP servers on \\d+ clients`));
    assert.match(statement, /not an audit opinion/);
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
    const references = ['observation-uuid', 'risk-uuid', 'actor-uuid', 'component-uuid', 'subject-uuid'].flatMap((key) => valuesOf(doc, key) as string[])
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
    Object.assign(assessment.inventory.servers[0]!, { name: HOSTILE, path: assessment.findings[0]!.location.path, client: HOSTILE, endpoint: HOSTILE });
    Object.assign(assessment.controls[1]!, { status: 'partial', automation: 'partial', manualPart: HOSTILE, title: HOSTILE });
    assessment.scope.paths = [HOSTILE];
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

  it('names the hostile server as the subject of its finding', () => {
    const assessment = hostileAssessment();
    const result = resultOf(toOscal(assessment));
    const observation = result.observations!.find((o) => propValue(o.props, 'fingerprint') === assessment.findings[0]!.fingerprint)!;
    assert.deepEqual(observation.subjects!.map((s) => s['subject-uuid']), [result['local-definitions']['inventory-items']![0]!.uuid]);
  });

  it('never becomes markup anywhere in the document, nor in the plan it carries', () => {
    const doc = toOscal(hostileAssessment());
    const plan = planOf(doc);
    const prose = (valuesOf(plan, 'prose') as string[]).map((text) => ({ at: 'plan prose', text }));
    assert.ok(prose.some(({ text }) => unescapeMarkdown(text) === HOSTILE));
    const fields = [...markupFields(doc), ...markupFields(plan), ...prose];
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
  it('writes assessment-results.oscal.json and poam.oscal.json: each document as 2-space JSON with a final newline', async () => {
    assert.equal(oscalReporter.format, 'oscal');
    assert.deepEqual(oscalReporter.files, ['assessment-results.oscal.json', 'poam.oscal.json']);
    const assessment = sampleAssessment();
    const files = await oscalReporter.render(assessment, { paper: 'A4', profile: 'auditor', log: () => {} });
    assert.deepEqual(files.map((f) => f.name), oscalReporter.files);
    assert.equal(files[0]!.content, `${JSON.stringify(toOscal(assessment), null, 2)}\n`);
    assert.equal(files[1]!.content, `${JSON.stringify(toOscalPoam(assessment), null, 2)}\n`);
  });
});
