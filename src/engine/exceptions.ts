/**
 * Exceptions (risk acceptances, DESIGN §2, §5): recorded *beside* the findings and controls they
 * accept, never changing a status. Pure: the exceptions, findings and controls are passed in, the
 * clock is the run's `now`.
 */
import type { RiskException } from '../config/project-config.js';
import type { AssessmentControl, ExceptionEntry, ExceptionNote, ExceptionStatus, Finding } from './assessment.js';
import { globToRegExp } from '../lib/glob.js';
import { runDate } from './attestations.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Live from `approved` to `expires`, both inclusive, by the run's date. */
export function exceptionStatus(exception: Pick<RiskException, 'approved' | 'expires'>, today: string): ExceptionStatus {
  if (today < exception.approved) return 'not-yet-approved';
  return today <= exception.expires ? 'live' : 'expired';
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const trimDot = (p: string) => p.replace(/^\.\//, '');

/** A scope path: the exact file, a folder prefix ending in `/`, or a glob (`*` within a folder, `**` across folders, `?`). */
export function pathMatches(pattern: string, path: string): boolean {
  const p = trimDot(pattern);
  if (/[*?]/.test(p)) return globToRegExp(p).test(path);
  if (p.endsWith('/')) return path.startsWith(p);
  return path === p;
}

/** A scope repository: `github:owner/name` or a local repository root, matching everything under it. */
export function repoMatches(repo: string, path: string): boolean {
  const root = trimDot(repo).replace(/\/+$/, '');
  return path === root || path.startsWith(`${root}/`);
}

/** Target first, then every scope dimension given must match (any of its values). */
export function exceptionMatches(exception: RiskException, finding: Finding): boolean {
  const onTarget = exception.check ? finding.checkId === exception.check : finding.controlIds.includes(exception.control!);
  if (!onTarget) return false;
  const { paths, servers, repos, fingerprints } = exception.scope ?? {};
  const path = finding.location.path;
  return (!paths || paths.some((p) => pathMatches(p, path)))
    && (!servers || (finding.server !== undefined && servers.includes(finding.server)))
    && (!repos || repos.some((r) => repoMatches(r, path)))
    && (!fingerprints || fingerprints.includes(finding.fingerprint));
}

function noteOf(e: RiskException): ExceptionNote {
  return { id: e.id, approver: e.approver, expires: e.expires, ...(e.ticket ? { ticket: e.ticket } : {}), justification: e.justification };
}

/** Statuses that leave a gap an unscoped control exception can accept (a passing control needs none). */
const ACCEPTABLE: ReadonlySet<string> = new Set(['fail', 'not_observed', 'manual', 'stale', 'error']);

export interface AppliedExceptions {
  findings: Finding[];
  controls: AssessmentControl[];
  register: ExceptionEntry[];
}

/**
 * Records each live exception beside the findings it matches and the controls they belong to (an
 * unscoped control exception also beside its control, when that control has a gap); an expired
 * exception is flagged on its findings instead. The first exception in the file wins on a finding.
 */
export function applyExceptions(exceptions: RiskException[], findings: Finding[], controls: AssessmentControl[], now: string): AppliedExceptions {
  const today = runDate(now);
  const outFindings = findings.map((f) => ({ ...f }));
  const controlNotes = new Map<string, ExceptionNote>();
  const statusOf = new Map(controls.map((c) => [c.id, c.status]));
  const register = exceptions.map((exception): ExceptionEntry => {
    const status = exceptionStatus(exception, today);
    const note = noteOf(exception);
    const matched = outFindings.filter((f) => exceptionMatches(exception, f));
    const affected = new Set(matched.flatMap((f) => (exception.control ? [exception.control] : f.controlIds)));
    if (exception.control && !exception.scope && ACCEPTABLE.has(statusOf.get(exception.control) ?? '')) affected.add(exception.control);
    if (status === 'live') {
      for (const f of matched) f.exception ??= note;
      for (const id of affected) if (!controlNotes.has(id)) controlNotes.set(id, note);
    } else if (status === 'expired') {
      for (const f of matched) f.expiredException ??= note;
    }
    return {
      id: exception.id,
      target: exception.check ? `check:${exception.check}` : `control:${exception.control}`,
      status, approver: exception.approver, approved: exception.approved, expires: exception.expires,
      daysToExpiry: daysBetween(today, exception.expires),
      ...(exception.ticket ? { ticket: exception.ticket } : {}),
      justification: exception.justification,
      matchedFindings: matched.length,
      unused: matched.length === 0 && affected.size === 0,
    };
  });
  const outControls = controls.map((c) => (controlNotes.has(c.id) ? { ...c, exception: controlNotes.get(c.id)! } : c));
  return { findings: outFindings, controls: outControls, register };
}
