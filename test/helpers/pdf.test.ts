/**
 * The PDF reader of the tests names paper sizes and dates as poppler's pdfinfo does (utils/pdfinfo.cc),
 * so that the PDF tests assert what they asserted when they ran pdfinfo.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDate, paperName } from './pdf.js';

describe('paperName, as pdfinfo names a page size', () => {
  const table: Array<[string, number, number, string | undefined]> = [
    ['A4 as Chromium prints it', 595.92, 841.92, 'A4'],
    ['A4 exactly', 595.28, 841.89, 'A4'],
    ['A4 landscape', 841.89, 595.28, 'A4'],
    ['US letter as Chromium prints it', 612, 792, 'letter'],
    ['letter landscape', 792, 612, 'letter'],
    ['letter 1 pt off: no name', 613, 792, undefined],
    ['A3', 841.89, 1190.55, 'A3'],
    ['A0', 2383.94, 3370.39, 'A0'],
    // The tolerance shrinks with the size: A5 and A6 in whole millimetres fall outside it, as in pdfinfo.
    ['A5 in whole millimetres (148 x 210)', 419.53, 595.28, undefined],
    ['A6 in whole millimetres (105 x 148)', 297.64, 419.53, undefined],
    ['A6 by ISO 216\'s formula', 297.93, 421.34, 'A6'],
    ['A7 is past what pdfinfo names', 209.76, 297.64, undefined],
    ['A4 out by 0.4%: no name', 598.3, 845.3, undefined],
    ['US legal: no name', 612, 1008, undefined],
  ];
  for (const [name, width, height, expected] of table) {
    it(name, () => assert.equal(paperName(width, height), expected));
  }
});

describe('isoDate, as pdfinfo -isodates writes a PDF date', () => {
  const table: Array<[string, string]> = [
    ["D:20261123000000+00'00'", '2026-11-23T00:00:00Z'],
    ['D:20261123000000Z', '2026-11-23T00:00:00Z'],
    ['D:20261123101112', '2026-11-23T10:11:12Z'],
    ["D:20261123101112+02'00'", '2026-11-23T10:11:12+02'],
    ["D:20261123101112-05'30'", '2026-11-23T10:11:12-05:30'],
    ['D:2026', '2026-01-01T00:00:00Z'],
    ['yesterday', 'yesterday'],
  ];
  for (const [pdfDate, expected] of table) {
    it(`${pdfDate} -> ${expected}`, () => assert.equal(isoDate(pdfDate), expected));
  }
});
