import { describe, expect, it } from 'vitest';
import { bootstrapInterval, resample } from '../../../src/util/bootstrap.ts';
import { normalQuantile } from '../../../src/util/normal-quantile.ts';
import { median, quantile } from '../../../src/util/quantile.ts';
import { createRng } from '../../../src/util/rng.ts';
import { wilsonInterval } from '../../../src/util/wilson-interval.ts';

describe('quantile (type 7: linear between order statistics)', () => {
  it('matches R/NumPy on a small sample', () => {
    const xs = [10, 1, 4, 3, 2, 6, 5, 8, 7, 9];
    expect(quantile(xs, 0.5)).toBe(5.5);
    expect(quantile(xs, 0.9)).toBeCloseTo(9.1, 10);
    expect(quantile(xs, 0)).toBe(1);
    expect(quantile(xs, 1)).toBe(10);
    expect(median([3])).toBe(3);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });

  it('keeps a quantile below an infinite tail finite, and one inside it infinite', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, Number.POSITIVE_INFINITY];
    expect(quantile(xs, 0.5)).toBe(5.5);
    expect(quantile(xs, 0.9)).toBe(Number.POSITIVE_INFINITY);
    expect(quantile([1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY], 1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('Wilson score interval', () => {
  it('gives the textbook 95% intervals, never degenerate at 0/n or n/n', () => {
    const all = wilsonInterval(10, 10);
    expect(all.low).toBeCloseTo(0.7225, 4);
    expect(all.high).toBe(1);
    const none = wilsonInterval(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    const half = wilsonInterval(5, 10);
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
  });

  it('normal quantile: 1.96 for 97.5%, symmetric', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.575829, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
  });
});

describe('percentile bootstrap', () => {
  it('is reproducible from its seed and brackets the estimate', () => {
    const xs = [12, 15, 11, 14, 13, 16, 12, 15, 14, 13];
    const run = (): ReturnType<typeof bootstrapInterval> => bootstrapInterval(median(xs), (rng) => median(resample(xs, rng)), createRng(7), { resamples: 500 });
    const a = run();
    expect(run()).toEqual(a);
    expect(a.low).toBeLessThanOrEqual(a.estimate);
    expect(a.high).toBeGreaterThanOrEqual(a.estimate);
    expect(a.low).toBeGreaterThanOrEqual(11);
    expect(a.high).toBeLessThanOrEqual(16);
  });

  it('collapses to a point for a constant sample (no noise, no interval)', () => {
    const zeros = [0, 0, 0, 0, 0];
    const i = bootstrapInterval(0, (rng) => median(resample(zeros, rng)), createRng(1), { resamples: 100 });
    expect([i.low, i.high]).toEqual([0, 0]);
  });
});
