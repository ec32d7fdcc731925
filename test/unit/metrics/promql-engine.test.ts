import { describe, expect, it } from 'vitest';
import { EmbeddedMetricSource } from '../../../src/metrics/embedded-source.ts';
import { PromqlEvalError } from '../../../src/metrics/promql/errors.ts';
import { PromqlEngine } from '../../../src/metrics/promql/engine.ts';
import { loadSeriesFile } from '../../../src/metrics/series-file/series-file.ts';
import { Tsdb } from '../../../src/metrics/tsdb.ts';

const DATA = `
load 1m
  http_requests_total{service="a", code="200"} 0+60x30
  http_requests_total{service="a", code="500"} 0+6x30
  http_requests_total{service="b", code="200"} 0+120x10 stale
  queue_depth{service="a"} 5 _ 7 stale _ 9
`;

const engine = (): PromqlEngine => new PromqlEngine(loadSeriesFile(DATA));

describe('PromqlEngine', () => {
  it('answers instant queries in the QueryResult shape (ms, numbers)', () => {
    const r = engine().instantQuery('sum by (service) (rate(http_requests_total[5m]))', 20 * 60_000);
    expect(r).toEqual({ resultType: 'vector', result: [{ metric: { service: 'a' }, value: [1_200_000, 1.1] }] });
    expect(engine().instantQuery('1 + 2', 5000)).toEqual({ resultType: 'scalar', result: [5000, 3] });
    expect(engine().instantQuery('"x"', 5000)).toEqual({ resultType: 'string', result: [5000, 'x'] });
  });

  it('answers range queries as matrices sorted by labels, one point per step', () => {
    const r = engine().rangeQuery('queue_depth', 0, 5 * 60_000, 60_000);
    expect(r).toEqual({
      resultType: 'matrix',
      result: [{ metric: { __name__: 'queue_depth', service: 'a' }, values: [[0, 5], [60_000, 5], [120_000, 7], [300_000, 9]] }],
    });
    const scalar = engine().rangeQuery('time()', 0, 120_000, 60_000);
    expect(scalar).toEqual({ resultType: 'matrix', result: [{ metric: {}, values: [[0, 0], [60_000, 60], [120_000, 120]] }] });
  });

  it('drops the metric name late (Prometheus 3 delayed name removal)', () => {
    const q = 'label_replace(rate(http_requests_total{code="500"}[5m]), "name", "$1", "__name__", "(.*)")';
    const r = engine().instantQuery(q, 20 * 60_000);
    expect(r.resultType === 'vector' && r.result[0].metric).toEqual({ service: 'a', code: '500', name: 'http_requests_total' });
  });

  it('ends series at staleness markers and after the lookback', () => {
    expect(engine().instantQuery('http_requests_total{service="b"}', 10 * 60_000).result).toHaveLength(1);
    expect(engine().instantQuery('http_requests_total{service="b"}', 11 * 60_000).result).toHaveLength(0);
    expect(engine().instantQuery('queue_depth', 180_000 - 1).result).toHaveLength(1);
    expect(engine().instantQuery('queue_depth', 180_000).result).toHaveLength(0);
  });

  it('supports offset, @ and subqueries', () => {
    const at = 20 * 60_000;
    const v = (q: string): number[] => {
      const r = engine().instantQuery(q, at);
      return r.resultType === 'vector' ? r.result.map((s) => s.value[1]) : [];
    };
    expect(v('http_requests_total{code="500"} offset 10m')).toEqual([60]);
    expect(v('http_requests_total{code="500"} @ 300')).toEqual([30]);
    expect(v('max_over_time(deriv(http_requests_total{code="500"}[5m])[10m:1m])')).toEqual([0.1]);
  });

  it('raises Prometheus errors as PromqlEvalError', () => {
    const e = engine();
    expect(() => e.instantQuery('http_requests_total + on(service) http_requests_total', 60_000)).toThrow(PromqlEvalError);
    expect(() => e.rangeQuery('http_requests_total[5m]', 0, 60_000, 1000)).toThrow('invalid expression type "range vector" for range query');
    const twins = new PromqlEngine(loadSeriesFile('load 1m\n  a{x="1"} 1\n  b{x="1"} 2\n'));
    expect(twins.instantQuery('{__name__=~"a|b"}', 0).result).toHaveLength(2);
    expect(() => twins.instantQuery('-{__name__=~"a|b"}', 0)).toThrow('vector cannot contain metrics with the same labelset');
  });

  it('warns where Prometheus silently gives nothing because native histograms are missing', () => {
    const r = engine().instantQuery('histogram_count(http_requests_total)', 60_000);
    expect(r.result).toEqual([]);
    expect(r.warnings?.[0]).toMatch(/^histogram_count\(\) reads native histograms/);
    expect(engine().instantQuery('sum(http_requests_total)', 60_000).warnings).toBeUndefined();
  });

  it('is a MetricSource', async () => {
    const tsdb = new Tsdb();
    tsdb.append({ __name__: 'up', job: 'x' }, 1000, 1);
    const source = new EmbeddedMetricSource(tsdb);
    expect(source.kind).toBe('embedded');
    expect(await source.instant('up == 1', 2000)).toEqual({ resultType: 'vector', result: [{ metric: { __name__: 'up', job: 'x' }, value: [2000, 1] }] });
  });
});
