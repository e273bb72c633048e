/**
 * A DOCX read back as Word would: unzipped (jszip), every XML part parsed (@xmldom/xmldom, which
 * throws on markup that is not well-formed XML 1.0), with the text of headings, tables, headers and
 * footers at hand for exact assertions.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export interface DocxParts {
  /** Every part's name, in zip order. */
  names: string[];
  /** The text of every XML part, as stored. */
  xml: Map<string, string>;
  document: Document;
  headers: Document[];
  footers: Document[];
  media: Array<{ name: string; bytes: Uint8Array }>;
}

function parse(name: string, text: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } }).parseFromString(text, 'text/xml');
  if (errors.length) throw new Error(`${name} is not well-formed XML: ${errors.join('; ')}`);
  return doc;
}

export async function readDocx(bytes: Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
  const xml = new Map<string, string>();
  const media: DocxParts['media'] = [];
  for (const name of names) {
    if (/\.(xml|rels)$/.test(name)) xml.set(name, await zip.file(name)!.async('string'));
    else if (name.startsWith('word/media/')) media.push({ name, bytes: await zip.file(name)!.async('uint8array') });
  }
  const parsed = new Map([...xml].map(([name, text]) => [name, parse(name, text)]));
  const pick = (re: RegExp) => [...parsed].filter(([name]) => re.test(name)).map(([, doc]) => doc);
  return { names, xml, document: parsed.get('word/document.xml')!, headers: pick(/^word\/header\d+\.xml$/), footers: pick(/^word\/footer\d+\.xml$/), media };
}

export const byTag = (node: Document | Element, tag: string): Element[] => Array.from(node.getElementsByTagNameNS(W, tag));

/** The text of a paragraph, cell or part: its w:t runs joined, a tab as \t. */
export function textOf(node: Document | Element): string {
  const parts: string[] = [];
  const walk = (n: Element) => {
    for (const child of Array.from(n.childNodes) as Element[]) {
      if (child.nodeType !== 1) continue;
      if (child.namespaceURI === W && child.localName === 't') parts.push(child.textContent ?? '');
      else if (child.namespaceURI === W && child.localName === 'tab' && child.parentNode && (child.parentNode as Element).localName === 'r') parts.push('\t');
      else walk(child);
    }
  };
  walk('documentElement' in node ? node.documentElement! as unknown as Element : node);
  return parts.join('');
}

const styleOf = (p: Element) => byTag(p, 'pStyle')[0]?.getAttributeNS(W, 'val') ?? null;

/** Headings in document order: their level (1-3) and text. */
export function headings(doc: Document): Array<{ level: number; text: string }> {
  return byTag(doc, 'p').flatMap((p) => {
    const m = /^Heading(\d)$/.exec(styleOf(p) ?? '');
    return m ? [{ level: Number(m[1]), text: textOf(p) }] : [];
  });
}

/** Paragraphs of a style, by text. */
export const paragraphsOfStyle = (doc: Document, style: string): string[] => byTag(doc, 'p').filter((p) => styleOf(p) === style).map(textOf);

/** Top-level tables, each as rows of cell texts (a cell's paragraphs joined with \n). */
export function tables(doc: Document): string[][][] {
  return byTag(doc, 'tbl').filter((t) => !byTag(t.parentNode as Element, 'tc').length || (t.parentNode as Element).localName === 'body').map((t) =>
    byTag(t, 'tr').map((tr) => byTag(tr, 'tc').map((tc) => byTag(tc, 'p').map(textOf).join('\n'))));
}

/** The first table whose header row is exactly `header`. */
export function tableWithHeader(doc: Document, header: readonly string[]): string[][] | undefined {
  return tables(doc).find((t) => JSON.stringify(t[0]) === JSON.stringify(header));
}

/** The table rows' properties: whether each row repeats as a header and whether it may split across pages. */
export function rowProperties(doc: Document): Array<{ header: boolean; cantSplit: boolean; text: string }> {
  return byTag(doc, 'tr').map((tr) => ({ header: byTag(tr, 'tblHeader').length > 0, cantSplit: byTag(tr, 'cantSplit').length > 0, text: textOf(tr) }));
}
