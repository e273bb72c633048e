/**
 * mcp.secrets.inline-credential (MCP-SE-01, mcp-formats §3.4 SEC-001/002): no literal credential in
 * a server entry. The collector has already found the secrets (high-confidence patterns, secret-named
 * keys with high-entropy literals; placeholders and interpolations excluded) and replaced their
 * values with [REDACTED]; this check reports one failure per finding, by kind and field, never the
 * value. Secrets on the command line are called out: they also show in process listings and logs.
 * A secret in a URL is placed in it (userinfo, path, which query parameter), since the URL itself is
 * shown with that part redacted.
 */
import type { SecretFinding } from '../../collectors/mcp-config/model.js';
import type { Check } from '../types.js';
import { describeField, fieldKey } from './locate.js';
import { eachConfig } from './results.js';

const KIND_LABELS: Record<string, string> = {
  'github-token': 'GitHub token', 'github-pat': 'GitHub personal access token', 'gitlab-token': 'GitLab token',
  'anthropic-key': 'Anthropic API key', 'anthropic-api-key': 'Anthropic API key', 'openai-key': 'OpenAI API key',
  'openai-api-key': 'OpenAI API key', 'aws-access-key': 'AWS access key', 'aws-secret-key': 'AWS secret key',
  'google-api-key': 'Google API key', 'slack-token': 'Slack token', 'stripe-key': 'Stripe key', 'huggingface-token': 'Hugging Face token',
  'private-key': 'private key', jwt: 'JSON Web Token', 'bearer-token': 'bearer token', 'basic-auth': 'Basic authentication credential',
  'default-credentials': 'default username and password', 'url-credentials': 'password or token',
  'high-entropy-secret': 'secret value', 'password': 'password', 'connection-string': 'connection string with a password',
  'zapier-mcp-key': 'Zapier MCP key', 'firecrawl-key': 'Firecrawl API key', 'make-mcp-token': 'Make MCP token',
  'pipedream-mcp-endpoint': 'Pipedream personal endpoint id', 'composio-mcp-url-key': 'Composio per-user URL key',
  'tavily-key': 'Tavily API key', 'context7-key': 'Context7 API key', 'apify-token': 'Apify API token',
  'alchemy-api-key': 'Alchemy API key', 'azure-functions-key': 'Azure Functions key', 'azure-key': 'Azure key',
  'wallet-recovery-phrase': 'wallet recovery phrase', 'npm-token': 'npm token', 'sendgrid-key': 'SendGrid API key',
  'slack-webhook': 'Slack webhook URL',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.replace(/[-_]+/g, ' ');
}

export const check: Check = {
  meta: {
    id: 'mcp.secrets.inline-credential',
    title: 'MCP configurations hold no literal credentials',
    severity: 'critical',
    evidence: ['mcp-config'],
    messages: {
      inlineSecret: 'Server "{{server}}"{{state}} in the {{client}} configuration holds a literal {{kind}} in its {{field}}{{where}}; anyone who can read the file, its backups or its version history can use it.',
      secretInArguments: 'Server "{{server}}"{{state}} in the {{client}} configuration passes a literal {{kind}} as its {{field}}{{where}}; besides the file, it shows in process listings and client logs.',
      secretInUrl: 'Server "{{server}}"{{state}} in the {{client}} configuration has a literal {{kind}} in its URL{{where}}; URLs are copied into logs, proxies and browser history.',
      noInlineSecrets: 'Server "{{server}}"{{state}} in the {{client}} configuration holds no literal credential in its command, arguments, environment, headers or URL.',
      noServers: 'The {{client}} configuration {{path}} declares no servers.',
    },
    remediation: 'Revoke the exposed credential at its issuer and issue a new one, then reference it instead of writing it: "${env:NAME}" or "${NAME}" in env and headers, VS Code inputs with password: true, Codex bearer_token_env_var, or server.json isSecret inputs. Move secrets passed as arguments into environment variables.',
  },
  run(context) {
    return eachConfig(context, (results) => {
      for (const server of results.file.servers) {
        results.evaluate(server);
        const count = (pick: (s: SecretFinding) => boolean) => server.secrets.filter(pick).length;
        for (const secret of server.secrets) {
          const head = secret.field.split('/')[0];
          const messageId = head === 'args' || head === 'command' ? 'secretInArguments' : head === 'url' ? 'secretInUrl' : 'inlineSecret';
          // One finding per field keeps the field's key; several are told apart by kind, then by URL part.
          const sameField = count((s) => s.field === secret.field);
          const sameKind = count((s) => s.field === secret.field && s.kind === secret.kind);
          const suffix = sameField < 2 ? '' : sameKind < 2 || !secret.part ? `#${secret.kind}` : `#${secret.kind}@${secret.part}`;
          const where = !secret.part ? '' : messageId === 'secretInUrl' ? ` ${secret.part}` : ` (in the URL ${secret.part})`;
          results.fail(server, {
            messageId, severity: 'critical', field: secret.field, key: fieldKey(server, secret.field) + suffix,
            data: { kind: kindLabel(secret.kind), field: describeField(secret.field), where, secretKind: secret.kind, ...(secret.part ? { urlPart: secret.part } : {}) },
          });
        }
      }
      return results.finish('noInlineSecrets', 'noServers');
    });
  },
};
