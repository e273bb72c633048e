/**
 * mcp.tools.poisoning-pattern (MCP-TI-01): every string an MCP server puts in the model's context
 * (tool name, title, description, inputSchema/outputSchema property names, descriptions, defaults,
 * enums and examples, annotation title; prompt, resource and resource-template names, descriptions,
 * URIs and prompt arguments; and the server's initialize instructions) is scanned for the
 * tool-poisoning families of reference/mcp-formats.md §3.10 and the hidden content of §3.7
 * MCP-TOOL-003. The pattern tables are in poisoning-patterns.ts.
 *
 * Severity tiers (§3.7):
 * - injection directives (override, concealment, instruction tags, precedence coercion, exfiltration
 *   to a URL or mailbox, side-channel parameters, a credential file with a verb that moves its content,
 *   a parameter named after a secret to read) are critical in a tool, high in the initialize
 *   instructions (MCP-TOOL-006), prompts and resources (which reach the model when the user picks them);
 * - a credential or agent-config file named without such a verb is high;
 * - a reference to another snapshot server's tool (shadowing, MCP-TOOL-002) is high;
 * - an optional, undocumented free-text parameter with a carrier's name (`notes`, `context`,
 *   `feedback`, `metadata`, `debug`...) is high: an unexplained way for data to leave;
 * - markup a client may render that fetches a URL with room for data (a remote image with a query or
 *   placeholder, `<script>`, a link whose query takes a placeholder) is high, a plain remote image medium;
 * - urgency (a threat of failure, "VERY VERY important", a made-up compliance mandate) is medium;
 * - hidden characters (zero-width, bidi controls, tag characters, ANSI escapes...) are medium, high
 *   with three or more kinds or a decoded Unicode-tag message; encoded blobs that decode to text and
 *   decoding instructions are medium; a description over 2,000 characters is low;
 * - attention words alone ("IMPORTANT:", "bypass ... guidelines") are low.
 *
 * Patterns run on a normalised copy of each string (NFKC, invisible characters removed, Unicode tag
 * characters decoded to the ASCII they hide, whitespace collapsed), so hiding a zero-width space in
 * "ignore" does not hide the directive. Messages quote the matched span (about 80 characters) with
 * invisible characters written as escapes (`\u200b`): a report must show what is hidden.
 *
 * One result per string, family (and, for shadowing, referenced tool); one pass per clean tool,
 * prompt, resource and instructions. Result keys: `<server>/<tool>/<field>/<family>`, with `(server)`
 * as the tool for the instructions and `prompt:<name>`, `resource:<name>`, `resource-template:<name>`
 * for the others.
 */
import type { Severity } from '../../catalog/model.js';
import { entityStrings, isRecord, toolStrings, type ToolString, type ToolStringKind } from '../../collectors/tool-snapshot/fields.js';
import type { SnapshotTool, ToolSnapshotFile } from '../../collectors/tool-snapshot/model.js';
import type { EvidenceItem } from '../../evidence/types.js';
import { identifierWords } from '../../lib/identifier-words.js';
import type { SourcePosition } from '../../lib/source-position.js';
import type { Check, CheckResult } from '../types.js';
import {
  ATTENTION_BYPASS, ATTENTION_SHOUTED, BASE64_BLOB, CARRIER_PARAMETER, DECODE_INSTRUCTION, DIRECTIVE_FAMILIES, DIRECTIVES, HEX_BLOB,
  LONG_DESCRIPTION, MARKUP_ACTIVE, MARKUP_DATA_LINK, MARKUP_DATA_URL, MARKUP_REMOTE_IMAGE, SENSITIVE_FILE, SENSITIVE_PARAMETER_WORDS,
  SIDE_CHANNEL_PARAMETER, TRANSFER_VERB, URGENCY,
} from './poisoning-patterns.js';

/** Printable ASCII and ordinary whitespace only: nothing can hide in it, and NFKC leaves it alone. */
const PLAIN_TEXT = /^[\x20-\x7e\t\n\r]*$/;
const QUOTE_LENGTH = 80;

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
  /** Instructions, prompts and resources: directives there are high, not critical. */
  outsideTools: boolean;
  /** A parameter that is optional, a free string and explained nowhere (see CARRIER_PARAMETER). */
  undocumented?: boolean;
}

/** A tool name of another server that a description may refer to. */
interface ForeignTool { name: string; lower: string; server: string }


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

  if (kind === 'propertyName') {
    const words = identifierWords(normalised).join(' ');
    if (SIDE_CHANNEL_PARAMETER.test(normalised)) {
      hits.push({ family: 'side-channel', messageId: 'sideChannel', severity: 'critical', data: { span: quoteSpan(normalised) } });
    } else if (target.undocumented && CARRIER_PARAMETER.test(normalised)) {
      hits.push({ family: 'side-channel', messageId: 'undocumentedParameter', severity: 'high', data: { span: quoteSpan(normalised) } });
    }
    if (!sensitive && SENSITIVE_PARAMETER_WORDS.test(words)) {
      hits.push({ family: 'sensitive-file', messageId: 'sensitiveParameter', severity: 'critical', data: { span: quoteSpan(normalised) } });
    }
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

  if (kind === 'text' || kind === 'value') {
    const urgency = /otherwise|or else|if you|crash|lost|important|required|mandatory|critical/.test(lowered) ? URGENCY.exec(normalised) : null;
    if (urgency) hits.push({ family: 'urgency', messageId: 'urgency', severity: 'medium', data: { span: quoteSpan(window(normalised, urgency.index, urgency.index + urgency[0].length, 0)) } });
    const markup = /!\[|<|\]\(|href/.test(normalised) ? markupIn(normalised) : undefined;
    if (markup) hits.push({ family: 'markup', messageId: markup.messageId, severity: markup.severity, data: { span: quoteSpan(markup.span) } });
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

  if (target.outsideTools) {
    for (const hit of hits) if (DIRECTIVE_FAMILIES.has(hit.family) && hit.severity === 'critical') hit.severity = 'high';
  }
  return hits;
}

/** The first markup a client may render that fetches or runs something, strongest kind first. */
function markupIn(text: string): { messageId: string; severity: Severity; span: string } | undefined {
  const active = MARKUP_ACTIVE.exec(text);
  if (active) return { messageId: 'markupActive', severity: 'high', span: window(text, active.index, active.index + active[0].length, 0) };
  const data = MARKUP_DATA_URL.exec(text) ?? MARKUP_DATA_LINK.exec(text);
  if (data) return { messageId: 'markupDataUrl', severity: 'high', span: data[0] };
  const image = MARKUP_REMOTE_IMAGE.exec(text);
  if (image) return { messageId: 'markupRemoteImage', severity: 'medium', span: image[0] };
  return undefined;
}

/**
 * A parameter the model could fill with anything and nobody would know why: optional, a string (or
 * untyped), with no description of its own and not named in the tool's description.
 */
function isUndocumentedParameter(tool: SnapshotTool, string: ToolString): boolean {
  const [schemaKey, propertiesKey, name] = string.path;
  if (string.kind !== 'propertyName' || string.path.length !== 3 || schemaKey !== 'inputSchema' || propertiesKey !== 'properties' || typeof name !== 'string') return false;
  const schema = tool.inputSchema as Record<string, unknown>;
  const property = isRecord(schema.properties) && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
  if (!isRecord(property)) return false;
  const required = Array.isArray(schema.required) && schema.required.includes(name);
  const type = property.type;
  const freeString = type === undefined || type === 'string' || (Array.isArray(type) && type.includes('string'));
  // FastMCP titles every parameter after its name ("sidenote" -> "Sidenote"): that explains nothing.
  const explained = [property.description, property.title].some((t) => typeof t === 'string' && t.trim().length > 0 && identifierWords(t).join(' ') !== identifierWords(name).join(' '))
    || property.enum !== undefined || property.const !== undefined || property.format !== undefined || property.pattern !== undefined
    || (tool.description ?? '').toLowerCase().includes(name.toLowerCase());
  return !required && freeString && !explained;
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
      undocumentedParameter: '{{where}} is an optional free-text parameter that nothing explains, a way to carry data out: "{{span}}"',
      sensitiveParameter: '{{where}} is a parameter named after a credential file to read: "{{span}}"',
      urgency: '{{where}} pressures the model with urgency or a made-up mandate: "{{span}}"',
      markupActive: '{{where}} contains markup that runs or embeds content when rendered: "{{span}}"',
      markupDataUrl: '{{where}} contains markup whose URL has room for data, fetched when rendered: "{{span}}"',
      markupRemoteImage: '{{where}} contains a remote image, fetched when rendered: "{{span}}"',
      crossTool: '{{where}} refers to "{{otherTool}}", a tool of server "{{otherServer}}" (possible shadowing): "{{span}}"',
      hiddenCharacters: '{{where}} contains hidden characters ({{kinds}}): "{{span}}"',
      hiddenTagText: '{{where}} hides text in Unicode tag characters, which decodes to "{{decoded}}": "{{span}}"',
      encodedBlob: '{{where}} contains an encoded blob that decodes to "{{decoded}}": "{{span}}"',
      decodeInstruction: '{{where}} asks for hidden content to be decoded: "{{span}}"',
      longDescription: '{{where}} is {{length}} characters long; instructions can hide past what a reviewer reads',
      attentionWords: '{{where}} uses attention words aimed at the model: "{{span}}"',
      clean: 'Tool "{{tool}}" of server "{{server}}" has none of the known poisoning patterns',
      cleanInstructions: 'The initialize instructions of server "{{server}}" have none of the known poisoning patterns',
      cleanEntity: '{{kind}} "{{name}}" of server "{{server}}" has none of the known poisoning patterns',
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
      /** Scans the strings of one unit (a tool, prompt, resource, or the instructions); true when it failed. */
      const scanUnit = (unit: string, describe: string, strings: ToolString[], positions: Record<string, SourcePosition>, at: SourcePosition, options: { outsideTools: boolean; tool?: SnapshotTool; whole?: boolean }): boolean => {
        let failed = false;
        for (const string of strings) {
          const undocumented = options.tool !== undefined && isUndocumentedParameter(options.tool, string);
          const hits = scanString({ text: string.text, kind: string.kind, field: string.field, outsideTools: options.outsideTools, undocumented }, foreign);
          if (hits.length === 0) continue;
          const label = string.kind === 'propertyName' ? `parameter name ${string.field}` : string.field;
          // The instructions are one string: naming the field again would say nothing.
          const where = options.whole ? describe : `${describe} (${quoteSpan(label)})`;
          for (const hit of hits) {
            failed = true;
            results.push(fail(item, hit, where, positions[string.field] ?? at, `${snapshot.server}/${unit}/${string.field}/${hit.family}`, { server, tool: options.whole ? '' : quoteSpan(unit), field: string.field }));
          }
        }
        return failed;
      };
      for (const tool of snapshot.tools) {
        const toolName = quoteSpan(tool.name);
        if (!scanUnit(tool.name, `Tool "${toolName}" of server "${server}"`, toolStrings(tool), tool.positions, tool.at, { outsideTools: false, tool })) {
          results.push({
            status: 'pass', messageId: 'clean', data: { server, tool: toolName },
            location: { path: snapshot.path, ...tool.at }, evidenceId: item.id, key: `${snapshot.server}/${tool.name}`,
          });
        }
      }
      for (const entity of snapshot.entities ?? []) {
        const unit = `${entity.kind}:${entity.name}`;
        const name = quoteSpan(entity.name);
        const kind = ENTITY_LABELS[entity.kind];
        if (!scanUnit(unit, `${kind} "${name}" of server "${server}"`, entityStrings(entity), entity.positions, entity.at, { outsideTools: true })) {
          results.push({
            status: 'pass', messageId: 'cleanEntity', data: { server, kind, name },
            location: { path: snapshot.path, ...entity.at }, evidenceId: item.id, key: `${snapshot.server}/${unit}`,
          });
        }
      }
      if (snapshot.instructions) {
        const { text, at } = snapshot.instructions;
        const strings: ToolString[] = [{ field: 'instructions', path: ['instructions'], text, kind: 'text' }];
        if (!scanUnit('(server)', `The initialize instructions of server "${server}"`, strings, { instructions: at }, at, { outsideTools: true, whole: true })) {
          results.push({
            status: 'pass', messageId: 'cleanInstructions', data: { server },
            location: { path: snapshot.path, ...at }, evidenceId: item.id, key: `${snapshot.server}/(server)/instructions`,
          });
        }
      }
    }
    return results;
  },
};

const ENTITY_LABELS = { prompt: 'Prompt', resource: 'Resource', 'resource-template': 'Resource template' } as const;

function fail(item: EvidenceItem<'tool-snapshot'>, hit: Hit, where: string, at: SourcePosition, key: string, base: Data): CheckResult {
  return {
    status: 'fail', messageId: hit.messageId, severity: hit.severity,
    data: { ...base, ...hit.data, where, family: hit.family.replace(/:.*$/, '') },
    location: { path: item.data.path, line: at.line, column: at.column },
    evidenceId: item.id, key,
  };
}

/**
 * For each server, the distinctive tool names (lower case) of the other snapshot servers that it does
 * not share. A name that is one of the server's own enum values is its own vocabulary, not a
 * reference (github-mcp-server's `projects_write` takes `method: "create_project"`).
 */
function foreignToolsBy(snapshots: ToolSnapshotFile[]): (server: string) => ReadonlyMap<string, ForeignTool> {
  const byServer = new Map<string, Set<string>>();
  const all = new Map<string, ForeignTool[]>();
  for (const snapshot of [...snapshots].sort((a, b) => (a.server < b.server ? -1 : a.server > b.server ? 1 : 0))) {
    const names = byServer.get(snapshot.server) ?? new Set<string>();
    byServer.set(snapshot.server, names);
    for (const tool of snapshot.tools) {
      const lower = tool.name.toLowerCase();
      names.add(lower);
      for (const string of toolStrings(tool)) if (string.kind === 'value' && string.path.includes('enum')) names.add(string.text.toLowerCase());
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
