/**
 * SARIF reporter: results.sarif, SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One run;
 * exactly one result per finding of the assessment, in its order (the same count as every other
 * format); one rule per check that has findings. Rules without results add nothing a viewer shows (the
 * checks that passed or lacked evidence are in assessment.json and the reports), so they are left out.
 *
 * The document follows the OASIS schema (errata01; the tests validate against it) and GitHub's ingestion
 * rules (docs "SARIF support for code scanning"): every result has a location with an artifact URI,
 * descriptions stay within 1024 characters and a rule carries at most 20 tags. Untrusted text
 * (messages, paths, names, justifications) is escaped for SARIF plain text and for Markdown.
 */
import type {
  ArtifactLocation, Location as SarifLocation, Log, Notification, PhysicalLocation, Region, ReportingDescriptor, Result, Run,
  Suppression,
} from 'sarif';
import type { Assessment, AssessmentCheck, AssessmentControl, AssessmentFramework, ExceptionNote, Finding } from '../engine/assessment.js';
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
/** GitHub code scanning rejects longer rule descriptions and keeps at most 20 tags per rule. */
const DESCRIPTION_LIMIT = 1024;
const TAG_LIMIT = 20;

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

interface PlacedLocation {
  location: SarifLocation;
  /** upload-sarif hashes the line itself only for a file under the checkout with a line (codeql-action fingerprints.ts). */
  lineHashable: boolean;
}

/**
 * A finding's location as SARIF. Paths relative to the assessed root use `%SRCROOT%`; home (`~/...`) and
 * absolute paths are kept as they are, so code scanning never pins them on a file of the repository.
 *
 * GitHub subjects (`github:owner/repo`, `github:org`) are settings, not files, yet code scanning rejects
 * the whole upload when a result has no location or only a logical one ("locationFromSarifResult:
 * expected at least one location" / "expected artifact location"), and a `github:` URI would be an
 * absolute URI of a scheme other than the checkout's, which is rejected too. So they get a relative
 * placeholder artifact that names the subject and cannot be a file of the repository (as OpenSSF
 * Scorecard does for branch protection), and the subject itself as a logical location for viewers that
 * read those.
 */
function placed(location: Location, pathPrefix: string | undefined): PlacedLocation {
  const region = regionOf(location);
  const physical = (artifactLocation: ArtifactLocation): PhysicalLocation => ({ artifactLocation, ...(region ? { region } : {}) });
  const subject = GITHUB_SUBJECT.exec(location.path)?.[1];
  if (subject !== undefined) {
    return {
      location: {
        physicalLocation: physical({ uri: encodedPath(`GitHub settings/${subject}`) }),
        logicalLocations: [{ name: subject, fullyQualifiedName: location.path, kind: subject.includes('/') ? 'repository' : 'organization' }],
      },
      lineHashable: false,
    };
  }
  const path = location.path.replaceAll('\\', '/');
  const drive = WINDOWS_DRIVE.exec(path);
  if (drive) return { location: { physicalLocation: physical({ uri: `file:///${drive[1]}:${encodedPath(path.slice(2))}` }) }, lineHashable: false };
  if (path.startsWith('/')) return { location: { physicalLocation: physical({ uri: `file://${encodedPath(path)}` }) }, lineHashable: false };
  if (path === '~' || path.startsWith('~/')) return { location: { physicalLocation: physical({ uri: encodedPath(path) }) }, lineHashable: false };
  // Code scanning reads a relative URI from the repository root and ignores uriBaseId, so the prefix makes it one.
  const relative = (pathPrefix !== undefined ? repositoryPath(path, pathPrefix) : undefined) ?? path;
  return {
    location: { physicalLocation: physical({ uri: relative === '' ? '.' : encodedPath(relative), uriBaseId: SRCROOT }) },
    lineHashable: region !== undefined,
  };
}

const isPosition = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

/** Line and column when known; no region when the line is not (SARIF §3.29.4: the result concerns the whole artifact). */
function regionOf(location: Location): Region | undefined {
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
 * `security` (GitHub treats the rule as a security rule), the control ids, then the framework
 * references. Past 20 tags the frameworks take turns, one reference each, so every framework keeps a
 * filterable tag rather than the first one taking all the room.
 */
function ruleTags(controlIds: string[], refs: RequirementRef[]): string[] {
  const tags = new Set(['security', ...controlIds]);
  const queues = byFramework(refs).map(([framework, list]) => list.map((requirement) => requirementTag({ framework, requirement })));
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
  checks: Map<string, AssessmentCheck>;
  controls: Map<string, AssessmentControl>;
  requirements: RequirementRef[];
}

function rule(checkId: string, findings: Finding[], context: RuleContext): ReportingDescriptor {
  const check = context.checks.get(checkId);
  const worst = findings.reduce((w, f) => (severityRank(f.severity) > severityRank(w) ? f.severity : w), findings[0]!.severity);
  // A finding whose check is missing (a hand-edited file) still gets a rule, from what the findings say.
  const severity = check?.severity ?? worst;
  // Code scanning reads security-severity from the rule only, while a check may report some findings above
  // its default: the rule takes the worst, so no alert reads less severe than it is (each result keeps its own level).
  const securitySeverity = entry(SECURITY_SEVERITY, severityRank(worst) > severityRank(severity) ? worst : severity);
  const controlIds = check?.controlIds ?? [...new Set(findings.flatMap((f) => f.controlIds))];
  const controls = controlIds.map((id) => ({ id, control: context.controls.get(id) }));
  const refs = context.requirements.filter(({ requirement }) => requirement.controlIds.some((id) => controlIds.includes(id)));
  const title = orElse(check?.title, checkId);

  const objectives = controls.map(({ id, control }) =>
    control?.objective ? `${id}: ${sentence(control.objective)}` : control?.title ? `${id}: ${sentence(control.title)}` : id);
  const help: HelpParts = {
    remediation: check?.remediation?.trim() ? check.remediation : undefined,
    controls: controls.map(({ id, control }) => ({ id, title: control?.title })),
    requirements: byFramework(refs),
  };

  return {
    id: checkId,
    name: pascalCase(checkId),
    shortDescription: { text: limited(plainText(title)) },
    fullDescription: { text: limited(plainText([sentence(title), ...objectives].join(' '))) },
    help: { text: plainText(helpText(help)), markdown: helpMarkdown(help) },
    defaultConfiguration: { level: levelOf(severity) },
    properties: {
      tags: ruleTags(controlIds, refs),
      // The catalog records no precision per check; the checks read configurations, logs and settings as written.
      precision: 'high',
      ...(securitySeverity !== undefined ? { 'security-severity': securitySeverity } : {}),
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

function result(finding: Finding, ruleIndex: number, pathPrefix: string | undefined): Result {
  const { location, lineHashable } = placed(finding.location, pathPrefix);
  return {
    ruleId: finding.checkId,
    ruleIndex,
    level: levelOf(finding.severity),
    message: { text: plainText(orElse(finding.message, finding.checkId)) },
    locations: [location],
    partialFingerprints: {
      [FINGERPRINT_KEY]: finding.fingerprint,
      // Code scanning matches alerts across runs on primaryLocationLineHash only. upload-sarif computes it
      // from the line's text where it can; where it cannot (no line, not a file of the checkout) our
      // stable fingerprint stands in, or every upload would open the alert anew.
      ...(lineHashable ? {} : { primaryLocationLineHash: `${finding.fingerprint}:1` }),
    },
    // A live exception accepts the finding; an expired one no longer does, so it is not suppressed.
    ...(finding.exception ? { suppressions: [suppression(finding.exception)] } : {}),
    properties: {
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

/**
 * The assessment as one SARIF 2.1.0 log. Pure: the same assessment gives the same log. `pathPrefix` is
 * where the assessed folder sits in the repository; relative locations then start at the repository root.
 */
export function toSarif(assessment: Assessment, pathPrefix?: string): Log {
  const checkIds = [...new Set(assessment.findings.map((f) => f.checkId))].sort();
  const ruleIndex = new Map(checkIds.map((id, index) => [id, index]));
  const context: RuleContext = {
    checks: new Map(assessment.checks.map((check) => [check.id, check])),
    controls: new Map(assessment.controls.map((control) => [control.id, control])),
    requirements: inScopeRequirements(assessment.frameworks),
  };
  const rules = checkIds.map((id) => rule(id, assessment.findings.filter((f) => f.checkId === id), context));
  const toolExecutionNotifications = notifications(assessment);
  const organization = slug(assessment.scope.organization ?? '') || 'assessment';

  const run: Run = {
    tool: { driver: { name: TOOL_NAME, semanticVersion: assessment.tool.version, informationUri: INFORMATION_URI, rules } },
    automationDetails: { id: `${TOOL_NAME}/${organization}/${dateOf(assessment.generatedAt)}` },
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
    results: assessment.findings.map((finding) => result(finding, ruleIndex.get(finding.checkId)!, pathPrefix)),
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
    return [{ name: 'results.sarif', content: `${JSON.stringify(toSarif(assessment, options.pathPrefix), null, 2)}\n` }];
  },
};
