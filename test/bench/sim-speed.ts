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
import { countDrill, floorMs, measureSimFloorAlone, type DrillCounts } from './sim-floor.ts';

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
  const floor = measureSimFloorAlone();
  console.log(`sim speed: 30-minute drill, deploy at 5m, new revision at 100% (no rollback), best of 3; this process: ${semi}`);
  console.log('  scenario                  req/s  wall (s)  virtual s / wall s  virtual s / cpu s  user requests     events  handler runs  floor (s)  floor / 4000x budget');
  const ratios: number[] = [];
  // Every drill is timed before any is counted: the counting pass wraps the clock and the
  // invocation, which would leave later timed drills running code V8 had to re-learn.
  const timed: { name: string; rounds: DrillTiming[] | Error }[] = [];
  for (const name of listScenarios()) timed.push({ name, rounds: await timeDrill(name, 3).catch((err: unknown) => err as Error) });
  const fullRun = await timeFullRun(stack);
  for (const { name, rounds } of timed) {
    if (rounds instanceof Error) {
      // A revision that cannot start (crash-loop's broken config) has no drill at 100%.
      console.log(`  ${name.padEnd(20)} skipped: the new revision does not start here (${rounds.message.split('\n')[0].slice(0, 90)})`);
      continue;
    }
    const best = Math.min(...rounds.map((r) => r.wallMs));
    const bestCpu = Math.min(...rounds.map((r) => r.cpuMs));
    const ratio = DRILL_MS / best;
    ratios.push(ratio);
    const counts = await countDrillOf(name);
    const least = floorMs(floor, counts);
    console.log(
      `  ${name.padEnd(24)} ${String(rounds[0].rate).padStart(5)}  ${(best / 1000).toFixed(3).padStart(8)}  ${ratio.toFixed(0).padStart(18)}  ${(DRILL_MS / bestCpu).toFixed(0).padStart(17)}  ${String(rounds[0].requests).padStart(13)}` +
        `  ${String(counts.events).padStart(9)}  ${String(counts.handlerRuns).padStart(12)}  ${(least / 1000).toFixed(3).padStart(9)}  ${((100 * least) / (DRILL_MS / TARGET)).toFixed(0).padStart(19)}%`,
    );
  }
  console.log(`  floor: the sim's clock with empty async handlers (test/bench/sim-floor.ts) costs ${floor.eventUs.toFixed(3)} µs per clock event and ${floor.handlerUs.toFixed(3)} µs more per handler run; floor (s) is a drill's counts at those costs`);
  console.log(fullRun);
  const met = ratios.filter((r) => r >= TARGET).length;
  console.log(`  target: every drill at least ${TARGET} virtual s / wall s: ${met} of ${ratios.length} meet it (slowest ${Math.min(...ratios).toFixed(0)})`);
}

/** One full L0 run end to end (workspace, world, pager queries, scoring inputs): the harness's own overhead. */
async function timeFullRun(stack: Awaited<ReturnType<typeof loadStack>>): Promise<string> {
  const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
  const started = performance.now();
  const record = await executeRun(scenario, stack, { backend: 'sim', seed: 1 });
  const wall = performance.now() - started;
  const simulated = (record.scenario.baselineMs + record.scenario.durationMs) / 1000;
  return `  full L0 run (error-spike, seed 1, with pager PromQL every 30s): ${simulated}s simulated in ${(wall / 1000).toFixed(2)}s wall = ${(simulated / (wall / 1000)).toFixed(0)} virtual s / wall s`;
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
  return withDrill(name, drillMs, async (makeWorld, drive, rate) => {
    const out: DrillTiming[] = [];
    for (let i = 0; i < rounds; i++) {
      const world = await makeWorld();
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      await drive(world);
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      out.push({ rate, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, requests: world.takeTruth(true).reduce((n, b) => n + b.total, 0) });
    }
    return out;
  });
}

/** The bench drill's events and handler runs: one more, untimed, pass (its wrappers cost time). */
export function countDrillOf(name: string, drillMs = DRILL_MS): Promise<DrillCounts> {
  return withDrill(name, drillMs, async (makeWorld, drive) => {
    const world = await makeWorld();
    return countDrill(() => drive(world));
  });
}

type SimWorld = Awaited<ReturnType<typeof createSimWorld>>;

/** The drill's world maker and its course (deploy at 5 minutes to 100%, run to the end), on one workspace removed after `use`. */
async function withDrill<T>(name: string, drillMs: number, use: (makeWorld: () => Promise<SimWorld>, drive: (world: SimWorld) => Promise<void>, rate: number) => Promise<T>): Promise<T> {
  const stack = await loadStack(join(REPO_ROOT, 'scenarios/stacks/l0.yaml'));
  const scenario = await loadScenario(join(REPO_ROOT, 'scenarios', `${name}.yaml`));
  const ws = await materializeWorkspace({ templateDir: scenario.testbedDir, changes: scenario.deploy.changes, message: scenario.deploy.message, author: scenario.deploy.author });
  const makeWorld = (): Promise<SimWorld> =>
    createSimWorld({ scenario: { ...scenario, baselineMs: 300_000, maxDurationMs: drillMs - 300_000 }, stack, workspace: ws, seed: 1, rng: createRng(1), timeline: new Timeline() });
  const drive = async (world: SimWorld): Promise<void> => {
    await world.advanceTo(300_000);
    await world.startCanary(100, ws.v2);
    await world.advanceTo(drillMs);
  };
  try {
    return await use(makeWorld, drive, scenario.load.rate);
  } finally {
    await ws.remove();
  }
}
