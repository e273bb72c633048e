/**
 * Reads an assessment.json given on the command line (`report`, `assess --previous`, later `drift`). It
 * must be one of ours with a compatible major schema version; fields added since (inventory, attestation
 * state, catalog text) may be missing and readers cope. A file that cannot be used is an input error
 * naming the file and line.
 */
import type { Assessment } from '../engine/assessment.js';
import { ASSESSMENT_SCHEMA_VERSION } from '../engine/assessment.js';
import { READ_CAPS, readRegularText } from '../lib/bounded-read.js';
import { parseJsonc } from '../lib/jsonc-file.js';
import { displayPath } from '../lib/problem.js';
import { UsageError } from './exit-codes.js';

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
  if (major(String(previous.schemaVersion)) !== major(ASSESSMENT_SCHEMA_VERSION)) {
    throw new UsageError(`${name}: schemaVersion ${previous.schemaVersion} is not supported by this mcp-comply (schema ${ASSESSMENT_SCHEMA_VERSION})`);
  }
  if (!Array.isArray(previous.findings) || !Array.isArray(previous.controls) || !Array.isArray(previous.frameworks) || !Array.isArray(previous.risks)) {
    throw new UsageError(`${name}: not an mcp-comply assessment (findings, controls, frameworks and risks must be lists)`);
  }
  return previous;
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
