/**
 * Hosted MCP platforms that put a per-user credential in the path of the server URL (pure data).
 *
 * A random-looking path segment is a credential only where the platform makes it one: elsewhere it is a
 * resource id (a UUID of a workflow, a project, a document) and flagging it would be noise. Each shape
 * here was read in the platform's own instructions or in public configurations that use it (`seen`);
 * a few hosts also make a plainly named query parameter a credential (Azure Functions' `?code=`);
 * the segment is judged like any literal afterwards (placeholders such as `YOUR_SECRET` and
 * interpolations such as `${KEY}` are never secrets). Credentials in query parameters (`?api_key=`,
 * `?exaApiKey=`, `?tavilyApiKey=`, `?token=`) need no entry: their names say what they are.
 */
export interface HostedMcpUrlShape {
  /** The finding's kind (`zapier-mcp-key`), labelled in the report. */
  kind: string;
  /** Matched against the lower-case host. */
  host: RegExp;
  /** Matched against the path; the named group `secret` is the credential segment. */
  path?: RegExp;
  /** A query parameter that is a credential on this host although its name does not say so. */
  parameter?: RegExp;
  /** Where the shape was confirmed. */
  seen: string;
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export const HOSTED_MCP_URL_SHAPES: readonly HostedMcpUrlShape[] = [
  {
    // Not an MCP platform, but its RPC URLs sit in MCP servers' env (blockchain servers): the key is the path.
    kind: 'alchemy-api-key',
    host: /^[a-z0-9-]+\.g\.alchemy\.com$/,
    path: /^\/v2\/(?<secret>[A-Za-z0-9_-]{16,})/,
    seen: 'Alchemy RPC URLs (https://<network>.g.alchemy.com/v2/<api-key>) in the env of a public blockchain MCP server config (test/fixtures/real-world/configs/8bitsats__base-mcp)',
  },
  {
    kind: 'zapier-mcp-key',
    host: /^mcp\.zapier\.com$/,
    // A bare UUID there is the server's id, sent with an `Authorization: Bearer` key (Zapier's API-key
    // connection); the server-specific URL carries base64 of `<id>:<secret>` instead.
    path: new RegExp(`^/api/mcp/s/(?<secret>(?!${UUID}(?:/|$))[^/]+)`),
    seen: 'Zapier MCP "server-specific URL" (https://mcp.zapier.com/api/mcp/s/<secret>/mcp, "treat this URL like a password"); public configs with /mcp and /sse endings; /s/<uuid>/mcp with a separate bearer key in public agent code',
  },
  {
    kind: 'zapier-mcp-key',
    host: /^actions\.zapier\.com$/,
    path: /^\/mcp\/(?<secret>(?!(?:sse|mcp)(?:\/|$))[^/]+)\/(?:sse|mcp)\b/,
    seen: 'Zapier AI Actions MCP (https://actions.zapier.com/mcp/<sk-ak-...>/sse) in public agent configs',
  },
  {
    kind: 'firecrawl-key',
    host: /^mcp\.firecrawl\.dev$/,
    path: /^\/(?<secret>(?!(?:v\d+|mcp|sse)(?:\/|$))[^/]+)\/(?:v\d+\/)?(?:mcp|sse)\b/,
    seen: 'Firecrawl hosted MCP (https://mcp.firecrawl.dev/<fc-key>/v2/mcp, /<key>/sse); the keyless https://mcp.firecrawl.dev/v2/mcp has no key',
  },
  {
    kind: 'make-mcp-token',
    host: /^[a-z0-9-]+\.make\.com$/,
    path: /^\/mcp\/api\/v1\/u\/(?<secret>[^/]+)\//,
    seen: 'Make MCP token URL (https://<zone>.make.com/mcp/api/v1/u/<MCP token>/sse, token scope mcp:use)',
  },
  {
    kind: 'pipedream-mcp-endpoint',
    host: /^mcp\.pipedream\.net$/,
    path: new RegExp(`^/(?<secret>${UUID})/`),
    seen: 'Pipedream personal MCP endpoint (https://mcp.pipedream.net/<uuid>/<app>), used with no other credential; the shared https://mcp.pipedream.net/v2 has none',
  },
  {
    kind: 'composio-mcp-url-key',
    host: /^mcp\.composio\.dev$/,
    path: /^\/(?!composio\/|partner\/|api\/)[a-z0-9_]+\/(?<secret>[a-z]+(?:-[a-z]+)+-[A-Za-z0-9]{5,})(?:\/|$)/,
    seen: 'Composio per-user MCP URL (https://mcp.composio.dev/<app>/<words-id>, e.g. /github/<three-words>-<id>); server ids under /composio/server/ need an x-api-key and are not flagged',
  },
  {
    kind: 'azure-functions-key',
    host: /\.azurewebsites\.net$/,
    parameter: /^code$/,
    seen: 'Azure Functions MCP extension endpoint (https://<app>.azurewebsites.net/runtime/webhooks/mcp/sse?code=<system key>)',
  },
];
