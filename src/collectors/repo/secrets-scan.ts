/**
 * Secrets in a text file, line by line, with the detectors of src/evidence/secrets.ts: high-signal
 * token shapes anywhere in a line, and literal high-entropy values under secret-named keys in
 * `KEY=value`, `key: value` and `"key": "value"` pairs (placeholders and interpolations excluded).
 * Only the kind and the 1-based line and column come back: never the value, never the line.
 */
import { findSecrets, SECRET_KEY_NAME } from '../../evidence/secrets.js';
import { splitLines } from '../../lib/text-position.js';

export interface SecretHit {
  line: number;
  column: number;
  kind: string;
}

/**
 * A key, then `=` or `:`, then a quoted string or a bare word free of code punctuation. A bare word
 * followed by `(`, `[` or `{` is an expression (`token = getToken(request)`, `type Token = Evidence['x']`),
 * not a value (the lookahead also keeps the word from being cut short to dodge it). Keys may be
 * quoted (JSON, YAML).
 */
const PAIR = /(?<![\w"'$.-])["']?([A-Za-z_][\w.-]{0,99})["']?\s*[:=]\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s'"`()[\]{},;<>=]+(?![^\s'"`)\]},;<>=]))/g;
/** A session identifier (`"session": "d3ac94af..."` in a committed log or fixture) names a session, not a credential that lasts. */
const SESSION_ID_KEY = /^session(?:[_-]?id)?$/i;
/** An e-mail address names a person, not a credential (`"author": "dev@example.com"`). */
const EMAIL = /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/;

export function scanTextForSecrets(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    for (const span of secretsInLine(lines[i]!)) hits.push({ line: i + 1, column: span.start + 1, kind: span.kind });
  }
  return hits;
}

function secretsInLine(line: string): Array<{ kind: string; start: number; end: number }> {
  const found = findSecrets(line);
  if (!SECRET_KEY_NAME.test(line)) return found;
  const overlaps = (start: number, end: number) => found.some((f) => start < f.end && end > f.start);
  for (const match of line.matchAll(PAIR)) {
    const key = match[1]!;
    if (!SECRET_KEY_NAME.test(key) || SESSION_ID_KEY.test(key)) continue;
    const quoted = /^["']/.test(match[2]!);
    const value = quoted ? match[2]!.slice(1, -1) : match[2]!;
    if (EMAIL.test(value)) continue;
    const offset = match.index + match[0].length - match[2]!.length + (quoted ? 1 : 0);
    for (const secret of findSecrets(value, key)) {
      const start = offset + secret.start;
      const end = offset + secret.end;
      if (!overlaps(start, end)) found.push({ kind: secret.kind, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
