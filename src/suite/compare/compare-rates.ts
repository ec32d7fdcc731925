import { wilsonInterval, type RateInterval } from '../../util/wilson-interval.ts';
import type { MetricComparison } from './comparison.ts';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

export function describeRate(r: RateInterval): string {
  return r.n === 0 ? 'no runs' : `${r.successes}/${r.n} (${pct(r.low)}-${pct(r.high)})`;
}

/**
 * A rate, baseline against current, by Wilson score intervals: a change counts only when the two
 * intervals do not overlap. 10/10 against 8/10 is noise at ten seeds; 10/10 against 4/10 is not.
 */
export function compareRates(metric: string, better: 'higher' | 'lower', base: boolean[], cur: boolean[], z: number): MetricComparison {
  const b = wilsonInterval(base.filter(Boolean).length, base.length, z);
  const c = wilsonInterval(cur.filter(Boolean).length, cur.length, z);
  const out = { metric, kind: 'rate' as const, better, baseline: describeRate(b), current: describeRate(c) };
  if (b.n === 0 || c.n === 0) return { ...out, change: 'n/a', estimate: null, low: null, high: null, verdict: 'same', note: 'no runs on one side' };
  const estimate = c.rate - b.rate;
  // The gap between the intervals (negative when they overlap), signed like the estimate.
  const above = c.low - b.high;
  const below = b.low - c.high;
  const worse = better === 'higher' ? below > 0 : above > 0;
  const improved = better === 'higher' ? above > 0 : below > 0;
  const sign = estimate > 0 ? '+' : estimate < 0 ? '−' : '±';
  return {
    ...out,
    change: `${sign}${Math.round(Math.abs(estimate) * 100)} points${worse || improved ? ', intervals apart' : estimate !== 0 ? ', intervals overlap' : ''}`,
    estimate,
    low: null,
    high: null,
    verdict: worse ? 'regressed' : improved ? 'improved' : 'same',
  };
}
