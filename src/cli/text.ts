/**
 * Plain-text layout for terminal output (aligned columns, wrapped paragraphs) and the only writers of
 * stdout and stderr. Human text goes through printableText() and JSON through jsonForLog(), so nothing
 * untrusted can act on a terminal or as a workflow command in a GitHub Actions log (src/lib/printable.ts).
 * Printers still pass each untrusted value through printable(), which also escapes its line breaks.
 */
import { reasonOf } from '../lib/atomic-write.js';
import { jsonForLog, printable, printableText } from '../lib/printable.js';
import { ExitCode } from './exit-codes.js';

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

/**
 * A reader that stops reading (`mcp-comply drift ... | head -1`) closes the pipe, and the next write
 * fails with EPIPE. That is the reader's choice, not an error of ours: from then on output to that
 * stream is dropped quietly and the command ends with the exit code it would have had anyway (findings
 * still exit 1, a clean report 0). Any other failure of stdout (a full disk behind `> file`) means the
 * output was lost: it is said on stderr and the command exits 2. Node ignores SIGPIPE, so without a
 * listener EPIPE would arrive as an uncaught 'error' event: a stack trace and exit 1, "findings".
 */
const closedStreams = new Set<NodeJS.WriteStream>();
const watchedStreams = new Set<NodeJS.WriteStream>();
let stdoutLost = false;

/** Whether stdout failed other than by its reader leaving: the command then exits 2 whatever it found. */
export function outputLost(): boolean {
  return stdoutLost;
}

function write(stream: NodeJS.WriteStream, text: string): void {
  if (!watchedStreams.has(stream)) {
    watchedStreams.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      const alreadyClosed = closedStreams.has(stream);
      closedStreams.add(stream);
      if (alreadyClosed || error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      // Set here as well for a failure reported after the command has returned its code.
      process.exitCode = ExitCode.Usage;
      if (stream === process.stdout) stdoutLost = true;
      if (stream !== process.stderr && !closedStreams.has(process.stderr)) {
        process.stderr.write(`mcp-comply: cannot write to stdout: ${reasonOf(error)}\n`);
      }
    });
  }
  if (!closedStreams.has(stream)) stream.write(text);
}

/** Text for people on stdout. */
export function writeOut(text: string): void {
  write(process.stdout, printableText(text));
}

/** Text for people on stderr: errors, warnings, progress of a step. */
export function writeErr(text: string): void {
  write(process.stderr, printableText(text));
}

/** A JSON document on stdout: the same value for any parser, inert in a terminal and a CI log. */
export function writeJson(value: unknown): void {
  writeJsonText(`${JSON.stringify(value, null, 2)}\n`);
}

/** JSON already serialised (a drift, a SARIF or OSCAL report for `--output -`) on stdout, as writeJson. */
export function writeJsonText(json: string): void {
  write(process.stdout, jsonForLog(json));
}
