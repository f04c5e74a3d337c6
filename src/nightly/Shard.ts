import { UsageError } from '../errors.js';

/** One slice of the nightly's seeds: shard `index` of `count`, 1-based as CI matrices count. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export class ShardError extends UsageError {
  constructor(raw: string) {
    super(`--shard must be <i>/<n> with 1 <= i <= n, e.g. 2/4; got "${raw}"`);
    this.name = 'ShardError';
  }
}

export function parseShard(raw: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count || count > 1_000) throw new ShardError(raw);
  return { index, count };
}

/**
 * A seed for one check of one shard: distinct across shards and checks for the same
 * night seed, so more runners explore more schedules instead of the same ones again.
 */
export function shardSeed(nightSeed: number, shard: Shard, checkIndex: number): number {
  // 32-bit mix (murmur3's finaliser): neighbouring inputs land far apart.
  let h = (nightSeed ^ Math.imul(shard.index, 0x9e3779b1) ^ Math.imul(checkIndex + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) & 0x7fffffff;
}
