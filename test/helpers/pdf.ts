/**
 * Reads a PDF back with pdf.js, an npm package, so that the PDF tests need no system tool: the page
 * count and size, the document information, the tagged flag, the bookmarks, the fonts and each page's
 * text. Where poppler's pdfinfo names something (the paper, an ISO date), it is named here the same
 * way, so that the assertions read as they did with pdfinfo.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfFacts {
  pages: number;
  /** The first page's crop box, in points. */
  width: number;
  height: number;
  /** As pdfinfo names the first page's size: 'letter', 'A0' to 'A6', or undefined for any other. */
  paperName: string | undefined;
  /** Whether the catalog's MarkInfo says the document is tagged (pdfinfo's "Tagged: yes"). */
  tagged: boolean;
  title: string | undefined;
  /** As `pdfinfo -isodates` prints it: 2026-11-23T00:00:00Z. */
  creationDate: string | undefined;
  /** Every bookmark's title, depth first. */
  outline: string[];
  /**
   * The name of every font the pages draw with, as pdffonts lists them (ABCDEF+JetBrainsMono-Regular);
   * only when asked for, as it doubles the time a long report takes to read.
   */
  fonts: string[];
  /** Each page's text in the order it was drawn (as `pdftotext -raw`), a line per line of the page. */
  texts: string[];
}

export async function readPdf(bytes: Uint8Array, options: { fonts?: boolean } = {}): Promise<PdfFacts> {
  // pdf.js takes the buffer over; the caller keeps its own.
  const document = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  try {
    const { info } = await document.getMetadata() as { info: Record<string, unknown> };
    const outline: string[] = [];
    const walk = (items: Array<{ title: string; items: unknown[] }> | null) => {
      for (const item of items ?? []) {
        outline.push(item.title);
        walk(item.items as typeof items);
      }
    };
    walk(await document.getOutline());

    const texts: string[] = [];
    const fonts = new Set<string>();
    let size = { width: 0, height: 0 };
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      if (number === 1) {
        const [x1, y1, x2, y2] = page.view as [number, number, number, number];
        size = { width: x2 - x1, height: y2 - y1 };
      }
      const { items } = await page.getTextContent();
      const text = items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      texts.push(text.endsWith('\n') ? text : `${text}\n`);
      if (options.fonts) {
        const operators = await page.getOperatorList();
        operators.fnArray.forEach((fn, i) => {
          if (fn === OPS.setFont) fonts.add((page.commonObjs.get(operators.argsArray[i][0]) as { name: string }).name);
        });
      }
      page.cleanup();
    }
    const markInfo = await document.getMarkInfo();
    return {
      pages: document.numPages,
      ...size,
      paperName: paperName(size.width, size.height),
      tagged: markInfo?.Marked === true,
      title: typeof info.Title === 'string' ? info.Title : undefined,
      creationDate: typeof info.CreationDate === 'string' ? isoDate(info.CreationDate) : undefined,
      outline,
      fonts: [...fonts],
      texts,
    };
  } finally {
    await document.destroy();
  }
}

/** pdfinfo's names for a page size: US letter within 1 pt, or ISO 216 A0 to A6 within 0.3%. */
export function paperName(width: number, height: number): string | undefined {
  const near = (a: number, b: number, tolerance: number) =>
    (Math.abs(width - a) < tolerance && Math.abs(height - b) < tolerance) || (Math.abs(width - b) < tolerance && Math.abs(height - a) < tolerance);
  if (near(612, 792, 1)) return 'letter';
  let long = (Math.sqrt(Math.SQRT2) * 7200) / 2.54;
  let short = long / Math.SQRT2;
  let tolerance = long * 0.003;
  for (let a = 0; a <= 6; a++) {
    if (near(short, long, tolerance)) return `A${a}`;
    [long, short, tolerance] = [short, short / Math.SQRT2, tolerance / Math.SQRT2];
  }
  return undefined;
}

/**
 * A PDF date (D:YYYYMMDDHHmmSSOHH'mm') in ISO 8601 as pdfinfo -isodates writes it: Z for a zero
 * offset, else the sign, the hours and the minutes when there are any. Anything else is returned as is.
 */
export function isoDate(pdfDate: string): string {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([+\-Z])?(?:(\d{2})'?)?(?:(\d{2})'?)?$/.exec(pdfDate);
  if (!m) return pdfDate;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', sign, tzHour = '00', tzMinute = '00'] = m;
  const offset = Number(tzHour) === 0 && Number(tzMinute) === 0 ? 'Z' : `${sign}${tzHour}${Number(tzMinute) ? `:${tzMinute}` : ''}`;
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`;
}
