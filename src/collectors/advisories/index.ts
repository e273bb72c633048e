/**
 * The advisory collector: reads the built-in list of known-vulnerable MCP components
 * (advisories/mcp-known-vulnerable.yaml in the package) and hands it to checks as one `advisory-db`
 * evidence item, so the advisory data a finding relied on is hashed into the evidence bundle.
 * Offline by design: no OSV or GHSA query is made.
 */
import path from 'node:path';
import semver from 'semver';
import { SEVERITIES, type Severity } from '../../catalog/model.js';
import type { CollectContext, Collector, EvidenceItem } from '../../evidence/types.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { formatProblem, type Problem } from '../../lib/problem.js';
import { readYamlFile } from '../../lib/yaml-file.js';
import { SERVED_TRANSPORTS, type Advisory, type AdvisoryApplicability, type AdvisoryDatabase, type ServedTransport } from './model.js';

export const BUILTIN_ADVISORIES_FILE = path.join(PACKAGE_ROOT, 'advisories', 'mcp-known-vulnerable.yaml');
const BUILTIN_DISPLAY = 'advisories/mcp-known-vulnerable.yaml';

/** Thrown when an advisory file cannot be read or has invalid entries; every problem is listed. */
export class AdvisoryFileError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => formatProblem(p)).join('\n'));
    this.name = 'AdvisoryFileError';
  }
}

/** Reads and validates one advisory file (YAML: `advisories: [{id, ecosystem, package, affected, ...}]`). */
export function readAdvisoryFile(file: string): Advisory[] {
  const yaml = readYamlFile(file);
  const errors = yaml.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || yaml.value === undefined) throw new AdvisoryFileError(errors);
  const problems: Problem[] = [];
  const problem = (at: Array<string | number>, message: string) =>
    problems.push({ file, ...yaml.positionOf(at), severity: 'error', code: 'advisory-invalid', message });

  const root = yaml.value as { advisories?: unknown } | null;
  if (!root || typeof root !== 'object' || !Array.isArray(root.advisories)) {
    problem([], 'must be a mapping with an `advisories` list');
    throw new AdvisoryFileError(problems);
  }
  const advisories: Advisory[] = [];
  root.advisories.forEach((raw: unknown, i: number) => {
    const at = ['advisories', i];
    if (!raw || typeof raw !== 'object') { problem(at, `advisories[${i}] must be a mapping`); return; }
    const entry = raw as Record<string, unknown>;
    const text = (key: string, required: boolean): string | undefined => {
      const value = entry[key];
      if (value === undefined || value === null) { if (required) problem(at, `advisories[${i}].${key} is required`); return undefined; }
      if (typeof value !== 'string' && typeof value !== 'number') { problem([...at, key], `advisories[${i}].${key} must be a string`); return undefined; }
      return String(value);
    };
    const id = text('id', true);
    const ecosystem = text('ecosystem', true);
    const pkg = text('package', true);
    const affected = text('affected', true);
    const fixed = text('fixed', false);
    const severity = text('severity', true);
    const summary = text('summary', true);
    if (ecosystem !== undefined && ecosystem !== 'npm' && ecosystem !== 'pypi') problem([...at, 'ecosystem'], `advisories[${i}].ecosystem must be npm or pypi`);
    if (affected !== undefined && semver.validRange(affected, { loose: true }) === null) problem([...at, 'affected'], `advisories[${i}].affected is not a valid version range: ${affected}`);
    if (fixed !== undefined && semver.valid(semver.coerce(fixed)) === null) problem([...at, 'fixed'], `advisories[${i}].fixed is not a version: ${fixed}`);
    if (severity !== undefined && !(SEVERITIES as readonly string[]).includes(severity)) problem([...at, 'severity'], `advisories[${i}].severity must be one of: ${SEVERITIES.join(', ')}`);
    const references = entry.references;
    if (references !== undefined && (!Array.isArray(references) || references.some((r) => typeof r !== 'string'))) {
      problem([...at, 'references'], `advisories[${i}].references must be a list of URLs`);
    }
    const appliesTo = readApplicability(entry.appliesTo, [...at, 'appliesTo'], `advisories[${i}].appliesTo`, problem);
    if (!id || !ecosystem || !pkg || !affected || !severity || !summary) return;
    advisories.push({
      id, ecosystem: ecosystem as Advisory['ecosystem'], package: pkg, affected, severity: severity as Severity, summary,
      ...(fixed !== undefined ? { fixed } : {}),
      ...(Array.isArray(references) ? { references: references as string[] } : {}),
      ...(appliesTo ? { appliesTo } : {}),
    });
  });
  if (problems.length > 0) throw new AdvisoryFileError(problems);
  return advisories;
}

/**
 * `appliesTo: { transports: [streamable-http, sse] }`: a mapping with known keys only, and a non-empty
 * list of known transports without repeats. A typo must not widen or narrow an advisory silently.
 */
function readApplicability(
  raw: unknown, at: Array<string | number>, name: string, problem: (at: Array<string | number>, message: string) => void,
): AdvisoryApplicability | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) { problem(at, `${name} must be a mapping (e.g. transports: [streamable-http, sse])`); return undefined; }
  const entry = raw as Record<string, unknown>;
  let valid = true;
  for (const key of Object.keys(entry)) {
    if (key !== 'transports') { problem([...at, key], `${name}.${key} is not a known condition (known: transports)`); valid = false; }
  }
  const transports = entry.transports;
  if (transports === undefined) { problem(at, `${name} must name its transports`); return undefined; }
  const known = SERVED_TRANSPORTS as readonly unknown[];
  if (!Array.isArray(transports) || transports.length === 0) {
    problem([...at, 'transports'], `${name}.transports must be a non-empty list of: ${SERVED_TRANSPORTS.join(', ')}`);
    return undefined;
  }
  transports.forEach((t, j) => {
    if (!known.includes(t)) { problem([...at, 'transports', j], `${name}.transports[${j}] must be one of: ${SERVED_TRANSPORTS.join(', ')}`); valid = false; }
    else if (transports.indexOf(t) !== j) { problem([...at, 'transports', j], `${name}.transports[${j}] repeats ${String(t)}`); valid = false; }
  });
  return valid ? { transports: transports as ServedTransport[] } : undefined;
}

export const advisoriesCollector: Collector = {
  id: 'advisories',
  title: 'Known-vulnerable MCP components (built-in advisory list)',
  produces: ['advisory-db'],
  async collect(context: CollectContext): Promise<EvidenceItem[]> {
    const data: AdvisoryDatabase = { sources: [BUILTIN_DISPLAY], advisories: readAdvisoryFile(BUILTIN_ADVISORIES_FILE) };
    const item: EvidenceItem<'advisory-db'> = {
      id: 'advisory-db:builtin', kind: 'advisory-db', collector: 'advisories', source: BUILTIN_DISPLAY,
      collectedAt: context.now, data,
    };
    return [item];
  },
};
