import type { Op, Stat } from '../../scenario/parse-expectation.ts';
import { mean, quantile } from '../../util/quantile.ts';
import type { MetricValue } from './read-metric.ts';

const QUANTILES: Partial<Record<Stat, number>> = { p50: 0.5, median: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 };

/**
 * A statistic over a group's values: `rate` and `count` of the yes/no ones, quantiles, min, max,
 * mean and sum of the numbers. NaN when the values are of the wrong kind for it.
 */
export function takeStat(stat: Stat, values: readonly MetricValue[]): number {
  if (stat === 'rate' || stat === 'count') {
    if (values.some((v) => typeof v !== 'boolean')) return Number.NaN;
    const yes = values.filter((v) => v === true).length;
    return stat === 'rate' ? yes / values.length : yes;
  }
  if (values.some((v) => typeof v !== 'number')) return Number.NaN;
  const numbers = values as number[];
  const q = QUANTILES[stat];
  if (q !== undefined) return quantile(numbers, q);
  if (stat === 'min') return Math.min(...numbers);
  if (stat === 'max') return Math.max(...numbers);
  if (stat === 'mean') return mean(numbers);
  return numbers.reduce((s, v) => s + v, 0);
}

export function compareWith(value: number, op: Op, threshold: number): boolean {
  switch (op) {
    case '<': return value < threshold;
    case '<=': return value <= threshold;
    case '>': return value > threshold;
    case '>=': return value >= threshold;
    case '==': return value === threshold;
    case '!=': return value !== threshold;
  }
}

/**
 * Whether one run on its own works against the threshold: for a number, its own value breaks the
 * comparison; for a yes/no score, it is a "yes" where the condition wants few of them (`count == 0`,
 * `rate < 5%`) or a "no" where it wants many (`rate == 1`, `rate >= 90%`).
 */
export function isOffender(value: MetricValue, op: Op, threshold: number): boolean {
  if (typeof value === 'number') return !compareWith(value, op, threshold);
  const wantsFew = op === '<' || op === '<=' || (op === '==' && threshold === 0);
  const wantsMany = op === '>' || op === '>=' || (op === '==' && threshold > 0);
  return (wantsFew && value) || (wantsMany && !value);
}
