import { loadNewServiceCode, loadServiceCode } from '../../testbed/service-code.ts';
import { createEmbeddedMetrics } from './embedded-metrics.ts';
import type { WorldRequest } from '../world-request.ts';
import { SimWorld } from './sim-world.ts';

/** Builds the sim world for one run: stable code from v1, the deployed service's v2 as canary. */
export async function createSimWorld(opts: WorldRequest): Promise<SimWorld> {
  const { scenario, workspace } = opts;
  const stable = await Promise.all(scenario.services.map((name) => loadServiceCode(workspace.stableDir, name)));
  const canary = await loadNewServiceCode(workspace.dir, scenario.deploy.service);
  return new SimWorld({
    seed: opts.seed,
    rng: opts.rng,
    timeline: opts.timeline,
    workspace,
    stable,
    deployService: scenario.deploy.service,
    canary,
    entry: scenario.entryService,
    load: scenario.load,
    slowMs: scenario.slo.latencyThresholdMs,
    horizonMs: scenario.baselineMs + scenario.maxDurationMs,
    scrapeIntervalMs: opts.stack.scrapeIntervalMs,
    createMetricSource: createEmbeddedMetrics,
    scenario,
  });
}
