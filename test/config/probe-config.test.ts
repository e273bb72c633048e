/** `probe:` of mcp-comply.yaml: `true` or its settings, errors at their line, and the settings the CLI derives from it and the flags. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveSources } from '../../src/cli/run-options.js';
import { loadProjectConfig } from '../../src/config/project-config.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const errorsOf = (text: string) => {
  const { problems } = loadProjectConfig(write(tempDir('probe-config-'), 'mcp-comply.yaml', text));
  return problems.filter((p) => p.severity === 'error').map(({ line, column, code, message }) => ({ line, column, code, message }));
};

describe('probe in mcp-comply.yaml', () => {
  it('true, and an object with urls and bounds, load without problems', () => {
    assert.deepEqual(errorsOf('probe: true\n'), []);
    assert.deepEqual(errorsOf('probe:\n  urls: [https://mcp.example.com/mcp]\n  timeoutMs: 5000\n  expiryWarningDays: 21\n'), []);
  });

  const table: Array<[string, string, { line: number; column: number; code: string; message: string }]> = [
    ['not an http(s) URL', 'probe:\n  urls:\n    - ftp://files.example.com/\n',
      { line: 3, column: 7, code: 'probe-url', message: 'probe.urls: "ftp://files.example.com/" is not an http(s) URL' }],
    ['not absolute', 'probe:\n  urls:\n    - https://ok.example.com/mcp\n    - /mcp\n',
      { line: 4, column: 7, code: 'probe-url', message: 'probe.urls: "/mcp" is not an absolute URL' }],
    ['a credential pattern without a scheme', 'probe:\n  credentials:\n    - url: mcp.example.com\n      header: Authorization\n      env: MCP_TOKEN\n',
      { line: 3, column: 12, code: 'probe-credential-url', message: 'probe.credentials url: a URL pattern is scheme://host[/path], with the scheme http, https or *' }],
    ['a credential named by value instead of variable', 'probe:\n  credentials:\n    - url: https://mcp.example.com/**\n      header: Authorization\n      env: "Bearer abc"\n',
      { line: 5, column: 12, code: 'schema', message: 'probe.credentials[0].env does not have the expected form (^[A-Za-z_][A-Za-z0-9_]*$)' }],
    ['a query', 'probe:\n  urls: ["https://mcp.example.com/mcp?api_key=abc"]\n',
      { line: 2, column: 10, code: 'probe-url', message: 'probe.urls: "https://mcp.example.com/mcp" carries userinfo or a query; the probe sends no credential' }],
  ];
  for (const [name, text, expected] of table) it(name, () => assert.deepEqual(errorsOf(text), [expected]));

  it('an unknown key and a timeout out of range are schema errors at their line', () => {
    assert.deepEqual(errorsOf('probe:\n  timeoutMs: 5\n  url: https://x.example\n'), [
      { line: 3, column: 3, code: 'schema', message: 'probe has unknown property "url"' },
      { line: 2, column: 14, code: 'schema', message: 'probe.timeoutMs must be >= 100' },
    ]);
    assert.deepEqual(errorsOf('probe: yes please\n'), [{ line: 1, column: 8, code: 'schema', message: 'probe must be boolean' }]);
  });
});

describe('probe settings from the flags and the config', () => {
  it('no --probe, no --probe-url and no probe: in the config: no probe', () => {
    const dir = tempDir('probe-config-');
    assert.equal(resolveSources([dir], { out: 'x' }).probe, undefined);
    const config = write(dir, 'mcp-comply.yaml', 'probe: false\n');
    assert.equal(resolveSources([dir], { out: 'x', config }).probe, undefined);
  });

  it('--probe-url and probe.urls, each with where it was named', () => {
    const dir = tempDir('probe-config-');
    const config = write(dir, 'mcp-comply.yaml', 'probe:\n  urls:\n    - https://b.example.com/mcp\n  timeoutMs: 2000\n');
    const settings = resolveSources([dir], { out: 'x', config, probeUrl: ['https://a.example.com/mcp'] }).probe;
    assert.deepEqual(settings, {
      urls: [
        { url: 'https://a.example.com/mcp', reference: { path: 'command line' } },
        { url: 'https://b.example.com/mcp', reference: { path: settings!.urls[1]!.reference.path, line: 3, column: 7 } },
      ],
      timeoutMs: 2000,
    });
    assert.match(settings!.urls[1]!.reference.path, /mcp-comply\.yaml$/);
  });

  it('a credential\'s value comes from its variable, and is absent when the variable is unset', () => {
    const dir = tempDir('probe-config-');
    const config = write(dir, 'mcp-comply.yaml', 'probe:\n  credentials:\n    - {url: "https://a.example.com/**", header: Authorization, env: PROBE_CONFIG_TEST_TOKEN}\n    - {url: "https://b.example.com/**", header: X-Api-Key, env: PROBE_CONFIG_TEST_UNSET}\n');
    process.env.PROBE_CONFIG_TEST_TOKEN = 'Bearer from-the-environment';
    try {
      assert.deepEqual(resolveSources([dir], { out: 'x', config }).probe!.credentials, [
        { pattern: 'https://a.example.com/**', header: 'Authorization', env: 'PROBE_CONFIG_TEST_TOKEN', value: 'Bearer from-the-environment' },
        { pattern: 'https://b.example.com/**', header: 'X-Api-Key', env: 'PROBE_CONFIG_TEST_UNSET' },
      ]);
    } finally {
      delete process.env.PROBE_CONFIG_TEST_TOKEN;
    }
  });

  it('--probe-url that is not http(s), or carries a query, is a usage error that does not quote the query', () => {
    assert.throws(() => resolveSources([tempDir()], { out: 'x', probeUrl: ['file:///etc/passwd'] }), { message: '--probe-url "file:///etc/passwd" is not an http(s) URL' });
    assert.throws(() => resolveSources([tempDir()], { out: 'x', probeUrl: ['https://mcp.example.com/mcp?token=abc'] }),
      { message: '--probe-url "https://mcp.example.com/mcp" carries userinfo or a query; the probe sends no credential' });
  });
});
