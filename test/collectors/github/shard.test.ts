import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inShard, parseShard } from '../../../src/collectors/github/shard.js';

describe('GitHub shards', () => {
  it('parses i/n and refuses what is not a shard', () => {
    assert.deepEqual(parseShard('2/8'), { index: 2, count: 8 });
    for (const text of ['0/4', '5/4', '1', 'a/b', '1/0', '-1/2']) assert.equal(parseShard(text), undefined, text);
  });

  it('puts every repository in exactly one shard, whatever its case, and spreads them', () => {
    const repos = Array.from({ length: 1000 }, (_, i) => `acme/service-${i}`);
    const sizes = [1, 2, 3, 4].map((index) => repos.filter((r) => inShard(r, { index, count: 4 })).length);
    assert.equal(sizes.reduce((a, b) => a + b, 0), 1000);
    for (const size of sizes) assert.ok(size > 200 && size < 300, `uneven shard of ${size}`);
    for (const repo of repos.slice(0, 50)) {
      const shards = [1, 2, 3, 4].filter((index) => inShard(repo, { index, count: 4 }));
      assert.equal(shards.length, 1, repo);
      assert.ok(inShard(repo.toUpperCase(), { index: shards[0]!, count: 4 }));
    }
  });

  it('no shard, or one of one, holds everything', () => {
    assert.ok(inShard('acme/x', undefined));
    assert.ok(inShard('acme/x', { index: 1, count: 1 }));
  });
});
