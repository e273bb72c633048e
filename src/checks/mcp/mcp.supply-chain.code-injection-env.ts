/**
 * mcp.supply-chain.code-injection-env (MCP-SC-06): a server's environment does not load code beside
 * the package that was approved. Runtimes read these variables before the server's own code runs, so
 * a value planted in a shared configuration runs with the server's credentials and tools:
 *   NODE_OPTIONS with --require/-r, --import, --loader/--experimental-loader; JAVA_TOOL_OPTIONS,
 *   _JAVA_OPTIONS and JDK_JAVA_OPTIONS with -javaagent, -agentpath or -agentlib; PERL5OPT with -M/-m;
 *   RUBYOPT with -r: high, where the flag is written in the value (a value that is only a variable
 *   reference is not judged);
 *   LD_PRELOAD, LD_AUDIT, DYLD_INSERT_LIBRARIES, PYTHONSTARTUP and BASH_ENV set at all: high, whatever
 *   the value, since naming a library or script to load is all they do.
 */
import type { Check } from '../types.js';
import { envSettings } from './command-line.js';
import { envKey } from './locate.js';
import { eachConfig } from './results.js';

/** Variables whose only purpose is to load code: set and non-empty is the finding. */
const LOADERS: Record<string, string> = {
  LD_PRELOAD: 'preloads a shared library into the server process',
  LD_AUDIT: 'loads an audit library into the server process',
  DYLD_INSERT_LIBRARIES: 'inserts a dynamic library into the server process',
  PYTHONSTARTUP: 'runs a Python file when an interactive interpreter starts',
  BASH_ENV: 'runs a script before every non-interactive bash the server starts',
};

/** Options variables that load code only with some flags: the flag in a literal value is the finding. */
const OPTIONS: Array<{ names: RegExp; flag: RegExp; effect: string }> = [
  { names: /^NODE_OPTIONS$/, flag: /(?:^|\s)(--require|-r|--import|--loader|--experimental-loader)(?:[=\s]|$)/, effect: 'loads a module into Node.js before the server\'s own code' },
  { names: /^(JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS)$/, flag: /(?:^|\s)(-javaagent|-agentpath|-agentlib)[:=]/, effect: 'attaches an agent to the Java virtual machine' },
  { names: /^PERL5OPT$/, flag: /(?:^|\s)(-[Mm])/, effect: 'loads a Perl module before the script' },
  { names: /^RUBYOPT$/, flag: /(?:^|\s)(-r)/, effect: 'requires a Ruby library before the script' },
];

export const check: Check = {
  meta: {
    id: 'mcp.supply-chain.code-injection-env',
    title: 'MCP server environments load no code beside the approved package',
    severity: 'high',
    evidence: ['mcp-config'],
    messages: {
      loaderVariable: 'Server "{{server}}"{{state}} in the {{client}} configuration sets {{setting}}, which {{effect}}: that code runs with the server\'s credentials and tools, outside the package that was pinned and reviewed.',
      loaderFlag: 'Server "{{server}}"{{state}} in the {{client}} configuration sets {{setting}} with {{flag}}, which {{effect}}: that code runs with the server\'s credentials and tools, outside the package that was pinned and reviewed.',
      noInjection: 'Server "{{server}}"{{state}} in the {{client}} configuration sets no environment variable that loads code into it.',
      noServers: 'The {{client}} configuration {{path}} declares no servers.',
    },
    remediation: 'Remove the variable from the server\'s environment (env, -e/--env of docker run, or an inline VAR=value before the command). If the server really needs an instrumentation agent or preload, build it into a reviewed, pinned package or image and record the decision as an exception with its approver.',
  },
  run(context) {
    return eachConfig(context, (results) => {
      for (const server of results.file.servers) {
        results.evaluate(server);
        for (const setting of envSettings(server)) {
          const at = { field: setting.field, key: envKey(server, setting), severity: 'high' as const };
          const loader = LOADERS[setting.name];
          if (loader !== undefined && setting.value.trim() !== '') {
            results.fail(server, { ...at, messageId: 'loaderVariable', data: { setting: setting.name, effect: loader } });
            continue;
          }
          const options = OPTIONS.find((o) => o.names.test(setting.name));
          const flag = options?.flag.exec(setting.value)?.[1];
          if (options && flag) results.fail(server, { ...at, messageId: 'loaderFlag', data: { setting: setting.name, flag, effect: options.effect } });
        }
      }
      return results.finish('noInjection', 'noServers');
    });
  },
};
