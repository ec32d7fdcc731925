import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../src/clock/virtual-clock.ts';
import { SimRuntime, TIMEOUT_STATUS, type Trace } from '../../../../src/testbed/sim/sim-runtime.ts';
import type { RouteHandler, ServiceConfig } from '../../../../src/testbed/sdk.ts';
import type { ServiceCode } from '../../../../src/testbed/service-code.ts';
import { createRng } from '../../../../src/util/rng.ts';

function service(name: string, routes: Record<string, RouteHandler>, runtime: Partial<ServiceConfig['runtime']> = {}, deps: ServiceConfig['dependencies'] = {}): ServiceCode {
  return { name, routes: new Map(Object.entries(routes)), config: { runtime: { replicas: 1, concurrencyPerReplica: 1, queueLimit: 100, ...runtime }, dependencies: deps, flags: {} } };
}

function setup(jitter = 0) {
  const clock = new VirtualClock();
  const runtime = new SimRuntime(clock, createRng(1), jitter);
  return { clock, runtime };
}

describe('SimRuntime', () => {
  it('spends ctx.work in virtual time and queues on a busy pool', async () => {
    const { clock, runtime } = setup();
    runtime.addVersion(service('a', { 'GET /x': async (ctx) => { await ctx.work(100); return { status: 200 }; } }), 'stable');
    const done: number[] = [];
    for (let i = 0; i < 3; i++) void runtime.invoke('a', { method: 'GET', route: '/x' }, {}).then(() => done.push(clock.now()));
    await clock.runUntil(1000);
    expect(done).toEqual([100, 200, 300]);
  });

  it('times out slow calls, retries them, and keeps the callee working on abandoned ones', async () => {
    const { clock, runtime } = setup();
    let calls = 0;
    runtime.addVersion(service('slow', { 'POST /y': async (ctx) => { calls++; await ctx.work(500); return { status: 200 }; } }, { concurrencyPerReplica: 10 }), 'stable');
    runtime.addVersion(service('caller', { 'GET /x': (ctx) => ctx.call('slow', '/y', {}, { timeoutMs: 100, retries: 2 }) }, { concurrencyPerReplica: 10 }), 'stable');
    let res: { status: number } | undefined;
    let at = 0;
    void runtime.invoke('caller', { method: 'GET', route: '/x' }, {}).then((r) => { res = r; at = clock.now(); });
    await clock.runUntil(2000);
    expect(res?.status).toBe(TIMEOUT_STATUS);
    expect(at).toBe(300);
    expect(calls).toBe(3);
  });

  it('sheds load with 503 when the queue is full', async () => {
    const { clock, runtime } = setup();
    runtime.addVersion(service('a', { 'GET /x': async (ctx) => { await ctx.work(100); return { status: 200 }; } }, { queueLimit: 1 }), 'stable');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) void runtime.invoke('a', { method: 'GET', route: '/x' }, {}).then((r) => statuses.push(r.status));
    await clock.runUntil(1000);
    expect(statuses.sort()).toEqual([200, 200, 503]);
  });

  it('splits traffic by canary weight and records which version served', async () => {
    const { clock, runtime } = setup();
    const handler: RouteHandler = async () => ({ status: 200 });
    runtime.addVersion(service('a', { 'GET /x': handler }, { concurrencyPerReplica: 100 }), 'stable');
    runtime.addVersion(service('a', { 'GET /x': handler }, { concurrencyPerReplica: 100 }), 'canary');
    runtime.setCanaryWeight('a', 20);
    let canary = 0;
    for (let i = 0; i < 2000; i++) {
      const trace: Trace = { watch: 'a' };
      void runtime.invoke('a', { method: 'GET', route: '/x' }, trace).then(() => { if (trace.served === 'canary') canary++; });
    }
    await clock.runUntil(10);
    expect(canary / 2000).toBeGreaterThan(0.17);
    expect(canary / 2000).toBeLessThan(0.23);
  });

  it('turns a thrown error into a 500 and ctx.fail into its status', async () => {
    const { clock, runtime } = setup();
    runtime.addVersion(service('a', {
      'GET /boom': async () => { throw new TypeError("Cannot read properties of undefined (reading 'reduced')"); },
      'GET /fail': async (ctx) => ctx.fail(402, 'declined'),
    }), 'stable');
    const out: number[] = [];
    void runtime.invoke('a', { method: 'GET', route: '/boom' }, {}).then((r) => out.push(r.status));
    void runtime.invoke('a', { method: 'GET', route: '/fail' }, {}).then((r) => out.push(r.status));
    await clock.runUntil(10);
    expect(out.sort()).toEqual([402, 500]);
    expect(runtime.logs.query({})[0].message).toMatch(/reading 'reduced'/);
  });
});
