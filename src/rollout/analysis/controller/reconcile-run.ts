/**
 * One reconcile of an AnalysisRun (analysis/analysis.go:reconcileAnalysisRun): resolve args,
 * validate, match dry-run / retention rules (any failure: run Error, no measurement), take the
 * due measurements in parallel, assess metrics and the run, trim measurement history.
 * `terminating` and the terminate flag are read once at the start, as Argo works on a copy of
 * the run fetched before the reconcile.
 */
import type { Clock } from '../../../clock/clock.ts';
import { resolveMetricArgs } from '../build/resolve-metric-args.ts';
import { validateMetrics } from '../build/validate-metrics.ts';
import { errorMeasurement, type ProviderFactory } from '../providers/metric-provider.ts';
import { isCompletedPhase, type AnalysisPhase, type AnalysisRunSpec, type AnalysisRunStatus, type Measurement, type Metric } from '../types.ts';
import {
  EVENT_MEASUREMENT, EVENT_METRIC_PHASE, EVENT_RUN_PHASE, measurementPayload, metricPhasePayload, runPhasePayload, type EmitFn,
} from './analysis-events.ts';
import { assessRunStatus, isTerminating } from './assess-run.ts';
import { matchDryRunRules, matchRetentionRules } from './match-metric-rules.ts';
import { newMetricResult, recordMeasurement } from './record-measurement.ts';
import { selectDueMetrics } from './metric-schedule.ts';

/** analysis.go:DefaultMeasurementHistoryLimit. */
export const DEFAULT_MEASUREMENT_HISTORY_LIMIT = 10;

export interface RunState {
  name: string;
  spec: AnalysisRunSpec;
  status: AnalysisRunStatus;
}

export interface ReconcileDeps {
  clock: Clock;
  providerFor: ProviderFactory;
  emit: EmitFn;
}

/** The metrics with `{{args.x}}` resolved (secret-backed args get a placeholder, like getResolvedMetricsWithoutSecrets). */
export function resolveRunMetrics(spec: AnalysisRunSpec): Metric[] {
  const args = (spec.args ?? []).map((a) => (a.valueFrom?.secretKeyRef ? { name: a.name, value: 'temp-for-secret' } : a));
  return spec.metrics.map((m) => resolveMetricArgs(m, args));
}

export async function reconcileRun(state: RunState, deps: ReconcileDeps): Promise<void> {
  const { status, spec } = state;
  if (isCompletedPhase(status.phase)) return;
  const now = deps.clock.now();
  const terminate = spec.terminate === true;
  let metrics: Metric[];
  try {
    metrics = resolveRunMetrics(spec);
  } catch (err) {
    return failRun(state, deps, `Unable to resolve metric arguments: ${(err as Error).message}`, now);
  }
  const invalid = validateMetrics(metrics) ?? findUnsupportedProvider(metrics);
  if (invalid) return failRun(state, deps, `Analysis spec invalid: ${invalid}`, now);
  const dryRun = matchDryRunRules(spec.dryRun ?? [], metrics);
  if ('error' in dryRun) return failRun(state, deps, `Analysis spec invalid: ${dryRun.error}`, now);
  const retention = matchRetentionRules(spec.measurementRetention ?? [], metrics);
  if ('error' in retention) return failRun(state, deps, `Analysis spec invalid: ${retention.error}`, now);

  const terminating = isTerminating(terminate, status.metricResults);
  const due = selectDueMetrics(metrics, status.metricResults, status.startedAt, terminating, now);
  const secret = (spec.args ?? []).find((a) => a.valueFrom?.secretKeyRef);
  if (due.length > 0 && secret) {
    const ref = secret.valueFrom?.secretKeyRef;
    return failRun(state, deps, `Unable to resolve metric arguments: secret "${ref?.name}" is not available: firedrill does not support Kubernetes Secrets`, now);
  }
  const measured = await Promise.all(due.map((metric) => measure(metric, deps)));
  // A metric result appears with its first measurement (Argo creates it Running); for the
  // timeline that is a change from Pending.
  const created = new Set<string>();
  measured.forEach(({ metric, measurement, metadata }) => {
    let result = status.metricResults.find((r) => r.name === metric.name);
    if (!result) {
      result = newMetricResult(metric.name, dryRun.names.has(metric.name), metadata);
      status.metricResults.push(result);
      created.add(metric.name);
    }
    recordMeasurement(result, measurement);
    deps.emit(EVENT_MEASUREMENT, measurementPayload(state.name, result, measurement));
  });

  const at = deps.clock.now();
  const assessed = assessRunStatus(status, metrics, dryRun.names, terminate, at);
  for (const metric of metrics) {
    const result = status.metricResults.find((r) => r.name === metric.name);
    if (!result) continue;
    const change = assessed.changed.find((c) => c.result === result);
    if (created.has(result.name)) deps.emit(EVENT_METRIC_PHASE, metricPhasePayload(state.name, result, 'Pending'));
    else if (change) deps.emit(EVENT_METRIC_PHASE, metricPhasePayload(state.name, result, change.previous));
  }
  if (assessed.phase !== status.phase) setPhase(state, deps, assessed.phase, assessed.message, at);
  trimMeasurements(status, retention.limits);
}

/** Argo would run any provider; firedrill runs prometheus and web only, and says so up front. */
function findUnsupportedProvider(metrics: Metric[]): string | undefined {
  for (const [i, metric] of metrics.entries()) {
    const name = Object.keys(metric.provider).find((k) => k !== 'prometheus' && k !== 'web');
    if (name) return `metrics[${i}]: provider "${name}" is not supported by firedrill (supported: prometheus, web)`;
  }
  return undefined;
}

async function measure(metric: Metric, deps: ReconcileDeps): Promise<{ metric: Metric; measurement: Measurement; metadata?: Record<string, string> }> {
  let provider;
  try {
    provider = deps.providerFor(metric);
  } catch (err) {
    const now = deps.clock.now();
    return { metric, measurement: errorMeasurement(now, now, err instanceof Error ? err.message : String(err)) };
  }
  const measurement = await provider.run({ clock: deps.clock });
  return { metric, measurement, metadata: provider.metadata() };
}

function failRun(state: RunState, deps: ReconcileDeps, message: string, now: number): void {
  setPhase(state, deps, 'Error', message, now);
}

function setPhase(state: RunState, deps: ReconcileDeps, phase: AnalysisPhase, message: string, now: number): void {
  const previous = state.status.phase;
  state.status.phase = phase;
  if (message) state.status.message = message;
  else delete state.status.message;
  if (isCompletedPhase(phase) && state.status.completedAt === undefined) state.status.completedAt = now;
  deps.emit(EVENT_RUN_PHASE, runPhasePayload(state.name, phase, previous, message || undefined));
}

/** garbageCollectMeasurements: keep the newest N (10, or a matching retention limit > 0). */
function trimMeasurements(status: AnalysisRunStatus, limits: Map<string, number>): void {
  for (const result of status.metricResults) {
    const configured = limits.get(result.name);
    const limit = configured !== undefined && configured > 0 ? configured : DEFAULT_MEASUREMENT_HISTORY_LIMIT;
    if (result.measurements.length > limit) result.measurements = result.measurements.slice(-limit);
  }
}
