import {UsageError} from '../errors.js';

/** One slice of a batch: shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Read `--shard I/N` (1 ≤ I ≤ N). */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard: expected I/N with 1 ≤ I ≤ N (e.g. 2/4), got "${text}".`);
  }
  return {index, count};
}

/**
 * The items of one shard: every N-th item starting at the I-th, in file order. Deterministic for a given
 * file, balanced to within one item, and the N shards together hold every item exactly once.
 */
export function selectShard<T>(items: readonly T[], shard: Shard | undefined): T[] {
  if (shard === undefined) return [...items];
  return items.filter((_, position) => position % shard.count === shard.index - 1);
}
