/**
 * The real-world configuration corpus (test/fixtures/real-world/configs/): public MCP client
 * configurations and registry server.json files that nobody here wrote, assessed by the collectors and
 * checks the CLI runs, and the labels a security engineer gave every finding they produce. Shared by
 * the regression test (configs.test.ts) and the precision figures (bench/real-world-precision.mjs).
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { COLLECTORS } from '../../src/collectors/index.js';
import { CHECKS } from '../../src/checks/index.js';
import type { CheckContext } from '../../src/checks/types.js';
import { resolveCheckOptions } from '../../src/config/check-options.js';
import { formatMessage } from '../../src/engine/run-checks.js';
import { runCollectors } from '../../src/engine/run-collectors.js';
import type { EvidenceItem, EvidenceKind, UnreadableSource } from '../../src/evidence/types.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';

export const CORPUS = path.join(PACKAGE_ROOT, 'test/fixtures/real-world/configs');
export const LABELS_FILE = path.join(CORPUS, 'labels.yaml');
export const SOURCES_FILE = path.join(CORPUS, 'sources.yaml');
/** The files of the corpus that are not corpus: its provenance, labels and README. */
const OWN_FILES = new Set(['labels.yaml', 'sources.yaml', 'README.md']);

/** A fixed clock, so advisories and anything dated decide the same way on every run. */
const NOW = '2026-11-23T00:00:00.000Z';

export interface CorpusFinding {
  check: string;
  /** Relative to the corpus folder: `<owner>__<repo>/<path in repo>`. */
  path: string;
  /** The check's result key: with the check id and path it identifies the finding across runs. */
  key: string;
  severity: string;
  line?: number;
  message: string;
}

export interface CorpusRun {
  findings: CorpusFinding[];
  /** Files parsed into an MCP configuration. */
  read: Set<string>;
  unreadable: UnreadableSource[];
  skipped: Array<{ path: string; reason: string }>;
  /** Collectors or checks that threw: a crash on real input. */
  crashes: string[];
}

export type Verdict = 'true' | 'false' | 'debatable' | 'unlabelled';
export interface Label {
  check: string;
  path: string;
  key: string;
  verdict: Verdict;
  reason: string;
  /** A false finding the checks still report today: tolerated until they stop, then it must not come back. */
  'still-reported'?: boolean;
}

/** A problem in a corpus file that no check reports today: recall, not precision. */
export interface Miss { path: string; pointer: string; expect: string; reason: string }

export function readMisses(file = LABELS_FILE): Miss[] {
  return (YAML.parse(fs.readFileSync(file, 'utf8')) as { missed?: Miss[] } | null)?.missed ?? [];
}

export interface Source {
  file: string;
  repo: string;
  path: string;
  commit: string;
  licence: string;
  changes: string;
  /** Why the collector cannot read this file today: expected unread until discovery learns it. */
  'known-gap'?: string;
}

export const findingId = (f: { check: string; path: string; key: string }) => `${f.check} ${f.path} ${f.key}`;

/**
 * The collectors of files under the given paths. Left out: the repository collector (it reads the
 * git checkout around the corpus, which is this project's, not the corpus), GitHub and logs (neither
 * is configured here).
 */
const FILE_COLLECTORS = COLLECTORS.filter((c) => !['repo', 'github', 'logs'].includes(c.id));

/** Collects the corpus as the CLI does (no user files) and runs every check, keeping each result's key. */
export async function assessCorpus(root = CORPUS): Promise<CorpusRun> {
  const { items, failures } = await runCollectors(FILE_COLLECTORS, { paths: [root], root, includeUser: false, home: root, now: NOW });
  const crashes = failures.map((f) => `collector ${f.collector}: ${f.message}`);
  const ofKind = <K extends EvidenceKind>(kind: K) => items.filter((i): i is EvidenceItem<K> => i.kind === kind);
  const findings: CorpusFinding[] = [];
  for (const check of CHECKS) {
    const context: CheckContext = {
      now: NOW, frameworks: [], options: resolveCheckOptions(),
      evidence: <K extends EvidenceKind>(kind: K) => (check.meta.evidence.includes(kind) ? ofKind(kind) : []),
    };
    if (!check.meta.evidence.some((k) => ofKind(k).length > 0)) continue;
    try {
      for (const r of check.run(context)) {
        if (r.status !== 'fail') continue;
        findings.push({
          check: check.meta.id, path: r.fingerprintPath ?? r.location.path, key: r.key, severity: r.severity ?? check.meta.severity,
          ...(r.location.line !== undefined ? { line: r.location.line } : {}),
          message: formatMessage(check.meta.messages[r.messageId] ?? r.messageId, r.data),
        });
      }
    } catch (error) {
      crashes.push(`check ${check.meta.id}: ${(error as Error).message}`);
    }
  }
  findings.sort((a, b) => findingId(a).localeCompare(findingId(b)));
  return {
    findings,
    read: new Set(ofKind('mcp-config').map((i) => i.data.path)),
    unreadable: ofKind('unreadable-source').map((i) => i.data),
    skipped: ofKind('discovery').flatMap((i) => i.data.skipped),
    crashes,
  };
}

export function readLabels(file = LABELS_FILE): Label[] {
  const doc = YAML.parse(fs.readFileSync(file, 'utf8')) as { labels?: Label[] } | null;
  return (doc?.labels ?? []).map((l) => ({ ...l, verdict: String(l.verdict) as Verdict }));
}

export function readSources(file = SOURCES_FILE): Source[] {
  return (YAML.parse(fs.readFileSync(file, 'utf8')) as { files: Source[] }).files;
}

/** Every file of the corpus, relative to its folder, in a stable order. */
export function corpusFiles(root = CORPUS): string[] {
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .filter((rel) => !OWN_FILES.has(rel))
    .sort();
}

/**
 * Brings labels.yaml up to date with a run, keeping its comments: appends the unjudged findings as
 * `verdict: unlabelled` (their message as a comment to judge them by) and drops `still-reported` from
 * false findings no longer reported. Verdicts themselves are never changed: that is a human's job.
 */
export function updateLabels(run: CorpusRun, file = LABELS_FILE): void {
  const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'));
  const { unlabelled, fixedFalse } = compare(run, readLabels(file));
  const fixed = new Set(fixedFalse.map(findingId));
  const list = doc.get('labels') as YAML.YAMLSeq<YAML.YAMLMap> | undefined;
  for (const item of list?.items ?? []) {
    if (fixed.has(findingId(item.toJSON() as Label))) item.delete('still-reported');
  }
  let text = doc.toString({ lineWidth: 0 });
  if (!list) text = `${text.trimEnd()}\nlabels:\n`;
  fs.writeFileSync(file, text + unlabelled.map(unlabelledEntry).join(''));
}

/** A labels.yaml entry for a finding nobody has judged yet, its message as a comment to judge it by. */
export function unlabelledEntry(f: CorpusFinding): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    `  # ${f.severity} at line ${f.line ?? '?'}: ${f.message.replace(/\s+/g, ' ')}`,
    `  - check: ${f.check}`,
    `    path: ${q(f.path)}`,
    `    key: ${q(f.key)}`,
    '    verdict: unlabelled',
    '    reason: ""',
    '',
  ].join('\n');
}

export interface Comparison {
  /** Findings no label speaks of. */
  unlabelled: CorpusFinding[];
  /** Labels still waiting for a verdict. */
  undecided: Label[];
  /** Labelled true, no longer found: a real problem the checks stopped seeing. */
  lostTrue: Label[];
  /** Labelled false, found again: a false finding back. */
  returnedFalse: Label[];
  /** Labelled false and still-reported, no longer found: the checks were fixed, the marker is stale. */
  fixedFalse: Label[];
  /** Per finding of this run, its verdict (or `unlabelled`). */
  verdictOf: Map<string, Verdict>;
}

export function compare(run: CorpusRun, labels: Label[]): Comparison {
  const found = new Set(run.findings.map(findingId));
  const byId = new Map(labels.map((l) => [findingId(l), l]));
  return {
    unlabelled: run.findings.filter((f) => !byId.has(findingId(f))),
    undecided: labels.filter((l) => l.verdict === 'unlabelled'),
    lostTrue: labels.filter((l) => l.verdict === 'true' && !found.has(findingId(l))),
    returnedFalse: labels.filter((l) => l.verdict === 'false' && !l['still-reported'] && found.has(findingId(l))),
    fixedFalse: labels.filter((l) => l.verdict === 'false' && l['still-reported'] && !found.has(findingId(l))),
    verdictOf: new Map(run.findings.map((f) => [findingId(f), byId.get(findingId(f))?.verdict ?? 'unlabelled'])),
  };
}
