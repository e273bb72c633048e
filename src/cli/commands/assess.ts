/**
 * `mcp-comply assess`: collect (or load) evidence, evaluate it, and write DIR/assessment.json and the
 * evidence bundle DIR/evidence. Exit 1 when findings reach --fail-on.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { SEVERITIES, type Severity } from '../../catalog/model.js';
import { CHECKS } from '../../checks/index.js';
import { writeBundle } from '../../evidence/bundle.js';
import { signBundle } from '../../evidence/signature.js';
import type { Assessment, AssessmentChanges, ScopeSystem } from '../../engine/assessment.js';
import type { DiscoverySummary } from '../../evidence/types.js';
import { documentControlOf, type ProjectConfig } from '../../config/project-config.js';
import { REDACTED, redactSecrets } from '../../evidence/secrets.js';
import { evaluate } from '../../engine/evaluate.js';
import { githubAnchors, githubSubjectsOf } from '../../config/github-anchors.js';
import { writeFileAtomic } from '../../lib/atomic-write.js';
import { sha256Hex } from '../../lib/canonical-json.js';
import { displayPath } from '../../lib/problem.js';
import { printable } from '../../lib/printable.js';
import { didYouMean } from '../../lib/suggest.js';
import { loadCatalogFor, refuseInvalid } from '../catalog-option.js';
import { runTime } from '../clock.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { table, writeOut } from '../text.js';
import { addSourceOptions, gatherEvidence, resolveSources, signingKey, type SourceOptions } from '../run-options.js';
import { loadAttestationItems, loadExceptions, loadResponses, warnUnmatchedResponses, warnUnusedPublicEndpoints, withItems } from '../project-files.js';
import { readAssessmentFile } from '../assessment-file.js';
import { percent } from '../../reporters/labels.js';
import { addReportOptions, digestsIn, reportSettings, writeReportSums, writeReports, type ReportFlags } from '../reports.js';

interface AssessOptions extends SourceOptions, ReportFlags {
  catalog?: string;
  frameworks?: string;
  failOn?: Severity | 'none';
  previous?: string;
}

export function registerAssess(program: Command): void {
  addReportOptions(addSourceOptions(program.command('assess')), 'reports to write beside assessment.json (default: the config\'s report.formats)')
    .description('assess MCP servers: collect evidence, run the checks, roll up controls and frameworks, write DIR/assessment.json')
    .addOption(new Option('--frameworks <ids>', 'comma-separated framework ids (default: the config\'s, else all)'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: the config\'s failOn, else high)')
      .choices([...SEVERITIES, 'none']))
    .addOption(new Option('--evidence <dirs...>', 'assess saved evidence bundles instead of collecting'))
    .addOption(new Option('--catalog <dir>', 'catalog folder (default: the built-in catalog)'))
    .addOption(new Option('--previous <file>', 'an earlier assessment.json: add what changed since (controls, findings, servers, tools, exceptions, attestations, scores)'))
    .action(async (args: string[], options: AssessOptions) => {
      const now = runTime();
      const sources = resolveSources(args, options);
      const key = signingKey(options);
      const catalog = refuseInvalid(loadCatalogFor(options.catalog, sources.config));
      const reports = reportSettings(options, sources.config);
      const known = catalog.frameworks.map((f) => f.id);
      const frameworks = options.frameworks?.split(',').map((s) => s.trim()).filter(Boolean) ?? sources.config?.config.frameworks ?? known;
      for (const id of frameworks) if (!known.includes(id)) throw new UsageError(`unknown framework "${id}"${didYouMean(id, known)}; known: ${known.join(', ')}`);

      // The user's files are checked before collecting, so a broken one refuses the run at once.
      const exceptions = loadExceptions(sources.config, catalog);
      const responses = loadResponses(sources.config);
      const config = sources.config?.config;
      const document = documentControlOf(config?.report);
      const previous = options.previous ? readAssessmentFile(path.resolve(options.previous), 'previous assessment') : undefined;
      const attestationItems = loadAttestationItems(sources.config, catalog, now);
      const gathered = await gatherEvidence(sources, options, now);
      const items = withItems(gathered.items, attestationItems);
      const failures = gathered.failures;
      const out = path.resolve(options.out);
      // Where the config names each GitHub subject, so reports can point its findings there (scope.github).
      const github = githubAnchors(githubSubjectsOf(items), {
        ...(sources.config ? { config: { loaded: sources.config, path: displayPath(sources.config.file, sources.root) } } : {}),
        ...(options.githubOrg !== undefined ? { githubOrg: options.githubOrg } : {}),
        ...(options.githubRepo !== undefined ? { githubRepo: options.githubRepo } : {}),
        evidenceFromFlags: Boolean(options.evidence?.length),
      });
      const manifest = writeBundle(path.join(out, 'evidence'), items, now);
      const signed = key ? signBundle(path.join(out, 'evidence'), manifest.rootHash, key) : undefined;
      const assessment = evaluate({
        catalog, checks: CHECKS, items, manifest, collectorFailures: failures, now,
        ...(exceptions ? { exceptions } : {}), ...(previous ? { previous } : {}),
        checkOptions: sources.checkOptions, ...(sources.config ? { riskMethod: sources.config.riskMethod } : {}),
        plan: {
          ...(config?.owners ? { owners: config.owners.map((r) => ({ ...r, owner: redactSecrets(r.owner, undefined, REDACTED).value })) } : {}),
          ...(config?.report?.slaDays ? { slaDays: config.report.slaDays } : {}),
          ...(responses ? { responses: responses.responses } : {}),
        },
        ...(document ? { document } : {}),
        failOn: options.failOn ?? sources.config?.config.failOn ?? 'high',
        scope: {
          ...(sources.config?.config.organization ? { organization: sources.config.config.organization } : {}),
          frameworks,
          dataClasses: sources.config?.config.dataClasses ?? [],
          dataClassesDeclared: sources.config?.config.dataClasses !== undefined,
          ...(sources.config?.config.aiAct ? { aiAct: sources.config.config.aiAct } : {}),
          // The assessed root itself is `.`: no machine path in the assessment or the reports.
          paths: sources.paths.map((p) => (p === sources.root ? '.' : displayPath(p, sources.root))),
          includeUser: Boolean(options.includeUser),
          ...(sources.config?.config.systems ? { systems: scopeSystems(sources.config.config.systems) } : {}),
          ...(github.length > 0 ? { github } : {}),
        },
      });
      warnUnmatchedResponses(responses, assessment.plan);
      warnUnusedPublicEndpoints(sources.config, items);
      const assessmentText = `${JSON.stringify(assessment, null, 2)}\n`;
      writeFileAtomic(path.join(out, 'assessment.json'), assessmentText);
      const { written, digests, failed } = await writeReports(assessment, reports.formats, reports.options, { dir: out });
      // Over this run's files only: a report an earlier run left in the folder is not of this assessment.
      const sums = writeReportSums(out, new Map([['assessment.json', sha256Hex(assessmentText)], ...digestsIn(out, digests)]), {
        keepListed: false, log: reports.options.log,
      });
      writeOut(summarise(assessment, out, written, { verbose: Boolean(options.verbose) }));
      writeOut(`Checksums of ${sums.count} file(s): ${displayPath(sums.file)} (mcp-comply verify ${displayPath(out)} checks them)\n`);
      if (signed) writeOut(`Signed the evidence with key ${signed.keyFingerprint} (${signed.algorithm})\n`);
      process.exitCode = failed.length > 0 ? ExitCode.Usage : assessment.summary.failed ? ExitCode.Findings : ExitCode.Ok;
    });
}

/**
 * `systems:` as assessment.json records them. Their `paths` are relative to the config's folder, which
 * is the assessed root when there is a config, so they are already display paths. The free text goes
 * into every report, so a credential quoted in it is replaced.
 */
function scopeSystems(systems: NonNullable<ProjectConfig['systems']>): ScopeSystem[] {
  const text = (value: string) => redactSecrets(value, undefined, REDACTED).value;
  return systems.map((s) => ({
    name: text(s.name),
    ...(s.description !== undefined ? { description: text(s.description) } : {}),
    ...(s.owner !== undefined ? { owner: text(s.owner) } : {}),
    ...(s.dataClasses ? { dataClasses: [...s.dataClasses] } : {}),
    ...(s.servers ? { servers: [...s.servers] } : {}),
    ...(s.paths ? { paths: [...s.paths] } : {}),
  }));
}

/**
 * The human summary on stdout: what was examined, what failed, how far each framework is evidenced.
 * Paths, reasons and messages come from what was assessed: each is printable(), or a cell of table().
 */
export function summarise(a: Assessment, out: string, reports: string[] = [], options: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  const count = (kind: string) => a.evidence.items.filter((i) => i.kind === kind).length;
  const sources = [
    `${count('mcp-config')} MCP configuration file(s)`, `${count('tool-snapshot')} tool snapshot(s)`, `${count('log-source')} log file(s)`,
    `${count('repository')} local repositor${count('repository') === 1 ? 'y' : 'ies'}`,
    ...(count('github-org') + count('github-repo') > 0 ? [`${count('github-org')} GitHub organisation(s)`, `${count('github-repo')} GitHub repositor${count('github-repo') === 1 ? 'y' : 'ies'}`] : []),
  ];
  lines.push(`Assessed ${sources.slice(0, -1).join(', ')} and ${sources.at(-1)}.`);
  const discovery = a.evidence.discovery;
  if (discovery) lines.push(...discoveryLines(discovery, options.verbose ?? false));
  if (a.evidence.unreadable.length > 0) {
    lines.push(`${a.evidence.unreadable.length} source(s) could not be read:`);
    for (const u of a.evidence.unreadable) lines.push(`  ${printable(u.path)}${u.line ? `:${u.line}:${u.column ?? 1}` : ''}: ${printable(u.code)}: ${printable(u.reason)}`);
  }
  for (const f of a.evidence.collectorFailures) lines.push(`collector ${printable(f.collector)} failed: ${printable(f.message)}`);
  const c = a.summary.checks;
  lines.push(`Checks:   ${c.fail} fail, ${c.pass} pass, ${c.not_observed} not observed, ${c.not_applicable} not applicable (no population), ${c.error} error`);
  const s = a.summary.findings.bySeverity;
  lines.push(`Findings: ${a.summary.findings.total} (${s.critical} critical, ${s.high} high, ${s.medium} medium, ${s.low} low)`);
  const shown = a.findings.slice(0, 15);
  if (shown.length > 0) {
    lines.push(table(shown.map((f) => ['  ' + f.severity, `${f.location.path}${f.location.line ? `:${f.location.line}:${f.location.column ?? 1}` : ''}`, f.checkId, f.exception ? `${f.message} [accepted: exception ${f.exception.id}]` : f.message])));
    if (a.findings.length > shown.length) lines.push(`  ... ${a.findings.length - shown.length} more in assessment.json`);
  }
  const k = a.summary.controls;
  lines.push(`Controls: ${k.pass} pass, ${k.partial} partial (manual part outstanding), ${k.fail} fail, ${k.not_observed} not observed, ${k.manual} manual, `
    + `${k.attested} attested, ${k.stale} stale (attestation expired), ${k.not_applicable} not applicable, ${k.error} error`);
  const e = a.summary.exceptions;
  if (e) {
    lines.push(`Exceptions: ${e.live} live (${a.summary.findings.excepted ?? 0} finding(s) accepted, not failing the run), ${e.expired} expired, ${e.notYetApproved} not yet approved, ${e.unused} unused`);
  }
  if (a.plan) {
    const items = (status: string) => a.plan!.items.filter((i) => i.status === status);
    const owned = items('open').filter((i) => i.owner !== undefined).length;
    lines.push(`Plan:     ${a.plan.items.length} item(s) by root cause: ${items('open').length} open (${items('open').filter((i) => i.overdue).length} overdue, `
      + `${owned} with an owner), ${items('accepted').length} accepted under exception, ${items('resolved').length} resolved since the previous assessment`);
  }
  lines.push('Frameworks (tested = in-scope requirements with evidence; effective = tested requirements whose MCP part is effective):');
  lines.push(table(a.frameworks.map((f) => {
    if (!f.applicability.applies) return ['  ' + f.id, 'not applicable', '', firstSentence(f.applicability.reason ?? '')];
    const n = f.summary.counts;
    return ['  ' + f.id, `tested ${percent(f.summary.testingCoverage)}`, `effective ${percent(f.summary.effectiveness)}`,
      `${n.met} met, ${n.effective} effective, ${n.partly_effective} partly effective, ${n.deficient} deficient, ${n.untested} untested, `
      + `${n.not_addressed} not addressed${n.not_applicable ? `, ${n.not_applicable} not applicable` : ''}`
      + (f.applicability.assumed.length ? ` (assumed in scope: ${f.applicability.assumed.join(', ')} not declared)` : '')];
  })));
  const bands = (pick: (r: Assessment['risks'][number]) => string) =>
    (['critical', 'high', 'medium', 'low'] as const).map((b) => `${a.risks.filter((r) => pick(r) === b).length} ${b}`).join(', ');
  lines.push(`Risks:    residual ${bands((r) => r.band.residual)} (inherent ${bands((r) => r.band.inherent)}) across ${a.risks.length} threats`);
  if (a.changes) lines.push(describeChanges(a.changes));
  lines.push(`Wrote ${displayPath(path.join(out, 'assessment.json'))} and ${displayPath(path.join(out, 'evidence'))}/ (root hash ${a.evidence.rootHash})`);
  if (reports.length > 0) lines.push(`Reports: ${reports.map((f) => displayPath(f)).join(', ')}`);
  if (a.summary.failed) lines.push(`Failing: findings at or above "${a.summary.failOn}".`);
  return `${lines.join('\n')}\n`;
}

/** What discovery looked at and, with --verbose, every candidate it did not read (one line each: path — reason). */
function discoveryLines(d: DiscoverySummary, verbose: boolean): string[] {
  const skipped = d.skipped.length === 0 ? 'nothing skipped'
    : `${d.skipped.length} skipped${verbose ? ':' : ' (--verbose lists them with their reasons)'}`;
  return [
    `Discovery: ${d.filesExamined} file(s) examined, ${d.filesSniffed ?? 0} sniffed for MCP content, ${d.configsParsed} configuration(s) parsed, ${skipped}`,
    ...(verbose ? d.skipped.map((s) => `  ${printable(s.path)} — ${printable(s.reason)}`) : []),
  ];
}

const firstSentence = (text: string) => text.split(/(?<=;|\.) /)[0]!.replace(/[;.]$/, '');

/** One paragraph of what changed since the previous assessment. */
function describeChanges(c: AssessmentChanges): string {
  const s = c.summary;
  const moved = (m: { from: number | null; to: number | null }) => m.from !== m.to;
  const scores = c.frameworks.filter((f) => moved(f.effectiveness) || moved(f.testingCoverage) || f.status)
    .map((f) => f.status ? `${printable(f.id)} ${f.status}`
      : [moved(f.testingCoverage) ? `tested ${percent(f.testingCoverage.from)} -> ${percent(f.testingCoverage.to)}` : '',
        moved(f.effectiveness) ? `effective ${percent(f.effectiveness.from)} -> ${percent(f.effectiveness.to)}` : '']
        .filter(Boolean).map((m) => `${printable(f.id)} ${m}`).join(', '));
  return [
    `Since ${c.previous.generatedAt.slice(0, 10)}: ${s.regressedControls} control(s) regressed, ${s.improvedControls} improved;`,
    `${s.newFindings} new finding(s), ${s.resolvedFindings} resolved; ${s.addedServers} new server(s), ${s.addedTools} new tool(s),`,
    `${s.changedTools} changed tool definition(s); ${s.expiredExceptions} exception(s) expired, ${s.staleAttestations} attestation(s) went stale`
    + (scores.length ? `; ${scores.join(', ')}` : ''),
  ].join(' ');
}
