import { quantileOfSorted } from './quantile.ts';
import type { Rng } from './rng.ts';

export interface BootstrapInterval {
  /** The statistic on the samples as they are. */
  estimate: number;
  low: number;
  high: number;
}

/** A resample with replacement, of the same size, drawn from `rng`. */
export function resample<T>(values: readonly T[], rng: Rng): T[] {
  return Array.from({ length: values.length }, () => values[rng.int(values.length)]);
}

/**
 * Percentile bootstrap: `statistic` runs on the data as it is for the estimate, then `resamples`
 * times on data `draw` resamples; the interval is the middle `level` of those. The caller's
 * seeded rng makes it reproducible: the same inputs give the same interval, byte for byte.
 */
export function bootstrapInterval(
  estimate: number,
  draw: (rng: Rng) => number,
  rng: Rng,
  opts: { resamples?: number; level?: number } = {},
): BootstrapInterval {
  const resamples = opts.resamples ?? 2000;
  const level = opts.level ?? 0.95;
  const stats: number[] = [];
  for (let i = 0; i < resamples; i++) {
    const s = draw(rng);
    if (!Number.isNaN(s)) stats.push(s);
  }
  stats.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { estimate, low: quantileOfSorted(stats, tail), high: quantileOfSorted(stats, 1 - tail) };
}
