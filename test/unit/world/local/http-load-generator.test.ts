import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeepAliveAgent } from '../../../../src/testbed/process/http-json.ts';
import { createRng } from '../../../../src/util/rng.ts';
import { HttpLoadGenerator } from '../../../../src/world/local/http-load-generator.ts';
import type { RequestOutcome } from '../../../../src/world/truth.ts';

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

async function serve(delayMs: (path: string) => number): Promise<number> {
  server = createServer((req, res) => {
    req.resume();
    setTimeout(() => res.end('{}'), delayMs(req.url ?? ''));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
}

function generator(port: number, spec: Partial<ConstructorParameters<typeof HttpLoadGenerator>[0]['spec']>, outcomes: RequestOutcome[]) {
  const agent = createKeepAliveAgent();
  const gen = new HttpLoadGenerator({
    port, agent, rng: createRng(1), bodies: ['{"items":[]}'], now: () => performance.now(), onOutcome: (o) => outcomes.push(o),
    spec: { rate: 200, maxInFlight: 1000, timeoutMs: 1000, mix: [{ route: '/a', method: 'POST', weight: 1 }, { route: '/b', method: 'GET', weight: 1 }], ...spec },
  });
  return { gen, agent };
}

describe('HttpLoadGenerator (constant-arrival-rate over HTTP)', () => {
  it('starts arrivals at the rate, whatever the responses do', async () => {
    const port = await serve(() => 1);
    const outcomes: RequestOutcome[] = [];
    const { gen, agent } = generator(port, { rate: 200 }, outcomes);
    const started = performance.now();
    gen.start(1000);
    await new Promise((r) => setTimeout(r, 1000));
    await gen.drained();
    expect(gen.counters.arrivals).toBe(200);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(outcomes.filter((o) => o.status === 200)).toHaveLength(200);
    agent.destroy();
  });

  it('keeps arriving during a stall: slow responses become latency and dropped iterations, not less load', async () => {
    const port = await serve(() => 400);
    const outcomes: RequestOutcome[] = [];
    const { gen, agent } = generator(port, { rate: 100, maxInFlight: 20, timeoutMs: 300 }, outcomes);
    gen.start(500);
    await new Promise((r) => setTimeout(r, 500));
    await gen.drained();
    expect(gen.counters.arrivals).toBe(50);
    // 20 open requests after 200 ms; none frees a slot before the 300 ms timeouts: ~10 dropped.
    expect(gen.counters.dropped).toBeGreaterThanOrEqual(8);
    expect(gen.counters.sent + gen.counters.dropped).toBe(50);
    expect(outcomes.filter((o) => o.error === 'dropped')).toHaveLength(gen.counters.dropped);
    expect(outcomes.filter((o) => o.error === 'timeout').length).toBe(gen.counters.sent);
    expect(gen.oldestOpenStart()).toBeUndefined();
    agent.destroy();
  });
});
