import { executeRun, type RunOptions } from '../runner/execute-run.ts';
import { scoreRun } from '../scoring/score-run.ts';
import type { TimelineEvent } from '../timeline/events.ts';
import type { World } from '../world/world.ts';
import type { LocalOptions } from '../world/local/local-options.ts';
import type { ClusterOptions } from '../world/cluster/cluster-options.ts';
import { buildSuiteResult } from './build-suite-result.ts';
import { runDirName, runKeyId, type RunKey } from './run-key.ts';
import type { RunInfo, RunResult } from './run-result.ts';
import { RunStore } from './run-store.ts';
import type { PlannedRun, SuitePlan } from './suite-plan.ts';
import type { RunSummary, SuiteResult } from './suite-result.ts';

/**
 * What reporters hear while a suite runs (vitest's shape: every hook optional). Run hooks get the
 * run's folder; onSuiteEnd gets the suite's.
 */
export interface SuiteObserver {
  onSuiteStart?(plan: SuitePlan, dir: string, resumed: readonly RunSummary[]): void | Promise<void>;
  onRunStart?(info: RunInfo): void | Promise<void>;
  onEvent?(event: TimelineEvent): void;
  onRunEnd?(result: RunResult, dir: string): void | Promise<void>;
  /** The run stopped before it finished (interrupted, or a process failed): nothing to score. */
  onRunFailed?(info: RunInfo, error: unknown, dir: string): void | Promise<void>;
  onSuiteEnd?(suite: SuiteResult, dir: string): void | Promise<void>;
}

export interface SuiteOptions {
  /** The suite's folder; for a plan of one run outside a suite file, the run's own folder. */
  dir: string;
  /** Continue the suite whose journal is in `dir`: finished runs are kept, the rest run. */
  resume?: boolean;
  observers?: SuiteObserver[];
  signal?: AbortSignal;
  local?: LocalOptions;
  cluster?: ClusterOptions;
  /** --agent-record / --agent-replay, for every run of the suite. */
  agentRecording?: RunOptions['agentRecording'];
  onWorldStarted?: (world: World) => void | Promise<void>;
  /** Part of each attempt's run id (a wall-clock stamp); never written into the run's files. */
  stamp?: string;
}

/**
 * Runs a suite's plan, one run after another in plan order, scoring each and streaming it to
 * disk as it ends; then judges the whole. A run that fails to finish stops the suite (what
 * finished is kept; `--resume` continues). The result does not depend on the order runs finish
 * in: buildSuiteResult sorts by key.
 */
export async function runSuite(plan: SuitePlan, opts: SuiteOptions): Promise<SuiteResult> {
  const observers = opts.observers ?? [];
  const journal = plan.fromSuiteFile || plan.runs.length > 1;
  const store = new RunStore(opts.dir, journal);
  const resumed = await store.open({ suite: plan.name, backend: plan.backend }, opts.resume ?? false);
  const done = new Set(resumed.map(runKeyId));
  for (const o of observers) await o.onSuiteStart?.(plan, opts.dir, resumed);
  const summaries: RunSummary[] = [...resumed];
  for (const run of plan.runs) {
    const key: RunKey = { scenario: run.scenario.name, stack: run.stack.name, seed: run.seed };
    if (done.has(runKeyId(key))) continue;
    summaries.push(await runOne(plan, run, key, store, observers, opts));
  }
  const suite = buildSuiteResult({
    name: plan.name,
    description: plan.description,
    backend: plan.backend,
    planned: plan.runs.length,
    scenarios: uniqueBy(plan.runs.map((r) => ({ name: r.scenario.name, description: r.scenario.description, truth: r.scenario.truth }))),
    stacks: uniqueBy(plan.runs.map((r) => ({ name: r.stack.name, level: r.stack.level, ...(r.stack.agent ? { agent: r.stack.agent.use } : {}) }))),
    expectations: plan.expectations,
    runs: summaries,
  });
  for (const o of observers) await o.onSuiteEnd?.(suite, opts.dir);
  return suite;
}

async function runOne(plan: SuitePlan, run: PlannedRun, key: RunKey, store: RunStore, observers: SuiteObserver[], opts: SuiteOptions): Promise<RunSummary> {
  const dirName = runDirName(key, plan.backend);
  const dir = store.runDir(dirName);
  const info: RunInfo = { runId: `${dirName}${opts.stamp ? `-${opts.stamp}` : ''}`, ...key, backend: plan.backend };
  for (const o of observers) await o.onRunStart?.(info);
  const events: TimelineEvent[] = [];
  const started = performance.now();
  let record;
  try {
    record = await executeRun(run.scenario, run.stack, {
      backend: plan.backend,
      seed: run.seed,
      signal: opts.signal,
      local: opts.local,
      cluster: opts.cluster,
      agentRecording: opts.agentRecording,
      onWorldStarted: opts.onWorldStarted,
      onEvent: (e) => {
        events.push(e);
        for (const o of observers) o.onEvent?.(e);
      },
    });
  } catch (err) {
    await store.writeUnfinished(dirName, events);
    for (const o of observers) await o.onRunFailed?.(info, err, dir);
    throw err;
  }
  const result: RunResult = { runId: info.runId, record, scorecard: scoreRun(record), wallMs: performance.now() - started };
  const summary = await store.writeRun(result, key, dirName);
  for (const o of observers) await o.onRunEnd?.(result, dir);
  return summary;
}

function uniqueBy<T extends { name: string }>(items: T[]): T[] {
  return [...new Map(items.map((i) => [i.name, i])).values()];
}
