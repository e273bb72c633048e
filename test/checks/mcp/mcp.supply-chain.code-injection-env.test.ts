import { check } from '../../../src/checks/mcp/mcp.supply-chain.code-injection-env.js';
import { checkTable } from '../../helpers/run-check.js';

checkTable(check, {
  valid: [
    { name: 'an ordinary environment', config: { servers: [{ name: 'fs', command: 'npx', args: ['pkg@1.0.0'], env: { NODE_OPTIONS: '--max-old-space-size=4096', LOG_LEVEL: 'debug' } }] }, passes: ['noInjection'] },
    { name: 'a Java heap option is not an agent', config: { servers: [{ name: 'j', command: 'java', args: ['-jar', 'srv.jar'], env: { JAVA_TOOL_OPTIONS: '-Xmx512m -Dfile.encoding=UTF-8' } }] } },
    { name: 'a variable reference alone is not judged', config: { servers: [{ name: 'n', command: 'node', args: ['srv.js'], env: { NODE_OPTIONS: '${NODE_OPTIONS}' } }] } },
    { name: 'an empty loader variable loads nothing', config: { servers: [{ name: 'n', command: 'node', args: ['srv.js'], env: { LD_PRELOAD: '' } }] } },
    { name: 'no servers', config: { servers: [] }, empty: ['noServers'] },
  ],
  invalid: [
    {
      name: 'NODE_OPTIONS --require in env',
      config: { servers: [{ name: 'api', command: 'npx', args: ['pkg@1.0.0'], env: { NODE_OPTIONS: '--require /tmp/hook.js' } }] },
      errors: [{
        messageId: 'loaderFlag', severity: 'high', line: 9, column: 25, key: '/mcpServers/api/env/NODE_OPTIONS', data: { setting: 'NODE_OPTIONS', flag: '--require' },
        message: 'Server "api" in the Cursor configuration sets NODE_OPTIONS with --require, which loads a module into Node.js before the server\'s own code: that code runs with the server\'s credentials and tools, outside the package that was pinned and reviewed.',
      }],
    },
    {
      name: 'NODE_OPTIONS --import= and a Java agent',
      config: { servers: [
        { name: 'n', command: 'node', args: ['srv.js'], env: { NODE_OPTIONS: '--trace-warnings --import=./x.mjs' } },
        { name: 'j', command: 'java', args: ['-jar', 'srv.jar'], env: { JAVA_TOOL_OPTIONS: '-javaagent:/opt/a.jar' } },
      ] },
      errors: [
        { messageId: 'loaderFlag', severity: 'high', line: 9, column: 25, key: '/mcpServers/n/env/NODE_OPTIONS', data: { flag: '--import' } },
        { messageId: 'loaderFlag', severity: 'high', line: 19, column: 30, key: '/mcpServers/j/env/JAVA_TOOL_OPTIONS', data: { flag: '-javaagent' } },
      ],
    },
    {
      name: 'LD_PRELOAD, whatever its value, and DYLD_INSERT_LIBRARIES',
      config: { servers: [{ name: 'c', command: 'uvx', args: ['srv==1.0'], env: { LD_PRELOAD: '${HOOK}', DYLD_INSERT_LIBRARIES: '/usr/local/lib/x.dylib' } }] },
      errors: [
        {
          messageId: 'loaderVariable', severity: 'high', line: 9, column: 23, key: '/mcpServers/c/env/LD_PRELOAD', data: { setting: 'LD_PRELOAD' },
          message: 'Server "c" in the Cursor configuration sets LD_PRELOAD, which preloads a shared library into the server process: that code runs with the server\'s credentials and tools, outside the package that was pinned and reviewed.',
        },
        { messageId: 'loaderVariable', severity: 'high', line: 10, column: 34, key: '/mcpServers/c/env/DYLD_INSERT_LIBRARIES', data: { setting: 'DYLD_INSERT_LIBRARIES' } },
      ],
    },
    {
      name: 'passed to docker run with -e',
      config: { servers: [{ name: 'd', command: 'docker', args: ['run', '-i', '--rm', '-e', 'LD_PRELOAD=/x.so', 'img@sha256:' + 'a'.repeat(64)] }] },
      errors: [{ messageId: 'loaderVariable', severity: 'high', line: 10, column: 9, key: '/mcpServers/d/args[env LD_PRELOAD]', data: { setting: 'LD_PRELOAD' } }],
    },
  ],
});
