import type { LoadCounters } from './http-load-generator.ts';

/** The user load of a local run: the built-in generator or k6, both recording ground truth as requests settle. */
export interface LoadDriver {
  readonly kind: 'builtin' | 'k6';
  /** Starts arrivals now, for `durationMs` of real time. */
  start(durationMs: number): void | Promise<void>;
  /** Stops arrivals; requests in flight are abandoned (they end with the run). */
  stop(): Promise<void>;
  counters(): LoadCounters;
  /**
   * Virtual ms before which every request's outcome is recorded (outcomes are recorded when
   * requests settle, and stamped with their start).
   */
  completeBefore(now: number): number;
}
