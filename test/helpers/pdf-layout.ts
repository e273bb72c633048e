/**
 * Where things are on the pages of a printed report, read back with pdf.js: each text run with its box,
 * the bookmarks, and each page rendered to pixels (pdf.js draws on @napi-rs/canvas in Node), so that a
 * layout test can see what a text check cannot: a page left half blank, a header cut at the margin.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A run of text on a page, in points from the page's top left corner. */
export interface TextBox { str: string; x: number; top: number; width: number; height: number }

export interface PageLayout {
  number: number;
  width: number;
  height: number;
  texts: TextBox[];
  /**
   * How far down the body area (between the top and bottom print margins) the lowest inked pixel
   * reaches, 0 to 1: 1 is a full page, 0.3 a page whose lower 70 % is blank.
   */
  fill: number;
}

/** A bookmark: its title and the page (1-based) it leads to. */
export interface Bookmark { title: string; page: number }

export interface PdfLayout { pages: PageLayout[]; outline: Bookmark[] }

/** The print margins of src/reporters/pdf/print-pdf.ts, in points: the running header and footer live there. */
export const MARGIN_PT = { top: (18 / 25.4) * 72, bottom: (16 / 25.4) * 72, left: (14 / 25.4) * 72, right: (14 / 25.4) * 72 };

/** Pixels per point of the rendering that measures fill: two points is finer than any gap between lines of text. */
const SCALE = 0.5;

export async function readLayout(bytes: Uint8Array): Promise<PdfLayout> {
  const document = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const outline: Bookmark[] = [];
    type Item = { title: string; dest: string | unknown[] | null; items: Item[] };
    const walk = async (items: Item[] | null) => {
      for (const item of items ?? []) {
        const dest = typeof item.dest === 'string' ? await document.getDestination(item.dest) : item.dest;
        const ref = dest?.[0] as { num: number; gen: number } | undefined;
        outline.push({ title: item.title, page: ref ? (await document.getPageIndex(ref)) + 1 : 0 });
        await walk(item.items);
      }
    };
    await walk(await document.getOutline() as Item[]);
    const pages: PageLayout[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale: SCALE });
      const { width, height } = page.getViewport({ scale: 1 });
      const { items } = await page.getTextContent();
      const texts: TextBox[] = [];
      for (const item of items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , , , x, y] = item.transform as number[];
        texts.push({ str: item.str, x: x!, top: height - y! - item.height, width: item.width, height: item.height });
      }
      const canvas = document.canvasFactory.create(viewport.width, viewport.height) as { canvas: { getContext(kind: '2d'): CanvasRenderingContext2D }; context: CanvasRenderingContext2D };
      await page.render({ canvas: null, canvasContext: canvas.context, viewport } as unknown as Parameters<typeof page.render>[0]).promise;
      pages.push({ number, width, height, texts, fill: inkedFill(canvas.context, viewport.width, viewport.height, height) });
      page.cleanup();
    }
    return { pages, outline };
  } finally {
    await document.destroy();
  }
}

/** The lowest row of the body area with a pixel that is not white, as a share of the body area's height. */
function inkedFill(context: CanvasRenderingContext2D, width: number, height: number, heightPt: number): number {
  const pxPerPt = height / heightPt;
  const top = Math.ceil(MARGIN_PT.top * pxPerPt);
  const bottom = Math.floor(height - MARGIN_PT.bottom * pxPerPt);
  const left = Math.ceil(MARGIN_PT.left * pxPerPt);
  const right = Math.floor(width - MARGIN_PT.right * pxPerPt);
  const data = context.getImageData(0, 0, Math.floor(width), Math.floor(height)).data;
  const rowWidth = Math.floor(width);
  for (let y = bottom - 1; y >= top; y--) {
    for (let x = left; x < right; x++) {
      const i = (y * rowWidth + x) * 4;
      if (data[i]! < 245 || data[i + 1]! < 245 || data[i + 2]! < 245) return (y + 1 - top) / (bottom - top);
    }
  }
  return 0;
}
