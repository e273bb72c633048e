/**
 * `mcp-comply verify DIR`: recompute every evidence hash and the root hash, and every report SHA256SUMS
 * lists beside them; name anything altered.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { MANIFEST, verifyBundle } from '../../evidence/bundle.js';
import { checkSignature, readPublicKey } from '../../evidence/signature.js';
import { displayPath } from '../../lib/problem.js';
import { printable } from '../../lib/printable.js';
import { SUMS_FILE, parseSums, readSumsFile, sha256OfFile } from '../../lib/sha256sums.js';
import type { Assessment } from '../../engine/assessment.js';
import { readAssessmentFile } from '../assessment-file.js';
import { writeOut } from '../text.js';
import { ExitCode } from '../exit-codes.js';
import { keyOfFlag, locateBundle } from '../run-options.js';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('verify an evidence bundle (every item against its recorded sha256, and the root hash) and the reports listed in SHA256SUMS beside it (exit 1 when anything was altered)')
    .argument('<dir>', 'evidence bundle, or an output folder holding one in evidence/ (and SHA256SUMS over its reports)')
    .addOption(new Option('--key <file>', 'the PEM public key that must have signed the bundle (manifest.sig)'))
    .action((dir: string, options: { key?: string }) => {
      const sumsFolder = reportFolder(dir);
      // An output folder of `report` alone has checksums but no bundle: its reports are still verified.
      const bundle = sumsFolder && !hasBundle(dir) ? undefined : locateBundle(dir);
      const folder = bundle ? path.dirname(bundle) : sumsFolder!;
      const recorded = assessmentIn(folder);
      const evidence = bundle ? verifyEvidence(bundle, options.key, recorded) : 'verified';
      const reports = sumsFolder ? verifyReports(sumsFolder) : true;
      const complete = nothingRemoved(folder, recorded, bundle !== undefined, sumsFolder !== undefined);
      // A bundle without a readable manifest is an input error; anything altered or removed is exit 1.
      if (evidence === 'unreadable') process.exitCode = ExitCode.Usage;
      else if (evidence === 'altered' || !reports || !complete) process.exitCode = ExitCode.Findings;
    });
}

/** Checks the bundle and prints what it found. */
function verifyEvidence(bundle: string, key: string | undefined, recorded: RecordedAssessment | undefined): 'verified' | 'altered' | 'unreadable' {
  const expected = key ? keyOfFlag('--key', key, readPublicKey) : undefined;
  const { manifest, rootHash, problems } = verifyBundle(bundle);
  const signature = manifest ? checkSignature(bundle, manifest.rootHash, expected) : undefined;
  problems.push(...(signature?.problems ?? []));
  const recordedRoot = recorded?.assessment.evidence.rootHash;
  if (manifest && recordedRoot !== undefined && recordedRoot !== manifest.rootHash) {
    problems.push({ subject: ASSESSMENT, file: `../${ASSESSMENT}`, reason: 'root-hash-mismatch', detail: `the assessment records root hash ${recordedRoot}, the bundle's manifest ${manifest.rootHash}` });
  }
  // The bundle is untrusted: its file names, item ids and details are printable().
  for (const p of problems) writeOut(`${displayPath(bundle)}/${printable(p.file)}: ${printable(p.reason)}: ${printable(p.subject)}: ${printable(p.detail)}\n`);
  if (problems.length === 0 && manifest) {
    const matched = recorded ? `, the one ${displayPath(recorded.file)} records` : '';
    writeOut(`verified ${manifest.items.length} evidence item(s) in ${displayPath(bundle)}\nroot hash ${rootHash}${matched}\n`);
    const signedBy = signature?.signedBy;
    writeOut(signedBy ? `signed by key ${signedBy.keyFingerprint} (${signedBy.algorithm})${expected ? ', the key given' : ''}\n` : 'not signed\n');
    return 'verified';
  }
  writeOut(`verification failed: ${problems.length} problem(s) in ${displayPath(bundle)}\n`);
  return manifest ? 'altered' : 'unreadable';
}

/** The folder whose SHA256SUMS lists the reports: DIR itself, or the folder the bundle DIR sits in. */
function reportFolder(dir: string): string | undefined {
  const candidates = [dir, ...(fs.existsSync(path.join(dir, MANIFEST)) ? [path.dirname(path.resolve(dir))] : [])];
  return candidates.find((folder) => exists(path.join(folder, SUMS_FILE)));
}

function hasBundle(dir: string): boolean {
  return fs.existsSync(path.join(dir, MANIFEST)) || fs.existsSync(path.join(dir, 'evidence', MANIFEST));
}

/** Present, even as a link (which is then refused as not a file rather than taken for absent). */
function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Recomputes every file SHA256SUMS lists and names each one changed, missing or not a regular file;
 * each unusable line is named too, and the others are still checked. Names come from the folder, so
 * they are only plain file names of it (sha256sums.ts) and are printed through printable().
 */
function verifyReports(folder: string): boolean {
  const sumsFile = path.join(folder, SUMS_FILE);
  const read = readSumsFile(sumsFile);
  if (!read?.ok) {
    writeOut(`${displayPath(sumsFile)}: cannot be read: ${read ? read.refusal.reason : 'it is gone'}\n`);
    return false;
  }
  const { entries, problems } = parseSums(read.text);
  const lines = problems.map((p) => `${displayPath(sumsFile)}:${p.line}: ${printable(p.reason)}: the line is not checked`);
  for (const [name, digest] of entries) {
    const file = path.join(folder, name);
    const hashed = sha256OfFile(file);
    if (hashed.ok && hashed.sha256 === digest) continue;
    const what = hashed.ok ? `changed (SHA256SUMS records ${digest}, the file has ${hashed.sha256})`
      : hashed.refusal.code === 'missing' ? 'missing' : `cannot be checked: ${hashed.refusal.reason}`;
    lines.push(`${displayPath(folder)}/${printable(name)}: ${what}`);
  }
  for (const line of lines) writeOut(`${line}\n`);
  // Not a failure (nothing listed was altered), but a reader of the folder should know what is not vouched for.
  for (const name of unlisted(folder, entries)) writeOut(`note: ${displayPath(folder)}/${printable(name)} is not listed in ${SUMS_FILE}: not verified\n`);
  if (lines.length > 0) {
    writeOut(`verification failed: ${lines.length} problem(s) with the reports listed in ${displayPath(sumsFile)}\n`);
    return false;
  }
  writeOut(`verified ${entries.size} report file(s) against ${displayPath(sumsFile)}\n`);
  return true;
}

/** The files of the folder that SHA256SUMS does not list: a report left by an earlier run, or added by hand. */
function unlisted(folder: string, entries: ReadonlyMap<string, string>): string[] {
  return fs.readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== SUMS_FILE && !entry.name.startsWith('.') && !entries.has(entry.name))
    .map((entry) => entry.name)
    .sort();
}

const ASSESSMENT = 'assessment.json';

/**
 * What the assessment in the folder says should be there and is gone: the evidence bundle whose root hash
 * it records, and (from schema 2.1, when assess began writing it) the SHA256SUMS over its reports.
 * Deleting either must not turn a failed verification into a pass.
 */
function nothingRemoved(folder: string, recorded: RecordedAssessment | undefined, bundle: boolean, sums: boolean): boolean {
  if ((bundle && sums) || !recorded) return true;
  const { assessment } = recorded;
  const [major, minor] = assessment.schemaVersion.split('.').map(Number);
  const missing = [
    ...(bundle ? [] : [`evidence/: missing: ${ASSESSMENT} records the evidence root hash ${assessment.evidence.rootHash}, and there is no bundle to verify it`]),
    ...(sums || major! < 2 || (major === 2 && minor! < 1) ? [] : [`${SUMS_FILE}: missing: the reports of this assessment (schema ${assessment.schemaVersion}) cannot be verified`]),
  ];
  for (const line of missing) writeOut(`${displayPath(folder)}/${line}\n`);
  if (missing.length > 0) writeOut(`verification failed: ${missing.length} problem(s) in ${displayPath(folder)}\n`);
  return missing.length === 0;
}

interface RecordedAssessment { file: string; assessment: Assessment }

/**
 * The assessment in the output folder, read once: the root hash it records (the one its reports print),
 * so that a bundle made consistent with itself after tampering still fails, and the schema that says
 * whether SHA256SUMS belongs beside it. Undefined when there is none.
 */
function assessmentIn(folder: string): RecordedAssessment | undefined {
  const file = path.join(folder, ASSESSMENT);
  if (!fs.existsSync(file)) return undefined;
  return { file, assessment: readAssessmentFile(file, 'assessment beside the bundle') };
}
