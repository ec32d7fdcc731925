import type { VirtualClock } from '../../clock/virtual-clock.ts';
import type { MetricSource } from '../../metrics/metric-source.ts';
import { PromqlEngine } from '../../metrics/promql/engine.ts';
import type { Tsdb } from '../../metrics/tsdb.ts';

/** PromQL over the sim world's TSDB, answered by the embedded engine in virtual time. */
export function createEmbeddedMetrics(tsdb: Tsdb, _clock: VirtualClock): MetricSource {
  const engine = new PromqlEngine(tsdb);
  return {
    kind: 'embedded',
    instant: async (query, at) => engine.instantQuery(query, at),
    range: async (query, start, end, step) => engine.rangeQuery(query, start, end, step),
  };
}
