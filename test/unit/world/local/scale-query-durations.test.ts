import { describe, expect, it } from 'vitest';
import { scaleQueryDurations, shortestRangeMs } from '../../../../src/world/local/scale-query-durations.ts';
import { ScaledClock } from '../../../../src/world/local/scaled-clock.ts';
import { ScaledMetricSource } from '../../../../src/world/local/scaled-metric-source.ts';

const atIdentity = (s: number): number => s + 1000;

describe('scaleQueryDurations', () => {
  it('divides ranges, subquery ranges and steps, and offsets by the scale', () => {
    expect(scaleQueryDurations('rate(x[1m])', 10, atIdentity)).toBe('rate(x[6000ms])');
    expect(scaleQueryDurations('max_over_time(rate(x{a="b"}[1m])[5m:30s])', 20, atIdentity)).toBe('max_over_time(rate(x{a="b"}[3000ms])[15000ms:1500ms])');
    expect(scaleQueryDurations('x offset 1h', 60, atIdentity)).toBe('x offset 60000ms');
    expect(scaleQueryDurations('x offset -1h', 60, atIdentity)).toBe('x offset -60000ms');
    expect(scaleQueryDurations('rate(x[1h30m])', 10, atIdentity)).toBe('rate(x[540000ms])');
    expect(scaleQueryDurations('rate(x[90])', 10, atIdentity)).toBe('rate(x[9000ms])');
  });

  it('leaves numbers that are not durations alone, and maps @ timestamps', () => {
    expect(scaleQueryDurations('sum(rate(x[5m])) / 2 > 0.05', 10, atIdentity)).toBe('sum(rate(x[30000ms])) / 2 > 0.05');
    expect(scaleQueryDurations('x @ 300', 10, atIdentity)).toBe('x @ 1300.000');
    expect(scaleQueryDurations('histogram_quantile(0.99, sum by (le) (rate(h_bucket[1m])))', 4, atIdentity)).toBe('histogram_quantile(0.99, sum by (le) (rate(h_bucket[15000ms])))');
  });

  it('rewrites the AnalysisTemplate queries of the built-in stacks', () => {
    const q = `(
  sum(rate(http_requests_total{service="checkout",version="canary",code=~"5.."}[1m]))
  or vector(0)
)
/
sum(rate(http_requests_total{service="checkout",version="canary"}[1m]))`;
    expect(scaleQueryDurations(q, 20, atIdentity)).toBe(q.replaceAll('[1m]', '[3000ms]'));
  });

  it('returns a query unchanged at scale 1, and one it cannot read unchanged', () => {
    expect(scaleQueryDurations('rate(x[1m])', 1, atIdentity)).toBe('rate(x[1m])');
    expect(scaleQueryDurations('rate(x[1m]', 10, atIdentity)).toBe('rate(x[1m]');
  });

  it('never makes a duration shorter than 1 ms', () => {
    expect(scaleQueryDurations('rate(x[1ms])', 10, atIdentity)).toBe('rate(x[1ms])');
  });
});

describe('shortestRangeMs and the short-range warning', () => {
  it('finds the shortest range selector, subquery ranges included, steps and offsets not', () => {
    expect(shortestRangeMs('sum(rate(a[5m])) / sum(rate(b[1m]))')).toBe(60_000);
    expect(shortestRangeMs('max_over_time(rate(x[2m])[5m:10s]) offset 5s')).toBe(120_000);
    expect(shortestRangeMs('up{path="[x]"}')).toBeUndefined();
  });

  it('tells once per query when a compressed range spans under two scrapes', async () => {
    const told: [string, number][] = [];
    const inner = { kind: 'fake', instant: async () => ({ resultType: 'vector' as const, result: [] }), range: async () => ({ resultType: 'matrix' as const, result: [] }) };
    const source = new ScaledMetricSource(inner, new ScaledClock(50), { scrapeIntervalMs: 1000, onShortRange: (q, ms) => told.push([q, ms]) });
    await source.instant('rate(x[1m])', 0);
    await source.instant('rate(x[1m])', 30_000);
    await source.instant('rate(x[5m])', 0); // 6 s of real time: six scrapes
    expect(told).toEqual([['rate(x[1m])', 60_000]]);
    const fine = new ScaledMetricSource(inner, new ScaledClock(30), { scrapeIntervalMs: 1000, onShortRange: (q, ms) => told.push([q, ms]) });
    await fine.instant('rate(x[1m])', 0); // 2 s: two scrapes
    expect(told).toHaveLength(1);
  });
});
