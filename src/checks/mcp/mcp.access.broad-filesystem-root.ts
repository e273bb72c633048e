/**
 * mcp.access.broad-filesystem-root (MCP-AC-01, mcp-formats §3.6 PRIV-001/002): filesystem-capable
 * servers are scoped to the directories the task needs. Looks at the allowed directories of
 * filesystem servers (@modelcontextprotocol/server-filesystem and other *filesystem* packages,
 * modules and scripts), mcp-server-git --repository, directory flags of any server (--root,
 * --allowed-dir, --workspace, ...), directory variables of filesystem servers
 * (ALLOWED_DIRECTORIES, ...), and container bind-mount sources (-v, --mount type=bind).
 *
 * The filesystem root (/, C:\) and credential stores or agent configuration directories (~/.ssh,
 * ~/.aws, ~/.cursor, ~/.claude, .vscode, .env, /etc, ...) are critical; a whole home directory, or
 * the folder of all home directories, is high. Read-only mounts are still reported (read access to
 * ~/.ssh is the exposure).
 */
import type { McpServer } from '../../collectors/mcp-config/model.js';
import type { Check } from '../types.js';
import { hostMounts, parseInvocation, tokenField, type ArgToken } from './command-line.js';
import { argKey, fieldKey } from './locate.js';
import { classifyHostPath, splitPathList } from './paths.js';
import { eachConfig, type FileResults } from './results.js';
import { isRedacted, looseName } from './values.js';

const FILESYSTEM_SERVER = /filesystem/i;
const GIT_SERVER = /(^|[/\\])(mcp[-_]server[-_]git|server-git|git-mcp-server|mcp-git)(\.py|\.js)?$/i;
const DIRECTORY_FLAG = /^(alloweddirs?|alloweddirector(y|ies)|allowedpaths?|allowedroots?|allowdirs?|roots?|rootdir|rootpath|basedir|basepath|workspace|workspacedir|workspaceroot|projectdir|projectroot|repository|repo|dir|directory|directories|fsroot|mountpath|sandboxroot)$/;
const DIRECTORY_ENV = /^(MCP_)?(ALLOWED_?(DIRS?|DIRECTOR(Y|IES)|PATHS?|ROOTS?)|ROOT_?(DIR|PATH)|BASE_?(DIR|PATH)|WORKSPACE(_DIR|_ROOT)?|FS_ROOT|PROJECT_(DIR|ROOT)|FILESYSTEM_ROOTS?)$/i;

/** Host paths, as opposed to `owner/repo` names or URLs given to the same flags. */
const PATH_LIKE = /^([\\/~.%]|\$(HOME|\{HOME\}|\{env:|\{userHome\}|\{workspaceFolder\}|env:)|[A-Za-z]:([\\/]|$))/;

interface Exposure { path: string; source: string; field: string; key: string }

function report(results: FileResults, server: McpServer, exposure: Exposure): void {
  if (isRedacted(exposure.path)) return;
  const found = classifyHostPath(exposure.path);
  if (!found || found.kind === 'runtime-socket') return;
  const data = { path: exposure.path, source: exposure.source };
  const at = { field: exposure.field, key: exposure.key };
  if (found.kind === 'root') results.fail(server, { ...at, messageId: 'filesystemRoot', severity: 'critical', data });
  else if (found.kind === 'sensitive') results.fail(server, { ...at, messageId: 'sensitivePath', severity: 'critical', data: { ...data, what: found.what } });
  else if (found.kind === 'home') results.fail(server, { ...at, messageId: 'homeDirectory', severity: 'high', data });
  else results.fail(server, { ...at, messageId: 'allHomeDirectories', severity: 'high', data });
}

export const check: Check = {
  meta: {
    id: 'mcp.access.broad-filesystem-root',
    title: 'Filesystem MCP servers are scoped to the directories the task needs',
    severity: 'high',
    evidence: ['mcp-config'],
    messages: {
      filesystemRoot: 'Server "{{server}}"{{state}} in the {{client}} configuration gives {{source}} the whole filesystem ({{path}}), including every credential store and the agent\'s own configuration.',
      homeDirectory: 'Server "{{server}}"{{state}} in the {{client}} configuration gives {{source}} a whole home directory ({{path}}), including SSH keys, cloud credentials and the agent\'s own MCP configuration.',
      allHomeDirectories: 'Server "{{server}}"{{state}} in the {{client}} configuration gives {{source}} every user\'s home directory ({{path}}).',
      sensitivePath: 'Server "{{server}}"{{state}} in the {{client}} configuration gives {{source}} {{path}}, which holds {{what}}; the agent could read secrets or rewrite its own MCP configuration.',
      scoped: 'Server "{{server}}"{{state}} in the {{client}} configuration is limited to specific directories; none is the filesystem root, a home directory, a credential store or an agent configuration directory.',
      noFilesystemServers: 'The {{client}} configuration {{path}} declares no filesystem, git or container server with host paths.',
    },
    remediation: 'Replace broad paths with the project or data directories the task needs (e.g. npx -y @modelcontextprotocol/server-filesystem@<version> /srv/project-docs), mount container volumes read-only (-v /srv/data:/data:ro), and keep ~/.ssh, ~/.aws, .env files and agent configuration directories (~/.cursor, ~/.claude, .vscode) out of every allowed path.',
  },
  run(context) {
    return eachConfig(context, (results) => {
      for (const server of results.file.servers) {
        const invocation = parseInvocation(server);
        const exposures: Exposure[] = [];
        const add = (token: ArgToken, path: string, source: string) =>
          exposures.push({ path, source, field: tokenField(token), key: argKey(server, path) });

        if (invocation.kind === 'docker-run' && invocation.docker) {
          for (const mount of hostMounts(invocation.docker)) {
            add(mount.option.valueToken ?? mount.option.flag, mount.source, mount.readOnly ? 'its container (read-only bind mount)' : 'its container (bind mount)');
          }
        } else if (invocation.kind !== 'docker-gateway' && invocation.kind !== 'none') {
          const name = invocation.serverName ?? '';
          const isFilesystem = FILESYSTEM_SERVER.test(name);
          const isGit = GIT_SERVER.test(name);
          const args = invocation.serverArgs;
          let scoped = isFilesystem || isGit;
          for (let i = 0; i < args.length; i++) {
            const token = args[i]!;
            const v = token.value;
            if (v.startsWith('-')) {
              const eq = v.indexOf('=');
              const flag = eq < 0 ? v : v.slice(0, eq);
              const loose = looseName(flag);
              if (!DIRECTORY_FLAG.test(loose) && !(isGit && (flag === '-r' || loose === 'repository'))) continue;
              const valueToken = eq < 0 ? args[i + 1] : token;
              const value = eq < 0 ? valueToken?.value : v.slice(eq + 1);
              if (eq < 0) i++;
              if (!valueToken || value === undefined || !PATH_LIKE.test(value.trim())) continue;
              scoped = true;
              add(valueToken, value, `the server (${flag})`);
              continue;
            }
            if (isFilesystem) add(token, v, 'the filesystem server');
          }
          if (isFilesystem) {
            for (const [name, value] of Object.entries(server.env)) {
              if (!DIRECTORY_ENV.test(name)) continue;
              scoped = true;
              for (const path of splitPathList(value)) exposures.push({ path, source: `the filesystem server (${name})`, field: `env/${name}`, key: `${fieldKey(server, `env/${name}`)}[${path}]` });
            }
          }
          if (!scoped) continue;
        } else continue;

        if (exposures.length === 0 && invocation.kind === 'docker-run') continue;
        results.evaluate(server);
        for (const exposure of exposures) report(results, server, exposure);
      }
      return results.finish('scoped', 'noFilesystemServers');
    });
  },
};
