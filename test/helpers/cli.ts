/** Running the built CLI (dist/; `npm test` builds first) the way the end-to-end tests do. */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';

export const BIN = path.join(PACKAGE_ROOT, 'dist', 'cli', 'index.js');

/**
 * The command prefix under which file permissions bind: nothing for a user; for root, `setpriv` without
 * the two capabilities that override them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH). Root still owns, and
 * so reads, the checkout wherever it lies, which a switch to nobody would not (a checkout under /root).
 */
export const WHERE_PERMISSIONS_BIND: string[] = process.getuid?.() === 0 ? ['setpriv', '--bounding-set', '-dac_override,-dac_read_search'] : [];

/** A fixed clock (SOURCE_DATE_EPOCH) and no colour, from the package root unless told otherwise. */
export const CLI_ENV = { NO_COLOR: '1', SOURCE_DATE_EPOCH: '1795392000' };

/**
 * `timeout` (ms) kills a CLI that would hang (a test of a FIFO must fail, not wait forever): then
 * `signal` is set and `code` is null.
 */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8', cwd: options.cwd ?? PACKAGE_ROOT, env: { ...process.env, ...CLI_ENV, ...options.env },
    ...(options.timeout !== undefined ? { timeout: options.timeout, killSignal: 'SIGKILL' as const } : {}),
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Asynchronous, for tests whose fake GitHub API answers from the test's own process (a synchronous
 * child would block it). `env` is added to CLI_ENV, e.g. GITHUB_TOKEN and GITHUB_API_URL.
 */
export async function runCliAsync(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: PACKAGE_ROOT, env: { ...process.env, ...CLI_ENV, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every file under a folder, as text: where a planted secret must not be. */
export function readAll(dir: string): string {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name), 'utf8'))
    .join('\n');
}
