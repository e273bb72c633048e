/** Running the built CLI (dist/; `npm test` builds first) the way the end-to-end tests do. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';

export const BIN = path.join(PACKAGE_ROOT, 'dist', 'cli', 'index.js');

/** A fixed clock (SOURCE_DATE_EPOCH) and no colour, from the package root unless told otherwise. */
export const CLI_ENV = { NO_COLOR: '1', SOURCE_DATE_EPOCH: '1795392000' };

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8', cwd: options.cwd ?? PACKAGE_ROOT, env: { ...process.env, ...CLI_ENV, ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under a folder, as text: where a planted secret must not be. */
export function readAll(dir: string): string {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name), 'utf8'))
    .join('\n');
}
