import type { Assessment } from '../../src/engine/assessment.js';

/** Types for tests that import the generator (large-assessment.mjs). */
export function largeAssessment(options?: {
  controls?: number; findings?: number; frameworks?: number; checks?: number; requirements?: number;
  servers?: number; organization?: string; generatedAt?: string;
}): Assessment;
