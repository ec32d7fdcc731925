import { parentPort } from 'node:worker_threads';
import type { TimelineEvent } from '../timeline/events.ts';
import { carryError, type CarriedError } from './carried-error.ts';
import { executeTask, type RunTask } from './run-task.ts';
import { carryResult, type CarriedResult } from './carried-result.ts';

/** What the pool sends a worker: a run to do, or a stop for the one it is doing. */
export type WorkerRequest = { type: 'run'; task: RunTask } | { type: 'abort' };

/** What a worker answers, once per run: the scored result, or how far it got and why it stopped. */
export type WorkerReply = { type: 'done'; carried: CarriedResult } | { type: 'failed'; events: TimelineEvent[]; error: CarriedError };

/**
 * A worker thread of the suite's pool (run-pool.ts): runs one task at a time, as the suite would
 * in its own thread. An abort stops the run the way Ctrl-C does (executeRun cleans up its world,
 * workspace and processes), so the pool never has to kill a thread mid-run.
 */
const port = parentPort;
if (!port) throw new Error('run-worker.ts runs as a worker thread of the suite pool');
let current: AbortController | undefined;

port.on('message', (m: WorkerRequest) => {
  if (m.type === 'abort') {
    current?.abort();
    return;
  }
  void runTask(m.task);
});

async function runTask(task: RunTask): Promise<void> {
  const stop = new AbortController();
  current = stop;
  const events: TimelineEvent[] = [];
  let reply: WorkerReply;
  try {
    reply = { type: 'done', carried: carryResult(await executeTask(task, { signal: stop.signal, onEvent: (e) => events.push(e) })) };
  } catch (err) {
    reply = { type: 'failed', events, error: carryError(err) };
  }
  current = undefined;
  port!.postMessage(reply);
}
