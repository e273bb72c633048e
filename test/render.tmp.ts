import fs from 'node:fs';
import { sampleAssessmentWithPlan } from './helpers/sample-assessment.js';
import { renderHtml } from '../src/reporters/html/render-html.js';
const a = sampleAssessmentWithPlan();
for (const p of ['executive', 'auditor', 'full'] as const) {
  const html = renderHtml(a, { paper: 'A4', profile: p });
  fs.writeFileSync(`/tmp/r-${p}.html`, html);
  console.log(p, html.length);
}
fs.writeFileSync('/tmp/a-plan.json', JSON.stringify(a));
