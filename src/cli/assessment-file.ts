/**
 * Reads an assessment.json given on the command line (`report`, `assess --previous`, `drift`). It must
 * be one of ours, of the current major schema version or of 1.x, which is validated against its own
 * schema (schemas/v1) and then mapped to the current model (engine/upgrade.ts; `upgradedFrom` says how).
 * Fields added within a major version (inventory, attestation state, catalog text) may be missing and
 * readers cope. A file that cannot be used is an input error naming the file and line.
 */
import type { Assessment } from '../engine/assessment.js';
import { ASSESSMENT_SCHEMA_VERSION } from '../engine/assessment.js';
import { isSchema1, upgradeAssessment } from '../engine/upgrade.js';
import { derivePlan } from '../engine/remediation-plan.js';
import { READ_CAPS, readRegularText } from '../lib/bounded-read.js';
import { parseJsonc } from '../lib/jsonc-file.js';
import { displayPath } from '../lib/problem.js';
import { isBaseline } from '../engine/baseline.js';
import { printable } from '../lib/printable.js';
import { validateDocument } from '../lib/schemas.js';
import { UsageError } from './exit-codes.js';
import { writeErr } from './text.js';

const major = (version: string) => version.split('.')[0];

export function readAssessmentFile(file: string, role = 'assessment'): Assessment {
  const name = displayPath(file);
  // Baselines and --previous files can be committed to a repository: a FIFO or a link to /dev/zero is refused, not waited on.
  const read = readRegularText(file, { cap: READ_CAPS.assessment });
  if (!read.ok) throw new UsageError(`${name}: cannot read the ${role}: ${read.refusal.reason}`);
  const text = read.text;
  const value = parseAssessmentJson(text, name) as Partial<Assessment> | null;
  const missing = (['schemaVersion', 'generatedAt', 'evidence', 'findings', 'controls', 'frameworks', 'risks'] as const)
    .filter((key) => typeof value !== 'object' || value === null || value[key] === undefined);
  if (missing.length > 0) throw new UsageError(`${name}: not an mcp-comply assessment (missing ${missing.join(', ')})`);
  const previous = value as Assessment;
  const old = isSchema1(previous.schemaVersion);
  if (!old && major(String(previous.schemaVersion)) !== major(ASSESSMENT_SCHEMA_VERSION)) {
    throw new UsageError(`${name}: schemaVersion ${printable(String(previous.schemaVersion))} is not supported by this mcp-comply (schema ${ASSESSMENT_SCHEMA_VERSION}; 1.x files are read and mapped)`);
  }
  refuseInvalid(previous, text, name, role);
  if (!old) return withPlan(previous, name);
  const upgraded = upgradeAssessment(previous);
  writeErr(`note: ${name} is schema ${printable(String(previous.schemaVersion))}, read as schema ${ASSESSMENT_SCHEMA_VERSION}:\n${upgraded.upgradedFrom!.notes.map((n) => `  - ${n}`).join('\n')}\n`);
  return upgraded;
}

/**
 * A schema 2.0 assessment has no remediation plan: one is derived from its findings (a baseline keeps
 * too little for that), so `report` shows a plan and `assess --previous` carries first-seen dates.
 */
function withPlan(a: Assessment, name: string): Assessment {
  if (a.plan || isBaseline(a)) return a;
  writeErr(`note: ${name} is schema ${printable(String(a.schemaVersion))}, which has no remediation plan: one was derived from its findings (first seen on its date, default due dates, no management responses)\n`);
  return { ...a, plan: derivePlan(a) };
}

/**
 * Fields that schema 1.1 added as required: a 1.0 file lacks them, and its readers cope (they are
 * read with `?.` or defaults). By the JSON pointer of the object that lacks them, array indexes as `*`.
 */
const ADDED_IN_1_1: Record<string, readonly string[]> = {
  '': ['riskMethod', 'riskHeatMap', 'inventory'],
  '/scope': ['dataClassesDeclared'],
  '/controls/*': ['reason'],
  '/controls/*/attestation': ['state'],
  '/frameworks/*': ['applicability'],
  '/frameworks/*/requirements/*': ['reason'],
  '/risks/*': ['likelihood', 'impact', 'residualLikelihood', 'band', 'mitigation', 'controls', 'reason'],
};

/** At most this many problems are listed; the count of the rest follows. */
const SHOWN_PROBLEMS = 5;

/**
 * Every consumer (drift, report, baseline update, the GitHub check, assess --previous) reads the
 * document's fields as the types the schema gives: a file that parses but has other types (a finding
 * without fingerprint, `findings: {}`) is refused here, naming the place of each problem, rather than
 * failing somewhere inside as a TypeError. A baseline has its own, reduced schema.
 */
function refuseInvalid(value: Assessment, text: string, name: string, role: string): void {
  const baseline = isBaseline(value);
  const v1 = isSchema1(value.schemaVersion);
  let problems = validateDocument(`${baseline ? 'baseline' : 'assessment'}${v1 ? '-1' : ''}`, value);
  if (!baseline && value.schemaVersion === '1.0') {
    problems = problems.filter((p) => !(p.missingProperty !== undefined
      && ADDED_IN_1_1[p.pointer.replace(/^\/$/, '').replace(/\/\d+(?=\/|$)/g, '/*')]?.includes(p.missingProperty)));
  }
  if (problems.length === 0) return;
  // Only now the positioned parser: it costs several times the memory of JSON.parse on a large file.
  const parsed = parseJsonc(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const where = (segments: Array<string | number>) => {
    const at = parsed.ok ? parsed.document.positionOf(segments) : undefined;
    return at ? `${name}:${at.line}:${at.column}` : name;
  };
  const lines = problems.slice(0, SHOWN_PROBLEMS).map((p) => `  ${where(p.segments)}: ${printable(p.pointer)} ${p.message}`);
  if (problems.length > SHOWN_PROBLEMS) lines.push(`  and ${problems.length - SHOWN_PROBLEMS} more`);
  const kind = baseline ? 'baseline (baseline update)' : `assessment (schema ${v1 ? '1.x' : ASSESSMENT_SCHEMA_VERSION})`;
  throw new UsageError(`${name}: the ${role} is not a valid mcp-comply ${kind}:\n${lines.join('\n')}`);
}

/**
 * Native JSON.parse first: the file is ours and large ones are common (50,000 findings are 50 MB), and
 * the positioned parser takes several times the memory. Only when that fails does the positioned parser
 * run, to accept comments (a hand-edited file) or name the line and column of the mistake.
 */
function parseAssessmentJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    const parsed = parseJsonc(text);
    if (!parsed.ok) throw new UsageError(`${name}:${parsed.error.line}:${parsed.error.column}: not valid JSON: ${parsed.error.message}`);
    return parsed.document.value;
  }
}
