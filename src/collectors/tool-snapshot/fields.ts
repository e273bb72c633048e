/**
 * Every string of a tool definition that reaches the model, each with the field key that the
 * collector records its position under (`SnapshotTool.positions`) and that checks quote.
 *
 * Field keys are JSON pointer segments relative to the tool, joined by `/` and escaped as in
 * RFC 6901 (`~0` for `~`, `~1` for `/`): `name`, `description`,
 * `inputSchema/properties/path/description`, `inputSchema/properties/mode/enum/0`. A property name
 * is keyed by the path of its member (`inputSchema/properties/sidenote`) and positioned at its key.
 *
 * Pure: shared by the collector (positions) and the checks (what to scan), so both agree.
 */
import type { SnapshotEntity, ToolDefinition } from './model.js';

/**
 * - `name`: the tool's name;
 * - `text`: prose the model reads (title, description, schema `description`/`title`/`$comment`, annotation title);
 * - `value`: other strings in a schema (enum members, defaults, examples, const, patterns);
 * - `propertyName`: the name of a parameter (a key of `properties`).
 */
export type ToolStringKind = 'name' | 'text' | 'value' | 'propertyName';

export interface ToolString {
  /** Field key, as in `SnapshotTool.positions`. */
  field: string;
  /** Path inside the tool object (keys and array indexes). */
  path: Array<string | number>;
  text: string;
  kind: ToolStringKind;
}

/** Schema keywords whose string values are JSON Schema vocabulary, not text meant for the model. */
const VOCABULARY_KEYS = new Set(['type', 'format', '$schema', '$ref', '$id', '$anchor', '$dynamicRef', '$dynamicAnchor', 'required']);
/** Schema keywords whose string values are prose. */
const TEXT_KEYS = new Set(['description', 'title', '$comment']);
/** Schema keywords whose values are instance data (any keys inside are data, not keywords). */
const DATA_KEYS = new Set(['default', 'const', 'enum', 'examples', 'example']);
/** Schema keywords whose values map names to subschemas. */
const SCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** Nesting limit: deeper parts of a hostile schema are not walked (the hash still covers them). */
export const MAX_SCHEMA_DEPTH = 64;

export function fieldKey(path: ReadonlyArray<string | number>): string {
  return path.map((segment) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

export function toolStrings(tool: ToolDefinition): ToolString[] {
  const out: ToolString[] = [];
  const push = (path: Array<string | number>, text: string, kind: ToolStringKind) => out.push({ field: fieldKey(path), path, text, kind });
  push(['name'], tool.name, 'name');
  if (typeof tool.title === 'string') push(['title'], tool.title, 'text');
  if (typeof tool.description === 'string') push(['description'], tool.description, 'text');
  for (const key of ['inputSchema', 'outputSchema'] as const) {
    if (tool[key] !== undefined) walkSchema(tool[key], [key], 0, push);
  }
  if (isRecord(tool.annotations)) {
    for (const [key, value] of Object.entries(tool.annotations)) {
      if (typeof value === 'string') push(['annotations', key], value, key === 'title' ? 'text' : 'value');
      else walkData(value, ['annotations', key], 1, push);
    }
  }
  return out;
}

/** The strings of a prompt, resource or resource template, keyed as for tools (`arguments/0/description`). */
export function entityStrings(entity: Omit<SnapshotEntity, 'pointer' | 'at' | 'positions'>): ToolString[] {
  const out: ToolString[] = [];
  const push = (path: Array<string | number>, text: string | undefined, kind: ToolStringKind) => {
    if (typeof text === 'string') out.push({ field: fieldKey(path), path, text, kind });
  };
  push(['name'], entity.name, 'name');
  push(['title'], entity.title, 'text');
  push(['description'], entity.description, 'text');
  push([entity.kind === 'resource-template' ? 'uriTemplate' : 'uri'], entity.uri, 'value');
  push(['mimeType'], entity.mimeType, 'value');
  entity.arguments?.forEach((argument, index) => {
    push(['arguments', index, 'name'], argument.name, 'propertyName');
    push(['arguments', index, 'title'], argument.title, 'text');
    push(['arguments', index, 'description'], argument.description, 'text');
  });
  return out;
}

type Push = (path: Array<string | number>, text: string, kind: ToolStringKind) => void;

function walkSchema(schema: unknown, path: Array<string | number>, depth: number, push: Push): void {
  if (depth > MAX_SCHEMA_DEPTH) return;
  if (Array.isArray(schema)) {
    // allOf/anyOf/oneOf/prefixItems: lists of subschemas
    schema.forEach((item, index) => walkSchema(item, [...path, index], depth + 1, push));
    return;
  }
  if (!isRecord(schema)) return;
  for (const [key, value] of Object.entries(schema)) {
    const at = [...path, key];
    if (typeof value === 'string') {
      if (!VOCABULARY_KEYS.has(key)) push(at, value, TEXT_KEYS.has(key) ? 'text' : 'value');
    } else if (VOCABULARY_KEYS.has(key)) {
      continue; // `type: ["string", "null"]`, `required: [...]` (the names are scanned as property names)
    } else if (DATA_KEYS.has(key)) {
      walkData(value, at, depth + 1, push);
    } else if (SCHEMA_MAP_KEYS.has(key) && isRecord(value)) {
      for (const [name, subschema] of Object.entries(value)) {
        if (key === 'properties') push([...at, name], name, 'propertyName');
        walkSchema(subschema, [...at, name], depth + 2, push);
      }
    } else {
      walkSchema(value, at, depth + 1, push);
    }
  }
}

function walkData(value: unknown, path: Array<string | number>, depth: number, push: Push): void {
  if (depth > MAX_SCHEMA_DEPTH) return;
  if (typeof value === 'string') push(path, value, 'value');
  else if (Array.isArray(value)) value.forEach((item, index) => walkData(item, [...path, index], depth + 1, push));
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) walkData(item, [...path, key], depth + 1, push);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
