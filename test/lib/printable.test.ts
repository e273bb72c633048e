/** Untrusted text made safe to print: every class of hidden or acting character shown, real text untouched. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeChar, jsonForLog, printable, printableText } from '../../src/lib/printable.js';

describe('printable', () => {
  // [what, input, printed]
  const cases: Array<[string, string, string]> = [
    ['plain ASCII', 'github stdio server-1 a:b', 'github stdio server-1 a:b'],
    ['Latin with diacritics', 'Müller Œuvre Ångström', 'Müller Œuvre Ångström'],
    ['CJK and Arabic', '日本語のサーバー مرحبا', '日本語のサーバー مرحبا'],
    ['emoji', '🚀 🔒', '🚀 🔒'],
    ['an emoji ZWJ sequence and a skin tone', '👩‍💻 👍🏽 👨‍👩‍👧', '👩‍💻 👍🏽 👨‍👩‍👧'],
    ['emoji variation selectors and a keycap', '❤️ ☺︎ 1️⃣ #️⃣', '❤️ ☺︎ 1️⃣ #️⃣'],
    ['a subdivision flag (tag characters)', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
    ['a ZWNJ inside a Persian word', 'می‌خواهم', 'می‌خواهم'],
    ['a backslash (Windows paths stay readable)', 'C:\\Users\\me\\mcp.json', 'C:\\Users\\me\\mcp.json'],
    ['line feed, carriage return, tab', 'a\nb\rc\td', 'a\\nb\\rc\\td'],
    ['a forged workflow command', 'x\n::add-mask::Failing\n::error file=a,line=1::forged\n::stop-commands::abc',
      'x\\n::add-mask::Failing\\n::error file=a,line=1::forged\\n::stop-commands::abc'],
    ['a legacy workflow command anywhere in the line', 'name ##[error]forged ###[x]', 'name ##\\x5berror]forged ###\\x5bx]'],
    ['other C0 controls', '\0\x07\x08\x0b\x0c\x1f', '\\x00\\x07\\x08\\x0b\\x0c\\x1f'],
    ['ESC: erase line, hidden text', '\x1b[2Kgone \x1b[8mhidden\x1b[0m', '\\x1b[2Kgone \\x1b[8mhidden\\x1b[0m'],
    ['an OSC 8 hyperlink', '\x1b]8;;https://evil.example\x07click\x1b]8;;\x07', '\\x1b]8;;https://evil.example\\x07click\\x1b]8;;\\x07'],
    ['DEL', 'a\x7fb', 'a\\x7fb'],
    ['C1 controls (CSI, NEL, OSC)', 'a\x9b2Kb\x85c\x9d', 'a\\x9b2Kb\\x85c\\x9d'],
    ['bidi embeddings and overrides', '\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee', '\\u202aa\\u202bb\\u202cc\\u202dd\\u202ee'],
    ['bidi isolates and marks', '\u2066a\u2067b\u2068c\u2069d\u200Ee\u200Ff\u061Cg', '\\u2066a\\u2067b\\u2068c\\u2069d\\u200ee\\u200ff\\u061cg'],
    ['zero-width characters', 'a\u200Bb\u2060c\uFEFFd\u00ADe', 'a\\u200bb\\u2060c\\ufeffd\\xade'],
    ['a joiner between ASCII letters (a look-alike name)', 'git\u200Dhub git\u200Chub', 'git\\u200dhub git\\u200chub'],
    ['a lone joiner or variation selector', '\u200D \uFE0F a\uFE0F', '\\u200d \\ufe0f a\\ufe0f'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['tag characters outside a flag (hidden ASCII)', 'ok\u{E0041}\u{E0042}', 'ok\\u{e0041}\\u{e0042}'],
    ['a Hangul filler (an invisible letter)', 'a\u3164b', 'a\\u3164b'],
    ['lone surrogates', 'a\uD800b\uDC00', 'a\\ud800b\\udc00'],
  ];
  for (const [what, input, expected] of cases) {
    it(`${what}`, () => assert.equal(printable(input), expected));
  }

  it('is idempotent: what it prints prints the same', () => {
    for (const [, input] of cases) assert.equal(printable(printable(input)), printable(input));
  });
});

describe('escapeChar', () => {
  const cases: Array<[string, string]> = [['\n', '\\n'], ['\x1b', '\\x1b'], ['\x9b', '\\x9b'], ['\u202E', '\\u202e'], ['\u{E0001}', '\\u{e0001}']];
  for (const [char, expected] of cases) it(`${JSON.stringify(char)} -> ${expected}`, () => assert.equal(escapeChar(char), expected));
});

describe('printableText', () => {
  // [what, input, printed]
  const cases: Array<[string, string, string]> = [
    ['lines and tabs stay', 'Findings: 2\n  high\tx.json:1\n', 'Findings: 2\n  high\tx.json:1\n'],
    ['a line that starts with :: gets its first colon escaped', 'a\n::error::forged\n', 'a\n\\x3a:error::forged\n'],
    ['after leading white space too (the runner trims it)', '  ::add-mask::x\n\u00A0::warning::y', '  \\x3a:add-mask::x\n\u00A0\\x3a:warning::y'],
    ['the first line', '::stop-commands::abc', '\\x3a:stop-commands::abc'],
    ['a :: inside a line stays', 'binds to :: and [::1]', 'binds to :: and [::1]'],
    ['a legacy command anywhere', 'x ##[add-mask]y', 'x ##\\x5badd-mask]y'],
    ['ESC, CR, C1 and bidi controls', '\x1b[2K\rx\x9by\u202Ez', '\\x1b[2K\\rx\\x9by\\u202ez'],
    ['a zero-width space (inert on a terminal) stays', 'a\u200Bb', 'a\u200Bb'],
  ];
  for (const [what, input, expected] of cases) it(what, () => assert.equal(printableText(input), expected));
});

describe('jsonForLog', () => {
  const value = { name: 'x\n::add-mask::y ##[error]z \x9b\x7f\u202E\u2028 Müller 👩‍💻', n: 1 };
  const json = jsonForLog(JSON.stringify(value, null, 2));

  it('is the same value for a parser', () => assert.deepEqual(JSON.parse(json), value));

  it('writes what a terminal or the runner would act on as \\u escapes', () => {
    assert.equal(json, '{\n  "name": "x\\n::add-mask::y ##\\u005berror]z \\u009b\\u007f\\u202e\\u2028 Müller 👩‍💻",\n  "n": 1\n}');
  });
});
