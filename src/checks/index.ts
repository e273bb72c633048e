/**
 * The registry of implemented checks (explicit, so nothing globs src/ at run time). One file per
 * check id; check ids without an implementation yet are reported as not observed, never as passing.
 */
import type { Check } from './types.js';

export const CHECKS: Check[] = [];
