/**
 * How deep a file that a user or a repository supplies may nest its data. Parsers, the code that
 * normalises configurations, secret redaction and canonical JSON all recurse over parsed values, and
 * `[[[[...` a hundred thousand deep overflows the stack (or, in the yaml package, exhausts memory
 * while composing). So depth is checked at the door, before any of them runs, without recursion, and
 * a document past the limit is refused with the place where the limit was passed. No honest
 * configuration, log event or tool list comes near the limit.
 */
import type { CST } from 'yaml';

/** Nested objects and arrays (the outermost counts as 1). */
export const MAX_NESTING_DEPTH = 1000;

export const tooDeepReason = (limit = MAX_NESTING_DEPTH) => `nested deeper than ${limit} levels`;

/**
 * The offset of the `[` or `{` that opens level limit + 1 in JSON or JSONC text (strings and
 * comments skipped), or -1. Cheap for text that cannot be that deep: a text with no more than
 * `limit` opening brackets is passed after a few indexOf calls, without looking at each character.
 */
export function jsonNestingTooDeepAt(text: string, limit = MAX_NESTING_DEPTH): number {
  if (text.length <= limit || !hasMoreThan(text, '[{', limit)) return -1;
  const n = text.length;
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) { // [ {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) { // ] }
      if (depth > 0) depth--;
    } else if (c === 0x22) {
      i = stringEnd(text, i);
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) { // JSONC // comment
      i = lineEnd(text, i);
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) { // JSONC /* comment */
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 1;
    }
  }
  return -1;
}

/**
 * The same for TOML, where tables nest without brackets: the root table is level 1, a header
 * `[a.b]` is level 3 (`[[a.b]]`, an array of tables, one more), a key `x.y = ` under it puts its value
 * at level 5, and the value's brackets count from there. Returns the offset of the header, key or
 * bracket that passes the limit. Dotted keys inside inline tables are not counted here (smol-toml's
 * value is checked again after parsing).
 */
export function tomlNestingTooDeepAt(text: string, limit = MAX_NESTING_DEPTH): number {
  if (text.length <= limit) return -1;
  const n = text.length;
  let table = 1;
  let lineStart = true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) { lineStart = true; continue; }
    if (c === 0x20 || c === 0x09 || c === 0x0d) continue;
    if (c === 0x23) { i = lineEnd(text, i) - 1; continue; } // # comment
    if (lineStart && c === 0x5b) { // a table header
      const arrayOfTables = text.charCodeAt(i + 1) === 0x5b;
      const { end, segments } = tomlKey(text, i + (arrayOfTables ? 2 : 1), 0x5d);
      table = 1 + segments + (arrayOfTables ? 1 : 0);
      if (table > limit) return i;
      i = lineEnd(text, end) - 1;
      lineStart = false;
      continue;
    }
    lineStart = false;
    // A key, then its value: brackets counted from the key's level until the value's line ends outside them.
    const { end, segments } = tomlKey(text, i, 0x3d);
    if (text.charCodeAt(end) !== 0x3d) { i = end - 1; continue; } // not a key line: left to the parser
    // `x.y = ` makes the tables x (and x.y when the value is one): its last segment is a value, not a table.
    if (table + segments - 1 > limit) return i;
    let depth = table + segments - 1;
    const valueBase = depth;
    for (i = end + 1; i < n; i++) {
      const d = text.charCodeAt(i);
      if (d === 0x5b || d === 0x7b) {
        if (++depth > limit) return i;
      } else if (d === 0x5d || d === 0x7d) {
        if (depth > valueBase) depth--;
      } else if (d === 0x22 || d === 0x27) {
        i = tomlStringEnd(text, i);
      } else if (d === 0x23) {
        i = lineEnd(text, i) - 1;
      } else if (d === 0x0a && depth === valueBase) {
        break;
      }
    }
    lineStart = true;
  }
  return -1;
}

/** Where a TOML key (up to `stop`: `=` or a header's `]`) ends, and its dotted segments (quoted dots are not separators). */
function tomlKey(text: string, from: number, stop: number): { end: number; segments: number } {
  let segments = 1;
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === stop || c === 0x0a) break;
    if (c === 0x2e) segments++;
    else if (c === 0x22 || c === 0x27) i = tomlStringEnd(text, i);
  }
  return { end: i, segments };
}

/** The offset of the quote that closes the string opening at `at` (`"` with escapes, `'` without; triple quotes too). */
function tomlStringEnd(text: string, at: number): number {
  const quote = text[at]!;
  const triple = quote.repeat(3);
  if (text.startsWith(triple, at)) {
    const end = text.indexOf(triple, at + 3);
    return end < 0 ? text.length : end + 2;
  }
  if (quote === '"') return stringEnd(text, at);
  const end = text.indexOf("'", at + 1);
  return end < 0 ? text.length : end;
}

/** The offset of the `"` that closes the JSON (or TOML basic) string opening at `at`. */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++; else if (c === 0x22) break;
  }
  return i;
}

function lineEnd(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}

/** Whether `text` holds more than `limit` of the characters `chars`, counted with indexOf. */
export function hasMoreThan(text: string, chars: string, limit: number): boolean {
  let count = 0;
  for (const char of chars) {
    for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) if (++count > limit) return true;
  }
  return false;
}

/**
 * The offset of the first collection (block or flow) that opens level limit + 1 in the yaml
 * package's concrete syntax tree, or -1. The CST is built without recursion, so this runs before
 * the document is composed; block nesting (`- - - - x`, deep indentation) counts like `[[[`.
 */
export function yamlNestingTooDeepAt(tokens: Iterable<CST.Token>, limit = MAX_NESTING_DEPTH): number {
  const stack: Array<{ token: CST.Token; depth: number }> = [];
  for (const token of tokens) if (token.type === 'document' && token.value) stack.push({ token: token.value, depth: 0 });
  stack.reverse();
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth + 1 > limit) return token.offset;
    // Pushed last item first, so the document's first deep collection is found first.
    for (let k = token.items.length - 1; k >= 0; k--) {
      const item = token.items[k]!;
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
      if ('key' in item && item.key) stack.push({ token: item.key, depth: depth + 1 });
    }
  }
  return -1;
}

/**
 * The path to a value nested past the limit in already parsed data, or undefined; without
 * recursion. For what text cannot show by brackets alone (TOML's dotted keys and table headers).
 */
export function valueTooDeepPath(value: unknown, limit = MAX_NESTING_DEPTH): Array<string | number> | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (path.length + 1 > limit) return path;
    if (Array.isArray(v)) v.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    else for (const [k, item] of Object.entries(v)) stack.push({ value: item, path: [...path, k] });
  }
  return undefined;
}
