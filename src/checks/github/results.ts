/**
 * Results of a github.* check about one organisation or repository. Every result points at
 * `github:<org>` or `github:<owner>/<repo>` (no line), carries the item id as evidenceId and the
 * `{{subject}}` placeholder ("organisation acme", "repository acme/api"), and is keyed `org:<name>` or
 * `repo:<owner>/<name>`; a second, distinct problem of the same subject adds `#<aspect>` so an
 * exception for one never covers the other.
 *
 * A fact the API did not show (`denied`, `error`) becomes a `not_observed` result naming what would
 * show it; no check passes or fails on such a fact.
 */
import type { Severity } from '../../catalog/model.js';
import type { GitHubOrgEvidence, GitHubRepoEvidence, Observed } from '../../collectors/github/model.js';
import type { EvidenceItem } from '../../evidence/types.js';
import type { CheckContext, CheckResult } from '../types.js';

export type Data = Record<string, string | number>;
export type Unseen = Exclude<Observed<unknown>, { state: 'ok' }>;

/** Message templates every github.* check declares, for facts the API did not show. */
export const UNSEEN_MESSAGES = {
  denied: 'Cannot see {{fact}} of {{subject}}: the token needs {{permission}} (HTTP {{httpStatus}}).',
  'api-error': 'Cannot see {{fact}} of {{subject}}: the GitHub API kept failing ({{error}}).',
} as const;

interface Subject {
  /** `repo:acme/api` or `org:acme`. */
  key: string;
  /** `github:acme/api` or `github:acme`. */
  path: string;
  /** `repository acme/api` or `organisation acme`, for messages. */
  label: string;
  evidenceId: string;
}

export class GitHubResults {
  readonly results: CheckResult[] = [];

  constructor(private readonly subject: Subject) {}

  pass(messageId: string, data: Data = {}, aspect?: string): void {
    this.push({ status: 'pass', messageId, data: this.data(data), key: this.key(aspect) });
  }

  fail(messageId: string, severity: Severity, data: Data = {}, aspect?: string): void {
    this.push({ status: 'fail', messageId, severity, data: this.data(data), key: this.key(aspect) });
  }

  /** A part of the evidence that could not be seen, with what would let us see it. */
  notObserved(messageId: string, data: Data = {}, aspect?: string): void {
    this.push({ status: 'not_observed', messageId, data: this.data(data), key: this.key(aspect) });
  }

  /** Reports a denied or failing fact as not_observed; `fact` names it ("the branch protection"). */
  unseen(fact: string, observed: Unseen, aspect?: string): void {
    if (observed.state === 'denied') {
      this.notObserved('denied', { fact, permission: observed.permission, httpStatus: observed.httpStatus }, aspect);
    } else {
      this.notObserved('api-error', { fact, error: safeErrorText(observed.message) }, aspect);
    }
  }

  /** The value of a fact, or undefined after reporting it unseen: the caller then decides nothing. */
  seen<T>(observed: Observed<T>, fact: string, aspect?: string): T | undefined {
    if (observed.state === 'ok') return observed.value;
    this.unseen(fact, observed, aspect);
    return undefined;
  }

  private push(result: Omit<CheckResult, 'location' | 'evidenceId'>): void {
    this.results.push({ ...result, location: { path: this.subject.path }, evidenceId: this.subject.evidenceId });
  }

  private key(aspect: string | undefined): string {
    return aspect ? `${this.subject.key}#${aspect}` : this.subject.key;
  }

  private data(data: Data): Data {
    return { subject: this.subject.label, ...data };
  }
}

function repoResults(item: EvidenceItem<'github-repo'>): GitHubResults {
  const name = item.data.repo;
  return new GitHubResults({ key: `repo:${name}`, path: `github:${name}`, label: `repository ${name}`, evidenceId: item.id });
}

function orgResults(item: EvidenceItem<'github-org'>): GitHubResults {
  const name = item.data.org;
  return new GitHubResults({ key: `org:${name}`, path: `github:${name}`, label: `organisation ${name}`, evidenceId: item.id });
}

/** Runs `perRepository` over every `github-repo` item; none collected means no results (not_observed). */
export function eachRepository(context: CheckContext, perRepository: (repo: GitHubRepoEvidence, results: GitHubResults) => void): CheckResult[] {
  return context.evidence('github-repo').flatMap((item) => collect(repoResults(item), (results) => perRepository(item.data, results)));
}

/** Runs `perOrganisation` over every `github-org` item. */
export function eachOrganisation(context: CheckContext, perOrganisation: (org: GitHubOrgEvidence, results: GitHubResults) => void): CheckResult[] {
  return context.evidence('github-org').flatMap((item) => collect(orgResults(item), (results) => perOrganisation(item.data, results)));
}

function collect(results: GitHubResults, judge: (results: GitHubResults) => void): CheckResult[] {
  judge(results);
  return results.results;
}

const MAX_ERROR_LENGTH = 200;

/**
 * An API error message fit for a report: GitHub tokens, Authorization values, URL userinfo and query
 * strings removed (an error text may echo the request), whitespace collapsed, length bounded.
 */
function safeErrorText(message: string): string {
  const text = message
    .replace(/\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,})\b/g, '<token>')
    .replace(/\b(authorization\s*[:=]\s*)(?:(?:bearer|token|basic)\s+)?[^\s,;)]+/gi, '$1<hidden>')
    .replace(/\b(bearer|token)(\s*[:=]\s*|\s+)[\w.~+/=-]{16,}/gi, '$1$2<hidden>')
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1')
    .replace(/(https?:\/\/[^\s?#]*)[?#][^\s)]*/gi, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length === 0) return 'no message';
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
