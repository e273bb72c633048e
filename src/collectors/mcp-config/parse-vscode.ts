/**
 * VS Code (GitHub Copilot agent mode): `.vscode/mcp.json` and the user-profile `mcp.json` hold
 * `servers` and `inputs` (JSONC); the legacy form is an `"mcp": {"servers", "inputs"}` key in
 * `settings.json`. Entries: `type` (stdio | http | sse), `command`, `args`, `env`, `envFile`, `cwd`,
 * `url`, `headers`. Inputs (`{type: "promptString", id, password: true}`) are how secrets should
 * arrive (`${input:id}`). Reference: code.visualstudio.com MCP configuration reference, mcp-formats §2.2.
 *
 * `settings.json` may also switch tool approval off for every tool, MCP tools included
 * (microsoft/vscode-docs docs/agents/run/approvals.md): `chat.tools.global.autoApprove` (older
 * name `chat.tools.autoApprove`) set to true, and `chat.permissions.default`, the permission level
 * of new sessions (`autoApprove` is "Allow all"). They are recorded in `settings.approval` for
 * mcp.oversight.approval-bypass, with or without an `mcp` key.
 */
import { approvalSettingsAt, isObject } from './normalize.js';
import { readServersObject } from './parse-mcp-servers.js';
import { describeType, emptyConfig, type ParseInput, type ParseResult } from './parse-result.js';
import type { DocPath } from './source-doc.js';

/** `mcp.json` with a top-level `servers` object. */
export function parseVscodeMcpFile(input: ParseInput): ParseResult {
  const root = input.doc.value;
  if (!isObject(root)) return { ok: false, code: 'unknown-shape', reason: `the document is ${describeType(root)}, not an object with "servers"` };
  if (!isObject(root.servers)) {
    const hint = isObject(root.mcpServers) ? ' (it has "mcpServers", which VS Code does not read in this file)' : '';
    return { ok: false, code: 'unknown-shape', reason: `no "servers" object${hint}`, at: input.doc.positionOf(['servers']) };
  }
  return { ok: true, file: readVscodeBlock(input, [], root) };
}

/** `settings.json` with the legacy `mcp` key; without it the file is not about MCP. */
export function parseVscodeSettings(input: ParseInput): ParseResult {
  const root = input.doc.value;
  if (!isObject(root)) return { ok: false, code: 'unknown-shape', reason: `the document is ${describeType(root)}, not a VS Code settings object` };
  const approval = approvalSettingsAt(input.doc, root, APPROVAL_PATHS);
  if (root.mcp === undefined && approval.length === 0) return { ok: false, code: 'no-mcp-content', reason: 'VS Code settings without an "mcp" key or tool approval settings' };
  if (root.mcp !== undefined && !isObject(root.mcp)) return { ok: false, code: 'unknown-shape', reason: `"mcp" is ${describeType(root.mcp)}, not an object`, at: input.doc.positionOf(['mcp']) };
  const file = isObject(root.mcp) ? readVscodeBlock(input, ['mcp'], root.mcp) : emptyConfig(input);
  if (approval.length > 0) file.settings.approval = approval;
  return { ok: true, file };
}

const APPROVAL_PATHS = [['chat.tools.global.autoApprove'], ['chat.tools.autoApprove'], ['chat.permissions.default']];

function readVscodeBlock(input: ParseInput, base: DocPath, block: Record<string, unknown>) {
  const { doc } = input;
  const file = emptyConfig(input);
  if (isObject(block.servers)) {
    file.servers = readServersObject(doc, [...base, 'servers'], block.servers, { client: input.client, scope: input.scope });
  }
  if (Array.isArray(block.inputs)) {
    const inputs: Array<{ id: string; password: boolean }> = [];
    block.inputs.forEach((item, i) => {
      if (!isObject(item) || typeof item.id !== 'string') return;
      inputs.push({ id: item.id, password: item.password === true });
      const at = doc.positionOf([...base, 'inputs', i]);
      if (at) file.positions[`settings/inputs/${inputs.length - 1}`] = at;
    });
    file.settings.inputs = inputs;
    const at = doc.positionOf([...base, 'inputs']);
    if (at) file.positions['settings/inputs'] = at;
  }
  return file;
}
