/**
 * The valid requirement ids of each framework (frameworks/requirement-ids.json, generated from the
 * researched list), and hints for the near misses people really type (GV-1.1, B.6.2.8, v4.0 PCI ids).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../lib/package-root.js';
import { closest } from '../lib/suggest.js';

interface FrameworkIds { name: string; version: string; source: string; ids: string[]; supplementaryIds?: string[] }

let registry: Map<string, Set<string>> | undefined;

/** The valid ids of a framework, or undefined for a framework we hold no list for. */
export function requirementIdsOf(frameworkId: string): ReadonlySet<string> | undefined {
  if (!registry) {
    const file = path.join(PACKAGE_ROOT, 'frameworks', 'requirement-ids.json');
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { frameworks: Record<string, FrameworkIds> };
    registry = new Map(Object.entries(data.frameworks).map(([id, f]) => [id, new Set(f.ids)]));
  }
  return registry.get(frameworkId);
}

const NIST_FUNCTIONS: Record<string, string> = { GV: 'GOVERN', MP: 'MAP', MS: 'MEASURE', MG: 'MANAGE' };

/** Why an id is not valid and what was probably meant. */
export function requirementIdHint(frameworkId: string, id: string, valid: ReadonlySet<string>): string {
  const nist = /^(GV|MP|MS|MG|GOVERN|MAP|MEASURE|MANAGE)[\s-]*(\d+(?:\.\d+)?)$/i.exec(id.trim());
  if (frameworkId === 'nist-ai-rmf' && nist) {
    const fn = nist[1]!.toUpperCase();
    const candidate = `${NIST_FUNCTIONS[fn] ?? fn} ${nist[2]}`;
    if (valid.has(candidate)) return `; write it as "${candidate}"`;
  }
  if (frameworkId === 'iso-42001' && /^B\./.test(id) && valid.has(`A.${id.slice(2)}`)) {
    return `; Annex B is implementation guidance, cite the control "A.${id.slice(2)}"`;
  }
  if (frameworkId === 'pci-dss' && /^3\.5\.[234]$/.test(id)) {
    return '; that is a PCI DSS v4.0 number, v4.0.1 numbers it 3.5.1.1-3.5.1.3';
  }
  const squashed = id.replace(/\s+/g, '').toLowerCase();
  for (const candidate of valid) if (candidate.replace(/\s+/g, '').toLowerCase() === squashed) return `; write it as "${candidate}"`;
  const near = closest(id, valid, 2);
  return near ? ` (did you mean "${near}"?)` : '';
}
