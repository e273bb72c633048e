/**
 * The JSON Schemas in schemas/, compiled once per process with ajv, and a validator that turns
 * ajv errors into problems at the exact file:line:column of the offending YAML node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { findSecrets } from '../evidence/secrets.js';
import { PACKAGE_ROOT } from './package-root.js';
import type { Problem } from './problem.js';
import type { YamlFile } from './yaml-file.js';

export type SchemaName = 'controls' | 'mapping' | 'config' | 'exceptions' | 'attestations' | 'responses' | 'assessment' | 'baseline' | 'assessment-1' | 'baseline-1' | 'advisories';

/** Schemas that refer to parts of another by its $id, which must be compiled first. */
const REFERS_TO: Partial<Record<SchemaName, SchemaName>> = { baseline: 'assessment', 'baseline-1': 'assessment-1' };

/** schemas/<name>.schema.json; the 1.x assessment and baseline (still read, then mapped) under schemas/v1/. */
const schemaFile = (name: SchemaName) => (name.endsWith('-1') ? path.join('v1', `${name.slice(0, -2)}.schema.json`) : `${name}.schema.json`);

// ajv-formats ships CommonJS with a default export that NodeNext sees as a namespace.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

let ajv: Ajv | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

function validatorFor(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    ajv ??= addFormats(new Ajv({ allErrors: true, strict: true }));
    const referred = REFERS_TO[name];
    if (referred) validatorFor(referred);
    const schema = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'schemas', schemaFile(name)), 'utf8'));
    validate = ajv.compile(schema);
    compiled.set(name, validate);
  }
  return validate;
}

/** Validates a parsed YAML file against a schema; every error is located in the file. */
export function validateYaml(yaml: YamlFile, name: SchemaName): Problem[] {
  const validate = validatorFor(name);
  if (validate(yaml.value)) return [];
  // An `if` error only says its `then`/`else` failed; the errors of that branch say where and why.
  return dedupe((validate.errors ?? []).filter((e) => e.keyword !== 'if')).map((error) => {
    const segments = pointerSegments(error.instancePath);
    const extra = error.keyword === 'additionalProperties'
      ? String((error.params as { additionalProperty: string }).additionalProperty) : undefined;
    const position = extra !== undefined
      ? yaml.positionOf([...segments, extra], 'key')
      : yaml.positionOf(segments);
    return {
      file: yaml.file, ...position, severity: 'error' as const, code: 'schema', message: describe(error, segments, extra),
    };
  });
}

function pointerSegments(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer.split('/').slice(1).map((s) => {
    const unescaped = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(unescaped) ? Number(unescaped) : unescaped;
  });
}

/** `controls[3].severity`, the way a person would point at it. */
export function readablePath(segments: ReadonlyArray<string | number>): string {
  return segments.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${nameToShow(s)}` : nameToShow(s)), '') || '(document)';
}

/**
 * A key of the user's document as an error message may show it. The key can be anything the file
 * holds: a credential pasted as a key, or a line of a file that was never YAML (`exceptions: /etc/shadow`
 * reads each line as a key). Plain names are shown, so a typo can be found; others only described.
 */
function nameToShow(name: string): string {
  const secret = findSecrets(name)[0];
  if (secret) return `<a ${secret.kind} as a name, not shown>`;
  return /^[\p{L}\p{N}_ .@/+-]{1,64}$/u.test(name) ? name : `<a name of ${[...name].length} characters, not shown>`;
}

function describe(error: ErrorObject, segments: Array<string | number>, extra: string | undefined): string {
  const where = readablePath(segments);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': return `${where} is missing required property "${String(params.missingProperty)}"`;
    case 'additionalProperties': return `${where} has unknown property "${nameToShow(extra ?? '')}"`;
    case 'enum': return `${where} must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'type': return `${where} must be ${String(params.type)}`;
    case 'pattern': return `${where} does not have the expected form (${String(params.pattern)})`;
    default: return `${where} ${error.message ?? 'is invalid'}`;
  }
}

/** ajv can report the same problem at the same place twice; keep one. */
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether one item is valid against a definition of a schema (e.g. one control of a file). */
export function isValidDefinition(name: SchemaName, definition: string, value: unknown): boolean {
  validatorFor(name);
  const validate = ajv!.getSchema(`urn:mcp-comply:schema:${name}#/definitions/${definition}`);
  if (!validate) throw new Error(`schema ${name} has no definition ${definition}`);
  return validate(value) as boolean;
}

/** One schema problem of a JSON document: where (a JSON pointer and its segments) and what, never the value. */
export interface DocumentProblem {
  pointer: string;
  segments: Array<string | number>;
  message: string;
  /** The ajv keyword and, for `required`, the missing property: for callers that forgive some. */
  keyword: string;
  missingProperty?: string;
}

/** Validates a parsed JSON document; every problem is located by JSON pointer, [] when valid. */
export function validateDocument(name: SchemaName, value: unknown): DocumentProblem[] {
  const validate = validatorFor(name);
  if (validate(value)) return [];
  return dedupe(validate.errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>;
    const missingProperty = error.keyword === 'required' ? String(params.missingProperty) : undefined;
    return {
      pointer: error.instancePath || '/', segments: pointerSegments(error.instancePath), keyword: error.keyword,
      message: missingProperty !== undefined ? `is missing required property "${missingProperty}"`
        : error.keyword === 'enum' ? `must be one of: ${(params.allowedValues as unknown[]).join(', ')}`
          : error.message ?? 'is invalid',
      ...(missingProperty !== undefined ? { missingProperty } : {}),
    };
  });
}

/** Validates a plain value (e.g. an assessment we wrote); returns readable errors, [] when valid. */
export function validateValue(name: SchemaName, value: unknown): string[] {
  const validate = validatorFor(name);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${readablePath(pointerSegments(e.instancePath))} ${e.message ?? 'is invalid'}`);
}
