/** SHA256SUMS: written as sha256sum writes it, read back line by line, names that never leave the folder. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { formatSums, parseSums, readSumsFile, sha256OfFile, unsafeName } from '../../src/lib/sha256sums.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('unsafeName', () => {
  const cases: Array<[string, string | undefined]> = [
    ['report.pdf', undefined],
    ['remediation plan (v2).csv', undefined],
    ['..report.md', undefined],
    ['', 'the name is empty'],
    ['.', 'the name leads out of the folder (..)'],
    ['..', 'the name leads out of the folder (..)'],
    ['../etc/passwd', 'the name leads out of the folder (..)'],
    ['..\\secret', 'the name leads out of the folder (..)'],
    ['evidence/items.jsonl', 'the name has a path separator: only files of the folder itself are listed'],
    ['/etc/passwd', 'the name has a path separator: only files of the folder itself are listed'],
    ['C:\\report.pdf', 'the name has a path separator: only files of the folder itself are listed'],
    ['report\u0000.md', 'the name has a control character'],
    ['report\r.md', 'the name has a control character'],
  ];
  for (const [name, expected] of cases) it(`${JSON.stringify(name)}: ${expected ?? 'safe'}`, () => assert.equal(unsafeName(name), expected));
});

describe('formatSums', () => {
  it('writes one "<hex>  <name>" line per file, sorted by name in byte order, LF ends', () => {
    assert.equal(formatSums(new Map([['report.md', A], ['Zeta.csv', B], ['assessment.json', B]])),
      `${B}  Zeta.csv\n${B}  assessment.json\n${A}  report.md\n`);
  });
  it('is empty for no files', () => assert.equal(formatSums(new Map()), ''));
  it('refuses a name that is not a plain file name', () => {
    assert.throws(() => formatSums(new Map([['../x', A]])), /cannot list "\.\.\/x" in SHA256SUMS: the name leads out of the folder/);
  });
  it('refuses a digest that is not sha256 hex', () => {
    assert.throws(() => formatSums(new Map([['x', 'ABC']])), /cannot list "x" in SHA256SUMS: not a sha256 digest/);
  });
});

describe('parseSums', () => {
  it('reads text and binary mode lines, upper-case hex and CRLF ends', () => {
    const { entries, problems } = parseSums(`${A}  report.md\n${B.toUpperCase()} *report.pdf\r\n`);
    assert.deepEqual([...entries], [['report.md', A], ['report.pdf', B]]);
    assert.deepEqual(problems, []);
  });
  it('names every unusable line and keeps the others', () => {
    const text = [
      `${A}  report.md`, 'garbage', `${A.slice(1)}  short.md`, `${A}  ../escape`, `${B}  sub/dir.md`, `${B}  report.md`, '', `${A} one-space.md`, `${B}  last.csv`,
    ].join('\n');
    const { entries, problems } = parseSums(text);
    assert.deepEqual([...entries], [['report.md', A], ['last.csv', B]]);
    const notALine = 'not a "<64 hex digits>  <file name>" line';
    assert.deepEqual(problems, [
      { line: 2, reason: notALine },
      { line: 3, reason: notALine },
      { line: 4, reason: 'the name leads out of the folder (..)' },
      { line: 5, reason: 'the name has a path separator: only files of the folder itself are listed' },
      { line: 6, reason: 'the file is listed twice' },
      { line: 7, reason: notALine },
      { line: 8, reason: notALine },
    ]);
  });
  it('reads back what formatSums writes', () => {
    const entries = new Map([['a.md', A], ['b.csv', B]]);
    assert.deepEqual(parseSums(formatSums(entries)), { entries, problems: [] });
  });
});

describe('sha256OfFile and readSumsFile', () => {
  it('hashes a file in pieces, larger than one read', () => {
    const dir = tempDir('sums-');
    const file = write(dir, 'big.bin', Buffer.alloc(3 * 1024 * 1024 + 5, 7));
    const expected = spawnSync('sha256sum', [file], { encoding: 'utf8' }).stdout?.slice(0, 64);
    const hashed = sha256OfFile(file);
    assert.ok(hashed.ok);
    if (expected) assert.equal(hashed.sha256, expected);
    else assert.match(hashed.sha256, /^[0-9a-f]{64}$/);
  });
  it('refuses a symbolic link rather than follow it out of the folder, and says a file is missing', () => {
    const dir = tempDir('sums-');
    const outside = write(tempDir('outside-'), 'secret.txt', 'secret');
    fs.symlinkSync(outside, path.join(dir, 'report.md'));
    const link = sha256OfFile(path.join(dir, 'report.md'));
    assert.deepEqual(link.ok ? undefined : link.refusal.code, 'not-a-file');
    const missing = sha256OfFile(path.join(dir, 'gone.md'));
    assert.deepEqual(missing.ok ? undefined : missing.refusal.code, 'missing');
    fs.symlinkSync(outside, path.join(dir, 'SHA256SUMS'));
    const sums = readSumsFile(path.join(dir, 'SHA256SUMS'));
    assert.equal(sums?.ok === false ? sums.refusal.code : undefined, 'not-a-file');
    assert.equal(readSumsFile(path.join(tempDir('sums-'), 'SHA256SUMS')), undefined);
  });
});
