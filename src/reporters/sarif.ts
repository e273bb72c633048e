/**
 * SARIF reporter: results.sarif, SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One run;
 * exactly one result per finding of the assessment, in its order (the same count as every other
 * format); one rule per check and severity that has findings (see ruleIdOf). Rules without results add
 * nothing a viewer shows (the checks that passed or lacked evidence are in assessment.json and the
 * reports), so they are left out.
 *
 * The document follows the OASIS schema (errata01; the tests validate against it) and GitHub's ingestion
 * rules (docs "SARIF support for code scanning"): every result has a location with an artifact URI,
 * descriptions stay within 1024 characters and a rule carries at most the 10 tags GitHub keeps. Untrusted
 * text (messages, paths, names, justifications) is escaped for SARIF plain text and for Markdown.
 */
import type {
  ArtifactLocation, Location as SarifLocation, Log, Notification, Region, ReportingDescriptor, Result, Run,
  Suppression,
} from 'sarif';
import type {
  Assessment, AssessmentCheck, AssessmentControl, AssessmentFramework, ExceptionNote, Finding, GitHubSourceAnchor,
} from '../engine/assessment.js';
import { SEVERITIES, type Severity } from '../catalog/model.js';
import type { Location } from '../evidence/types.js';
import { clip } from '../lib/clip.js';
import { repositoryPath } from '../lib/repository-path.js';
import { dateOf, locationText } from './labels.js';
import { escapeMarkdown } from './markdown.js';
import type { Reporter } from './types.js';

/** The id of the schema the tests validate against (OASIS SARIF 2.1.0 errata01). */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const TOOL_NAME = 'mcp-comply';
const INFORMATION_URI = 'https://github.com/mcp-comply/mcp-comply';
/** The key of our own fingerprint in `partialFingerprints`, versioned as SARIF §3.27.17 asks. */
export const FINGERPRINT_KEY = 'mcpComply/v1';
const SRCROOT = '%SRCROOT%';
/**
 * GitHub code scanning rejects longer rule descriptions. Of a rule's tags it accepts 20 and keeps only
 * the first 10 (docs "SARIF support for code scanning", upload limits), so a rule states no more than
 * it keeps.
 */
const DESCRIPTION_LIMIT = 1024;
const TAG_LIMIT = 10;

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub reads over 9.0 as critical, 7.0-8.9 high, 4.0-6.9 medium and 0.1-3.9 low: each value sits inside its band. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

// A table entry for a known key only: a tampered or newer file may carry a severity this version does not know.
function entry<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
const levelOf = (severity: Severity): Result.level => entry(LEVEL, severity) ?? 'warning';
const severityRank = (severity: Severity) => SEVERITIES.indexOf(severity);

/**
 * SARIF plain text reads `[text](target)` as an embedded link (§3.11.6) and viewers unescape `\`, `[`
 * and `]`: escaped, untrusted text can never become a link and reads as it was written.
 */
function plainText(text: string): string {
  return text.replace(/[\\[\]]/g, '\\$&');
}

/** clip(), and never half a backslash escape before the ellipsis. */
function limited(text: string, max = DESCRIPTION_LIMIT): string {
  const clipped = clip(text, max);
  if (clipped === text) return text;
  const cut = clipped.slice(0, -1);
  return (/\\+$/.exec(cut)?.[0].length ?? 0) % 2 === 1 ? `${cut.slice(0, -1)}…` : clipped;
}

/** The text, or the fallback when it is empty: GitHub rejects empty strings in required fields. */
const orElse = (text: string | undefined, fallback: string) => (text && text.trim() !== '' ? text : fallback);
/** A sentence ends with a full stop, so joined texts read as sentences. */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** `mcp.supply-chain.unpinned-package` -> `McpSupplyChainUnpinnedPackage`. */
export function pascalCase(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('') || 'Check';
}

/** A lone surrogate (possible in a hostile file name) would make encodeURIComponent throw. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** A POSIX path as a URI path: each segment percent-encoded (spaces, `#`, `%`, `?`, `:` ...), the slashes kept. */
function encodedPath(path: string): string {
  return wellFormed(path).split('/').map(encodeURIComponent).join('/');
}

const GITHUB_SUBJECT = /^github:(.+)$/;
const WINDOWS_DRIVE = /^([A-Za-z]):[\\/]/;

/**
 * A finding's location as SARIF. Paths relative to the assessed root use `%SRCROOT%`; home (`~/...`) and
 * absolute paths are kept as they are, so code scanning never pins them on a file of the repository.
 *
 * GitHub subjects (`github:owner/repo`, `github:org`) are settings, not files, and code scanning rejects
 * the whole upload when a result has no location or only a logical one ("locationFromSarifResult:
 * expected at least one location" / "expected artifact location"). So a finding about an organisation or
 * a repository is placed where the project names it: the line of mcp-comply.yaml the assessment records
 * for it (`scope.github`, see githubAnchors), or that file as a whole when it was named on the command
 * line. The subject itself is a logical location beside it, for viewers that read those.
 */
function placed(location: Location, pathPrefix: string | undefined, anchors: ReadonlyMap<string, GitHubSourceAnchor>): SarifLocation {
  const subject = GITHUB_SUBJECT.exec(location.path)?.[1];
  if (subject === undefined) return physicalOnly(location.path, regionOf(location), pathPrefix);
  const logicalLocations = [{ name: subject, fullyQualifiedName: location.path, kind: subject.includes('/') ? 'repository' : 'organization' }];
  const anchor = anchors.get(subject);
  if (anchor?.path !== undefined) {
    return { ...physicalOnly(anchor.path, regionOf(anchor), pathPrefix), logicalLocations };
  }
  // Named by neither the config nor a file (--github-org without --config, a bundle given by --evidence):
  // a relative placeholder artifact that names the subject and cannot be a file of the repository (as
  // OpenSSF Scorecard does for branch protection). A `github:` URI would be an absolute URI of a scheme
  // other than the checkout's, which code scanning rejects too.
  return { physicalLocation: { artifactLocation: { uri: encodedPath(`GitHub settings/${subject}`) } }, logicalLocations };
}

function physicalOnly(rawPath: string, region: Region | undefined, pathPrefix: string | undefined): SarifLocation {
  const physical = (artifactLocation: ArtifactLocation): SarifLocation => ({ physicalLocation: { artifactLocation, ...(region ? { region } : {}) } });
  const path = rawPath.replaceAll('\\', '/');
  const drive = WINDOWS_DRIVE.exec(path);
  if (drive) return physical({ uri: `file:///${drive[1]}:${encodedPath(path.slice(2))}` });
  if (path.startsWith('/')) return physical({ uri: `file://${encodedPath(path)}` });
  if (path === '~' || path.startsWith('~/')) return physical({ uri: encodedPath(path) });
  // Code scanning reads a relative URI from the repository root and ignores uriBaseId, so the prefix makes it one.
  const relative = (pathPrefix !== undefined ? repositoryPath(path, pathPrefix) : undefined) ?? path;
  return physical({ uri: relative === '' ? '.' : encodedPath(relative), uriBaseId: SRCROOT });
}

/** `acme` and `acme/api` -> where mcp-comply.yaml names them; later entries never replace earlier ones. */
function anchorsOf(assessment: Assessment): Map<string, GitHubSourceAnchor> {
  const anchors = new Map<string, GitHubSourceAnchor>();
  for (const anchor of assessment.scope.github ?? []) {
    const name = anchor.repo ?? anchor.org;
    if (name !== undefined && !anchors.has(name)) anchors.set(name, anchor);
  }
  return anchors;
}

const isPosition = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

/** Line and column when known; no region when the line is not (SARIF §3.29.4: the result concerns the whole artifact). */
function regionOf(location: { line?: number; column?: number }): Region | undefined {
  if (!isPosition(location.line)) return undefined;
  return { startLine: location.line, ...(isPosition(location.column) ? { startColumn: location.column } : {}) };
}

interface RequirementRef {
  framework: AssessmentFramework;
  requirement: AssessmentFramework['requirements'][number];
}

/**
 * Every in-scope requirement, in framework and requirement order. Requirements scoped out
 * (not_applicable) are left out: a finding does not bear on them.
 */
function inScopeRequirements(frameworks: AssessmentFramework[]): RequirementRef[] {
  return frameworks.flatMap((framework) => framework.requirements
    .filter((requirement) => requirement.status !== 'not_applicable')
    .map((requirement) => ({ framework, requirement })));
}

/** The requirements grouped under their framework, in the order they come. */
function byFramework(refs: RequirementRef[]): Array<[AssessmentFramework, Array<RequirementRef['requirement']>]> {
  const groups = new Map<AssessmentFramework, Array<RequirementRef['requirement']>>();
  for (const { framework, requirement } of refs) groups.set(framework, [...(groups.get(framework) ?? []), requirement]);
  return [...groups];
}

/** `pci-dss:10.2.1`, `gdpr:Art.-32(1)`: GitHub filters on tags, and a tag with spaces cannot be typed in its filter. */
const requirementTag = ({ framework, requirement }: RequirementRef) => `${framework.id}:${requirement.id}`.replace(/\s+/g, '-');

/**
 * The tags GitHub keeps (10), most useful first:
 * - `security`: GitHub lists the rule as a security rule, and filters on it;
 * - the controls the check tests (`MCP-SC-01`), the link from an alert to the control register;
 * - one tag per framework the check bears on (`pci-dss`), so "every PCI DSS alert" is one filter;
 * - then the requirement references (`pci-dss:6.3.2`), the frameworks taking turns so that each keeps
 *   some, until the 10 are used; the help lists every requirement.
 * The severity is no tag: GitHub filters on the alert's severity itself (from security-severity).
 */
function ruleTags(controlIds: string[], refs: RequirementRef[]): string[] {
  const groups = byFramework(refs);
  const tags = new Set(['security', ...controlIds, ...groups.map(([framework]) => framework.id)]);
  const queues = groups.map(([framework, list]) => list.map((requirement) => requirementTag({ framework, requirement })));
  for (let turn = 0; tags.size < TAG_LIMIT && queues.some((queue) => turn < queue.length); turn++) {
    for (const queue of queues) {
      const tag = queue[turn];
      if (tag !== undefined && tags.size < TAG_LIMIT) tags.add(tag);
    }
  }
  return [...tags].slice(0, TAG_LIMIT);
}

/** What a rule's help says: how to fix it, the controls the check tests, the requirements they map to. */
interface HelpParts {
  remediation: string | undefined;
  controls: Array<{ id: string; title: string | undefined }>;
  requirements: Array<[AssessmentFramework, Array<RequirementRef['requirement']>]>;
}

const NO_REMEDIATION = 'The assessment records no remediation for this check.';

function helpText({ remediation, controls, requirements }: HelpParts): string {
  return [
    remediation ? `Remediation: ${remediation}` : NO_REMEDIATION,
    '',
    'Controls tested:',
    ...(controls.length > 0 ? controls.map(({ id, title }) => `- ${id}${title ? ` ${title}` : ''}`) : ['- none recorded']),
    '',
    'Framework requirements these controls map to:',
    ...(requirements.length > 0
      ? requirements.flatMap(([framework, list]) => [`- ${framework.name}`, ...list.map((r) => `  - ${r.id} ${r.title}`)])
      : ['- none in scope']),
  ].join('\n');
}

/** The same help in Markdown, every catalog and assessment text escaped (GitHub shows this one when present). */
function helpMarkdown({ remediation, controls, requirements }: HelpParts): string {
  return [
    remediation ? `**Remediation.** ${escapeMarkdown(remediation)}` : NO_REMEDIATION,
    '',
    '**Controls tested**',
    '',
    ...(controls.length > 0
      ? controls.map(({ id, title }) => `- **${escapeMarkdown(id)}**${title ? ` ${escapeMarkdown(title)}` : ''}`)
      : ['- none recorded']),
    '',
    '**Framework requirements these controls map to**',
    '',
    ...(requirements.length > 0
      ? requirements.flatMap(([framework, list]) => [
        `- ${escapeMarkdown(framework.name)}`,
        ...list.map((r) => `  - **${escapeMarkdown(r.id)}** ${escapeMarkdown(r.title)}`),
      ])
      : ['- none in scope']),
  ].join('\n');
}

interface RuleContext {
  findings: Finding[];
  checks: Map<string, AssessmentCheck>;
  controls: Map<string, AssessmentControl>;
  requirements: RequirementRef[];
}

/**
 * The rule a finding reports under. Code scanning reads `security-severity` and the default level from
 * the rule alone, and a check may report findings above or below its catalog severity (a critical
 * gateway flag beside a high one). One rule per check would then misstate some of its alerts, so a
 * check has one rule per severity it reports: its own id for findings at the check's severity, and
 * `<checkId>/<severity>` for the others (a slash, as in CodeQL's own rule ids). Both parts come from the
 * catalog, so the id of a finding's rule is the same in every run (code scanning matches alerts on the
 * rule id) unless its severity changes, which is then a different alert.
 */
export function ruleIdOf(checkId: string, severity: Severity, checkSeverity: Severity): string {
  return severity === checkSeverity ? checkId : `${checkId}/${severity}`;
}

interface RuleKey {
  id: string;
  checkId: string;
  severity: Severity;
}

/** The check's own severity; a finding whose check is missing (a hand-edited file) falls back on the worst of its check's findings. */
function checkSeverities(assessment: Assessment): Map<string, Severity> {
  const severities = new Map(assessment.checks.map((check) => [check.id, check.severity]));
  const listed = new Set(severities.keys());
  for (const finding of assessment.findings) {
    if (listed.has(finding.checkId)) continue;
    const known = severities.get(finding.checkId);
    if (known === undefined || severityRank(finding.severity) > severityRank(known)) severities.set(finding.checkId, finding.severity);
  }
  return severities;
}

/** Check id, then the check's own severity first, then from critical down (unknown severities last, by name). */
function byRuleOrder(a: RuleKey, b: RuleKey): number {
  if (a.checkId !== b.checkId) return a.checkId < b.checkId ? -1 : 1;
  const own = (key: RuleKey) => (key.id === key.checkId ? 0 : 1);
  const rank = (key: RuleKey) => -severityRank(key.severity);
  return own(a) - own(b) || rank(a) - rank(b) || (a.severity < b.severity ? -1 : a.severity > b.severity ? 1 : 0);
}

function rule({ id, checkId, severity }: RuleKey, context: RuleContext): ReportingDescriptor {
  const check = context.checks.get(checkId);
  const securitySeverity = entry(SECURITY_SEVERITY, severity);
  const controlIds = check?.controlIds ?? [...new Set(context.findings.filter((f) => f.checkId === checkId).flatMap((f) => f.controlIds))];
  const controls = controlIds.map((controlId) => ({ id: controlId, control: context.controls.get(controlId) }));
  const refs = context.requirements.filter(({ requirement }) => requirement.controlIds.some((controlId) => controlIds.includes(controlId)));
  const checkTitle = orElse(check?.title, checkId);
  // A rule of another severity than the check's says so, or code scanning would list two rules of one name.
  const title = id === checkId ? checkTitle : `${checkTitle} (${severity})`;

  const objectives = controls.map(({ id: controlId, control }) =>
    control?.objective ? `${controlId}: ${sentence(control.objective)}` : control?.title ? `${controlId}: ${sentence(control.title)}` : controlId);
  const help: HelpParts = {
    remediation: check?.remediation?.trim() ? check.remediation : undefined,
    controls: controls.map(({ id: controlId, control }) => ({ id: controlId, title: control?.title })),
    requirements: byFramework(refs),
  };

  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: limited(plainText(title)) },
    fullDescription: { text: limited(plainText([sentence(title), ...objectives].join(' '))) },
    help: { text: plainText(helpText(help)), markdown: helpMarkdown(help) },
    defaultConfiguration: { level: levelOf(severity) },
    properties: {
      tags: ruleTags(controlIds, refs),
      // The catalog records no precision per check; the checks read configurations, logs and settings as written.
      precision: 'high',
      ...(securitySeverity !== undefined ? { 'security-severity': securitySeverity } : {}),
      ...(id !== checkId ? { checkId } : {}),
    },
  };
}

/** An exception accepted by its approver, recorded outside the code (exceptions.yaml). */
function suppression(exception: ExceptionNote): Suppression {
  const ticket = exception.ticket ? `, ticket ${exception.ticket}` : '';
  return {
    kind: 'external',
    status: 'accepted',
    justification: `Exception ${exception.id}, approved by ${exception.approver}, expires ${exception.expires}${ticket}: ${exception.justification}`,
    properties: {
      exceptionId: exception.id, approver: exception.approver, expires: exception.expires,
      ...(exception.ticket ? { ticket: exception.ticket } : {}),
    },
  };
}

/**
 * Code scanning matches an alert across runs on `primaryLocationLineHash` (and the rule id). Left out,
 * upload-sarif hashes the text of the flagged line, so editing that line (bumping a version on it,
 * reindenting the file) closes the alert and opens a new one. So the value is the finding's own
 * fingerprint, which depends on the check, the subject and the problem, never on the line: `<hash>:1`,
 * the shape upload-sarif writes (a hex hash, then which occurrence of it this is; fingerprints are
 * unique per finding, so always the first). upload-sarif keeps a value it finds, and only notes in its
 * log that the line's own hash differs.
 */
const primaryLocationLineHash = (finding: Pick<Finding, 'fingerprint'>) => `${finding.fingerprint}:1`;

function result(finding: Finding, key: RuleKey, ruleIndex: number, pathPrefix: string | undefined, anchors: ReadonlyMap<string, GitHubSourceAnchor>): Result {
  return {
    ruleId: key.id,
    ruleIndex,
    level: levelOf(finding.severity),
    message: { text: plainText(orElse(finding.message, finding.checkId)) },
    locations: [placed(finding.location, pathPrefix, anchors)],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint, primaryLocationLineHash: primaryLocationLineHash(finding) },
    // A live exception accepts the finding; an expired one no longer does, so it is not suppressed.
    ...(finding.exception ? { suppressions: [suppression(finding.exception)] } : {}),
    properties: {
      checkId: finding.checkId,
      severity: finding.severity,
      controlIds: finding.controlIds,
      evidenceId: finding.evidenceId,
      ...(finding.messageId ? { messageId: finding.messageId } : {}),
      ...(finding.server !== undefined ? { server: finding.server } : {}),
      ...(finding.expiredException ? { expiredException: { id: finding.expiredException.id, expires: finding.expiredException.expires } } : {}),
    },
  };
}

/** Sources that could not be read and collectors that failed: reported beside the results, never dropped. */
function notifications(assessment: Assessment): Notification[] {
  const { unreadable = [], collectorFailures = [] } = assessment.evidence;
  return [
    ...collectorFailures.map((failure): Notification => ({
      level: 'error',
      message: { text: plainText(`Collector ${failure.collector} failed: ${failure.message}`) },
      properties: { collector: failure.collector },
    })),
    ...unreadable.map((source): Notification => ({
      level: 'warning',
      message: { text: plainText(`${locationText(source)} could not be read (${source.code}): ${source.reason}`) },
      properties: { code: source.code },
    })),
  ];
}

/** `northwind-health` from `Northwind Health`: the category GitHub keeps one analysis per commit for. */
function slug(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036F]/g, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** How the log is made beyond the assessment: where the assessed folder sits in the repository, and the code scanning category. */
export interface SarifOptions {
  /** Where the assessed folder sits in the repository; relative locations then start at the repository root. */
  pathPrefix?: string;
  /** The code scanning category (`upload-sarif`'s `category`, the Action's `sarif-category`). */
  category?: string;
}

/**
 * `automationDetails.id`, read by code scanning as `<category>/<run id>` (everything before the last
 * slash is the category). upload-sarif writes its `category` input there only when the log has no id of
 * its own, so a given category must be written here, or it would be ignored: `<category>/<date>`, the
 * category upload-sarif would write. Without one, the category is per organisation assessed.
 */
function automationId(assessment: Assessment, category: string | undefined): string {
  const date = dateOf(assessment.generatedAt);
  const given = category?.trim().replace(/\/+$/, '');
  if (given) return `${given}/${date}`;
  return `${TOOL_NAME}/${slug(assessment.scope.organization ?? '') || 'assessment'}/${date}`;
}

/** The assessment as one SARIF 2.1.0 log. Pure: the same assessment and options give the same log. */
export function toSarif(assessment: Assessment, options: SarifOptions = {}): Log {
  const { pathPrefix, category } = options;
  const checkSeverity = checkSeverities(assessment);
  const keyOf = (finding: Finding): RuleKey => ({
    id: ruleIdOf(finding.checkId, finding.severity, checkSeverity.get(finding.checkId)!),
    checkId: finding.checkId,
    severity: finding.severity,
  });
  const keys = new Map<string, RuleKey>();
  for (const finding of assessment.findings) {
    const key = keyOf(finding);
    if (!keys.has(key.id)) keys.set(key.id, key);
  }
  const ruleKeys = [...keys.values()].sort(byRuleOrder);
  const ruleIndex = new Map(ruleKeys.map((key, index) => [key.id, index]));
  const context: RuleContext = {
    findings: assessment.findings,
    checks: new Map(assessment.checks.map((check) => [check.id, check])),
    controls: new Map(assessment.controls.map((control) => [control.id, control])),
    requirements: inScopeRequirements(assessment.frameworks),
  };
  const rules = ruleKeys.map((key) => rule(key, context));
  const anchors = anchorsOf(assessment);
  const toolExecutionNotifications = notifications(assessment);

  const run: Run = {
    tool: { driver: { name: TOOL_NAME, semanticVersion: assessment.tool.version, informationUri: INFORMATION_URI, rules } },
    automationDetails: { id: automationId(assessment, category) },
    // The assessment ran to the end; what it could not read or collect is in the notifications.
    invocations: [{
      executionSuccessful: true,
      startTimeUtc: assessment.generatedAt,
      endTimeUtc: assessment.generatedAt,
      ...(toolExecutionNotifications.length > 0 ? { toolExecutionNotifications } : {}),
    }],
    // The absolute root is left out (SARIF §3.14.14 allows it): it would reveal the machine's paths and change the bytes per machine.
    originalUriBaseIds: {
      [SRCROOT]: {
        description: {
          text: pathPrefix === undefined
            ? 'The folder mcp-comply assessed (where mcp-comply.yaml is); relative locations start there.'
            : `The repository root; mcp-comply assessed its folder ${plainText(pathPrefix)}.`,
        },
      },
    },
    results: assessment.findings.map((finding) => {
      const key = keyOf(finding);
      return result(finding, key, ruleIndex.get(key.id)!, pathPrefix, anchors);
    }),
    // Columns count UTF-16 code units, as the JavaScript parsers that find them do.
    columnKind: 'utf16CodeUnits',
    properties: { evidenceRootHash: assessment.evidence.rootHash, assessmentSchemaVersion: assessment.schemaVersion },
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

export const sarifReporter: Reporter = {
  format: 'sarif',
  files: ['results.sarif'],
  async render(assessment, options) {
    const sarifOptions: SarifOptions = {
      ...(options.pathPrefix !== undefined ? { pathPrefix: options.pathPrefix } : {}),
      ...(options.sarifCategory !== undefined ? { category: options.sarifCategory } : {}),
    };
    return [{ name: 'results.sarif', content: `${JSON.stringify(toSarif(assessment, sarifOptions), null, 2)}\n` }];
  },
};
