/**
 * The pieces the DOCX is made of: headings in Word's own Heading 1-3 styles (so the navigation pane and
 * the table of contents find them), paragraphs of plain or marked-up text, and tables whose header row
 * repeats on every page and whose short rows never split across a page.
 *
 * Every string that reaches a run goes through xmlSafe(): the docx library escapes `<`, `&` and quotes,
 * but writes characters XML 1.0 cannot carry (NUL, other C0 controls, lone surrogates) as they are, and
 * Word refuses a file with one of them.
 */
import {
  AlignmentType, BorderStyle, HeadingLevel, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType, convertToXmlComponent, type XmlComponent,
} from 'docx';
import type { Badge, Tone } from '../html/view-model.js';

export type Block = Paragraph | Table;

/** Text without the characters XML 1.0 forbids (they are dropped: U+FFFD would say nothing more in a report). */
export function xmlSafe(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

export const FONT = 'Calibri';
export const MONO = 'Consolas';
/** Half-points: body text 10 pt, tables 9 pt. */
export const BODY_SIZE = 20;
const TABLE_SIZE = 18;

/** Text colours of the tones, dark enough for 4.5:1 on white; the words always say the same. */
const TONE_COLOUR: Record<Tone, string> = {
  ok: '00704F', warn: '8A5A00', bad: 'B2182B', gap: '5F6368', na: '5F6368', info: '0B5394',
  crit: 'B2182B', high: 'B34100', med: '8A5A00', low: '00704F',
};
const MUTED = '5F6368';
const HEADER_FILL = 'E8EAED';
const RULE = 'BFBFBF';

/** A piece of text with its look. */
export interface Span { text: string; bold?: boolean; italic?: boolean; mono?: boolean; muted?: boolean; tone?: Tone }
/** One paragraph: plain text, a span, or spans in a row. */
export type Line = string | Span | ReadonlyArray<string | Span>;

export const bold = (text: string): Span => ({ text, bold: true });
export const mono = (text: string): Span => ({ text, mono: true });
export const muted = (text: string): Span => ({ text, muted: true });
/** A status, outcome or severity in its words, bold in its tone's colour. */
export const badgeSpan = (b: Badge): Span => ({ text: b.label, bold: true, tone: b.tone });

const spansOf = (line: Line): Span[] => (typeof line === 'string' ? [{ text: line }] : Array.isArray(line) ? line.map((s) => (typeof s === 'string' ? { text: s } : s)) : [line as Span]);

const lineText = (line: Line): string => spansOf(line).map((s) => s.text).join('');

function runs(line: Line, size?: number): TextRun[] {
  return spansOf(line).filter((s) => s.text !== '').map((s) => new TextRun({
    text: xmlSafe(s.text),
    ...(s.bold ? { bold: true } : {}),
    ...(s.italic ? { italics: true } : {}),
    ...(s.mono ? { font: MONO } : {}),
    ...(s.tone ? { color: TONE_COLOUR[s.tone] } : s.muted ? { color: MUTED } : {}),
    ...(size ? { size } : {}),
  }));
}

export function para(line: Line, options: { keepNext?: boolean; size?: number; spacingAfter?: number; style?: string; bullet?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: runs(line, options.size),
    ...(options.bullet ? { bullet: { level: 0 } } : {}),
    ...(options.style ? { style: options.style } : {}),
    ...(options.keepNext ? { keepNext: true } : {}),
    ...(options.spacingAfter !== undefined ? { spacing: { after: options.spacingAfter } } : {}),
  });
}

const LEVEL = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** A heading in Word's Heading 1, 2 or 3 style (kept with the paragraph that follows it). */
export function heading(level: 1 | 2 | 3, line: Line): Paragraph {
  return new Paragraph({ heading: LEVEL[level], children: runs(line) });
}

/** A field character (`begin`, `separate`, `end`) or a field instruction, as raw WordprocessingML. */
const fieldChar = (type: 'begin' | 'separate' | 'end') => convertToXmlComponent({
  type: 'element', name: 'w:fldChar', attributes: { 'w:fldCharType': type, ...(type === 'begin' ? { 'w:dirty': 'true' } : {}) },
}) as XmlComponent;
const instruction = (text: string) => convertToXmlComponent({
  type: 'element', name: 'w:instrText', attributes: { 'xml:space': 'preserve' }, elements: [{ type: 'text', text }],
}) as XmlComponent;

/**
 * A table of contents field over the Heading 1 and 2 entries, marked dirty so Word fills it in (with
 * page numbers) on opening; until then, and in editors that do not update fields, it lists the section
 * titles. Each field character sits in a run of its own, as Word writes them (LibreOffice reads a
 * field only so); the docx library's own TableOfContents puts them in one run.
 */
export function contents(titles: readonly string[]): Paragraph[] {
  const entries = titles.length ? titles : [''];
  return entries.map((title, i) => new Paragraph({
    style: 'TOC1',
    children: [
      ...(i === 0 ? [
        new TextRun({ children: [fieldChar('begin')] }),
        new TextRun({ children: [instruction(' TOC \\o "1-2" \\h \\z \\u ')] }),
        new TextRun({ children: [fieldChar('separate')] }),
      ] : []),
      new TextRun({ text: xmlSafe(title) }),
      ...(i === entries.length - 1 ? [new TextRun({ children: [fieldChar('end')] })] : []),
    ],
  }));
}

/** A table cell: one paragraph, or several. */
export type Cell = Line | { lines: readonly Line[] };
const cellLines = (cell: Cell): readonly Line[] => (typeof cell === 'object' && !Array.isArray(cell) && 'lines' in cell ? cell.lines : [cell as Line]);

export interface Column {
  title: string;
  /** Relative width: the table fills the text width, shared among the columns by weight. */
  weight: number;
  /** Right-aligned (counts and scores). */
  numeric?: boolean;
}

/**
 * Rows estimated at this many lines or fewer never split across a page: at 9 pt an A4 page holds about
 * 60 table lines, so this is under a third of a page. A longer row may split, rather than leave most
 * of a page empty.
 */
const KEEP_WHOLE_LINES = 20;
/** Average character width at 9 pt, in twentieths of a point, to estimate how many lines a cell wraps to. */
const CHAR_TWIPS = 95;

const border = { style: BorderStyle.SINGLE, size: 4, color: RULE };
const BORDERS = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };

const cellMargins = { top: 40, bottom: 40, left: 80, right: 80 };
const headerShading = { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' } as const;

/**
 * A table filling `width` (twips), with fixed column widths so Word and LibreOffice lay it out alike.
 * With `header` (the default) the first row holds the column titles and repeats on every page the
 * table spans; with `labels` the first column is shaded and bold (label and value tables). A body row
 * is kept whole (`cantSplit`) when it is short enough; a longer one may split rather than leave a page
 * mostly empty.
 */
export function table(columns: readonly Column[], rows: readonly (readonly Cell[])[], width: number, options: { header?: boolean; labels?: boolean } = {}): Table {
  const { header = true, labels = false } = options;
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  const widths = columns.map((c) => Math.floor((width * c.weight) / total));
  const cell = (content: Cell, i: number, shaded: boolean, strong: boolean) => new TableCell({
    width: { size: widths[i]!, type: WidthType.DXA },
    ...(shaded ? { shading: headerShading } : {}),
    margins: cellMargins,
    children: cellLines(content).map((line) => new Paragraph({
      children: runs(strong ? bold(lineText(line)) : line, TABLE_SIZE),
      spacing: { after: 0 },
      ...(columns[i]!.numeric ? { alignment: AlignmentType.RIGHT } : {}),
    })),
  });
  const estimatedLines = (row: readonly Cell[]) => Math.max(1, ...row.map((c, i) => {
    const perLine = Math.max(1, Math.floor((widths[i]! - 160) / CHAR_TWIPS));
    return cellLines(c).reduce((sum, line) => sum + Math.max(1, Math.ceil(lineText(line).length / perLine)), 0);
  }));
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    rows: [
      ...(header ? [new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.title, i, true, true)) })] : []),
      ...rows.map((row) => new TableRow({
        ...(estimatedLines(row) <= KEEP_WHOLE_LINES ? { cantSplit: true } : {}),
        children: row.map((c, i) => cell(c, i, labels && i === 0, labels && i === 0)),
      })),
    ],
  });
}

/** Label and value pairs as a two-column table without a header row (the cover, document control, a control's card). */
export function keyValues(pairs: ReadonlyArray<readonly [string, Cell]>, width: number): Table {
  return table([{ title: '', weight: 3 }, { title: '', weight: 7 }], pairs.map(([label, value]) => [label, value]), width, { header: false, labels: true });
}

/** "None." in the muted colour, where a section has nothing to list. */
export const none = (text: string): Paragraph => para({ text, italic: true, muted: true });
