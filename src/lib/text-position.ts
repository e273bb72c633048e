/**
 * Lines and columns of positions in a text, the one way every collector computes them. A line ends
 * at `\n`, `\r\n` or a lone `\r` (old Mac files), as the JSON and YAML specifications count line
 * breaks; counting `\n` alone would put every finding of a CR-only file on line 1.
 * Columns are 1-based UTF-16 code units, as editors and jsonc-parser count them.
 */
import type { SourcePosition } from './source-position.js';

/** A line break: CRLF first, so that it counts once. */
export const LINE_BREAK = /\r\n|\r|\n/;

/** Offsets where each line starts (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** A function from an offset in `text` to its 1-based line and column. */
export function positionFinder(text: string): (offset: number) => SourcePosition {
  const starts = lineStarts(text);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid; else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/** The lines of a text, without their line breaks (CRLF, CR or LF). */
export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

/**
 * A lone `\r` made `\n`, for parsers that count only `\n` (the yaml package does): the same length,
 * so every offset still points at the same character, and YAML reads a lone CR as a line break anyway.
 */
export function loneCarriageReturnsAsNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Line and column of the first byte that is not valid UTF-8 (1:1 when there is none). */
export function firstInvalidUtf8(bytes: Buffer): SourcePosition {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a)) { line++; lineStart = i + 1; continue; }
    if (byte < 0x80) continue;
    const width = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    try {
      decoder.decode(bytes.subarray(i, i + width));
      i += width - 1;
    } catch {
      return { line, column: new TextDecoder().decode(bytes.subarray(lineStart, i)).length + 1 };
    }
  }
  return { line: 1, column: 1 };
}
