import { Worker } from 'node:worker_threads';
import { resolveTsxApi } from '../world/local/tsx-loader.ts';
import { InfraError } from '../util/errors.ts';
import { carryError } from './carried-error.ts';
import type { RunTask } from './run-task.ts';
import type { WorkerReply, WorkerRequest } from './run-worker.ts';

/** How long a worker gets to clean up a run after an abort before its thread is terminated. */
const ABORT_GRACE_MS = 30_000;

/**
 * Worker threads that run a suite's tasks, at most `size` at once, in the order they are asked
 * for. Threads, not child processes: a sim run is CPU-bound JS that needs its own event loop and
 * module instances (each worker has both), not its own process; threads cannot outlive the CLI
 * (no orphan Node processes, whatever kills it), never receive the terminal's Ctrl-C themselves
 * (the suite stops them with an abort, the same clean stop as in one thread), and start faster.
 */
export class RunPool {
  private readonly idle: PoolWorker[] = [];
  /** Tasks waiting for a worker, in the order they asked, each with the signal that may drop it. */
  private waiting: Waiter[] = [];
  /** Signals the pool listens to: one listener each, however many tasks wait on it (a nightly suite queues thousands). */
  private readonly watched = new WeakSet<AbortSignal>();
  private readonly all = new Set<PoolWorker>();
  private closed = false;

  constructor(private readonly size: number) {}

  /**
   * Runs a task on the next free worker; undefined when `signal` stopped it before it started.
   * `makeTask` runs once a worker is free (it may finish what the task needs, e.g. its workspace);
   * when it fails, the run fails with its error, as if the worker had met it.
   */
  async run(makeTask: () => Promise<RunTask>, signal: AbortSignal): Promise<WorkerReply | undefined> {
    const worker = await this.acquire(signal);
    if (!worker) return undefined;
    try {
      let task: RunTask;
      try {
        task = await makeTask();
      } catch (err) {
        return { type: 'failed', events: [], error: carryError(err) };
      }
      return await worker.run(task, signal);
    } finally {
      this.release(worker);
    }
  }

  /** Ends every thread (runs must be over or aborted first: this does not wait for them). */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.wake(undefined);
    await Promise.all([...this.all].map((w) => w.terminate()));
  }

  private acquire(signal: AbortSignal): Promise<PoolWorker | undefined> {
    if (signal.aborted || this.closed) return Promise.resolve(undefined);
    let free = this.idle.pop();
    while (free?.dead) {
      this.all.delete(free);
      free = this.idle.pop();
    }
    free ??= this.all.size < this.size ? this.spawn() : undefined;
    if (free) return Promise.resolve(free);
    return new Promise((resolve) => {
      this.waiting.push({ signal, wake: resolve });
      if (this.watched.has(signal)) return;
      this.watched.add(signal);
      signal.addEventListener('abort', () => this.dropWaiters(signal), { once: true });
    });
  }

  /** The waiting tasks of an aborted signal learn that they will not start. */
  private dropWaiters(signal: AbortSignal): void {
    const dropped = this.waiting.filter((w) => w.signal === signal);
    this.waiting = this.waiting.filter((w) => w.signal !== signal);
    for (const w of dropped) w.wake(undefined);
  }

  private release(worker: PoolWorker): void {
    if (worker.dead) {
      this.all.delete(worker);
      const next = this.waiting.shift();
      if (next) next.wake(this.closed ? undefined : this.spawn());
      return;
    }
    const next = this.waiting.shift();
    if (next) next.wake(worker);
    else this.idle.push(worker);
  }

  private spawn(): PoolWorker {
    const w = new PoolWorker();
    this.all.add(w);
    return w;
  }
}

interface Waiter {
  signal: AbortSignal;
  wake: (w: PoolWorker | undefined) => void;
}

/** One worker thread and the run it is doing. */
class PoolWorker {
  dead = false;
  private readonly thread: Worker;
  private pending: ((reply: WorkerReply) => void) | undefined;

  constructor() {
    this.thread = startWorkerThread();
    this.thread.on('message', (reply: WorkerReply) => this.settle(reply));
    this.thread.on('error', (err) => this.die(`its thread failed: ${err.message}`));
    this.thread.on('exit', (code) => this.die(`its thread exited with code ${code}`));
  }

  run(task: RunTask, signal: AbortSignal): Promise<WorkerReply> {
    return new Promise((resolve) => {
      let killTimer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        this.post({ type: 'abort' });
        killTimer = setTimeout(() => void this.terminate(), ABORT_GRACE_MS);
      };
      this.pending = (reply) => {
        clearTimeout(killTimer);
        signal.removeEventListener('abort', onAbort);
        resolve(reply);
      };
      if (this.dead) return this.die('its thread had stopped');
      this.post({ type: 'run', task });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  async terminate(): Promise<void> {
    this.dead = true;
    await this.thread.terminate();
  }

  private post(m: WorkerRequest): void {
    this.thread.postMessage(m);
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.(reply);
  }

  /** The thread is gone: the run it held (if any) failed as infrastructure, not as the drill. */
  private die(why: string): void {
    this.dead = true;
    const err = new InfraError(`a suite worker stopped before its run ended: ${why}`, { hint: 'run the suite again with --resume (finished runs are kept), or with --jobs 1 to see the failure in one thread' });
    this.settle({ type: 'failed', events: [], error: { name: err.name, message: err.message, hint: err.hint, exitCode: err.exitCode } });
  }
}

const WORKER_YOUNG_GENERATION_MB = 192;

/**
 * A worker thread for runs, the way this harness itself runs: compiled (dist/*.js) as it is, or
 * from the sources (tsx: development, tests) through a bootstrap that registers tsx in the thread
 * before importing the TypeScript entry.
 */
function startWorkerThread(): Worker {
  const compiled = import.meta.url.endsWith('.js');
  const entry = new URL(`./run-worker.${compiled ? 'js' : 'ts'}`, import.meta.url);
  // A drill allocates short-lived objects per request (replies, log lines, samples): with V8's
  // default young generation they spill into scavenges that cost ~10% of a worker's CPU (maturity
  // suite, --jobs 2: 99 -> 90 CPU s with 192 MB; results unchanged). Old space keeps its default.
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
  if (compiled) return new Worker(entry, { resourceLimits });
  const bootstrap = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits, workerData: { tsx: resolveTsxApi(), entry: entry.href } });
}
