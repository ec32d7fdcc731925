import type { RunOptions } from '../runner/execute-run.ts';
import type { TimelineEvent } from '../timeline/events.ts';
import type { World } from '../world/world.ts';
import type { LocalOptions } from '../world/local/local-options.ts';
import { UserInputError } from '../util/errors.ts';
import type { ClusterOptions } from '../world/cluster/cluster-options.ts';
import { buildPlanResult } from './build-suite-result.ts';
import { runDirName, runKeyId, type RunKey } from './run-key.ts';
import type { RunInfo, RunResult } from './run-result.ts';
import { RunStore } from './run-store.ts';
import { runInPool } from './run-in-pool.ts';
import { executeTask, type RunTask } from './run-task.ts';
import { keyOfRun, type PlannedRun, type SuitePlan } from './suite-plan.ts';
import type { RunSummary, SuiteResult } from './suite-result.ts';

/**
 * What reporters hear while a suite runs (vitest's shape: every hook optional). Run hooks get the
 * run's folder; onSuiteEnd gets the suite's. Each run's hooks come in plan order, whatever order
 * runs finish in: with --jobs 1 live as it runs; with a pool, a run's hooks (its events replayed
 * from its timeline) once it and every run before it in the plan have finished.
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
  /** Needs the world in this thread: only with jobs 1. */
  onWorldStarted?: (world: World) => void | Promise<void>;
  /** Part of each attempt's run id (a wall-clock stamp); never written into the run's files. */
  stamp?: string;
  /** Runs at once, each in a worker thread (default 1: one after another in this thread). */
  jobs?: number;
}

/** One pending run as both ways of running see it: what to run, where its files go, its hooks' info. */
export interface SuiteSlot {
  task: RunTask;
  key: RunKey;
  dirName: string;
  dir: string;
  info: RunInfo;
}

/**
 * Runs a suite's plan, scoring each run and streaming it to disk as it ends (one after another,
 * or `jobs` at once in worker threads); then judges the whole. A run that fails to finish stops
 * the suite (what finished is kept; `--resume` continues). The result does not depend on the
 * order runs finish in: buildSuiteResult sorts by key.
 */
export async function runSuite(plan: SuitePlan, opts: SuiteOptions): Promise<SuiteResult> {
  const observers = opts.observers ?? [];
  const journal = plan.fromSuiteFile || plan.runs.length > 1 || plan.shard !== undefined;
  const store = new RunStore(opts.dir, journal);
  const shard = plan.shard ? { shard: `${plan.shard.index}/${plan.shard.count}` } : {};
  const resumed = await store.open({ suite: plan.name, backend: plan.backend, ...shard }, opts.resume ?? false);
  const done = new Set(resumed.map(runKeyId));
  const slots = plan.runs.filter((r) => !done.has(runKeyId(keyOfRun(r)))).map((r) => makeSlot(plan, r, store, opts));
  const jobs = Math.min(opts.jobs ?? 1, slots.length);
  if (jobs > 1 && opts.onWorldStarted) throw new UserInputError('a suite in worker threads cannot hand its worlds to this thread (--serve-api)', { hint: 'use --jobs 1' });
  for (const o of observers) await o.onSuiteStart?.(plan, opts.dir, resumed);
  const finished = jobs > 1 ? await runInPool(slots, jobs, store, observers, opts.signal) : await runInOrder(slots, store, observers, opts);
  const suite = buildPlanResult(plan, [...resumed, ...finished]);
  for (const o of observers) await o.onSuiteEnd?.(suite, opts.dir);
  return suite;
}

function makeSlot(plan: SuitePlan, run: PlannedRun, store: RunStore, opts: SuiteOptions): SuiteSlot {
  const key = keyOfRun(run);
  const dirName = runDirName(key, plan.backend);
  const info: RunInfo = { runId: `${dirName}${opts.stamp ? `-${opts.stamp}` : ''}`, ...key, backend: plan.backend };
  const task: RunTask = { run, runId: info.runId, backend: plan.backend, local: opts.local, cluster: opts.cluster, agentRecording: opts.agentRecording };
  return { task, key, dirName, dir: store.runDir(dirName), info };
}

/** One after another in this thread, observers hearing each event as it happens. */
async function runInOrder(slots: SuiteSlot[], store: RunStore, observers: SuiteObserver[], opts: SuiteOptions): Promise<RunSummary[]> {
  const summaries: RunSummary[] = [];
  for (const slot of slots) {
    for (const o of observers) await o.onRunStart?.(slot.info);
    const events: TimelineEvent[] = [];
    let result: RunResult;
    try {
      result = await executeTask(slot.task, {
        signal: opts.signal,
        onWorldStarted: opts.onWorldStarted,
        onEvent: (e) => {
          events.push(e);
          for (const o of observers) o.onEvent?.(e);
        },
      });
    } catch (err) {
      await store.writeUnfinished(slot.dirName, events);
      for (const o of observers) await o.onRunFailed?.(slot.info, err, slot.dir);
      throw err;
    }
    summaries.push(await store.writeRun(result, slot.key, slot.dirName));
    for (const o of observers) await o.onRunEnd?.(result, slot.dir);
  }
  return summaries;
}
