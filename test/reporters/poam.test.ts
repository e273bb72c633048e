/** poam.oscal.json: valid against NIST's OSCAL 1.1.3 POA&M schema, every reference resolving, plan statuses as risk statuses, stable item UUIDs, inert text. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Assessment, PlanItem, PlanItemStatus } from '../../src/engine/assessment.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { OSCAL_NS, OSCAL_VERSION, THREAT_SYSTEM, toOscal } from '../../src/reporters/oscal.js';
import { OWNER_ROLE, RISK_STATUS, toOscalPoam, type OscalPoam } from '../../src/reporters/oscal/poam.js';
import { UUID_V4, activeMarkup, markupFields, unescapeMarkdown, valuesOf } from '../helpers/oscal.js';
import { withPlan } from '../helpers/plan-fixture.js';
import { sampleAssessment } from '../helpers/sample-assessment.js';

// ajv-formats ships CommonJS with a default export that NodeNext sees as a namespace.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const SCHEMA = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'test', 'fixtures', 'schemas', 'oscal_poam_schema.json'), 'utf8')) as { $id: string };
const validate = addFormats(new Ajv({ allErrors: true, strict: true })).compile(SCHEMA);

function assertValid(doc: OscalPoam): void {
  assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

const RESPONSE = { response: 'Pin every package to an exact version in the gateway image.', by: 'cto@northwind.example', date: '2026-11-30', targetDate: '2026-12-15', ticket: 'SEC-42' };

/** The demo estate with its plan: accepted (EX-1), resolved and open items, one with a management response. */
function demo(): Assessment {
  return withPlan(sampleAssessment(), RESPONSE);
}

const poamOf = (doc: OscalPoam) => doc['plan-of-action-and-milestones'];
const propValues = (props: Array<{ name: string; value: string; ns?: string }> | undefined, name: string) =>
  (props ?? []).filter((p) => p.name === name).map((p) => p.value);

describe('the vendored POA&M schema', () => {
  it('is NIST OSCAL Plan of Action and Milestones 1.1.3, the version the document declares', () => {
    assert.equal(SCHEMA.$id, `http://csrc.nist.gov/ns/oscal/${OSCAL_VERSION}/oscal-poam-schema.json`);
    assert.equal(poamOf(toOscalPoam(demo())).metadata['oscal-version'], '1.1.3');
  });
});

describe('toOscalPoam on the demo estate', () => {
  const assessment = demo();
  const items = assessment.plan!.items;
  const doc = toOscalPoam(assessment);
  const poam = poamOf(doc);

  it('validates against the OSCAL POA&M schema', () => {
    assertValid(doc);
    assert.ok(items.some((i) => i.status === 'accepted') && items.some((i) => i.status === 'resolved') && items.some((i) => i.status === 'open'));
  });

  it('has one poam-item and one risk per plan item, in plan order, and one observation per indicator', () => {
    assert.deepEqual(poam['poam-items'].map((p) => propValues(p.props, 'plan-item-id')[0]), items.map((i) => i.id));
    assert.deepEqual(poam.risks!.map((r) => propValues(r.props, 'plan-item-id')[0]), items.map((i) => i.id));
    assert.equal(poam.observations!.length, items.reduce((n, i) => n + i.indicators.length, 0));
    poam['poam-items'].forEach((entry, index) => {
      const item = items[index]!;
      assert.deepEqual(entry['related-risks'], [{ 'risk-uuid': poam.risks![index]!.uuid }]);
      assert.equal(entry['related-observations']!.length, item.indicators.length);
      assert.deepEqual(
        ['priority', 'owner', 'first-seen', 'due', 'mcp-comply-status'].map((name) => propValues(entry.props, name)[0]),
        [String(item.priority), item.owner, item.firstSeen, item.due, item.status],
      );
      assert.deepEqual(propValues(entry.props, 'framework-ref'), item.requirements.map((r) => `${r.frameworkId}:${r.id}`));
    });
    assert.ok((valuesOf(doc, 'props') as Array<Array<{ ns?: string }>>).flat().every((p) => p.ns === OSCAL_NS), 'every property in the project namespace');
  });

  it('resolves every uuid reference, and import-ssp to a back-matter resource', () => {
    const uuids = valuesOf(doc, 'uuid') as string[];
    assert.equal(new Set(uuids).size, uuids.length, 'unique');
    assert.ok(uuids.every((u) => UUID_V4.test(u)));
    const defined = new Set(uuids);
    const references = ['observation-uuid', 'risk-uuid', 'subject-uuid', 'actor-uuid', 'component-uuid'].flatMap((key) => valuesOf(doc, key) as string[]);
    const parties = (valuesOf(doc, 'party-uuids') as string[][]).flat();
    assert.ok(references.length > items.length * 2 && parties.length > 0);
    assert.deepEqual([...references, ...parties].filter((u) => !defined.has(u)), []);
    const href = poam['import-ssp'].href;
    assert.match(href, /^#[0-9a-f-]{36}$/);
    assert.deepEqual(poam['back-matter'].resources.map((r) => r.uuid), [href.slice(1)]);
    const roles = new Set(poam.metadata.roles!.map((r) => r.id));
    assert.deepEqual((valuesOf(doc, 'role-id') as string[]).filter((id) => !roles.has(id)), []);
  });

  it('maps open, accepted and resolved to the risk statuses open, deviation-approved and closed, with the due date as deadline', () => {
    const cases: Array<[PlanItemStatus, string]> = [['open', 'open'], ['accepted', 'deviation-approved'], ['resolved', 'closed']];
    for (const [status, riskStatus] of cases) {
      assert.equal(RISK_STATUS[status], riskStatus);
      const index = items.findIndex((i) => i.status === status);
      const risk = poam.risks![index]!;
      assert.equal(risk.status, riskStatus, status);
      assert.equal(risk.deadline, `${items[index]!.due}T23:59:59Z`);
    }
    const accepted = poam.risks![items.findIndex((i) => i.status === 'accepted')]!;
    assert.deepEqual(propValues(accepted.props, 'exception-id'), ['EX-1']);
    assert.match(accepted.description, /Accepted by exception EX-1 \(approved by /);
    const resolved = poam.risks![items.findIndex((i) => i.status === 'resolved')]!;
    assert.deepEqual(resolved.remediations!.map((r) => r.lifecycle), ['recommendation', 'completed']);
  });

  it('carries the management response as a planned remediation with its target date as a milestone of the owner', () => {
    const index = items.findIndex((i) => i.response);
    const item = items[index]!;
    const planned = poam.risks![index]!.remediations!.find((r) => r.lifecycle === 'planned')!;
    assert.equal(planned.description, RESPONSE.response);
    assert.deepEqual(['response-by', 'response-date', 'target-date', 'ticket'].map((name) => propValues(planned.props, name)[0]),
      [RESPONSE.by, RESPONSE.date, RESPONSE.targetDate, RESPONSE.ticket]);
    const task = planned.tasks![0]!;
    assert.deepEqual([task.type, task.timing], ['milestone', { 'on-date': { date: '2026-12-15T23:59:59Z' } }]);
    const owner = poam.metadata.parties!.find((p) => p.name === item.owner);
    assert.ok(owner, 'the owner is a party');
    assert.deepEqual(task['responsible-roles'], [{ 'role-id': OWNER_ROLE, 'party-uuids': [owner.uuid] }]);
    assert.match(poam['poam-items'][index]!.remarks!, /^Management response \(cto@northwind\.example, 2026-11-30\): Pin every package/m);
  });

  it('names the catalog threats the item\'s controls mitigate', () => {
    items.forEach((item, index) => {
      const expected = assessment.risks.filter((r) => r.controlIds.some((id) => item.controlIds.includes(id))).map((r) => `${THREAT_SYSTEM}/${r.threatId}`);
      assert.deepEqual((poam.risks![index]!['threat-ids'] ?? []).map((t) => t.id), expected, item.id);
    });
    assert.ok(poam.risks!.some((r) => (r['threat-ids'] ?? []).length > 0));
  });

  it('gives a current finding\'s observation the UUID the assessment results give it, with the MCP server as subject', () => {
    const results = toOscal(assessment)['assessment-results'].results[0]!;
    const resultObservations = new Set(results.observations!.map((o) => o.uuid));
    const current = poam.observations!.filter((o) => !o.description.includes('Seen by an earlier assessment'));
    assert.equal(current.length, assessment.findings.length);
    assert.deepEqual(current.filter((o) => !resultObservations.has(o.uuid)).map((o) => o.title), []);
    const inventory = new Set(results['local-definitions']['inventory-items']!.map((i) => i.uuid));
    const concerned = poam['local-definitions']['inventory-items']!.map((i) => i.uuid);
    assert.ok(concerned.length > 0 && concerned.every((u) => inventory.has(u)), 'the servers concerned, with the results\' UUIDs');
    const scheduling = poam.observations!.filter((o) => propValues(o.props, 'server')[0] === 'scheduling' && propValues(o.props, 'check-id')[0] === 'mcp.tools.poisoning-pattern');
    assert.equal(scheduling.length, 5);
    assert.ok(scheduling.every((o) => o.subjects?.length === 1));
  });
});

describe('the assessment exactly as assess writes it', () => {
  it('validates, with one poam-item per item of its plan (one placeholder when it has none)', () => {
    const assessment = sampleAssessment();
    const doc = toOscalPoam(assessment);
    assertValid(doc);
    assert.equal(poamOf(doc)['poam-items'].length, Math.max(1, assessment.plan?.items.length ?? 0));
  });
});

describe('UUIDs across runs', () => {
  it('keep each plan item\'s poam-item and risk UUID for the next quarter, while the document is new', () => {
    const first = poamOf(toOscalPoam(demo()));
    const later = demo();
    later.generatedAt = '2027-02-23T00:00:00.000Z';
    later.findings = later.findings.slice(1);
    const second = poamOf(toOscalPoam(later));
    assert.notEqual(first.uuid, second.uuid);
    assert.deepEqual(second['system-id'], first['system-id']);
    const byPlanId = (poam: typeof first) => new Map(poam['poam-items'].map((p) => [propValues(p.props, 'plan-item-id')[0], [p.uuid, p['related-risks']![0]!['risk-uuid']]]));
    const before = byPlanId(first);
    const shared = [...byPlanId(second)].filter(([id]) => before.has(id));
    assert.ok(shared.length > 10);
    for (const [id, uuids] of shared) assert.deepEqual(uuids, before.get(id), id);
  });

  it('are the same bytes for the same assessment', () => {
    assert.equal(JSON.stringify(toOscalPoam(demo())), JSON.stringify(toOscalPoam(demo())));
  });
});

describe('hostile text in the plan', () => {
  const HOSTILE = 'Ignore <script>alert(1)</script> [click](javascript:alert(1)) ![x](http://evil.example/x.png) **bold** `code`'
    + ' | a | b |\n# Heading\n- item\n+ item\n1. one\n2) two\n=== &amp; back\\slash http://evil.example/ ~~strike~~ _under_';

  function hostile(): Assessment {
    const assessment = demo();
    const item: PlanItem = assessment.plan!.items.find((i) => i.response)!;
    Object.assign(item, { title: HOSTILE, remediation: HOSTILE, owner: HOSTILE, checkId: HOSTILE, due: HOSTILE });
    item.response = { ...RESPONSE, response: HOSTILE, by: HOSTILE, targetDate: HOSTILE, ticket: HOSTILE };
    item.indicators[0]!.message = HOSTILE;
    item.indicators[0]!.location = { path: HOSTILE, line: 1 };
    item.requirements.push({ frameworkId: HOSTILE, id: HOSTILE });
    const accepted = assessment.plan!.items.find((i) => i.status === 'accepted')!;
    accepted.exception = { ...accepted.exception!, justification: HOSTILE, id: HOSTILE };
    assessment.scope.organization = HOSTILE;
    return assessment;
  }

  it('still validates: a date that is not a date gives no deadline or milestone rather than an invalid one', () => {
    const doc = toOscalPoam(hostile());
    assertValid(doc);
    const index = hostile().plan!.items.findIndex((i) => i.response);
    const risk = poamOf(doc).risks![index]!;
    assert.equal(risk.deadline, undefined);
    assert.equal(risk.remediations!.find((r) => r.lifecycle === 'planned')!.tasks, undefined);
  });

  it('never becomes markup, and reads exactly once the escapes are removed', () => {
    const doc = toOscalPoam(hostile());
    const fields = markupFields(doc);
    assert.deepEqual(fields.map(({ at, text }) => ({ at, markup: activeMarkup(text) })).filter(({ markup }) => markup.length > 0), []);
    const index = hostile().plan!.items.findIndex((i) => i.response);
    const poam = poamOf(doc);
    assert.equal(unescapeMarkdown(poam['poam-items'][index]!.title), HOSTILE.replace(/\s+/g, ' ').trim());
    assert.equal(unescapeMarkdown(poam.risks![index]!.remediations!.find((r) => r.lifecycle === 'planned')!.description), HOSTILE);
    const observation = poam.observations!.find((o) => unescapeMarkdown(o.description).startsWith(HOSTILE))!;
    assert.ok(observation, 'the indicator message survives');
    assert.deepEqual(propValues(poam['poam-items'][index]!.props, 'owner'), [HOSTILE.replace(/\s+/g, ' ').trim()]);
  });
});

describe('an assessment without a plan, or with an empty one', () => {
  for (const [name, plan] of [['no plan', undefined], ['an empty plan', { slaDays: { critical: 7, high: 30, medium: 90, low: 180 }, items: [] }]] as const) {
    it(`${name}: one placeholder poam-item that names no risk, still valid`, () => {
      const assessment = sampleAssessment();
      if (plan) assessment.plan = plan; else delete assessment.plan;
      const doc = toOscalPoam(assessment);
      assertValid(doc);
      const poam = poamOf(doc);
      assert.equal(poam['poam-items'].length, 1);
      assert.deepEqual(poam['poam-items'][0]!.props, [{ name: 'placeholder', ns: OSCAL_NS, value: 'true' }]);
      assert.equal(poam.risks, undefined);
      assert.equal(poam.observations, undefined);
    });
  }
});

describe('no secret from the estate', () => {
  it('appears in the POA&M: the plan carries what the findings carry, which is redacted', () => {
    const assessment = demo();
    const text = JSON.stringify(toOscalPoam(assessment));
    const planted = fs.readFileSync(path.join(PACKAGE_ROOT, 'examples', 'clinical-assistant', '.cursor', 'mcp.json'), 'utf8');
    const secrets = [...planted.matchAll(/"(?:[A-Z_]*(?:TOKEN|KEY|PASSWORD|SECRET)[A-Z_]*)"\s*:\s*"([^"$]{12,})"/g)].map((m) => m[1]!);
    assert.ok(secrets.length > 0, 'the demo plants a credential');
    for (const secret of secrets) assert.ok(!text.includes(secret), 'the planted credential is not in the POA&M');
  });
});
