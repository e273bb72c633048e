/**
 * mcp.transport.tls-verification-disabled (MCP-EN-02, mcp-formats §3.2 NET-002): nothing in a server
 * entry switches off certificate or hostname verification: environment variables
 * (NODE_TLS_REJECT_UNAUTHORIZED=0, PYTHONHTTPSVERIFY=0, *_SSL_VERIFY=false, GIT_SSL_NO_VERIFY=1,
 * PIP_TRUSTED_HOST, ...), command-line flags (--insecure, --skip-ssl-verify, --no-verify-ssl,
 * --verify-ssl=false, uv --allow-insecure-host, pip --trusted-host, verify=false) and URL
 * parameters (tlsInsecure=true, ssl_cert_reqs=none). Values resolved at run time are not judged.
 */
import type { Check } from '../types.js';
import { envSettings, parseInvocation, tokenField, type ArgToken } from './command-line.js';
import { argKey, envKey, fieldKey } from './locate.js';
import { endpointsOf } from './remote.js';
import { eachConfig } from './results.js';
import { parseUrl, queryParams } from './url.js';
import { isFalsy, isInterpolated, isTruthy, looseName } from './values.js';
import { identifierWords } from '../../lib/identifier-words.js';

type Verdict = 'disabled' | 'empty-ca' | undefined;

/** Bare switches (or `=true`) that turn verification off. */
const NEGATIVE = new Set([
  'insecure', 'insecureskipverify', 'insecureskiptlsverify', 'skipsslverify', 'skiptlsverify', 'skipverify', 'skipcertverify',
  'skipcertificateverification', 'skipsslverification', 'skiptlsverification', 'nosslverify', 'noverifyssl', 'notlsverify',
  'noverifytls', 'nocheckcertificate', 'nocheckcertificates', 'noverifycerts', 'tlsskipverify', 'sslskipverify',
  'ignorecertificateerrors', 'ignorecerterrors', 'ignoresslerrors', 'ignoretlserrors', 'disablesslverification',
  'disabletlsverification', 'disablecertificateverification', 'acceptinsecurecerts', 'allowinsecurecerts', 'tlsinsecure',
  'tlsallowinvalidcertificates', 'tlsallowinvalidhostnames', 'sslallowinvalidcertificates', 'trustallcertificates',
  'trustallcerts', 'nostrictssl', 'unsafessl', 'allowselfsigned',
]);
/** Settings that keep verification on unless set to false. */
const POSITIVE = new Set([
  'verify', 'verifyssl', 'sslverify', 'tlsverify', 'verifytls', 'verifycert', 'verifycerts', 'verifycertificate', 'verifycertificates',
  'certverify', 'strictssl', 'checkcertificate', 'rejectunauthorized', 'sslcheckhostname', 'validatecerts', 'validatecertificates',
  'npmconfigstrictssl', 'yarnstrictssl', 'yarnenablestrictssl', 'sslverification', 'tlsverification',
]);
/** Settings whose mere presence trusts a host without verification. */
const TRUSTS_HOST = new Set(['piptrustedhost', 'trustedhost', 'uvinsecurehost', 'allowinsecurehost']);

const TLS_WORD = /^(ssl|tls|cert|certs|certificate|certificates|https)$/;
const NEG_WORD = /^(skip|no|ignore|disable|disabled|insecure|bypass|invalid|unverified|unsafe)$/;

/** Whether `name` set to `value` (undefined: a bare switch) switches verification off. */
export function disablesTls(name: string, value: string | undefined): Verdict {
  if (value !== undefined && isInterpolated(value)) return undefined;
  const loose = looseName(name);
  const v = value?.trim();
  if (loose === 'nodetlsrejectunauthorized' || loose === 'pythonhttpsverify') return v === '0' ? 'disabled' : undefined;
  if (loose === 'requestscabundle' || loose === 'curlcabundle') return v === '' ? 'empty-ca' : undefined;
  if (loose === 'sslcertreqs') return v !== undefined && /^(none|cert_none|0)$/i.test(v) ? 'disabled' : undefined;
  if (TRUSTS_HOST.has(loose)) return v === undefined || v !== '' ? 'disabled' : undefined;
  if (NEGATIVE.has(loose)) return v === undefined || isTruthy(v) ? 'disabled' : undefined;
  if (POSITIVE.has(loose)) return isFalsy(v) ? 'disabled' : undefined;
  if (loose === 'noverify') return undefined; // git/husky: skips hooks, not TLS
  const w = identifierWords(name);
  const tls = w.some((x) => TLS_WORD.test(x));
  const verify = w.some((x) => x === 'verify' || x === 'verification' || x === 'validation' || x === 'validate');
  const check = w.includes('check') || w.includes('checking');
  const negative = w.some((x) => NEG_WORD.test(x)) || (w.includes('allow') && (w.includes('invalid') || w.includes('insecure')));
  if ((tls || verify) && negative && (v === undefined || isTruthy(v))) return 'disabled';
  if (tls && (verify || check) && isFalsy(v)) return 'disabled';
  return undefined;
}

/** A boolean-looking value is safe to show; anything else is not shown. */
function shown(name: string, value: string | undefined): string {
  return value !== undefined && (isTruthy(value) || isFalsy(value)) ? `${name}=${value.trim()}` : name;
}

export const check: Check = {
  meta: {
    id: 'mcp.transport.tls-verification-disabled',
    title: 'TLS certificate verification stays on',
    severity: 'high',
    evidence: ['mcp-config'],
    messages: {
      envDisablesVerification: 'Server "{{server}}"{{state}} in the {{client}} configuration sets {{setting}} in its environment, which switches off TLS certificate verification, so anyone on the network path can impersonate the endpoints it connects to.',
      argumentDisablesVerification: 'Server "{{server}}"{{state}} in the {{client}} configuration is started with {{setting}}, which switches off TLS certificate verification, so anyone on the network path can impersonate the endpoints it connects to.',
      urlDisablesVerification: 'Server "{{server}}"{{state}} in the {{client}} configuration connects to {{url}} with the {{setting}} parameter, which switches off TLS certificate verification.',
      emptyCaBundle: 'Server "{{server}}"{{state}} in the {{client}} configuration sets {{setting}} to an empty value; some HTTP libraries then skip certificate verification instead of using the system trust store.',
      ambiguousShortFlag: 'Server "{{server}}"{{state}} in the {{client}} configuration passes -k to {{program}}; for curl-style tools -k means --insecure and switches off TLS certificate verification. Confirm what the flag does for this server.',
      verificationOn: 'Server "{{server}}"{{state}} in the {{client}} configuration sets nothing that switches off TLS certificate verification.',
      noServers: 'The {{client}} configuration {{path}} declares no servers.',
    },
    remediation: 'Remove verification bypasses from env and args. For a private or TLS-inspection CA, trust that CA explicitly (NODE_EXTRA_CA_CERTS for Node, SSL_CERT_FILE or REQUESTS_CA_BUNDLE pointing at the CA file for Python) instead of disabling verification.',
  },
  run(context) {
    return eachConfig(context, (results) => {
      for (const server of results.file.servers) {
        results.evaluate(server);
        const invocation = parseInvocation(server);

        // environment: env block, inline VAR=value prefixes, container --env
        const envTokens = new Set<ArgToken>();
        for (const setting of envSettings(server)) {
          const verdict = disablesTls(setting.name, setting.value);
          if (!verdict) continue;
          results.fail(server, {
            messageId: verdict === 'empty-ca' ? 'emptyCaBundle' : 'envDisablesVerification',
            severity: verdict === 'empty-ca' ? 'medium' : 'high',
            field: setting.field, key: envKey(server, setting), data: { setting: setting.name },
          });
        }
        for (const e of invocation.env) envTokens.add(e.token);
        for (const option of invocation.docker?.options ?? []) if (option.name === '--env' && option.valueToken) envTokens.add(option.valueToken);

        // command-line flags anywhere in the (unwrapped) command line
        const tokens = invocation.tokens;
        tokens.forEach((token, i) => {
          if (i === 0 || envTokens.has(token)) return;
          const text = token.value;
          if (text === '-k') {
            const curl = /^(curl|wget)$/.test(invocation.runner);
            const program = invocation.serverName ?? invocation.runner;
            if (curl) results.fail(server, { messageId: 'argumentDisablesVerification', severity: 'high', field: tokenField(token), key: argKey(server, '-k'), data: { setting: '-k' } });
            else if (invocation.serverArgs.includes(token)) results.fail(server, { messageId: 'ambiguousShortFlag', severity: 'medium', field: tokenField(token), key: argKey(server, '-k'), data: { program } });
            return;
          }
          let name: string;
          let value: string | undefined;
          if (text.startsWith('--')) {
            const eq = text.indexOf('=');
            name = eq < 0 ? text : text.slice(0, eq);
            value = eq < 0 ? undefined : text.slice(eq + 1);
            if (value === undefined) {
              const next = tokens[i + 1]?.value;
              const loose = looseName(name);
              if (POSITIVE.has(loose) && isFalsy(next)) value = next;
              else if (TRUSTS_HOST.has(loose) && next !== undefined) value = next;
            }
          } else if (/^[A-Za-z_][\w.-]*=/.test(text) && !parseUrl(text)) {
            const eq = text.indexOf('=');
            name = text.slice(0, eq);
            value = text.slice(eq + 1);
          } else return;
          const verdict = disablesTls(name, value);
          if (!verdict) return;
          const setting = TRUSTS_HOST.has(looseName(name)) ? name : shown(name, value);
          results.fail(server, {
            messageId: verdict === 'empty-ca' ? 'emptyCaBundle' : 'argumentDisablesVerification',
            severity: verdict === 'empty-ca' ? 'medium' : 'high',
            field: tokenField(token), key: argKey(server, name), data: { setting },
          });
        });

        // URL parameters (connection strings, ?verify=false)
        const urls = endpointsOf(server);
        for (const token of invocation.serverArgs) {
          const url = parseUrl(token.value);
          if (url && !urls.some((e) => e.field === tokenField(token))) urls.push({ url, display: url.display, field: tokenField(token), key: argKey(server, url.display), via: 'argument' });
        }
        for (const endpoint of urls) {
          if (!endpoint.url) continue;
          for (const param of queryParams(endpoint.url)) {
            if (disablesTls(param.name, param.value) !== 'disabled') continue;
            results.fail(server, {
              messageId: 'urlDisablesVerification', severity: 'high', field: endpoint.field,
              key: endpoint.via === 'url' ? `${fieldKey(server, 'url')}?${param.name}` : `${endpoint.key}?${param.name}`,
              data: { url: endpoint.display, setting: shown(param.name, param.value) },
            });
          }
        }
      }
      return results.finish('verificationOn', 'noServers');
    });
  },
};
