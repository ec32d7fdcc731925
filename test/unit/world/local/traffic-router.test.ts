import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeepAliveAgent, requestJson } from '../../../../src/testbed/process/http-json.ts';
import { createRng } from '../../../../src/util/rng.ts';
import { RequestTrace } from '../../../../src/world/local/request-trace.ts';
import { TrafficRouter } from '../../../../src/world/local/traffic-router.ts';

/** A backend that answers with its name after `delayMs`. */
async function backend(name: string, delayMs: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    req.resume();
    setTimeout(() => res.end(JSON.stringify({ name })), delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, port: (server.address() as AddressInfo).port };
}

describe('TrafficRouter', () => {
  const agent = createKeepAliveAgent();
  let stable: Awaited<ReturnType<typeof backend>>;
  let canary: Awaited<ReturnType<typeof backend>>;
  let router: TrafficRouter;
  const trace = new RequestTrace();

  beforeAll(async () => {
    stable = await backend('stable', 5);
    canary = await backend('canary', 200);
    router = await TrafficRouter.start('svc', createRng(1), trace);
    router.setBackend('stable', stable.port);
    router.setBackend('canary', canary.port);
  });
  afterAll(async () => {
    await router.close();
    stable.server.close();
    canary.server.close();
    agent.destroy();
  });

  const ask = (id: string) => requestJson(agent, router.port, { method: 'POST', path: '/x', body: '{}', headers: { 'x-firedrill-request': id } });

  it('splits traffic by the canary weight and traces where each request went', async () => {
    router.setCanaryWeight(0);
    expect(((await ask('a')).body as { name: string }).name).toBe('stable');
    expect(trace.take('a')).toBe('stable');
    router.setCanaryWeight(30);
    const names = await Promise.all(Array.from({ length: 300 }, (_, i) => ask(`b${i}`).then((r) => (r.body as { name: string }).name)));
    const share = names.filter((n) => n === 'canary').length / names.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.38);
    expect(trace.take('b0')).toBe(names[0]);
  });

  it('never drops requests in flight when the weight changes', async () => {
    router.setCanaryWeight(100);
    const inFlight = Array.from({ length: 20 }, (_, i) => ask(`c${i}`));
    await new Promise((r) => setTimeout(r, 50));
    router.setCanaryWeight(0);
    const after = await ask('d');
    const answers = await Promise.all(inFlight);
    expect(answers.every((a) => a.status === 200 && (a.body as { name: string }).name === 'canary')).toBe(true);
    expect((after.body as { name: string }).name).toBe('stable');
  });

  it('answers 502 when the chosen process is gone', async () => {
    const gone = await TrafficRouter.start('gone', createRng(2));
    gone.setBackend('stable', 1);
    const res = await requestJson(agent, gone.port, { method: 'GET', path: '/' });
    expect(res.status).toBe(502);
    await gone.close();
  });
});
