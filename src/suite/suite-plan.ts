import { loadScenario } from '../scenario/load-scenario.ts';
import { loadStack, type Stack } from '../scenario/load-stack.ts';
import { loadSuite } from '../scenario/load-suite.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { SuiteExpectation } from '../scenario/suite-expectation.ts';
import { UserInputError } from '../util/errors.ts';
import type { BackendName } from '../world/create-world.ts';
import { formatRunKey, runKeyId, type RunKey } from './run-key.ts';
import type { PlanShard } from './shard-marker.ts';
import type { ScenarioInfo, StackInfo } from './suite-result.ts';

export interface PlannedRun {
  scenario: Scenario;
  stack: Stack;
  seed: number;
}

/** Everything a suite will run and judge, loaded and checked before the first run starts. */
export interface SuitePlan {
  name: string;
  description: string;
  backend: BackendName;
  runs: PlannedRun[];
  expectations: SuiteExpectation[];
  /** False when the default (every run passes its own verdict) stands in for stated ones. */
  expectationsStated: boolean;
  /** A plan from a Suite file (its runs always get a folder each and a journal). */
  fromSuiteFile: boolean;
  /** `--shard i/n`: `runs` holds this shard's runs only; the whole plan is described here. */
  shard?: PlanShard;
}

export function keyOfRun(r: PlannedRun): RunKey {
  return { scenario: r.scenario.name, stack: r.stack.name, seed: r.seed };
}

/** The scenarios and stacks a suite's result describes (each once, as the runs name them). */
export function describePlanParts(runs: readonly PlannedRun[]): { scenarios: ScenarioInfo[]; stacks: StackInfo[] } {
  return {
    scenarios: uniqueBy(runs.map((r) => ({ name: r.scenario.name, description: r.scenario.description, truth: r.scenario.truth }))),
    stacks: uniqueBy(runs.map((r) => ({ name: r.stack.name, level: r.stack.level, ...(r.stack.agent ? { agent: r.stack.agent.use } : {}) }))),
  };
}

function uniqueBy<T extends { name: string }>(items: T[]): T[] {
  return [...new Map(items.map((i) => [i.name, i])).values()];
}

/** A Suite file's scenarios x stacks x seeds, each file loaded once. */
export async function planSuiteFile(file: string, backend: BackendName, builtins: { scenarios: string; stacks: string }): Promise<SuitePlan> {
  const suite = await loadSuite(file, builtins);
  const load = memoize(loadScenario);
  const loadStackOnce = memoize(loadStack);
  const runs: PlannedRun[] = [];
  for (const job of suite.jobs) runs.push({ scenario: await load(job.scenarioFile), stack: await loadStackOnce(job.stackFile), seed: job.seed });
  return checkPlan({ name: suite.name, description: suite.description, backend, runs, expectations: suite.expectations, expectationsStated: suite.expectationsStated, fromSuiteFile: true });
}

/** `firedrill run a b --stack s [--stack t] --repeat n`: each scenario on each stack, seeds seed..seed+n-1. */
export async function planRuns(req: {
  scenarioFiles: string[];
  stackFiles: string[];
  seed: number;
  repeat: number;
  backend: BackendName;
  expectations: SuiteExpectation[];
  expectationsStated: boolean;
}): Promise<SuitePlan> {
  const stacks = await Promise.all([...new Set(req.stackFiles)].map((f) => loadStack(f)));
  const scenarios = await Promise.all(req.scenarioFiles.map((f) => loadScenario(f)));
  const runs = scenarios.flatMap((scenario) => stacks.flatMap((stack) => Array.from({ length: req.repeat }, (_, i) => ({ scenario, stack, seed: req.seed + i }))));
  const names = [...new Set(scenarios.map((s) => s.name))];
  const stackNames = stacks.map((s) => s.name).join('+');
  const seeds = req.repeat === 1 ? `seed ${req.seed}` : `seeds ${req.seed}-${req.seed + req.repeat - 1}`;
  return checkPlan({
    name: names.length === 1 ? `${names[0]}-${stackNames}` : `runs-${stackNames}`,
    description: `${names.join(', ')} on ${stacks.map((s) => s.name).join(', ')}, ${seeds}`,
    backend: req.backend,
    runs,
    expectations: req.expectations,
    expectationsStated: req.expectationsStated,
    fromSuiteFile: false,
  });
}

/**
 * `--max-seeds N`: each scenario x stack keeps its N lowest seeds (a quick pass over a big suite,
 * or a cheap test of one). The description says so, as the result then covers fewer runs.
 */
export function limitSeeds(plan: SuitePlan, n: number): SuitePlan {
  if (!Number.isInteger(n) || n < 1) throw new UserInputError(`--max-seeds must be a positive integer, got ${n}`);
  const seeds = new Map<string, number[]>();
  for (const r of plan.runs) {
    const cell = `${r.scenario.name}\u0000${r.stack.name}`;
    seeds.set(cell, [...(seeds.get(cell) ?? []), r.seed]);
  }
  const kept = new Set([...seeds].flatMap(([cell, list]) => list.sort((a, b) => a - b).slice(0, n).map((seed) => `${cell}\u0000${seed}`)));
  const runs = plan.runs.filter((r) => kept.has(runKeyId(keyOfRun(r))));
  return { ...plan, runs, description: `${plan.description} (--max-seeds ${n}: ${runs.length} of ${plan.runs.length} runs)` };
}

/** Runs are keyed by scenario x stack x seed: two files with one name would overwrite each other. */
function checkPlan(plan: SuitePlan): SuitePlan {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const r of plan.runs) {
    const id = runKeyId(keyOfRun(r));
    if (seen.has(id)) problems.push(`${formatRunKey(keyOfRun(r))} is planned twice`);
    seen.add(id);
  }
  const scenarios = new Set(plan.runs.map((r) => r.scenario.name));
  const stacks = new Set(plan.runs.map((r) => r.stack.name));
  for (const e of plan.expectations) {
    for (const s of e.where.scenarios ?? []) if (!scenarios.has(s)) problems.push(`expectation "${e.id}" names scenario "${s}", which the suite does not run`);
    for (const s of e.where.stacks ?? []) if (!stacks.has(s)) problems.push(`expectation "${e.id}" names stack "${s}", which the suite does not run`);
  }
  if (problems.length) {
    throw new UserInputError(`suite ${plan.name}: ${problems.join('; ')}`, { hint: 'scenarios and stacks are named by their metadata.name; two files with the same name need different names' });
  }
  return plan;
}

function memoize<T>(load: (file: string) => Promise<T>): (file: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (file) => {
    if (!cache.has(file)) cache.set(file, load(file));
    return cache.get(file)!;
  };
}
