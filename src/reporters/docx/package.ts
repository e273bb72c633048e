/**
 * What makes the DOCX the same bytes for the same assessment: the docx library stamps the core
 * properties and every zip entry with the time of the run. The core properties are written here
 * instead (created and modified = the assessment's date), and the zip entries' times are set to it.
 */
import { escapeXml } from '../../lib/escape-xml.js';
import { xmlSafe } from './blocks.js';

export interface CoreProperties {
  title: string;
  subject: string;
  creator: string;
  keywords: string;
  description: string;
  /** Word's "Status" property (Draft, Final). */
  contentStatus: string | null;
  category: string | null;
  /** ISO 8601; written to the second, as W3CDTF. */
  created: string;
}

export function corePropertiesXml(p: CoreProperties): string {
  const text = (tag: string, value: string | null) => (value ? `<${tag}>${escapeXml(xmlSafe(value))}</${tag}>` : '');
  const when = new Date(p.created).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    + 'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    + text('dc:title', p.title) + text('dc:subject', p.subject) + text('dc:creator', p.creator) + text('cp:keywords', p.keywords)
    + text('dc:description', p.description) + text('cp:lastModifiedBy', p.creator) + '<cp:revision>1</cp:revision>'
    + text('cp:category', p.category) + text('cp:contentStatus', p.contentStatus)
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`
    + '</cp:coreProperties>';
}

/** MS-DOS date and time of a UTC instant (2-second resolution), as zip headers carry them. */
function dosDateTime(iso: string): { date: number; time: number } {
  const d = new Date(iso);
  const year = Math.min(2107, Math.max(1980, d.getUTCFullYear()));
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

/**
 * Every entry of a zip stamped with the same modification time, in its local header and in the
 * central directory; nothing else changes (the CRCs and sizes do not cover the time).
 */
export function stampZip(zip: Uint8Array, iso: string): Buffer {
  const out = Buffer.from(zip);
  const { date, time } = dosDateTime(iso);
  let end = out.length - 22;
  while (end >= 0 && out.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('the DOCX the docx library made has no zip directory');
  const entries = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('the DOCX the docx library made has a broken zip directory');
    out.writeUInt16LE(time, at + 12);
    out.writeUInt16LE(date, at + 14);
    const local = out.readUInt32LE(at + 42);
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
