/**
 * Bodies of earlier GitHub answers by ETag, so a repeated read is a conditional request: GitHub
 * answers 304 (which does not count against the rate limit) and the stored body is reused. Kept in
 * memory, and in `dir` when one is given so that the next run benefits too. Keys are hashes that
 * already include the token's identity (GitHub varies ETags by Authorization); the token itself is
 * never stored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { reasonOf, WriteError, writeFileAtomic } from '../../lib/atomic-write.js';
import { READ_CAPS, readRegularText } from '../../lib/bounded-read.js';

export interface CachedAnswer {
  etag: string;
  data: unknown;
  /** The `Link` header, so pagination goes on from a 304 page. */
  link?: string;
}

export class EtagCache {
  private readonly memory = new Map<string, CachedAnswer>();
  /** Set once the folder could not be written: the cache goes on in memory, and says so once. */
  private unwritable = false;

  /** `warn` hears, once, that the folder cannot be written (the run goes on without it). */
  constructor(private readonly dir?: string, private readonly warn: (message: string) => void = () => {}) {
    // Private repositories' settings end up here: the folder is the owner's only.
    try {
      if (dir) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      this.unwritable = true;
      warn(`github: the ETag cache is not kept: cannot make the folder ${dir}: ${reasonOf(error)}`);
    }
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    const known = this.memory.get(key);
    if (known || !this.dir) return known;
    // The cache folder is the user's, but may sit in a checkout: read bounded, regular files only.
    const read = readRegularText(this.file(key), { cap: READ_CAPS.githubCache });
    if (!read.ok) return undefined; // absent, or not a file we can use: a plain request instead
    try {
      const stored = JSON.parse(read.text) as CachedAnswer;
      if (typeof stored.etag !== 'string') return undefined;
      this.memory.set(key, stored);
      return stored;
    } catch {
      return undefined; // torn: a plain request instead
    }
  }

  set(key: string, answer: CachedAnswer): void {
    this.memory.set(key, answer);
    if (!this.dir || this.unwritable) return;
    try {
      writeFileAtomic(this.file(key), JSON.stringify(answer), { durable: false });
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      // A cache is a saving, not evidence: the run goes on, asking GitHub plainly next time.
      this.unwritable = true;
      this.warn(`github: the ETag cache is not kept: ${error.message}`);
    }
  }

  private file(key: string): string {
    return path.join(this.dir!, `${key}.json`);
  }
}
