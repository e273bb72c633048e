/** Where the package's own data lives (controls/, mappings/, schemas/, frameworks/), from src/ or dist/. */
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const PACKAGE_VERSION: string = (JSON.parse(
  fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string }).version;
