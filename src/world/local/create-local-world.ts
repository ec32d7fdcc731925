import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeepAliveAgent } from '../../testbed/process/http-json.ts';
import { scheduleInterference } from '../schedule-interference.ts';
import { loadNewServiceCode, loadServiceCode } from '../../testbed/service-code.ts';
import { ServiceLogStore } from '../../testbed/service-logs.ts';
import type { WorldRequest } from '../world-request.ts';
import { createCartPool } from '../payloads.ts';
import type { Timeline } from '../../timeline/timeline.ts';
import { InfraError } from '../../util/errors.ts';
import { trackDir } from './cleanup-registry.ts';
import { createLoadDriver } from './create-load-driver.ts';
import { startLocalMetrics, type LocalMetrics } from './local-metrics.ts';
import { resolveLocalOptions } from './local-options.ts';
import { LocalResources } from './local-resources.ts';
import { prepareContainerImage } from './prometheus-container.ts';
import { startLocalTestbed } from './local-testbed.ts';
import { LocalWorld } from './local-world.ts';
import { ScaledClock } from './scaled-clock.ts';
import { StartupGuard } from './startup-guard.ts';
import { StatsView } from './stats-view.ts';
import { warmUp } from './warm-up.ts';
import { WeightedTruth } from './weighted-truth.ts';
import { startWorldWatch } from './world-watch.ts';

/**
 * Starts the `local` world for one run: routers and service processes (stable code from v1, an
 * empty canary slot), a warm-up, Prometheus or the embedded scraper, then the load. Virtual time
 * 0 is the moment the load starts. If anything fails to start (or the run is stopped meanwhile),
 * everything already started is stopped before the error is thrown.
 */
export async function createLocalWorld(req: WorldRequest): Promise<LocalWorld> {
  const { scenario, workspace, timeline, rng } = req;
  const options = resolveLocalOptions(req.local ?? {}, { scrapeIntervalMs: req.stack.scrapeIntervalMs, alertRulesFile: req.stack.pager.alertRulesFile });
  // Load the code here first: a stable handler that does not load is the user's error, not a
  // crash; a new one that does not load is a revision whose pods crash-loop (LocalWorld).
  const stableCode = await Promise.all(scenario.services.map((s) => loadServiceCode(workspace.stableDir, s)));
  const canaryCode = (await loadNewServiceCode(workspace.dir, scenario.deploy.service)) ?? stableCode.find((c) => c.name === scenario.deploy.service)!;
  const began = performance.now();
  if (options.prometheus?.kind === 'container') await prepareContainerImage(options.prometheus);
  const resources = new LocalResources();
  const guard = new StartupGuard(resources, req.signal);
  try {
    const dir = await mkdtemp(join(tmpdir(), 'firedrill-local-'));
    trackDir(dir);
    resources.addTempDir(dir);
    const clock = new ScaledClock(options.timeScale);
    const logs = new ServiceLogStore();
    const testbed = await startLocalTestbed({
      services: scenario.services, deployService: scenario.deploy.service, stableDir: workspace.stableDir,
      stableReplicas: new Map(stableCode.map((c) => [c.name, c.config.runtime.replicas])), rng: rng.fork('local'), resources, onFailure: guard.onFailure,
      onLogs: (service, version, lines) => {
        for (const l of lines) logs.add({ ...l, t: clock.fromUnixMs(l.t), service, version });
      },
    });
    guard.check();
    const testbedMs = Math.round(performance.now() - began);
    const entryPort = testbed.routers.get(scenario.entryService)!.port;
    const bodies = createCartPool(req.seed).map((c) => JSON.stringify(c));
    const agent = createKeepAliveAgent();
    resources.add('warm-up agent', () => agent.destroy());
    const warming = warmUp({ port: entryPort, spec: scenario.load, rng: rng.fork('warm-up'), agent, bodies, slowMs: scenario.slo.latencyThresholdMs });
    const onShortRange = (query: string, rangeMs: number): void => {
      const realMs = clock.toRealMs(rangeMs);
      timeline.emit(Math.max(0, clock.now()), 'world', 'world.metrics.short-range', {
        query, rangeMs, realRangeMs: Math.round(realMs), scrapeIntervalMs: options.scrapeIntervalMs,
        hint: `at x${options.timeScale} this ${rangeMs / 1000}s range spans ${(realMs / 1000).toFixed(2)}s of real time, under two scrapes (${options.scrapeIntervalMs / 1000}s each): rate() finds no data; use --time-scale ${Math.max(1, Math.floor(rangeMs / (2 * options.scrapeIntervalMs)))} or less`,
      });
    };
    const startMetrics = () => startLocalMetrics({ options, targets: testbed.targets, clock, dir, resources, onFailure: guard.onFailure, onShortRange });
    // The embedded scraper scrapes at once, so it starts after the warm-up. Prometheus takes its
    // first scrape no sooner than its 5 s discovery tick: it starts beside the warm-up, and the
    // load starts without waiting for that scrape; the deploy does wait for it (LocalWorld).
    const [warm, metrics] = await Promise.all([warming, options.prometheus ? startMetrics() : warming.then(startMetrics)]);
    guard.check();
    // Which commit each slot of the deployed service runs: the world moves it, the truth reads it.
    const slots: { stable: string; canary?: string } = { stable: workspace.v1 };
    const truth = new WeightedTruth(scenario.slo.latencyThresholdMs, options.timeScale, (slot) => (slot === 'canary' ? slots.canary ?? slots.stable : slots.stable).slice(0, 12));
    const load = createLoadDriver({ options, port: entryPort, spec: scenario.load, seed: req.seed, rng: rng.fork('load'), bodies, dir, clock, trace: testbed.trace, truth, onFailure: guard.onFailure });
    resources.add('load', () => load.stop());
    const view = new StatsView(testbed, scenario.deploy.service);
    clock.restart();
    const world = new LocalWorld({
      clock, timeline, workspace, deployService: scenario.deploy.service, metrics: metrics.source, tsdb: metrics.tsdb, testbed, view, load, truth, resources,
      fullReplicas: canaryCode.config.runtime.replicas, logs, slots, info: { timeScale: options.timeScale, metrics: metrics.server, load: load.kind }, metricsReady: announceFirstScrape(metrics, timeline, clock, guard),
      ...(metrics.prometheus ? { prometheusUrl: `http://127.0.0.1:${metrics.prometheus.port}` } : {}),
    });
    guard.attach(world);
    scheduleInterference({
      clock, scenario,
      apply: (service, x) => {
        for (const p of [testbed.stable.get(service), service === scenario.deploy.service ? testbed.canary : undefined]) p?.interfere(x);
      },
      emit: (type, data) => timeline.emit(clock.now(), 'world', type, data),
    });
    timeline.emit(0, 'world', 'world.local.started', {
      timeScale: options.timeScale, metrics: metrics.server, ...(options.metricsNote ? { metricsNote: options.metricsNote } : {}), load: load.kind, scrapeIntervalMs: options.scrapeIntervalMs, scrapeIntervalDrillMs: options.scrapeIntervalMs * options.timeScale,
      truthWeight: truth.weight, startupMs: Math.round(performance.now() - began), testbedMs, warmUp: warm,
      processes: [...testbed.stable.values(), testbed.canary].map((p) => ({ name: p.label, pid: p.pid, port: p.port })),
      routers: Object.fromEntries([...testbed.routers].map(([name, r]) => [name, r.port])),
      ...(metrics.prometheus ? { prometheus: metrics.prometheus } : {}),
    });
    await load.start(clock.toRealMs(scenario.baselineMs + scenario.maxDurationMs));
    resources.add('watch', startWorldWatch({ clock, view, timeline, snapshotIntervalMs: 10_000 }));
    guard.check();
    return world;
  } catch (err) {
    await resources.stopAll();
    throw guard.causeOf(err);
  }
}

/**
 * `world.metrics.ready` in the timeline when every target has been scraped (drill time; the real
 * ms since metrics started in the event), or the run fails with Prometheus's cause. Resolves
 * either way: the world checks its failure after waiting.
 */
function announceFirstScrape(metrics: LocalMetrics, timeline: Timeline, clock: ScaledClock, guard: StartupGuard): Promise<void> {
  return metrics.firstScrape.then(
    (ms) => void timeline.emit(Math.max(0, clock.now()), 'world', 'world.metrics.ready', { metrics: metrics.server, firstScrapeMs: Math.round(ms) }),
    (err: unknown) => guard.onFailure(err instanceof InfraError ? err : new InfraError(String(err))),
  );
}
