/**
 * Reading a metric's numeric settings the way Argo does: `intstr.IntOrString.IntValue()` (a string
 * that is not an integer reads as 0) and the defaults applied where each value is read
 * (analysis_types.go:EffectiveCount, utils/defaults/defaults.go, SEMANTICS §1.4–1.5).
 */
import type { IntOrString, Metric } from '../types.ts';

export const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

/** IntOrString.IntValue(); undefined when the field is unset. */
export function intValue(v: IntOrString | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return Math.trunc(v);
  return /^[+-]?\d+$/.test(v) ? Number(v) : 0;
}

/** Metric.EffectiveCount: 1 for a one-shot metric, undefined for an indefinite one. */
export function effectiveCount(metric: Metric): number | undefined {
  const count = intValue(metric.count);
  if (count === undefined || count === 0) return metric.interval ? undefined : 1;
  return count;
}

export function failureLimitOf(metric: Metric): number {
  return intValue(metric.failureLimit) ?? 0;
}

export function inconclusiveLimitOf(metric: Metric): number {
  return intValue(metric.inconclusiveLimit) ?? 0;
}

export function consecutiveErrorLimitOf(metric: Metric): number {
  return intValue(metric.consecutiveErrorLimit) ?? DEFAULT_CONSECUTIVE_ERROR_LIMIT;
}

export function consecutiveSuccessLimitOf(metric: Metric): number {
  return intValue(metric.consecutiveSuccessLimit) ?? 0;
}
