import { describe, expect, test } from 'vitest';
import { parseShard, ShardError, shardSeed } from '../../src/nightly/Shard.js';

describe('shards', () => {
  test('parses i/n and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', '1', 'a/b', '1/2/3', '-1/2']) {
      expect(() => parseShard(bad), bad).toThrow(ShardError);
    }
  });

  test('every shard and check of a night gets a seed of its own, the same on every rerun', () => {
    const seeds = new Set<number>();
    for (let index = 1; index <= 8; index++) {
      for (let check = 0; check < 12; check++) seeds.add(shardSeed(42, { index, count: 8 }, check));
    }
    expect(seeds.size).toBe(96);
    expect(shardSeed(42, { index: 3, count: 8 }, 5)).toBe(shardSeed(42, { index: 3, count: 8 }, 5));
    expect(shardSeed(43, { index: 3, count: 8 }, 5)).not.toBe(shardSeed(42, { index: 3, count: 8 }, 5));
  });
});
