import type { Clock, Held } from './clock.ts';
import { EventQueue } from './event-queue.ts';

/**
 * Discrete-event virtual time. `runUntil` pops events in time order; between events it lets the
 * promise continuations that an event released run to their next suspension point, so async code
 * (`await clock.sleep(…)`, `await ctx.call(…)`) observes the right `now()`.
 *
 * How it knows they have: each event runs inside a microtask, which then queues a
 * process.nextTick. Node runs a tick queued from a microtask only once V8's microtask queue is
 * empty (processTicksAndRejections: ticks, then runMicrotasks to the end, then ticks again), i.e.
 * once every continuation has reached its next wait, on the clock or on real I/O, however long
 * its chain of promises. One tick per event: polling the queue one `await null` at a time until
 * a few pass quietly cost ~6 microtasks an event (~4.6 million in a 30-minute cascade drill)
 * and could let a long chain see a later now(); a setImmediate per event costs ~1 µs.
 */
/** Events between two yields to the macrotask queue. */
const YIELD_EVERY = 20_000;
/** An already-settled promise: a reaction on it runs in the microtask queue. */
const SETTLED = Promise.resolve();

/** Where sleep's shared executor queues the resolver: set just before `new Promise` calls it (synchronously). */
let wakeQueue: EventQueue | undefined;
let wakeAt = 0;

function queueResolver(resolve: () => void): void {
  wakeQueue!.push(wakeAt, resolve);
}

export class VirtualClock implements Clock {
  private t: number;
  private readonly queue = new EventQueue();
  /** Work in flight that time waits for (see hold). */
  private readonly holds = new Set<Promise<unknown>>();

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  schedule(at: number, fn: () => void): () => void {
    const handle = this.queue.push(Math.max(at, this.t), fn);
    return () => this.queue.cancel(handle);
  }

  /** Like schedule, for events that are never cancelled: no closure. */
  enqueue(at: number, fn: () => void): void {
    this.queue.push(Math.max(at, this.t), fn);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (!signal) {
      // Hot path (every ctx.work in the sim): the resolver is the event, and the executor is one
      // shared function (a closure per sleep was an allocation per event).
      wakeQueue = this.queue;
      wakeAt = this.t + Math.max(0, ms);
      const woken = new Promise<void>(queueResolver);
      wakeQueue = undefined; // a finished run's queue must not stay reachable from here
      return woken;
    }
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const cancel = this.schedule(this.t + Math.max(0, ms), () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      const onAbort = (): void => {
        cancel();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Virtual time stands still until `work` settles: runUntil runs no further event meanwhile, so
   * an agent, a git command or a test run takes no virtual time unless its caller charges some.
   */
  hold<T>(work: Promise<T>): Promise<Held<T>> {
    const started = performance.now();
    const held = work.then((value) => ({ value, wallMs: performance.now() - started }));
    const settled: Promise<unknown> = held.then(
      (): boolean => this.holds.delete(settled),
      (): boolean => this.holds.delete(settled),
    );
    this.holds.add(settled);
    return held;
  }

  /** Number of pieces of work time is waiting for. */
  get held(): number {
    return this.holds.size;
  }

  /** Number of events waiting. */
  get pending(): number {
    return this.queue.size;
  }

  /**
   * Runs events with time <= `end`, then sets now() to `end`. Returns the number of events run.
   * `shouldStop` is checked after each event (e.g. a run that ended early).
   */
  runUntil(end: number, shouldStop?: () => boolean, signal?: AbortSignal): Promise<number> {
    return new Promise((resolve, reject) => {
      const queue = this.queue;
      let count = 0;
      const runNext = (): void => {
        if (count > 0 && shouldStop?.()) return resolve(count);
        if (this.holds.size > 0) {
          // Real work is in flight: wait for it in real time, then drain what it released.
          void this.waitForHolds(signal).then(() => (signal?.aborted ? resolve(count) : drain()));
          return;
        }
        if (!queue.hasLive() || queue.topAt() > end) {
          this.t = Math.max(this.t, end);
          return resolve(count);
        }
        this.t = queue.topAt();
        queue.pop()();
        count++;
        // Now and then let timers and signal handlers run (Ctrl-C must reach a long sim run).
        if (count % YIELD_EVERY === 0) setImmediate(() => void SETTLED.then(drain));
        else drain();
      };
      const step = (): void => {
        try {
          runNext();
        } catch (err) {
          reject(err);
        }
      };
      // The tick runs once the microtask queue is empty; the next event then runs in a microtask
      // again, so that the tick it queues waits for what that event released.
      const settled = (): void => void SETTLED.then(step);
      // Called only from microtasks: a tick queued from synchronous code would run before them.
      const drain = (): void => void process.nextTick(settled);
      void SETTLED.then(drain);
    });
  }

  /** Resolves once every held piece of work has settled, or the signal aborts. */
  private waitForHolds(signal?: AbortSignal): Promise<unknown> {
    const all = Promise.all([...this.holds]);
    if (!signal) return all;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const onAbort = (): void => resolve(undefined);
      signal.addEventListener('abort', onAbort, { once: true });
      void all.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(undefined);
      });
    });
  }
}
