/**
 * The exceptions.yaml and attestations.yaml a config names, checked (errors refuse the run, exit 2, as
 * for the config itself), and the attestations turned into evidence items carrying their files' sha256.
 */
import path from 'node:path';
import type { Catalog } from '../catalog/model.js';
import { unusedPublicEndpoints } from '../checks/mcp/public-endpoints.js';
import { checkAttestationsFile, checkExceptionsFile, checkResponsesFile, type LoadedConfig, type RiskException } from '../config/project-config.js';
import type { RemediationPlan } from '../engine/assessment.js';
import { responseTarget, type ResponseEntry } from '../engine/remediation-plan.js';
import { REDACTED, redactSecrets } from '../evidence/secrets.js';
import type { AttestationEvidence, EvidenceItem } from '../evidence/types.js';
import { READ_CAPS, readRegularFile } from '../lib/bounded-read.js';
import { sha256Hex } from '../lib/canonical-json.js';
import { displayPath, formatProblem, sortProblems, type Problem } from '../lib/problem.js';
import { refuseErrors } from './catalog-option.js';
import { UsageError } from './exit-codes.js';
import { writeErr } from './text.js';

/** The config's exceptions; undefined when it names none (so no register is written). */
export function loadExceptions(config: LoadedConfig | undefined, catalog: Catalog): RiskException[] | undefined {
  if (!config?.exceptionsFile) return undefined;
  const { exceptions, problems } = checkExceptionsFile(config.exceptionsFile, catalog);
  refuseErrors(problems, displayPath(config.exceptionsFile));
  printWarnings(problems);
  return exceptions;
}

/** responses.yaml as checked, with where each response is, to point at those that match no plan item. */
export interface LoadedResponses {
  file: string;
  responses: ResponseEntry[];
  positions: Array<{ line: number; column: number }>;
}

/** The config's management responses; undefined when it names none. */
export function loadResponses(config: LoadedConfig | undefined): LoadedResponses | undefined {
  if (!config?.responsesFile) return undefined;
  const { responses, positions, problems } = checkResponsesFile(config.responsesFile);
  refuseErrors(problems, displayPath(config.responsesFile));
  printWarnings(problems);
  return { file: config.responsesFile, responses, positions };
}

/** A response that names no item of the plan (a typo, or an item gone for good) is said, at its place, not dropped silently. */
export function warnUnmatchedResponses(loaded: LoadedResponses | undefined, plan: RemediationPlan | undefined): void {
  if (!loaded || !plan?.unmatchedResponses) return;
  const unmatched = new Set(plan.unmatchedResponses.map((u) => `${u.target}\u0000${u.by}`));
  printWarnings(loaded.responses.flatMap((r, i) => unmatched.has(`${responseTarget(r)}\u0000${r.by}`) ? [{
    file: loaded.file, ...loaded.positions[i]!, severity: 'warning' as const, code: 'unmatched-response',
    message: `the response to ${responseTarget(r)} names no item of the remediation plan (plan.unmatchedResponses)`,
  }] : []));
}

/**
 * A `publicEndpoints:` pattern that matches no remote endpoint of the assessed configurations is
 * stale or mistyped: said at its place (it exempts nothing today, but would exempt a future endpoint unseen).
 */
export function warnUnusedPublicEndpoints(config: LoadedConfig | undefined, items: readonly EvidenceItem[]): void {
  if (!config?.publicEndpoints.length) return;
  const files = items.flatMap((item) => (item.kind === 'mcp-config' ? [(item as EvidenceItem<'mcp-config'>).data] : []));
  const unused = new Set(unusedPublicEndpoints(config.publicEndpoints, files));
  printWarnings(config.publicEndpoints.flatMap((entry, i) => unused.has(entry) ? [{
    file: config.file, ...config.positionOf(['publicEndpoints', i, 'pattern']), severity: 'warning' as const, code: 'unused-public-endpoint',
    message: `publicEndpoints pattern "${redactSecrets(entry.pattern, undefined, REDACTED).value}" matches no remote MCP endpoint of the assessed configurations (a stale declaration: remove or correct it)`,
  }] : []));
}

/** Warnings of the exceptions and attestations (a credential quoted in their text) go to stderr: the run goes on. */
function printWarnings(problems: Problem[]): void {
  for (const problem of sortProblems(problems.filter((p) => p.severity === 'warning'))) writeErr(`${formatProblem(problem)}\n`);
}

/** One `attestation` evidence item per attestation, its evidence file read and hashed now. */
export function loadAttestationItems(config: LoadedConfig | undefined, catalog: Catalog, now: string): Array<EvidenceItem<'attestation'>> {
  if (!config?.attestationsFile) return [];
  const baseDir = path.dirname(config.file);
  const { attestations, problems } = checkAttestationsFile(config.attestationsFile, baseDir, catalog);
  refuseErrors(problems, displayPath(config.attestationsFile));
  printWarnings(problems);
  return attestations.map((a) => {
    const file = path.resolve(baseDir, a.evidence);
    // Checked when the attestations were; read bounded again, as the file may have changed since.
    const read = readRegularFile(file, { cap: READ_CAPS.attestationEvidence });
    if (!read.ok) throw new UsageError(`${displayPath(file)}: the evidence file of an attestation in ${displayPath(config.attestationsFile!)} cannot be used: ${read.refusal.reason}`);
    const bytes = read.bytes;
    const evidence = path.relative(baseDir, path.resolve(baseDir, a.evidence)).split(path.sep).join('/');
    const data: AttestationEvidence = {
      ...(a.control ? { control: a.control } : { framework: a.framework!, requirement: a.requirement! }),
      statement: a.statement, attestedBy: a.attestedBy, date: a.date, validUntil: a.validUntil,
      evidence, sha256: sha256Hex(bytes), bytes: bytes.length,
    };
    const target = a.control ?? `${a.framework}:${a.requirement}`;
    return { id: `attestation:${target}:${evidence}`, kind: 'attestation', collector: 'attestations', source: evidence, collectedAt: now, data };
  });
}

/** Fresh attestation items replace any of the same id from a saved bundle: the files are read again. */
export function withItems(items: EvidenceItem[], added: EvidenceItem[]): EvidenceItem[] {
  const ids = new Set(added.map((i) => i.id));
  return [...items.filter((i) => !ids.has(i.id)), ...added];
}
