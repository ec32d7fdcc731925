import { bootstrapInterval, resample } from '../../util/bootstrap.ts';
import { median } from '../../util/quantile.ts';
import type { Rng } from '../../util/rng.ts';
import { formatMetricValue } from '../expectations/format-stat.ts';
import type { MetricComparison } from './comparison.ts';

/** Paired analysis needs this many seeds on both sides; fewer, the two sides are compared as they are. */
const MIN_PAIRED = 3;
/** Changes smaller than these never count, however tight the interval (a sim run is exact per seed). */
const FLOOR = { time: 1000, share: 0.001, number: 0 };

export interface ValueComparisonOptions {
  tolerance: number;
  confidence: number;
  resamples?: number;
  rng: Rng;
}

/**
 * A time or share, baseline against current, by the median and a bootstrap interval. Where both
 * sides ran the same seeds, the difference is taken seed by seed (a seed fixes the traffic and the
 * humans' draws, so pairing removes most of the noise); otherwise it is the difference of the two
 * medians, each side resampled on its own. A change is a regression (or an improvement) only when
 * the whole interval is on one side of zero and the median change is at least `tolerance` of the
 * baseline (and at least a floor: a second, a tenth of a percentage point).
 */
export function compareValues(
  metric: string,
  kind: 'time' | 'share' | 'number',
  better: 'higher' | 'lower',
  base: Map<number, number>,
  cur: Map<number, number>,
  opts: ValueComparisonOptions,
): MetricComparison {
  const b = [...base.values()];
  const c = [...cur.values()];
  const show = (v: number): string => formatMetricValue(v, kind);
  const out = { metric, kind, better, baseline: describeSide(b, show), current: describeSide(c, show) };
  if (b.length < 2 || c.length < 2) return { ...out, change: 'n/a', estimate: null, low: null, high: null, verdict: 'same', note: 'fewer than 2 runs on one side' };
  const seeds = [...base.keys()].filter((s) => cur.has(s));
  const draws = { resamples: opts.resamples ?? 2000, level: opts.confidence };
  let interval;
  let how: string;
  if (seeds.length >= MIN_PAIRED) {
    const diffs = seeds.map((s) => cur.get(s)! - base.get(s)!);
    interval = bootstrapInterval(median(diffs), (rng) => median(resample(diffs, rng)), opts.rng, draws);
    how = `paired on ${seeds.length} seeds`;
  } else {
    interval = bootstrapInterval(median(c) - median(b), (rng) => median(resample(c, rng)) - median(resample(b, rng)), opts.rng, draws);
    how = 'unpaired';
  }
  const threshold = Math.max(opts.tolerance * Math.abs(median(b)), FLOOR[kind]);
  const up = interval.low > 0 && interval.estimate >= threshold;
  const down = interval.high < 0 && -interval.estimate >= threshold;
  const worse = better === 'lower' ? up : down;
  const improved = better === 'lower' ? down : up;
  const signed = (v: number): string => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${show(Math.abs(v))}`;
  return {
    ...out,
    change: `${signed(interval.estimate)} (${Math.round(opts.confidence * 100)}% CI ${signed(interval.low)}..${signed(interval.high)}, ${how})`,
    estimate: interval.estimate,
    low: interval.low,
    high: interval.high,
    verdict: worse ? 'regressed' : improved ? 'improved' : 'same',
  };
}

function describeSide(values: number[], show: (v: number) => string): string {
  return values.length === 0 ? 'no runs' : `median ${show(median(values))} (${values.length} runs)`;
}
