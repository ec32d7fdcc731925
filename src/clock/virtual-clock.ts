import type { Clock, Held } from './clock.ts';
import { EventQueue } from './event-queue.ts';

/**
 * Discrete-event virtual time. `runUntil` pops events in time order; between events it lets the
 * promise continuations that an event released run to their next suspension point, so async code
 * (`await clock.sleep(…)`, `await ctx.call(…)`) observes the right `now()`.
 *
 * Why not setImmediate after every event: it costs ~0.7 µs per event, which alone would eat the
 * sim's budget (a 30-minute drill is ~10^6 events). Instead the clock drains microtasks with
 * `await null` until `quietTicks` consecutive ticks pass without anyone touching the clock.
 * Continuations that spin longer than that on non-clock promises are still run, only later
 * (never reordered nondeterministically): the simulation stays deterministic either way.
 */
/** Events between two yields to the macrotask queue. */
const YIELD_EVERY = 20_000;

export class VirtualClock implements Clock {
  private t: number;
  private readonly queue = new EventQueue();
  private activity = 0;
  private readonly quietTicks: number;
  /** Work in flight that time waits for (see hold). */
  private readonly holds = new Set<Promise<unknown>>();

  constructor(start = 0, opts: { quietTicks?: number } = {}) {
    this.t = start;
    this.quietTicks = opts.quietTicks ?? 4;
  }

  now(): number {
    return this.t;
  }

  schedule(at: number, fn: () => void): () => void {
    const ev = this.enqueue(at, fn);
    return () => {
      ev.cancelled = true;
    };
  }

  /** Like schedule, returning the queued event itself (set `cancelled` to drop it): no closure. */
  enqueue(at: number, fn: () => void): { cancelled: boolean } {
    this.activity++;
    return this.queue.push(Math.max(at, this.t), fn);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (!signal) {
      // Hot path (every ctx.work in the sim): no wrapper closures, the resolver is the event.
      return new Promise((resolve) => {
        this.activity++;
        this.queue.push(this.t + Math.max(0, ms), resolve as () => void);
      });
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
    this.activity++;
    return held;
  }

  /** Number of pieces of work time is waiting for. */
  get held(): number {
    return this.holds.size;
  }

  /** Marks that something happened at the current instant (keeps the microtask drain going). */
  touch(): void {
    this.activity++;
  }

  /** Number of events waiting. */
  get pending(): number {
    return this.queue.size;
  }

  /**
   * Runs events with time <= `end`, then sets now() to `end`. Returns the number of events run.
   * `shouldStop` is checked after each event (e.g. a run that ended early).
   */
  async runUntil(end: number, shouldStop?: () => boolean, signal?: AbortSignal): Promise<number> {
    let count = 0;
    const queue = this.queue;
    const quietTicks = this.quietTicks;
    for (;;) {
      // Drain inline (not a helper call): this loop runs once per event, ~10^6 times a drill.
      let quiet = 0;
      let seen = this.activity;
      while (quiet < quietTicks) {
        await null;
        if (this.activity !== seen) {
          seen = this.activity;
          quiet = 0;
        } else {
          quiet++;
        }
      }
      if (count > 0 && shouldStop?.()) return count;
      if (this.holds.size > 0) {
        // Real work is in flight: wait for it in real time, then drain what it released.
        await this.waitForHolds(signal);
        if (signal?.aborted) return count;
        continue;
      }
      let next = queue.peek();
      while (next && next.cancelled) {
        queue.pop();
        next = queue.peek();
      }
      if (!next || next.at > end) break;
      queue.pop();
      this.t = next.at;
      next.fn();
      count++;
      // Now and then let timers and signal handlers run (Ctrl-C must reach a long sim run).
      if (count % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    this.t = Math.max(this.t, end);
    return count;
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
