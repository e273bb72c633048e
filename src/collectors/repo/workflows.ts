/**
 * GitHub Actions workflows (`.github/workflows/*.yml|yaml`) and action metadata (`action.yml|yaml`)
 * read as data with positions: triggers, permissions at the top and per job, every `uses:` (job-level
 * reusable workflows, steps, a composite action's steps, a Docker action's `docker://` image) with the
 * position of its value, and the `with.ref` of `actions/checkout` steps. Nothing is evaluated.
 */
import path from 'node:path';
import { isObject } from '../mcp-config/normalize.js';
import { parseYamlDoc, type DocPath, type ParseFailure, type SourceDoc } from '../mcp-config/source-doc.js';
import type { ActionRef, CheckoutRef, Permissions, WorkflowFile, WorkflowJob } from './model.js';
import { inDependencyFolder } from './manifests.js';
import { asObject } from './values.js';

type Parsed = { workflow?: Omit<WorkflowFile, 'path'>; problem?: Omit<ParseFailure, 'code'> & { code: string } };

export function isWorkflowPath(rel: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(rel);
}

export function isActionPath(rel: string): boolean {
  return /^action\.ya?ml$/.test(path.posix.basename(rel)) && !inDependencyFolder(rel);
}

/**
 * A workflow or an action file. A workflow that is not a mapping is a problem; an action file that is
 * neither a composite nor a Docker action references nothing and yields no workflow.
 */
export function parseWorkflowFile(text: string, kind: WorkflowFile['kind']): Parsed {
  const parsed = parseYamlDoc(text);
  if (!parsed.ok) return { problem: { ...parsed.error, code: parsed.error.code ?? 'parse-error' } };
  const { doc } = parsed;
  const value = doc.value;
  if (!isObject(value)) return { problem: { message: `not a ${kind === 'workflow' ? 'workflow' : 'action'} (the document is not a mapping)`, line: 1, column: 1, code: 'unknown-shape' } };
  if (kind === 'action') {
    const uses = actionUses(doc, asObject(value.runs));
    return uses ? { workflow: { kind, triggers: [], jobs: [], uses } } : {};
  }
  const permissions = permissionsAt(doc, ['permissions'], value.permissions);
  return {
    workflow: {
      kind,
      triggers: triggersOf(value.on),
      ...(permissions ? { permissions } : {}),
      jobs: Object.entries(asObject(value.jobs)).map(([id, job]) => jobOf(doc, id, asObject(job))),
      uses: [],
    },
  };
}

/** `on: push`, `on: [push, pull_request]` or `on: { push: ..., pull_request_target: ... }`. */
function triggersOf(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((t): t is string => typeof t === 'string');
  return Object.keys(asObject(on));
}

function jobOf(doc: SourceDoc, id: string, job: Record<string, unknown>): WorkflowJob {
  const at: DocPath = ['jobs', id];
  const permissions = permissionsAt(doc, [...at, 'permissions'], job.permissions);
  const uses: ActionRef[] = [];
  const checkouts: CheckoutRef[] = [];
  if (typeof job.uses === 'string') uses.push(ref(doc, [...at, 'uses'], job.uses, `jobs.${id}.uses`));
  stepsOf(job.steps).forEach(({ step, index }) => {
    if (typeof step.uses !== 'string') return;
    const pointer = `jobs.${id}.steps[${index}]`;
    uses.push(ref(doc, [...at, 'steps', index, 'uses'], step.uses, `${pointer}.uses`));
    const checkoutRef = asObject(step.with).ref;
    if (/^actions\/checkout@/i.test(step.uses) && typeof checkoutRef === 'string') {
      checkouts.push(ref(doc, [...at, 'steps', index, 'with', 'ref'], checkoutRef, `${pointer}.with.ref`));
    }
  });
  return { id, ...position(doc, at, 'key'), ...(permissions ? { permissions } : {}), uses, checkouts };
}

/** A composite action's step references, or a Docker action's `docker://` image; undefined for other actions. */
function actionUses(doc: SourceDoc, runs: Record<string, unknown>): ActionRef[] | undefined {
  const using = typeof runs.using === 'string' ? runs.using.toLowerCase() : '';
  if (using === 'composite') {
    return stepsOf(runs.steps).flatMap(({ step, index }) =>
      typeof step.uses === 'string' ? [ref(doc, ['runs', 'steps', index, 'uses'], step.uses, `runs.steps[${index}].uses`)] : []);
  }
  if (using === 'docker' && typeof runs.image === 'string' && runs.image.startsWith('docker://')) {
    return [ref(doc, ['runs', 'image'], runs.image, 'runs.image')];
  }
  return undefined;
}

function stepsOf(steps: unknown): Array<{ step: Record<string, unknown>; index: number }> {
  if (!Array.isArray(steps)) return [];
  return steps.flatMap((step: unknown, index) => (isObject(step) ? [{ step, index }] : []));
}

/** `read-all` / `write-all` as written, a scope map as scope -> access, an empty value as `{}` (nothing granted). */
function permissionsAt(doc: SourceDoc, at: DocPath, value: unknown): Permissions | undefined {
  if (value === undefined) return undefined;
  const normalised = value === null ? {} : isObject(value)
    ? Object.fromEntries(Object.entries(value).map(([scope, access]) => [scope, String(access)]))
    : String(value);
  return { value: normalised, ...position(doc, at) };
}

function ref(doc: SourceDoc, at: DocPath, value: string, pointer: string): ActionRef {
  return { value, pointer, ...position(doc, at) };
}

function position(doc: SourceDoc, at: DocPath, part: 'key' | 'value' = 'value'): { line: number; column: number } {
  const { line, column } = doc.positionOf(at, part) ?? { line: 1, column: 1 };
  return { line, column };
}
