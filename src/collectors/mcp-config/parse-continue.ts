/**
 * Continue: `config.yaml` (`mcpServers:` as a YAML list of `{name, type, command, args, env, cwd,
 * url, requestOptions.headers}`), block files `.continue/mcpServers/*.yaml` (the same list under a
 * `name`/`version`/`schema` header; JSON files there are copies of other clients' `mcpServers`
 * objects), hub references (`- uses: owner/block` with `with:` inputs, scanned for secrets) and the
 * older `config.json` `experimental.modelContextProtocolServers[].transport`.
 * `${{ secrets.X }}` / `${{ inputs.X }}` are Continue's interpolation. Reference: mcp-formats §2.2.
 */
import type { McpServer } from './model.js';
import { buildServer, collectExtraValues, emptyRaw, isObject, pointerOf, readCommonFields } from './normalize.js';
import { parseMcpServersFile } from './parse-mcp-servers.js';
import { describeType, emptyConfig, type ParseInput, type ParseResult } from './parse-result.js';
import type { DocPath } from './source-doc.js';

/** `config.yaml` / `config.json` in `.continue/`: without MCP servers the file is about models only. */
export function parseContinueConfig(input: ParseInput): ParseResult {
  const root = input.doc.value;
  if (!isObject(root)) return { ok: false, code: 'unknown-shape', reason: `the document is ${describeType(root)}, not a Continue configuration` };
  const legacy = isObject(root.experimental) ? root.experimental.modelContextProtocolServers : undefined;
  if (root.mcpServers === undefined && legacy === undefined) {
    return { ok: false, code: 'no-mcp-content', reason: 'Continue configuration without "mcpServers"' };
  }
  return readContinue(input, root);
}

/** `.continue/mcpServers/*`: a block (YAML list) or a copied `mcpServers` object (JSON). */
export function parseContinueBlock(input: ParseInput): ParseResult {
  const root = input.doc.value;
  if (isObject(root) && isObject(root.mcpServers)) return parseMcpServersFile(input);
  if (!isObject(root)) return { ok: false, code: 'unknown-shape', reason: `the document is ${describeType(root)}, not a Continue MCP block` };
  if (!Array.isArray(root.mcpServers)) return { ok: false, code: 'unknown-shape', reason: 'no "mcpServers" list', at: input.doc.positionOf(['mcpServers']) };
  return readContinue(input, root);
}

function readContinue(input: ParseInput, root: Record<string, unknown>): ParseResult {
  const { doc } = input;
  const file = emptyConfig(input);
  if (root.mcpServers !== undefined) {
    if (!Array.isArray(root.mcpServers)) {
      return { ok: false, code: 'unknown-shape', reason: `"mcpServers" is ${describeType(root.mcpServers)}, Continue expects a list`, at: doc.positionOf(['mcpServers']) };
    }
    file.servers.push(...readList(input, ['mcpServers'], root.mcpServers));
  }
  const legacy = isObject(root.experimental) ? root.experimental.modelContextProtocolServers : undefined;
  if (Array.isArray(legacy)) file.servers.push(...readList(input, ['experimental', 'modelContextProtocolServers'], legacy));
  return { ok: true, file };
}

/** List items (legacy ones nest everything under `transport`, which readCommonFields reads too). */
function readList(input: ParseInput, base: DocPath, list: unknown[]): McpServer[] {
  const { doc } = input;
  const servers: McpServer[] = [];
  list.forEach((item, i) => {
    if (!isObject(item)) return;
    const path = [...base, i];
    const name = typeof item.name === 'string' ? item.name : typeof item.uses === 'string' ? item.uses : `${base.join('.')}[${i}]`;
    const raw = emptyRaw({
      name, client: 'continue', scope: input.scope, pointer: pointerOf(path),
      at: doc.positionOf(path) ?? { line: 1, column: 1 },
    });
    readCommonFields(doc, path, item, raw);
    if (item.with !== undefined) collectExtraValues(doc, [...path, 'with'], item.with, 'with', raw);
    servers.push(buildServer(raw));
  });
  return servers;
}
