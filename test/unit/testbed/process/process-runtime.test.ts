import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tsdb } from '../../../../src/metrics/tsdb.ts';
import { MetricsRecorder } from '../../../../src/testbed/sim/metrics-recorder.ts';
import { TIMEOUT_STATUS } from '../../../../src/testbed/process/http-json.ts';
import { parseExposition } from '../../../../src/world/local/exposition-parser.ts';
import { startFixture } from './process-fixture.ts';

/** The same contract as the sim runtime's tests, on real processes and real HTTP. */
describe('process runtime', () => {
  let fx: Awaited<ReturnType<typeof startFixture>>;
  let slowCalls = 0;

  beforeAll(async () => {
    fx = await startFixture([
      { name: 'slow', handler: "export const routes = { 'POST /y': async (ctx) => { await ctx.work(300); return { status: 200, body: { ok: true } }; } };", runtime: { replicas: 1, concurrencyPerReplica: 10, queueLimit: 10 } },
      { name: 'caller', handler: "export const routes = { 'GET /x': (ctx) => ctx.call('slow', '/y', { a: 1 }, { timeoutMs: 100, retries: 2 }) };" },
      { name: 'narrow', handler: "export const routes = { 'GET /z': async (ctx) => { await ctx.work(200); return { status: 200 }; }, 'GET /boom': async () => { throw new TypeError('nope'); }, 'GET /fail': async (ctx) => ctx.fail(418, 'teapot') };", runtime: { replicas: 1, concurrencyPerReplica: 1, queueLimit: 1 } },
    ]);
  }, 60_000);
  afterAll(() => fx?.stop());

  it('times out slow calls, retries them, and keeps the callee working on abandoned ones', async () => {
    const started = performance.now();
    const res = await fx.call('caller', 'GET', '/x');
    const took = performance.now() - started;
    expect(res.status).toBe(TIMEOUT_STATUS);
    // Three attempts of 100 ms each (plus HTTP and jitter-free scheduling overhead).
    expect(took).toBeGreaterThanOrEqual(295);
    expect(took).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 700));
    const slow = parseExposition(await fx.metrics('slow'));
    slowCalls = slow.find((s) => s.labels.__name__ === 'http_requests_total' && s.labels.code === '200')?.value ?? 0;
    expect(slowCalls).toBe(3);
    const caller = parseExposition(await fx.metrics('caller'));
    expect(caller.find((s) => s.labels.__name__ === 'dependency_requests_total' && s.labels.outcome === 'timeout')?.value).toBe(3);
    expect(caller.find((s) => s.labels.__name__ === 'dependency_retries_total')?.value).toBe(2);
  });

  it('queues on a busy pool and sheds load with 503 when the queue is full', async () => {
    const statuses = await Promise.all([0, 1, 2].map(() => fx.call('narrow', 'GET', '/z').then((r) => r.status)));
    expect(statuses.sort()).toEqual([200, 200, 503]);
  });

  it('answers thrown errors with 500 and ctx.fail with its status', async () => {
    expect((await fx.call('narrow', 'GET', '/boom')).status).toBe(500);
    expect((await fx.call('narrow', 'GET', '/fail')).status).toBe(418);
    expect((await fx.call('narrow', 'GET', '/nothing')).status).toBe(404);
  });

  it('exports exactly the sim runtime\'s series names and label names', async () => {
    const sim = new MetricsRecorder();
    const v = sim.instruments('caller', 'stable');
    sim.countRequest(v, '/x', 504, 0.3);
    sim.countDependency(v, 'slow', 'timeout');
    sim.countRetry(v, 'slow');
    sim.registerGauge('service_queue_depth', { service: 'caller', version: 'stable' }, () => 0);
    sim.registerGauge('service_busy_workers', { service: 'caller', version: 'stable' }, () => 0);
    sim.registerGauge('service_workers', { service: 'caller', version: 'stable' }, () => 10);
    const tsdb = new Tsdb();
    sim.scrapeInto(tsdb, 0);
    const shape = (labels: Record<string, string>): string => `${labels.__name__}{${Object.keys(labels).filter((k) => k !== '__name__').sort().join(',')}}`;
    const simShapes = new Set(tsdb.series().map((s) => shape(s.labels)));
    const processShapes = new Set(parseExposition(await fx.metrics('caller')).map((s) => shape(s.labels)));
    expect([...processShapes].sort()).toEqual([...simShapes].sort());
    const les = parseExposition(await fx.metrics('caller')).filter((s) => s.labels.__name__ === 'http_request_duration_seconds_bucket').map((s) => s.labels.le);
    const simLes = tsdb.series().filter((s) => s.labels.__name__ === 'http_request_duration_seconds_bucket').map((s) => s.labels.le);
    expect(les).toEqual(simLes);
  });
});
