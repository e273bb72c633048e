/**
 * Whether each MCP client (and each stdio bridge) runs MCP authorization by itself when a remote
 * entry declares no credential: the server answers 401 with a `WWW-Authenticate` pointing at its
 * protected-resource metadata (RFC 9728), and the client discovers the authorization server, registers
 * and signs the user in (MCP authorization, OAuth 2.1). Where it does, a configuration without a
 * header says nothing about whether calls are authenticated; where it cannot, the entry reaches the
 * server with no credential at all.
 *
 * Data, not logic: one row per client with the public source of the fact, so a row is corrected by
 * reading its source again. `mcp.auth.remote-without-auth` reads it; no I/O at check time.
 */
import type { McpClient } from '../../collectors/mcp-config/model.js';
import type { BridgeTool } from './command-line.js';

/**
 * - `discovers`: runs MCP OAuth discovery itself after a 401 (the entry needs no credential to be authorized);
 * - `cannot`: has no OAuth flow for remote servers, so an entry without a credential is unauthenticated;
 * - `not-from-config`: does not connect to remote entries of this configuration file at all;
 * - `unknown`: its behaviour could not be established from public sources.
 */
export type RuntimeAuthorization = 'discovers' | 'cannot' | 'not-from-config' | 'unknown';

export interface RemoteAuthCapability {
  runtimeAuthorization: RuntimeAuthorization;
  /** What the source says, in one sentence (reports quote it). */
  note: string;
  /** Where the fact comes from: documentation, a changelog or a pull request. */
  source: string;
}

/** Kinds the table describes: every client the collectors recognise, the bridges, and the Copilot coding agent (configured in repository settings). */
export type CapabilityKey = McpClient | BridgeTool | 'copilot-coding-agent';

export const REMOTE_AUTH_CAPABILITIES: Readonly<Record<CapabilityKey, RemoteAuthCapability>> = {
  'claude-code': {
    runtimeAuthorization: 'discovers',
    note: 'Claude Code runs the OAuth flow of a remote server that requires it (authenticate with /mcp).',
    source: 'https://code.claude.com/docs/en/mcp#authenticate-with-remote-mcp-servers',
  },
  'claude-desktop': {
    runtimeAuthorization: 'not-from-config',
    note: 'Claude Desktop adds remote servers as Connectors in the app (with their OAuth flow); claude_desktop_config.json starts local servers, so a remote server is reached from it only through a bridge such as mcp-remote.',
    source: 'https://support.claude.com/en/articles/11175166-getting-started-with-custom-connectors-using-remote-mcp (quoted in webflow/mcp-server#73: "Claude Desktop will NOT connect to remote servers configured directly via claude_desktop_config.json")',
  },
  cursor: {
    runtimeAuthorization: 'discovers',
    note: 'Cursor handles OAuth for remote servers that require it (since 1.0); a url entry without headers is enough to start the flow.',
    source: 'https://cursor.com/docs/mcp.md',
  },
  vscode: {
    runtimeAuthorization: 'discovers',
    note: 'VS Code implements the MCP authorization specification for HTTP servers (since 1.101) and signs the user in when the server asks.',
    source: 'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration',
  },
  windsurf: {
    runtimeAuthorization: 'discovers',
    note: 'Windsurf supports OAuth for every MCP transport type; a serverUrl entry without headers completes the browser OAuth flow when prompted.',
    source: 'https://docs.windsurf.com/windsurf/cascade/mcp',
  },
  'gemini-cli': {
    runtimeAuthorization: 'discovers',
    note: 'Gemini CLI discovers OAuth for remote servers automatically (dynamic_discovery is the default) and signs in with /mcp auth.',
    source: 'https://geminicli.com/docs/tools/mcp-server',
  },
  codex: {
    runtimeAuthorization: 'discovers',
    note: 'Codex signs in to a streamable-HTTP server without bearer_token_env_var with OAuth (codex mcp login, or a browser opened at connect).',
    source: 'https://www.mintlify.com/openai/codex/cli/mcp (codex mcp login: "Authenticate with an MCP server (OAuth)")',
  },
  zed: {
    runtimeAuthorization: 'discovers',
    note: 'Zed documents a url-only context server ("remote-mcp-server-with-oauth") and runs its OAuth flow.',
    source: 'https://zed.dev/docs/ai/mcp',
  },
  continue: {
    runtimeAuthorization: 'unknown',
    note: 'The same Continue configuration serves the CLI, which falls back to mcp-remote for OAuth on a 401 (continuedev/continue#8143), and the IDE extensions, whose MCP OAuth support is still requested (continuedev/continue#6282).',
    source: 'https://github.com/continuedev/continue/pull/8143',
  },
  cline: {
    runtimeAuthorization: 'discovers',
    note: 'Cline runs OAuth 2.1 for remote MCP servers (Authenticate in the MCP servers view) since cline/cline#7376.',
    source: 'https://github.com/cline/cline/pull/7376',
  },
  roo: {
    runtimeAuthorization: 'cannot',
    note: 'Roo Code does not start the OAuth flow when a remote server answers 401 (RooCodeInc/Roo-Code#7296, enhancement #8119 open): only headers authenticate.',
    source: 'https://github.com/RooCodeInc/Roo-Code/issues/8119',
  },
  kilo: {
    runtimeAuthorization: 'unknown',
    note: 'Kilo Code\'s MCP OAuth design says it supported only static credentials and plans the MCP authorization flow; whether a given version ships it is not established.',
    source: 'https://kilo.ai/docs/contributing/architecture/mcp-oauth-authorization',
  },
  kiro: {
    runtimeAuthorization: 'discovers',
    note: 'Kiro opens the OAuth consent of a remote server when the configuration is saved; the CLI discovers protected-resource metadata (RFC 9728) since 2.12.0.',
    source: 'https://github.com/kirodotdev/Kiro/issues/4161',
  },
  'amazon-q': {
    runtimeAuthorization: 'discovers',
    note: 'Amazon Q Developer CLI connects to remote servers that use OAuth or none; /mcp gives the authentication URL of a server that needs it.',
    source: 'https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/command-line-mcp-config-CLI.html',
  },
  copilot: {
    runtimeAuthorization: 'discovers',
    note: 'GitHub Copilot CLI (~/.copilot/mcp-config.json) answers a remote server\'s 401 OAuth challenge with its sign-in flow.',
    source: 'https://github.com/github/copilot-cli/issues/3706',
  },
  'copilot-coding-agent': {
    runtimeAuthorization: 'cannot',
    note: 'The Copilot coding agent does not support remote MCP servers that use OAuth: only API keys or tokens in headers authenticate.',
    source: 'https://docs.github.com/en/copilot/how-tos/use-copilot-agents/coding-agent/extend-coding-agent-with-mcp',
  },
  'server.json': {
    runtimeAuthorization: 'discovers',
    note: 'A registry entry lists the headers a client must send; a remote without any leaves authorization to the MCP authorization flow of the client that installs it, or the server is open.',
    source: 'https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/server-json/generic-server-json.md',
  },
  unknown: {
    runtimeAuthorization: 'unknown',
    note: 'The client of this configuration is not recognised, so whether it runs MCP authorization is not known.',
    source: 'none',
  },
  'mcp-remote': {
    runtimeAuthorization: 'discovers',
    note: 'mcp-remote runs the OAuth authorization flow itself, including protected-resource metadata discovery (RFC 9728), when no Authorization header is passed.',
    source: 'https://github.com/geelen/mcp-remote',
  },
  'mcp-proxy': {
    runtimeAuthorization: 'cannot',
    note: 'mcp-proxy (SSE/streamable-HTTP client mode) sends the headers it is given (-H, API_ACCESS_TOKEN) and client-credentials settings; it has no interactive OAuth discovery.',
    source: 'https://github.com/sparfenyuk/mcp-proxy',
  },
  supergateway: {
    runtimeAuthorization: 'cannot',
    note: 'supergateway sends the headers it is given (--header, --oauth2Bearer) and has no OAuth flow of its own.',
    source: 'https://github.com/supercorp-ai/supergateway',
  },
};
