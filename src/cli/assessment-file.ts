/**
 * Reads an assessment.json given on the command line (`report`, `assess --previous`, later `drift`). It
 * must be one of ours with a compatible major schema version; fields added since (inventory, attestation
 * state, catalog text) may be missing and readers cope. A file that cannot be used is an input error
 * naming the file and line.
 */
import fs from 'node:fs';
import type { Assessment } from '../engine/assessment.js';
import { ASSESSMENT_SCHEMA_VERSION } from '../engine/assessment.js';
import { parseJsonc } from '../lib/jsonc-file.js';
import { displayPath } from '../lib/problem.js';
import { UsageError } from './exit-codes.js';

const major = (version: string) => version.split('.')[0];

export function readAssessmentFile(file: string, role = 'assessment'): Assessment {
  const name = displayPath(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${name}: cannot read the ${role} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
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
