/**
 * Runs the checks over the evidence. Statuses are honest: a check with no evidence is `not_observed`,
 * one whose collector failed or that throws is `error`, one that reports no population (nothing it
 * applies to) is `not_applicable`, and only checks that evaluated something and found nothing wrong
 * are `pass`.
 */
import type { Severity } from '../catalog/model.js';
import type { AssessmentResult } from './assessment.js';
import type { Check, CheckContext, CheckStatus } from '../checks/types.js';
import { sha256Hex } from '../lib/canonical-json.js';
import type { EvidenceItem, EvidenceKind } from '../evidence/types.js';
import { resolveCheckOptions, type CheckOptions } from '../config/check-options.js';

export interface EvaluatedCheck {
  id: string;
  title: string;
  severity: Severity;
  status: CheckStatus;
  /** Why the status is not_observed or error. */
  reason?: string;
  remediation?: string;
  results: AssessmentResult[];
}

/** Stable for the same problem at the same place: check id, file, and the result's own key. */
export function fingerprintOf(checkId: string, path: string, key: string): string {
  return sha256Hex(`${checkId}\u0000${path}\u0000${key}`).slice(0, 32);
}

/**
 * A failure anywhere fails the check; otherwise any unseen part keeps it from passing; it passes when
 * something was evaluated. Only a check that says so with a result of its own (a configuration that
 * starts no container) is `not_applicable`: no results at all is a check that could not decide (no
 * advisory data, no timestamps), which is `not_observed`, never a pass and never "no population".
 */
export function checkStatusOf(results: ReadonlyArray<{ status: AssessmentResult['status'] }>): CheckStatus {
  if (results.some((r) => r.status === 'fail')) return 'fail';
  if (results.some((r) => r.status === 'not_observed')) return 'not_observed';
  if (results.some((r) => r.status === 'pass')) return 'pass';
  return results.some((r) => r.status === 'not_applicable') ? 'not_applicable' : 'not_observed';
}

/** "no population: " and what the check found nothing to apply to, in its own words (at most three sources named). */
function noPopulationReason(results: AssessmentResult[]): string {
  const said = results.filter((r) => r.status === 'not_applicable').map((r) => r.message);
  const more = said.length > 3 ? ` (and ${said.length - 3} more)` : '';
  return `no population: ${said.slice(0, 3).join(' ')}${more}`;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

/** What every check is told besides the evidence: the run's clock, the frameworks in scope, the thresholds. */
export interface CheckSettings {
  now: string;
  frameworks?: string[];
  options?: CheckOptions;
}

export function runChecks(
  checks: Check[], items: EvidenceItem[], settings: CheckSettings, failedKinds: ReadonlySet<EvidenceKind>,
): EvaluatedCheck[] {
  const { now, frameworks = [], options = resolveCheckOptions() } = settings;
  const byKind = new Map<EvidenceKind, EvidenceItem[]>();
  for (const item of items) {
    const list = byKind.get(item.kind);
    if (list) list.push(item); else byKind.set(item.kind, [item]);
  }

  return checks.map((check): EvaluatedCheck => {
    const { meta } = check;
    const base = { id: meta.id, title: meta.title, severity: meta.severity, remediation: meta.remediation };
    const failed = meta.evidence.filter((k) => failedKinds.has(k));
    if (failed.length > 0) {
      return { ...base, status: 'error', reason: `the collector of ${failed.join(', ')} failed`, results: [] };
    }
    const context: CheckContext = {
      now, frameworks, options,
      evidence: <K extends EvidenceKind>(kind: K) => {
        if (!meta.evidence.includes(kind)) throw new Error(`check ${meta.id} reads ${kind} but does not declare it`);
        return (byKind.get(kind) ?? []) as Array<EvidenceItem<K>>;
      },
    };
    if (!meta.evidence.some((k) => (byKind.get(k) ?? []).length > 0)) {
      return { ...base, status: 'not_observed', reason: `no ${meta.evidence.join(' or ')} evidence was collected`, results: [] };
    }
    try {
      const results = check.run(context).map((r): AssessmentResult => {
        const template = meta.messages[r.messageId];
        if (template === undefined) throw new Error(`check ${meta.id} reported unknown messageId "${r.messageId}"`);
        return {
          status: r.status,
          messageId: r.messageId,
          message: formatMessage(template, r.data),
          severity: r.severity ?? meta.severity,
          location: r.location,
          fingerprint: fingerprintOf(meta.id, r.fingerprintPath ?? r.location.path, r.key),
          evidenceId: r.evidenceId,
          ...(typeof r.data?.server === 'string' ? { server: r.data.server } : {}),
        };
      });
      const status = checkStatusOf(results);
      const unseen = results.filter((r) => r.status === 'not_observed').length;
      const reason = status === 'not_observed'
        ? (unseen ? `${unseen} of ${results.length} part(s) of the evidence could not be seen` : 'the evidence held nothing this check could decide on')
        : status === 'not_applicable' ? noPopulationReason(results) : undefined;
      return { ...base, status, ...(reason ? { reason } : {}), results };
    } catch (error) {
      return { ...base, status: 'error', reason: `the check failed: ${(error as Error).message}`, results: [] };
    }
  });
}
