/**
 * Builds the results of one check over one MCP configuration file: common message data (server,
 * client, disabled state), locations and keys from locate.ts, one result per key, a pass for every
 * evaluated server without a failure, and a no-population result for a file with nothing to evaluate.
 */
import type { Severity } from '../../catalog/model.js';
import type { McpConfigFile, McpServer } from '../../collectors/mcp-config/model.js';
import type { EvidenceItem } from '../../evidence/types.js';
import type { CheckContext, CheckResult } from '../types.js';
import { FILE_KEY, clientLabel, locationOf, serverKey } from './locate.js';

export type Data = Record<string, string | number>;

/** Placeholders every server message may use: `{{server}}`, `{{client}}`, `{{state}}` (` (disabled)` or empty). */
export function serverData(file: McpConfigFile, server: McpServer): Data {
  return {
    server: server.name,
    client: clientLabel(server.client ?? file.client),
    state: server.disabled ? ' (disabled, but it can be re-enabled)' : '',
    disabled: server.disabled ? 'true' : 'false',
  };
}

export function fileData(file: McpConfigFile): Data {
  return { client: clientLabel(file.client), path: file.path };
}

export interface FailSpec {
  messageId: string;
  severity: Severity;
  /** Positions field of the offending value (`url`, `env/HOST`, `args/3`); the server entry when absent. */
  field?: string;
  key: string;
  data?: Data;
  /** The item the result was decided from, when not the configuration (a probe observation of the endpoint). */
  evidenceId?: string;
}

export class FileResults {
  readonly file: McpConfigFile;
  private readonly evidenceId: string;
  private readonly results: CheckResult[] = [];
  private readonly keys = new Set<string>();
  private readonly failed = new Set<McpServer>();
  private readonly evaluated = new Set<McpServer>();
  /** Servers with a part the configuration alone cannot decide: no pass for them. */
  private readonly unseen = new Set<McpServer>();

  constructor(item: EvidenceItem<'mcp-config'>) {
    this.file = item.data;
    this.evidenceId = item.id;
  }

  /** Marks a server as examined by the check (it gets a pass unless something fails). */
  evaluate(server: McpServer): void {
    this.evaluated.add(server);
  }

  fail(server: McpServer, spec: FailSpec): void {
    this.evaluated.add(server);
    this.failed.add(server);
    this.push({
      status: 'fail', messageId: spec.messageId, severity: spec.severity,
      data: { ...serverData(this.file, server), ...spec.data },
      location: locationOf(this.file, server, spec.field), evidenceId: spec.evidenceId ?? this.evidenceId, key: spec.key,
    });
  }

  /**
   * A part of the server the configuration alone cannot decide (e.g. authorization negotiated at run
   * time): `not_observed`, never a finding, and the server gets no pass.
   */
  notObserved(server: McpServer, spec: Omit<FailSpec, 'severity'>): void {
    this.evaluated.add(server);
    this.unseen.add(server);
    this.push({
      status: 'not_observed', messageId: spec.messageId, data: { ...serverData(this.file, server), ...spec.data },
      location: locationOf(this.file, server, spec.field), evidenceId: spec.evidenceId ?? this.evidenceId, key: spec.key,
    });
  }

  /** A failure about the file rather than a server (client-level settings). */
  failFile(spec: FailSpec & { location: CheckResult['location'] }): void {
    this.push({
      status: 'fail', messageId: spec.messageId, severity: spec.severity, data: { ...fileData(this.file), ...spec.data },
      location: spec.location, evidenceId: this.evidenceId, key: spec.key,
    });
  }

  hasFailed(server: McpServer): boolean {
    return this.failed.has(server);
  }

  /**
   * Closes the file: a pass for each evaluated server that neither failed nor has an unseen part, in
   * file order (`pass` names its message, or picks one per server), and `emptyMessageId` once for the
   * file, as `not_applicable` (no population), when the check found nothing to evaluate in it.
   */
  finish(pass: string | ((server: McpServer) => { messageId: string; data?: Data; evidenceId?: string }), emptyMessageId: string): CheckResult[] {
    const passes: CheckResult[] = [];
    for (const server of this.file.servers) {
      if (!this.evaluated.has(server) || this.failed.has(server) || this.unseen.has(server)) continue;
      const chosen = typeof pass === 'string' ? { messageId: pass } : pass(server);
      passes.push({
        status: 'pass', messageId: chosen.messageId, data: { ...serverData(this.file, server), ...chosen.data },
        location: locationOf(this.file, server), evidenceId: chosen.evidenceId ?? this.evidenceId, key: serverKey(server),
      });
    }
    const out = [...this.results, ...passes];
    if (this.evaluated.size === 0 && this.results.length === 0) {
      out.push({
        status: 'not_applicable', messageId: emptyMessageId, data: fileData(this.file),
        location: { path: this.file.path }, evidenceId: this.evidenceId, key: FILE_KEY,
      });
    }
    return out;
  }

  private push(result: CheckResult): void {
    if (this.keys.has(result.key)) return;
    this.keys.add(result.key);
    this.results.push(result);
  }
}

/** Runs `perFile` over every `mcp-config` item; no items means no evidence, so no results (not_observed). */
export function eachConfig(context: CheckContext, perFile: (results: FileResults) => CheckResult[]): CheckResult[] {
  return context.evidence('mcp-config').flatMap((item) => perFile(new FileResults(item)));
}
