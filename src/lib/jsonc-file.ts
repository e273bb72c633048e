/**
 * JSON and JSONC (comments, trailing commas: VS Code, Cursor, Zed files) parsed with the position of
 * every value, via jsonc-parser. Errors come back with line and column instead of being thrown.
 */
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { jsonNestingTooDeepAt, tooDeepReason } from './nesting-depth.js';
import type { SourcePosition } from './source-position.js';
import { positionFinder } from './text-position.js';

export interface JsoncDocument {
  value: unknown;
  /** Position of the value at a path (object keys and array indexes); of the key when `part` is 'key'. */
  positionOf(path: ReadonlyArray<string | number>, part?: 'key' | 'value'): SourcePosition | undefined;
}

export type JsoncResult =
  | { ok: true; document: JsoncDocument }
  | { ok: false; error: { message: string; line: number; column: number; code?: 'too-deep' } };

export function parseJsonc(text: string): JsoncResult {
  // jsonc-parser and every walker after it recurse: a document too deep for the stack is refused first.
  const tooDeepAt = jsonNestingTooDeepAt(text);
  if (tooDeepAt >= 0) return { ok: false, error: { message: tooDeepReason(), code: 'too-deep', ...positionFinder(text)(tooDeepAt) } };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  const toPosition = positionFinder(text);
  const first = errors[0];
  if (first || !tree) {
    const at = toPosition(first?.offset ?? 0);
    return { ok: false, error: { message: first ? describeError(printParseErrorCode(first.error)) : 'empty document', ...at } };
  }
  return {
    ok: true,
    document: {
      value: getNodeValue(tree),
      positionOf(path, part = 'value') {
        const node: Node | undefined = path.length === 0 ? tree : findNodeAtLocation(tree, [...path]);
        if (!node) return undefined;
        const target = part === 'key' && node.parent?.type === 'property' ? node.parent.children?.[0] ?? node : node;
        return toPosition(target.offset);
      },
    },
  };
}

function describeError(code: string): string {
  // jsonc-parser codes are like "CommaExpected"; say them as words.
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
