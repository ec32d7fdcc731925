/**
 * The phase of one metric (analysis/analysis.go:assessMetricStatus and
 * assessMetricFailureInconclusiveOrError, SEMANTICS §4.2). Every threshold is strictly greater
 * than its limit; the checks run Failed, Inconclusive, Error and a later match overwrites an
 * earlier one; consecutiveSuccessLimit is checked with ≥ before the count; termination never
 * produces Failed by itself.
 */
import {
  consecutiveErrorLimitOf, consecutiveSuccessLimitOf, effectiveCount, failureLimitOf, inconclusiveLimitOf, intValue,
} from '../build/metric-limits.ts';
import { isCompletedPhase, type AnalysisPhase, type Metric, type MetricResult } from '../types.ts';

export interface ThresholdVerdict {
  phase?: 'Failed' | 'Inconclusive' | 'Error';
  message?: string;
}

export function assessMetricThresholds(metric: Metric, result: MetricResult): ThresholdVerdict {
  const verdict: ThresholdVerdict = {};
  const failureLimit = failureLimitOf(metric);
  if (failureLimit >= 0 && result.failed > failureLimit) {
    verdict.phase = 'Failed';
    verdict.message = `failed (${result.failed}) > failureLimit (${failureLimit})`;
  }
  const inconclusiveLimit = inconclusiveLimitOf(metric);
  if (result.inconclusive > inconclusiveLimit) {
    verdict.phase = 'Inconclusive';
    verdict.message = `inconclusive (${result.inconclusive}) > inconclusiveLimit (${inconclusiveLimit})`;
  }
  const errorLimit = consecutiveErrorLimitOf(metric);
  if (result.consecutiveError > errorLimit) {
    verdict.phase = 'Error';
    verdict.message = `consecutiveErrors (${result.consecutiveError}) > consecutiveErrorLimit (${errorLimit})`;
  }
  return verdict;
}

export function assessMetricStatus(metric: Metric, result: MetricResult, terminating: boolean): AnalysisPhase {
  if (isCompletedPhase(result.phase)) return result.phase;
  if (result.measurements.length === 0) return terminating ? 'Successful' : 'Pending';
  const last = result.measurements[result.measurements.length - 1];
  if (!isCompletedPhase(last.phase)) return 'Running';
  const verdict = assessMetricThresholds(metric, result);
  if (verdict.phase) return verdict.phase;
  const successLimit = consecutiveSuccessLimitOf(metric);
  if (successLimit > 0 && result.consecutiveSuccess >= successLimit) return 'Successful';
  const count = effectiveCount(metric);
  if (count !== undefined && result.count >= count) {
    const failureLimit = intValue(metric.failureLimit);
    const failureApplicable = failureLimit === undefined || failureLimit >= 0;
    const successApplicable = successLimit > 0;
    if (failureApplicable && successApplicable) return 'Inconclusive';
    if (successApplicable) return 'Failed';
    return 'Successful';
  }
  return terminating ? 'Successful' : 'Running';
}
