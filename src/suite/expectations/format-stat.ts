import type { MetricKind } from '../../scenario/expectation-metrics.ts';
import type { Stat } from '../../scenario/parse-expectation.ts';
import { formatDuration } from '../../util/duration.ts';

/** A metric's value in its unit: `7m30s`, `0.51%`, `12`; `not reached` for an infinite time. */
export function formatMetricValue(value: number, kind: MetricKind | 'auto'): string {
  if (value === Number.POSITIVE_INFINITY) return 'not reached';
  if (Number.isNaN(value)) return 'n/a';
  if (kind === 'time') return formatDuration(value);
  if (kind === 'share') return `${Number((value * 100).toPrecision(3))}%`;
  return String(Number(value.toPrecision(6)));
}

/** The observed side of a comparison: `p90 = 7m30s`, `rate = 80% (8/10)`, `count = 2 of 10`. */
export function formatStat(stat: Stat, value: number, kind: MetricKind | 'auto', runs: number): string {
  if (stat === 'rate') return `rate = ${formatMetricValue(value, 'share')} (${Math.round(value * runs)}/${runs})`;
  if (stat === 'count') return `count = ${value} of ${runs}`;
  return `${stat} = ${formatMetricValue(value, kind)} (${runs} runs)`;
}
