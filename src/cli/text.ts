/**
 * Plain-text layout for terminal output (aligned columns, wrapped paragraphs) and the only writers of
 * stdout and stderr. Human text goes through printableText() and JSON through jsonForLog(), so nothing
 * untrusted can act on a terminal or as a workflow command in a GitHub Actions log (src/lib/printable.ts).
 * Printers still pass each untrusted value through printable(), which also escapes its line breaks.
 */
import { jsonForLog, printable, printableText } from '../lib/printable.js';

/** Columns of cells; a cell is one line, so each is made printable before it is measured. */
export function table(rows: string[][], gap = 2): string {
  const cells = rows.map((row) => row.map(printable));
  const widths: number[] = [];
  for (const row of cells) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  return cells
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]! + gap))).join('').trimEnd())
    .join('\n');
}

/** A paragraph wrapped at `width`; its line breaks are white space like any other, its words printable. */
export function wrap(text: string, indent = 2, width = 100): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/).map(printable)) {
    if (line && pad.length + line.length + 1 + word.length > width) { lines.push(pad + line); line = word; }
    else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(pad + line);
  return lines.join('\n');
}

/** Text for people on stdout. */
export function writeOut(text: string): void {
  process.stdout.write(printableText(text));
}

/** Text for people on stderr: errors, warnings, progress of a step. */
export function writeErr(text: string): void {
  process.stderr.write(printableText(text));
}

/** A JSON document on stdout: the same value for any parser, inert in a terminal and a CI log. */
export function writeJson(value: unknown): void {
  writeJsonText(`${JSON.stringify(value, null, 2)}\n`);
}

/** JSON already serialised (a drift, a SARIF or OSCAL report for `--output -`) on stdout, as writeJson. */
export function writeJsonText(json: string): void {
  process.stdout.write(jsonForLog(json));
}
