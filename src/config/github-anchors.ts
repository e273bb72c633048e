/**
 * Where the project names each GitHub organisation and repository that was assessed (`scope.github` of
 * assessment.json), so that a finding about one can point at the line of mcp-comply.yaml that names it
 * (code scanning needs a file for every alert; DESIGN §1: every report is a view of assessment.json alone).
 *
 * In order: the config's `sources.github.repos` entry that names the repository; the config's
 * `sources.github.org` that names the organisation, or the owner of a repository listed from it; when
 * the flags named it (`--github-org`, `--github-repo`, which take the config's place), the config file as a
 * whole, as no line of it names the subject; when it came from recorded evidence the config brings in
 * (`sources.evidence`), that entry (the key when it lists several bundles). Without a config file the
 * subject is listed without a place, and reports fall back on their own placeholder.
 */
import type { GitHubSourceAnchor } from '../engine/assessment.js';
import type { EvidenceItem } from '../evidence/types.js';
import type { LoadedConfig } from './project-config.js';

export interface GitHubSubjects {
  /** Organisations and repositories (`owner/name`) of the evidence, as the evidence spells them. */
  orgs: string[];
  repos: string[];
}

export interface GitHubNaming {
  /** The project config and its path as reports show it (relative to the assessed root). */
  config?: { loaded: LoadedConfig; path: string };
  /** `--github-org` and `--github-repo`, which take the place of the config's `sources.github`. */
  githubOrg?: string;
  githubRepo?: string[];
  /** `--evidence` was given: the bundles came from the command line, not from the config's `sources.evidence`. */
  evidenceFromFlags?: boolean;
}

/** The organisations and repositories the evidence holds, each once, in the evidence's order. */
export function githubSubjectsOf(items: EvidenceItem[]): GitHubSubjects {
  const named = <K extends 'github-org' | 'github-repo'>(kind: K, name: (item: EvidenceItem<K>) => string) =>
    [...new Set(items.filter((item): item is EvidenceItem<K> => item.kind === kind).map(name))];
  return { orgs: named('github-org', (item) => item.data.org), repos: named('github-repo', (item) => item.data.repo) };
}

type Place = Pick<GitHubSourceAnchor, 'path' | 'line' | 'column'>;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function githubAnchors(subjects: GitHubSubjects, naming: GitHubNaming): GitHubSourceAnchor[] {
  const { config } = naming;
  const sources = config?.loaded.config.sources;
  const configuredOrg = naming.githubOrg === undefined ? sources?.github?.org : undefined;
  const configuredRepos = naming.githubRepo === undefined ? sources?.github?.repos ?? [] : [];
  const bundles = naming.evidenceFromFlags ? [] : sources?.evidence ?? [];

  const at = (key: ReadonlyArray<string | number>, part: 'key' | 'value' = 'value'): Place =>
    (config ? { path: config.path, ...config.loaded.positionOf(key, part) } : {});
  const wholeFile: Place = config ? { path: config.path } : {};
  const byOrg = (org: string): Place | undefined => (configuredOrg !== undefined && same(org, configuredOrg) ? at(['sources', 'github', 'org']) : undefined);
  // Not named by the config's sources.github: named by a flag (no line names it), or brought in by a bundle the config lists.
  const otherwise = (namedByFlag: boolean): Place => {
    if (namedByFlag || bundles.length === 0) return wholeFile;
    return bundles.length === 1 ? at(['sources', 'evidence', 0]) : at(['sources', 'evidence'], 'key');
  };
  const flaggedOrg = (org: string) => naming.githubOrg !== undefined && same(org, naming.githubOrg);

  const orgs = subjects.orgs.map((org): GitHubSourceAnchor => ({ org, ...(byOrg(org) ?? otherwise(flaggedOrg(org))) }));
  const repos = subjects.repos.map((repo): GitHubSourceAnchor => {
    const listed = configuredRepos.findIndex((name) => same(name, repo));
    const owner = repo.split('/')[0]!;
    const place = listed >= 0 ? at(['sources', 'github', 'repos', listed])
      : byOrg(owner) ?? otherwise(flaggedOrg(owner) || (naming.githubRepo ?? []).some((name) => same(name, repo)));
    return { repo, ...place };
  });
  return [...orgs, ...repos];
}
