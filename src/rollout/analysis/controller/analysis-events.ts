/**
 * Timeline payloads for what Argo records on an AnalysisRun: each measurement (value, phase,
 * message), metric phase changes (Argo's `Metric<Phase>` events), run phase changes
 * (`AnalysisRun<Phase>`). Keys are written in a fixed order and optional keys are omitted, so the
 * JSONL timeline stays byte-identical for a seed.
 */
import type { AnalysisPhase, Measurement, MetricResult } from '../types.ts';

export type EmitFn = (type: string, data: Record<string, unknown>) => void;

export const EVENT_RUN_PHASE = 'analysis.run.phase';
export const EVENT_METRIC_PHASE = 'analysis.metric.phase';
export const EVENT_MEASUREMENT = 'analysis.measurement';
export const EVENT_RUN_TERMINATE = 'analysis.run.terminate';

function withOptional(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '' && v !== false) base[k] = v;
  return base;
}

export function runPhasePayload(run: string, phase: AnalysisPhase, previous: AnalysisPhase, message: string | undefined): Record<string, unknown> {
  return withOptional({ run, phase, previous }, { message });
}

export function metricPhasePayload(run: string, result: MetricResult, previous: AnalysisPhase): Record<string, unknown> {
  return withOptional({ run, metric: result.name, phase: result.phase, previous }, { message: result.message, dryRun: result.dryRun });
}

export function measurementPayload(run: string, result: MetricResult, m: Measurement): Record<string, unknown> {
  const payload = withOptional({ run, metric: result.name, phase: m.phase }, { value: m.value, message: m.message });
  payload.startedAt = m.startedAt;
  payload.finishedAt = m.finishedAt;
  payload.count = result.count;
  payload.successful = result.successful;
  payload.failed = result.failed;
  payload.inconclusive = result.inconclusive;
  payload.error = result.error;
  payload.consecutiveError = result.consecutiveError;
  payload.consecutiveSuccess = result.consecutiveSuccess;
  return payload;
}
