/** The only place exit codes live (DESIGN §7; the same split as ESLint and knip). */
export const ExitCode = {
  /** Clean: nothing at or above --fail-on, or the command did what was asked. */
  Ok: 0,
  /** Findings at or above --fail-on, or a drift regression. */
  Findings: 1,
  /** Usage, configuration or input error (including an invalid catalog). */
  Usage: 2,
} as const;

/** A mistake in how the command was called or in the input it was given; exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
