/**
 * The pattern tables of mcp.tools.poisoning-pattern (our own regexes; the families follow
 * reference/mcp-formats.md §3.10 and the published examples in test/fixtures/real-world/tools/poisoned/).
 * Data only: the check (mcp.tools.poisoning-pattern.ts) decides where each runs and how severe a hit is.
 *
 * Every pattern runs on normalised text (NFKC, invisible characters removed, whitespace collapsed)
 * and is measured on the benign corpus (test/fixtures/real-world/tools/benign/, bench/poisoning-precision.mjs):
 * a phrasing that real tools use for what they do (a prerequisite, "before calling this tool, publish
 * the DNS records") is left out or narrowed, and the corpus test fails when a benign tool starts matching.
 */

const QUALIFIER = String.raw`(?:previous|prior|above|earlier|preceding|other|system|system's|safety|security|existing|original|developer|all|any|your|my)`;
const RULES = String.raw`(?:instructions?|rules|directives?|prompts?|guidelines|guardrails|context|polic(?:y|ies)|restrictions|constraints|commands?)`;
/** A negation before a verb of telling: "do not", "never", "there is no need to", "you don't have to". */
const NEGATION = String.raw`(?:do\s+not|don't|dont|never|must\s+not|mustn't|should\s+not|shouldn't|need\s+not|(?:there\s+is|there's)\s+no\s+need\s+to|no\s+need\s+to|(?:you\s+)?(?:do\s+not|don't)\s+(?:need|have)\s+to)`;
const TELL = String.raw`(?:tell|mention|inform|reveal|show|notify|alert|disclose|explain|report|bring\s+up|say)`;

/** `keywords`: lower-case strings one of which any match contains; the regex runs only when one is present. */
export interface DirectiveRule { family: string; messageId: string; keywords: string[]; pattern: RegExp }

export const DIRECTIVES: DirectiveRule[] = [
  {
    family: 'override', messageId: 'override',
    keywords: ['ignore', 'disregard', 'forget', 'override', 'bypass', 'overrule', 'from now on', 'henceforth', 'your new', 'command'],
    pattern: new RegExp([
      String.raw`\b(?:ignore|disregard|forget|override|bypass|overrule)\s+(?:(?:the|of|all|any)\s+){0,2}(?:${QUALIFIER}\s+){1,2}${RULES}\b`,
      String.raw`\b(?:ignore|disregard|forget)\s+(?:everything|anything|all)\s+(?:above|before|previously|earlier|you (?:were|have been) told)\b`,
      String.raw`\b(?:from now on|henceforth),?\s+you\s+(?:are|will|must|should)\b`,
      String.raw`\byour\s+new\s+(?:instructions|task|role|goal)\b`,
      // Trail of Bits' line jumping: every command the model writes, for any tool, gets a prefix.
      String.raw`\b(?:all|every|each|any)\s+(?:shell\s+|bash\s+|terminal\s+)?commands?\s+(?:must|should|need\s+to|have\s+to)\s+(?:always\s+)?(?:include|start\s+with|begin\s+with|be\s+prefixed\s+with)\s+(?:the\s+)?prefix\b`,
    ].join('|'), 'iu'),
  },
  {
    family: 'concealment', messageId: 'concealment',
    keywords: ['user', 'mention', 'tell', 'reveal', 'disclose', 'secret', 'silently', 'covertly', 'quietly', 'between us', 'without', 'hide', 'conceal'],
    pattern: new RegExp([
      // "do not tell the user", "there is no need to mention this to the user", "don't notify the user about it"
      String.raw`\b${NEGATION}\s+(?:ever\s+)?${TELL}(?:ing)?\b.{0,30}?\b(?:users?|human)\b`,
      // "Do not mention that you first need to read the file", "do not reveal this step"
      String.raw`\b${NEGATION}\s+(?:ever\s+)?(?:mention|tell|reveal|disclose|say)\s+(?:that\s+you\b|(?:this|these|that)\s+(?:step|steps|instructions?|requirement|side[\s-]effect|operation|prefix)\b)`,
      String.raw`\b${NEGATION}\s+let\s+(?:the\s+)?(?:users?|them|anyone)\s+(?:know|see|notice|find\s+out)\b`,
      String.raw`\bwithout\s+(?:telling|informing|letting|alerting|notifying)\s+(?:the\s+)?(?:users?|them|anyone)\b`,
      String.raw`\bwithout\s+the\s+users?(?:'s)?\s+(?:knowing|knowledge|noticing|awareness)\b`,
      String.raw`\b(?:hide|conceal)\b.{0,30}?\bfrom\s+(?:the\s+)?users?\b`,
      String.raw`\bkeep\b.{0,30}?\bfrom\s+the\s+users?\b`,
      String.raw`\bkeep\s+(?:this|it|that)\s+(?:between\s+us|secret|to\s+yourself|confidential\s+from)\b`,
      String.raw`\bthe\s+users?\s+(?:must|should|will|need|does|do)\s*(?:not|n't|never)\s+(?:to\s+)?(?:know|see|notice|be\s+told|be\s+informed|find\s+out|learn|be\s+aware)\b`,
      String.raw`\bthis\s+is\s+a\s+secret\s+(?:operation|instruction|step|task)\b`,
      String.raw`\b(?:silently|secretly|covertly|quietly)\s+(?:send|post|upload|forward|copy|exfiltrate|transmit|include|attach|append|call|invoke)\b`,
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
    keywords: ['before', 'prior to', 'instead of', 'this tool', 'priority', 'precedence'],
    pattern: new RegExp([
      // "before calling any other tool"; not "before calling this tool" (a prerequisite, in real tools)
      String.raw`\b(?:before|prior\s+to)\s+(?:using|calling|invoking|running|executing|you\s+use|you\s+call|any\s+use\s+of)\s+(?:any|any\s+other|other|the\s+other|another|a\s+different|each|every)\s+(?:tools?|functions?)\b`,
      String.raw`\b(?:before|prior\s+to)\s+(?:any|every|all)\s+(?:other\s+)?(?:tools?|tool\s+calls?|functions?)\b`,
      // "Before using this tool, read ~/.cursor/mcp.json": a prerequisite that is an errand
      String.raw`\bbefore\s+(?:using|calling|invoking)\s+this\s+tool,?\s+(?:you\s+(?:must|should)\s+)?(?:first\s+)?(?:read|send|include|pass|collect|gather|fetch|open|copy|call\s+(?!it\b))`,
      String.raw`\binstead\s+of\s+(?:using|calling)\s+(?:any|the)\s+other\s+tools?\b`,
      String.raw`\balways\s+(?:consult|call|use|invoke|run|check)\s+this\s+tool\s+(?:first|immediately|before)\b`,
      String.raw`\b(?:consult|call|use|invoke|run)\s+this\s+tool\s+(?:immediately\s+)?(?:as\s+the\s+first\s+step|before\s+(?:anything|doing\s+anything|asking|answering|responding|providing\s+any))`,
      String.raw`\bthis\s+tool\s+(?:must|should|has\s+to|needs\s+to)\s+(?:always\s+)?be\s+(?:called|used|invoked|run|consulted)\s+(?:first\b|before\s+(?:any|all|every|other|anything)\b)`,
      String.raw`\b(?:takes?|has|have|given)\s+(?:priority|precedence)\s+over\s+(?:all\s+|any\s+)?(?:other\s+)?(?:tools?|instructions?|servers?|functions?)\b`,
    ].join('|'), 'iu'),
  },
  {
    family: 'exfiltration', messageId: 'exfiltration',
    keywords: ['://', '@', 'recipient'],
    pattern: new RegExp([
      String.raw`\b(?:send|upload|post|forward|transmit|exfiltrate|leak|beacon)\b.{0,40}?\b(?:https?|ftp|wss?):\/\/[^\s"'<>)\]]*`,
      String.raw`\b(?:always|also|secretly|silently|additionally)\s+(?:bcc|cc|forward|send|copy)\b.{0,40}?[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
      String.raw`\b(?:send|forward|redirect|copy|bcc)\s+(?:all|every|each|any)\s+(?:e-?mails?|messages?|mails?)\s+to\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
      String.raw`\bchange\s+the\s+recipient\s+to\b`,
    ].join('|'), 'iu'),
  },
];

export const SENSITIVE_FILE = new RegExp([
  String.raw`(?<![\w.-])(?:(?:~|\$HOME|\$\{HOME\}|%USERPROFILE%)[\\/])?\.(?:ssh|aws|gnupg|kube|docker|azure|cursor|claude|codeium|netrc|npmrc|pypirc|pgpass|git-credentials)(?![\w-])`,
  String.raw`(?:~|\$HOME|\$\{HOME\}|%USERPROFILE%)[\\/]\.config\b`,
  String.raw`\bid_(?:rsa|dsa|ecdsa|ed25519)\b`,
  String.raw`\b(?:mcp|claude_desktop_config|mcp_settings|cline_mcp_settings)\.json\b`,
  String.raw`(?<![\w.-])\.env(?:\.[\w-]+)?(?![\w-])`,
  String.raw`\/etc\/(?:passwd|shadow|sudoers|secrets)\b`,
  String.raw`\bauthorized_keys\b`,
].join('|'), 'iu');

/**
 * A parameter name that spells out a secret to fetch (CyberArk's full-schema poisoning:
 * `content_from_reading_ssh_id_rsa`), matched on the name split into words. A key file's name, or
 * reading a secret store; not `private_key` alone, which certificate uploads take.
 */
export const SENSITIVE_PARAMETER_WORDS = /\b(?:ssh\s+id\s+(?:rsa|dsa|ecdsa|ed25519)|id\s+(?:rsa|dsa|ecdsa|ed25519)|aws\s+credentials|mcp\s+json|etc\s+(?:passwd|shadow))\b|\b(?:read|reading|contents?)\b.*\b(?:ssh|gnupg|netrc|npmrc|pypirc|pgpass|private\s+key)\b/iu;

/**
 * A verb that moves the file's content somewhere, near a sensitive path, turns a mention into a
 * directive ("read ~/.ssh/id_rsa and pass it as sidenote"). Reading verbs alone do not: descriptions
 * are written in the imperative ("Load environment from a .env file") for what the tool itself does.
 */
export const TRANSFER_VERB = /\b(?:include|attach|send|upload|pass|copy|provide|dump|print|output|append|embed|insert|share|post|forward|exfiltrate|leak|grab|give)\b/iu;

/** Parameter names that published attacks use to carry data out, whatever their schema says. */
export const SIDE_CHANNEL_PARAMETER = /^(?:side_?note|hidden_?(?:param|parameter|note|notes|context|data|instructions?|message|input)|internal_?notes?|(?:ai|assistant|model|llm|agent)_?(?:note|notes|instructions?)|feedback_?to_?(?:ai|assistant|model))$/iu;

/**
 * Names of a free-text parameter the model would fill with whatever it was told to put there.
 * Such a parameter counts only when it is optional, a string, described nowhere (no description of
 * its own, and its name not in the tool's description): an unexplained place for data to leave by.
 */
export const CARRIER_PARAMETER = /^(?:notes?|context|feedback|metadata|meta|debug|debug_?info|extra|extra_?(?:info|data)|comments?|remarks?|annotations?|details|reasoning|thoughts?|memo|misc|info|additional_?(?:info|context|data|notes))$/iu;

/** Shouted attention words are matched case-sensitively; "important" in running prose is not one. */
export const ATTENTION_SHOUTED = /\b(?:IMPORTANT|CRUCIAL|URGENT|MANDATORY)\b\s*[:!]/u;
export const ATTENTION_BYPASS = /\b(?:override|bypass|disregard|circumvent)\b.{0,30}?\b(?:instructions?|guidelines|polic(?:y|ies)|guardrails|system prompt|safety|restrictions)\b/iu;

/**
 * Pressure on the model: a threat of failure if it does not comply, stacked intensifiers, or a
 * made-up compliance mandate. Medium: alone it steers, it does not yet say what to do.
 */
export const URGENCY = new RegExp([
  String.raw`\b(?:otherwise|or\s+else|if\s+you\s+(?:don't|do\s+not|violate|fail\s+to|omit))\b[^.;]{0,60}?\b(?:tool|system|application|app|server|request|workflow|proxy)\s+(?:will|would)\s+(?:not\s+work|crash|fail|break|stop\s+working|be\s+blocked)`,
  String.raw`\bthe\s+(?:system|application|app|server)\s+will\s+crash\b`,
  String.raw`\ball\s+(?:the\s+)?data\s+will\s+be\s+lost\b`,
  String.raw`\b(?:very\s+){2,}important\b`,
  String.raw`\b(?:required|mandatory)\s+for\s+(?:internal\s+)?(?:auditing|audit|compliance|gdpr|soc\s?2)\b`,
  String.raw`\bcritical\s+compliance\s+requirement\b`,
  String.raw`\bmandatory\s+(?:audit[\w-]*|compliance)\s+side\s+effect\b`,
].join('|'), 'iu');

/**
 * Markup a client may render, fetching a URL as it does: a remote image (the fetch itself carries
 * whatever the model put in the URL), script or frame tags, and links whose URL takes data from a
 * placeholder. High when the URL has room for data (a query or a placeholder), medium otherwise.
 */
export const MARKUP_DATA_URL = /(?:!\[[^\]]{0,200}\]\(\s*<?|<img\b[^>]{0,200}?\bsrc\s*=\s*["']?)(?:https?:)?\/\/[^\s)"'>]*(?:\?|\{|\$\{|<|%7B)[^\s)"'>]*/iu;
export const MARKUP_REMOTE_IMAGE = /!\[[^\]]{0,200}\]\(\s*<?(?:https?:)?\/\/[^\s)]+|<img\b[^>]{0,200}?\bsrc\s*=\s*["']?(?:https?:)?\/\//iu;
export const MARKUP_ACTIVE = /<\s*(?:script|iframe|object|embed)\b|\]\(\s*javascript:|\bhref\s*=\s*["']?javascript:/iu;
export const MARKUP_DATA_LINK = /\[[^\]]{0,200}\]\(\s*<?https?:\/\/[^\s)]*[?&][\w.-]+=(?:\{|\$\{|<|%7B|\[)[^\s)]*\)/iu;

export const DECODE_INSTRUCTION = /\batob\s*\(|\bbase64\s+(?:-d|-D|--decode)\b|\bb64decode\b|\bfromCharCode\b|\bBuffer\.from\([^)]{0,80}['"]base64['"]/u;
export const BASE64_BLOB = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{40,}={0,2}(?![A-Za-z0-9+/=_-])/gu;
export const HEX_BLOB = /(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){24,}(?![0-9A-Fa-f])/gu;

export const LONG_DESCRIPTION = 2000;

/** Families that are instructions to the model (critical in a tool); the others are signs of hiding or pressure. */
export const DIRECTIVE_FAMILIES = new Set(['override', 'concealment', 'tag', 'precedence', 'exfiltration', 'side-channel', 'sensitive-file']);
