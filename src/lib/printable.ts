/**
 * Untrusted text (names and paths from configs and repositories, log fields, tool definitions, GitHub
 * answers, exception and attestation text, error messages) made safe to print on a terminal and in a
 * GitHub Actions log, where it is read by people and by the runner.
 *
 * A terminal obeys control characters and ESC sequences (`\x1b[2K` erases a line, `\x1b[8m` hides
 * text, `\x1b]8;;URL\x07` makes a link, `\r` overwrites, C1 `\x9b` is ESC `[`); bidi controls reorder
 * what is shown (U+202E) and invisible format characters make two different names look alike. The
 * Actions runner reads every output line as a possible workflow command: a line that starts, after
 * leading white space, with `::` (`::add-mask::`, `::error file=...::`, `::stop-commands::TOKEN`), and
 * the legacy `##[command]` anywhere in a line (actions/runner, ActionCommand.TryParseV2 and TryParse).
 *
 * Such characters are never dropped: each becomes a visible escape in JavaScript's notation (`\n`,
 * `\x1b`, `\u202e`, `\u{e0041}`), so the reader sees that something was there and what. Backslashes are
 * left alone (Windows paths stay readable); a literal `\n` in the text can only look like an escape,
 * never act as a control.
 */

// Every character a reader could not see or that could act: controls (C0, DEL, C1), lone surrogates,
// line and paragraph separators, format characters (bidi controls, zero-width characters, tags) and the
// rest of Unicode's default-ignorables (variation selectors, Hangul fillers).
const HIDDEN = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
// What a terminal or a log viewer obeys rather than shows: controls other than the line feed, line and
// paragraph separators, and the bidi controls. Checked over whole multi-line text by printableText().
const ACTING = /[\p{Cc}\p{Zl}\p{Zp}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// Invisible characters that real text needs, kept where they do that work: the joiners inside words of
// scripts that use them (Persian, Indic) and inside emoji sequences (👩‍💻), variation selectors after
// an emoji or a letter (❤️, 1️⃣, Han variants), and the tag characters of a subdivision flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿).
const JOINERS = /^[\u200C\u200D]$/u;
const VARIATION_SELECTOR = /^[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;
const JOINED = /^[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}]$/u;
const EMOJI = /^\p{Emoji}$/u;
const LETTER = /^\p{L}$/u;
const FLAG_TAGS = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}/u;
const FLAG_OR_HIDDEN = new RegExp(`(${FLAG_TAGS.source})|${HIDDEN.source}`, 'gu');
const isAscii = (char: string) => char.codePointAt(0)! < 0x80;

/** The JavaScript escape of one character: `\n`, `\x1b`, `\u202e`, `\u{e0001}`. */
export function escapeChar(char: string): string {
  if (NAMED[char]) return NAMED[char];
  const code = char.codePointAt(0)!;
  const hex = code.toString(16);
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\u{${hex}}`;
}

/**
 * Untrusted text as part of one printed line: every hidden or acting character as a visible escape
 * (line breaks included, so the text stays on its line), and the legacy workflow command `##[` broken
 * as `##\x5b`. A `::` at the start of the text is left to the line writer (printableText), which alone
 * knows where lines start.
 */
export function printable(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(FLAG_OR_HIDDEN)) {
    const at = match.index;
    const char = match[0];
    if (match[1] !== undefined || kept(char, charBefore(text, at), charAfter(text, at + char.length))) continue;
    out += text.slice(last, at) + escapeChar(char);
    last = at + char.length;
  }
  return defuseLegacyCommands(out + text.slice(last));
}

function kept(char: string, before: string | undefined, after: string | undefined): boolean {
  if (JOINERS.test(char)) {
    return before !== undefined && after !== undefined && !isAscii(before) && !isAscii(after) && JOINED.test(before) && JOINED.test(after);
  }
  if (VARIATION_SELECTOR.test(char)) return before !== undefined && (EMOJI.test(before) || (!isAscii(before) && LETTER.test(before)));
  return false;
}

const charBefore = (text: string, at: number) => Array.from(text.slice(Math.max(0, at - 2), at)).at(-1);
const charAfter = (text: string, at: number) => {
  const code = text.codePointAt(at);
  return code === undefined ? undefined : String.fromCodePoint(code);
};

// The runner runs `##[name ...]data` wherever it sits in a line, for any registered name.
const defuseLegacyCommands = (text: string) => text.replaceAll('##[', '##\\x5b');

/**
 * Text of several lines, as the CLI writes it to stdout and stderr: the last line of defence behind
 * printable(). Line feeds stay; whatever else a terminal or the runner would act on becomes a visible
 * escape, and a line the runner would read as a workflow command (`::` first after white space) has
 * that first colon escaped (`\x3a:error::...`). Tabs stay (text, not a control, for both readers).
 * mcp-comply itself never writes a workflow command; the Action's own steps do, from fixed text.
 */
export function printableText(text: string): string {
  return defuseLegacyCommands(text.replace(ACTING, (char) => (char === '\n' || char === '\t' ? char : escapeChar(char))))
    .replace(/^(\s*):(?=:)/gmu, '$1\\x3a');
}

/**
 * A JSON document as the CLI writes it to stdout: the same value for any parser, with what a terminal
 * or the runner would act on written as `\u` escapes. JSON.stringify already escapes C0 controls and
 * lone surrogates, but not DEL, C1 controls, separators, bidi controls or `##[`; these can only sit in
 * a string, where `\uXXXX` is the same character. No line of a pretty-printed document starts with `::`.
 */
export function jsonForLog(json: string): string {
  return json
    .replace(ACTING, (char) => (char === '\n' || char === '\t' || char === '\r' ? char : unicodeEscape(char)))
    .replaceAll('##[', '##\\u005b');
}

const unicodeEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
