/**
 * The stable check ids (DESIGN §4). Users write exceptions against them and drift matches on them,
 * so an id, once shipped, never changes. Controls may only list ids from here; each id gets its own
 * file under src/checks/<area>/ when its collector lands.
 */

export const CHECK_IDS = [
  // MCP client configurations, server.json, gateways, tool snapshots
  'mcp.transport.plaintext-http',
  'mcp.transport.tls-verification-disabled',
  'mcp.transport.deprecated-sse',
  'mcp.auth.remote-without-auth',
  'mcp.secrets.inline-credential',
  'mcp.supply-chain.unpinned-package',
  'mcp.supply-chain.unpinned-image',
  'mcp.supply-chain.known-vulnerable',
  'mcp.access.broad-filesystem-root',
  'mcp.network.bind-all-interfaces',
  'mcp.container.privileged',
  'mcp.oversight.auto-approve',
  'mcp.oversight.approval-bypass',
  'mcp.tools.poisoning-pattern',
  'mcp.tools.definition-changed',
  'mcp.gateway.insecure-flag',
  'mcp.supply-chain.code-injection-env',
  'mcp.tools.snapshot-unpinned',
  // Remote endpoints, observed by the opt-in probe (--probe)
  'mcp.auth.protected-resource-metadata-missing',
  'mcp.auth.pkce-s256-unsupported',
  'mcp.auth.insecure-authorization-endpoint',
  'mcp.transport.tls-certificate',
  'mcp.transport.tls-protocol',
  'mcp.transport.origin-not-validated',
  // Logs
  'logs.audit.missing-fields',
  'logs.sensitive-data.card-number',
  'logs.sensitive-data.secret',
  'logs.sensitive-data.national-id',
  'logs.auth.failure-burst',
  'logs.session-id-in-url',
  'logs.retention.insufficient',
  'logs.rate-limit.unenforced',
  // Local git repositories
  'repo.security-policy.missing',
  'repo.codeowners.missing',
  'repo.dependencies.lockfile-missing',
  'repo.dependency-updates.unconfigured',
  'repo.ci.unpinned-action',
  'repo.ci.excessive-permissions',
  'repo.secrets.committed',
  // GitHub organisations and repositories
  'github.org.mfa-not-required',
  'github.branch-protection.missing',
  'github.branch-protection.no-required-review',
  'github.secret-scanning.disabled',
  'github.dependabot.alerts-disabled',
  'github.dependabot.open-critical-alerts',
  'github.actions.default-token-write',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];
