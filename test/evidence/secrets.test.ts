/**
 * Table tests of secret and interpolation detection (mcp-formats §2.1, §3.10). Token-shaped values are
 * built by concatenation at run time so that this repository never holds a string that looks like a
 * live credential.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectSecret, findInterpolations, findSecrets, findSecretsInArgument, isCredentialParameterName, isPlaceholder, redactSecrets, shannonEntropy } from '../../src/evidence/secrets.js';

/** A random-looking mixed-case alphanumeric body of `n` characters (deterministic). */
function body(n: number, seed = 7): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let out = '';
  let x = seed;
  for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) % 2147483648; out += alphabet[x % alphabet.length]; }
  return out;
}
const upper = (n: number) => body(n, 11).toUpperCase().replace(/[^A-Z0-9]/g, 'Q');
const b64 = (s: string) => Buffer.from(s).toString('base64');
const valueAndKinds = ({ value, kinds }: { value: string; kinds: string[] }) => ({ value, kinds });

interface Case { name: string; value: string; key?: string; kind: string | undefined }

const cases: Case[] = [
  // High-confidence token shapes.
  { name: 'GitHub classic token', value: 'ghp_' + body(36), kind: 'github-token' },
  { name: 'GitHub token of one repeated letter (a test token, still the shape)', value: 'ghp_' + 'a'.repeat(36), kind: 'github-token' },
  { name: 'GitHub OAuth / server tokens', value: 'gho_' + body(36) + ' ghs_' + body(40, 3), kind: 'github-token' },
  { name: 'GitHub fine-grained PAT', value: 'github_pat_' + body(22) + '_' + body(59, 5), kind: 'github-token' },
  { name: 'GitHub token inside a command line', value: '--token=ghu_' + body(36), kind: 'github-token' },
  { name: 'GitLab PAT', value: 'glpat-' + body(20), kind: 'gitlab-token' },
  { name: 'Anthropic key', value: 'sk-ant-api03-' + body(40), kind: 'anthropic-key' },
  { name: 'OpenAI project key', value: 'sk-proj-' + body(48), kind: 'openai-key' },
  { name: 'OpenAI legacy key', value: 'sk-' + body(48), kind: 'openai-key' },
  { name: 'AWS access key id', value: 'AKIA' + upper(16), kind: 'aws-access-key' },
  { name: 'AWS temporary key id', value: 'ASIA' + upper(16), kind: 'aws-access-key' },
  { name: 'Google API key', value: 'AIza' + body(35), kind: 'google-api-key' },
  { name: 'Slack bot token', value: 'xoxb-' + '1234567890-' + body(24), kind: 'slack-token' },
  { name: 'Stripe live secret key', value: 'sk_' + 'live_' + body(24), kind: 'stripe-key' },
  { name: 'Stripe restricted test key', value: 'rk_' + 'test_' + body(24), kind: 'stripe-key' },
  { name: 'Hugging Face token', value: 'hf_' + body(34), kind: 'huggingface-token' },
  { name: 'PEM private key', value: '-----BEGIN ' + 'RSA PRIVATE KEY-----\nMIIEow' + body(60) + '\n-----END RSA PRIVATE KEY-----', kind: 'private-key' },
  { name: 'OpenSSH private key header alone', value: '-----BEGIN ' + 'OPENSSH PRIVATE KEY-----', kind: 'private-key' },
  { name: 'JWT', value: 'eyJ' + body(20) + '.eyJ' + body(30, 3) + '.' + body(43, 9), kind: 'jwt' },
  { name: 'JWT behind Bearer is a JWT', value: 'Bearer eyJ' + body(20) + '.eyJ' + body(30, 3) + '.' + body(43, 9), kind: 'jwt' },
  { name: 'URL userinfo', value: 'https://deploy:' + body(14) + '@mcp.example.com/mcp', kind: 'url-credentials' },
  { name: 'database URL with a default password', value: 'postgres://postgres:postgres@localhost:5432/app', kind: 'url-credentials' },
  { name: 'Bearer token', value: 'Bearer ' + body(32), kind: 'bearer-token' },
  { name: 'Bearer token in a header argument', value: 'Authorization: Bearer ' + body(24), kind: 'bearer-token' },
  { name: 'Basic auth with a default credential (admin:admin)', value: 'Basic ' + b64('admin:admin'), kind: 'basic-auth' },
  { name: 'Basic auth', value: 'Basic ' + b64('svc-mcp:' + body(16)), kind: 'basic-auth' },
  { name: 'secret in a URL query parameter', value: 'https://api.example.com/mcp?api_key=' + body(24), kind: 'high-entropy-secret' },
  { name: 'npm access token', value: 'npm_' + body(36), kind: 'npm-token' },
  { name: 'npm token in an .npmrc line', value: '//registry.npmjs.org/:_authToken=npm_' + body(36, 4), kind: 'npm-token' },
  { name: 'SendGrid API key', value: 'SG.' + body(22) + '.' + body(43, 5), kind: 'sendgrid-key' },
  { name: 'Slack incoming webhook URL', value: 'https://hooks.slack.com/services/T0' + upper(9) + '/B0' + upper(9) + '/' + body(24), kind: 'slack-webhook' },
  { name: 'Azure storage connection string', value: 'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=' + b64(body(64)) + ';EndpointSuffix=core.windows.net', kind: 'azure-key' },
  { name: 'Azure Service Bus connection string', value: 'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=' + b64(body(32)), kind: 'azure-key' },

  // A password's name makes any literal under it a password, however guessable.
  { name: 'guessable password under DB_PASSWORD', value: 'hunter2', key: 'DB_PASSWORD', kind: 'password' },
  { name: 'guessable password after --password', value: 'Winter2026', key: '--password', kind: 'password' },
  { name: 'camelCase redisPassword', value: 'redis123', key: 'redisPassword', kind: 'password' },

  // Secret-named keys with literal high-entropy values.
  { name: 'API key under API_KEY', value: body(32), key: 'API_KEY', kind: 'high-entropy-secret' },
  { name: 'password under DB_PASSWORD', value: 'Tr0ub4dor-horse-battery-9fQz', key: 'DB_PASSWORD', kind: 'high-entropy-secret' },
  { name: 'header X-API-Key', value: body(20), key: 'X-API-Key', kind: 'high-entropy-secret' },
  { name: 'Authorization with a custom scheme', value: 'Token ' + body(24), key: 'Authorization', kind: 'high-entropy-secret' },
  { name: 'flag --client-secret', value: body(28), key: '--client-secret', kind: 'high-entropy-secret' },
  { name: 'session cookie', value: body(40), key: 'Cookie', kind: 'high-entropy-secret' },

  // Not secrets: placeholders (§3.10).
  { name: 'empty', value: '', key: 'API_KEY', kind: undefined },
  { name: 'YOUR_API_KEY', value: 'YOUR_API_KEY', key: 'API_KEY', kind: undefined },
  { name: 'your-token-here', value: 'your-github-token-here', key: 'GITHUB_TOKEN', kind: undefined },
  { name: 'ghp_xxx', value: 'ghp_xxx', kind: undefined },
  { name: 'ghp_ with 36 x', value: 'ghp_' + 'x'.repeat(36), kind: undefined },
  { name: 'sk- with an ellipsis', value: 'sk-...', key: 'OPENAI_API_KEY', kind: undefined },
  { name: 'angle-bracket placeholder', value: '<token>', key: 'TOKEN', kind: undefined },
  { name: 'Bearer <token>', value: 'Bearer <your-token>', key: 'Authorization', kind: undefined },
  { name: '[REDACTED_API_KEY]', value: '[REDACTED_API_KEY]', key: 'API_KEY', kind: undefined },
  { name: 'REDACTED in the middle', value: 'sk-REDACTED-' + body(20), kind: undefined },
  { name: 'changeme', value: 'changeme', key: 'PASSWORD', kind: undefined },
  { name: 'replace_me prefix', value: 'replace_with_real_key_0a9s8d', key: 'API_KEY', kind: undefined },
  { name: 'stars', value: '****************', key: 'SECRET', kind: undefined },
  { name: 'one repeated character', value: '0000000000000000', key: 'TOKEN', kind: undefined },
  { name: 'example prefix', value: 'example-' + body(20), key: 'API_KEY', kind: undefined },
  { name: 'token ending in _HERE', value: 'PASTE_TOKEN_HERE', key: 'TOKEN', kind: undefined },

  // Not secrets: interpolation (§2.1).
  { name: '${input:x}', value: '${input:github-token}', key: 'GITHUB_TOKEN', kind: undefined },
  { name: 'Bearer ${env:TOKEN}', value: 'Bearer ${env:TOKEN}', key: 'Authorization', kind: undefined },
  { name: '${VAR:-default}', value: '${API_KEY:-dev-key}', key: 'API_KEY', kind: undefined },
  { name: '$VAR', value: '$GITHUB_TOKEN', key: 'GITHUB_TOKEN', kind: undefined },
  { name: '{{x.y}}', value: '{{github.personal_access_token}}', key: 'GITHUB_TOKEN', kind: undefined },
  { name: 'Continue ${{ secrets.X }}', value: '${{ secrets.GITHUB_TOKEN }}', key: 'GITHUB_TOKEN', kind: undefined },
  { name: 'server.json {var}', value: 'Bearer {api_token}', key: 'Authorization', kind: undefined },
  { name: 'URL userinfo from a variable', value: 'https://user:${DB_PASS}@db.example.com/', kind: undefined },

  // Not secrets: look-alikes.
  { name: 'package name starting with sk-', value: 'sk-learn-mcp-server-for-experiments', kind: undefined },
  { name: 'package name containing task-', value: '@acme/task-management-server-pro', kind: undefined },
  { name: '"Basic authentication" prose', value: 'Basic authentication required', kind: undefined },
  { name: 'Bearer prose', value: 'Bearer tokens-are-required-here', kind: undefined },
  { name: 'low-entropy value under a secret name', value: 'aaaabbbbccccdddd', key: 'API_KEY', kind: undefined },
  { name: 'short value under a secret name', value: 'Zq9xk2', key: 'API_KEY', kind: undefined },
  { name: 'identifier under AUTH_TYPE', value: 'oauth2-client-credentials', key: 'AUTH_TYPE', kind: undefined },
  { name: 'URL under OAUTH_REDIRECT_URL', value: 'https://app.example.com/oauth/callback', key: 'OAUTH_REDIRECT_URL', kind: undefined },
  { name: 'path under TOKEN_FILE', value: '/run/secrets/github_token_file', key: 'TOKEN_FILE', kind: undefined },
  { name: 'high-entropy value under a non-secret name', value: body(32), key: 'BUILD_ID', kind: undefined },
  { name: 'a path under PASSWORD_FILE', value: '/run/secrets/db', key: 'PASSWORD_FILE', kind: undefined },
  { name: 'a word under PASSWORD_POLICY (not a password\'s name)', value: 'strict', key: 'PASSWORD_POLICY', kind: undefined },
  { name: 'a flag under REQUIRE_PASSWORD', value: 'true', key: 'REQUIRE_PASSWORD', kind: undefined },
  { name: 'a password variable under DB_PASSWORD', value: '${DB_PASSWORD}', key: 'DB_PASSWORD', kind: undefined },
  { name: 'a short value under PASSWORD', value: 'abc', key: 'PASSWORD', kind: undefined },
  { name: 'code that reads a password', value: 'process.env.DB_PASSWORD', key: 'password', kind: undefined },
  { name: 'a config path to a password', value: 'settings.database.password', key: 'dbPassword', kind: undefined },
  { name: 'npm config variable name', value: 'npm_config_user_agent', kind: undefined },
  { name: 'a Slack URL that is not a webhook', value: 'https://acme.slack.com/archives/C0123456789', kind: undefined },
  { name: 'high-entropy value with no key', value: body(32), kind: undefined },
  { name: 'plain URL', value: 'https://mcp.example.com/mcp?region=eu-west-1', kind: undefined },
  { name: 'AWS-like id that is too long', value: 'AKIA' + upper(20), kind: undefined },
  { name: 'mixed case with digits is a secret', key: 'token', value: 'aB3dE5gH7jK9mN', kind: 'high-entropy-secret' },
  { name: 'a 12-word wallet recovery phrase under SEED_PHRASE', key: 'SEED_PHRASE', value: 'cloud twelve orbit velvet frozen absorb museum ticket lemon vapor guitar brisk', kind: 'wallet-recovery-phrase' },
  { name: 'a 24-word recovery phrase under MNEMONIC', key: 'WALLET_MNEMONIC', value: Array.from({ length: 24 }, (_, i) => ['acid', 'bonus', 'crane', 'dwarf'][i % 4]).join(' '), kind: 'wallet-recovery-phrase' },
  { name: 'a 64-hex wallet seed under BASE_SEED_PHRASE', key: 'BASE_SEED_PHRASE', value: 'c7f1a9e04b6d2385f0e9a1c47b3d6e2f8a0c5b9d1e7f3a6c2b8d4e0f9a1c7b3e', kind: 'high-entropy-secret' },
  { name: 'eleven words are prose, not a recovery phrase', key: 'SEED_PHRASE', value: 'set this to the twelve words of your own wallet before you start', kind: undefined },
  { name: 'a random seed number is not a secret (RANDOM_SEED is not a secret name)', key: 'RANDOM_SEED', value: '42', kind: undefined },
  { name: 'random letters alone are a secret too', key: 'apiKey', value: 'QwErTyUiOpAsDfGhJkLz', kind: 'high-entropy-secret' },
];

describe('detectSecret', () => {
  for (const c of cases) {
    it(`${c.kind ?? 'no secret'}: ${c.name}`, () => {
      assert.deepEqual(detectSecret(c.value, c.key), c.kind === undefined ? undefined : { kind: c.kind });
    });
  }
});

describe('findSecretsInArgument: an argument that carries its own key', () => {
  const table: Array<[string, string, string | undefined, string[]]> = [
    ['a header written as one argument (--header=x-api-key: V)', 'x-api-key: ' + body(24), '--header', ['high-entropy-secret']],
    ['a header line with no flag before it', 'X-Auth-Token: ' + body(30, 2), undefined, ['high-entropy-secret']],
    ['a header line that names no secret', 'Content-Type: application/json', '--header', []],
    ['a header with a guessable password', 'X-Password: hunter22', '-H', ['password']],
    ['JSON: a secret under its own key', '{"apiKey":"' + body(32) + '","region":"eu-west-1"}', '--config', ['high-entropy-secret']],
    ['JSON: a token anywhere in it', '[{"auth":{"bearer":"ghp_' + body(36) + '"}}]', undefined, ['github-token']],
    ['JSON: the same secret twice is two places', '{"token":"' + body(20, 9) + '","again":"' + body(20, 9) + '"}', undefined, ['high-entropy-secret', 'high-entropy-secret']],
    ['JSON with nothing secret', '{"region":"eu-west-1","retries":3}', '--config', []],
    ['JSON 100,000 deep: judged as a string (once a stack overflow), a token in it still found',
      `${'['.repeat(100_000)}"ghp_${body(36)}"${']'.repeat(100_000)}`, '--config', ['github-token']],
    ['not JSON, not a header: judged under the flag', body(28), '--client-secret', ['high-entropy-secret']],
    ['a URL is no header line', 'https://user:' + body(14) + '@mcp.example.com/', undefined, ['url-credentials']],
  ];
  for (const [name, value, key, kinds] of table) {
    it(name, () => assert.deepEqual(findSecretsInArgument(value, key).map((m) => m.kind), kinds));
  }

  it('gives spans that replace only the secret, keeping the JSON and the header name', () => {
    const key = body(32);
    const redact = (value: string, flag?: string) => {
      let out = value;
      for (const m of [...findSecretsInArgument(value, flag)].reverse()) out = `${out.slice(0, m.start)}[R]${out.slice(m.end)}`;
      return out;
    };
    assert.equal(redact(`{"apiKey":"${key}","region":"eu"}`, '--config'), '{"apiKey":"[R]","region":"eu"}');
    assert.equal(redact(`x-api-key: ${key}`, '--header'), 'x-api-key: [R]');
  });
});

describe('findSecrets and redactSecrets', () => {
  it('gives the span of the password in URL userinfo, so only the password is replaced', () => {
    const password = body(14);
    const url = `https://deploy:${password}@mcp.example.com/mcp`;
    const [match] = findSecrets(url);
    assert.deepEqual(match, { kind: 'url-credentials', start: 15, end: 15 + password.length, part: 'userinfo' });
    assert.deepEqual(valueAndKinds(redactSecrets(url, undefined, '[REDACTED]')), { value: 'https://deploy:[REDACTED]@mcp.example.com/mcp', kinds: ['url-credentials'] });
  });

  it('replaces every secret in a value, keeping the rest', () => {
    const token = 'ghp_' + body(36);
    const key = body(24);
    const value = `https://u:${body(12, 3)}@h.example.com/x?token=${token}&api_key=${key}&page=2`;
    const out = redactSecrets(value, undefined, '[REDACTED]');
    assert.equal(out.value, 'https://u:[REDACTED]@h.example.com/x?token=[REDACTED]&api_key=[REDACTED]&page=2');
    assert.deepEqual(out.kinds, ['url-credentials', 'github-token', 'high-entropy-secret']);
  });

  it('finds a token used as the default of an interpolation (the default is a literal)', () => {
    assert.equal(detectSecret('${GITHUB_TOKEN:-ghp_' + body(36) + '}')?.kind, 'github-token');
  });

  it('replaces only the path of a Slack webhook, keeping its host', () => {
    assert.equal(redactSecrets(`https://hooks.slack.com/services/T0${upper(9)}/B0${upper(9)}/${body(24)}`, undefined, '[R]').value, 'https://hooks.slack.com/services/[R]');
  });

  it('replaces a secret-named value as a whole', () => {
    assert.deepEqual(valueAndKinds(redactSecrets(body(30), 'API_KEY', '[REDACTED]')), { value: '[REDACTED]', kinds: ['high-entropy-secret'] });
  });
});

describe('findInterpolations', () => {
  const table: Array<[string, string[]]> = [
    ['${input:github-token}', ['${input:github-token}']],
    ['Bearer ${env:TOKEN}', ['${env:TOKEN}']],
    ['${HOME}/data and ${PORT:-8080}', ['${HOME}', '${PORT:-8080}']],
    ['$API_KEY', ['$API_KEY']],
    ['${workspaceFolder}/src:${userHome}${pathSeparator}x', ['${workspaceFolder}', '${userHome}', '${pathSeparator}']],
    ['${file:/run/secrets/token}', ['${file:/run/secrets/token}']],
    ['{{github.personal_access_token}}', ['{{github.personal_access_token}}']],
    ['https://{host}:{port}/mcp', ['{host}', '{port}']],
    ['type=bind,src={source_path},dst={target_path}', ['{source_path}', '{target_path}']],
    ['${{ secrets.GITHUB_TOKEN }}', ['${{ secrets.GITHUB_TOKEN }}']],
    ['%APPDATA%\\tools and $env:USERPROFILE', ['%APPDATA%', '$env:USERPROFILE']],
    ['$X then $X again', ['$X']],
    ['no tokens here: {"json": true}, $5, 100%', []],
    ['https://example.com/caf%C3%A9/%E2%80%A6', []],
    ['', []],
  ];
  for (const [value, expected] of table) {
    it(`${JSON.stringify(value)} -> ${expected.length} token(s)`, () => assert.deepEqual(findInterpolations(value), expected));
  }
});

describe('isPlaceholder and shannonEntropy', () => {
  it('knows placeholders', () => {
    for (const v of ['', '   ', 'YOUR_KEY', 'my-token', 'insert key', 'TODO_later', '<key>', '[secret]', 'abcxxxdef', 'a***b', 'a…', 'REDACTED', 'zzzzzz', '${X}']) {
      assert.equal(isPlaceholder(v), true, v);
    }
    for (const v of [body(20), 'Tr0ub4dor-horse-battery-9fQz', 'admin']) assert.equal(isPlaceholder(v), false, v);
  });

  it('measures bits per character', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.equal(shannonEntropy('0123456789abcdef'), 4);
  });
});

describe('credentials in URLs: hosted MCP paths, credential-named query parameters, userinfo', () => {
  const hexBody = (n: number, seed: number) => body(n, seed).split('').map((c) => '0123456789abcdef'[c.charCodeAt(0) % 16]).join('');
  const uuid = (seed: number) => { const h = hexBody(32, seed); return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`; };
  const zapierKey = b64(`${uuid(3)}:${uuid(4)}`);
  const firecrawlKey = 'fc-' + hexBody(32, 5);

  /** [name, value, expected [kind, part, the matched text]] — the text shows the span is exact. */
  const table: Array<[string, string, Array<[string, string | undefined, string]>]> = [
    ['Zapier MCP server URL: the path segment', `https://mcp.zapier.com/api/mcp/s/${zapierKey}/mcp`, [['zapier-mcp-key', 'path', zapierKey]]],
    ['Zapier MCP SSE URL inside an argument', `--sse=https://mcp.zapier.com/api/mcp/s/${zapierKey}/sse`, [['zapier-mcp-key', 'path', zapierKey]]],
    ['Zapier AI Actions key (sk-ak-) in the path', `https://actions.zapier.com/mcp/sk-ak-${body(26, 6)}/sse`, [['zapier-mcp-key', 'path', `sk-ak-${body(26, 6)}`]]],
    ['Firecrawl key in the path (its own shape too)', `https://mcp.firecrawl.dev/${firecrawlKey}/v2/mcp`, [['firecrawl-key', 'path', firecrawlKey]]],
    ['Firecrawl key of another shape in the path', `https://mcp.firecrawl.dev/${body(24, 7)}/sse`, [['firecrawl-key', 'path', body(24, 7)]]],
    ['Make MCP token', `https://eu1.make.com/mcp/api/v1/u/${uuid(8)}/sse`, [['make-mcp-token', 'path', uuid(8)]]],
    ['Pipedream personal endpoint', `https://mcp.pipedream.net/${uuid(9)}/gmail`, [['pipedream-mcp-endpoint', 'path', uuid(9)]]],
    ['Composio per-user URL', 'https://mcp.composio.dev/github/mealy-millions-grass-' + body(6, 10), [['composio-mcp-url-key', 'path', 'mealy-millions-grass-' + body(6, 10)]]],
    ['Smithery api_key query parameter; profile is not a secret', `https://server.smithery.ai/@acme/weather/mcp?api_key=${uuid(11)}&profile=brave-otter-x1`, [['high-entropy-secret', 'query parameter "api_key"', uuid(11)]]],
    ['Exa exaApiKey', `https://mcp.exa.ai/mcp?exaApiKey=${uuid(12)}`, [['high-entropy-secret', 'query parameter "exaApiKey"', uuid(12)]]],
    ['Tavily key by its shape', `https://mcp.tavily.com/mcp/?tavilyApiKey=tvly-dev-${body(32, 13)}`, [['tavily-key', 'query parameter "tavilyApiKey"', `tvly-dev-${body(32, 13)}`]]],
    ['Apify token by its shape', `https://mcp.apify.com/?token=apify_api_${body(36, 14)}`, [['apify-token', 'query parameter "token"', `apify_api_${body(36, 14)}`]]],
    ['a bare ?key= (Amap)', `https://mcp.amap.com/sse?key=${hexBody(32, 15)}`, [['high-entropy-secret', 'query parameter "key"', hexBody(32, 15)]]],
    ['a signed URL ?sig=', `https://acme.blob.core.windows.net/c/f?sv=2024-01-01&sig=${body(43, 16)}`, [['high-entropy-secret', 'query parameter "sig"', body(43, 16)]]],
    ['a percent-encoded parameter name', `https://h.example/mcp?api%5Fkey=${body(24, 17)}`, [['high-entropy-secret', 'query parameter "api_key"', body(24, 17)]]],
    ['a token used as the user name', `https://${body(32, 18)}@git.example.com/repo.git`, [['url-credentials', 'userinfo', body(32, 18)]]],
    ['user:password in a URL inside JSON text', `{"url":"https://svc:${body(14, 19)}@mcp.example.com/mcp"}`, [['url-credentials', 'userinfo', body(14, 19)]]],
    ['Alchemy RPC URL: the key in the path', `https://base-sepolia.g.alchemy.com/v2/${body(32, 30)}`, [['alchemy-api-key', 'path', body(32, 30)]]],
    ['a token in the fragment is placed there', `https://h.example/cb#access_token=ghp_${body(36, 20)}`, [['github-token', 'fragment', `ghp_${body(36, 20)}`]]],

    // Not secrets.
    ['keyless Firecrawl', 'https://mcp.firecrawl.dev/v2/mcp', []],
    ['Zapier server id (a UUID; its key goes in a bearer header)', `https://mcp.zapier.com/api/mcp/s/${uuid(29)}/mcp`, []],
    ['shared Pipedream endpoint', 'https://mcp.pipedream.net/v2', []],
    ['Zapier placeholder from its docs', 'https://mcp.zapier.com/api/mcp/s/YOUR_SECRET/mcp', []],
    ['Zapier interpolated', 'https://mcp.zapier.com/api/mcp/s/${ZAPIER_KEY}/mcp', []],
    ['Make placeholder', 'https://us2.make.com/mcp/api/v1/u/<TOKEN>/sse', []],
    ['Composio server id (needs an x-api-key)', `https://mcp.composio.dev/composio/server/${uuid(21)}/mcp?user_id=alice`, []],
    ['Composio v3 server id and user id', `https://backend.composio.dev/v3/mcp/${uuid(22)}/mcp?user_id=pg-test-${uuid(23)}`, []],
    ['a UUID resource id in the path of any other host', `https://acme.app.n8n.cloud/mcp/${uuid(24)}/sse`, []],
    ['a UUID in a path on a Make look-alike path of another host', `https://make.example.com/mcp/api/v1/u/${uuid(25)}/sse`, []],
    ['Supabase project_ref', 'https://mcp.supabase.com/mcp?project_ref=epfoxpgrpsnhlsglxvsa', []],
    ['Apify tool list', 'https://mcp.apify.com/?tools=actors,docs,apify/rag-web-browser', []],
    ['an interpolated query value', 'https://mcp.exa.ai/mcp?exaApiKey=${EXA_API_KEY}', []],
    ['a placeholder query value', 'https://mcp.tavily.com/mcp/?tavilyApiKey=<your-api-key>', []],
    ['a public OAuth query parameter', `https://login.example.com/authorize?client_id=${body(24, 26)}&redirect_uri=http%3A%2F%2Flocalhost%3A3334%2Fcallback&scope=openid`, []],
    ['token_type is not a token', 'https://h.example/cb?token_type=bearer&expires_in=3600', []],
  ];
  for (const [name, value, expected] of table) {
    it(name, () => {
      assert.deepEqual(findSecrets(value).map((m) => [m.kind, m.part, value.slice(m.start, m.end)]), expected);
    });
  }

  it('redacts the secret segment only, so the host and the rest of the path stay for the transport checks', () => {
    assert.equal(redactSecrets(`https://mcp.zapier.com/api/mcp/s/${zapierKey}/mcp`, undefined, '[REDACTED]').value, 'https://mcp.zapier.com/api/mcp/s/[REDACTED]/mcp');
    assert.equal(redactSecrets(`http://u:${body(16, 27)}@h.example:8080/sse?token=${body(20, 28)}&x=1`, undefined, '[R]').value, 'http://u:[R]@h.example:8080/sse?token=[R]&x=1');
  });
});

describe('isCredentialParameterName: the query parameter names whose value is a credential', () => {
  const table: Array<[string, string, boolean]> = [
    ['api_key', 'mcp.example.com', true],
    ['exaApiKey', 'mcp.exa.ai', true],
    ['access_token', 'mcp.example.com', true],
    ['auth', 'mcp.example.com', true],
    ['key', 'mcp.example.com', true],
    ['sig', 'acme.blob.core.windows.net', true],
    ['pw', 'mcp.example.com', true],
    ['code', 'acme.azurewebsites.net', true],
    ['subscription-key', 'acme.azure-api.net', true],
    ['code', 'mcp.example.com', false],
    ['token_type', 'mcp.example.com', false],
    ['client_id', 'mcp.example.com', false],
    ['scope', 'mcp.example.com', false],
    ['keyword', 'mcp.example.com', false],
  ];
  for (const [name, host, expected] of table) {
    it(`${name} on ${host}: ${expected}`, () => assert.equal(isCredentialParameterName(name, host), expected));
  }
});

describe('public OAuth client metadata is not a secret; a client secret is', () => {
  const table: Array<[string, string, string | undefined, string[]]> = [
    ['mcp-remote client info with a client id only', `{"client_id":"${body(20, 30)}"}`, '--static-oauth-client-info', []],
    ['the same, copied with its shell quotes', `'{"client_id":"${body(20, 31)}"}'`, '--static-oauth-client-info', []],
    ['client info with a client secret: the secret only', `{"client_id":"${body(20, 32)}","client_secret":"${body(40, 33)}"}`, '--static-oauth-client-info', ['high-entropy-secret']],
    ['client metadata: scopes, redirect URIs, auth method', '{"scope":"read:jira-work offline_access","redirect_uris":["http://localhost:3334/oauth/callback"],"token_endpoint_auth_method":"client_secret_post","client_name":"Claude"}', '--static-oauth-client-metadata', []],
    ['client metadata that is not JSON', `scope=${body(20, 34)}`, '--static-oauth-client-metadata', []],
    ['--oauth-client-id', `0oa${body(17, 35)}`, '--oauth-client-id', []],
    ['GOOGLE_OAUTH_CLIENT_ID', `123456789012-${body(32, 36).toLowerCase()}.apps.googleusercontent.com`, 'GOOGLE_OAUTH_CLIENT_ID', []],
    ['AUTH0_CLIENT_ID', body(32, 37), 'AUTH0_CLIENT_ID', []],
    ['--client-secret', body(32, 38), '--client-secret', ['high-entropy-secret']],
    ['OAUTH_CLIENT_SECRET', body(32, 39), 'OAUTH_CLIENT_SECRET', ['high-entropy-secret']],
    ['a Vault AppRole SECRET_ID is a secret', body(36, 42), 'VAULT_SECRET_ID', ['high-entropy-secret']],
    ['AUTH_HEADER holds a header value', body(36, 43), 'AUTH_HEADER', ['high-entropy-secret']],
    ['SECRET_NAME names a secret in a store', 'prod/mcp/github-token-2026', 'SECRET_NAME', []],
    ['a token shape under a public name is still a token', `ghp_${body(36, 41)}`, 'GITHUB_CLIENT_ID', ['github-token']],
  ];
  for (const [name, value, key, kinds] of table) {
    it(name, () => assert.deepEqual(findSecretsInArgument(value, key).map((m) => m.kind), kinds));
  }
});
