import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { executeRun } from '../../src/runner/execute-run.ts';
import { loadScenario } from '../../src/scenario/load-scenario.ts';
import { loadStack } from '../../src/scenario/load-stack.ts';
import { createKeepAliveAgent } from '../../src/testbed/process/http-json.ts';
import { materializeWorkspace } from '../../src/testbed/workspace.ts';
import { Timeline } from '../../src/timeline/timeline.ts';
import { createRng } from '../../src/util/rng.ts';
import { createLocalWorld } from '../../src/world/local/create-local-world.ts';
import { findExecutable } from '../../src/util/find-executable.ts';
import { HttpLoadGenerator } from '../../src/world/local/http-load-generator.ts';
import { ServiceProcess } from '../../src/world/local/service-process.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

/**
 * The `local` backend's costs (issue #5): start to first successful scrape (embedded scraper and,
 * when installed, Prometheus), the load generator's achieved rate at 500 req/s for 30 s, and the
 * harness's overhead on one drill at --time-scale 10 (wall time minus drill time / 10).
 */
export async function benchLocalStartup(): Promise<void> {
  const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
  const stack = await loadStack(join(REPO_ROOT, 'scenarios/stacks/l0.yaml'));
  const ws = await materializeWorkspace({ templateDir: scenario.testbedDir, changes: scenario.deploy.changes, message: scenario.deploy.message, author: scenario.deploy.author });
  console.log('\nlocal: start to first successful scrape of all 5 targets (4 services + canary slot), to the start of the load, stop');
  try {
    for (const prometheus of ['off', ...(findExecutable('prometheus') ? ['auto'] : [])]) {
      const timeline = new Timeline();
      const began = performance.now();
      const world = await createLocalWorld({ scenario, stack, workspace: ws, seed: 1, rng: createRng(1), timeline, local: { timeScale: 10, prometheus } });
      const loadStarted = performance.now() - began;
      // advanceTo(0) returns once every target has been scraped (the deploy waits for it).
      await world.advanceTo(0);
      const scraped = performance.now() - began;
      const e = timeline.all().find((x) => x.type === 'world.local.started')! as Record<string, unknown>;
      const ready = timeline.all().find((x) => x.type === 'world.metrics.ready') as Record<string, unknown> | undefined;
      const warm = e.warmUp as { ms: number; rounds: number };
      const stopping = performance.now();
      await world.stop();
      const stopMs = performance.now() - stopping;
      const s = (ms: unknown): string => `${(Number(ms) / 1000).toFixed(2)}s`;
      console.log(`  ${String(e.metrics).padEnd(22)} first successful scrape ${s(scraped)} after start (metrics started to first scrape ${s(ready?.firstScrapeMs)}); ` +
        `load started ${s(loadStarted)} after start: processes up ${s(e.testbedMs)}, warm-up ${s(warm.ms)} (${warm.rounds} rounds)` +
        `${e.prometheus ? ', Prometheus starting beside it' : ', then the scraper'}; stop ${s(stopMs)}`);
    }
    if (!findExecutable('prometheus')) console.log('  prometheus: skipped (no binary on PATH)');
  } finally {
    await ws.remove();
  }
}

export async function benchLocalLoadRate(): Promise<void> {
  const rate = 500;
  const seconds = 30;
  const dir = await mkdtemp(join(tmpdir(), 'firedrill-bench-'));
  await mkdir(join(dir, 'services', 'echo'), { recursive: true });
  await writeFile(join(dir, 'services', 'echo', 'handler.js'), "export const routes = { 'POST /a': async (ctx) => { await ctx.work(5); return { status: 200 }; }, 'GET /b': async (ctx) => { await ctx.work(5); return { status: 200 }; } };\n");
  await writeFile(join(dir, 'services', 'echo', 'config.json'), JSON.stringify({ runtime: { replicas: 1, concurrencyPerReplica: 1000, queueLimit: 1000 } }));
  const proc = await ServiceProcess.start({ type: 'init', service: 'echo', version: 'stable', seed: 1, routerPorts: {}, statsIntervalMs: 1000 }, () => {});
  const agent = createKeepAliveAgent();
  try {
    await proc.load(dir, 1);
    const latencies: number[] = [];
    const gen = new HttpLoadGenerator({
      port: proc.port, agent, rng: createRng(1), bodies: ['{"items":[{"sku":"x","price":1,"qty":1}]}'], now: () => performance.now(),
      spec: { rate, maxInFlight: 1000, timeoutMs: 10_000, mix: [{ route: '/a', method: 'POST', weight: 70 }, { route: '/b', method: 'GET', weight: 30 }] },
      onOutcome: (o) => latencies.push(o.latencyMs),
    });
    const started = performance.now();
    gen.start(seconds * 1000);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const elapsed = (performance.now() - started) / 1000;
    await gen.drained();
    const c = gen.counters;
    const achieved = c.sent / elapsed;
    latencies.sort((a, b) => a - b);
    console.log(`\nlocal: built-in load generator, constant arrival rate ${rate}/s for ${seconds}s against one service process (5 ms handler)`);
    console.log(`  arrivals ${c.arrivals}, sent ${c.sent} = ${achieved.toFixed(1)}/s (${((100 * (achieved - rate)) / rate).toFixed(2)}% from target; target within 2%), dropped iterations ${c.dropped}, completed ${c.completed}, timed out ${c.timedOut}`);
    console.log(`  latency p50 ${latencies[Math.floor(latencies.length / 2)].toFixed(1)} ms, p99 ${latencies[Math.floor(latencies.length * 0.99)].toFixed(1)} ms`);
  } finally {
    agent.destroy();
    await proc.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchLocalDrillOverhead(): Promise<void> {
  const scale = 10;
  const stackName = existsSync(join(REPO_ROOT, 'scenarios/stacks/l1.yaml')) ? 'l1' : 'l0';
  const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
  const stack = await loadStack(join(REPO_ROOT, 'scenarios/stacks', `${stackName}.yaml`));
  console.log(`\nlocal: one drill at --time-scale ${scale} (error-spike, ${stackName}, seed 1), harness overhead = wall - drill time / ${scale} (target under 3 s)`);
  for (const prometheus of ['off', ...(findExecutable('prometheus') ? ['auto'] : [])]) {
    const started = performance.now();
    const record = await executeRun(scenario, stack, { backend: 'local', seed: 1, local: { timeScale: scale, prometheus } });
    const wall = performance.now() - started;
    const drill = record.scenario.baselineMs + record.scenario.durationMs;
    const e = record.timeline.find((x) => x.type === 'world.local.started');
    const ready = record.timeline.find((x) => x.type === 'world.metrics.ready');
    const deploy = record.timeline.find((x) => x.type === 'deploy.started');
    console.log(`  ${String(e?.metrics).padEnd(22)} ${(drill / 60_000).toFixed(0)} min drill in ${(wall / 1000).toFixed(1)}s wall: overhead ${((wall - drill / scale) / 1000).toFixed(2)}s ` +
      `(world start ${(Number(e?.startupMs) / 1000).toFixed(2)}s; every target scraped at drill time ${((ready?.t ?? 0) / 1000).toFixed(1)}s, deploy at ${((deploy?.t ?? 0) / 1000).toFixed(1)}s)`);
  }
}
