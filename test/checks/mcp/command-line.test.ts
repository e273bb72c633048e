/** The shared launch-command parser (command-line.ts), path classifier (paths.ts) and URL reader (url.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hostMounts, parseImage, parseInvocation, parseNpmSpec, parsePythonSpec, splitShellWords, type Pin,
} from '../../../src/checks/mcp/command-line.js';
import { classifyHostPath, splitPathList } from '../../../src/checks/mcp/paths.js';
import { isLoopbackHost, parseUrl, safeText } from '../../../src/checks/mcp/url.js';
import { mcpConfig, type ServerSpec } from '../../helpers/mcp-evidence.js';

function invocation(spec: Omit<ServerSpec, 'name'>) {
  return parseInvocation(mcpConfig({ servers: [{ name: 's', ...spec }] }).servers[0]!);
}

describe('npm spec pin rules (mcp-formats 3.10)', () => {
  const cases: Array<[string, Pin['kind'], string?]> = [
    ['@modelcontextprotocol/server-filesystem', 'none', '@modelcontextprotocol/server-filesystem'],
    ['@modelcontextprotocol/server-filesystem@2025.8.21', 'exact', '@modelcontextprotocol/server-filesystem'],
    ['mcp-remote@0.1.16', 'exact', 'mcp-remote'],
    ['mcp-remote@1.0.0-beta.1', 'exact', 'mcp-remote'],
    ['mcp-remote@v0.1.16', 'exact', 'mcp-remote'],
    ['mcp-remote@latest', 'tag', 'mcp-remote'],
    ['@playwright/mcp@next', 'tag', '@playwright/mcp'],
    ['mcp-remote@^0.1.0', 'range', 'mcp-remote'],
    ['mcp-remote@0.1', 'range', 'mcp-remote'],
    ['mcp-remote@1.x', 'range', 'mcp-remote'],
    ['mcp-remote@${MCP_REMOTE_VERSION}', 'variable', 'mcp-remote'],
    ['github:owner/repo', 'unpinned-source'],
    ['owner/repo#0123456789abcdef0123456789abcdef01234567', 'commit'],
    ['git+https://github.com/o/r.git#v1.0.0', 'unpinned-source'],
    ['https://example.com/pkg.tgz', 'unpinned-source'],
    ['./local-server', 'local'],
    ['C:\\servers\\mine', 'local'],
    ['npm:mcp-remote@0.1.16', 'exact', 'mcp-remote'],
  ];
  for (const [spec, kind, name] of cases) {
    it(spec, () => {
      const parsed = parseNpmSpec(spec);
      assert.equal(parsed.pin.kind, kind);
      assert.equal(parsed.name, name);
    });
  }
});

describe('Python spec pin rules', () => {
  const cases: Array<[string, Pin['kind'], string?]> = [
    ['mcp-server-git', 'none', 'mcp-server-git'],
    ['mcp-server-git==2025.1.14', 'exact', 'mcp-server-git'],
    ['mcp_server_git@1.2.3', 'exact', 'mcp-server-git'],
    ['mcp[cli]==1.9.4', 'exact', 'mcp'],
    ['mcp[cli]', 'none', 'mcp'],
    ['mcp>=1.20', 'range', 'mcp'],
    ['mcp==1.2.*', 'range', 'mcp'],
    ['mcp-server-fetch@latest', 'tag', 'mcp-server-fetch'],
    ['git+https://github.com/oraios/serena', 'unpinned-source'],
    ['git+https://github.com/oraios/serena@0123456789abcdef0123456789abcdef01234567', 'commit'],
    ['serena @ git+https://github.com/oraios/serena@v1', 'unpinned-source', 'serena'],
    ['.', 'local'],
  ];
  for (const [spec, kind, name] of cases) {
    it(spec, () => {
      const parsed = parsePythonSpec(spec);
      assert.equal(parsed.pin.kind, kind);
      assert.equal(parsed.name, name);
    });
  }
});

describe('image references', () => {
  it('digest, latest, no tag, tag, registry port, variable', () => {
    assert.equal(parseImage(`mcp/github@sha256:${'a'.repeat(64)}`).pin, 'digest');
    assert.equal(parseImage(`ghcr.io/o/i:1.2@sha256:${'b'.repeat(64)}`).pin, 'digest');
    assert.equal(parseImage('mcp/github:latest').pin, 'latest');
    assert.equal(parseImage('mcp/github').pin, 'no-tag');
    assert.equal(parseImage('localhost:5000/mcp/github').pin, 'no-tag');
    assert.equal(parseImage('localhost:5000/mcp/github:1.0').pin, 'tag');
    assert.equal(parseImage('mcp/github@sha256:abc').pin, 'no-tag');
    assert.equal(parseImage('${IMAGE}').pin, 'variable');
    assert.equal(parseImage('localhost:5000/mcp/github:1.0').repository, 'localhost:5000/mcp/github');
  });
});

describe('runners', () => {
  it('npx flags, -y, the spec and the server args', () => {
    const inv = invocation({ command: 'npx', args: ['-y', '--registry', 'https://r.example', '@modelcontextprotocol/server-filesystem@1.0.0', '/srv/data'] });
    assert.equal(inv.kind, 'npm-runner');
    assert.equal(inv.packages.length, 1);
    assert.equal(inv.packages[0]!.token.index, 3);
    assert.equal(inv.serverName, '@modelcontextprotocol/server-filesystem');
    assert.deepEqual(inv.serverArgs.map((t) => t.value), ['/srv/data']);
  });
  it('npx -p package with a bin name', () => {
    const inv = invocation({ command: 'npx', args: ['--package=mcp-remote@0.1.16', 'mcp-remote', 'https://x.example/mcp'] });
    assert.deepEqual(inv.packages.map((p) => [p.name, p.pin.kind, p.via]), [['mcp-remote', 'exact', 'package-flag']]);
    assert.equal(inv.bridge?.target?.value, 'https://x.example/mcp');
  });
  for (const [command, args, runner] of [
    ['pnpm', ['dlx', 'pkg@1.0.0'], 'pnpm dlx'], ['yarn', ['dlx', 'pkg@1.0.0'], 'yarn dlx'], ['npm', ['exec', '--', 'pkg@1.0.0'], 'npm exec'],
    ['bunx', ['pkg@1.0.0'], 'bunx'], ['bun', ['x', 'pkg@1.0.0'], 'bun x'],
  ] as const) {
    it(`${command} ${args.join(' ')}`, () => {
      const inv = invocation({ command, args: [...args] });
      assert.equal(inv.runner, runner);
      assert.deepEqual(inv.packages.map((p) => [p.name, p.pin.kind]), [['pkg', 'exact']]);
    });
  }
  it('uvx --from git with a tool name, and --with', () => {
    const inv = invocation({ command: 'uvx', args: ['--from', 'git+https://github.com/oraios/serena', '--with', 'mcp==1.9.0', 'serena', 'start-mcp-server'] });
    assert.deepEqual(inv.packages.map((p) => [p.name, p.pin.kind, p.via]), [[undefined, 'unpinned-source', 'from'], ['mcp', 'exact', 'with']]);
    assert.equal(inv.serverName, 'serena');
    assert.deepEqual(inv.serverArgs.map((t) => t.value), ['start-mcp-server']);
  });
  it('uv tool run, pipx run, uv run --with', () => {
    assert.deepEqual(invocation({ command: 'uv', args: ['tool', 'run', 'mcp-server-git==1.0.0'] }).packages.map((p) => p.pin.kind), ['exact']);
    assert.deepEqual(invocation({ command: 'pipx', args: ['run', '--spec', 'mcp-proxy==0.8.0', 'mcp-proxy'] }).packages.map((p) => p.name), ['mcp-proxy']);
    const run = invocation({ command: 'uv', args: ['run', '--with', 'mcp[cli]', 'mcp', 'run', '/srv/server.py'] });
    assert.deepEqual(run.packages.map((p) => [p.name, p.pin.kind]), [['mcp', 'none']]);
    assert.equal(run.serverName, 'mcp');
  });
  it('python -m module', () => {
    const inv = invocation({ command: 'python3', args: ['-m', 'mcp_server_git', '--repository', '/'] });
    assert.equal(inv.serverName, 'mcp-server-git');
    assert.deepEqual(inv.serverArgs.map((t) => t.value), ['--repository', '/']);
  });
});

describe('wrappers', () => {
  it('cmd /c on Windows, with the npx path', () => {
    const inv = invocation({ command: 'cmd', args: ['/c', 'C:\\Program Files\\nodejs\\npx.cmd', '-y', 'pkg'] });
    assert.equal(inv.runner, 'npx');
    assert.equal(inv.packages[0]!.token.index, 3);
  });
  it('sh -c with an inline environment assignment', () => {
    const inv = invocation({ command: 'bash', args: ['-lc', 'NODE_TLS_REJECT_UNAUTHORIZED=0 npx -y "pkg@1.0.0" && echo done'] });
    assert.equal(inv.runner, 'npx');
    assert.deepEqual(inv.env.map((e) => [e.name, e.value, e.token.index]), [['NODE_TLS_REJECT_UNAUTHORIZED', '0', 1]]);
    assert.deepEqual(inv.packages.map((p) => [p.name, p.token.index]), [['pkg', 1]]);
  });
  it('a command with embedded arguments', () => {
    const inv = invocation({ command: 'npx -y mcp-remote@0.1.16 https://x.example/mcp' });
    assert.equal(inv.bridge?.target?.index, -1);
    assert.equal(inv.packages[0]!.pin.kind, 'exact');
  });
  it('env, sudo', () => {
    assert.equal(invocation({ command: 'env', args: ['A=1', 'sudo', '-u', 'mcp', 'uvx', 'x'] }).runner, 'uvx');
  });
});

describe('docker', () => {
  it('options with values are skipped; the image and server args are found', () => {
    const inv = invocation({
      command: 'docker',
      args: ['run', '-i', '--rm', '-e', 'GITHUB_TOKEN', '-v', '/srv:/data:ro', '--network=host', '-itp', '8080:8080', 'ghcr.io/github/github-mcp-server:1.0', 'stdio'],
    });
    assert.equal(inv.kind, 'docker-run');
    assert.equal(inv.docker?.image?.value, 'ghcr.io/github/github-mcp-server:1.0');
    assert.deepEqual(inv.serverArgs.map((t) => t.value), ['stdio']);
    assert.deepEqual(inv.docker?.options.map((o) => [o.name, o.value]), [
      ['--interactive', undefined], ['--rm', undefined], ['--env', 'GITHUB_TOKEN'], ['--volume', '/srv:/data:ro'], ['--network', 'host'],
      ['--interactive', undefined], ['--tty', undefined], ['--publish', '8080:8080'],
    ]);
  });
  it('host mounts: bind, read-only, Windows drive, named volume, --mount', () => {
    const inv = invocation({
      command: 'docker',
      args: ['run', '-v', '/srv:/data:ro', '-v', 'C:\\Users\\me:/home', '-v', 'cache:/cache', '-v', '/anon', '--mount', 'type=bind,src=/var/run/docker.sock,dst=/var/run/docker.sock', '--mount', 'source=vol,target=/v', 'img'],
    });
    assert.deepEqual(hostMounts(inv.docker!).map((m) => [m.source, m.readOnly]), [['/srv', true], ['C:\\Users\\me', false], ['/var/run/docker.sock', false]]);
  });
  it('docker mcp gateway run and the docker/mcp-gateway image', () => {
    const gw = invocation({ command: 'docker', args: ['mcp', 'gateway', 'run', '--verify-signatures=false', '--transport', 'sse', '--allow-unauthenticated'] });
    assert.deepEqual(gw.gateway?.map((f) => [f.name, f.value]), [['verify-signatures', 'false'], ['transport', 'sse'], ['allow-unauthenticated', 'true']]);
    const image = invocation({ command: 'docker', args: ['run', '-i', 'docker/mcp-gateway', '--log-calls=false'] });
    assert.deepEqual(image.gateway?.map((f) => [f.name, f.value]), [['log-calls', 'false']]);
  });
});

describe('bridges', () => {
  it('mcp-remote target, headers, transport and flags', () => {
    const inv = invocation({ command: 'npx', args: ['mcp-remote', 'http://h.example/sse', '--header', 'Authorization: Bearer ${TOKEN}', '--allow-http', '--transport', 'sse-only'] });
    assert.equal(inv.bridge?.tool, 'mcp-remote');
    assert.equal(inv.bridge?.target?.index, 1);
    assert.deepEqual(inv.bridge?.headers.map((h) => h.name), ['Authorization']);
    assert.equal(inv.bridge?.transport?.value, 'sse-only');
    assert.ok(inv.bridge?.flags.some((f) => f.name === '--allow-http'));
  });
  it('mcp-proxy -H KEY VALUE and supergateway --sse', () => {
    assert.deepEqual(invocation({ command: 'uvx', args: ['mcp-proxy', '-H', 'Authorization', 'Bearer ${T}', 'https://h.example/sse'] }).bridge?.headers.map((h) => h.name), ['Authorization']);
    const sg = invocation({ command: 'npx', args: ['-y', 'supergateway', '--sse', 'https://h.example/sse'] });
    assert.equal(sg.bridge?.target?.value, 'https://h.example/sse');
    assert.equal(sg.bridge?.transport?.value, 'sse');
  });
});

describe('paths', () => {
  const cases: Array<[string, string | undefined]> = [
    ['/', 'root'], ['//', 'root'], ['/tmp/..', 'root'], ['C:\\', 'root'], ['c:/', 'root'], ['C:', 'root'],
    ['~', 'home'], ['~/', 'home'], ['$HOME', 'home'], ['${HOME}', 'home'], ['${userHome}', 'home'], ['%USERPROFILE%', 'home'],
    ['/Users/alice', 'home'], ['/home/bob/', 'home'], ['/root', 'home'], ['C:\\Users\\alice', 'home'],
    ['/Users', 'all-homes'], ['C:\\Users', 'all-homes'],
    ['~/.ssh', 'sensitive'], ['/Users/alice/.aws/credentials', 'sensitive'], ['%USERPROFILE%\\.kube', 'sensitive'],
    ['%APPDATA%\\Claude', 'sensitive'], ['/repo/.vscode', 'sensitive'], ['/srv/app/.env', 'sensitive'], ['/etc', 'sensitive'],
    ['/var/run/docker.sock', 'runtime-socket'], ['//var/run/docker.sock', 'runtime-socket'], ['\\\\.\\pipe\\docker_engine', 'runtime-socket'],
    ['/srv/project-docs', undefined], ['/Users/alice/projects/app', undefined], ['./data', undefined], ['${workspaceFolder}', undefined],
    ['/srv/app/.env.example', undefined],
  ];
  for (const [path, kind] of cases) it(path, () => assert.equal(classifyHostPath(path)?.kind, kind));
  it('path lists', () => {
    assert.deepEqual(splitPathList('/a:/b'), ['/a', '/b']);
    assert.deepEqual(splitPathList('C:\\a;D:\\b'), ['C:\\a', 'D:\\b']);
    assert.deepEqual(splitPathList('C:/a:/srv'), ['C:/a', '/srv']);
    assert.deepEqual(splitPathList('/srv:${HOME}:${DATA:-/data}'), ['/srv', '${HOME}', '${DATA:-/data}']);
  });
});

describe('urls', () => {
  it('parses, strips userinfo and query for display, keeps interpolated hosts apart', () => {
    const url = parseUrl('http://user:[REDACTED]@mcp.example.com:8080/mcp?token=abc#x')!;
    assert.equal(url.host, 'mcp.example.com');
    assert.equal(url.display, 'http://mcp.example.com:8080/mcp');
    assert.equal(url.hasUserinfo, true);
    assert.equal(parseUrl('https://${HOST}/mcp')!.hostIsVariable, true);
    assert.equal(parseUrl('https://{host}/mcp')!.hostIsVariable, true);
    assert.equal(parseUrl('http://[::1]:3000/mcp')!.host, '::1');
    assert.equal(safeText('git+https://u:p@github.com/o/r?x=1'), 'git+https://github.com/o/r');
  });
  it('loopback hosts', () => {
    for (const host of ['localhost', 'api.localhost', '127.0.0.1', '127.1.2.3', '::1', '0:0:0:0:0:0:0:1']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['0.0.0.0', '10.0.0.1', 'localhost.example.com', 'host.docker.internal']) assert.ok(!isLoopbackHost(host), host);
  });
  it('shell words', () => {
    assert.deepEqual(splitShellWords(`a "b c" 'd e' f\\ g; h`), ['a', 'b c', 'd e', 'f g']);
  });
});
