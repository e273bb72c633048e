/**
 * mcp.secrets.inline-credential (MCP-SE-01, mcp-formats §3.4 SEC-001/002): no literal credential in
 * a server entry. The collector has already found the secrets (high-confidence patterns, secret-named
 * keys with high-entropy literals; placeholders and interpolations excluded) and replaced their
 * values with [REDACTED]; this check reports one failure per finding, by kind and field, never the
 * value. Secrets on the command line are called out: they also show in process listings and logs.
 */
import type { Check } from '../types.js';
import { describeField, fieldKey } from './locate.js';
import { eachConfig } from './results.js';

const KIND_LABELS: Record<string, string> = {
  'github-token': 'GitHub token', 'github-pat': 'GitHub personal access token', 'gitlab-token': 'GitLab token',
  'anthropic-key': 'Anthropic API key', 'anthropic-api-key': 'Anthropic API key', 'openai-key': 'OpenAI API key',
  'openai-api-key': 'OpenAI API key', 'aws-access-key': 'AWS access key', 'aws-secret-key': 'AWS secret key',
  'google-api-key': 'Google API key', 'slack-token': 'Slack token', 'stripe-key': 'Stripe key', 'huggingface-token': 'Hugging Face token',
  'private-key': 'private key', jwt: 'JSON Web Token', 'bearer-token': 'bearer token', 'basic-auth': 'Basic authentication credential',
  'default-credentials': 'default username and password', 'url-credentials': 'username and password in a URL',
  'high-entropy-secret': 'secret value', 'password': 'password', 'connection-string': 'connection string with a password',
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
      inlineSecret: 'Server "{{server}}"{{state}} in the {{client}} configuration holds a literal {{kind}} in its {{field}}; anyone who can read the file, its backups or its version history can use it.',
      secretInArguments: 'Server "{{server}}"{{state}} in the {{client}} configuration passes a literal {{kind}} as its {{field}}; besides the file, it shows in process listings and client logs.',
      secretInUrl: 'Server "{{server}}"{{state}} in the {{client}} configuration has a literal {{kind}} in its URL; URLs are copied into logs, proxies and browser history.',
      noInlineSecrets: 'Server "{{server}}"{{state}} in the {{client}} configuration holds no literal credential in its command, arguments, environment, headers or URL.',
      noServers: 'The {{client}} configuration {{path}} declares no servers.',
    },
    remediation: 'Revoke the exposed credential at its issuer and issue a new one, then reference it instead of writing it: "${env:NAME}" or "${NAME}" in env and headers, VS Code inputs with password: true, Codex bearer_token_env_var, or server.json isSecret inputs. Move secrets passed as arguments into environment variables.',
  },
  run(context) {
    return eachConfig(context, (results) => {
      for (const server of results.file.servers) {
        results.evaluate(server);
        const perField = new Map<string, number>();
        for (const secret of server.secrets) perField.set(secret.field, (perField.get(secret.field) ?? 0) + 1);
        for (const secret of server.secrets) {
          const head = secret.field.split('/')[0];
          const messageId = head === 'args' || head === 'command' ? 'secretInArguments' : head === 'url' ? 'secretInUrl' : 'inlineSecret';
          const key = fieldKey(server, secret.field) + ((perField.get(secret.field) ?? 0) > 1 ? `#${secret.kind}` : '');
          results.fail(server, {
            messageId, severity: 'critical', field: secret.field, key,
            data: { kind: kindLabel(secret.kind), field: describeField(secret.field), secretKind: secret.kind },
          });
        }
      }
      return results.finish('noInlineSecrets', 'noServers');
    });
  },
};
