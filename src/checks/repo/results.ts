/**
 * Results of a repo.* check over one `repository` item: every result carries the item id and the
 * `{{repository}}` placeholder, and a location built from the evidence's display paths and positions.
 */
import type { Severity } from '../../catalog/model.js';
import type { RepositoryEvidence } from '../../collectors/repo/model.js';
import type { Location } from '../../evidence/types.js';
import type { SourcePosition } from '../../lib/source-position.js';
import type { CheckContext, CheckResult } from '../types.js';

export type Data = Record<string, string | number>;

export class RepoResults {
  readonly results: CheckResult[] = [];

  constructor(readonly repo: RepositoryEvidence, private readonly evidenceId: string) {}

  pass(messageId: string, location: Location, key: string, data: Data = {}): void {
    this.results.push({ status: 'pass', messageId, data: this.data(data), location, evidenceId: this.evidenceId, key });
  }

  /** Nothing this check applies to (no workflow, no manifest): no population, neither pass nor finding. */
  notApplicable(messageId: string, location: Location, key: string, data: Data = {}): void {
    this.results.push({ status: 'not_applicable', messageId, data: this.data(data), location, evidenceId: this.evidenceId, key });
  }

  fail(messageId: string, severity: Severity, location: Location, key: string, data: Data = {}): void {
    this.results.push({ status: 'fail', messageId, severity, data: this.data(data), location, evidenceId: this.evidenceId, key });
  }

  /** The repository root, where results about something absent point. */
  get root(): Location {
    return { path: this.repo.root };
  }

  private data(data: Data): Data {
    return { repository: this.repo.root === '.' ? 'the assessed root' : this.repo.root, ...data };
  }
}

/** Runs `perRepository` over every `repository` item; none collected means no results (not_observed). */
export function eachRepository(context: CheckContext, perRepository: (results: RepoResults) => void): CheckResult[] {
  return context.evidence('repository').flatMap((item) => {
    const results = new RepoResults(item.data, item.id);
    perRepository(results);
    return results.results;
  });
}

export function at(path: string, position?: SourcePosition): Location {
  return position ? { path, line: position.line, column: position.column } : { path };
}
