import type { Labels } from './labels.ts';
import type { MetricSource, QueryResult } from './metric-source.ts';
import { selectStoredSeries } from './select-series.ts';
import { PromqlEngine, type EngineOptions } from './promql/engine.ts';
import type { Tsdb } from './tsdb.ts';

/** The MetricSource of the `sim` backend: the embedded PromQL engine over the drill's TSDB. */
export class EmbeddedMetricSource implements MetricSource {
  readonly kind = 'embedded';
  readonly engine: PromqlEngine;

  constructor(readonly tsdb: Tsdb, opts: EngineOptions = {}) {
    this.engine = new PromqlEngine(tsdb, opts);
  }

  async instant(query: string, at: number): Promise<QueryResult> {
    return this.engine.instantQuery(query, at);
  }

  async range(query: string, start: number, end: number, step: number): Promise<QueryResult> {
    return this.engine.rangeQuery(query, start, end, step);
  }

  async series(selectors: readonly string[], start?: number, end?: number): Promise<Labels[]> {
    return selectStoredSeries(this.tsdb, selectors, start, end);
  }
}
