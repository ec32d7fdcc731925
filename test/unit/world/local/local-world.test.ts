import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../../src/scenario/load-stack.ts';
import { materializeWorkspace, type Workspace } from '../../../../src/testbed/workspace.ts';
import { Timeline } from '../../../../src/timeline/timeline.ts';
import { InfraError } from '../../../../src/util/errors.ts';
import { createRng } from '../../../../src/util/rng.ts';
import { countLiveChildren } from '../../../../src/world/local/cleanup-registry.ts';
import { createLocalWorld } from '../../../../src/world/local/create-local-world.ts';
import { REPO_ROOT } from '../../../helpers/paths.ts';

let workspace: Workspace | undefined;
afterEach(async () => {
  await workspace?.remove();
  workspace = undefined;
});

async function start(signal?: AbortSignal, prometheus = 'off') {
  const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
  const stack = await loadStack(join(REPO_ROOT, 'scenarios/stacks/l0.yaml'));
  workspace = await materializeWorkspace({ templateDir: scenario.testbedDir, changes: scenario.deploy.changes, message: scenario.deploy.message, author: scenario.deploy.author });
  const timeline = new Timeline();
  const world = await createLocalWorld({ scenario, stack, workspace, seed: 1, rng: createRng(1), timeline, signal, local: { timeScale: 50, prometheus } });
  const started = timeline.all().find((e) => e.type === 'world.local.started')!;
  return { world, timeline, started: started as unknown as { processes: { name: string; pid: number; port: number }[]; routers: Record<string, number> } };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

describe('LocalWorld', () => {
  it('serves real traffic, answers PromQL in virtual time, and shifts traffic to a canary and back', async () => {
    const { world, timeline } = await start();
    try {
      // At scale 50 a scrape is 50 virtual seconds apart: rate windows must span several.
      await world.advanceTo(180_000);
      expect(world.clock.now()).toBeGreaterThanOrEqual(180_000);
      const r = await world.metrics.instant('sum(rate(http_requests_total{service="frontend"}[3m]))', world.clock.now());
      expect(r.resultType === 'vector' && r.result[0].value[1]).toBeGreaterThan(35);
      await world.startCanary(100, world.workspace.v2);
      await world.advanceTo(240_000);
      await world.abortCanary(10_000);
      await world.advanceTo(270_000);
      const canary = await world.metrics.instant('sum(http_requests_total{service="checkout",version="canary",code="500"})', world.clock.now());
      expect(canary.resultType === 'vector' && canary.result[0].value[1]).toBeGreaterThan(0);
      const truth = world.takeTruth(true);
      expect(truth.reduce((n, b) => n + b.canaryBad, 0)).toBeGreaterThan(0);
      // Each real request stands for `timeScale` drill requests: 50 req/s in virtual seconds.
      const perSecond = truth.filter((b) => b.t >= 10_000 && b.t < 50_000).reduce((n, b) => n + b.total, 0) / 40;
      expect(perSecond).toBeGreaterThan(40);
      expect(perSecond).toBeLessThan(60);
      const types = timeline.all().map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(['world.canary.started', 'world.traffic.weight', 'world.canary.scaled-down']));
    } finally {
      await world.stop();
    }
    expect(countLiveChildren()).toBe(0);
  }, 60_000);

  it('fails the run with the cause when a service process dies, and leaves no process or port behind', async () => {
    const { world, started } = await start();
    await world.advanceTo(5_000);
    const payments = started.processes.find((p) => p.name === 'payments/stable')!;
    process.kill(payments.pid, 'SIGKILL');
    const err = await world.advanceTo(600_000).catch((e: unknown) => e);
    await world.stop();
    expect(err).toBeInstanceOf(InfraError);
    expect((err as Error).message).toMatch(/payments\/stable exited during the run \(killed by SIGKILL\)/);
    expect(countLiveChildren()).toBe(0);
    for (const port of [...started.processes.map((p) => p.port), ...Object.values(started.routers)]) expect(await portIsFree(port)).toBe(true);
  }, 60_000);

  it('stops its processes as soon as the run is aborted', async () => {
    const ac = new AbortController();
    const { world } = await start(ac.signal);
    const waiting = world.advanceTo(3_600_000, ac.signal);
    ac.abort();
    await waiting;
    await world.stop();
    expect(countLiveChildren()).toBe(0);
  }, 60_000);

  it('sends no deploy before every target was scraped: a Prometheus that dies first fails the run with its log', async () => {
    // A stand-in for the prometheus binary (the real one is tested in prometheus-server.test.ts):
    // it answers /-/ready and an empty `up`, logs a fatal line and exits, when the test says so, before any scrape.
    const dir = await mkdtemp(join(tmpdir(), 'firedrill-fakeprom-'));
    const binary = join(dir, 'prometheus');
    await writeFile(binary, `#!${process.execPath}
if (process.argv[2] === '--version') { console.log('prometheus, version 0.0.0-fake'); process.exit(0); }
const port = Number(process.argv.find((a) => a.startsWith('--web.listen-address=')).split(':').pop());
require('node:http').createServer((req, res) => res.end(req.url.startsWith('/-/ready') ? 'ready' : '{"status":"success","data":{"resultType":"vector","result":[]}}')).listen(port, '127.0.0.1');
const die = ${JSON.stringify(join(dir, 'die'))};
setInterval(() => { if (require('node:fs').existsSync(die)) { console.error('level=error msg="fake: out of disk"'); process.exit(1); } }, 50);
`);
    await chmod(binary, 0o755);
    try {
      const { world, timeline } = await start(undefined, binary);
      // It dies once the world is up (a marker file, not a timer: a slow start on a busy machine
      // must not see the death before the world exists).
      await writeFile(join(dir, 'die'), '');
      const err = await world.advanceTo(1_000).catch((e: unknown) => e);
      await world.stop();
      expect(err).toBeInstanceOf(InfraError);
      expect((err as Error).message).toMatch(/Prometheus exited during the run[\s\S]*fake: out of disk/);
      expect(timeline.all().some((e) => e.type === 'world.metrics.ready')).toBe(false);
      expect(countLiveChildren()).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
