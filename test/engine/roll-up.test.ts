/** Roll-up tables: a failure is never hidden by a pass, and missing evidence never reads as met. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Control } from '../../src/catalog/model.js';
import type { ControlStatus, RequirementStatus } from '../../src/engine/assessment.js';
import { controlStatus, requirementStatus } from '../../src/engine/roll-up.js';
import type { CheckStatus } from '../../src/checks/types.js';

const control = (checks: string[]) => ({ checks } as unknown as Control);

describe('control status from its checks', () => {
  const cases: Array<[string, Record<string, CheckStatus>, ControlStatus]> = [
    ['no checks: decided by manual evidence', {}, 'manual'],
    ['all pass', { a: 'pass', b: 'pass' }, 'pass'],
    ['one fail among passes', { a: 'pass', b: 'fail' }, 'fail'],
    ['fail beats error', { a: 'error', b: 'fail' }, 'fail'],
    ['error beats not observed', { a: 'error', b: 'not_observed' }, 'error'],
    ['a pass with a check not observed is not a pass', { a: 'pass', b: 'not_observed' }, 'not_observed'],
    ['nothing observed', { a: 'not_observed' }, 'not_observed'],
  ];
  for (const [name, statuses, expected] of cases) {
    it(name, () => assert.equal(controlStatus(control(Object.keys(statuses)), (id) => statuses[id]!), expected));
  }
});

describe('requirement status from its controls', () => {
  const cases: Array<[string, ControlStatus[], RequirementStatus]> = [
    ['no controls', [], 'not_assessed'],
    ['all pass', ['pass', 'pass'], 'met'],
    ['pass and attested', ['pass', 'attested'], 'met'],
    ['pass and fail', ['pass', 'fail'], 'partially_met'],
    ['only fail', ['fail', 'manual'], 'not_met'],
    ['pass but another control has no evidence', ['pass', 'not_observed'], 'partially_met'],
    ['pass but another control awaits manual evidence', ['pass', 'manual'], 'partially_met'],
    ['nothing decided', ['manual', 'not_observed', 'error'], 'not_assessed'],
    ['stale attestation decides nothing', ['stale'], 'not_assessed'],
    ['all scoped out', ['not_applicable'], 'not_applicable'],
    ['scoped-out controls are left out', ['pass', 'not_applicable'], 'met'],
  ];
  for (const [name, statuses, expected] of cases) it(name, () => assert.equal(requirementStatus(statuses), expected));
});
