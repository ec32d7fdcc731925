import { join } from 'node:path';
import { Timeline } from '../../src/timeline/timeline.ts';
import { loadScenario } from '../../src/scenario/load-scenario.ts';
import { loadStack } from '../../src/scenario/load-stack.ts';
import { materializeWorkspace } from '../../src/testbed/workspace.ts';
import { createRng } from '../../src/util/rng.ts';
import { createSimWorld } from '../../src/world/sim/create-sim-world.ts';
import { executeRun } from '../../src/runner/execute-run.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

const SCENARIOS = ['error-spike', 'latency-stall', 'dependency-cascade', 'good-deploy'];
const DRILL_MS = 30 * 60_000;

/**
 * How fast the sim backend simulates: for each built-in scenario, a 30-minute drill at the
 * scenario's rate (50 req/s) with the bad revision live throughout (the worst case: no early
 * rollback), measured as virtual seconds per wall second. Also one full L0 run end to end
 * (workspace, world, pager queries, scoring inputs) for the harness's own overhead.
 */
export async function benchSimSpeed(): Promise<void> {
  const stack = await loadStack(join(REPO_ROOT, 'scenarios/stacks/l0.yaml'));
  console.log('sim speed: 30-minute drill, deploy at 5m, new revision at 100% (no rollback), best of 3');
  console.log('  scenario              req/s  wall (s)  virtual s / wall s  events-ish');
  for (const name of SCENARIOS) {
    const scenario = await loadScenario(join(REPO_ROOT, 'scenarios', `${name}.yaml`));
    const ws = await materializeWorkspace({ templateDir: scenario.testbedDir, changes: scenario.deploy.changes, message: scenario.deploy.message, author: scenario.deploy.author });
    let best = Number.POSITIVE_INFINITY;
    let requests = 0;
    try {
      for (let i = 0; i < 3; i++) {
        const world = await createSimWorld({ scenario: { ...scenario, baselineMs: 300_000, maxDurationMs: DRILL_MS - 300_000 }, stack, workspace: ws, seed: 1, rng: createRng(1), timeline: new Timeline() });
        const started = performance.now();
        await world.advanceTo(300_000);
        await world.startCanary(100, ws.v2);
        await world.advanceTo(DRILL_MS);
        best = Math.min(best, performance.now() - started);
        requests = world.takeTruth(true).reduce((n, b) => n + b.total, 0);
      }
    } finally {
      await ws.remove();
    }
    const ratio = DRILL_MS / 1000 / (best / 1000);
    console.log(`  ${name.padEnd(20)} ${String(scenario.load.rate).padStart(5)}  ${(best / 1000).toFixed(3).padStart(8)}  ${ratio.toFixed(0).padStart(18)}  ${requests} user requests`);
  }
  const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
  const started = performance.now();
  const record = await executeRun(scenario, stack, { backend: 'sim', seed: 1 });
  const wall = performance.now() - started;
  const simulated = (record.scenario.baselineMs + record.scenario.durationMs) / 1000;
  console.log(`  full L0 run (error-spike, seed 1, with pager PromQL every 30s): ${simulated}s simulated in ${(wall / 1000).toFixed(2)}s wall = ${(simulated / (wall / 1000)).toFixed(0)} virtual s / wall s`);
  console.log('  target: a 30-minute drill at 50 req/s in under 1 s, i.e. at least 1800 virtual s / wall s');
}
