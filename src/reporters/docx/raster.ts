/**
 * The report's SVG charts as PNG for the DOCX (Word draws SVG only from 2016 on, and not every editor
 * the document is passed to does), rasterised by resvg with the report's own font, so the text in a
 * chart looks as it does in the PDF on every machine and no system font changes a pixel.
 *
 * resvg reads TrueType/OpenType files only, and @fontsource/inter ships web fonts. Its WOFF (1.0)
 * files are the TrueType tables, each zlib-deflated: they are inflated back into a TrueType file
 * here (WOFF 1.0 §5), so no second copy of the font is needed as a dependency. resvg takes fonts from
 * files alone, so they are written to a private temporary folder for the render and removed after.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

/** The faces the charts use (regular, 600 for labels, 700 for the watermark), Latin and Latin Extended. */
const FACES = [400, 600, 700].flatMap((weight) => ['latin', 'latin-ext'].map((subset) => `inter-${subset}-${weight}-normal.woff`));

/** A WOFF 1.0 font as the TrueType (or CFF OpenType) file it wraps. */
function woffToSfnt(woff: Uint8Array): Buffer {
  const src = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (src.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const flavor = src.readUInt32BE(4);
  const numTables = src.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = src.readUInt32BE(at + 4);
    const compLength = src.readUInt32BE(at + 8);
    const origLength = src.readUInt32BE(at + 12);
    const stored = src.subarray(offset, offset + compLength);
    const data = compLength < origLength ? zlib.inflateSync(stored) : stored;
    if (data.length !== origLength) throw new Error('WOFF table has the wrong length');
    return { tag: src.readUInt32BE(at), checksum: src.readUInt32BE(at + 16), data };
  });
  const pad4 = (n: number) => (n + 3) & ~3;
  const headerSize = 12 + 16 * numTables;
  const out = Buffer.alloc(headerSize + tables.reduce((sum, t) => sum + pad4(t.data.length), 0));
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = headerSize;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    out.writeUInt32BE(t.tag, at);
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, offset);
    offset += pad4(t.data.length);
  });
  return out;
}

/** One picture to draw: its SVG and the width in pixels of the PNG (the height follows the viewBox). */
export interface RasterJob { svg: string; width: number }

/** Each SVG as PNG, drawn with Inter alone (no system font), in order. The same SVG gives the same bytes. */
export function rasterise(jobs: readonly RasterJob[]): Buffer[] {
  if (jobs.length === 0) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-comply-fonts-'));
  try {
    const fontFiles = FACES.map((face) => {
      const file = path.join(dir, face.replace(/\.woff$/, '.ttf'));
      fs.writeFileSync(file, woffToSfnt(fs.readFileSync(require.resolve(`@fontsource/inter/files/${face}`))));
      return file;
    });
    return jobs.map((job) => new Resvg(job.svg, {
      fitTo: { mode: 'width', value: job.width },
      font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
      background: 'rgba(255, 255, 255, 0)',
    }).render().asPng());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Width and height in pixels of a PNG (its IHDR). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
