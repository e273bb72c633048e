/**
 * The normalised MCP server model: every client format (Claude Desktop, Claude Code, Cursor, VS Code,
 * Windsurf, Gemini CLI, Codex, Zed, Continue, Cline/Roo/Kilo, Kiro, Amazon Q, registry server.json, ...)
 * is parsed into this one shape, with the source position of every value, so checks are written once.
 */
import type { SourcePosition } from '../../lib/source-position.js';

export type McpClient =
  | 'claude-desktop' | 'claude-code' | 'cursor' | 'vscode' | 'windsurf' | 'gemini-cli' | 'codex' | 'zed'
  | 'continue' | 'cline' | 'roo' | 'kilo' | 'kiro' | 'amazon-q' | 'copilot' | 'server.json' | 'unknown';

export type McpScope = 'user' | 'project' | 'local' | 'managed' | 'registry';

/** Which parser reads a file: discovery's classification by name, or the content sniffer's verdict. */
export type ParserId =
  | 'mcp-servers' | 'any-mcp-json' | 'vscode-mcp' | 'vscode-settings' | 'claude-json' | 'claude-settings'
  | 'codex' | 'zed' | 'continue-config' | 'continue-block' | 'server-json' | 'claude-plugin'
  /** A file given by path with a name no client uses: read by its shape, reported when it has none. */
  | 'auto'
  /** A file of the walk with a name no client uses: read only when its content sniffs as MCP (sniff.ts). */
  | 'sniff';

export type McpTransport = 'stdio' | 'streamable-http' | 'sse' | 'unknown';

/** A secret found in a value. The value itself is replaced by REDACTED in the model. */
export interface SecretFinding {
  /** Field path inside the server entry, as in `positions`: `env/GITHUB_TOKEN`, `headers/Authorization`, `args/3`, `url`. */
  field: string;
  /** What it looks like: `github-token`, `aws-access-key`, `private-key`, `jwt`, `bearer-token`, `url-credentials`, `high-entropy-secret`, ... */
  kind: string;
  /** Where in a URL value it sits: `userinfo`, `path`, `query parameter "api_key"` (never the value). */
  part?: string;
}

export interface McpServer {
  name: string;
  client: McpClient;
  scope: McpScope;
  /** JSON pointer of the entry in its file, e.g. `/mcpServers/github`, `/projects/~1abs~1repo/mcpServers/db`. */
  pointer: string;
  /** Position of the entry (its key, or the list item) in the file. */
  at: SourcePosition;
  transport: McpTransport;
  /** Explicit `type` as written, if any (`http`, `streamable_http`, `sse`, `stdio`, ...). */
  declaredType?: string;
  command?: string;
  args: string[];
  cwd?: string;
  env: Record<string, string>;
  envFile?: string;
  url?: string;
  headers: Record<string, string>;
  /** How the client authenticates to a remote server, as far as the config says. */
  auth: {
    /** OAuth configured or left to the client's OAuth flow (e.g. `oauth` block, Codex without bearer, mcp-remote OAuth). */
    oauth?: boolean;
    /** Name of the env var holding a bearer token (Codex `bearer_token_env_var`). */
    bearerEnvVar?: string;
  };
  disabled: boolean;
  /** Tools run without asking the user: a list, or `all` (Cline `autoApprove: ["*"]`, Gemini `trust: true`, Claude Code `mcp__server` allow). */
  autoApprove?: string[] | 'all';
  toolFilter?: { include?: string[]; exclude?: string[] };
  timeoutMs?: number;
  /** Every interpolation token found in any value (`${input:x}`, `${env:X}`, `${X}`, `$X`, `{{x}}`, `{x}`): resolved at run time, never literals. */
  interpolations: string[];
  /** Secrets found in literal values (values already replaced by REDACTED). */
  secrets: SecretFinding[];
  /** Position of each value: `command`, `args/0`, `env/KEY`, `url`, `headers/Authorization`, `type`, `autoApprove`, `disabled`, ... */
  positions: Record<string, SourcePosition>;
}

/**
 * A client-wide approval, sandbox or trust setting as written, for the checks to judge: Codex
 * `approval_policy` / `sandbox_mode` / `default_permissions` (top level and `[profiles.<name>]`), Zed
 * `agent.always_allow_tool_actions`, `agent.tool_permissions.default`,
 * `agent.tool_permissions.tools.terminal.default`, `session.trust_all_worktrees`, Claude Code
 * `permissions.defaultMode`.
 */
export interface ApprovalSetting {
  /** Dotted path of the setting in its file: `approval_policy`, `profiles.ci.sandbox_mode`, `agent.tool_permissions.default`. */
  setting: string;
  value: string | boolean;
  at: SourcePosition;
}

/** One MCP configuration file, parsed. */
export interface McpConfigFile {
  /** Display path (relative to the assessed root, or `~/...`). */
  path: string;
  client: McpClient;
  format: 'json' | 'jsonc' | 'toml' | 'yaml';
  servers: McpServer[];
  /** Client-level settings that bear on security (Claude Code `enableAllProjectMcpServers`, `enabledMcpjsonServers`, managed allow/deny lists, VS Code `inputs`, approval modes). */
  settings: {
    enableAllProjectMcpServers?: boolean;
    /** VS Code `inputs[]` (id and whether the prompt hides the value). */
    inputs?: Array<{ id: string; password: boolean }>;
    allowedMcpServers?: string[];
    deniedMcpServers?: string[];
    /** Claude Code `enabledMcpjsonServers`: project (.mcp.json) servers approved to start without asking, each at its list item. */
    enabledMcpjsonServers?: Array<{ name: string; at: SourcePosition }>;
    /** Client-wide approval, sandbox and trust settings, in file order. */
    approval?: ApprovalSetting[];
  };
  /** Positions of the settings above, keyed like `settings/enableAllProjectMcpServers`. */
  positions: Record<string, SourcePosition>;
}
