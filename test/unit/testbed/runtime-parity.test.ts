import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/clock/virtual-clock.ts';
import { loadServiceCode } from '../../../src/testbed/service-code.ts';
import { SimRuntime } from '../../../src/testbed/sim/sim-runtime.ts';
import { createKeepAliveAgent, requestJson } from '../../../src/testbed/process/http-json.ts';
import { createRng } from '../../../src/util/rng.ts';
import { LocalResources } from '../../../src/world/local/local-resources.ts';
import { startLocalTestbed, type LocalTestbed } from '../../../src/world/local/local-testbed.ts';

/**
 * One runtime core, two runtimes: the same handler behaviours (a sync throw, an async throw,
 * ctx.fail, bad return values, a hang past the caller's timeout, a retry that then succeeds, an
 * unknown route) give the same status, the same retry and outcome counts, and the same logs on
 * the sim runtime (virtual time) and in real service processes (HTTP on 127.0.0.1).
 */
const DEP = `
let flaky = 0;
export const routes = {
  // A plain, non-async function that throws: it must not take the runtime down.
  'POST /sync-throw': () => { throw new TypeError("Cannot read properties of undefined (reading 'reduced')"); },
  'POST /async-throw': async () => { throw new Error('async boom'); },
  'POST /fail': async (ctx) => ctx.fail(418, 'teapot'),
  'POST /bad-return': async () => 42,
  'POST /no-return': async () => undefined,
  'POST /bad-status': async () => ({ status: 'ok' }),
  'POST /hang': async (ctx) => { await ctx.work(300); return { status: 200, body: {} }; },
  'POST /flaky': async () => (++flaky % 2 === 1 ? { status: 500, body: { error: 'flaky' } } : { status: 200, body: { ok: true } }),
};
`;
const EDGE = `
export const routes = {
  'POST /via': async (ctx, req) => {
    const res = await ctx.call('dep', req.body.route, {}, req.body.opts);
    return { status: res.status, body: res.body };
  },
};
`;
const CONFIG = JSON.stringify({ runtime: { replicas: 1, concurrencyPerReplica: 4, queueLimit: 8 }, dependencies: {}, flags: {} });

const CASES: { name: string; route: string; opts?: Record<string, number> }[] = [
  { name: 'sync throw', route: '/sync-throw' },
  { name: 'async throw', route: '/async-throw' },
  { name: 'ctx.fail', route: '/fail' },
  { name: 'number returned', route: '/bad-return' },
  { name: 'nothing returned', route: '/no-return' },
  { name: 'status not a number', route: '/bad-status' },
  { name: 'hang past the timeout', route: '/hang', opts: { timeoutMs: 100 } },
  { name: 'retry then success', route: '/flaky', opts: { retries: 2 } },
  { name: 'unknown route', route: '/nope' },
];

interface Observed { status: number; outcomes: Record<string, number>; retries: number; logs: string[] }

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-parity-'));
  for (const [name, code] of [['edge', EDGE], ['dep', DEP]]) {
    await mkdir(join(dir, 'services', name), { recursive: true });
    await writeFile(join(dir, 'services', name, 'handler.js'), code);
    await writeFile(join(dir, 'services', name, 'config.json'), CONFIG);
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function observeSim(): Promise<Observed[]> {
  const clock = new VirtualClock();
  const runtime = new SimRuntime(clock, createRng(1));
  for (const name of ['edge', 'dep']) runtime.addVersion(await loadServiceCode(dir, name), 'stable');
  const out: Observed[] = [];
  for (const c of CASES) {
    const before = runtime.logs.query({ service: 'dep' }).length;
    const counters = (): Map<string, number> => new Map([...runtime.metrics.instruments('edge', 'stable').counters.values()].map((x) => [JSON.stringify(x.labels), x.value]));
    const c0 = counters();
    let status = 0;
    void runtime.invoke('edge', { method: 'POST', route: '/via', body: { route: c.route, opts: c.opts ?? {} } }, {}).then((r) => (status = r.status));
    await clock.runUntil(clock.now() + 5_000);
    const c1 = counters();
    const delta = (name: string, extra: Record<string, string> = {}): number => {
      let n = 0;
      for (const [k, v] of c1) {
        const labels = JSON.parse(k) as Record<string, string>;
        if (labels.__name__ === name && Object.entries(extra).every(([a, b]) => labels[a] === b)) n += v - (c0.get(k) ?? 0);
      }
      return n;
    };
    const outcomes: Record<string, number> = {};
    for (const o of ['success', 'error', 'timeout', 'rejected']) if (delta('dependency_requests_total', { outcome: o })) outcomes[o] = delta('dependency_requests_total', { outcome: o });
    out.push({ status, outcomes, retries: delta('dependency_retries_total'), logs: runtime.logs.query({ service: 'dep' }).slice(before).map((l) => `${l.level} ${l.message}`) });
  }
  return out;
}

async function observeProcesses(): Promise<Observed[]> {
  const resources = new LocalResources();
  const logs: string[] = [];
  let testbed: LocalTestbed | undefined;
  const agent = createKeepAliveAgent();
  try {
    testbed = await startLocalTestbed({
      services: ['edge', 'dep'], deployService: 'dep', stableDir: dir, stableReplicas: new Map([['edge', 1], ['dep', 1]]), rng: createRng(1), resources,
      onLogs: (service, _v, lines) => { if (service === 'dep') logs.push(...lines.map((l) => `${l.level} ${l.message}`)); },
      onFailure: (err) => { throw err; },
    });
    const edge = testbed.routers.get('edge')!.port;
    const edgeProcess = testbed.stable.get('edge')!.port;
    const scrape = async (): Promise<Map<string, number>> => {
      const text = (await requestJson(agent, edgeProcess, { method: 'GET', path: '/metrics' })).body as unknown as string;
      const m = new Map<string, number>();
      for (const line of String(typeof text === 'string' ? text : JSON.stringify(text)).split('\n')) {
        const hit = /^(dependency_(?:requests|retries)_total)\{([^}]*)\} (\S+)/.exec(line);
        if (hit) m.set(`${hit[1]}{${hit[2]}}`, Number(hit[3]));
      }
      return m;
    };
    const out: Observed[] = [];
    for (const c of CASES) {
      const before = logs.length;
      const c0 = await scrape();
      const res = await requestJson(agent, edge, { method: 'POST', path: '/via', body: JSON.stringify({ route: c.route, opts: c.opts ?? {} }), timeoutMs: 5_000 });
      // Logs reach the parent on the next stats push (every 100 ms).
      await new Promise((r) => setTimeout(r, 400));
      const c1 = await scrape();
      const delta = (name: string, outcome?: string): number => {
        let n = 0;
        for (const [k, v] of c1) if (k.startsWith(`${name}{`) && (!outcome || k.includes(`outcome="${outcome}"`))) n += v - (c0.get(k) ?? 0);
        return n;
      };
      const outcomes: Record<string, number> = {};
      for (const o of ['success', 'error', 'timeout', 'rejected']) if (delta('dependency_requests_total', o)) outcomes[o] = delta('dependency_requests_total', o);
      out.push({ status: res.status, outcomes, retries: delta('dependency_retries_total'), logs: logs.slice(before) });
    }
    return out;
  } finally {
    agent.destroy();
    await resources.stopAll();
  }
}

describe('the runtime core: one table of handler behaviours, two runtimes', () => {
  it('gives the same status, retries, outcomes and logs on sim and in processes', async () => {
    const sim = await observeSim();
    const proc = await observeProcesses();
    for (const [i, c] of CASES.entries()) expect(proc[i], c.name).toEqual(sim[i]);
    // And what they agree on is right:
    const by = Object.fromEntries(CASES.map((c, i) => [c.name, sim[i]]));
    expect(by['sync throw']).toEqual({ status: 500, outcomes: { error: 1 }, retries: 0, logs: ["error unhandled error: Cannot read properties of undefined (reading 'reduced')"] });
    expect(by['ctx.fail']).toMatchObject({ status: 418, logs: [] });
    expect(by['number returned'].logs[0]).toMatch(/handler returned number 42, not a response/);
    expect(by['nothing returned'].status).toBe(500);
    expect(by['status not a number'].status).toBe(500);
    expect(by['hang past the timeout']).toMatchObject({ status: 504, outcomes: { timeout: 1 } });
    expect(by['retry then success']).toMatchObject({ status: 200, outcomes: { error: 1, success: 1 }, retries: 1 });
    expect(by['unknown route']).toMatchObject({ status: 404, logs: [] });
  }, 60_000);
});
