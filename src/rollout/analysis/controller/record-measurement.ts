/**
 * Counter updates when a measurement completes (analysis/analysis.go:runMeasurements, SEMANTICS
 * §4.1): errors never use up `count`; any non-error resets the error streak; only a Successful
 * measurement extends the success streak. Counters are never trimmed, only the measurement list.
 */
import { isCompletedPhase, type Measurement, type MetricResult } from '../types.ts';

export function newMetricResult(name: string, dryRun: boolean, metadata: Record<string, string> | undefined): MetricResult {
  const result: MetricResult = {
    name, phase: 'Running', measurements: [], count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0,
    consecutiveError: 0, consecutiveSuccess: 0,
  };
  if (dryRun) result.dryRun = true;
  if (metadata && Object.keys(metadata).length > 0) result.metadata = metadata;
  return result;
}

export function recordMeasurement(result: MetricResult, m: Measurement): void {
  if (isCompletedPhase(m.phase)) {
    switch (m.phase) {
      case 'Successful':
        result.successful++;
        result.count++;
        result.consecutiveError = 0;
        result.consecutiveSuccess++;
        break;
      case 'Failed':
      case 'Inconclusive':
        if (m.phase === 'Failed') result.failed++;
        else result.inconclusive++;
        result.count++;
        result.consecutiveError = 0;
        result.consecutiveSuccess = 0;
        break;
      case 'Error':
        result.error++;
        result.consecutiveError++;
        result.consecutiveSuccess = 0;
        break;
    }
  }
  result.measurements.push(m);
}
