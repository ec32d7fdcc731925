import { readArray, readAt, readInt, readString } from '../../../rollout/spec/raw-access.ts';
import type { ObservedEvent } from '../../../rollout/observed/describe-observed-changes.ts';
import { measurementPayload, metricPhasePayload, runPhasePayload } from '../../../rollout/analysis/controller/analysis-events.ts';
import type { AnalysisPhase, Measurement, MetricResult } from '../../../rollout/analysis/types.ts';

/**
 * The analysis events the built-in engine emits (analysis.measurement, analysis.metric.phase,
 * analysis.run.phase, in that order, as one reconcile writes them: see
 * src/rollout/analysis/controller/reconcile-run.ts), derived from two snapshots of an AnalysisRun
 * the real controller wrote, with the engine's own payload builders. A measurement is new when it
 * has finished and had not in the previous snapshot; its counters are the metric's counters in
 * this snapshot (when a watch skipped a snapshot, two new measurements carry the same, final
 * counters). Times become drill ms through `toMs`.
 */
export type TimeToMs = (iso: string) => number;

export function describeAnalysisRunChanges(prev: unknown, next: unknown, toMs: TimeToMs): ObservedEvent[] {
  const run = readString(next, ['metadata', 'name']) ?? '';
  const out: ObservedEvent[] = [];
  const metricPhases: ObservedEvent[] = [];
  for (const raw of readArray(next, ['status', 'metricResults'])) {
    const result = toMetricResult(raw);
    const before = readArray(prev, ['status', 'metricResults']).find((r) => readString(r, ['name']) === result.name);
    const finishedBefore = new Set(readArray(before, ['measurements']).filter((m) => readString(m, ['finishedAt'])).map((m) => readString(m, ['startedAt'])));
    for (const m of readArray(raw, ['measurements'])) {
      const startedAt = readString(m, ['startedAt']);
      if (!startedAt || !readString(m, ['finishedAt']) || finishedBefore.has(startedAt)) continue;
      out.push({ type: 'analysis.measurement', data: measurementPayload(run, result, toMeasurement(m, toMs)) });
    }
    const previous = before === undefined ? 'Pending' : toPhase(readString(before, ['phase']));
    if (before === undefined || result.phase !== previous) metricPhases.push({ type: 'analysis.metric.phase', data: metricPhasePayload(run, result, previous) });
  }
  out.push(...metricPhases);
  const phase = readString(next, ['status', 'phase']);
  const previous = toPhase(readString(prev, ['status', 'phase']));
  if (phase && phase !== previous) out.push({ type: 'analysis.run.phase', data: runPhasePayload(run, toPhase(phase), previous, readString(next, ['status', 'message']) || undefined) });
  if (readAt(next, ['spec', 'terminate']) === true && readAt(prev, ['spec', 'terminate']) !== true) out.push({ type: 'analysis.run.terminate', data: { run } });
  return out;
}

function toPhase(v: string | undefined): AnalysisPhase {
  return (v || 'Pending') as AnalysisPhase;
}

function toMetricResult(raw: unknown): MetricResult {
  const count = (k: string): number => readInt(raw, [k]) ?? 0;
  return {
    name: readString(raw, ['name']) ?? '',
    phase: toPhase(readString(raw, ['phase'])),
    measurements: [],
    message: readString(raw, ['message']),
    count: count('count'), successful: count('successful'), failed: count('failed'), inconclusive: count('inconclusive'),
    error: count('error'), consecutiveError: count('consecutiveError'), consecutiveSuccess: count('consecutiveSuccess'),
    dryRun: readAt(raw, ['dryRun']) === true,
  };
}

function toMeasurement(m: unknown, toMs: TimeToMs): Measurement {
  return {
    phase: toPhase(readString(m, ['phase'])),
    message: readString(m, ['message']),
    value: readString(m, ['value']),
    startedAt: toMs(readString(m, ['startedAt'])!),
    finishedAt: toMs(readString(m, ['finishedAt'])!),
  };
}
