import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/util/rng.ts';

describe('createRng', () => {
  it('replays the same stream for the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(new Set(xs).size).toBe(100);
  });

  it('gives different streams for different seeds and forks', () => {
    expect(createRng(1).next()).not.toBe(createRng(2).next());
    const root = createRng(7);
    expect(root.fork('load').next()).not.toBe(root.fork('oncall').next());
    expect(createRng(7).fork('load').next()).toBe(createRng(7).fork('load').next());
  });

  it('draws log-normal times around the median', () => {
    const rng = createRng(3);
    const draws = Array.from({ length: 20_000 }, () => rng.logNormal(100, 0.5)).sort((x, y) => x - y);
    expect(draws[10_000]).toBeGreaterThan(95);
    expect(draws[10_000]).toBeLessThan(105);
    // p90 of a log-normal is median * exp(1.2816 sigma)
    expect(draws[18_000] / 100).toBeCloseTo(Math.exp(1.2816 * 0.5), 1);
  });
});
