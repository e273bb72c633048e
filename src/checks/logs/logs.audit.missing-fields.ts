/**
 * logs.audit.missing-fields (MCP-LG-01): every audit event says who acted (identity), what was done
 * (method or tool) and when (ts). Only JSONL sources carry audit evidence; access logs and client
 * logs record no principal, so the check does not apply to them.
 */
import type { AuditFieldGaps, LogSourceEvidence } from '../../collectors/logs/model.js';
import type { Check, CheckResult } from '../types.js';
import { SOURCE_KEY, fail, formatCount, lineList, logSources, pass, type LogItem } from './source.js';

type Gap = 'identity' | 'action' | 'timestamp';

/** What each gap means and the canonical fields that fill it. */
const GAPS: Array<{ gap: Gap; what: string; fields: string[] }> = [
  { gap: 'identity', what: 'who acted', fields: ['identity'] },
  { gap: 'action', what: 'what was done', fields: ['method', 'tool'] },
  { gap: 'timestamp', what: 'when it happened', fields: ['ts'] },
];

/** `identity`, or `identity (read from user.id)` when the config maps the field, so the user knows where to look. */
function fieldNames(fields: string[], mapping: LogSourceEvidence['fields']): string {
  return fields.map((name) => (mapping?.[name] ? `${name} (read from ${mapping[name]})` : name)).join(' or ');
}

function gapResults(item: LogItem, audit: AuditFieldGaps): CheckResult[] {
  const fails = GAPS.filter(({ gap }) => audit[gap].count > 0).map(({ gap, what, fields }) => {
    const refs = audit[gap];
    return fail(item, {
      messageId: 'missingField', severity: 'medium', key: `field:${gap}`, line: refs.lines[0],
      data: {
        what, field: fieldNames(fields, item.data.fields), count: formatCount(refs.count), events: formatCount(audit.events),
        first: refs.lines.length > 0 ? `, first at ${lineList(refs.lines)}` : '',
      },
    });
  });
  if (fails.length > 0) return fails;
  // Incomplete events without a gap would contradict the evidence: no verdict rather than a pass.
  if (audit.incomplete > 0) return [];
  return [pass(item, { messageId: 'complete', key: SOURCE_KEY, data: { events: formatCount(audit.events) } })];
}

export const check: Check = {
  meta: {
    id: 'logs.audit.missing-fields',
    title: 'Audit events record who, what and when',
    severity: 'medium',
    evidence: ['log-source'],
    messages: {
      missingField: 'Audit events lack {{what}}: {{field}} is missing from {{count}} of {{events}} events{{first}}.',
      complete: 'All {{events}} audit events in {{path}} record who acted (identity), what was done (method or tool) and when (ts).',
    },
    remediation: 'Emit one event per JSON-RPC request with identity taken from the validated credential, method and tool, and an ISO 8601 ts; map other field names to the canonical ones in mcp-comply.yaml.',
  },
  run(context) {
    // No audit evidence (not JSONL) or no events parsed: nothing shows whether events are complete.
    return logSources(context).flatMap((item) => {
      const audit = item.data.audit;
      return audit && audit.events > 0 ? gapResults(item, audit) : [];
    });
  },
};
