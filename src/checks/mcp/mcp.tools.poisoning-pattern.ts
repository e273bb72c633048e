/**
 * mcp.tools.poisoning-pattern (MCP-TI-01): every string an MCP server puts in the model's context
 * (tool name, title, description, inputSchema/outputSchema property names, descriptions, defaults,
 * enums and examples, annotation title, and the server's initialize instructions) is scanned for
 * the tool-poisoning families of reference/mcp-formats.md §3.10 and the hidden content of §3.7
 * MCP-TOOL-003.
 *
 * Severity tiers (§3.7):
 * - injection directives (override, concealment, instruction tags, precedence coercion, exfiltration
 *   to a URL or mailbox, side-channel parameters, a credential file with a verb that moves its content) are
 *   critical in a tool, high in the initialize instructions (MCP-TOOL-006);
 * - a credential or agent-config file named without such a verb is high;
 * - a reference to another snapshot server's tool (shadowing, MCP-TOOL-002) is high;
 * - hidden characters are medium, high with three or more kinds or a decoded Unicode-tag message;
 *   encoded blobs that decode to text and decoding instructions are medium; a description over
 *   2,000 characters is low;
 * - attention words alone ("IMPORTANT:", "bypass ... guidelines") are low.
 *
 * Patterns run on a normalised copy of each string (NFKC, invisible characters removed, Unicode tag
 * characters decoded to the ASCII they hide, whitespace collapsed), so hiding a zero-width space in
 * "ignore" does not hide the directive. Messages quote the matched span (about 80 characters) with
 * invisible characters written as escapes (`\u200b`): a report must show what is hidden.
 *
 * One result per string, family (and, for shadowing, referenced tool); one pass per clean tool and
 * per clean instructions. Result keys: `<server>/<tool>/<field>/<family>`, with `(server)` as the
 * tool for the instructions.
 */
import type { Severity } from '../../catalog/model.js';
import { toolStrings, type ToolStringKind } from '../../collectors/tool-snapshot/fields.js';
import type { ToolSnapshotFile } from '../../collectors/tool-snapshot/model.js';
import type { EvidenceItem } from '../../evidence/types.js';
import type { SourcePosition } from '../../lib/source-position.js';
import type { Check, CheckResult } from '../types.js';

type Data = Record<string, string | number>;

interface Hit {
  family: string;
  messageId: string;
  severity: Severity;
  data: Data;
}

interface ScanTarget {
  text: string;
  kind: ToolStringKind;
  field: string;
  /** The server's initialize instructions (directives there are high, not critical). */
  instructions: boolean;
}

/** A tool name of another server that a description may refer to. */
interface ForeignTool { name: string; lower: string; server: string }

// ---------------------------------------------------------------------------------------------
// Pattern families (our own regexes; the families follow reference/mcp-formats.md §3.10)
// ---------------------------------------------------------------------------------------------

const QUALIFIER = String.raw`(?:previous|prior|above|earlier|preceding|other|system|system's|safety|security|existing|original|developer|all|any|your|my)`;
const RULES = String.raw`(?:instructions?|rules|directives?|prompts?|guidelines|guardrails|context|polic(?:y|ies)|restrictions|constraints|commands?)`;

/** `keywords`: lower-case words one of which any match contains; the regex runs only when one is present. */
interface DirectiveRule { family: string; messageId: string; keywords: string[]; pattern: RegExp }

const DIRECTIVES: DirectiveRule[] = [
  {
    family: 'override', messageId: 'override',
    keywords: ['ignore', 'disregard', 'forget', 'override', 'bypass', 'overrule', 'from now on', 'henceforth', 'your new'],
    pattern: new RegExp([
      String.raw`\b(?:ignore|disregard|forget|override|bypass|overrule)\s+(?:(?:the|of|all|any)\s+){0,2}(?:${QUALIFIER}\s+){1,2}${RULES}\b`,
      String.raw`\b(?:ignore|disregard|forget)\s+(?:everything|anything|all)\s+(?:above|before|previously|earlier|you (?:were|have been) told)\b`,
      String.raw`\b(?:from now on|henceforth),?\s+you\s+(?:are|will|must|should)\b`,
      String.raw`\byour\s+new\s+(?:instructions|task|role|goal)\b`,
    ].join('|'), 'iu'),
  },
  {
    family: 'concealment', messageId: 'concealment',
    keywords: ['user'],
    pattern: new RegExp([
      String.raw`\b(?:do not|don't|dont|never|must not|should not)\s+(?:ever\s+)?(?:tell|mention|inform|reveal|show|notify|alert|disclose|let|explain)(?:ing)?\b.{0,30}?\busers?\b`,
      String.raw`\bwithout\s+(?:telling|informing|letting|alerting|notifying)\s+(?:the\s+)?users?\b`,
      String.raw`\b(?:hide|conceal|keep)\b.{0,30}?\bfrom\s+the\s+users?\b`,
      String.raw`\bthe\s+users?\s+(?:must|should|will|need)\s+(?:not|never)\s+(?:to\s+)?(?:know|see|notice|be told|find out|learn)\b`,
    ].join('|'), 'iu'),
  },
  {
    family: 'tag', messageId: 'tag',
    keywords: ['<', '['],
    pattern: new RegExp([
      String.raw`<\s*\/?\s*(?:important|system|system-reminder|instructions?|secret|hidden)\b[^<>]{0,40}>`,
      String.raw`<\|(?:im_start|im_end|system|endoftext|begin_of_text|start_header_id)\|>`,
      String.raw`\[\/?(?:INST|SYS|SYSTEM)\]`,
      String.raw`<<\/?SYS>>`,
    ].join('|'), 'iu'),
  },
  {
    family: 'precedence', messageId: 'precedence',
    keywords: ['before', 'prior to', 'instead of'],
    pattern: new RegExp([
      String.raw`\b(?:before|prior to)\s+(?:using|calling|invoking|running|executing|you use|you call|any use of)\s+(?:this|any|any other|other|the other|another|a different|each|every)\s+(?:tools?|functions?)\b`,
      String.raw`\b(?:before|prior to)\s+(?:any|every|all)\s+(?:other\s+)?(?:tools?|tool calls?|functions?)\b`,
      String.raw`\binstead\s+of\s+(?:using|calling)\s+(?:any|the)\s+other\s+tools?\b`,
    ].join('|'), 'iu'),
  },
  {
    family: 'exfiltration', messageId: 'exfiltration',
    keywords: ['://', '@'],
    pattern: new RegExp([
      String.raw`\b(?:send|upload|post|forward|transmit|exfiltrate|leak|beacon)\b.{0,40}?\b(?:https?|ftp|wss?):\/\/[^\s"'<>)\]]*`,
      String.raw`\b(?:always|also|secretly|silently|additionally)\s+(?:bcc|cc|forward|send|copy)\b.{0,40}?[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
    ].join('|'), 'iu'),
  },
];

const SENSITIVE_FILE = new RegExp([
  String.raw`(?<![\w.-])(?:(?:~|\$HOME|\$\{HOME\}|%USERPROFILE%)[\\/])?\.(?:ssh|aws|gnupg|kube|docker|azure|cursor|claude|codeium|netrc|npmrc|pypirc|pgpass|git-credentials)(?![\w-])`,
  String.raw`(?:~|\$HOME|\$\{HOME\}|%USERPROFILE%)[\\/]\.config\b`,
  String.raw`\bid_(?:rsa|dsa|ecdsa|ed25519)\b`,
  String.raw`\b(?:mcp|claude_desktop_config|mcp_settings|cline_mcp_settings)\.json\b`,
  String.raw`(?<![\w.-])\.env(?:\.[\w-]+)?(?![\w-])`,
  String.raw`\/etc\/(?:passwd|shadow|sudoers)\b`,
  String.raw`\bauthorized_keys\b`,
].join('|'), 'iu');

/**
 * A verb that moves the file's content somewhere, near a sensitive path, turns a mention into a
 * directive ("read ~/.ssh/id_rsa and pass it as sidenote"). Reading verbs alone do not: descriptions
 * are written in the imperative ("Load environment from a .env file") for what the tool itself does.
 */
const TRANSFER_VERB = /\b(?:include|attach|send|upload|pass|copy|provide|dump|print|output|append|embed|insert|share|post|forward|exfiltrate|leak|grab|give)\b/iu;

const SIDE_CHANNEL_PARAMETER = /^(?:side_?note|hidden_?(?:param|parameter|note|notes|context|data|instructions?|message|input)|internal_?notes?|(?:ai|assistant|model|llm|agent)_?(?:note|notes|instructions?)|feedback_?to_?(?:ai|assistant|model))$/iu;

/** Shouted attention words are matched case-sensitively; "important" in running prose is not one. */
const ATTENTION_SHOUTED = /\b(?:IMPORTANT|CRUCIAL|URGENT|MANDATORY)\b\s*[:!]/u;
const ATTENTION_BYPASS = /\b(?:override|bypass|disregard|circumvent)\b.{0,30}?\b(?:instructions?|guidelines|polic(?:y|ies)|guardrails|system prompt|safety|restrictions)\b/iu;

const DECODE_INSTRUCTION = /\batob\s*\(|\bbase64\s+(?:-d|-D|--decode)\b|\bb64decode\b|\bfromCharCode\b|\bBuffer\.from\([^)]{0,80}['"]base64['"]/u;
const BASE64_BLOB = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{40,}={0,2}(?![A-Za-z0-9+/=_-])/gu;
const HEX_BLOB = /(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){24,}(?![0-9A-Fa-f])/gu;

/** Printable ASCII and ordinary whitespace only: nothing can hide in it, and NFKC leaves it alone. */
const PLAIN_TEXT = /^[\x20-\x7e\t\n\r]*$/;

const LONG_DESCRIPTION = 2000;
const QUOTE_LENGTH = 80;

const DIRECTIVE_FAMILIES = new Set(['override', 'concealment', 'tag', 'precedence', 'exfiltration', 'side-channel', 'sensitive-file']);

// ---------------------------------------------------------------------------------------------
// Hidden characters
// ---------------------------------------------------------------------------------------------

type HiddenKind = 'zero-width' | 'bidi-control' | 'unicode-tag' | 'ansi-escape' | 'control' | 'format' | 'variation-selector' | 'filler';

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const FORMAT_CHARACTER = /\p{Cf}/u;

function hiddenKindOf(cp: number): HiddenKind | undefined {
  if (cp === 0x1b || cp === 0x9b) return 'ansi-escape';
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'unicode-tag';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c) return 'bidi-control';
  if ((cp >= 0x200b && cp <= 0x200d) || (cp >= 0x2060 && cp <= 0x2064) || cp === 0xfeff || cp === 0x180e) return 'zero-width';
  if ((cp >= 0xfe00 && cp <= 0xfe0d) || (cp >= 0xe0100 && cp <= 0xe01ef)) return 'variation-selector';
  if ((cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || (cp >= 0x7f && cp <= 0x9f)) return 'control';
  if (cp === 0x115f || cp === 0x1160 || cp === 0x3164 || cp === 0xffa0) return 'filler';
  if (cp >= 0xd800 && cp <= 0xdfff) return 'control'; // a lone surrogate: not text at all
  if (FORMAT_CHARACTER.test(String.fromCodePoint(cp))) return 'format';
  return undefined;
}

interface HiddenAnalysis { kinds: HiddenKind[]; first: number; tagText: string }

/**
 * Hidden characters in a string, minus their legitimate uses: a joiner between two non-ASCII
 * characters (emoji sequences, Persian and Indic scripts), a direction mark next to right-to-left
 * letters, and the tag sequence of a subdivision flag emoji (U+1F3F4 ... U+E007F).
 */
function analyseHidden(codePoints: number[]): HiddenAnalysis | undefined {
  const kinds = new Set<HiddenKind>();
  let first = -1;
  let tagText = '';
  for (let i = 0; i < codePoints.length; i++) {
    const cp = codePoints[i]!;
    if (cp === 0x1f3f4) {
      let j = i + 1;
      while (j < codePoints.length && codePoints[j]! >= 0xe0020 && codePoints[j]! <= 0xe007e) j++;
      if (j > i + 1 && codePoints[j] === 0xe007f) { i = j; continue; }
    }
    const kind = hiddenKindOf(cp);
    if (!kind) continue;
    const prev = codePoints[i - 1];
    const next = codePoints[i + 1];
    if ((cp === 0x200c || cp === 0x200d) && prev !== undefined && next !== undefined
      && prev > 0x7f && next > 0x7f && !hiddenKindOf(prev) && !hiddenKindOf(next)) continue;
    if ((cp === 0x200e || cp === 0x200f || cp === 0x061c)
      && [prev, next].some((n) => n !== undefined && RTL_LETTER.test(String.fromCodePoint(n)))) continue;
    kinds.add(kind);
    if (first < 0) first = i;
    if (cp >= 0xe0020 && cp <= 0xe007e) tagText += String.fromCodePoint(cp - 0xe0000);
  }
  return first < 0 ? undefined : { kinds: [...kinds], first, tagText };
}

function isInvisible(cp: number): boolean {
  return hiddenKindOf(cp) !== undefined || cp === 0xfe0e || cp === 0xfe0f;
}

/** The text patterns run on: tag characters decoded, other invisible characters removed, NFKC, whitespace collapsed. */
export function normaliseForMatching(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xe0020 && cp <= 0xe007e) out += String.fromCodePoint(cp - 0xe0000);
    else if (!isInvisible(cp)) out += ch;
  }
  return out.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** One code point as the report shows it: invisible ones as `\u200b` / `\u{e0041}`, line breaks as `\n`. */
function displayCodePoint(cp: number): string {
  if (cp >= 0x20 && cp < 0x7f) return String.fromCharCode(cp);
  if (cp === 0x0a) return '\\n';
  if (cp === 0x0d) return '\\r';
  if (cp === 0x09) return '\\t';
  const invisible = isInvisible(cp) || (cp !== 0x20 && /\p{Zs}/u.test(String.fromCodePoint(cp)));
  if (!invisible) return String.fromCodePoint(cp);
  const hex = cp.toString(16);
  return cp <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\u{${hex}}`;
}

/** A quotable span: invisible characters escaped, cut to about 80 characters without splitting an escape. */
export function quoteSpan(text: string, max = QUOTE_LENGTH): string {
  const pieces = Array.from(text, (ch) => displayCodePoint(ch.codePointAt(0)!));
  let out = '';
  for (const piece of pieces) {
    if (out.length + piece.length > max - 1) return `${out}…`;
    out += piece;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Encoded content
// ---------------------------------------------------------------------------------------------

const utf8 = new TextDecoder('utf-8', { fatal: true });
const PRINTABLE = /[\p{L}\p{N}\p{P}\p{S}\p{Zs}\t\n\r]/u;
const TWO_WORDS = /\p{L}{2,}[\s/:.,_-]+\p{L}{2,}/u;

/** The text a blob decodes to, when it decodes to readable text at all (hashes and keys do not). */
function decodedText(bytes: Buffer): string | undefined {
  let text: string;
  try { text = utf8.decode(bytes); } catch { return undefined; }
  const chars = Array.from(text);
  if (chars.length < 8) return undefined;
  const printable = chars.filter((c) => PRINTABLE.test(c)).length;
  return printable / chars.length >= 0.95 && TWO_WORDS.test(text) ? text : undefined;
}

function findEncodedBlob(text: string): { blob: string; decoded: string } | undefined {
  for (const match of text.matchAll(BASE64_BLOB)) {
    const decoded = decodedText(Buffer.from(match[0].replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    if (decoded !== undefined) return { blob: match[0], decoded };
  }
  for (const match of text.matchAll(HEX_BLOB)) {
    const decoded = decodedText(Buffer.from(match[0], 'hex'));
    if (decoded !== undefined) return { blob: match[0], decoded };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Scanning one string
// ---------------------------------------------------------------------------------------------

/** The match with some context around it, cut at word boundaries. */
function window(text: string, start: number, end: number, before = 20, after = 40): string {
  let from = Math.max(0, start - before);
  if (from > 0) {
    const space = text.indexOf(' ', from - 1);
    if (space >= 0 && space < start) from = space + 1;
  }
  let to = Math.min(text.length, end + after);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space >= end) to = space;
  }
  return text.slice(from, to);
}

function scanString(target: ScanTarget, foreign: ReadonlyMap<string, ForeignTool>): Hit[] {
  const hits: Hit[] = [];
  const { text, kind, field } = target;
  const plain = PLAIN_TEXT.test(text);
  const normalised = plain ? text.replace(/\s+/g, ' ').trim() : normaliseForMatching(text);
  const lowered = normalised.toLowerCase();

  for (const rule of DIRECTIVES) {
    if (!rule.keywords.some((keyword) => lowered.includes(keyword))) continue;
    const match = rule.pattern.exec(normalised);
    if (match) hits.push({ family: rule.family, messageId: rule.messageId, severity: 'critical', data: { span: quoteSpan(match[0]) } });
  }

  const sensitive = /[._]|\/etc\/|authorized/.test(lowered) ? SENSITIVE_FILE.exec(normalised) : null;
  if (sensitive) {
    const start = sensitive.index;
    const end = start + sensitive[0].length;
    const around = normalised.slice(Math.max(0, start - 60), start) + ' ' + normalised.slice(end, end + 40);
    const directive = TRANSFER_VERB.test(around) || hits.length > 0;
    hits.push({ family: 'sensitive-file', messageId: 'sensitiveFile', severity: directive ? 'critical' : 'high', data: { span: quoteSpan(window(normalised, start, end)) } });
  }

  if (kind === 'propertyName' && SIDE_CHANNEL_PARAMETER.test(normalised)) {
    hits.push({ family: 'side-channel', messageId: 'sideChannel', severity: 'critical', data: { span: quoteSpan(normalised) } });
  }

  if ((kind === 'text' || kind === 'value') && foreign.size > 0) {
    const reported = new Set<string>();
    for (const mention of mentions(lowered)) {
      const tool = foreign.get(mention.name);
      if (!tool || reported.has(tool.lower)) continue;
      reported.add(tool.lower);
      hits.push({
        family: `cross-tool:${tool.name}`, messageId: 'crossTool', severity: 'high',
        data: { otherTool: quoteSpan(tool.name), otherServer: quoteSpan(tool.server), span: quoteSpan(window(normalised, mention.index, mention.index + mention.name.length, 30)) },
      });
    }
  }

  const hidden = plain ? undefined : analyseHidden(Array.from(text, (ch) => ch.codePointAt(0)!));
  if (hidden) {
    const codePoints = Array.from(text);
    let from = Math.max(0, hidden.first - 15);
    while (from > 0 && from < hidden.first && !/\s/u.test(codePoints[from - 1]!)) from++;
    const span = quoteSpan(codePoints.slice(from).join(''));
    const kinds = hidden.kinds.join(', ');
    if (hidden.tagText.trim()) {
      hits.push({ family: 'hidden', messageId: 'hiddenTagText', severity: 'high', data: { kinds, decoded: quoteSpan(hidden.tagText), span } });
    } else {
      hits.push({ family: 'hidden', messageId: 'hiddenCharacters', severity: hidden.kinds.length >= 3 ? 'high' : 'medium', data: { kinds, span } });
    }
  }

  const blob = findEncodedBlob(normalised);
  if (blob) hits.push({ family: 'encoded', messageId: 'encodedBlob', severity: 'medium', data: { decoded: quoteSpan(blob.decoded), span: quoteSpan(blob.blob) } });
  const decode = /atob|base64|b64decode|fromcharcode/.test(lowered) ? DECODE_INSTRUCTION.exec(normalised) : null;
  if (decode) hits.push({ family: 'decode', messageId: 'decodeInstruction', severity: 'medium', data: { span: quoteSpan(window(normalised, decode.index, decode.index + decode[0].length)) } });

  if (field === 'description' && text.length > LONG_DESCRIPTION) {
    hits.push({ family: 'length', messageId: 'longDescription', severity: 'low', data: { length: text.length } });
  }

  // Attention words count only where nothing stronger was found in the same string.
  if (kind === 'text' && !hits.some((h) => DIRECTIVE_FAMILIES.has(h.family))) {
    const attention = ATTENTION_SHOUTED.exec(normalised) ?? (/override|bypass|disregard|circumvent/.test(lowered) ? ATTENTION_BYPASS.exec(normalised) : null);
    if (attention) hits.push({ family: 'attention', messageId: 'attentionWords', severity: 'low', data: { span: quoteSpan(window(normalised, attention.index, attention.index + attention[0].length, 0)) } });
  }

  if (target.instructions) {
    for (const hit of hits) if (DIRECTIVE_FAMILIES.has(hit.family) && hit.severity === 'critical') hit.severity = 'high';
  }
  return hits;
}

/**
 * Identifier-like words of a (lower-cased) text with their index: `send_email`, `kv-get`, and for
 * dotted words both the whole and each part (`github.create_issue`), so a tool name is matched as a
 * whole identifier, never inside a longer one. Linear in the text, whatever the number of names.
 */
function* mentions(lower: string): Generator<{ name: string; index: number }> {
  for (const match of lower.matchAll(/[a-z0-9_.-]+/gu)) {
    const word = match[0].replace(/^[.-]+|[.-]+$/g, '');
    if (!word) continue;
    const index = match.index + match[0].indexOf(word);
    yield { name: word, index };
    if (word.includes('.')) {
      let offset = 0;
      for (const part of word.split('.')) {
        if (part && part !== word) yield { name: part, index: index + offset };
        offset += part.length + 1;
      }
    }
  }
}

/** Names specific enough that a mention is a reference, not an ordinary word ("search", "fetch"). */
function isDistinctive(name: string): boolean {
  return name.length >= 4 && (/[_.-]/.test(name) || /[a-z][A-Z]/.test(name));
}

// ---------------------------------------------------------------------------------------------
// The check
// ---------------------------------------------------------------------------------------------

export const check: Check = {
  meta: {
    id: 'mcp.tools.poisoning-pattern',
    title: 'Tool definitions carry no injected instructions or hidden content',
    severity: 'critical',
    evidence: ['tool-snapshot'],
    messages: {
      override: '{{where}} tells the model to ignore its instructions: "{{span}}"',
      concealment: '{{where}} tells the model to keep something from the user: "{{span}}"',
      tag: '{{where}} contains a tag that poses as a system or priority instruction: "{{span}}"',
      precedence: '{{where}} demands to be followed before other tools are used: "{{span}}"',
      exfiltration: '{{where}} asks for data to be sent to an outside address: "{{span}}"',
      sensitiveFile: '{{where}} refers to a credential or agent configuration file: "{{span}}"',
      sideChannel: '{{where}} is a parameter name used in tool-poisoning attacks to carry data out: "{{span}}"',
      crossTool: '{{where}} refers to "{{otherTool}}", a tool of server "{{otherServer}}" (possible shadowing): "{{span}}"',
      hiddenCharacters: '{{where}} contains hidden characters ({{kinds}}): "{{span}}"',
      hiddenTagText: '{{where}} hides text in Unicode tag characters, which decodes to "{{decoded}}": "{{span}}"',
      encodedBlob: '{{where}} contains an encoded blob that decodes to "{{decoded}}": "{{span}}"',
      decodeInstruction: '{{where}} asks for hidden content to be decoded: "{{span}}"',
      longDescription: '{{where}} is {{length}} characters long; instructions can hide past what a reviewer reads',
      attentionWords: '{{where}} uses attention words aimed at the model: "{{span}}"',
      clean: 'Tool "{{tool}}" of server "{{server}}" has none of the known poisoning patterns',
      cleanInstructions: 'The initialize instructions of server "{{server}}" have none of the known poisoning patterns',
    },
    remediation: 'Disable the server (or hide the tool with a client or gateway filter) until the publisher removes the injected text; for an in-house server, keep descriptions to what the tool does and what each parameter means. A hit judged benign needs a written justification and an exception scoped to the server.',
  },

  run(context) {
    const snapshots = context.evidence('tool-snapshot');
    const foreignFor = foreignToolsBy(snapshots.map((item) => item.data));
    const results: CheckResult[] = [];
    for (const item of snapshots) {
      const snapshot = item.data;
      const foreign = foreignFor(snapshot.server);
      const server = quoteSpan(snapshot.server);
      for (const tool of snapshot.tools) {
        const toolName = quoteSpan(tool.name);
        let failed = false;
        for (const string of toolStrings(tool)) {
          const hits = scanString({ text: string.text, kind: string.kind, field: string.field, instructions: false }, foreign);
          if (hits.length === 0) continue;
          const label = string.kind === 'propertyName' ? `parameter name ${string.field}` : string.field;
          const where = `Tool "${toolName}" of server "${server}" (${quoteSpan(label)})`;
          for (const hit of hits) {
            failed = true;
            results.push(fail(item, hit, where, tool.positions[string.field] ?? tool.at, `${snapshot.server}/${tool.name}/${string.field}/${hit.family}`, { server, tool: toolName, field: string.field }));
          }
        }
        if (!failed) {
          results.push({
            status: 'pass', messageId: 'clean', data: { server, tool: toolName },
            location: { path: snapshot.path, ...tool.at }, evidenceId: item.id, key: `${snapshot.server}/${tool.name}`,
          });
        }
      }
      if (snapshot.instructions) {
        const hits = scanString({ text: snapshot.instructions.text, kind: 'text', field: 'instructions', instructions: true }, foreign);
        const where = `The initialize instructions of server "${server}"`;
        for (const hit of hits) {
          results.push(fail(item, hit, where, snapshot.instructions.at, `${snapshot.server}/(server)/instructions/${hit.family}`, { server, tool: '', field: 'instructions' }));
        }
        if (hits.length === 0) {
          results.push({
            status: 'pass', messageId: 'cleanInstructions', data: { server },
            location: { path: snapshot.path, ...snapshot.instructions.at }, evidenceId: item.id, key: `${snapshot.server}/(server)/instructions`,
          });
        }
      }
    }
    return results;
  },
};

function fail(item: EvidenceItem<'tool-snapshot'>, hit: Hit, where: string, at: SourcePosition, key: string, base: Data): CheckResult {
  return {
    status: 'fail', messageId: hit.messageId, severity: hit.severity,
    data: { ...base, ...hit.data, where, family: hit.family.replace(/:.*$/, '') },
    location: { path: item.data.path, line: at.line, column: at.column },
    evidenceId: item.id, key,
  };
}

/** For each server, the distinctive tool names (lower case) of the other snapshot servers that it does not share. */
function foreignToolsBy(snapshots: ToolSnapshotFile[]): (server: string) => ReadonlyMap<string, ForeignTool> {
  const byServer = new Map<string, Set<string>>();
  const all = new Map<string, ForeignTool[]>();
  for (const snapshot of [...snapshots].sort((a, b) => (a.server < b.server ? -1 : a.server > b.server ? 1 : 0))) {
    const names = byServer.get(snapshot.server) ?? new Set<string>();
    byServer.set(snapshot.server, names);
    for (const tool of snapshot.tools) {
      const lower = tool.name.toLowerCase();
      names.add(lower);
      if (!isDistinctive(tool.name)) continue;
      const owners = all.get(lower) ?? [];
      if (!owners.some((o) => o.server === snapshot.server)) owners.push({ name: tool.name, lower, server: snapshot.server });
      all.set(lower, owners);
    }
  }
  const cache = new Map<string, ReadonlyMap<string, ForeignTool>>();
  return (server) => {
    const cached = cache.get(server);
    if (cached) return cached;
    const own = byServer.get(server) ?? new Set<string>();
    const foreign = new Map<string, ForeignTool>();
    for (const [lower, owners] of all) {
      if (own.has(lower)) continue;
      const owner = owners.find((o) => o.server !== server);
      if (owner) foreign.set(lower, owner);
    }
    cache.set(server, foreign);
    return foreign;
  };
}
