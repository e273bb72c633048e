/** Reading back the CSV reports in tests. */
import assert from 'node:assert/strict';

export const BOM = '\uFEFF';

/** A strict RFC 4180 reader: CRLF record ends only, quoted fields with doubled quotes; anything else throws. */
export function parseCsv(text: string): string[][] {
  assert.ok(text.startsWith(BOM), 'starts with a UTF-8 byte order mark');
  const body = text.slice(BOM.length);
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < body.length) {
    let field = '';
    if (body[i] === '"') {
      i++;
      for (;;) {
        if (i >= body.length) throw new Error('unterminated quoted field');
        if (body[i] === '"') {
          if (body[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += body[i++];
      }
    } else {
      while (i < body.length && body[i] !== ',' && body[i] !== '\r') {
        if (body[i] === '\n' || body[i] === '"') throw new Error(`bare ${JSON.stringify(body[i])} in an unquoted field at ${i}`);
        field += body[i++];
      }
    }
    record.push(field);
    if (body[i] === ',') { i++; continue; }
    if (body.slice(i, i + 2) !== '\r\n') throw new Error(`expected CRLF after a field at ${i}`);
    i += 2;
    records.push(record);
    record = [];
  }
  assert.equal(record.length, 0, 'the last record ends with CRLF');
  return records;
}
