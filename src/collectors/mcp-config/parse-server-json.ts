/**
 * MCP registry `server.json` (reference/mcp-formats.md §2.3), both the 2025-07-09 snake_case files
 * (`registry_name`/`registry_type`, package `name`/`identifier`, `runtime_hint`,
 * `environment_variables`, `is_secret`, `remotes[].transport_type`) and the current camelCase ones
 * (`registryType`, `identifier`, `runtimeHint`, `transport`, `environmentVariables`, `isSecret`),
 * plus the registry API wrapper `{server: {...}}`. Each package and each remote becomes a server:
 * a package as the command a client would run (`npx id@version`, `uvx id==version`,
 * `docker run -i --rm image`, `dnx id@version`), a remote as its URL and headers. An input marked
 * secret that carries a literal value or default is an inline credential.
 */
import type { SourcePosition } from '../../lib/source-position.js';
import type { McpServer } from './model.js';
import { buildServer, emptyRaw, isObject, pointerOf, scalarText, type Located, type RawServer } from './normalize.js';
import { emptyConfig, type ParseInput, type ParseResult } from './parse-result.js';
import type { DocPath, SourceDoc } from './source-doc.js';

/** True when a parsed document has the registry shape (so a web server's `server.json` is left alone). */
export function isRegistryServerJson(value: unknown): boolean {
  const server = isObject(value) && isObject(value.server) ? value.server : value;
  if (!isObject(server)) return false;
  if (typeof server.$schema === 'string' && /modelcontextprotocol/i.test(server.$schema)) return true;
  return typeof server.name === 'string' && (Array.isArray(server.packages) || Array.isArray(server.remotes))
    && (server.version !== undefined || server.version_detail !== undefined || typeof server.description === 'string');
}

export function parseServerJson(input: ParseInput): ParseResult {
  const { doc } = input;
  const wrapped = isObject(doc.value) && isObject(doc.value.server);
  const base: DocPath = wrapped ? ['server'] : [];
  const root = wrapped ? (doc.value as Record<string, unknown>).server : doc.value;
  if (!isRegistryServerJson(root) || !isObject(root)) {
    return { ok: false, code: 'unknown-shape', reason: 'not an MCP registry server.json (no name with packages or remotes)' };
  }
  const file = emptyConfig(input);
  const name = typeof root.name === 'string' ? root.name : 'server.json';
  const packages = Array.isArray(root.packages) ? root.packages : [];
  packages.forEach((pkg, i) => {
    if (isObject(pkg)) file.servers.push(readPackage(doc, [...base, 'packages', i], pkg, name));
  });
  const remotes = Array.isArray(root.remotes) ? root.remotes : [];
  remotes.forEach((remote, i) => {
    if (isObject(remote)) file.servers.push(readRemote(doc, [...base, 'remotes', i], remote, name));
  });
  return { ok: true, file };
}

/** The first of several spellings that is present: its key and value. */
function pick(obj: Record<string, unknown>, ...keys: string[]): { key: string; value: unknown } | undefined {
  for (const key of keys) if (obj[key] !== undefined) return { key, value: obj[key] };
  return undefined;
}

const DEFAULT_RUNNER: Record<string, string> = { npm: 'npx', pypi: 'uvx', oci: 'docker', docker: 'docker', nuget: 'dnx' };

function readPackage(doc: SourceDoc, path: DocPath, pkg: Record<string, unknown>, name: string): McpServer {
  const at = (...rest: Array<string | number>) => doc.positionOf([...path, ...rest]);
  const raw = emptyRaw({ name, client: 'server.json', scope: 'registry', pointer: pointerOf(path), at: at() ?? { line: 1, column: 1 } });
  const registry = pick(pkg, 'registryType', 'registry_type', 'registry_name');
  const registryType = typeof registry?.value === 'string' ? registry.value.toLowerCase() : '';
  const identifier = pick(pkg, 'identifier', 'name');
  const id = typeof identifier?.value === 'string' ? identifier.value : '';
  const version = typeof pkg.version === 'string' ? pkg.version : undefined;
  const hint = pick(pkg, 'runtimeHint', 'runtime_hint');
  const runner = typeof hint?.value === 'string' ? hint.value : DEFAULT_RUNNER[registryType];
  const commandAt = hint ? at(hint.key) : registry ? at(registry.key) : undefined;
  const idAt = identifier ? at(identifier.key) : undefined;

  const runtimeArgs = readArguments(doc, path, pkg, ['runtimeArguments', 'runtime_arguments']);
  const packageArgs = readArguments(doc, path, pkg, ['packageArguments', 'package_arguments']);
  if (runner) {
    raw.command = { value: runner, at: commandAt };
    const spec = packageSpec(registryType, id, version);
    if (runner === 'docker') {
      raw.args.push(...['run', '-i', '--rm'].map((value) => ({ value, at: commandAt })), ...runtimeArgs, { value: spec, at: idAt }, ...packageArgs);
    } else {
      raw.args.push(...runtimeArgs, { value: spec, at: idAt });
      if (runner === 'dnx' && packageArgs.length > 0) raw.args.push({ value: '--', at: idAt });
      raw.args.push(...packageArgs);
    }
    raw.args.forEach((arg, i) => { if ((arg as Argument).secret) (raw.declaredSecrets ??= []).push(`args/${i}`); });
  }

  const transport = isObject(pkg.transport) ? pkg.transport : undefined;
  const transportType = transport && typeof transport.type === 'string' ? transport.type : undefined;
  raw.type = transportType ? { value: transportType, at: at('transport', 'type') } : { value: 'stdio', at: undefined };
  if (transport && typeof transport.url === 'string') raw.url = { value: transport.url, at: at('transport', 'url') };
  if (transport) readInputs(doc, [...path, 'transport', 'headers'], transport.headers, 'headers', raw, raw.headers);

  const env = pick(pkg, 'environmentVariables', 'environment_variables');
  if (env) readInputs(doc, [...path, env.key], env.value, 'env', raw, raw.env);
  return buildServer(raw);
}

function readRemote(doc: SourceDoc, path: DocPath, remote: Record<string, unknown>, name: string): McpServer {
  const at = (...rest: Array<string | number>) => doc.positionOf([...path, ...rest]);
  const raw = emptyRaw({ name, client: 'server.json', scope: 'registry', pointer: pointerOf(path), at: at() ?? { line: 1, column: 1 } });
  const type = pick(remote, 'type', 'transport_type');
  if (typeof type?.value === 'string') raw.type = { value: type.value, at: at(type.key) };
  if (typeof remote.url === 'string') { raw.url = { value: remote.url, at: at('url') }; raw.urlKey = 'url'; }
  readInputs(doc, [...path, 'headers'], remote.headers, 'headers', raw, raw.headers);
  return buildServer(raw);
}

/** `npm` id@version, `pypi` id==version, OCI image[:tag], otherwise id@version. */
function packageSpec(registryType: string, id: string, version: string | undefined): string {
  if (!version) return id;
  if (registryType === 'pypi') return `${id}==${version}`;
  if (registryType === 'oci' || registryType === 'docker') {
    const last = id.slice(id.lastIndexOf('/') + 1);
    return last.includes(':') || last.includes('@') ? id : `${id}:${version}`;
  }
  if (registryType === 'mcpb') return id;
  return `${id}@${version}`;
}

/** An argument as the client would pass it; `secret` when the input is marked secret and holds a literal. */
type Argument = Located<string> & { secret?: boolean };

/** Positional arguments give their value (or default); named ones their name then their value. */
function readArguments(doc: SourceDoc, path: DocPath, pkg: Record<string, unknown>, keys: string[]): Argument[] {
  const found = pick(pkg, ...keys);
  if (!found || !Array.isArray(found.value)) return [];
  const out: Argument[] = [];
  found.value.forEach((arg, i) => {
    if (!isObject(arg)) return;
    const argPath = [...path, found.key, i];
    const valueKey = arg.value !== undefined ? 'value' : arg.default !== undefined ? 'default' : undefined;
    const value = valueKey ? scalarText(arg[valueKey]) : undefined;
    const valueAt = valueKey ? doc.positionOf([...argPath, valueKey]) : undefined;
    if (arg.type === 'named' && typeof arg.name === 'string') {
      out.push({ value: arg.name, at: doc.positionOf([...argPath, 'name']) });
      if (value !== undefined) out.push({ value, at: valueAt });
    } else if (value !== undefined) out.push({ value, at: valueAt });
    if (isSecretInput(arg) && value !== undefined) out[out.length - 1]!.secret = true;
  });
  return out;
}

/** KeyValueInput lists (environment variables, headers): value, else default, else empty (asked at install). */
function readInputs(doc: SourceDoc, path: DocPath, list: unknown, field: 'env' | 'headers', raw: RawServer, into: Array<{ key: string; value: Located<string> }>): void {
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    if (!isObject(item) || typeof item.name !== 'string') return;
    const valueKey = item.value !== undefined ? 'value' : item.default !== undefined ? 'default' : undefined;
    const value = (valueKey ? scalarText(item[valueKey]) : undefined) ?? '';
    const at: SourcePosition | undefined = valueKey ? doc.positionOf([...path, i, valueKey]) : doc.positionOf([...path, i]);
    into.push({ key: item.name, value: { value, at } });
    if (isSecretInput(item) && value !== '') (raw.declaredSecrets ??= []).push(`${field}/${item.name}`);
  });
}

function isSecretInput(item: Record<string, unknown>): boolean {
  return item.isSecret === true || item.is_secret === true;
}
