import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeepAliveAgent, requestJson, type HttpAnswer } from '../../../../src/testbed/process/http-json.ts';
import { createRng } from '../../../../src/util/rng.ts';
import { ServiceProcess } from '../../../../src/world/local/service-process.ts';
import { TrafficRouter } from '../../../../src/world/local/traffic-router.ts';

export interface FixtureService {
  name: string;
  /** The body of handler.js (an `export const routes = {...}` module). */
  handler: string;
  runtime?: { replicas: number; concurrencyPerReplica: number; queueLimit: number };
  dependencies?: Record<string, { timeoutMs?: number; retries?: number }>;
}

/** A throwaway testbed repo with the given services, each running as a real process behind its router. */
export async function startFixture(services: FixtureService[]) {
  const dir = await mkdtemp(join(tmpdir(), 'firedrill-fixture-'));
  for (const s of services) {
    await mkdir(join(dir, 'services', s.name), { recursive: true });
    await writeFile(join(dir, 'services', s.name, 'handler.js'), s.handler);
    const config = { runtime: s.runtime ?? { replicas: 1, concurrencyPerReplica: 10, queueLimit: 100 }, dependencies: s.dependencies ?? {}, flags: {} };
    await writeFile(join(dir, 'services', s.name, 'config.json'), JSON.stringify(config));
  }
  const rng = createRng(7);
  const routers = new Map<string, TrafficRouter>();
  for (const s of services) routers.set(s.name, await TrafficRouter.start(s.name, rng.fork(s.name)));
  const routerPorts = Object.fromEntries([...routers].map(([n, r]) => [n, r.port]));
  const procs = new Map<string, ServiceProcess>();
  for (const s of services) {
    const p = await ServiceProcess.start({ type: 'init', service: s.name, version: 'stable', seed: 1, routerPorts, statsIntervalMs: 50 }, () => {});
    await p.load(dir, s.runtime?.replicas ?? 1);
    routers.get(s.name)!.setBackend('stable', p.port);
    procs.set(s.name, p);
  }
  const agent = createKeepAliveAgent();
  return {
    dir,
    routers,
    procs,
    call(service: string, method: string, path: string, body?: unknown): Promise<HttpAnswer> {
      return requestJson(agent, routers.get(service)!.port, { method, path, body: body === undefined ? undefined : JSON.stringify(body) });
    },
    async metrics(service: string): Promise<string> {
      const a = await requestJson(agent, procs.get(service)!.port, { method: 'GET', path: '/metrics', responseType: 'text' });
      return a.body as string;
    },
    async stop(): Promise<void> {
      await Promise.all([...procs.values()].map((p) => p.stop()));
      await Promise.all([...routers.values()].map((r) => r.close()));
      agent.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
