/** Temporary copies of the built-in catalog that a test can break one file at a time. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';

const made: string[] = [];
after(() => { for (const dir of made) fs.rmSync(dir, { recursive: true, force: true }); });

export function tempDir(prefix = 'mcp-comply-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes `content` to `dir/name`, making its folders, and returns the file's absolute path. */
export function write(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** A copy of the built-in controls/ and mappings/, with `files` written over it (null deletes). */
export function tempCatalog(files: Record<string, string | Buffer | null> = {}): string {
  const root = tempDir('mcp-comply-catalog-');
  for (const folder of ['controls', 'mappings']) {
    fs.cpSync(path.join(PACKAGE_ROOT, folder), path.join(root, folder), { recursive: true });
  }
  for (const [name, content] of Object.entries(files)) {
    if (content === null) fs.rmSync(path.join(root, name));
    else write(root, name, content);
  }
  return root;
}
