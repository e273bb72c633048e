/**
 * Zed `settings.json` (user `~/.config/zed/settings.json`, project `.zed/settings.json`), JSONC:
 * `context_servers` entries in the current shape `{command, args, env}` / `{url, headers}`, the
 * older shape `{"command": {"path", "args", "env"}, "settings": {}}`, `"source": "custom"`, and
 * extension-provided servers (`"source": "extension"`, only `settings`), whose settings are
 * scanned for secrets. `"enabled": false` disables an entry. Reference: zed.dev/docs/ai/mcp.
 */
import { buildServer, collectExtraValues, emptyRaw, isObject, pointerOf, readCommonFields } from './normalize.js';
import { isServerEntry } from './parse-mcp-servers.js';
import { describeType, emptyConfig, type ParseInput, type ParseResult } from './parse-result.js';

export function parseZedSettings(input: ParseInput): ParseResult {
  const { doc } = input;
  const root = doc.value;
  if (!isObject(root)) return { ok: false, code: 'unknown-shape', reason: `the document is ${describeType(root)}, not a Zed settings object` };
  if (root.context_servers === undefined) return { ok: false, code: 'no-mcp-content', reason: 'Zed settings without "context_servers"' };
  if (!isObject(root.context_servers)) {
    return { ok: false, code: 'unknown-shape', reason: `"context_servers" is ${describeType(root.context_servers)}, not an object of servers`, at: doc.positionOf(['context_servers']) };
  }
  const file = emptyConfig(input);
  for (const [name, entry] of Object.entries(root.context_servers)) {
    if (!isServerEntry(name, entry)) continue;
    const path = ['context_servers', name];
    const raw = emptyRaw({
      name, client: 'zed', scope: input.scope, pointer: pointerOf(path),
      at: doc.positionOf(path, 'key') ?? { line: 1, column: 1 },
    });
    readCommonFields(doc, path, entry, raw);
    if (entry.settings !== undefined) collectExtraValues(doc, [...path, 'settings'], entry.settings, 'settings', raw);
    file.servers.push(buildServer(raw));
  }
  return { ok: true, file };
}
