/**
 * Sensitive data in log text (pure): payment card numbers, national identifiers, secrets and
 * session identifiers in URLs. A hit is its kind and offset, never the value. `mayHoldSensitive` is
 * the cheap first look that lets most lines of a large log skip the detectors entirely.
 */
import { findSecrets, SECRET_KEY_NAME } from '../../evidence/secrets.js';

export type HitCategory = 'cardNumbers' | 'secrets' | 'nationalIds' | 'sessionIdsInUrls';

export interface TextHit {
  category: HitCategory;
  kind: string;
  /** UTF-16 offset in the text. */
  index: number;
}

/**
 * Everything a detector below can match needs one of these: 13+ digits (a card: its first group has
 * at least four) or an SSN shape, a NINO shape, a token prefix, URL credentials, an auth scheme, or a
 * query parameter. Separate expressions are cheaper than one alternation in V8 (measured: bench/logs).
 */
const MAY_HOLD_SENSITIVE = [
  /\d{3}(?:-\d{2}-\d{4}|(?:[ -]?\d){10})/,
  /gh[pousr]_|github_pat_|glpat-|sk-|[sr]k_(?:live|test)_|A[KS]IA|AIza|xox[abprs]-|hf_|PRIVATE KEY|eyJ/,
  /\b(?:bearer|basic)\s/i,
  /[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]/,
];
const QUERY_PARAMETER = /[?&;][\w.-]+=/;
const URL_CREDENTIALS = /:\/\/[^\s/:@"]+:[^\s/@"]+@/;

export function mayHoldSensitive(text: string): boolean {
  for (const pattern of MAY_HOLD_SENSITIVE) if (pattern.test(text)) return true;
  // A native substring search rules most lines out before the regex looks at every character.
  if ((text.includes('?') || text.includes('&') || text.includes(';')) && QUERY_PARAMETER.test(text)) return true;
  return text.includes('://') && URL_CREDENTIALS.test(text);
}

/** Every hit in a free-text value. `key` is the field name it sits under, if any. */
export function scanText(text: string, key?: string): TextHit[] {
  const hits: TextHit[] = [];
  for (const card of findCardNumbers(text)) hits.push({ category: 'cardNumbers', ...card });
  for (const id of findNationalIds(text, key)) hits.push({ category: 'nationalIds', ...id });
  const session = findSessionIdsInUrl(text);
  for (const s of session) hits.push({ category: 'sessionIdsInUrls', ...s });
  for (const secret of findSecrets(text, key)) {
    // A session id in a URL is reported as such, not twice.
    if (!session.some((s) => secret.start >= s.index && secret.start <= s.index + 64)) {
      hits.push({ category: 'secrets', kind: secret.kind, index: secret.start });
    }
  }
  for (const param of queryParameters(text)) {
    if (SESSION_PARAMETER.test(param.name) || !SECRET_KEY_NAME.test(param.name)) continue;
    const found = findSecrets(param.value, param.name)[0];
    if (found && !hits.some((h) => h.category === 'secrets' && h.index === param.start + found.start)) {
      hits.push({ category: 'secrets', kind: `${found.kind} in URL`, index: param.start + found.start });
    }
  }
  return hits;
}

// ---- payment card numbers (PCI DSS 3.5.1: PAN unreadable wherever stored, logs included) ----

/**
 * 13 to 19 digits, optionally grouped by single spaces or dashes, not part of a longer number. A `.`
 * next to the digits counts only with a digit on its other side (`0.4111...`, `...1111.50` are
 * decimals); a `,` never does, so CSV fields (`1,4111111111111111,12/28`) and a number ending a
 * clause are read: a missed PAN costs more than a rare decimal comma read as one.
 */
const CARD_CANDIDATE = /(?<![\d-]|\d\.)\d(?:[ -]?\d){12,18}(?!\d|\.\d|-\d)/g;

/** Issuer ranges (IIN prefixes) and lengths of the major brands; a Luhn-valid number outside them is not counted. */
const BRANDS: Array<{ brand: string; prefix: RegExp; lengths: number[] }> = [
  { brand: 'amex', prefix: /^3[47]/, lengths: [15] },
  { brand: 'diners', prefix: /^3(?:0[0-5]|[689])/, lengths: [14, 16, 17, 18, 19] },
  { brand: 'jcb', prefix: /^35(?:2[89]|[3-8])/, lengths: [16, 17, 18, 19] },
  { brand: 'visa', prefix: /^4/, lengths: [13, 16, 19] },
  { brand: 'mastercard', prefix: /^(?:5[1-5]|2(?:2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/, lengths: [16] },
  { brand: 'maestro', prefix: /^(?:5018|5020|5038|6304|6759|676[1-3])/, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
  { brand: 'discover', prefix: /^(?:6011|65|64[4-9])/, lengths: [16, 17, 18, 19] },
  { brand: 'unionpay', prefix: /^62/, lengths: [16, 17, 18, 19] },
];

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function cardBrand(digits: string): string | undefined {
  return BRANDS.find((b) => b.lengths.includes(digits.length) && b.prefix.test(digits))?.brand;
}

function findCardNumbers(text: string): Array<{ kind: string; index: number }> {
  const found: Array<{ kind: string; index: number }> = [];
  for (const match of text.matchAll(CARD_CANDIDATE)) {
    const raw = match[0];
    // Grouping is one separator throughout (4111 1111 1111 1111 or 4111-1111-...), or none.
    if (raw.includes(' ') && raw.includes('-')) continue;
    const digits = raw.replace(/[ -]/g, '');
    if (/^(\d)\1+$/.test(digits) || !luhnValid(digits)) continue;
    const brand = cardBrand(digits);
    if (brand) found.push({ kind: brand, index: match.index });
  }
  return found;
}

// ---- national identifiers ----

/** US SSN as written (123-45-6789); area 000, 666 and 900-999, group 00 and serial 0000 are never issued. */
const US_SSN = /(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])/g;
/** A bare nine-digit SSN counts only under a field that says so. */
export const SSN_KEY = /ssn|social[_-]?security/i;
/** UK National Insurance number: two prefix letters (D, F, I, Q, U, V never; O never second), six digits, A-D. */
const UK_NINO = /(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/g;

function validSsn(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

function findNationalIds(text: string, key?: string): Array<{ kind: string; index: number }> {
  const found: Array<{ kind: string; index: number }> = [];
  for (const m of text.matchAll(US_SSN)) if (validSsn(m[1]!, m[2]!, m[3]!)) found.push({ kind: 'us-ssn', index: m.index });
  if (key && SSN_KEY.test(key)) {
    const bare = /^\s*(\d{3})(\d{2})(\d{4})\s*$/.exec(text);
    if (bare && validSsn(bare[1]!, bare[2]!, bare[3]!)) found.push({ kind: 'us-ssn', index: text.indexOf(bare[1]!) });
  }
  for (const m of text.matchAll(UK_NINO)) found.push({ kind: 'uk-nino', index: m.index });
  return found;
}

// ---- identifiers in URLs ----

/** Query or matrix parameters that carry a session identifier (legacy MCP SSE puts `sessionId` in the POST URL). */
const SESSION_PARAMETER = /^(?:session|session[_-]?id|sessionid|sid|jsessionid|phpsessid|aspsessionid\w*|mcp-session-id)$/i;

function findSessionIdsInUrl(text: string): Array<{ kind: string; index: number }> {
  const found: Array<{ kind: string; index: number }> = [];
  for (const param of queryParameters(text)) {
    if (SESSION_PARAMETER.test(param.name) && param.value.length > 0) found.push({ kind: param.name, index: param.nameStart });
  }
  return found;
}

/** `?a=b&c=d` and `;jsessionid=...` parameters of every URL or request path in the text. */
function* queryParameters(text: string): Generator<{ name: string; value: string; nameStart: number; start: number }> {
  for (const m of text.matchAll(/[?&;]([\w.-]+)=([^&;#\s"'<>]*)/g)) {
    const nameStart = m.index + 1;
    yield { name: m[1]!, value: m[2]!, nameStart, start: nameStart + m[1]!.length + 1 };
  }
}
