import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../src/clock/virtual-clock.ts';
import type { MetricSource } from '../../../../src/metrics/metric-source.ts';
import { startAnalysisRun } from '../../../../src/rollout/analysis/index.ts';

const noMetrics: MetricSource = { kind: 'none', instant: () => Promise.reject(new Error('unused')), range: () => Promise.reject(new Error('unused')) };

describe('web metrics in virtual time with an injected fetch', () => {
  it('finishes each measurement at the instant it started, even through a Response body stream', async () => {
    const clock = new VirtualClock(0);
    const asked: number[] = [];
    const fetchImpl = (async () => {
      asked.push(clock.now());
      return new Response(JSON.stringify({ ok: clock.now() < 60_000 }));
    }) as typeof fetch;
    const events: [number, string, unknown][] = [];
    const handle = startAnalysisRun({
      name: 'web',
      spec: { metrics: [{ name: 'w', interval: '30s', successCondition: 'result.ok', provider: { web: { url: 'http://sim/health' } } }] },
      clock,
      metrics: noMetrics,
      fetchImpl,
      emit: (type, data) => events.push([clock.now(), type, data.phase]),
    });
    await clock.runUntil(3_600_000);
    expect(asked).toEqual([0, 30_000, 60_000]);
    expect(handle.status).toMatchObject({ phase: 'Failed', completedAt: 60_000 });
    expect(handle.status.metricResults[0].measurements.map((m) => [m.startedAt, m.finishedAt])).toEqual([[0, 0], [30_000, 30_000], [60_000, 60_000]]);
    expect(events.at(-1)).toEqual([60_000, 'analysis.run.phase', 'Failed']);
  });
});
