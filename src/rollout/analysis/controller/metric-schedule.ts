/**
 * When each metric is measured (analysis/analysis.go:generateMetricTasks and
 * calculateNextReconcileTime, SEMANTICS §5.1): the first measurement at once, or at
 * startedAt + initialDelay (never in the first reconcile, which has no startedAt yet); then at
 * lastFinishedAt + interval, or + 10 s after an Error whatever the interval; nothing once `count`
 * non-error measurements exist or the run is terminating. Go compares with a strict "after"; in
 * virtual time the measurement is taken exactly at the deadline (§10.2).
 */
import { effectiveCount } from '../build/metric-limits.ts';
import { goDurationMs } from '../../../util/go-duration.ts';
import { isCompletedPhase, type Metric, type MetricResult } from '../types.ts';

/** analysis.go:DefaultErrorRetryInterval. */
export const ERROR_RETRY_INTERVAL_MS = 10_000;

function lastOf(result: MetricResult | undefined) {
  return result?.measurements[result.measurements.length - 1];
}

/**
 * The clock time at which the metric's next measurement is due, `'now'` for an unconditional first
 * measurement, or undefined when none is due (completed, count reached, in flight, or waiting for
 * startedAt).
 */
export function nextMeasurementDue(metric: Metric, result: MetricResult | undefined, startedAt: number | undefined): number | 'now' | undefined {
  if (result && isCompletedPhase(result.phase)) return undefined;
  const last = lastOf(result);
  if (!last) {
    if (!metric.initialDelay) return 'now';
    if (startedAt === undefined) return undefined;
    const delay = goDurationMs(metric.initialDelay);
    return delay === undefined ? undefined : startedAt + delay;
  }
  if (last.finishedAt === undefined) return last.resumeAt;
  const count = effectiveCount(metric);
  if (count !== undefined && (result?.count ?? 0) >= count) return undefined;
  // Without an interval only an Error can get here (a bounded metric below its count needs an
  // interval when count > 1); generateMetricTasks then uses the default 10 s as well.
  const interval = last.phase === 'Error' || !metric.interval ? ERROR_RETRY_INTERVAL_MS : goDurationMs(metric.interval);
  return interval === undefined ? undefined : last.finishedAt + interval;
}

/** generateMetricTasks: the metrics to measure in this reconcile. */
export function selectDueMetrics(metrics: Metric[], results: MetricResult[], startedAt: number | undefined, terminating: boolean, now: number): Metric[] {
  if (terminating) return [];
  return metrics.filter((metric) => {
    const due = nextMeasurementDue(metric, results.find((r) => r.name === metric.name), startedAt);
    return due === 'now' || (due !== undefined && now >= due);
  });
}

/** calculateNextReconcileTime: the earliest future due time over all metrics. */
export function nextReconcileTime(metrics: Metric[], results: MetricResult[], startedAt: number | undefined): number | undefined {
  let earliest: number | undefined;
  for (const metric of metrics) {
    const due = nextMeasurementDue(metric, results.find((r) => r.name === metric.name), startedAt);
    if (due === undefined || due === 'now') continue;
    if (earliest === undefined || due < earliest) earliest = due;
  }
  return earliest;
}
