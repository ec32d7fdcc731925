import type { Clock } from './clock.ts';
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
export class VirtualClock implements Clock {
  private t: number;
  private readonly queue = new EventQueue();
  private activity = 0;
  private readonly quietTicks: number;

  constructor(start = 0, opts: { quietTicks?: number } = {}) {
    this.t = start;
    this.quietTicks = opts.quietTicks ?? 6;
  }

  now(): number {
    return this.t;
  }

  schedule(at: number, fn: () => void): () => void {
    this.activity++;
    const ev = this.queue.push(Math.max(at, this.t), fn);
    return () => {
      ev.cancelled = true;
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const cancel = this.schedule(this.t + Math.max(0, ms), () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      const onAbort = (): void => {
        cancel();
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
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
  async runUntil(end: number, shouldStop?: () => boolean): Promise<number> {
    let count = 0;
    await this.drain();
    for (;;) {
      const next = this.queue.peek();
      if (!next || next.at > end) break;
      this.queue.pop();
      if (next.cancelled) continue;
      this.t = next.at;
      next.fn();
      count++;
      await this.drain();
      if (shouldStop?.()) return count;
    }
    this.t = Math.max(this.t, end);
    return count;
  }

  private async drain(): Promise<void> {
    let quiet = 0;
    let seen = this.activity;
    while (quiet < this.quietTicks) {
      await null;
      if (this.activity !== seen) {
        seen = this.activity;
        quiet = 0;
      } else {
        quiet++;
      }
    }
  }
}
