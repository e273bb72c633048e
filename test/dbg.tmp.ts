import fs from 'node:fs';
import { readPdf } from './helpers/pdf.js';
const f = await readPdf(fs.readFileSync(process.argv[2]!));
const [from, to] = [Number(process.argv[3]), Number(process.argv[4])];
for (let i = from; i <= to; i++) console.log(`=== page ${i} (${f.texts[i - 1]!.split('\n').length} lines)\n` + f.texts[i - 1]!.slice(0, Number(process.argv[5] ?? 600)));
