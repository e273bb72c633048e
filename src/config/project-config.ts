/**
 * The user's project files: mcp-comply.yaml, and the exceptions.yaml and attestations.yaml it names.
 * Each is schema-checked with positions; references to checks and controls are checked against the
 * catalog. Paths inside mcp-comply.yaml are relative to its own folder (DESIGN §2).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Catalog, Severity } from '../catalog/model.js';
import type { ReportProfile } from '../reporters/profiles.js';
import { openRegularFile, READ_CAPS, type ReadRefusal } from '../lib/bounded-read.js';
import type { LogFormat } from '../collectors/logs/model.js';
import type { ConfiguredCheckOptions, PublicEndpoint } from './check-options.js';
import type { DocumentControl, ManagementResponse, RiskMethod } from '../engine/assessment.js';
import { DEFAULT_RISK_METHOD, resolveRiskMethod, type ConfiguredRiskMethod } from '../engine/risk-register.js';
import { CHECK_IDS } from '../checks/ids.js';
import { publicEndpointPatternProblem } from '../checks/mcp/public-endpoints.js';
import { probeUrlProblem } from '../collectors/probe/http.js';
import { REDACTED, redactSecrets } from '../evidence/secrets.js';
import type { Problem } from '../lib/problem.js';
import { validateYaml, type SchemaName } from '../lib/schemas.js';
import { didYouMean } from '../lib/suggest.js';
import { readYamlFile, type YamlFile } from '../lib/yaml-file.js';

export interface ProjectConfig {
  organization?: string;
  systems?: Array<{ name: string; description?: string; owner?: string; dataClasses?: Array<'personal-data' | 'phi' | 'cardholder-data'>; servers?: string[]; paths?: string[] }>;
  frameworks?: string[];
  dataClasses?: Array<'personal-data' | 'phi' | 'cardholder-data'>;
  aiAct?: { role?: string; riskLevel?: string };
  sources?: {
    paths?: string[];
    logs?: Array<{ path: string; format?: LogFormat; fields?: Record<string, string>; maxInflatedBytes?: number; maxInflationRatio?: number }>;
    repos?: string[];
    github?: { org?: string; repos?: string[]; apiUrl?: string };
    /** Saved evidence bundles (e.g. recorded GitHub evidence) added to what is collected. */
    evidence?: string[];
  };
  checks?: ConfiguredCheckOptions;
  catalogs?: string[];
  exceptions?: string;
  attestations?: string;
  failOn?: 'low' | 'medium' | 'high' | 'critical' | 'none';
  risk?: ConfiguredRiskMethod;
  /** Defaults of `assess --format` and `report`. */
  report?: {
    formats?: string[]; paper?: 'A4' | 'Letter'; templates?: string; browser?: string;
    profile?: ReportProfile;
    status?: 'draft' | 'final'; classification?: string; preparedBy?: string; reviewedBy?: string; approvedBy?: string; version?: string;
    distribution?: string[]; period?: { from: string; to: string };
    /** Days from first seen to due in the remediation plan, by severity. */
    slaDays?: Partial<Record<Severity, number>>;
  };
  /** Who owns the plan items of matching findings; the first rule that matches wins, before the system's owner. */
  owners?: OwnerRule[];
  /** Management responses to plan items (responses.yaml), relative to this file. */
  responses?: string;
  /** Remote MCP servers that are public by design (DESIGN §2). */
  publicEndpoints?: PublicEndpoint[];
  /** The opt-in probe of remote endpoints (DESIGN §2, issue 20): `true`, or its settings. */
  probe?: boolean | ProbeConfig;
}

export interface ProbeConfig {
  /** Endpoints probed besides those of the assessed configurations. */
  urls?: string[];
  /** Per request, milliseconds; default 10000. */
  timeoutMs?: number;
  /** A certificate expiring within this many days is reported. */
  expiryWarningDays?: number;
  /** Credentials for the list methods: a URL pattern, the header, and the environment variable holding the value. */
  credentials?: Array<{ url: string; header: string; env: string }>;
}

/** An `owners:` rule of mcp-comply.yaml: it matches a plan item when every list it gives matches. */
export interface OwnerRule {
  owner: string;
  /** Server names; globs (`*`, `?`, `{a,b}`). */
  servers?: string[];
  /** Files of the findings: the exact file, a folder ending in `/`, or a glob (as in exceptions' scope). */
  paths?: string[];
  /** Check ids; globs (e.g. `repo.*`). */
  checks?: string[];
  /** Names of `systems:`; globs. */
  systems?: string[];
}

/** One entry of responses.yaml (already checked): it names a plan item by id, or one of its findings by fingerprint. */
export interface ResponseEntry extends ManagementResponse {
  item?: string;
  fingerprint?: string;
}

export interface RiskException {
  id: string; check?: string; control?: string;
  scope?: { paths?: string[]; servers?: string[]; repos?: string[]; fingerprints?: string[] };
  justification: string; compensatingControls?: string[]; approver: string; approved: string; expires: string; ticket?: string;
}

/** About a control, or (framework + requirement) about the part of a requirement its mapped controls leave open. */
export interface Attestation {
  control?: string; framework?: string; requirement?: string;
  statement: string; evidence: string; attestedBy: string; date: string; validUntil: string;
}

export interface LoadedConfig {
  file: string;
  config: ProjectConfig;
  /** Extra catalog folders, absolute. */
  catalogs: string[];
  exceptionsFile?: string;
  attestationsFile?: string;
  responsesFile?: string;
  /** `risk:` resolved over the defaults. */
  riskMethod: RiskMethod;
  /** `publicEndpoints:` with their patterns checked; a credential quoted in their text is replaced. */
  publicEndpoints: PublicEndpoint[];
  /** Where a value of the file is (1-based), so what it names can be traced back to its line. */
  positionOf: YamlFile['positionOf'];
}

/** Reads and schema-checks mcp-comply.yaml; returns undefined config when it cannot be used. */
export function loadProjectConfig(file: string): { loaded?: LoadedConfig; problems: Problem[] } {
  const { yaml, problems } = readValidated(file, 'config');
  if (!yaml) return { problems };
  const config = yaml.value as ProjectConfig;
  let riskMethod = DEFAULT_RISK_METHOD;
  try {
    riskMethod = resolveRiskMethod(config.risk);
  } catch (error) {
    problems.push({ file, ...yaml.positionOf(['risk']), severity: 'error', code: 'risk-method', message: (error as Error).message });
  }
  const dir = path.dirname(file);
  const resolve = (p: string) => path.resolve(dir, p);
  const catalogs = (config.catalogs ?? []).map(resolve);
  const period = config.report?.period;
  if (period && period.to < period.from) {
    problems.push({ file, ...yaml.positionOf(['report', 'period', 'to']), severity: 'error', code: 'period-order', message: `report.period.to ${period.to} is before from ${period.from}` });
  }
  const publicEndpoints = (config.publicEndpoints ?? []).map((entry, i) => {
    const at = (key: string) => yaml.positionOf(['publicEndpoints', i, key]);
    const problem = publicEndpointPatternProblem(entry.pattern);
    if (problem) problems.push({ file, ...at('pattern'), severity: 'error', code: 'public-endpoint-pattern', message: `publicEndpoints pattern: ${problem}` });
    return withoutSecrets(entry, ['justification', 'approver'], (key, kinds) => problems.push(secretInText(file, at(key), key, kinds)));
  });
  if (typeof config.probe === 'object') {
    (config.probe.urls ?? []).forEach((url, i) => {
      const problem = probeUrlProblem(url);
      if (problem) problems.push({ file, ...yaml.positionOf(['probe', 'urls', i]), severity: 'error', code: 'probe-url', message: `probe.urls: ${problem}` });
    });
    (config.probe.credentials ?? []).forEach((credential, i) => {
      const problem = publicEndpointPatternProblem(credential.url);
      if (problem) problems.push({ file, ...yaml.positionOf(['probe', 'credentials', i, 'url']), severity: 'error', code: 'probe-credential-url', message: `probe.credentials url: ${problem}` });
    });
  }
  const namedFile = (key: 'exceptions' | 'attestations' | 'responses') => {
    const target = config[key];
    if (target === undefined) return undefined;
    if (!fs.existsSync(resolve(target))) {
      problems.push({ file, ...yaml.positionOf([key]), severity: 'error', code: 'file-not-found', message: `${key} file "${target}" does not exist` });
      return undefined;
    }
    return resolve(target);
  };
  return {
    loaded: {
      file, config, catalogs, exceptionsFile: namedFile('exceptions'), attestationsFile: namedFile('attestations'),
      responsesFile: namedFile('responses'), riskMethod, publicEndpoints,
      positionOf: yaml.positionOf,
    },
    problems,
  };
}

/** Schema and references of exceptions.yaml: known checks and controls, unique ids, sane dates. */
export function checkExceptionsFile(file: string, catalog: Catalog): { exceptions: RiskException[]; problems: Problem[] } {
  const { yaml, problems } = readValidated(file, 'exceptions');
  if (!yaml) return { exceptions: [], problems };
  const exceptions = (yaml.value as { exceptions: RiskException[] }).exceptions;
  const controls = new Set(catalog.controls.map((c) => c.id));
  const seen = new Set<string>();
  const checks = new Set<string>(CHECK_IDS);
  exceptions.forEach((exception, i) => {
    const at = (key: string) => yaml.positionOf(['exceptions', i, key]);
    const report = (key: string, code: string, message: string) => problems.push({ file, ...at(key), severity: 'error', code, message });
    if (seen.has(exception.id)) report('id', 'duplicate-exception', `exception id ${exception.id} is used twice`);
    seen.add(exception.id);
    if (Boolean(exception.check) === Boolean(exception.control)) {
      report('id', 'exception-target', `exception ${exception.id} must name exactly one of "check" or "control"`);
    }
    if (exception.check && !checks.has(exception.check)) report('check', 'unknown-check', `unknown check id "${exception.check}"${didYouMean(exception.check, checks)}`);
    if (exception.control && !controls.has(exception.control)) report('control', 'unknown-control', `unknown control "${exception.control}"${didYouMean(exception.control, controls)}`);
    if (exception.expires < exception.approved) report('expires', 'expires-before-approved', `expires ${exception.expires} is before approved ${exception.approved}`);
  });
  const warn = (i: number, key: string, kinds: string[]) => problems.push(secretInText(file, yaml.positionOf(['exceptions', i, key]), key, kinds));
  return { exceptions: exceptions.map((e, i) => withoutSecrets(e, ['justification', 'ticket', 'compensatingControls'], (key, kinds) => warn(i, key, kinds))), problems };
}

/**
 * Schema of responses.yaml, positioned: each response names exactly one of `item` and `fingerprint`,
 * and its target date is not before its date. Whether it names an item of the plan is known only
 * once the plan is built (assess warns then).
 */
export function checkResponsesFile(file: string): { responses: ResponseEntry[]; positions: Array<{ line: number; column: number }>; problems: Problem[] } {
  const { yaml, problems } = readValidated(file, 'responses');
  if (!yaml) return { responses: [], positions: [], problems };
  const responses = (yaml.value as { responses: ResponseEntry[] }).responses;
  responses.forEach((response, i) => {
    const report = (key: string, code: string, message: string) => problems.push({ file, ...yaml.positionOf(['responses', i, key]), severity: 'error', code, message });
    if ((response.item === undefined) === (response.fingerprint === undefined)) {
      report(response.item !== undefined ? 'item' : 'response', 'response-target', 'a response names exactly one of "item" (a plan item id) or "fingerprint" (one of its findings)');
    }
    if (response.targetDate !== undefined && response.targetDate < response.date) report('targetDate', 'target-before-date', `targetDate ${response.targetDate} is before date ${response.date}`);
  });
  const warn = (i: number, key: string, kinds: string[]) => problems.push(secretInText(file, yaml.positionOf(['responses', i, key]), key, kinds));
  return {
    responses: responses.map((r, i) => withoutSecrets(r, ['response', 'by', 'ticket'], (key, kinds) => warn(i, key, kinds))),
    positions: responses.map((_, i) => yaml.positionOf(['responses', i])),
    problems,
  };
}

/**
 * Document control of the reports from `report:` (DESIGN §2), when any of its keys is given; `status`
 * is then `draft` unless it says `final`. Its text goes on every page, so a credential in it is replaced.
 */
export function documentControlOf(report: ProjectConfig['report']): DocumentControl | undefined {
  if (!report) return undefined;
  const { status, classification, preparedBy, reviewedBy, approvedBy, version, distribution, period } = report;
  const text = (value: string) => redactSecrets(value, undefined, REDACTED).value;
  const texts = { classification, preparedBy, reviewedBy, approvedBy, version };
  const given = Object.entries(texts).filter((e): e is [string, string] => e[1] !== undefined);
  if (status === undefined && given.length === 0 && distribution === undefined && period === undefined) return undefined;
  return {
    status: status ?? 'draft',
    ...Object.fromEntries(given.map(([key, value]) => [key, text(value)])),
    ...(distribution ? { distribution: distribution.map(text) } : {}),
    ...(period ? { period: { from: period.from, to: period.to } } : {}),
  };
}

/** Schema and references of attestations.yaml: known controls, evidence files that exist, sane dates. */
export function checkAttestationsFile(file: string, baseDir: string, catalog: Catalog): { attestations: Attestation[]; problems: Problem[] } {
  const { yaml, problems } = readValidated(file, 'attestations');
  if (!yaml) return { attestations: [], problems };
  const attestations = (yaml.value as { attestations: Attestation[] }).attestations;
  const controls = new Set(catalog.controls.map((c) => c.id));
  attestations.forEach((attestation, i) => {
    const at = (key: string) => yaml.positionOf(['attestations', i, key]);
    const report = (key: string, code: string, message: string) => problems.push({ file, ...at(key), severity: 'error', code, message });
    const onRequirement = attestation.framework !== undefined || attestation.requirement !== undefined;
    if (onRequirement === (attestation.control !== undefined) || (onRequirement && (!attestation.framework || !attestation.requirement))) {
      report('statement', 'attestation-target', 'an attestation names either "control", or "framework" and "requirement"');
    } else if (attestation.control !== undefined) {
      if (!controls.has(attestation.control)) report('control', 'unknown-control', `unknown control "${attestation.control}"${didYouMean(attestation.control, controls)}`);
    } else {
      const framework = catalog.frameworks.find((f) => f.id === attestation.framework);
      if (!framework) report('framework', 'unknown-framework', `unknown framework "${attestation.framework}"${didYouMean(attestation.framework!, catalog.frameworks.map((f) => f.id))}`);
      else if (!framework.requirements.some((r) => r.id === attestation.requirement)) {
        report('requirement', 'unknown-requirement', `"${attestation.requirement}" is not a requirement of ${framework.id} in the catalog${didYouMean(attestation.requirement!, framework.requirements.map((r) => r.id))}`);
      }
    }
    const usable = checkAttestationEvidence(path.resolve(baseDir, attestation.evidence));
    if (usable?.code === 'missing') report('evidence', 'evidence-not-found', `evidence file "${attestation.evidence}" does not exist (paths are relative to ${path.basename(baseDir) || baseDir}/)`);
    else if (usable) report('evidence', 'evidence-unreadable', `evidence file "${attestation.evidence}" cannot be used: ${usable.reason}`);
    if (attestation.validUntil < attestation.date) report('validUntil', 'valid-until-before-date', `validUntil ${attestation.validUntil} is before date ${attestation.date}`);
  });
  const warn = (i: number, key: string, kinds: string[]) => problems.push(secretInText(file, yaml.positionOf(['attestations', i, key]), key, kinds));
  return { attestations: attestations.map((a, i) => withoutSecrets(a, ['statement'], (key, kinds) => warn(i, key, kinds))), problems };
}

/**
 * Exceptions and attestations are copied into the assessment and every report, so a credential quoted
 * in their free text is replaced there; the author is told where, by kind.
 */
function withoutSecrets<T extends object>(entry: T, fields: Array<keyof T & string>, found: (key: string, kinds: string[]) => void): T {
  const copy = { ...entry };
  for (const key of fields) {
    const value = copy[key] as unknown;
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [];
    const redacted = texts.map((text) => redactSecrets(text, undefined, REDACTED));
    const kinds = [...new Set(redacted.flatMap((r) => r.kinds))];
    if (kinds.length === 0) continue;
    found(key, kinds);
    (copy as Record<string, unknown>)[key] = typeof value === 'string' ? redacted[0]!.value : redacted.map((r) => r.value);
  }
  return copy;
}

function secretInText(file: string, at: { line: number; column: number }, key: string, kinds: string[]): Problem {
  return {
    file, ...at, severity: 'warning', code: 'secret-in-text',
    message: `${key} quotes a credential (${kinds.join(', ')}); it is written as ${REDACTED} in the assessment and every report`,
  };
}

/**
 * Why an attestation's evidence file cannot be hashed (a folder, a FIFO, a link to a device,
 * unreadable, over the cap), or undefined when it can. Opened and checked, not read: the run reads it.
 */
export function checkAttestationEvidence(file: string): ReadRefusal | undefined {
  const opened = openRegularFile(file, { cap: READ_CAPS.attestationEvidence });
  if (!opened.ok) return opened.refusal;
  fs.closeSync(opened.fd);
  return undefined;
}

function readValidated(file: string, schema: SchemaName): { yaml?: YamlFile; problems: Problem[] } {
  const yaml = readYamlFile(file);
  const problems = [...yaml.problems];
  if (yaml.value === undefined) return { problems };
  const schemaProblems = validateYaml(yaml, schema);
  problems.push(...schemaProblems);
  return schemaProblems.length ? { problems } : { yaml, problems };
}
