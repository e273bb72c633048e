/**
 * Shards of an organisation's repositories for parallel collection (`--github-shard i/n`): a stable
 * hash of `owner/name`, so every repository lands in exactly one shard whatever the listing order.
 * The organisation's own facts belong to shard 1, so merged bundles hold them once.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && index <= count ? { index, count } : undefined;
}

export function inShard(fullName: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count === 1) return true;
  const bucket = createHash('sha256').update(fullName.toLowerCase()).digest().readUInt32BE(0) % shard.count;
  return bucket === shard.index - 1;
}
