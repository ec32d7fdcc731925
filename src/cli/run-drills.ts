import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { mustBeOneOf } from '../config/one-of.ts';
import { loadScenario } from '../scenario/load-scenario.ts';
import { loadStack, type Stack } from '../scenario/load-stack.ts';
import { checkStackTools } from './check-stack-tools.ts';
import { loadSuite } from '../scenario/load-suite.ts';
import { readText } from '../scenario/load-config-file.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { executeRun } from '../runner/execute-run.ts';
import { scoreRun } from '../scoring/score-run.ts';
import { REPORTERS, type Reporter, type RunResult } from '../report/index.ts';
import type { BackendName } from '../world/create-world.ts';
import type { World } from '../world/world.ts';
import type { LocalOptions } from '../world/local/local-options.ts';
import { UserInputError } from '../util/errors.ts';
import { BUILTIN_SCENARIOS, BUILTIN_STACKS, resolveBuiltin, resolveReportsDir } from './paths.ts';

export interface DrillRequest {
  /** Scenario files or built-in names, or Suite files (which bring their own stacks and seeds). */
  scenarios: string[];
  /** One stack, or several: every scenario runs at each (suites bring their own). */
  stack: string | string[];
  backend: BackendName;
  seed: number;
  repeat: number;
  out?: string;
  reporters?: string[];
  signal?: AbortSignal;
  /** Options of the `local` backend. */
  local?: LocalOptions;
  /** --agent-record / --agent-replay. */
  agentRecording?: { mode: 'record' | 'replay'; dir: string };
  onWorldStarted?: (world: World) => void | Promise<void>;
}

interface Job {
  scenario: Scenario;
  stack: Stack;
  seed: number;
}

/**
 * Loads everything first (so a typo fails before any run), then runs each job, scoring and
 * reporting each run as it ends: results already written stay if a later run fails.
 */
export async function runDrills(req: DrillRequest): Promise<RunResult[]> {
  if (!Number.isInteger(req.repeat) || req.repeat < 1) throw new UserInputError(`--repeat must be a positive integer, got ${req.repeat}`);
  if (!Number.isInteger(req.seed) || req.seed < 0) throw new UserInputError(`--seed must be a non-negative integer, got ${req.seed}`);
  const jobs = await planJobs(req);
  const reporters: Reporter[] = (req.reporters ?? ['console', 'files']).map((name) => {
    const make = REPORTERS[name];
    if (!make) throw new UserInputError(`unknown reporter "${name}"`, { hint: `a reporter ${mustBeOneOf(Object.keys(REPORTERS))}` });
    return make();
  });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const results: RunResult[] = [];
  for (const { scenario, stack, seed } of jobs) {
    const runId = `${scenario.name}-${stack.name}-${req.backend}-s${seed}-${stamp}`;
    const dir = req.out ? (jobs.length === 1 ? resolve(req.out) : join(resolve(req.out), runId)) : join(resolveReportsDir(), runId);
    const info = { runId, scenario: scenario.name, stack: stack.name, backend: req.backend, seed };
    for (const r of reporters) await r.onRunStart?.(info);
    const started = performance.now();
    let record;
    try {
      record = await executeRun(scenario, stack, {
        backend: req.backend,
        seed,
        signal: req.signal,
        local: req.local,
        agentRecording: req.agentRecording,
        onWorldStarted: req.onWorldStarted,
        onEvent: (e) => reporters.forEach((r) => r.onEvent?.(e)),
      });
    } catch (err) {
      for (const r of reporters) await r.onRunFailed?.(info, err, dir);
      throw err;
    }
    const result: RunResult = { runId, record, scorecard: scoreRun(record), wallMs: performance.now() - started };
    for (const r of reporters) await r.onRunEnd?.(result, dir);
    results.push(result);
  }
  for (const r of reporters) await r.onSuiteEnd?.(results);
  return results;
}

/** scenario x --stack x seed, or a suite's own scenario x stack x seed list. */
async function planJobs(req: DrillRequest): Promise<Job[]> {
  const stacks = new Map<string, Promise<Stack>>();
  const stackOf = (file: string): Promise<Stack> => {
    if (!stacks.has(file)) stacks.set(file, loadStack(file).then((s) => (checkStackTools(s), s)));
    return stacks.get(file)!;
  };
  const jobs: Job[] = [];
  for (const arg of req.scenarios) {
    const file = resolveBuiltin(arg, BUILTIN_SCENARIOS);
    if (await isSuite(file)) {
      const suite = await loadSuite(file, { scenarios: BUILTIN_SCENARIOS, stacks: BUILTIN_STACKS });
      for (const job of suite.jobs) jobs.push({ scenario: await loadScenario(job.scenarioFile), stack: await stackOf(job.stackFile), seed: job.seed });
      continue;
    }
    const scenario = await loadScenario(file);
    for (const name of [req.stack].flat()) {
      const stack = await stackOf(resolveBuiltin(name, BUILTIN_STACKS));
      for (let i = 0; i < req.repeat; i++) jobs.push({ scenario, stack, seed: req.seed + i });
    }
  }
  return jobs;
}

async function isSuite(file: string): Promise<boolean> {
  try {
    return (parse(await readText(file)) as { kind?: unknown } | null)?.kind === 'Suite';
  } catch {
    return false; // the scenario loader reports the file's real problem
  }
}
