import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../src/clock/virtual-clock.ts';
import type { MetricSource, QueryResult } from '../../../../src/metrics/metric-source.ts';
import { evaluateResult } from '../../../../src/rollout/analysis/evaluate/evaluate-result.ts';
import { bindFloat, bindFloats } from '../../../../src/rollout/analysis/expr/bound-result.ts';
import { formatGoFloat } from '../../../../src/rollout/analysis/providers/format-go-float.ts';
import { createPrometheusProvider } from '../../../../src/rollout/analysis/providers/prometheus-provider.ts';
import { bindPrometheusResult } from '../../../../src/rollout/analysis/providers/prometheus-result.ts';
import type { Metric } from '../../../../src/rollout/analysis/types.ts';

const vector = (...values: number[]): QueryResult => ({ resultType: 'vector', result: values.map((v, i) => ({ metric: { i: String(i) }, value: [0, v] })) });

describe('Prometheus response → result (prometheus.go:processResponse)', () => {
  it('a scalar binds a float; its value string is Go FormatFloat(f, f, -1)', () => {
    const bound = bindPrometheusResult({ resultType: 'scalar', result: [0, 0.95] });
    expect(bound).toMatchObject({ value: '0.95', result: { value: 0.95, nature: { kind: 'float' } } });
    expect(formatGoFloat(10)).toBe('10');
    expect(formatGoFloat(1e21)).toBe('1000000000000000000000');
    expect(formatGoFloat(1e-7)).toBe('0.0000001');
    expect(formatGoFloat(-2.5)).toBe('-2.5');
    expect([NaN, Infinity, -Infinity].map(formatGoFloat)).toEqual(['NaN', '+Inf', '-Inf']);
  });

  it('a vector binds []float64 in series order; empty is [] not nil', () => {
    expect(bindPrometheusResult(vector(10, 11))).toMatchObject({ value: '[10,11]', result: { value: [10, 11] } });
    expect(bindPrometheusResult(vector())).toMatchObject({ value: '[]', result: { value: [] } });
    expect(bindPrometheusResult(vector(NaN))).toMatchObject({ value: '[NaN]' });
  });

  it('a matrix flattens every sample of every series', () => {
    const m: QueryResult = { resultType: 'matrix', result: [{ metric: {}, values: [[0, 1], [1, 2]] }, { metric: {}, values: [[0, 3]] }] };
    expect(bindPrometheusResult(m)).toMatchObject({ value: '[1,2,3]', result: { value: [1, 2, 3] } });
  });

  it('a string result is not supported', () => {
    expect(bindPrometheusResult({ resultType: 'string', result: [0, 'x'] })).toEqual({ error: 'Prometheus metric type not supported' });
  });
});

describe('EvaluateResult (utils/evaluate/evaluate.go)', () => {
  it('applies the success/failure table', () => {
    const r = bindFloat(0.7);
    expect(evaluateResult(r, {}).phase).toBe('Successful');
    expect(evaluateResult(r, { successCondition: 'result > 0.9' }).phase).toBe('Failed');
    expect(evaluateResult(r, { failureCondition: 'result < 0.5' }).phase).toBe('Successful');
    expect(evaluateResult(r, { successCondition: 'result > 0.9', failureCondition: 'result < 0.5' }).phase).toBe('Inconclusive');
    expect(evaluateResult(r, { successCondition: 'true', failureCondition: 'true' }).phase).toBe('Failed');
  });

  it('NaN: Failed with only a success condition, Inconclusive with both', () => {
    const r = bindFloat(NaN);
    expect(evaluateResult(r, { successCondition: 'result >= 0.9' }).phase).toBe('Failed');
    expect(evaluateResult(r, { successCondition: 'result >= 0.9', failureCondition: 'result < 0.9' }).phase).toBe('Inconclusive');
  });

  it('an error in the success condition skips the failure condition; empty results say so (PR #4680)', () => {
    expect(evaluateResult(bindFloats([]), { successCondition: 'result[0] > 1', failureCondition: 'nope' })).toEqual({
      phase: 'Error',
      error: 'could not evaluate successCondition "result[0] > 1": metric result is nil or empty: no data returned from the metric provider',
    });
    expect(evaluateResult(bindFloats([2]), { failureCondition: 'result > 1' })).toEqual({
      phase: 'Error',
      error: 'could not evaluate failureCondition "result > 1": invalid operation: > (mismatched types []float64 and int)',
    });
  });
});

describe('prometheus provider against a MetricSource', () => {
  const metric = (prometheus: Metric['provider']['prometheus'], extra: Partial<Metric> = {}): Metric => ({ name: 'm', provider: { prometheus }, ...extra });

  it('queries at the clock now and stores the value and phase', async () => {
    const clock = new VirtualClock(42_000);
    const asked: [string, number][] = [];
    const source: MetricSource = {
      kind: 'fake',
      instant: async (q, at) => (asked.push([q, at]), vector(0.99)),
      range: async () => vector(),
    };
    const p = createPrometheusProvider(metric({ query: 'up' }, { successCondition: 'result[0] > 0.9' }), source);
    expect(p.metadata()).toEqual({ ResolvedPrometheusQuery: 'up' });
    expect(await p.run({ clock })).toEqual({ phase: 'Successful', startedAt: 42_000, finishedAt: 42_000, value: '[0.99]' });
    expect(asked).toEqual([['up', 42_000]]);
  });

  it('a query error is an Error measurement with the message and no value', async () => {
    const clock = new VirtualClock(0);
    const source: MetricSource = { kind: 'fake', instant: async () => Promise.reject(new Error('bad_data: parse error')), range: async () => vector() };
    const m = await createPrometheusProvider(metric({ query: 'x(' }), source).run({ clock });
    expect(m).toEqual({ phase: 'Error', message: 'bad_data: parse error', startedAt: 0, finishedAt: 0 });
  });

  it('a range query evaluates start/end with now() at clock now and step as a Go duration', async () => {
    const clock = new VirtualClock(600_000);
    const calls: number[][] = [];
    const source: MetricSource = { kind: 'fake', instant: async () => vector(), range: async (_q, s, e, st) => (calls.push([s, e, st]), vector(1)) };
    const m = metric({ query: 'q', rangeQuery: { start: 'now() - duration("5m")', end: 'now()', step: '1m' } }, { successCondition: 'all(result, # < 1000)' });
    expect((await createPrometheusProvider(m, source).run({ clock })).phase).toBe('Successful');
    expect(calls).toEqual([[300_000, 600_000, 60_000]]);
  });

  it('rejects a negative timeout or a malformed address at construction (provider error)', () => {
    const source: MetricSource = { kind: 'fake', instant: async () => vector(), range: async () => vector() };
    expect(() => createPrometheusProvider(metric({ query: 'q', timeout: -1 }), source)).toThrow('prometheus timeout should not be negative');
    expect(() => createPrometheusProvider(metric({ query: 'q', address: 'not a url' }), source)).toThrow('prometheus address is not is url format');
  });

  it('times out on the run clock', async () => {
    const clock = new VirtualClock(0);
    const source: MetricSource = { kind: 'slow', instant: () => new Promise(() => {}), range: async () => vector() };
    const pending = createPrometheusProvider(metric({ query: 'q', timeout: 5 }), source).run({ clock });
    await clock.runUntil(10_000);
    expect(await pending).toEqual({ phase: 'Error', message: 'context deadline exceeded', startedAt: 0, finishedAt: 5_000 });
  });
});
