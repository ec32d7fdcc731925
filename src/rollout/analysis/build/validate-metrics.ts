/**
 * utils/analysis/factory.go:ValidateMetrics / ValidateMetric, with the same checks in the same
 * order and the same messages. Returns the error text (without the "Analysis spec invalid: "
 * prefix the controller adds), or undefined when the metrics are valid.
 */
import type { Metric } from '../types.ts';
import { describeGoDurationError } from '../../../util/go-duration.ts';
import { intValue } from './metric-limits.ts';

export function validateMetrics(metrics: Metric[]): string | undefined {
  if (metrics.length === 0) return 'no metrics specified';
  const seen = new Set<string>();
  for (const [i, metric] of metrics.entries()) {
    if (seen.has(metric.name)) return `metrics[${i}]: duplicate name '${metric.name}'`;
    seen.add(metric.name);
    const err = validateMetric(metric);
    if (err) return `metrics[${i}]: ${err}`;
  }
  return undefined;
}

export function validateMetric(metric: Metric): string | undefined {
  const count = intValue(metric.count) ?? 0;
  const failureLimit = intValue(metric.failureLimit) ?? 0;
  const successLimit = intValue(metric.consecutiveSuccessLimit) ?? 0;
  const inconclusiveLimit = intValue(metric.inconclusiveLimit) ?? 0;
  if (successLimit < 0) return 'consecutiveSuccessLimit must be >= 0';
  if (failureLimit < -1) return 'failureLimit must be >= 0, or -1 to be disabled';
  if (successLimit === 0 && failureLimit === -1) return 'failureLimit and consecutiveSuccessLimit cannot both be disabled';
  if (inconclusiveLimit < 0) return 'inconclusiveLimit must be >= 0';
  const errorLimit = intValue(metric.consecutiveErrorLimit);
  if (errorLimit !== undefined && errorLimit < 0) return 'consecutiveErrorLimit must be >= 0';
  if (count > 0) {
    if (successLimit >= 0 && failureLimit >= 0) {
      if (count < failureLimit + successLimit) {
        return `count (${count}) must be >= failureLimit + consecutiveSuccessLimit (${failureLimit} + ${successLimit}) if both >= 0`;
      }
    } else if (successLimit >= 0 && failureLimit < 0 && count < successLimit) {
      return 'count must be >= consecutiveSuccessLimit';
    }
    if (count < inconclusiveLimit) return 'count must be >= inconclusiveLimit';
  }
  if (count > 1 && !metric.interval) return 'interval must be specified when count > 1';
  const intervalError = metric.interval ? describeGoDurationError(metric.interval) : undefined;
  if (intervalError) return `invalid interval string: ${intervalError}`;
  const delayError = metric.initialDelay ? describeGoDurationError(metric.initialDelay) : undefined;
  if (delayError) return `invalid startDelay string: ${delayError}`;
  const providers = Object.keys(metric.provider ?? {}).filter((k) => (metric.provider as Record<string, unknown>)[k] != null);
  if (providers.length === 0) return 'no provider specified';
  if (providers.length > 1) return 'multiple providers specified';
  return undefined;
}
