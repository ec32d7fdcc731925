/**
 * What a provider is to the controller (Argo's metricproviders/provider.go:Provider, reduced to
 * what prometheus and web need): `run` takes one measurement and always resolves, with an Error
 * measurement for any failure. Constructing a provider may throw; the controller then records an
 * Error measurement with the error text (analysis/analysis.go:runMeasurements).
 */
import type { Clock } from '../../../clock/clock.ts';
import type { Measurement, Metric } from '../types.ts';

export interface MeasureContext {
  clock: Clock;
}

export interface MetricProviderImpl {
  readonly type: string;
  /** Stored once on the metric result (e.g. `ResolvedPrometheusQuery`). */
  metadata(): Record<string, string> | undefined;
  run(ctx: MeasureContext): Promise<Measurement>;
}

/** Builds the provider for one resolved metric; throws an Error whose message becomes the measurement's. */
export type ProviderFactory = (metric: Metric) => MetricProviderImpl;

/** MarkMeasurementError (utils/metric/metric.go): Error phase, the message, no value. */
export function errorMeasurement(startedAt: number, finishedAt: number, message: string): Measurement {
  return { phase: 'Error', message, startedAt, finishedAt };
}
