import type { Labels } from '../../metrics/labels.ts';
import type { MetricSource, QueryResult } from '../../metrics/metric-source.ts';
import type { ScaledClock } from './scaled-clock.ts';
import { scaleQueryDurations, shortestRangeMs } from './scale-query-durations.ts';

/**
 * The local world's MetricSource: PromQL asked in virtual time (what the pager and the rollout
 * controller see on their clock) answered by a source that stores real Unix-ms samples (a real
 * Prometheus, or the embedded TSDB fed by the embedded scraper). Evaluation times and result
 * timestamps are mapped through the clock; ranges, steps and offsets in the query are scaled.
 */
export class ScaledMetricSource implements MetricSource {
  private readonly warned = new Set<string>();

  /**
   * `shortRange`: told once per query whose shortest range, compressed, spans fewer than two
   * scrapes: rate() over it finds one sample or none, so the query answers empty or NaN at any
   * load (the scale is too high for the stack's windows).
   */
  constructor(
    private readonly inner: MetricSource,
    private readonly clock: ScaledClock,
    private readonly shortRange?: { scrapeIntervalMs: number; onShortRange: (query: string, rangeMs: number) => void },
  ) {}

  get kind(): string {
    return this.inner.kind;
  }

  async instant(query: string, at: number): Promise<QueryResult> {
    return this.toVirtual(await this.inner.instant(this.rewrite(query), this.toReal(at)));
  }

  async range(query: string, start: number, end: number, step: number): Promise<QueryResult> {
    const realStep = Math.max(1, Math.round(this.clock.toRealMs(step)));
    return this.toVirtual(await this.inner.range(this.rewrite(query), this.toReal(start), this.toReal(end), realStep));
  }

  async series(selectors: readonly string[], start?: number, end?: number): Promise<Labels[]> {
    if (!this.inner.series) throw new Error(`the ${this.inner.kind} metric source cannot list series`);
    const real = (t: number | undefined): number | undefined => (t === undefined || !Number.isFinite(t) ? t : this.toReal(t));
    return this.inner.series(selectors, real(start), real(end));
  }

  private rewrite(query: string): string {
    this.checkRange(query);
    return scaleQueryDurations(query, this.clock.scale, (s) => this.clock.toUnixMs(s * 1000) / 1000);
  }

  private checkRange(query: string): void {
    if (!this.shortRange || this.warned.has(query)) return;
    const range = shortestRangeMs(query);
    if (range === undefined || this.clock.toRealMs(range) >= 2 * this.shortRange.scrapeIntervalMs) return;
    this.warned.add(query);
    this.shortRange.onShortRange(query, range);
  }

  /** Whole ms: Prometheus's API takes seconds with 3 decimals. */
  private toReal(virtualMs: number): number {
    return Math.round(this.clock.toUnixMs(virtualMs));
  }

  private toVirtual(r: QueryResult): QueryResult {
    const v = (t: number): number => this.clock.fromUnixMs(t);
    switch (r.resultType) {
      case 'scalar':
        return { resultType: 'scalar', result: [v(r.result[0]), r.result[1]] };
      case 'string':
        return { resultType: 'string', result: [v(r.result[0]), r.result[1]] };
      case 'vector':
        return { resultType: 'vector', result: r.result.map((s) => ({ metric: s.metric, value: [v(s.value[0]), s.value[1]] })) };
      case 'matrix':
        return { resultType: 'matrix', result: r.result.map((s) => ({ metric: s.metric, values: s.values.map(([t, x]) => [v(t), x]) })) };
    }
  }
}
