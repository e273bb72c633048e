/** Types for tests that import the corpus runner (poisoning-corpus.mjs). */
import type { Check } from '../../src/checks/types.js';
import type { parseToolSnapshot } from '../../src/collectors/tool-snapshot/parse.js';

export const CORPUS: string;
export interface CorpusUnit { file: string; server: string; unit: string; families: string[]; severities: string[] }
export function runCorpusPart(modules: { parseToolSnapshot: typeof parseToolSnapshot; check: Check }, part: 'benign' | 'poisoned'): CorpusUnit[];
