import type { VirtualClock } from '../../clock/virtual-clock.ts';
import { EmbeddedMetricSource } from '../../metrics/embedded-source.ts';
import type { MetricSource } from '../../metrics/metric-source.ts';
import type { Tsdb } from '../../metrics/tsdb.ts';

/** PromQL over the sim world's TSDB, answered by the embedded engine in virtual time. */
export function createEmbeddedMetrics(tsdb: Tsdb, _clock: VirtualClock): MetricSource {
  return new EmbeddedMetricSource(tsdb);
}
