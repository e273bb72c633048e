import fs from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
for (const p of process.argv.slice(2)) {
  const doc = await getDocument({ data: new Uint8Array(fs.readFileSync(p)), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  const outline = await doc.getOutline();
  const rows: string[] = [];
  for (const item of outline ?? []) {
    const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
    const page = dest ? (await doc.getPageIndex(dest[0])) + 1 : '?';
    rows.push(`${page}:${item.title.slice(0, 30)}`);
  }
  const t1 = await (await doc.getPage(1)).getTextContent();
  console.log(p, doc.numPages, rows.join(' | '));
  console.log(JSON.stringify(t1.items.slice(0, 8).map((i: any) => i.str)));
}
