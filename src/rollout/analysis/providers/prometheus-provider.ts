/**
 * The `prometheus` provider against any MetricSource (metricproviders/prometheus/prometheus.go).
 * The MetricSource stands for the Prometheus at `address` (or ARGO_ROLLOUTS_PROMETHEUS_ADDRESS):
 * the embedded engine on `sim`, a real Prometheus on `local`. An instant query is evaluated at the
 * clock's now (virtual now on `sim`, §10.7); a range query evaluates `start`/`end` as expr time
 * expressions with `now()` = clock now.
 */
import type { MetricSource, QueryResult } from '../../../metrics/metric-source.ts';
import { evaluateTime } from '../expr/evaluate-condition.ts';
import { evaluateResult } from '../evaluate/evaluate-result.ts';
import type { Measurement, Metric, PrometheusMetric } from '../types.ts';
import { parseGoDuration } from '../../../util/go-duration.ts';
import { errorMeasurement, type MeasureContext, type MetricProviderImpl } from './metric-provider.ts';
import { bindPrometheusResult } from './prometheus-result.ts';
import { raceClockTimeout } from './race-clock-timeout.ts';

const DEFAULT_TIMEOUT_S = 30;

export function createPrometheusProvider(metric: Metric, source: MetricSource): MetricProviderImpl {
  const prom = metric.provider.prometheus as PrometheusMetric;
  if (prom.address !== undefined && prom.address !== '' && !isUrl(prom.address)) {
    throw new Error('prometheus address is not is url format');
  }
  if (prom.timeout !== undefined && prom.timeout < 0) throw new Error('prometheus timeout should not be negative');
  const timeoutMs = (prom.timeout ?? DEFAULT_TIMEOUT_S) * 1000;
  return {
    type: 'Prometheus',
    metadata: () => (prom.query ? { ResolvedPrometheusQuery: prom.query } : undefined),
    run: (ctx) => runQuery(metric, prom, source, timeoutMs, ctx),
  };
}

async function runQuery(metric: Metric, prom: PrometheusMetric, source: MetricSource, timeoutMs: number, ctx: MeasureContext): Promise<Measurement> {
  const startedAt = ctx.clock.now();
  let response: QueryResult;
  try {
    response = await raceClockTimeout(ctx.clock, timeoutMs, () => executeQuery(prom, source, startedAt));
  } catch (err) {
    return errorMeasurement(startedAt, ctx.clock.now(), err instanceof Error ? err.message : String(err));
  }
  const finishedAt = ctx.clock.now();
  const bound = bindPrometheusResult(response);
  if ('error' in bound) return errorMeasurement(startedAt, finishedAt, bound.error);
  const judged = evaluateResult(bound.result, metric, finishedAt);
  if (judged.phase === 'Error') return errorMeasurement(startedAt, finishedAt, judged.error ?? '');
  return { phase: judged.phase, startedAt, finishedAt, value: bound.value };
}

function executeQuery(prom: PrometheusMetric, source: MetricSource, now: number): Promise<QueryResult> {
  const query = prom.query ?? '';
  if (!prom.rangeQuery) return source.instant(query, now);
  const start = evaluateBound('start', prom.rangeQuery.start ?? '', now);
  const end = evaluateBound('end', prom.rangeQuery.end ?? '', now);
  const step = parseGoDuration(prom.rangeQuery.step ?? '');
  if (!step.ok) throw new Error(`failed to parse rangeQuery.step as duration: ${step.error}`);
  return source.range(query, start, end, step.ms);
}

function evaluateBound(which: 'start' | 'end', expression: string, now: number): number {
  try {
    return evaluateTime(expression, now);
  } catch (err) {
    throw new Error(`failed to parse rangeQuery.${which} as time: ${(err as Error).message}`);
  }
}

/** prometheus.go:IsUrl: parses with a scheme and a host. */
function isUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol !== '' && u.host !== '';
  } catch {
    return false;
  }
}
