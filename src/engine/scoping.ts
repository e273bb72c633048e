/**
 * Scoping (DESIGN §2, §5): whether a framework or one of its requirements applies, from the facts
 * mcp-comply.yaml declares (data classes, EU AI Act role and risk level) and the conditions the mapping
 * data sets. A fact the config does not declare cannot rule anything out: the requirement is assessed
 * and the assumption is reported, so scoping never hides a gap by default.
 */
import type { Applicability, Framework } from '../catalog/model.js';

/** What the config declares; `undefined` means not declared (not "none"). */
export interface ScopeFacts {
  dataClasses?: readonly string[];
  aiActRole?: string;
  aiActRiskLevel?: string;
}

export interface ApplicabilityVerdict {
  applies: boolean;
  /** Why not, when it does not apply. */
  reason?: string;
  /** Facts the condition needed that the config does not declare, so applicability was assumed. */
  assumed: string[];
}

const CONDITION_FACTS = [
  { key: 'dataClasses', fact: 'dataClasses', label: 'processes', declared: (f: ScopeFacts) => f.dataClasses },
  { key: 'roles', fact: 'aiAct.role', label: 'has the AI Act role', declared: (f: ScopeFacts) => (f.aiActRole ? [f.aiActRole] : undefined) },
  { key: 'riskLevels', fact: 'aiAct.riskLevel', label: 'is at the AI Act risk level', declared: (f: ScopeFacts) => (f.aiActRiskLevel ? [f.aiActRiskLevel] : undefined) },
] as const;

export function applicabilityOf(condition: Applicability | undefined, facts: ScopeFacts): ApplicabilityVerdict {
  const assumed: string[] = [];
  if (!condition) return { applies: true, assumed };
  for (const { key, fact, label, declared } of CONDITION_FACTS) {
    const wanted = condition[key] as readonly string[] | undefined;
    if (!wanted) continue;
    const values = declared(facts);
    if (values === undefined) { assumed.push(fact); continue; }
    if (!values.some((v) => wanted.includes(v))) {
      const declaredText = values.length > 0 ? values.join(', ') : 'none';
      return {
        applies: false,
        reason: `applies only where the system ${label} ${wanted.join(' or ')}; mcp-comply.yaml declares ${fact}: ${declaredText}. ${condition.basis}`,
        assumed,
      };
    }
  }
  return { applies: true, assumed };
}

/** The framework's own condition, then the requirement's (a requirement never applies where its framework does not). */
export function requirementApplicability(framework: Framework, appliesTo: string | undefined, facts: ScopeFacts): ApplicabilityVerdict {
  const whole = applicabilityOf(conditionOf(framework, framework.appliesTo), facts);
  if (!whole.applies) return whole;
  const own = applicabilityOf(conditionOf(framework, appliesTo), facts);
  return { ...own, assumed: [...new Set([...whole.assumed, ...own.assumed])] };
}

function conditionOf(framework: Framework, name: string | undefined): Applicability | undefined {
  return name === undefined ? undefined : framework.applicability?.[name];
}
