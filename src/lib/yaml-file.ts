/**
 * Reads YAML that users edit (catalogs, mcp-comply.yaml, exceptions, attestations) safely and with
 * positions, so every problem can be reported as file:line:column.
 * Safety: YAML 1.2 core schema (no code-executing tags, no "Norway problem"), duplicate keys
 * refused, alias expansion capped against billion-laughs documents, size capped.
 */
import { LineCounter, Parser, parseDocument, isAlias, isMap, isNode, isPair, isScalar, visit, type Document, type YAMLError } from 'yaml';
import { READ_CAPS, readRegularFile } from './bounded-read.js';
import { hasMoreThan, MAX_NESTING_DEPTH, tooDeepReason, yamlNestingTooDeepAt } from './nesting-depth.js';
import type { Problem } from './problem.js';
import { firstInvalidUtf8, loneCarriageReturnsAsNewlines, positionFinder } from './text-position.js';

/** A parsed YAML file that can still answer "where is this value?". */
export interface YamlFile {
  file: string;
  /** The plain JS value, or undefined when the file could not be read or parsed. */
  value: unknown;
  problems: Problem[];
  /** 1-based position of the node at a JSON path (e.g. ['controls', 0, 'id']). */
  positionOf(path: ReadonlyArray<string | number>, part?: 'key' | 'value'): { line: number; column: number };
}

export const MAX_YAML_BYTES = READ_CAPS.yaml;
const MAX_ALIAS_COUNT = 50;

/**
 * Where YAML text nests deeper than MAX_NESTING_DEPTH (an offset), or -1. Composing a deep document
 * recurses (and runs out of memory on deep block indentation), so this runs first, on the syntax tree.
 * Every level opens with a character of its own (`[`, `{`, `-`, `?`, or the `:` after a key), so a
 * text with no more of them than the limit cannot be too deep and is passed without that second parse.
 */
export function yamlTextTooDeepAt(text: string): number {
  return hasMoreThan(text, '[{-?:', MAX_NESTING_DEPTH) ? yamlNestingTooDeepAt(new Parser().parse(text)) : -1;
}

export function readYamlFile(file: string): YamlFile {
  const result = (value: unknown, problems: Problem[], doc?: Document, counter?: LineCounter): YamlFile => ({
    file, value, problems,
    positionOf: (path, part = 'value') => (doc && counter ? nodePosition(doc, counter, path, part) : { line: 1, column: 1 }),
  });
  const fail = (code: string, message: string, line?: number, column?: number) =>
    result(undefined, [{ file, line, column, severity: 'error', code, message }]);

  const read = readRegularFile(file, { cap: MAX_YAML_BYTES });
  if (!read.ok) {
    const { refusal } = read;
    if (refusal.code === 'not-a-file') return fail('not-a-file', refusal.reason);
    if (refusal.code === 'too-large') return fail('file-too-large', refusal.reason);
    return fail('unreadable', `cannot be read: ${refusal.reason}`);
  }
  const bytes = read.bytes;

  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const { line, column } = firstInvalidUtf8(bytes);
    return fail('not-utf8', 'is not valid UTF-8', line, column);
  }

  const counter = new LineCounter();
  // The yaml package breaks lines at \n only; YAML breaks them at a lone \r too (same offsets after).
  const text = loneCarriageReturnsAsNewlines(source);
  const tooDeepAt = yamlTextTooDeepAt(text);
  if (tooDeepAt >= 0) {
    const { line, column } = positionFinder(text)(tooDeepAt);
    return fail('yaml-too-deep', tooDeepReason(), line, column);
  }
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true, strict: true });
  const toProblem = (severity: Problem['severity']) => (e: YAMLError): Problem => ({
    file,
    line: e.linePos?.[0]?.line,
    column: e.linePos?.[0]?.col,
    severity,
    code: `yaml-${e.code.toLowerCase().replace(/_/g, '-')}`,
    message: firstLine(e.message),
  });
  const problems = [...doc.errors.map(toProblem('error')), ...doc.warnings.map(toProblem('warning'))];
  if (doc.errors.length > 0) return result(undefined, problems, doc, counter);

  try {
    return result(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), problems, doc, counter);
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      const at = firstAliasPosition(doc, counter);
      problems.push({
        file, ...at, severity: 'error', code: 'yaml-alias-bomb',
        message: `aliases expand too far (more than ${MAX_ALIAS_COUNT} uses of one anchor); refusing a possible alias bomb`,
      });
      return result(undefined, problems, doc, counter);
    }
    throw error;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Walks to the deepest existing node on the path, so a missing property points at its parent. */
function nodePosition(
  doc: Document, counter: LineCounter, path: ReadonlyArray<string | number>, part: 'key' | 'value',
): { line: number; column: number } {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
    } else if (isNode(node) && 'items' in node && Array.isArray(node.items) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) break;
      keyNode = undefined;
      node = item;
    } else break;
  }
  const target = part === 'key' && keyNode ? keyNode : node;
  const offset = isNode(target) && target.range ? target.range[0] : 0;
  const { line, col } = counter.linePos(offset);
  return { line, column: col };
}

function firstAliasPosition(doc: Document, counter: LineCounter): { line: number; column: number } {
  let offset = 0;
  visit(doc, { Alias(_, node) { if (isAlias(node) && node.range) { offset = node.range[0]; return visit.BREAK; } } });
  const { line, col } = counter.linePos(offset);
  return { line, column: col };
}
