import fs from 'node:fs';
import { samplePlan, sampleDocument } from './helpers/sample-assessment.js';
const a = JSON.parse(fs.readFileSync('/tmp/demo-out/assessment.json', 'utf8'));
fs.writeFileSync('/tmp/demo-plan.json', JSON.stringify({ ...a, plan: samplePlan(a), document: sampleDocument() }));
