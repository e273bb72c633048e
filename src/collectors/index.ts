/** The collectors `collect` and `assess` run, in order. */
import type { Collector } from '../evidence/types.js';

export const COLLECTORS: Collector[] = [];
