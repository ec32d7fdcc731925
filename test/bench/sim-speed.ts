import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Timeline } from '../../src/timeline/timeline.ts';
import { loadScenario } from '../../src/scenario/load-scenario.ts';
import { loadStack } from '../../src/scenario/load-stack.ts';
import { materializeWorkspace } from '../../src/testbed/workspace.ts';
import { createRng } from '../../src/util/rng.ts';
import { createSimWorld } from '../../src/world/sim/create-sim-world.ts';
import { executeRun } from '../../src/runner/execute-run.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

/** Target of the speed issue: every built-in 30-minute drill at 50 req/s. */
const TARGET = 4000;

/** Every built-in scenario, or FIREDRILL_BENCH_SCENARIOS=a,b (the comparison with an older commit runs its four). */
function listScenarios(): string[] {
  const chosen = process.env.FIREDRILL_BENCH_SCENARIOS;
  if (chosen) return chosen.split(',');
  return readdirSync(join(REPO_ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
}
const DRILL_MS = 30 * 60_000;

/**
 * How fast the sim backend simulates: for each built-in scenario, a 30-minute drill at the
 * scenario's rate (50 req/s) with the bad revision live throughout (the worst case: no early
 * rollback), measured as virtual seconds per wall second, and per CPU second of this process (what
 * the sim costs, less sensitive to other work on a shared machine). Also one full L0 run end to end
 * (workspace, world, pager queries, scoring inputs) for the harness's own overhead.
 */
export async function benchSimSpeed(): Promise<void> {
  const stack = await loadStack(join(REPO_ROOT, 'scenarios/stacks/l0.yaml'));
  const semi = process.execArgv.find((a) => a.startsWith('--max-semi-space-size')) ?? "V8's default semi-space (`firedrill run` sets --max-semi-space-size: run through `npm run bench`)";
  console.log(`sim speed: 30-minute drill, deploy at 5m, new revision at 100% (no rollback), best of 3; this process: ${semi}`);
  console.log('  scenario                  req/s  wall (s)  virtual s / wall s  virtual s / cpu s  user requests');
  const ratios: number[] = [];
  for (const name of listScenarios()) {
    const rounds = await timeDrill(name, 3).catch((err: unknown) => err as Error);
    if (rounds instanceof Error) {
      // A revision that cannot start (crash-loop's broken config) has no drill at 100%.
      console.log(`  ${name.padEnd(20)} skipped: the new revision does not start here (${rounds.message.split('\n')[0].slice(0, 90)})`);
      continue;
    }
    const best = Math.min(...rounds.map((r) => r.wallMs));
    const bestCpu = Math.min(...rounds.map((r) => r.cpuMs));
    const ratio = DRILL_MS / best;
    ratios.push(ratio);
    console.log(`  ${name.padEnd(24)} ${String(rounds[0].rate).padStart(5)}  ${(best / 1000).toFixed(3).padStart(8)}  ${ratio.toFixed(0).padStart(18)}  ${(DRILL_MS / bestCpu).toFixed(0).padStart(17)}  ${rounds[0].requests}`);
  }
  const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
  const started = performance.now();
  const record = await executeRun(scenario, stack, { backend: 'sim', seed: 1 });
  const wall = performance.now() - started;
  const simulated = (record.scenario.baselineMs + record.scenario.durationMs) / 1000;
  console.log(`  full L0 run (error-spike, seed 1, with pager PromQL every 30s): ${simulated}s simulated in ${(wall / 1000).toFixed(2)}s wall = ${(simulated / (wall / 1000)).toFixed(0)} virtual s / wall s`);
  const met = ratios.filter((r) => r >= TARGET).length;
  console.log(`  target: every drill at least ${TARGET} virtual s / wall s: ${met} of ${ratios.length} meet it (slowest ${Math.min(...ratios).toFixed(0)})`);
}

export interface DrillTiming {
  rate: number;
  wallMs: number;
  /** CPU time of this process (user + system) over the drill. */
  cpuMs: number;
  requests: number;
}

/**
 * The bench's drill, `rounds` times on one workspace: a world at L0, the bad revision deployed at
 * 5 minutes to 100%, run to 30 minutes. Also what `test/bench/one-drill.ts` runs under a profiler.
 */
export async function timeDrill(name: string, rounds: number, drillMs = DRILL_MS): Promise<DrillTiming[]> {
  const stack = await loadStack(join(REPO_ROOT, 'scenarios/stacks/l0.yaml'));
  const scenario = await loadScenario(join(REPO_ROOT, 'scenarios', `${name}.yaml`));
  const ws = await materializeWorkspace({ templateDir: scenario.testbedDir, changes: scenario.deploy.changes, message: scenario.deploy.message, author: scenario.deploy.author });
  const out: DrillTiming[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const world = await createSimWorld({ scenario: { ...scenario, baselineMs: 300_000, maxDurationMs: drillMs - 300_000 }, stack, workspace: ws, seed: 1, rng: createRng(1), timeline: new Timeline() });
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      await world.advanceTo(300_000);
      await world.startCanary(100, ws.v2);
      await world.advanceTo(drillMs);
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      out.push({ rate: scenario.load.rate, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, requests: world.takeTruth(true).reduce((n, b) => n + b.total, 0) });
    }
  } finally {
    await ws.remove();
  }
  return out;
}
