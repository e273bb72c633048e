/**
 * Tool snapshots (a server's `tools/list` result saved as JSON, or another shape parse.ts reads) and
 * the committed tool lock file (`mcp-tools.lock`: the hash of every approved tool definition), for
 * poisoning and rug-pull checks.
 */
import type { SourcePosition } from '../../lib/source-position.js';

export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: unknown;
  outputSchema?: unknown;
  annotations?: Record<string, unknown>;
}

export interface SnapshotTool extends ToolDefinition {
  /** JSON pointer of the tool in the snapshot file, e.g. `/tools/3`. */
  pointer: string;
  at: SourcePosition;
  /** Positions of string fields that checks quote: `description`, `inputSchema/properties/path/description`, ... */
  positions: Record<string, SourcePosition>;
  /** `sha256:<hex>` of the canonical JSON of {name, title, description, inputSchema, outputSchema, annotations}. */
  sha256: string;
}

/**
 * A prompt (`prompts/list`), resource (`resources/list`) or resource template
 * (`resources/templates/list`): its text reaches the model too, so poisoning checks scan it.
 */
export interface SnapshotEntity {
  kind: 'prompt' | 'resource' | 'resource-template';
  name: string;
  title?: string;
  description?: string;
  /** `uri` of a resource, `uriTemplate` of a template. */
  uri?: string;
  mimeType?: string;
  /** A prompt's arguments. */
  arguments?: Array<{ name: string; title?: string; description?: string; required?: boolean }>;
  /** JSON pointer of the entry, e.g. `/prompts/0`. */
  pointer: string;
  at: SourcePosition;
  /** Positions of its strings by field key (`description`, `arguments/0/name`), as for tools. */
  positions: Record<string, SourcePosition>;
}

export interface ToolSnapshotFile {
  /** Display path. */
  path: string;
  /** JSON pointer of this server's part in a file that holds several (an mcp-scan result); absent otherwise. */
  pointer?: string;
  /** The server the snapshot is of (`server` field, or the file name without `.tools.json`). */
  server: string;
  /** Server version from `serverInfo`, when the snapshot carries it. */
  serverVersion?: string;
  tools: SnapshotTool[];
  /** Prompts, resources and resource templates, when the file lists them. */
  entities?: SnapshotEntity[];
  /** `InitializeResult.instructions`, which clients may put in the system prompt. */
  instructions?: { text: string; at: SourcePosition };
}

export interface ToolLockFile {
  /** Display path of mcp-tools.lock. */
  path: string;
  /** server -> tool -> approved `sha256:<hex>`, with the position of each entry. */
  servers: Record<string, Record<string, { sha256: string; at: SourcePosition }>>;
}
