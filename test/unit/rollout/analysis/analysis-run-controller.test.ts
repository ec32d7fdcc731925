import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../src/clock/virtual-clock.ts';
import { WallClock } from '../../../../src/clock/wall-clock.ts';
import type { MetricSource, QueryResult } from '../../../../src/metrics/metric-source.ts';
import { startAnalysisRun } from '../../../../src/rollout/analysis/index.ts';
import type { AnalysisRunSpec, Metric } from '../../../../src/rollout/analysis/types.ts';

/** A source whose answer is a function of (query, time); a thrown error is a query error. */
function sourceOf(fn: (query: string, at: number) => number | number[]): MetricSource & { calls: [string, number][] } {
  const calls: [string, number][] = [];
  const answer = async (query: string, at: number): Promise<QueryResult> => {
    calls.push([query, at]);
    const v = fn(query, at);
    return Array.isArray(v) ? { resultType: 'vector', result: v.map((x) => ({ metric: {}, value: [at, x] as [number, number] })) } : { resultType: 'scalar', result: [at, v] };
  };
  return { kind: 'fn', calls, instant: answer, range: (q, s) => answer(q, s) };
}

const prom = (name: string, extra: Partial<Metric> = {}): Metric => ({ name, provider: { prometheus: { query: name } }, ...extra });

function start(spec: AnalysisRunSpec, source: MetricSource, clock = new VirtualClock(0)) {
  const events: { t: number; type: string; data: Record<string, unknown> }[] = [];
  const handle = startAnalysisRun({ name: 'run-1', spec, clock, metrics: source, emit: (type, data) => events.push({ t: clock.now(), type, data }) });
  return { handle, clock, events };
}

describe('AnalysisRun scheduling (analysis.go:generateMetricTasks, calculateNextReconcileTime)', () => {
  it('measures at once, then exactly every interval, until count non-error measurements', async () => {
    const source = sourceOf(() => 1);
    const { handle, clock } = start({ metrics: [prom('m', { interval: '30s', count: 3, successCondition: 'result == 1' })] }, source);
    await clock.runUntil(3_600_000);
    expect(source.calls.map(([, t]) => t)).toEqual([0, 30_000, 60_000]);
    expect(handle.phase).toBe('Successful');
    expect(handle.status.completedAt).toBe(60_000);
  });

  it('initialDelay counts from startedAt and is never measured in the first reconcile (even 0s)', async () => {
    const source = sourceOf(() => 1);
    const { clock } = start({ metrics: [prom('now'), prom('later', { initialDelay: '40s' }), prom('zero', { initialDelay: '0s' })] }, source);
    await clock.runUntil(100_000);
    expect(source.calls).toEqual([['now', 0], ['zero', 0], ['later', 40_000]]);
  });

  it('retries an Error after 10 s whatever the interval; errors do not use up count', async () => {
    let n = 0;
    const source = sourceOf(() => {
      if (n++ < 2) throw new Error('connection refused');
      return 1;
    });
    const { handle, clock } = start({ metrics: [prom('m', { interval: '5m', count: 2 })] }, source);
    await clock.runUntil(3_600_000);
    expect(source.calls.map(([, t]) => t)).toEqual([0, 10_000, 20_000, 320_000]);
    const r = handle.status.metricResults[0];
    expect([r.count, r.error, r.consecutiveError, handle.phase]).toEqual([2, 2, 0, 'Successful']);
  });

  it('five consecutive errors (default limit 4) make the metric and the run Error', async () => {
    const source = sourceOf(() => {
      throw new Error('timeout');
    });
    const { handle, clock } = start({ metrics: [prom('m', { interval: '1m' })] }, source);
    const done = await runToCompletion(clock, handle.done);
    expect(source.calls.map(([, t]) => t)).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(done.phase).toBe('Error');
    expect(done.message).toBe('Metric "m" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4): "Error Message: timeout"');
  });

  it('a failing metric terminates its indefinite sibling, which still gets the measurement due in the same reconcile', async () => {
    const source = sourceOf((q, at) => (q === 'a' && at >= 60_000 ? 0.5 : 1));
    const spec = { metrics: [prom('a', { interval: '1m', successCondition: 'result > 0.9' }), prom('b', { interval: '1m', successCondition: 'result > 0.9' })] };
    const { handle, clock } = start(spec, source);
    const done = await runToCompletion(clock, handle.done);
    expect(source.calls).toEqual([['a', 0], ['b', 0], ['a', 60_000], ['b', 60_000]]);
    expect(done.metricResults.map((r) => [r.name, r.phase])).toEqual([['a', 'Failed'], ['b', 'Successful']]);
    expect(done.phase).toBe('Failed');
    expect(done.runSummary).toEqual({ count: 2, successful: 1, failed: 1, inconclusive: 0, error: 0 });
  });

  it('terminate() stops an indefinite run: Successful, "Run Terminated", no further measurement', async () => {
    const source = sourceOf(() => 1);
    const { handle, clock, events } = start({ metrics: [prom('m', { interval: '1m' })] }, source);
    await clock.runUntil(150_000);
    handle.terminate();
    await clock.runUntil(3_600_000);
    expect(source.calls.map(([, t]) => t)).toEqual([0, 60_000, 120_000]);
    expect(handle.status).toMatchObject({ phase: 'Successful', message: 'Run Terminated', completedAt: 150_000 });
    expect(events.filter((e) => e.type === 'analysis.run.terminate')).toEqual([{ t: 150_000, type: 'analysis.run.terminate', data: { run: 'run-1' } }]);
  });

  it('terminating before the first measurement completes Successful without measuring', async () => {
    const source = sourceOf(() => 1);
    const { handle, clock } = start({ metrics: [prom('m', { initialDelay: '1m' })] }, source);
    handle.terminate();
    await clock.runUntil(3_600_000);
    expect(source.calls).toEqual([]);
    expect(handle.status).toMatchObject({ phase: 'Successful', message: 'Run Terminated', metricResults: [] });
  });

  it('dry-run metrics are assessed but never decide the run', async () => {
    const source = sourceOf(() => 0);
    const { handle, clock } = start({ metrics: [prom('m', { successCondition: 'result > 1' })], dryRun: [{ metricName: '.*' }] }, source);
    const done = await runToCompletion(clock, handle.done);
    expect(done.phase).toBe('Successful');
    expect(done.message).toBeUndefined();
    expect(done.metricResults[0]).toMatchObject({ phase: 'Failed', dryRun: true, message: 'Metric assessed Failed due to failed (1) > failureLimit (0)' });
    expect(done.dryRunSummary).toEqual({ count: 1, successful: 0, failed: 1, inconclusive: 0, error: 0 });
  });

  it('keeps the newest 10 measurements, or the retention limit; counters are never trimmed', async () => {
    const source = sourceOf(() => 1);
    const spec = { metrics: [prom('a', { interval: '1s', count: 12 }), prom('b', { interval: '1s', count: 12 })], measurementRetention: [{ metricName: '^b$', limit: 3 }] };
    const { handle, clock } = start(spec, source);
    const done = await runToCompletion(clock, handle.done);
    expect(done.metricResults.map((r) => [r.measurements.length, r.count])).toEqual([[10, 12], [3, 12]]);
    expect(done.metricResults[1].measurements.map((m) => m.startedAt)).toEqual([9_000, 10_000, 11_000]);
  });

  it('substitutes {{args.x}} everywhere and stores the resolved query', async () => {
    const source = sourceOf(() => [0.99]);
    const spec: AnalysisRunSpec = {
      metrics: [{ name: 'm', successCondition: 'result[0] >= {{ args.min }}', provider: { prometheus: { query: 'rate{svc="{{args.svc}}"}' } } }],
      args: [{ name: 'svc', value: 'check"out' }, { name: 'min', value: '0.95' }],
    };
    const { handle, clock } = start(spec, source);
    const done = await runToCompletion(clock, handle.done);
    expect(source.calls[0][0]).toBe('rate{svc="check"out"}');
    expect(done.phase).toBe('Successful');
    expect(done.metricResults[0].metadata).toEqual({ ResolvedPrometheusQuery: 'rate{svc="check"out"}' });
  });

  it('an unknown placeholder makes the run Error before any measurement (the last one is named)', async () => {
    const source = sourceOf(() => 1);
    const spec = { metrics: [{ name: 'm', successCondition: '{{args.a}}', provider: { prometheus: { query: '{{args.b}}' } } }] };
    const { handle, clock, events } = start(spec, source);
    const done = await runToCompletion(clock, handle.done);
    expect(done).toMatchObject({ phase: 'Error', message: 'Unable to resolve metric arguments: failed to resolve {{args.b}}' });
    expect(source.calls).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['analysis.run.phase']);
  });

  it('emits measurement, metric and run events with a fixed key order', async () => {
    const source = sourceOf(() => [0.5]);
    const { handle, clock, events } = start({ metrics: [prom('m', { successCondition: 'result[0] > 0.9' })] }, source);
    await runToCompletion(clock, handle.done);
    expect(events.map((e) => [e.type, Object.keys(e.data).join(',')])).toEqual([
      ['analysis.measurement', 'run,metric,phase,value,startedAt,finishedAt,count,successful,failed,inconclusive,error,consecutiveError,consecutiveSuccess'],
      ['analysis.metric.phase', 'run,metric,phase,previous'],
      ['analysis.run.phase', 'run,phase,previous,message'],
    ]);
    expect(events[2].data).toEqual({ run: 'run-1', phase: 'Failed', previous: 'Pending', message: 'Metric "m" assessed Failed due to failed (1) > failureLimit (0)' });
  });

  it('is deterministic: the same inputs give byte-identical event streams', async () => {
    const run = async () => {
      const source = sourceOf((_q, at) => [(at / 1000) % 7 === 0 ? 0.5 : 0.99]);
      const { handle, clock, events } = start({ metrics: [prom('m', { interval: '10s', failureLimit: 2, successCondition: 'result[0] > 0.9' })] }, source);
      await runToCompletion(clock, handle.done);
      return JSON.stringify(events);
    };
    expect(await run()).toBe(await run());
  });

  it('onChange fires after each status change and done resolves with the final status', async () => {
    const source = sourceOf(() => 1);
    const { handle, clock } = start({ metrics: [prom('m', { interval: '1m', count: 2 })] }, source);
    const phases: string[] = [];
    handle.onChange((s) => phases.push(`${clock.now()}:${s.phase}`));
    const done = await runToCompletion(clock, handle.done);
    expect(phases).toEqual(['0:Running', '60000:Successful']);
    expect(done.phase).toBe('Successful');
  });

  it('runs on the wall clock too', async () => {
    const clock = new WallClock();
    const source = sourceOf(() => 1);
    const t0 = Date.now();
    const handle = startAnalysisRun({ name: 'wall', spec: { metrics: [prom('m', { interval: '50ms', count: 3 })] }, clock, metrics: source, emit: () => {} });
    const done = await handle.done;
    expect(done.phase).toBe('Successful');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(95);
    expect(source.calls).toHaveLength(3);
  });

  it('an interval of 0s cannot spin forever at one instant', async () => {
    const source = sourceOf(() => 1);
    const clock = new VirtualClock(0);
    const handle = startAnalysisRun({ name: 'z', spec: { metrics: [prom('m', { interval: '0s', count: 50 })] }, clock, metrics: source, emit: () => {}, maxReconcilesPerInstant: 5 });
    const done = await runToCompletion(clock, handle.done);
    expect(done.phase).toBe('Successful');
    expect(source.calls.length).toBe(50);
  });
});

async function runToCompletion<T>(clock: VirtualClock, done: Promise<T>): Promise<T> {
  let finished = false;
  void done.then(() => (finished = true));
  await clock.runUntil(24 * 3_600_000, () => finished);
  return done;
}

describe('providers firedrill does not run', () => {
  it('make the run Error up front, naming the provider', async () => {
    const source = sourceOf(() => 1);
    const spec = { metrics: [{ name: 'j', provider: { job: { spec: {} } } } as unknown as Metric] };
    const { handle, clock } = start(spec, source);
    const done = await runToCompletion(clock, handle.done);
    expect(done).toMatchObject({ phase: 'Error', message: 'Analysis spec invalid: metrics[0]: provider "job" is not supported by firedrill (supported: prometheus, web)' });
  });
});
