/**
 * The registry of implemented checks (explicit, so nothing globs src/ at run time). One file per
 * check id; check ids without an implementation yet are reported as not observed, never as passing.
 */
import { check as githubActionsDefaultTokenWrite } from './github/github.actions.default-token-write.js';
import { check as githubBranchProtectionMissing } from './github/github.branch-protection.missing.js';
import { check as githubBranchProtectionNoRequiredReview } from './github/github.branch-protection.no-required-review.js';
import { check as githubDependabotAlertsDisabled } from './github/github.dependabot.alerts-disabled.js';
import { check as githubDependabotOpenCriticalAlerts } from './github/github.dependabot.open-critical-alerts.js';
import { check as githubOrgMfaNotRequired } from './github/github.org.mfa-not-required.js';
import { check as githubSecretScanningDisabled } from './github/github.secret-scanning.disabled.js';
import { check as logsAuditMissingFields } from './logs/logs.audit.missing-fields.js';
import { check as logsAuthFailureBurst } from './logs/logs.auth.failure-burst.js';
import { check as logsRateLimitUnenforced } from './logs/logs.rate-limit.unenforced.js';
import { check as logsRetentionInsufficient } from './logs/logs.retention.insufficient.js';
import { check as logsSensitiveDataCardNumber } from './logs/logs.sensitive-data.card-number.js';
import { check as logsSensitiveDataNationalId } from './logs/logs.sensitive-data.national-id.js';
import { check as logsSensitiveDataSecret } from './logs/logs.sensitive-data.secret.js';
import { check as logsSessionIdInUrl } from './logs/logs.session-id-in-url.js';
import { check as mcpAccessBroadFilesystemRoot } from './mcp/mcp.access.broad-filesystem-root.js';
import { check as mcpAuthInsecureAuthorizationEndpoint } from './mcp/mcp.auth.insecure-authorization-endpoint.js';
import { check as mcpAuthPkceS256Unsupported } from './mcp/mcp.auth.pkce-s256-unsupported.js';
import { check as mcpAuthProtectedResourceMetadataMissing } from './mcp/mcp.auth.protected-resource-metadata-missing.js';
import { check as mcpAuthRemoteWithoutAuth } from './mcp/mcp.auth.remote-without-auth.js';
import { check as mcpContainerPrivileged } from './mcp/mcp.container.privileged.js';
import { check as mcpGatewayInsecureFlag } from './mcp/mcp.gateway.insecure-flag.js';
import { check as mcpSupplyChainCodeInjectionEnv } from './mcp/mcp.supply-chain.code-injection-env.js';
import { check as mcpNetworkBindAllInterfaces } from './mcp/mcp.network.bind-all-interfaces.js';
import { check as mcpOversightAutoApprove } from './mcp/mcp.oversight.auto-approve.js';
import { check as mcpOversightApprovalBypass } from './mcp/mcp.oversight.approval-bypass.js';
import { check as mcpSecretsInlineCredential } from './mcp/mcp.secrets.inline-credential.js';
import { check as mcpSupplyChainKnownVulnerable } from './mcp/mcp.supply-chain.known-vulnerable.js';
import { check as mcpSupplyChainUnpinnedImage } from './mcp/mcp.supply-chain.unpinned-image.js';
import { check as mcpSupplyChainUnpinnedPackage } from './mcp/mcp.supply-chain.unpinned-package.js';
import { check as mcpToolsDefinitionChanged } from './mcp/mcp.tools.definition-changed.js';
import { check as mcpToolsPoisoningPattern } from './mcp/mcp.tools.poisoning-pattern.js';
import { check as mcpToolsSnapshotUnpinned } from './mcp/mcp.tools.snapshot-unpinned.js';
import { check as mcpTransportDeprecatedSse } from './mcp/mcp.transport.deprecated-sse.js';
import { check as mcpTransportOriginNotValidated } from './mcp/mcp.transport.origin-not-validated.js';
import { check as mcpTransportTlsCertificate } from './mcp/mcp.transport.tls-certificate.js';
import { check as mcpTransportTlsProtocol } from './mcp/mcp.transport.tls-protocol.js';
import { check as mcpTransportPlaintextHttp } from './mcp/mcp.transport.plaintext-http.js';
import { check as mcpTransportTlsVerificationDisabled } from './mcp/mcp.transport.tls-verification-disabled.js';
import { check as repoCiExcessivePermissions } from './repo/repo.ci.excessive-permissions.js';
import { check as repoCiUnpinnedAction } from './repo/repo.ci.unpinned-action.js';
import { check as repoCodeownersMissing } from './repo/repo.codeowners.missing.js';
import { check as repoDependenciesLockfileMissing } from './repo/repo.dependencies.lockfile-missing.js';
import { check as repoDependencyUpdatesUnconfigured } from './repo/repo.dependency-updates.unconfigured.js';
import { check as repoSecretsCommitted } from './repo/repo.secrets.committed.js';
import { check as repoSecurityPolicyMissing } from './repo/repo.security-policy.missing.js';
import type { Check } from './types.js';

export const CHECKS: Check[] = [
  githubActionsDefaultTokenWrite,
  githubBranchProtectionMissing,
  githubBranchProtectionNoRequiredReview,
  githubDependabotAlertsDisabled,
  githubDependabotOpenCriticalAlerts,
  githubOrgMfaNotRequired,
  githubSecretScanningDisabled,
  logsAuditMissingFields,
  logsAuthFailureBurst,
  logsRateLimitUnenforced,
  logsRetentionInsufficient,
  logsSensitiveDataCardNumber,
  logsSensitiveDataNationalId,
  logsSensitiveDataSecret,
  logsSessionIdInUrl,
  mcpAccessBroadFilesystemRoot,
  mcpAuthInsecureAuthorizationEndpoint,
  mcpAuthPkceS256Unsupported,
  mcpAuthProtectedResourceMetadataMissing,
  mcpAuthRemoteWithoutAuth,
  mcpContainerPrivileged,
  mcpGatewayInsecureFlag,
  mcpNetworkBindAllInterfaces,
  mcpOversightAutoApprove,
  mcpOversightApprovalBypass,
  mcpSecretsInlineCredential,
  mcpSupplyChainCodeInjectionEnv,
  mcpSupplyChainKnownVulnerable,
  mcpSupplyChainUnpinnedImage,
  mcpSupplyChainUnpinnedPackage,
  mcpToolsDefinitionChanged,
  mcpToolsPoisoningPattern,
  mcpToolsSnapshotUnpinned,
  mcpTransportDeprecatedSse,
  mcpTransportOriginNotValidated,
  mcpTransportPlaintextHttp,
  mcpTransportTlsCertificate,
  mcpTransportTlsProtocol,
  mcpTransportTlsVerificationDisabled,
  repoCiExcessivePermissions,
  repoCiUnpinnedAction,
  repoCodeownersMissing,
  repoDependenciesLockfileMissing,
  repoDependencyUpdatesUnconfigured,
  repoSecretsCommitted,
  repoSecurityPolicyMissing,
];
