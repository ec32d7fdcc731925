import { executeRun, type RunOptions } from '../runner/execute-run.ts';
import { scoreRun } from '../scoring/score-run.ts';
import type { RunResult } from './run-result.ts';
import type { PlannedRun } from './suite-plan.ts';

/**
 * One run as a worker thread receives it: plain data (structured-cloned), so it runs the same in
 * this thread or in a pool's worker. Each run builds its own world, clock, timeline and rng from
 * its seed (executeRun), so where it runs does not change what it writes.
 */
export interface RunTask {
  run: PlannedRun;
  /** This attempt's id (the run's folder name plus the suite's wall-clock stamp). */
  runId: string;
  backend: RunOptions['backend'];
  local?: RunOptions['local'];
  cluster?: RunOptions['cluster'];
  agentRecording?: RunOptions['agentRecording'];
  /** The run's repository, made ahead by the pool (see prefetch-workspaces.ts). */
  workspace?: RunOptions['workspace'];
}

/** Runs a task to its end and scores it. */
export async function executeTask(task: RunTask, hooks: Pick<RunOptions, 'signal' | 'onEvent' | 'onWorldStarted'>): Promise<RunResult> {
  const started = performance.now();
  const record = await executeRun(task.run.scenario, task.run.stack, {
    backend: task.backend,
    seed: task.run.seed,
    local: task.local,
    cluster: task.cluster,
    agentRecording: task.agentRecording,
    workspace: task.workspace,
    ...hooks,
  });
  return { runId: task.runId, record, scorecard: scoreRun(record), wallMs: performance.now() - started };
}
