import type { VirtualClock } from '../../clock/virtual-clock.ts';
import type { MetricSource } from '../../metrics/metric-source.ts';
import type { Tsdb } from '../../metrics/tsdb.ts';

/** PromQL over the sim world's TSDB. */
export function createEmbeddedMetrics(_tsdb: Tsdb, _clock: VirtualClock): MetricSource {
  return {
    kind: 'embedded',
    instant: () => Promise.reject(new Error('embedded PromQL engine not wired yet')),
    range: () => Promise.reject(new Error('embedded PromQL engine not wired yet')),
  };
}
