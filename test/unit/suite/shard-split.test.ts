import { describe, expect, it } from 'vitest';
import { parseShard, splitKeys } from '../../../src/suite/index.ts';
import { compareRunKeys, runKeyId, type RunKey } from '../../../src/suite/run-key.ts';

const keys: RunKey[] = ['error-spike', 'latency-stall', 'dependency-cascade', 'good-deploy'].flatMap((scenario) =>
  ['l0', 'l1', 'l1-error-rate'].flatMap((stack) => [1, 2, 3].map((seed) => ({ scenario, stack, seed }))));

const ids = (shards: RunKey[][]): string[][] => shards.map((s) => s.map(runKeyId));

describe('--shard i/n', () => {
  it('reads INDEX/COUNT, 1-based, and refuses anything else with the usage', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/3', '4/3', '3', '1/0', 'a/b', '-1/2', '1.5/3']) expect(() => parseShard(bad), bad).toThrow(/INDEX\/COUNT/);
  });

  it('splits the keys into disjoint shards that cover them all, sizes within one', () => {
    for (const count of [1, 2, 3, 5, 36, 40]) {
      const shards = splitKeys(keys, count);
      expect(shards).toHaveLength(count);
      const all = shards.flat().map(runKeyId);
      expect(new Set(all).size).toBe(keys.length);
      expect(all.sort()).toEqual(keys.map(runKeyId).sort());
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('depends only on the set of keys and the count: not on their order', () => {
    const reversed = [...keys].reverse();
    const shuffled = [...keys].sort((a, b) => runKeyId(a).length - runKeyId(b).length || (a.seed * 7 + a.stack.length) % 5 - (b.seed * 7 + b.stack.length) % 5);
    for (const count of [2, 3, 4]) {
      expect(ids(splitKeys(reversed, count))).toEqual(ids(splitKeys(keys, count)));
      expect(ids(splitKeys(shuffled, count))).toEqual(ids(splitKeys(keys, count)));
    }
  });

  it('is pinned: the same keys go to the same shards on every machine and version of Node', () => {
    // A change here moves runs between the shards of CI matrices: make it on purpose only.
    const [first] = splitKeys(keys, 3);
    expect(first.slice(0, 4).map((k) => `${k.scenario}/${k.stack}/${k.seed}`)).toMatchInlineSnapshot(`
      [
        "dependency-cascade/l0/2",
        "dependency-cascade/l1-error-rate/3",
        "error-spike/l1-error-rate/1",
        "error-spike/l1-error-rate/2",
      ]
    `);
  });

  it('spreads every scenario and stack over the shards instead of cutting the plan in blocks', () => {
    for (const shard of splitKeys(keys, 3)) {
      expect(new Set(shard.map((k) => k.scenario)).size).toBeGreaterThan(1);
      expect(new Set(shard.map((k) => k.stack)).size).toBeGreaterThan(1);
    }
  });

  it('lists each shard in key order', () => {
    for (const shard of splitKeys(keys, 3)) expect(shard.map(runKeyId)).toEqual([...shard].sort(compareRunKeys).map(runKeyId));
  });
});
