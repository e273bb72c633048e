/**
 * One parsed configuration file, whatever its syntax (JSON, JSONC, YAML, TOML), that can answer
 * "where is this value?" for any path of object keys and array indexes. Parsers are written once
 * against this interface. Parse errors come back with line and column, never as exceptions.
 */
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { LineCounter, isMap, isNode, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import { parseJsonc } from '../../lib/jsonc-file.js';
import { tomlNestingTooDeepAt, tooDeepReason, valueTooDeepPath } from '../../lib/nesting-depth.js';
import type { SourcePosition } from '../../lib/source-position.js';
import { loneCarriageReturnsAsNewlines, positionFinder } from '../../lib/text-position.js';
import { yamlTextTooDeepAt } from '../../lib/yaml-file.js';
import { locateToml } from './toml-locator.js';

export type DocPath = ReadonlyArray<string | number>;
export type DocFormat = 'json' | 'jsonc' | 'toml' | 'yaml';

export interface SourceDoc {
  format: DocFormat;
  value: unknown;
  /** Position of the value at `path`; of its key (or table header) when `part` is 'key'. Undefined when absent. */
  positionOf(path: DocPath, part?: 'key' | 'value'): SourcePosition | undefined;
}

export interface ParseFailure {
  message: string;
  line: number;
  column: number;
  /** Set when the document nests deeper than MAX_NESTING_DEPTH (line and column: where it passed it). */
  code?: 'too-deep';
}

export type DocResult = { ok: true; doc: SourceDoc } | { ok: false; error: ParseFailure };

const MAX_ALIAS_COUNT = 50;

/**
 * JSON, tolerating comments and trailing commas (`format` says which one the file really is).
 * Values and errors come from src/lib/jsonc-file.ts; positions from an index built once, because a
 * lookup by path there walks siblings and a file with thousands of servers would cost O(n²).
 */
export function parseJsonDoc(text: string): DocResult {
  const result = parseJsonc(text);
  if (!result.ok) return { ok: false, error: result.error };
  let strict = true;
  try { JSON.parse(text); } catch { strict = false; }
  let index: Map<string, Spot> | undefined;
  const toPosition = positionFinder(text);
  const positionOf = (path: DocPath, part: 'key' | 'value' = 'value'): SourcePosition | undefined => {
    index ??= indexJson(text);
    const spot = index.get(pathId(path));
    return spot ? toPosition(part === 'key' ? spot.key : spot.value) : undefined;
  };
  return { ok: true, doc: { format: strict ? 'json' : 'jsonc', value: result.document.value, positionOf } };
}

/** Offsets of a value and of its key (the value itself for array items and the root). */
interface Spot { key: number; value: number }

const pathId = (path: DocPath) => path.map(String).join('\u0000');

function indexJson(text: string): Map<string, Spot> {
  const index = new Map<string, Spot>();
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  const walk = (node: JsonNode, path: string[], key: number) => {
    const id = path.join('\u0000');
    // Duplicate keys: the last one wins, as in the parsed value.
    index.set(id, { key, value: node.offset });
    if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [name, value] = property.children ?? [];
        if (name && value) walk(value, [...path, String(name.value)], name.offset);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((item, i) => walk(item, [...path, String(i)], item.offset));
    }
  };
  if (tree) walk(tree, [], tree.offset);
  return index;
}

/**
 * YAML with the safety of src/lib/yaml-file.ts: YAML 1.2 core schema, duplicate keys refused, alias
 * expansion capped, one document per file.
 */
export function parseYamlDoc(text: string): DocResult {
  const counter = new LineCounter();
  // The yaml package breaks lines at \n only; YAML breaks them at a lone \r too (same offsets after).
  const source = loneCarriageReturnsAsNewlines(text);
  const tooDeepAt = yamlTextTooDeepAt(source);
  if (tooDeepAt >= 0) return { ok: false, error: { message: tooDeepReason(), code: 'too-deep', ...positionFinder(text)(tooDeepAt) } };
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: true, uniqueKeys: true, strict: true });
  const first = doc.errors[0];
  if (first) {
    return {
      ok: false,
      error: {
        message: first.code === 'MULTIPLE_DOCS' ? 'more than one YAML document in the file' : firstLine(first.message),
        line: first.linePos?.[0]?.line ?? 1, column: first.linePos?.[0]?.col ?? 1,
      },
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { ok: false, error: { message: `cannot be read as data: ${firstLine((error as Error).message)}`, line: 1, column: 1 } };
  }
  // One pass over the node tree; looking each path up from the root would be O(n²) for long lists.
  let index: Map<string, Spot> | undefined;
  const build = (): Map<string, Spot> => {
    const spots = new Map<string, Spot>();
    const walk = (node: unknown, path: string[], key: number | undefined) => {
      if (!isNode(node) || !node.range) return;
      spots.set(path.join('\u0000'), { key: key ?? node.range[0], value: node.range[0] });
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair) || !isScalar(pair.key)) continue;
          walk(pair.value, [...path, String(pair.key.value)], pair.key.range?.[0]);
        }
      } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, String(i)], undefined));
    };
    walk(doc.contents, [], undefined);
    return spots;
  };
  const positionOf = (path: DocPath, part: 'key' | 'value' = 'value'): SourcePosition | undefined => {
    index ??= build();
    const spot = index.get(pathId(path));
    if (!spot) return undefined;
    const { line, col } = counter.linePos(part === 'key' ? spot.key : spot.value);
    return { line, column: col };
  };
  return { ok: true, doc: { format: 'yaml', value, positionOf } };
}

/** TOML through smol-toml; positions from a light scan of the text (smol-toml keeps none). */
export function parseTomlDoc(text: string): DocResult {
  // Tables, dotted keys and inline values, before smol-toml (whose own limit counts inline values only) and the walkers after it.
  const tooDeepAt = tomlNestingTooDeepAt(text);
  if (tooDeepAt >= 0) return { ok: false, error: { message: tooDeepReason(), code: 'too-deep', ...positionFinder(text)(tooDeepAt) } };
  let value: unknown;
  try {
    value = parseToml(text);
  } catch (error) {
    if (error instanceof TomlError) {
      return { ok: false, error: { message: firstLine(error.message).replace(/^Invalid TOML document: /, ''), line: error.line, column: error.column } };
    }
    return { ok: false, error: { message: firstLine((error as Error).message), line: 1, column: 1 } };
  }
  // What the scan does not count (dotted keys inside inline tables) is found in the value, without a place.
  if (valueTooDeepPath(value)) return { ok: false, error: { message: tooDeepReason(), code: 'too-deep', line: 1, column: 1 } };
  const located = locateToml(text);
  const toPosition = positionFinder(text);
  return {
    ok: true,
    doc: {
      format: 'toml',
      value,
      positionOf(path, part = 'value') {
        const spot = located.get(pathId(path));
        return spot ? toPosition(part === 'key' ? spot.key : spot.value) : undefined;
      },
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}
