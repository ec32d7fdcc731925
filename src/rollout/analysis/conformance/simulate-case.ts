/**
 * Runs a case's metrics through the real engine: startAnalysisRun on a VirtualClock, every metric
 * with a Prometheus provider whose scripted MetricSource hands out the case's values in order, at
 * the metrics' due times. Stops when the run completes or every scripted value was used; then,
 * for `terminate: true`, sets spec.terminate and lets the run finish (SEMANTICS §11).
 */
import { VirtualClock } from '../../../clock/virtual-clock.ts';
import { startAnalysisRun } from '../controller/start-analysis-run.ts';
import {
  isCompletedPhase, type AnalysisPhase, type AnalysisRunSpec, type AnalysisRunStatus, type Argument, type DryRun, type MeasurementRetention, type Metric,
} from '../types.ts';
import type { CaseMeasurement, CaseMetric } from './case-types.ts';
import { ScriptedMetricSource } from './scripted-metric-source.ts';

/** Far enough for any case (30 days of virtual time). */
const HORIZON_MS = 30 * 24 * 3600 * 1000;

export interface SimulatedRun {
  status: AnalysisRunStatus;
  metrics: Metric[];
  /** Per metric, the phase of each measurement in the order taken (not trimmed by retention). */
  measurementPhases: Record<string, AnalysisPhase[]>;
  /** Per metric, the metric's phase right after each of its measurements was assessed. */
  phaseAfterEach: Record<string, AnalysisPhase[]>;
}

/** A case metric → an engine metric: case-only keys dropped, the scripted provider filled in. */
export function toEngineMetric(m: CaseMetric, fallbackName: string): Metric {
  const { measurements: _m, dryRun: _d, provider, ...fields } = m;
  const name = fields.name ?? fallbackName;
  return { ...fields, name, provider: provider ?? { prometheus: { query: name } } };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface SimulateOptions {
  dryRun?: DryRun[];
  measurementRetention?: MeasurementRetention[];
  args?: Argument[];
  terminate?: boolean;
}

export async function simulateCase(caseMetrics: CaseMetric[], opts: SimulateOptions): Promise<SimulatedRun> {
  const metrics = caseMetrics.map((m, i) => toEngineMetric(m, caseMetrics.length === 1 ? 'metric' : `metric-${i}`));
  const scripts: Record<string, CaseMeasurement[]> = {};
  metrics.forEach((m, i) => (scripts[m.name] = caseMetrics[i].measurements ?? []));
  const dryRun = opts.dryRun ?? caseMetrics.filter((m) => m.dryRun).map((m, i) => ({ metricName: `^${escapeRegex(m.name ?? `metric-${i}`)}$` }));
  const spec: AnalysisRunSpec = { metrics, ...(dryRun.length ? { dryRun } : {}) };
  if (opts.args) spec.args = opts.args;
  if (opts.measurementRetention) spec.measurementRetention = opts.measurementRetention;
  const source = new ScriptedMetricSource(scripts);
  const clock = new VirtualClock(0);
  const measurementPhases: Record<string, AnalysisPhase[]> = {};
  const phaseAfterEach: Record<string, AnalysisPhase[]> = {};
  const seen: Record<string, number> = {};
  const handle = startAnalysisRun({
    name: 'conformance',
    spec,
    clock,
    metrics: source,
    emit: (type, data) => {
      if (type !== 'analysis.measurement') return;
      (measurementPhases[data.metric as string] ??= []).push(data.phase as AnalysisPhase);
    },
  });
  handle.onChange((status) => {
    for (const r of status.metricResults) {
      const total = r.count + r.error;
      if (total > (seen[r.name] ?? 0)) (phaseAfterEach[r.name] ??= []).push(r.phase);
      seen[r.name] = total;
    }
  });
  const completed = (): boolean => isCompletedPhase(handle.phase);
  // "terminate: true … from the start if there are none" (SEMANTICS §11).
  if (opts.terminate && source.exhausted) handle.terminate();
  await clock.runUntil(HORIZON_MS, () => completed() || source.exhausted || source.starved);
  if (opts.terminate && !completed()) {
    handle.terminate();
    await clock.runUntil(clock.now(), completed);
  }
  handle.stop();
  return { status: handle.status, metrics, measurementPhases, phaseAfterEach };
}
