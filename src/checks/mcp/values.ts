/**
 * Small value predicates shared by the MCP configuration checks: run-time interpolation, booleans
 * written as strings, redaction markers. Pure; no I/O.
 */
import { REDACTED } from '../../evidence/secrets.js';

/**
 * Every interpolation syntax of mcp-formats §2.1: `${input:x}`, `${env:X}`, `${X}`, `${X:-d}`, `$X`,
 * `${workspaceFolder}`, `{{srv.key}}` (Docker catalog), `{var}` (server.json templates), `%VAR%`
 * (Windows) and `$env:X` (PowerShell). A value that contains one is resolved at run time: it is
 * never treated as a literal host, path, version or secret.
 */
const INTERPOLATION = /\$\{[^}]*\}|\$env:[A-Za-z_]\w*|\$[A-Za-z_]\w*|\{\{[^}]*\}\}|\{[A-Za-z_][\w.-]*\}|%[A-Za-z_]\w*%|\$\([^)]*\)/;

export function isInterpolated(value: string): boolean {
  return INTERPOLATION.test(value);
}

export function isRedacted(value: string): boolean {
  return value.includes(REDACTED);
}

export function isTruthy(value: string | undefined): boolean {
  return value !== undefined && /^\s*(1|true|yes|on|y|enabled?)\s*$/i.test(value);
}

export function isFalsy(value: string | undefined): boolean {
  return value !== undefined && /^\s*(0|false|no|off|n|disabled?)\s*$/i.test(value);
}

/** Names compared loosely: `--Verify_SSL` and `verify-ssl` are the same flag. */
export function looseName(name: string): string {
  return name.replace(/^-+/, '').toLowerCase().replace(/[-_.]/g, '');
}
