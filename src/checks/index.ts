/**
 * The registry of implemented checks (explicit, so nothing globs src/ at run time). One file per
 * check id; check ids without an implementation yet are reported as not observed, never as passing.
 */
import { check as mcpAccessBroadFilesystemRoot } from './mcp/mcp.access.broad-filesystem-root.js';
import { check as mcpAuthRemoteWithoutAuth } from './mcp/mcp.auth.remote-without-auth.js';
import { check as mcpContainerPrivileged } from './mcp/mcp.container.privileged.js';
import { check as mcpGatewayInsecureFlag } from './mcp/mcp.gateway.insecure-flag.js';
import { check as mcpNetworkBindAllInterfaces } from './mcp/mcp.network.bind-all-interfaces.js';
import { check as mcpOversightAutoApprove } from './mcp/mcp.oversight.auto-approve.js';
import { check as mcpSecretsInlineCredential } from './mcp/mcp.secrets.inline-credential.js';
import { check as mcpSupplyChainKnownVulnerable } from './mcp/mcp.supply-chain.known-vulnerable.js';
import { check as mcpSupplyChainUnpinnedImage } from './mcp/mcp.supply-chain.unpinned-image.js';
import { check as mcpSupplyChainUnpinnedPackage } from './mcp/mcp.supply-chain.unpinned-package.js';
import { check as mcpToolsDefinitionChanged } from './mcp/mcp.tools.definition-changed.js';
import { check as mcpToolsPoisoningPattern } from './mcp/mcp.tools.poisoning-pattern.js';
import { check as mcpTransportDeprecatedSse } from './mcp/mcp.transport.deprecated-sse.js';
import { check as mcpTransportPlaintextHttp } from './mcp/mcp.transport.plaintext-http.js';
import { check as mcpTransportTlsVerificationDisabled } from './mcp/mcp.transport.tls-verification-disabled.js';
import type { Check } from './types.js';

export const CHECKS: Check[] = [
  mcpAccessBroadFilesystemRoot,
  mcpAuthRemoteWithoutAuth,
  mcpContainerPrivileged,
  mcpGatewayInsecureFlag,
  mcpNetworkBindAllInterfaces,
  mcpOversightAutoApprove,
  mcpSecretsInlineCredential,
  mcpSupplyChainKnownVulnerable,
  mcpSupplyChainUnpinnedImage,
  mcpSupplyChainUnpinnedPackage,
  mcpToolsDefinitionChanged,
  mcpToolsPoisoningPattern,
  mcpTransportDeprecatedSse,
  mcpTransportPlaintextHttp,
  mcpTransportTlsVerificationDisabled,
];
